"""What services return: frozen snapshots of domain data, never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from model.vocabulary import (
    Direction,
    EngagementKind,
    FactKind,
    Intent,
    MessageKind,
    Stage,
    Tier,
)


@dataclass(frozen=True)
class ContactSummary:
    id: int
    name: str
    company: str
    position: str
    headline: str
    profile_url: str | None
    stage: Stage
    stage_entered_at: datetime
    tier: Tier
    time_zone: str | None


@dataclass(frozen=True)
class FactRecord:
    id: int
    contact_id: int
    kind: FactKind
    text: str
    url: str | None
    noted_at: datetime


@dataclass(frozen=True)
class EngagementRecord:
    id: int
    contact_id: int
    kind: EngagementKind
    target: str
    comment: str
    occurred_at: datetime


@dataclass(frozen=True)
class MessageRecord:
    id: int
    contact_id: int
    kind: MessageKind
    direction: Direction
    body: str
    intent: Intent | None
    intent_note: str
    sent_at: datetime
    accepted_at: datetime | None
    withdrawn_at: datetime | None
    imported: bool


@dataclass(frozen=True)
class DraftRecord:
    id: int
    contact_id: int
    kind: MessageKind
    body: str
    intent: Intent | None
    updated_at: datetime


@dataclass(frozen=True)
class StageChangeRecord:
    from_stage: Stage | None
    to_stage: Stage
    moved_at: datetime
    reason: str
    imported: bool


@dataclass(frozen=True)
class ContactRecord:
    """A contact with everything the detail pane shows; lists are newest first."""

    id: int
    name: str
    headline: str
    company: str
    position: str
    location: str
    time_zone: str | None
    time_zone_inferred: bool
    profile_url: str | None
    network: str
    email: str
    tier: Tier
    tags: tuple[str, ...]
    notes: str
    stage: Stage
    stage_entered_at: datetime
    stage_reason: str
    parked_from: Stage | None
    connected_at: datetime | None
    created_at: datetime
    updated_at: datetime
    facts: tuple[FactRecord, ...] = ()
    engagements: tuple[EngagementRecord, ...] = ()
    messages: tuple[MessageRecord, ...] = ()
    drafts: tuple[DraftRecord, ...] = ()
    history: tuple[StageChangeRecord, ...] = ()


@dataclass(frozen=True)
class Moved:
    """A move that happened: the contact as it now is."""

    contact: ContactRecord


@dataclass(frozen=True)
class ContactState:
    """Everything stored about one contact at one moment; `rows` is empty when the contact did not exist."""

    contact_id: int
    rows: tuple[tuple[str, tuple[tuple[Any, ...], ...]], ...]

    @property
    def exists(self) -> bool:
        return bool(self.rows and self.rows[0][1])
