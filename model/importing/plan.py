"""Comparing what a file holds with the database (the preview), and applying that comparison in one transaction.

Matching, in order: the normalised profile URL, then the e-mail address, then name and company. A person whose
name matches but whose company does not, or who matches several contacts, is *ambiguous*: the preview shows the
candidates and the person decides. Nothing moves a stage backwards, and a field the user edited since the last
import (or filled in by hand) is never overwritten without being shown: `imported_values` remembers what each import
wrote, so "the database still holds what the last import wrote" means "not edited".

Planning reads the database once into memory (30,000 contacts are a few megabytes) and writes nothing. Applying is
one transaction of bulk statements; the schema's triggers record every imported stage move in the history.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cached_property
from operator import attrgetter
from typing import Any, NamedTuple

from sqlalchemy import Connection

from model.bulk import insert_many, rebuilt_indexes, update_many
from model.clock import format_utc, parse_utc
from model.contact_form import imported_problem
from model.importing.records import ImportBundle, InvitationIn, MessageIn, OwnProfileIn, PersonIn, Progress, Skip
from model.names import name_sort_key
from model.own_profile import SETTINGS_PREFIX, profile_from_settings
from model.settings import Settings, decode
from model.timefmt import human_date, plural
from model.vocabulary import PIPELINE, Stage

FIELDS = ("name", "company", "position", "headline", "location", "email", "profile_url", "notes")
FIELD_LABELS = {
    "name": "Name",
    "company": "Company",
    "position": "Position",
    "headline": "Headline",
    "location": "Location",
    "email": "E-mail",
    "profile_url": "Profile URL",
    "notes": "Notes",
}
# An imported request carries the intent LinkedIn did not record; the note says so where the intent shows.
IMPORTED_INTENT = "networking"
IMPORTED_INTENT_NOTE = "Imported from LinkedIn, which does not record why a request was sent."
# A message recorded in Overture ("Mark as sent") and the same message in an export are one message when they are
# to the same person, in the same direction, this close in time and begin with the same words.
_SAME_MESSAGE_WITHIN = timedelta(days=3)
_SAME_MESSAGE_PREFIX = 80
_STAGE_ORDER = {stage: index for index, stage in enumerate(PIPELINE)}
# One encoder for every contact's imported values: json.dumps with options builds a new one a call.
_remembered_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _fold(text: str) -> str:
    return name_sort_key(" ".join(text.split()))


def _message_start(body: str) -> str:
    return " ".join(body.split())[:_SAME_MESSAGE_PREFIX].casefold()


class Status(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    current: str
    incoming: str

    def describe(self) -> str:
        label = FIELD_LABELS[self.field]
        if not self.current:
            return f"{label}: {self.incoming}"
        return f"{label}: {self.current} → {self.incoming}"


# Named tuples, not frozen dataclasses: an import makes one a message and one a stage move, and a frozen dataclass
# sets each field through object.__setattr__ (3.4 us a message against 0.8: a quarter of a 100,000-message preview).
class PlannedMessage(NamedTuple):
    kind: str
    direction: str
    body: str
    sent_at: datetime
    key: str
    intent: str | None = None
    intent_note: str = ""
    accepted_at: datetime | None = None
    withdrawn_at: datetime | None = None
    sent_text: str = ""  # sent_at as stored, when the file gave it so (see MessageIn.sent_text)


class StageMove(NamedTuple):
    stage: Stage
    at: datetime
    reason: str


@dataclass(slots=True)
class Planned:
    """One person of the file, matched (or not) with a contact, and what applying the plan would do to them."""

    person: PersonIn
    contact_id: int | None
    changes: list[FieldChange] = field(default_factory=list)  # applied
    conflicts: list[FieldChange] = field(default_factory=list)  # the user's own value, kept unless they accept
    moves: list[StageMove] = field(default_factory=list)
    connected_at: datetime | None = None  # set on the contact (it had none)
    accept_request: tuple[int, datetime] | None = None  # (message id, accepted at) of a request recorded in Overture
    messages: list[PlannedMessage] = field(default_factory=list)
    matched_keys: list[tuple[int, str]] = field(default_factory=list)  # (existing message id, key): the same message
    tags: tuple[str, ...] = ()
    remembered: dict[str, str] = field(default_factory=dict)  # field -> value this import wrote or offered

    @property
    def status(self) -> Status:
        if self.contact_id is None:
            return Status.NEW
        if self.changes or self.moves or self.messages or self.tags or self.connected_at or self.accept_request:
            return Status.UPDATED
        return Status.UNCHANGED

    def describe(self) -> str:
        """What would change, in a line: "Company: Acme → Globex; moves to Connected; 3 messages"."""
        parts = [change.describe() for change in self.changes]
        parts += [f"moves to {move.stage.label}" for move in self.moves]
        if self.messages:
            parts.append(f"{len(self.messages):,} message{'s' if len(self.messages) != 1 else ''}")
        if self.tags:
            parts.append("tags: " + ", ".join(self.tags))
        return "; ".join(parts)


@dataclass(frozen=True)
class Candidate:
    contact_id: int
    name: str
    company: str
    stage: Stage


@dataclass
class Ambiguity:
    """A person who may be one of these contacts, or someone new: the person decides."""

    person: PersonIn
    candidates: list[Candidate]
    reason: str

    @property
    def key(self) -> tuple[str, int]:
        return (self.person.file, self.person.line)


@dataclass
class Decisions:
    """What the person decided in the preview; planning again with them gives the plan to apply."""

    # (file, line) of an ambiguous person -> the contact they are, or None for "someone new". Undecided: skipped.
    matches: dict[tuple[str, int], int | None] = field(default_factory=dict)
    # (file, line, field) of conflicts where the file's value is taken over the user's own.
    accepted: set[tuple[str, int, str]] = field(default_factory=set)
    # Lines of incoming invitations (file, line) whose senders are added as Spotted contacts.
    add_inviters: set[tuple[str, int]] = field(default_factory=set)


@dataclass
class ImportPlan:
    kind: str
    source_name: str
    planned: list[Planned]
    ambiguous: list[Ambiguity]
    inviters: list[InvitationIn]  # incoming invitations from people who are not contacts: offered, not added
    skipped: list[Skip]
    profile: OwnProfileIn | None
    new_tags: int = 0

    def count(self, status: Status) -> int:
        return self._tally[status]

    @property
    def skipped_people(self) -> int:
        """The rows skipped that are people (or rows of theirs), not messages."""
        return self._tally["skipped"]

    @property
    def messages_left_out(self) -> int:
        return self._tally["messages left out"]

    @property
    def message_count(self) -> int:
        return self._tally["messages"]

    @property
    def conflict_count(self) -> int:
        return self._tally["conflicts"]

    @cached_property
    def _tally(self) -> Counter[Status | str]:
        """The people by status, their messages and conflicts, counted once: the preview shows each count several
        times, and a pass over 30,000 people is a twentieth of a second of the GUI thread. (A plan is not changed
        once made: new decisions make a new one.)"""
        tally: Counter[Status | str] = Counter(planned.status for planned in self.planned)
        tally["messages"] = sum(len(planned.messages) for planned in self.planned)
        tally["conflicts"] = sum(len(planned.conflicts) for planned in self.planned)
        tally["skipped"] = sum(1 for skip in self.skipped if not skip.messages)
        tally["messages left out"] = sum(skip.messages for skip in self.skipped)
        return tally

    def summary(self) -> str:
        """One line, the same in the wizard and the command line."""
        parts = [
            f"{self.count(Status.NEW):,} new",
            f"{self.count(Status.UPDATED):,} updated",
            f"{self.count(Status.UNCHANGED):,} unchanged",
            f"{self.skipped_people:,} skipped",
        ]
        if self.message_count:
            parts.append(plural(self.message_count, "new message"))
        if self.messages_left_out:
            parts.append(plural(self.messages_left_out, "message") + " left out")
        if self.ambiguous:
            parts.append(f"{len(self.ambiguous):,} to decide")
        if self.conflict_count:
            parts.append(f"{self.conflict_count:,} of your edits kept")
        if self.inviters:
            # Offered, not imported unless the person ticks them (the command line cannot): said so.
            parts.append(plural(len(self.inviters), "invitation") + " to you (not added)")
        return ", ".join(parts)

    @property
    def changes_anything(self) -> bool:
        return any(planned.status is not Status.UNCHANGED for planned in self.planned) or bool(self.profile_fill)

    profile_fill: dict[str, str] = field(default_factory=dict)  # own-profile fields this import fills in
    # What the plan was made from: the same database state, settings and decisions give the same plan, so the
    # commit can apply the previewed plan instead of planning again.
    basis: tuple[object, ...] = ()

    def still_valid(self, conn: Connection, settings: Settings, decisions: Decisions) -> bool:
        return self.basis == (_fingerprint(conn), settings, decisions)


# -- reading the database -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Contact:
    id: int
    values: dict[str, str]  # FIELDS -> current value ("" for none)
    stage: Stage
    stage_entered_at: datetime
    connected_at: datetime | None
    imported: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _ExistingMessage:
    id: int
    direction: str
    kind: str
    sent_at: datetime
    start: str
    imported: bool
    pending_request: bool


@dataclass
class _Database:
    contacts: dict[int, _Contact]
    by_url: dict[str, int]
    by_email: dict[str, list[int]]
    keys: set[str]
    messages: dict[int, list[_ExistingMessage]]
    tags: dict[int, set[str]]
    _by_name: dict[str, list[int]] | None = None

    @property
    def by_name(self) -> dict[str, list[int]]:
        """Contacts by folded name, built when first asked: a re-import that finds everyone by URL never is."""
        if self._by_name is None:
            by_name: dict[str, list[int]] = defaultdict(list)
            for contact in self.contacts.values():
                by_name[_fold(contact.values["name"])].append(contact.id)
            self._by_name = dict(by_name)
        return self._by_name


_STAGES = {stage.value: stage for stage in Stage}


def _all(conn: Connection, sql: str) -> list[tuple[Any, ...]]:
    """Every row, straight from the DBAPI cursor: SQLAlchemy's result, row by row, took a third of reading a
    30,000-contact database."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        return cursor.execute(sql).fetchall()  # type: ignore[no-any-return]
    finally:
        cursor.close()


def _read(conn: Connection) -> _Database:
    contacts: dict[int, _Contact] = {}
    by_url: dict[str, int] = {}
    by_email: dict[str, list[int]] = defaultdict(list)
    rows = _all(
        conn,
        "SELECT id, name, company, position, headline, location, email, coalesce(profile_url, ''), notes, stage, "
        "stage_entered_at, connected_at FROM contacts",
    )
    for row in rows:
        values = dict(zip(FIELDS, row[1:9], strict=True))
        contact_id = row[0]
        contacts[contact_id] = _Contact(
            contact_id, values, _STAGES[row[9]], parse_utc(row[10]), parse_utc(row[11]) if row[11] else None
        )
        if row[7]:
            by_url[row[7]] = contact_id
        if row[6]:
            by_email[row[6].casefold()].append(contact_id)
    for contact_id, fields in _all(conn, "SELECT contact_id, fields FROM imported_values"):
        contacts[contact_id].imported = json.loads(fields)
    keys = {key for (key,) in _all(conn, "SELECT source_key FROM imported_messages")}
    messages: dict[int, list[_ExistingMessage]] = {}  # filled by _read_messages for the contacts that need them
    tags: dict[int, set[str]] = defaultdict(set)
    for contact_id, tag in _all(conn, "SELECT contact_id, name FROM tags"):
        tags[contact_id].add(tag)
    return _Database(contacts, by_url, dict(by_email), keys, messages, dict(tags))


def _read_messages(conn: Connection, database: _Database, contact_ids: Iterable[int]) -> None:
    """The messages of these contacts (those the file brings something new for, or whose request may be
    answered): a re-import with nothing new reads none of the 100,000 messages."""
    wanted = sorted(set(contact_ids))
    if not wanted:
        return
    messages: dict[int, list[_ExistingMessage]] = defaultdict(list)
    for row in conn.exec_driver_sql(
        "SELECT m.id, m.contact_id, m.direction, m.kind, m.sent_at, "
        # Imported messages are told apart by their time alone (below): only the others' words are read.
        "CASE WHEN m.imported THEN '' ELSE substr(m.body, 1, 200) END, m.imported, "
        "m.kind = 'connection_request' AND m.direction = 'outgoing' AND m.accepted_at IS NULL "
        "AND m.withdrawn_at IS NULL FROM messages m WHERE m.contact_id IN (SELECT value FROM json_each(?))",
        (json.dumps(wanted),),
    ):
        messages[row[1]].append(
            _ExistingMessage(
                row[0], row[2], row[3], parse_utc(row[4]), _message_start(row[5]), bool(row[6]), bool(row[7])
            )
        )
    database.messages.update(messages)


# -- planning ---------------------------------------------------------------------------------------------------


def _key(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def _invitation_key(invitation: InvitationIn) -> str:
    other = invitation.profile_url or _fold(invitation.name)
    direction = "out" if invitation.outgoing else "in"
    return _key("invitation", direction, other, format_utc(invitation.sent_at), invitation.message)


@dataclass(slots=True)
class _Person:
    """Everything the file says about one person, gathered from its several parts."""

    person: PersonIn
    invitations: list[InvitationIn] = field(default_factory=list)
    messages: list[MessageIn] = field(default_factory=list)
    # False for someone known only from an invitation: a name and maybe a URL, nothing to update a contact with.
    has_fields: bool = True


def _invitee(invitation: InvitationIn) -> PersonIn:
    return PersonIn(invitation.file, invitation.line, invitation.name, profile_url=invitation.profile_url)


def _gather(bundle: ImportBundle, decisions: Decisions) -> tuple[list[_Person], list[InvitationIn], list[Skip]]:
    """People with their invitations and messages; incoming invitations from strangers; what was left out."""
    skipped: list[Skip] = list(bundle.skipped)
    people: list[_Person] = []
    by_url: dict[str, _Person] = {}
    by_name: dict[str, _Person] = {}
    folds: dict[str, str] = {}  # the same names recur: a person's own, and a stranger's on every message

    def fold(name: str) -> str:
        folded = folds.get(name)
        if folded is None:
            folded = folds[name] = _fold(name)
        return folded

    def find(name: str, url: str | None) -> _Person | None:
        if url and url in by_url:
            return by_url[url]
        found = by_name.get(fold(name)) if name.strip() else None
        # A name alone finds someone only if their URL does not say they are someone else.
        if found is not None and url and found.person.profile_url and found.person.profile_url != url:
            return None
        return found

    # The same person twice in an address book: by e-mail, or by name and company, as a contact is matched. Built
    # when first asked, by someone without a profile URL: a LinkedIn export, where everyone has one, never is.
    by_email: dict[str, _Person] = {}
    by_name_company: dict[tuple[str, str], _Person] = {}
    indexed = 0  # people[:indexed] are in those two

    def index(entry: _Person) -> None:
        person = entry.person
        if person.profile_url:
            by_url.setdefault(person.profile_url, entry)
        by_name.setdefault(fold(person.name), entry)

    def twin_of(person: PersonIn) -> _Person | None:
        nonlocal indexed
        if person.profile_url:
            return find(person.name, person.profile_url)
        for entry in people[indexed:]:
            if email := entry.person.email.strip():
                by_email.setdefault(email.casefold(), entry)
            if entry.person.company.strip():
                by_name_company.setdefault((fold(entry.person.name), fold(entry.person.company)), entry)
        indexed = len(people)
        twin = by_email.get(person.email.strip().casefold()) if person.email.strip() else None
        if twin is None and person.company.strip():
            twin = by_name_company.get((fold(person.name), fold(person.company)))
        return twin

    for person in bundle.people:
        problem = imported_problem(
            person.name,
            person.headline,
            person.company,
            person.position,
            person.location,
            person.email,
            person.notes,
            person.tags,
        )
        if problem is not None:
            skipped.append(Skip(person.file, person.line, problem))
            continue
        twin = twin_of(person)
        if twin is not None:
            skipped.append(Skip(person.file, person.line, f"the same person as line {twin.person.line}"))
            continue
        entry = _Person(person)
        people.append(entry)
        index(entry)

    inviters: list[InvitationIn] = []
    for invitation in sorted(bundle.invitations, key=lambda i: i.sent_at):
        found = find(invitation.name, invitation.profile_url)
        if found is not None:
            found.invitations.append(invitation)
        elif invitation.outgoing:
            # Invited, not (yet) connected: pending, or withdrawn or ignored since; the newest export says which.
            entry = _Person(_invitee(invitation), [invitation], has_fields=False)
            people.append(entry)
            index(entry)
        elif (invitation.file, invitation.line) in decisions.add_inviters:
            entry = _Person(_invitee(invitation), [invitation], has_fields=False)
            people.append(entry)
            index(entry)
        else:
            inviters.append(invitation)

    strangers: dict[str, int] = defaultdict(int)
    first_line: dict[str, int] = {}
    for message in bundle.messages:
        found = find(message.name, message.profile_url)
        if found is not None:
            found.messages.append(message)
        else:
            strangers[message.name] += 1
            first_line.setdefault(message.name, message.line)
    for name, count in strangers.items():
        file = bundle.messages[0].file if bundle.messages else "messages.csv"
        skipped.append(
            Skip(
                file,
                first_line[name],
                f"{plural(count, 'message')} with {name or 'someone unnamed'}, who is not a connection or contact",
                count,
            )
        )
    return people, inviters, skipped


def plan_import(
    conn: Connection,
    bundle: ImportBundle,
    settings: Settings,
    now: datetime,
    decisions: Decisions | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing `bundle` would do, without writing anything."""
    decisions = decisions or Decisions()
    database = _read(conn)
    people, inviters, skipped = _gather(bundle, decisions)
    # Incoming invitations from people who are already contacts are theirs, not offers.
    offered: list[InvitationIn] = []
    for invitation in inviters:
        contact_id = _match_invitation(database, invitation)
        if contact_id is None:
            offered.append(invitation)
        else:
            people.append(_Person(_invitee(invitation), [invitation], has_fields=False))
    planned: list[Planned] = []
    ambiguous: list[Ambiguity] = []
    claimed: dict[int, PersonIn] = {}
    matched: list[tuple[_Person, _Contact | None]] = []
    for entry in people:
        person = entry.person
        contact_id, ambiguity = _match(database, person, claimed, decisions)
        if ambiguity is not None:
            ambiguous.append(ambiguity)
            continue
        if contact_id is not None and contact_id in claimed:
            other = claimed[contact_id]
            skipped.append(Skip(person.file, person.line, f"the same contact as {other.file} line {other.line}"))
            continue
        if contact_id is not None:
            claimed[contact_id] = person
        matched.append((entry, database.contacts.get(contact_id) if contact_id is not None else None))
    _read_messages(
        conn, database, (c.id for entry, c in matched if c is not None and _needs_history(entry, c, database))
    )
    total = len(matched)
    for done, (entry, contact) in enumerate(matched):
        if progress is not None and done % 2000 == 0:
            progress(done, total)
        planned.append(_plan_person(entry, contact, database, settings, now, decisions))
    profile_fill = _profile_fill(conn, bundle.profile)
    basis = (_fingerprint(conn), settings, copy.deepcopy(decisions))  # a copy: the caller may change theirs
    return ImportPlan(
        kind=bundle.kind,
        source_name=bundle.source.name,
        planned=planned,
        ambiguous=ambiguous,
        inviters=offered,
        skipped=skipped,
        profile=bundle.profile,
        profile_fill=profile_fill,
        basis=basis,
    )


def _fingerprint(conn: Connection) -> tuple[object, ...]:
    """Changes whenever anything a plan reads has changed: every write to a contact sets its updated_at, and
    messages, history and import records only grow or shrink."""
    row = conn.exec_driver_sql(
        "SELECT (SELECT count(*) FROM contacts), (SELECT max(updated_at) FROM contacts), "
        "(SELECT max(id) FROM contacts), (SELECT count(*) FROM messages), (SELECT max(id) FROM messages), "
        "(SELECT count(*) FROM imported_messages), (SELECT count(*) FROM imported_values), "
        "(SELECT total(length(fields)) FROM imported_values), "
        "(SELECT max(id) FROM stage_history)"
    ).one()
    return tuple(row)


def _needs_history(entry: _Person, contact: _Contact, database: _Database) -> bool:
    """Whether planning this contact reads their messages: the file brings a message or request not seen before
    (its kind, and whether it is one recorded in Overture, depend on them), or their request may have been
    answered."""
    if contact.stage is Stage.REQUESTED:
        return True
    keys = database.keys
    return any(message.key not in keys for message in entry.messages) or any(
        _invitation_key(invitation) not in keys for invitation in entry.invitations
    )


def _profile_fill(conn: Connection, profile: OwnProfileIn | None) -> dict[str, str]:
    """The own-profile fields the export gives and the user's checklist still lacks (theirs are never replaced)."""
    if profile is None:
        return {}
    stored = conn.exec_driver_sql(
        "SELECT key, value FROM settings WHERE key LIKE ? ESCAPE '\\'", (SETTINGS_PREFIX.replace("_", "\\_") + "%",)
    )
    current = profile_from_settings({key: decode(value) for key, value in stored})
    fill = {"name": profile.name, "headline": profile.headline, "about": profile.about}
    return {key: value for key, value in fill.items() if value.strip() and not getattr(current, key)}


def _match_invitation(database: _Database, invitation: InvitationIn) -> int | None:
    if invitation.profile_url and invitation.profile_url in database.by_url:
        return database.by_url[invitation.profile_url]
    found = database.by_name.get(_fold(invitation.name), [])
    return found[0] if len(found) == 1 and not invitation.profile_url else None


def _match(
    database: _Database, person: PersonIn, claimed: Mapping[int, PersonIn], decisions: Decisions
) -> tuple[int | None, Ambiguity | None]:
    """(the contact this person is, None for someone new) or an ambiguity to show."""
    key = (person.file, person.line)
    if key in decisions.matches:
        chosen = decisions.matches[key]
        if chosen is None or chosen in database.contacts:
            return chosen, None
    url = person.profile_url
    if url and url in database.by_url:
        return database.by_url[url], None

    def possible(contact_id: int) -> bool:
        # A contact with another profile URL is someone else, whatever the name says.
        other = database.contacts[contact_id].values["profile_url"]
        return contact_id not in claimed and not (url and other and other != url)

    if person.email:
        by_email = [c for c in database.by_email.get(person.email.casefold(), []) if possible(c)]
        if len(by_email) == 1:
            return by_email[0], None
    same_name = [c for c in database.by_name.get(_fold(person.name), []) if possible(c)]
    if not same_name:
        return None, None
    company = _fold(person.company)
    same_company = [c for c in same_name if _fold(database.contacts[c].values["company"]) == company]
    if company and len(same_company) == 1:
        return same_company[0], None
    if not company and len(same_name) == 1:
        return same_name[0], None  # nothing in the file to tell them apart, and only one to be
    candidates = [
        Candidate(
            c, database.contacts[c].values["name"], database.contacts[c].values["company"], database.contacts[c].stage
        )
        for c in same_name
    ]
    if len(same_company) > 1:
        reason = f"{len(same_company)} contacts have this name and company"
    elif company:
        reason = "a contact has this name, at another company" if len(same_name) == 1 else "contacts have this name"
    else:
        reason = f"{len(same_name)} contacts have this name"
    return None, Ambiguity(person, candidates, reason)


def _plan_person(
    entry: _Person,
    contact: _Contact | None,
    database: _Database,
    settings: Settings,
    now: datetime,
    decisions: Decisions,
) -> Planned:
    person = entry.person
    planned = Planned(person, contact.id if contact else None)
    incoming_values = {
        "name": person.name.strip(),
        "company": person.company.strip(),
        "position": person.position.strip(),
        "headline": person.headline.strip(),
        "location": person.location.strip(),
        "email": person.email.strip(),
        "profile_url": person.profile_url or "",
        "notes": person.notes.strip(),
    }
    for name, incoming in incoming_values.items():
        if not incoming or (contact is not None and not entry.has_fields and name != "profile_url"):
            continue
        if contact is None:
            planned.remembered[name] = incoming
            continue
        if contact.imported.get(name) != incoming:
            planned.remembered[name] = incoming
        current = contact.values[name]
        last = contact.imported.get(name)
        if incoming == current or (last is not None and incoming == last):
            continue  # the same, or what the export said last time and the user has since changed: theirs stands
        if name == "notes" and current:
            continue  # notes are the user's: an import fills them in, never replaces them
        change = FieldChange(name, current, incoming)
        if (
            not current
            or (last is not None and current == last)
            or (person.file, person.line, name) in decisions.accepted
        ):
            planned.changes.append(change)
        else:
            planned.conflicts.append(change)
    if contact is not None and planned.remembered:
        # What is stored is the whole record of the last import: the fields this one gives, over the older ones.
        planned.remembered = {**contact.imported, **planned.remembered}
    if person.tags:
        having = database.tags.get(contact.id, set()) if contact else set()
        planned.tags = tuple(tag for tag in person.tags if tag not in having)
    existing = database.messages.get(contact.id, []) if contact else []
    _plan_history(planned, entry, contact, existing, database.keys, settings, now)
    return planned


def _plan_history(
    planned: Planned,
    entry: _Person,
    contact: _Contact | None,
    existing: Sequence[_ExistingMessage],
    known_keys: set[str],
    settings: Settings,
    now: datetime,
) -> None:
    """Requests, messages and the stage they lead to, never backwards."""
    connected_at = entry.person.connected_at
    if contact is not None and contact.connected_at is not None:
        connected_at = contact.connected_at
    elif connected_at is not None and contact is not None:
        planned.connected_at = connected_at

    def known(key: str, direction: str, sent_at: datetime, body: str) -> bool:
        if key in known_keys:
            return True
        if not existing:  # the common case on a first import: nothing to compare with
            known_keys.add(key)
            return False
        start = _message_start(body)
        for message in existing:
            if message.direction != direction:
                continue
            if message.imported:
                # The same message in an export of another era (another key): LinkedIn dates it to the second.
                same = message.sent_at == sent_at
            else:  # recorded in Overture ("Mark as sent") around when it was sent on LinkedIn
                same = abs(message.sent_at - sent_at) <= _SAME_MESSAGE_WITHIN and message.start in (start, "")
            if same:
                planned.matched_keys.append((message.id, key))
                known_keys.add(key)
                return True
        known_keys.add(key)  # the file may hold the same message twice: it is added once
        return False

    # Requests: each outgoing one answered by the next (withdrawn) or by the connection (accepted).
    outgoing = [i for i in entry.invitations if i.outgoing]
    for index, invitation in enumerate(outgoing):
        key = _invitation_key(invitation)
        accepted = withdrawn = None
        if index + 1 < len(outgoing):
            withdrawn = outgoing[index + 1].sent_at  # re-invited: the earlier one was withdrawn by then
        elif connected_at is not None and connected_at >= invitation.sent_at - timedelta(days=1):
            accepted = max(connected_at, invitation.sent_at)
        if known(key, "outgoing", invitation.sent_at, invitation.message):
            continue
        if withdrawn is None and accepted is None and any(m.pending_request for m in existing):
            continue  # a request recorded in Overture is the one waiting: the export's is the same request
        planned.messages.append(
            PlannedMessage(
                "connection_request",
                "outgoing",
                invitation.message,
                invitation.sent_at,
                key,
                intent=IMPORTED_INTENT,
                intent_note=IMPORTED_INTENT_NOTE,
                accepted_at=accepted,
                withdrawn_at=withdrawn,
            )
        )
    for invitation in (i for i in entry.invitations if not i.outgoing):
        key = _invitation_key(invitation)
        if not known(key, "incoming", invitation.sent_at, invitation.message):
            accepted = connected_at if connected_at is not None and connected_at >= invitation.sent_at else None
            planned.messages.append(
                PlannedMessage(
                    "connection_request", "incoming", invitation.message, invitation.sent_at, key, accepted_at=accepted
                )
            )
    if contact is not None and connected_at is not None:
        pending = next((m for m in existing if m.pending_request), None)
        if pending is not None:
            planned.accept_request = (pending.id, max(connected_at, pending.sent_at))

    # Messages, each given the kind the pipeline's rules read: the first note after connecting is the thank-you,
    # a message after one of ours without an answer in between is a follow-up.
    new: list[MessageIn] = sorted(
        (
            message
            for message in entry.messages
            # A key already known is all known() would find: the set is asked first, without the call.
            if message.key not in known_keys
            and not known(message.key, "outgoing" if message.outgoing else "incoming", message.sent_at, message.body)
        ),
        key=attrgetter("sent_at"),
    )
    if not new:  # a re-import: nothing to give a kind to
        _plan_moves(planned, contact, connected_at, existing, outgoing, now)
        return
    timeline: list[tuple[datetime, str, str | None]] = [
        (m.sent_at, m.direction, None) for m in existing if m.kind != "connection_request"
    ]
    timeline += [(m.sent_at, "outgoing" if m.outgoing else "incoming", m.key) for m in new]
    timeline.sort(key=lambda item: item[0])
    kinds: dict[str, str] = {}
    thanked = False
    previous: str | None = None
    window = timedelta(days=settings.thank_you_window_days)
    for sent_at, direction, message_key in timeline:
        after_connecting = connected_at is not None and sent_at >= connected_at
        kind = "other"
        if direction == "outgoing" and after_connecting:
            if not thanked:
                thanked = True
                if connected_at is not None and sent_at - connected_at <= window:
                    kind = "thank_you"
            elif previous == "outgoing":
                kind = "follow_up"
        if message_key is not None:
            kinds[message_key] = kind
        if after_connecting:
            previous = direction
    for message in new:
        planned.messages.append(
            PlannedMessage(
                kinds[message.key],
                "outgoing" if message.outgoing else "incoming",
                message.body,
                message.sent_at,
                message.key,
                sent_text=message.sent_text,
            )
        )

    _plan_moves(planned, contact, connected_at, existing, outgoing, now)


def _plan_moves(
    planned: Planned,
    contact: _Contact | None,
    connected_at: datetime | None,
    existing: Sequence[_ExistingMessage],
    outgoing: Sequence[InvitationIn],
    now: datetime,
) -> None:
    current = contact.stage if contact is not None else None
    if current is Stage.PARKED:
        return  # parked on purpose: the import adds what happened, the person decides when to pick it up again
    entered = contact.stage_entered_at if contact is not None else None

    def at(moment: datetime) -> datetime:
        # A contact's history stays in order: a move recorded now about the past is dated no earlier than the
        # stage it leaves began (the reason keeps the real date).
        return min(now, max(moment, entered)) if entered is not None else min(now, moment)

    def later_than_current(stage: Stage) -> bool:
        return current is None or _STAGE_ORDER.get(current, -1) < _STAGE_ORDER[stage]

    if connected_at is not None:
        if later_than_current(Stage.CONNECTED):
            planned.moves.append(
                StageMove(
                    Stage.CONNECTED, at(connected_at), f"Connected on LinkedIn on {human_date(connected_at)} (imported)"
                )
            )
        if later_than_current(Stage.NURTURING):  # only then: a re-import finds most contacts there already
            sent: list[PlannedMessage | _ExistingMessage] = [*planned.messages, *existing]
            first_out = min(
                (
                    m.sent_at
                    for m in sent
                    if m.direction == "outgoing" and m.kind != "connection_request" and m.sent_at >= connected_at
                ),
                default=None,
            )
            if first_out is not None:
                planned.moves.append(
                    StageMove(
                        Stage.NURTURING, at(first_out), f"Wrote after connecting, on {human_date(first_out)} (imported)"
                    )
                )
    elif outgoing and later_than_current(Stage.REQUESTED):
        last = outgoing[-1]
        pending = any(
            m.kind == "connection_request" and m.withdrawn_at is None and m.accepted_at is None
            for m in planned.messages
        )
        if pending or any(m.pending_request for m in existing):
            planned.moves.append(
                StageMove(
                    Stage.REQUESTED, at(last.sent_at), f"Invited on LinkedIn on {human_date(last.sent_at)} (imported)"
                )
            )


# -- applying -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    skipped: int
    messages: int
    undecided: int = 0  # people whose match was left for the person to decide: not imported

    def describe(self) -> str:
        text = f"{self.added:,} added, {self.updated:,} updated, {self.unchanged:,} unchanged, {self.skipped:,} skipped"
        if self.messages:  # an address book has none to speak of
            text += ", " + plural(self.messages, "message")
        return text + (f", {self.undecided:,} left undecided" if self.undecided else "")


def apply_plan(conn: Connection, plan: ImportPlan, now: datetime, progress: Progress | None = None) -> ImportResult:
    """Write the plan in the caller's transaction (all or nothing: the caller commits or rolls back)."""
    stamp = format_utc(now)
    new = [p for p in plan.planned if p.contact_id is None]
    changed = [p for p in plan.planned if p.contact_id is not None and p.status is Status.UPDATED]
    total = len(new) + len(changed) + 1
    report = progress or (lambda done, total: None)

    # New contacts, at the first stage the file puts them in; ids follow one another inside this transaction.
    start = conn.exec_driver_sql(
        "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'contacts'"
    ).scalar_one()
    start = max(start, conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM contacts").scalar_one())
    texts: dict[datetime, str] = {}

    def text_of(moment: datetime) -> str:
        # A network of 30,000 was made on a few thousand days: each connection date is formatted once.
        text = texts.get(moment)
        if text is None:
            text = texts[moment] = format_utc(moment)
        return text

    rows = []
    for planned in new:
        first = planned.moves[0] if planned.moves else None
        values = planned.remembered
        rows.append(
            (
                values.get("name", ""),
                values.get("headline", ""),
                values.get("company", ""),
                values.get("position", ""),
                values.get("location", ""),
                values.get("profile_url") or None,
                values.get("email", ""),
                values.get("notes", ""),
                (first.stage if first else Stage.SPOTTED).value,
                text_of(first.at) if first else stamp,
                first.reason if first else f"Imported from {plan.source_name}",
                text_of(planned.person.connected_at)
                if first and first.stage is Stage.CONNECTED and planned.person.connected_at
                else None,
                1 if first else 0,
                stamp,
                stamp,
            )
        )
    insert_many(
        conn,
        "INSERT INTO contacts (name, headline, company, position, location, profile_url, email, notes, stage, "
        "stage_entered_at, stage_reason, connected_at, stage_move_imported, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    # The plan itself stays as previewed (a rolled-back attempt must leave it reusable): new ids live here.
    ids: dict[int, int] = {id(planned): start + offset for offset, planned in enumerate(new, start=1)}

    def contact_of(planned: Planned) -> int:
        return planned.contact_id if planned.contact_id is not None else ids[id(planned)]

    if new:
        last = conn.exec_driver_sql("SELECT max(id) FROM contacts").scalar_one()
        assert last == start + len(new), "contact ids are consecutive within one transaction"
    report(len(new), total)

    # Field changes and the connection date of existing contacts.
    updates: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for planned in changed:
        for change in planned.changes:
            updates[change.field].append((change.incoming, contact_of(planned)))
    for column, pairs in updates.items():  # column: one of FIELDS, never user text
        conn.exec_driver_sql(f"UPDATE contacts SET {column} = ?, updated_at = '{stamp}' WHERE id = ?", pairs)

    # Stage moves (the triggers record them, marked as imported); new contacts' first move was their insert.
    # One contact may move twice (to Connected, then Nurturing): every contact's first move, then the seconds.
    rounds: list[list[tuple[str, str, str, str | None, str, int | None]]] = [[], []]
    for planned, is_new in [(p, True) for p in new] + [(p, False) for p in changed]:
        for index, move in enumerate(planned.moves[1:] if is_new else planned.moves):
            connected = planned.connected_at if move.stage is Stage.CONNECTED else None
            rounds[index].append(
                (
                    move.stage.value,
                    text_of(move.at),
                    move.reason,
                    text_of(connected) if connected else None,
                    stamp,
                    contact_of(planned),
                )
            )
    for moves in rounds:
        update_many(
            conn,
            "UPDATE contacts SET stage = v.column1, stage_entered_at = v.column2, stage_reason = v.column3, "
            "connected_at = coalesce(v.column4, connected_at), stage_move_imported = 1, updated_at = v.column5 "
            "FROM (VALUES {values}) AS v WHERE contacts.id = v.column6",
            "UPDATE contacts SET stage = ?, stage_entered_at = ?, stage_reason = ?, "
            "connected_at = coalesce(?, connected_at), stage_move_imported = 1, updated_at = ? WHERE id = ?",
            moves,
        )
    accepted = [
        (format_utc(at), message_id) for p in changed if p.accept_request for message_id, at in [p.accept_request]
    ]
    if accepted:
        conn.exec_driver_sql("UPDATE messages SET accepted_at = ? WHERE id = ?", accepted)

    # Messages, then the keys that keep a re-import from adding them again.
    message_start = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM messages").scalar_one()
    message_rows = []
    keys = []
    keys_of_existing: list[tuple[int, str]] = []  # messages already stored, now known by their key in the export
    for planned in plan.planned:
        for message in planned.messages:
            message_rows.append(
                (
                    contact_of(planned),
                    message.kind,
                    message.direction,
                    message.body,
                    message.intent,
                    message.intent_note,
                    message.sent_text or format_utc(message.sent_at),
                    format_utc(message.accepted_at) if message.accepted_at else None,
                    format_utc(message.withdrawn_at) if message.withdrawn_at else None,
                )
            )
            keys.append(message.key)
        keys_of_existing.extend(planned.matched_keys)
    insert_many(
        conn, "INSERT OR IGNORE INTO imported_messages (message_id, source_key) VALUES (?, ?)", keys_of_existing
    )
    insert_many(
        conn,
        "INSERT INTO messages (contact_id, kind, direction, body, intent, intent_note, sent_at, accepted_at, "
        "withdrawn_at, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        message_rows,
    )
    with rebuilt_indexes(conn, "imported_messages", len(keys)):  # keys are hashes: a first import sorts them
        insert_many(
            conn,
            "INSERT INTO imported_messages (message_id, source_key) VALUES (?, ?)",
            [(message_start + offset, key) for offset, key in enumerate(keys, start=1)],
        )

    # What this import wrote or offered, field by field: the next import tells the user's edits from it.
    remembered = [
        (contact_of(planned), _remembered_json(planned.remembered)) for planned in plan.planned if planned.remembered
    ]
    insert_many(conn, "INSERT OR REPLACE INTO imported_values (contact_id, fields) VALUES (?, ?)", remembered)
    tags = [(contact_of(planned), tag) for planned in plan.planned for tag in planned.tags]
    insert_many(conn, "INSERT OR IGNORE INTO tags (contact_id, name) VALUES (?, ?)", tags)

    result = ImportResult(
        added=len(new),
        updated=len(changed),
        unchanged=plan.count(Status.UNCHANGED),
        skipped=plan.skipped_people,
        messages=len(message_rows),
        undecided=len(plan.ambiguous),
    )
    conn.exec_driver_sql(
        "INSERT INTO imports (kind, source, imported_at, added, updated, unchanged, skipped, messages) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            plan.kind,
            plan.source_name,
            stamp,
            result.added,
            result.updated,
            result.unchanged,
            result.skipped + result.undecided,
            result.messages,
        ),
    )
    report(total, total)
    return result


def summarise_skips(skipped: Iterable[Skip], limit: int = 20) -> list[str]:
    """The skips as lines for a person, one per file and reason, with the lines it happened on:
    "Connections.csv: hidden profile: LinkedIn gives only the date (37 rows: lines 12, 40, 77, …)"."""
    groups: dict[tuple[str, str], list[int | None]] = {}
    for skip in skipped:
        groups.setdefault((skip.file, skip.reason), []).append(skip.line)
    lines = []
    for (file, reason), where in list(groups.items())[:limit]:
        numbers = [str(line) for line in where if line is not None]
        if len(where) == 1:
            lines.append(f"{file} line {numbers[0]}: {reason}" if numbers else f"{file}: {reason}")
            continue
        shown = ", ".join(numbers[:5]) + (", …" if len(numbers) > 5 else "")
        lines.append(f"{file}: {reason} ({len(where):,} rows" + (f": lines {shown})" if numbers else ")"))
    return lines
