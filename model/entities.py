"""The typed ORM mapping of Overture's tables; the migrations own the DDL, these classes mirror it."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from model.clock import format_utc, parse_utc


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC instant stored as fixed-width text."""

    impl = String(26)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else format_utc(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else parse_utc(value)


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), str: Text()}


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 - SQLAlchemy's declarative convention

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    headline: Mapped[str] = mapped_column(default="")
    company: Mapped[str] = mapped_column(default="")
    position: Mapped[str] = mapped_column(default="")
    location: Mapped[str] = mapped_column(default="")
    time_zone: Mapped[str | None]
    time_zone_inferred: Mapped[bool] = mapped_column(default=False)
    profile_url: Mapped[str | None]
    network: Mapped[str] = mapped_column(default="linkedin")
    email: Mapped[str] = mapped_column(default="")
    tier: Mapped[str] = mapped_column(default="regular")
    notes: Mapped[str] = mapped_column(default="")
    stage: Mapped[str] = mapped_column(default="spotted")
    stage_entered_at: Mapped[datetime]
    stage_reason: Mapped[str] = mapped_column(default="")
    parked_from: Mapped[str | None]
    connected_at: Mapped[datetime | None]
    # Set to 1 by the statement that applies an imported fact; the schema's trigger records and clears it.
    stage_move_imported: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    tags: Mapped[list[Tag]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class Tag(Base):
    __tablename__ = "tags"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(primary_key=True)


class ProfileFact(Base):
    __tablename__ = "profile_facts"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str]
    text: Mapped[str]
    url: Mapped[str | None]
    noted_at: Mapped[datetime]


class Engagement(Base):
    __tablename__ = "engagements"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str]
    target: Mapped[str] = mapped_column(default="")
    comment: Mapped[str] = mapped_column(default="")
    occurred_at: Mapped[datetime]


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str]
    direction: Mapped[str]
    body: Mapped[str] = mapped_column(default="")
    intent: Mapped[str | None]
    intent_note: Mapped[str] = mapped_column(default="")
    sent_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    imported: Mapped[bool] = mapped_column(default=False)


class Draft(Base):
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str]
    body: Mapped[str] = mapped_column(default="")
    intent: Mapped[str | None]
    updated_at: Mapped[datetime]


class StageChange(Base):
    __tablename__ = "stage_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    from_stage: Mapped[str | None]
    to_stage: Mapped[str]
    moved_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(default="")
    imported: Mapped[bool] = mapped_column(default=False)


class NudgeState(Base):
    __tablename__ = "nudge_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL for nudges about the whole account (weekly request budget, note budget).
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str]
    snoozed_until: Mapped[datetime | None]
    dismissed_situation: Mapped[str | None]


class Template(Base):
    __tablename__ = "templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str]
    # Only a connection request's template may carry an intent; NULL means "any intent".
    intent: Mapped[str | None]
    name: Mapped[str]
    body: Mapped[str]
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Reminder(Base):
    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    # A wall-clock time in `zone` ('YYYY-MM-DD HH:MM'), not an instant: "09:00 their time" stays 09:00 across DST.
    wall_time: Mapped[str] = mapped_column(String(16))
    zone: Mapped[str]
    note: Mapped[str] = mapped_column(default="")
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[str]


class ImportedMessage(Base):
    """A message that came from an export, with the key that stops a re-import adding it again."""

    __tablename__ = "imported_messages"

    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True)
    source_key: Mapped[str]


class ImportedValue(Base):
    """What the last import wrote into one field of a contact: a different value now means the user edited it."""

    __tablename__ = "imported_values"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    fields: Mapped[str]  # a JSON object: field name -> value


class ImportRun(Base):
    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str]
    source: Mapped[str]
    imported_at: Mapped[datetime]
    added: Mapped[int]
    updated: Mapped[int]
    unchanged: Mapped[int]
    skipped: Mapped[int]
    messages: Mapped[int]
