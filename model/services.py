"""Overture's services: one method per user intent, each one transaction, returning frozen records."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import func, literal_column, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from model import archive, history, nudge_query, sample
from model.clock import Clock, parse_utc
from model.contact_form import (
    EDITABLE,
    MAX_LONG_TEXT,
    ContactDraft,
    clean_contact,
    clean_text,
    enum_value,
)
from model.directory import ContactDirectory, ContactRow, load_rows
from model.entities import (
    Contact,
    Draft,
    Engagement,
    Message,
    NudgeState,
    ProfileFact,
    Reminder,
    Setting,
    StageChange,
    Tag,
    Template,
)
from model.errors import InvalidInput, NotFound
from model.importing import run as importing
from model.importing.plan import Decisions, ImportPlan, ImportResult
from model.importing.records import ImportBundle, Progress, no_progress
from model.names import name_sort_key
from model.note_analysis import SentNote
from model.nudges import NoteBudget, Nudge, NudgeKind, compute_nudges, note_budget
from model.own_profile import (
    SETTINGS_PREFIX,
    OwnProfile,
    changed_profile,
    profile_from_settings,
    profile_to_settings,
)
from model.pipeline import Refusal, StageFacts, can_request, check_move, request_stage_refusal
from model.records import (
    ContactRecord,
    ContactState,
    ContactSummary,
    DraftRecord,
    EngagementRecord,
    FactRecord,
    MessageRecord,
    Moved,
    StageChangeRecord,
)
from model.reminders import ReminderRecord, format_wall, parse_wall, wall_instant
from model.send_check import SendSituation, SendWarning, send_warnings
from model.settings import (
    Settings,
    decode,
    encode,
    settings_from_mapping,
    validate_time_zone,
)
from model.templates import Filled, TemplateRecord, clean_template, fill, template_values
from model.urls import checked_web_url
from model.vocabulary import (
    Direction,
    EngagementKind,
    FactKind,
    Intent,
    MessageKind,
    Stage,
    Tier,
)

MoveResult = Moved | Refusal
T = TypeVar("T", ProfileFact, Engagement, Message, Draft, Template, Reminder)


class _Keep(Enum):
    KEEP = "keep"


# "Leave this field as it is" where None is a meaningful new value (a template's intent).
KEEP = _Keep.KEEP

# The near-duplicate check compares a draft with this many of the newest notes sent: a template reused lately
# is what it should catch, and the comparison runs on every keystroke (about 1 ms per 200 notes).
SENT_NOTES_COMPARED = 200
# A logged time a little ahead of the clock is a skewed clock; a day ahead is a mistake.
FUTURE_SLACK = timedelta(minutes=5)


class Services:
    """The application's use cases over one database."""

    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, backup: Callable[[str], object] | None = None
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        # Risky bulk operations (imports) call this first with a label, e.g. the database's automatic backup.
        self._backup = backup or (lambda _label: None)

    # -- whole-database operations --------------------------------------------------------------------

    def import_archive(self, path: Path, *, dry_run: bool = False) -> archive.ArchiveSummary:
        """Restore a JSON archive into this (empty) database, after a backup; all or nothing."""
        return archive.import_archive(
            self._sessions, path, dry_run=dry_run, before_write=lambda: self._backup("import")
        )

    def export_archive(self, path: Path) -> archive.ArchiveSummary:
        return archive.export_archive(self._sessions, path, self._now())

    # -- imports and exports (model/importing) -----------------------------------------------------------

    def read_import(
        self,
        kind: importing.SourceKind,
        path: Path,
        mapping: Mapping[str, str] | None = None,
        progress: Progress = no_progress,
    ) -> ImportBundle:
        """Read a LinkedIn export, vCard or CSV file; raises ImportProblem naming the file, line and problem."""
        return importing.read_source(kind, path, mapping, progress)

    def preview_import(
        self, bundle: ImportBundle, decisions: Decisions | None = None, progress: Progress | None = None
    ) -> ImportPlan:
        """What importing `bundle` would do (new, updated, unchanged, skipped, what to decide); writes nothing."""
        with self._sessions.begin() as s:
            settings = self._settings(s)
        return importing.preview(self._sessions, bundle, settings, self._now(), decisions, progress)

    def run_import(
        self,
        bundle: ImportBundle,
        decisions: Decisions | None = None,
        progress: Progress | None = None,
        previewed: ImportPlan | None = None,
    ) -> ImportResult:
        """Import `bundle` with `decisions`, after a backup, in one transaction; `previewed` (the preview's plan) is
        applied as it is unless the database changed since."""
        with self._sessions.begin() as s:
            settings = self._settings(s)
        return importing.commit(
            self._sessions,
            bundle,
            settings,
            self._now(),
            decisions,
            lambda: self._backup("import"),
            self._fill_own_profile,
            progress,
            previewed,
        )

    def _fill_own_profile(self, s: Session, values: Mapping[str, str]) -> None:
        """Fill in the own-profile fields an export gives and the user has left empty (never overwrite theirs)."""
        current = self._own_profile(s)
        changes: dict[str, object] = {key: value for key, value in values.items() if not getattr(current, key)}
        if "about" in changes:
            changes["has_about"] = True  # a pasted About means the section exists
        if changes:
            updated = changed_profile(current, **changes)
            for key, value in profile_to_settings(updated, changes).items():
                s.merge(Setting(key=key, value=encode(value)))

    def export_contacts(self, kind: importing.ExportKind, path: Path) -> int:
        """Write every contact to a CSV (UTF-8 with BOM, formula-safe) or vCard 4.0 file; returns how many."""
        return importing.export_contacts(self._sessions, kind, path)

    def load_sample(self, count: int = 300) -> int:
        """A realistic, invented network for a first look (into an empty database only)."""
        return sample.load_sample(self._sessions, self._now(), count)

    # -- settings -------------------------------------------------------------------------------------

    def settings(self) -> Settings:
        with self._sessions.begin() as s:
            return self._settings(s)

    def update_settings(self, **changes: object) -> Settings:
        with self._sessions.begin() as s:
            updated = self._settings(s).changed(**changes)
            for key, value in updated.to_mapping().items():
                if key in changes:
                    s.merge(Setting(key=key, value=encode(value)))
            return updated

    @staticmethod
    def _settings(s: Session) -> Settings:
        stored = {row.key: decode(row.value) for row in s.scalars(select(Setting))}
        return settings_from_mapping(stored)

    # -- the user's own profile -----------------------------------------------------------------------

    def own_profile(self) -> OwnProfile:
        with self._sessions.begin() as s:
            return self._own_profile(s)

    def update_own_profile(self, **changes: object) -> OwnProfile:
        """Change some fields of the own-profile checklist (has_photo=True, headline=..., skills_count=4...)."""
        with self._sessions.begin() as s:
            updated = changed_profile(self._own_profile(s), **changes)
            for key, value in profile_to_settings(updated, changes).items():
                s.merge(Setting(key=key, value=encode(value)))
            return updated

    @staticmethod
    def _own_profile(s: Session) -> OwnProfile:
        rows = s.scalars(select(Setting).where(Setting.key.startswith(SETTINGS_PREFIX, autoescape=True)))
        return profile_from_settings({row.key: decode(row.value) for row in rows})

    # -- contacts -------------------------------------------------------------------------------------

    def add_contact(self, draft: ContactDraft) -> ContactRecord:
        clean = clean_contact(draft)
        now = self._now()
        with self._sessions.begin() as s:
            self._ensure_url_free(s, clean.network, clean.profile_url, None)
            contact = Contact(
                **{k: getattr(clean, k) for k in EDITABLE - {"tags"}},
                stage=Stage.SPOTTED.value,
                stage_entered_at=now,
                stage_reason="Added",
                created_at=now,
                updated_at=now,
                tags=[Tag(name=tag) for tag in clean.tags],
            )
            s.add(contact)
            s.flush()
            return self._record(s, contact)

    def edit_contact(self, contact_id: int, **changes: Any) -> ContactRecord:
        unknown = set(changes) - EDITABLE
        if unknown:
            raise InvalidInput(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
        with self._sessions.begin() as s:
            contact = self._contact(s, contact_id)
            current = ContactDraft(
                **{k: getattr(contact, k) for k in EDITABLE - {"tags"}}, tags=tuple(t.name for t in contact.tags)
            )
            merged = clean_contact(dataclasses.replace(current, **changes))
            self._ensure_url_free(s, merged.network, merged.profile_url, contact_id)
            for key in EDITABLE - {"tags"}:
                setattr(contact, key, getattr(merged, key))
            if merged.tags != current.tags:
                contact.tags = [Tag(name=tag) for tag in merged.tags]
            contact.updated_at = self._now()
            s.flush()
            return self._record(s, contact)

    def delete_contact(self, contact_id: int) -> None:
        with self._sessions.begin() as s:
            s.delete(self._contact(s, contact_id))

    def contact(self, contact_id: int) -> ContactRecord:
        with self._sessions.begin() as s:
            return self._record(s, self._contact(s, contact_id), full=True)

    def contacts(self, stage: Stage | None = None) -> list[ContactSummary]:
        query = text(
            "SELECT id, name, company, position, headline, profile_url, stage, stage_entered_at, tier, time_zone "
            "FROM contacts" + (" WHERE stage = :stage" if stage else "") + " ORDER BY id"
        )
        with self._sessions.begin() as s:
            rows = s.execute(query, {"stage": stage.value} if stage else {})
            listed = [
                ContactSummary(r[0], r[1], r[2], r[3], r[4], r[5], Stage(r[6]), parse_utc(r[7]), Tier(r[8]), r[9])
                for r in rows
            ]
        listed.sort(key=lambda c: name_sort_key(c.name))
        return listed

    def directory(self) -> ContactDirectory:
        """Every contact's list row, for the window's list and board."""
        with self._sessions.begin() as s:
            return ContactDirectory.of(load_rows(s.connection()))

    def contact_row(self, contact_id: int) -> ContactRow | None:
        """One contact's list row after a change; None when the contact no longer exists."""
        with self._sessions.begin() as s:
            rows = load_rows(s.connection(), [contact_id])
        return rows[0] if rows else None

    # -- profile facts and engagements ----------------------------------------------------------------

    def add_fact(self, contact_id: int, kind: FactKind | str, fact: str, url: str | None = None) -> FactRecord:
        kind = enum_value(FactKind, kind, "The kind of fact")
        fact = clean_text("The fact", fact, 2000)
        if not fact:
            raise InvalidInput("Write down the fact itself (for example the post's topic).")
        link = checked_web_url(url) if url and url.strip() else None
        with self._sessions.begin() as s:
            self._contact(s, contact_id)
            row = ProfileFact(contact_id=contact_id, kind=kind.value, text=fact, url=link, noted_at=self._now())
            s.add(row)
            s.flush()
            return _fact(row)

    def delete_fact(self, fact_id: int) -> None:
        with self._sessions.begin() as s:
            s.delete(self._get(s, ProfileFact, fact_id, "profile fact"))

    def log_engagement(
        self,
        contact_id: int,
        kind: EngagementKind | str,
        target: str = "",
        comment: str = "",
        at: datetime | None = None,
    ) -> EngagementRecord:
        """Record an engagement with their content; the first one moves a Spotted contact to Engaging."""
        kind = enum_value(EngagementKind, kind, "The kind of engagement")
        target = clean_text("What you engaged with", target, 2000)
        comment = clean_text("The comment", comment, MAX_LONG_TEXT)
        when = self._past_instant(at, "An engagement")
        with self._sessions.begin() as s:
            contact = self._contact(s, contact_id)
            row = Engagement(contact_id=contact_id, kind=kind.value, target=target, comment=comment, occurred_at=when)
            s.add(row)
            s.flush()
            if contact.stage == Stage.SPOTTED:
                self._apply_move(s, contact, Stage.ENGAGING, "First engagement logged")
            return _engagement(row)

    def delete_engagement(self, engagement_id: int) -> None:
        with self._sessions.begin() as s:
            s.delete(self._get(s, Engagement, engagement_id, "engagement"))

    # -- messages and the requests' lifecycle ---------------------------------------------------------

    def send_connection_request(
        self,
        contact_id: int,
        intent: Intent | str,
        body: str = "",
        intent_note: str = "",
        at: datetime | None = None,
    ) -> MoveResult:
        """Record a request the user sent (with its intent) and move the contact to Requested."""
        intent = enum_value(Intent, intent, "The intent")
        body = clean_text("The note", body, MAX_LONG_TEXT)
        intent_note = clean_text("The intent's description", intent_note)
        when = self._past_instant(at, "A request")
        with self._sessions.begin() as s:
            contact = self._contact(s, contact_id)
            settings = self._settings(s)
            facts = self._stage_facts(s, contact)
            refusal = request_stage_refusal(contact.name, Stage(contact.stage))
            if refusal is not None:
                return refusal
            refusal = can_request(facts, settings, when)
            if refusal is not None:
                return refusal
            s.add(
                Message(
                    contact_id=contact_id,
                    kind=MessageKind.CONNECTION_REQUEST.value,
                    direction=Direction.OUTGOING.value,
                    body=body,
                    intent=intent.value,
                    intent_note=intent_note,
                    sent_at=when,
                )
            )
            s.flush()
            self._apply_move(s, contact, Stage.REQUESTED, f"Request sent ({intent.value.replace('_', ' ')})", when)
            return Moved(self._record(s, contact))

    def record_acceptance(self, contact_id: int, at: datetime | None = None) -> MoveResult:
        return self.move_stage(contact_id, Stage.CONNECTED, at=at)

    def record_withdrawal(self, contact_id: int, at: datetime | None = None) -> MoveResult:
        return self.move_stage(contact_id, Stage.ENGAGING, at=at)

    def record_message(
        self,
        contact_id: int,
        kind: MessageKind | str,
        direction: Direction | str,
        body: str = "",
        at: datetime | None = None,
    ) -> MessageRecord:
        """Record a thank-you, follow-up or other message; the first one out after connecting starts Nurturing."""
        kind = enum_value(MessageKind, kind, "The kind of message")
        direction = enum_value(Direction, direction, "The direction")
        if kind is MessageKind.CONNECTION_REQUEST and direction is Direction.OUTGOING:
            raise InvalidInput("Record a connection request with its intent (send_connection_request).")
        body = clean_text("The message", body, MAX_LONG_TEXT)
        when = self._past_instant(at, "A message")
        with self._sessions.begin() as s:
            contact = self._contact(s, contact_id)
            row = Message(contact_id=contact_id, kind=kind.value, direction=direction.value, body=body, sent_at=when)
            s.add(row)
            s.flush()
            if (
                contact.stage == Stage.CONNECTED
                and direction is Direction.OUTGOING
                and contact.connected_at is not None
                and when >= contact.connected_at
            ):
                self._apply_move(s, contact, Stage.NURTURING, f"{kind.value.replace('_', '-').capitalize()} sent", when)
            return _message(row)

    def delete_message(self, message_id: int) -> None:
        with self._sessions.begin() as s:
            row = self._get(s, Message, message_id, "message")
            if row.kind == MessageKind.CONNECTION_REQUEST:
                contact = self._contact(s, row.contact_id)
                if contact.stage == Stage.REQUESTED and row.accepted_at is None and row.withdrawn_at is None:
                    raise InvalidInput(
                        f"This request is what keeps {contact.name} in Requested: record it as withdrawn instead."
                    )
            s.delete(row)

    def save_draft(
        self, contact_id: int, kind: MessageKind | str, body: str, intent: Intent | str | None = None
    ) -> DraftRecord:
        kind = enum_value(MessageKind, kind, "The kind of message")
        clean_intent = enum_value(Intent, intent, "The intent") if intent else None
        body = clean_text("The draft", body, MAX_LONG_TEXT)
        with self._sessions.begin() as s:
            self._contact(s, contact_id)
            row = s.scalar(select(Draft).where(Draft.contact_id == contact_id, Draft.kind == kind.value))
            if row is None:
                row = Draft(contact_id=contact_id, kind=kind.value)
                s.add(row)
            row.body, row.intent, row.updated_at = body, clean_intent.value if clean_intent else None, self._now()
            s.flush()
            return _draft(row)

    def delete_draft(self, draft_id: int) -> None:
        with self._sessions.begin() as s:
            s.delete(self._get(s, Draft, draft_id, "draft"))

    # -- the composer: templates, checks before a send, the note budget --------------------------------

    def templates(self, kind: MessageKind | str | None = None) -> list[TemplateRecord]:
        """The templates (of one kind), in the order the composer offers them."""
        query = select(Template)
        if kind is not None:
            query = query.where(Template.kind == enum_value(MessageKind, kind, "The kind of message").value)
        order = {member.value: index for index, member in enumerate(MessageKind)}
        with self._sessions.begin() as s:
            rows = [_template(r) for r in s.scalars(query)]
        rows.sort(key=lambda t: (order[t.kind.value], t.position, t.id))
        return rows

    def add_template(
        self, kind: MessageKind | str, name: str, body: str, intent: Intent | str | None = None
    ) -> TemplateRecord:
        clean_kind, clean_name, clean_body, clean_intent = clean_template(kind, name, body, intent)
        now = self._now()
        with self._sessions.begin() as s:
            self._ensure_template_name_free(s, clean_kind, clean_name, None)
            last = s.scalar(select(func.max(Template.position)).where(Template.kind == clean_kind.value))
            row = Template(
                kind=clean_kind.value,
                intent=clean_intent.value if clean_intent else None,
                name=clean_name,
                body=clean_body,
                position=0 if last is None else last + 1,
                created_at=now,
                updated_at=now,
            )
            s.add(row)
            s.flush()
            return _template(row)

    def edit_template(
        self,
        template_id: int,
        *,
        name: str | None = None,
        body: str | None = None,
        intent: Intent | str | _Keep | None = KEEP,
    ) -> TemplateRecord:
        """Change a template's name, body or intent (intent=None: any intent); what is not given stays."""
        with self._sessions.begin() as s:
            row = self._get(s, Template, template_id, "template")
            kind, clean_name, clean_body, clean_intent = clean_template(
                row.kind,
                row.name if name is None else name,
                row.body if body is None else body,
                row.intent if intent is KEEP else intent,
            )
            self._ensure_template_name_free(s, kind, clean_name, template_id)
            row.name, row.body = clean_name, clean_body
            row.intent = clean_intent.value if clean_intent else None
            row.updated_at = self._now()
            s.flush()
            return _template(row)

    def delete_template(self, template_id: int) -> None:
        with self._sessions.begin() as s:
            s.delete(self._get(s, Template, template_id, "template"))

    def fill_template(self, template_id: int, contact_id: int, intent: Intent | str | None = None) -> Filled:
        """The template's text for this contact; what Overture does not know stays as `{placeholder}`."""
        clean_intent = enum_value(Intent, intent, "The intent") if intent else None
        with self._sessions.begin() as s:
            template = _template(self._get(s, Template, template_id, "template"))
            contact = self._record(s, self._contact(s, contact_id), full=True)
            my_name = self._own_profile(s).name
        return fill(template.body, template_values(contact, clean_intent or template.intent, my_name))

    @staticmethod
    def _ensure_template_name_free(s: Session, kind: MessageKind, name: str, template_id: int | None) -> None:
        for other_id, other_name in s.execute(select(Template.id, Template.name).where(Template.kind == kind.value)):
            if other_id != template_id and other_name.casefold() == name.casefold():
                raise InvalidInput(f"There is already a {_KIND_LABELS[kind]} template called '{other_name}'.")

    def note_budget(self) -> NoteBudget:
        """Personalised notes sent this month against a free account's allowance (the NOTE_BUDGET nudge's count)."""
        now = self._now()
        with self._sessions.begin() as s:
            settings = self._settings(s)
            return note_budget(nudge_query.account_activity(s, settings, now), settings)

    def sent_notes(self, exclude_contact_id: int | None = None) -> list[SentNote]:
        """The newest connection notes sent to others, for the near-duplicate check (newest first)."""
        query = text(
            "SELECT c.name, m.body FROM messages m JOIN contacts c ON c.id = m.contact_id"
            " WHERE m.kind = 'connection_request' AND m.direction = 'outgoing' AND m.body != ''"
            " AND m.contact_id IS NOT :exclude ORDER BY m.sent_at DESC, m.id DESC LIMIT :limit"
        )
        with self._sessions.begin() as s:
            rows = s.execute(query, {"exclude": exclude_contact_id, "limit": SENT_NOTES_COMPARED})
            return [SentNote(name, body) for name, body in rows]

    def send_check(self, contact_id: int, kind: MessageKind | str) -> list[SendWarning]:
        """What to say before this send: what Overture would refuse to record first, then what to think about."""
        kind = enum_value(MessageKind, kind, "The kind of message")
        now = self._now()
        with self._sessions.begin() as s:
            contact = self._contact(s, contact_id)
            settings = self._settings(s)
            facts = self._stage_facts(s, contact)
            pending = self._pending_request(s, contact_id) if facts.has_pending_request else None
            situation = SendSituation(
                kind=kind,
                facts=facts,
                pending_request_at=pending.sent_at if pending else None,
                snapshot=nudge_query.contact_snapshot(s, settings, now, contact_id),
                activity=nudge_query.account_activity(s, settings, now),
                profile=self._own_profile(s),
            )
        return send_warnings(situation, settings, now)

    # -- reminders ------------------------------------------------------------------------------------

    def add_reminder(self, contact_id: int, wall: datetime, zone: str, note: str = "") -> ReminderRecord:
        """Remind the user to write to this contact when clocks in `zone` show `wall` ("09:00 their time")."""
        if wall.tzinfo is not None:
            raise InvalidInput(
                "Give the reminder's time as their clock shows it, without a zone: the zone is given separately."
            )
        if not 2000 <= wall.year <= 9998:
            raise InvalidInput(f"{wall.year} is not a year for a reminder.")
        zone = validate_time_zone(zone)
        note = clean_text("The reminder's note", note, 2000)
        wall = wall.replace(second=0, microsecond=0)
        now = self._now()
        if wall_instant(wall, zone) < now - FUTURE_SLACK:
            there = format_wall(now.astimezone(ZoneInfo(zone)))
            raise InvalidInput(f"{format_wall(wall)} has already passed in {zone} (it is {there} there now).")
        with self._sessions.begin() as s:
            self._contact(s, contact_id)
            row = Reminder(contact_id=contact_id, wall_time=format_wall(wall), zone=zone, note=note, created_at=now)
            s.add(row)
            s.flush()
            return _reminder(row)

    def reminders(self, contact_id: int) -> list[ReminderRecord]:
        """A contact's reminders: open ones first, soonest first; then the done ones."""
        with self._sessions.begin() as s:
            self._contact(s, contact_id)
            rows = [_reminder(r) for r in s.scalars(select(Reminder).where(Reminder.contact_id == contact_id))]
        rows.sort(key=lambda r: (r.done_at is not None, r.due_at, r.id))
        return rows

    def complete_reminder(self, reminder_id: int) -> ReminderRecord:
        with self._sessions.begin() as s:
            row = self._get(s, Reminder, reminder_id, "reminder")
            if row.done_at is None:
                row.done_at = self._now()
            s.flush()
            return _reminder(row)

    def delete_reminder(self, reminder_id: int) -> None:
        with self._sessions.begin() as s:
            s.delete(self._get(s, Reminder, reminder_id, "reminder"))

    # -- moving through the pipeline ------------------------------------------------------------------

    def move_stage(
        self, contact_id: int, target: Stage | str, reason: str = "", at: datetime | None = None
    ) -> MoveResult:
        """Move a contact (a drag on the board, a shortcut) if the rules allow it, or say why not.

        Requested -> Connected records the acceptance, Requested -> Engaging the withdrawal.
        """
        target = enum_value(Stage, target, "The stage")
        reason = clean_text("The reason", reason)
        when = self._past_instant(at, "A move")
        with self._sessions.begin() as s:
            contact = self._contact(s, contact_id)
            refusal = check_move(self._stage_facts(s, contact), target, self._settings(s), when)
            if refusal is not None:
                return refusal
            origin = Stage(contact.stage)
            if origin is Stage.REQUESTED and target in (Stage.CONNECTED, Stage.ENGAGING):
                pending = self._pending_request(s, contact_id)
                if pending is not None:
                    if when < pending.sent_at:
                        raise InvalidInput("The answer cannot come before the request was sent.")
                    if target is Stage.CONNECTED:
                        pending.accepted_at = when
                    else:
                        pending.withdrawn_at = when
                if target is Stage.CONNECTED:
                    contact.connected_at = (pending.accepted_at if pending else None) or when
                s.flush()
                reason = reason or ("Request accepted" if target is Stage.CONNECTED else "Request withdrawn")
            if target is Stage.PARKED:
                reason = reason or "Parked"
            self._apply_move(s, contact, target, reason, when)
            return Moved(self._record(s, contact))

    def park(self, contact_id: int, reason: str) -> MoveResult:
        if not reason.strip():
            raise InvalidInput("Say why you park this contact; it helps when you come back to them.")
        return self.move_stage(contact_id, Stage.PARKED, reason)

    def restore(self, contact_id: int) -> MoveResult:
        with self._sessions.begin() as s:
            contact = self._contact(s, contact_id)
            if contact.stage != Stage.PARKED or contact.parked_from is None:
                return Refusal(f"{contact.name} is not parked.")
            origin = Stage(contact.parked_from)
        return self.move_stage(contact_id, origin, "Restored")

    # -- nudges ---------------------------------------------------------------------------------------

    def nudges(self, now: datetime | None = None) -> list[Nudge]:
        moment = now or self._now()
        with self._sessions.begin() as s:
            settings = self._settings(s)
            return compute_nudges(
                nudge_query.snapshots(s, settings, moment),
                settings,
                moment,
                nudge_query.account_activity(s, settings, moment),
                nudge_query.nudge_states(s),
                nudge_query.reminder_snapshots(s, moment),
            )

    def snooze_nudge(self, contact_id: int | None, kind: NudgeKind | str, until: datetime) -> None:
        kind = _enum_kind(kind)
        if until.tzinfo is None or until <= self._now():
            raise InvalidInput("Snooze until a moment in the future.")
        with self._sessions.begin() as s:
            self._nudge_state(s, contact_id, kind).snoozed_until = until

    def dismiss_nudge(self, contact_id: int | None, kind: NudgeKind | str) -> None:
        """Hide a nudge until its situation changes (a new message, a new acceptance date...).

        A reminder has nothing left to wait for: dismissing its nudge completes it, and the contact's next due
        reminder, if any, shows.
        """
        kind = _enum_kind(kind)
        current = [n for n in self.nudges() if n.contact_id == contact_id and n.kind is kind]
        if not current:
            raise InvalidInput("There is no such nudge to dismiss right now.")
        if kind is NudgeKind.REMINDER:
            self.complete_reminder(int(current[0].situation))
            return
        with self._sessions.begin() as s:
            self._nudge_state(s, contact_id, kind).dismissed_situation = current[0].situation

    def _nudge_state(self, s: Session, contact_id: int | None, kind: NudgeKind) -> NudgeState:
        if contact_id is not None:
            self._contact(s, contact_id)
        row = s.scalar(
            select(NudgeState).where(
                NudgeState.contact_id.is_(None) if contact_id is None else NudgeState.contact_id == contact_id,
                NudgeState.kind == kind.value,
            )
        )
        if row is None:
            row = NudgeState(contact_id=contact_id, kind=kind.value)
            s.add(row)
        return row

    # -- undo and redo ----------------------------------------------------------------------------------

    def capture(self, contact_id: int) -> ContactState:
        """The contact's complete stored state, to put back later with `put_back` (undo/redo)."""
        with self._sessions.begin() as s:
            return history.capture(s.connection(), contact_id)

    def put_back(self, state: ContactState) -> None:
        """Restore a captured state exactly: the contact as it was, or gone if it did not exist."""
        with self._sessions.begin() as s:
            try:
                history.restore(s.connection(), state)
            except IntegrityError as error:
                raise InvalidInput(f"That change can no longer be undone: {error.orig}.") from None

    # -- helpers --------------------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self._clock()

    def _past_instant(self, at: datetime | None, what: str) -> datetime:
        now = self._now()
        if at is None:
            return now
        if at.tzinfo is None or at.utcoffset() is None:
            raise InvalidInput(f"{what} needs a time with its time zone.")
        if at > now + FUTURE_SLACK:
            raise InvalidInput(f"{what} cannot be in the future.")
        return at

    @staticmethod
    def _get(s: Session, model: type[T], row_id: int, what: str) -> T:
        row = s.get(model, row_id)
        if row is None:
            raise NotFound(f"That {what} no longer exists.")
        return row

    @staticmethod
    def _contact(s: Session, contact_id: int) -> Contact:
        contact = s.get(Contact, contact_id)
        if contact is None:
            raise NotFound(f"There is no contact #{contact_id} (it may have been deleted).")
        return contact

    @staticmethod
    def _ensure_url_free(s: Session, network: str, url: str | None, contact_id: int | None) -> None:
        if url is None:
            return
        other = s.execute(
            select(Contact.id, Contact.name).where(Contact.network == network, Contact.profile_url == url)
        ).first()
        if other is not None and other.id != contact_id:
            raise InvalidInput(f"{other.name} already has this profile URL ({url}).")

    @staticmethod
    def _pending_request(s: Session, contact_id: int) -> Message | None:
        return s.scalar(
            select(Message).where(
                Message.contact_id == contact_id,
                Message.kind == MessageKind.CONNECTION_REQUEST.value,
                Message.direction == Direction.OUTGOING.value,
                Message.accepted_at.is_(None),
                Message.withdrawn_at.is_(None),
            )
        )

    @staticmethod
    def _stage_facts(s: Session, contact: Contact) -> StageFacts:
        count, days = s.execute(
            select(func.count(), func.count(func.distinct(func.substr(text("occurred_at"), 1, 10)))).where(
                Engagement.contact_id == contact.id
            )
        ).one()
        # The unary "+" keeps SQLite from choosing an index of requests by kind (such as the one of everyone's
        # outgoing requests by time), which scans every request in the database (about 30 ms per query at 100,000
        # contacts) instead of this contact's few messages.
        kind = literal_column("+messages.kind", Message.kind.type)
        request = (Message.contact_id == contact.id) & (kind == MessageKind.CONNECTION_REQUEST.value)
        pending = s.scalar(
            select(func.count()).where(
                request,
                Message.accepted_at.is_(None),
                Message.withdrawn_at.is_(None),
                Message.direction == Direction.OUTGOING.value,
            )
        )
        accepted = s.scalar(select(func.count()).where(request, Message.accepted_at.is_not(None)))
        withdrawn = s.scalar(select(func.max(Message.withdrawn_at)).where(request))
        outgoing_since = 0
        if contact.connected_at is not None:
            outgoing_since = (
                s.scalar(
                    select(func.count()).where(
                        Message.contact_id == contact.id,
                        Message.direction == Direction.OUTGOING.value,
                        Message.kind != MessageKind.CONNECTION_REQUEST.value,
                        Message.sent_at >= contact.connected_at,
                    )
                )
                or 0
            )
        return StageFacts(
            name=contact.name,
            stage=Stage(contact.stage),
            parked_from=Stage(contact.parked_from) if contact.parked_from else None,
            engagement_count=count,
            engagement_days=days,
            has_pending_request=bool(pending),
            has_accepted_request=bool(accepted),
            last_withdrawn_at=withdrawn,
            connected_at=contact.connected_at,
            outgoing_since_connected=outgoing_since > 0,
        )

    def _apply_move(
        self, s: Session, contact: Contact, target: Stage, reason: str, when: datetime | None = None
    ) -> None:
        origin = Stage(contact.stage)
        contact.parked_from = origin.value if target is Stage.PARKED else None
        contact.stage = target.value
        contact.stage_entered_at = when or self._now()
        contact.stage_reason = reason
        contact.updated_at = self._now()
        try:
            s.flush()
        except IntegrityError as error:
            # The schema's own guard disagrees with the Python rules: a bug, never a user error.
            raise RuntimeError(f"The database refused a move the rules allowed ({origin} -> {target}).") from error

    def _record(self, s: Session, contact: Contact, *, full: bool = False) -> ContactRecord:
        facts: tuple[FactRecord, ...] = ()
        engagements: tuple[EngagementRecord, ...] = ()
        messages: tuple[MessageRecord, ...] = ()
        drafts: tuple[DraftRecord, ...] = ()
        history: tuple[StageChangeRecord, ...] = ()
        if full:
            cid = contact.id
            facts = tuple(
                _fact(r)
                for r in s.scalars(
                    select(ProfileFact).where(ProfileFact.contact_id == cid).order_by(ProfileFact.noted_at.desc())
                )
            )
            engagements = tuple(
                _engagement(r)
                for r in s.scalars(
                    select(Engagement).where(Engagement.contact_id == cid).order_by(Engagement.occurred_at.desc())
                )
            )
            messages = tuple(
                _message(r)
                for r in s.scalars(select(Message).where(Message.contact_id == cid).order_by(Message.sent_at.desc()))
            )
            drafts = tuple(_draft(r) for r in s.scalars(select(Draft).where(Draft.contact_id == cid)))
            history = tuple(
                StageChangeRecord(
                    Stage(r.from_stage) if r.from_stage else None,
                    Stage(r.to_stage),
                    r.moved_at,
                    r.reason,
                    r.imported,
                )
                for r in s.scalars(
                    select(StageChange).where(StageChange.contact_id == cid).order_by(StageChange.id.desc())
                )
            )
        return ContactRecord(
            id=contact.id,
            name=contact.name,
            headline=contact.headline,
            company=contact.company,
            position=contact.position,
            location=contact.location,
            time_zone=contact.time_zone,
            time_zone_inferred=contact.time_zone_inferred,
            profile_url=contact.profile_url,
            network=contact.network,
            email=contact.email,
            tier=Tier(contact.tier),
            tags=tuple(sorted((t.name for t in contact.tags), key=str.casefold)),
            notes=contact.notes,
            stage=Stage(contact.stage),
            stage_entered_at=contact.stage_entered_at,
            stage_reason=contact.stage_reason,
            parked_from=Stage(contact.parked_from) if contact.parked_from else None,
            connected_at=contact.connected_at,
            created_at=contact.created_at,
            updated_at=contact.updated_at,
            facts=facts,
            engagements=engagements,
            messages=messages,
            drafts=drafts,
            history=history,
        )


def _enum_kind(kind: object) -> NudgeKind:
    try:
        return NudgeKind(str(kind))
    except ValueError:
        raise InvalidInput(f"There is no kind of nudge called {kind!r}.") from None


def _fact(r: ProfileFact) -> FactRecord:
    return FactRecord(r.id, r.contact_id, FactKind(r.kind), r.text, r.url, r.noted_at)


def _engagement(r: Engagement) -> EngagementRecord:
    return EngagementRecord(r.id, r.contact_id, EngagementKind(r.kind), r.target, r.comment, r.occurred_at)


def _message(r: Message) -> MessageRecord:
    return MessageRecord(
        r.id,
        r.contact_id,
        MessageKind(r.kind),
        Direction(r.direction),
        r.body,
        Intent(r.intent) if r.intent else None,
        r.intent_note,
        r.sent_at,
        r.accepted_at,
        r.withdrawn_at,
        r.imported,
    )


_KIND_LABELS = {
    MessageKind.CONNECTION_REQUEST: "connection request",
    MessageKind.THANK_YOU: "thank-you",
    MessageKind.FOLLOW_UP: "follow-up",
    MessageKind.OTHER: "message",
}


def _template(r: Template) -> TemplateRecord:
    return TemplateRecord(
        r.id,
        MessageKind(r.kind),
        Intent(r.intent) if r.intent else None,
        r.name,
        r.body,
        r.position,
        r.created_at,
        r.updated_at,
    )


def _reminder(r: Reminder) -> ReminderRecord:
    wall = parse_wall(r.wall_time)
    return ReminderRecord(r.id, r.contact_id, wall, r.zone, r.note, wall_instant(wall, r.zone), r.created_at, r.done_at)


def _draft(r: Draft) -> DraftRecord:
    return DraftRecord(
        r.id, r.contact_id, MessageKind(r.kind), r.body, Intent(r.intent) if r.intent else None, r.updated_at
    )
