"""What a parser hands over: people, invitations, messages and the user's own profile, each with where it came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from model.errors import OvertureError


class ImportProblem(OvertureError):
    """A file cannot be imported at all; nothing was changed. The message names the file, the line if any, and
    the problem."""

    def __init__(self, file: str, problem: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {problem}")


class ImportCancelled(OvertureError):
    """The person cancelled; nothing was changed."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was changed.")


# Called now and then with (work done, total work) in the parser's own unit; it may raise ImportCancelled.
Progress = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """The progress callback of a caller that does not show progress."""


@dataclass(frozen=True, slots=True)
class Skip:
    """A row left out, and why ("hidden profile: only a date", "no name"). `messages` is how many messages it
    stands for (a group conversation's, a stranger's), 0 for a person or any other row: the counts keep people
    skipped apart from messages left out, which a LinkedIn export has by the thousand."""

    file: str
    line: int | None
    reason: str
    messages: int = 0


@dataclass(slots=True)
class PersonIn:
    """Someone in the file. Empty strings are "not given" (an import never blanks a field with one)."""

    file: str
    line: int
    name: str
    company: str = ""
    position: str = ""
    headline: str = ""
    location: str = ""
    email: str = ""
    profile_url: str | None = None  # normalised (model.urls.normalise_profile_url)
    notes: str = ""
    tags: tuple[str, ...] = ()
    connected_at: datetime | None = None  # a LinkedIn connection, and since when (aware UTC)


@dataclass(slots=True)
class InvitationIn:
    """A connection invitation (LinkedIn's Invitations.csv): to them when outgoing, from them when incoming."""

    file: str
    line: int
    name: str  # the other person
    profile_url: str | None
    sent_at: datetime
    message: str
    outgoing: bool


@dataclass(slots=True)
class MessageIn:
    """One message between the user and one other person."""

    file: str
    line: int
    name: str  # the other person
    profile_url: str | None
    sent_at: datetime
    body: str
    outgoing: bool
    # Stable across re-imports of the same message (conversation, time, sender, text): no message is added twice.
    key: str
    # sent_at as the database stores it (model.clock.format_utc), when the file gives it in a form that becomes that
    # text by itself: formatting 100,000 instants again cost a twentieth of an import. "" for "format sent_at".
    sent_text: str = ""


@dataclass
class OwnProfileIn:
    """The user's own profile (LinkedIn's Profile.csv), for the own-profile checklist."""

    name: str = ""
    headline: str = ""
    about: str = ""
    industry: str = ""
    location: str = ""


@dataclass
class ImportBundle:
    """Everything one file (or one LinkedIn export) holds, before anything is compared with the database."""

    kind: str  # "linkedin", "vcard" or "csv"
    source: Path
    people: list[PersonIn] = field(default_factory=list)
    invitations: list[InvitationIn] = field(default_factory=list)
    messages: list[MessageIn] = field(default_factory=list)
    profile: OwnProfileIn | None = None
    owner_name: str = ""  # the export's owner, when found (messages are theirs to or from)
    skipped: list[Skip] = field(default_factory=list)


@dataclass(frozen=True)
class ContactOut:
    """A contact as the CSV and vCard exports write it."""

    name: str
    company: str
    position: str
    headline: str
    location: str
    email: str
    profile_url: str | None
    time_zone: str | None
    stage: str  # the stage's value: "spotted" ... "parked"
    tier: str  # "close", "regular" or "loose"
    tags: tuple[str, ...]
    notes: str
    connected_at: datetime | None
    updated_at: datetime
