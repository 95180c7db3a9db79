"""Reading LinkedIn's data export (the zip, its unpacked folder, or a bare Connections.csv) into an ImportBundle.

The export's layout has changed over the years (see DOMAIN.md, "LinkedIn's data export"): columns are mapped by
header name and optional columns may be absent. The zip is read in memory with every size bounded, never extracted.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from typing import NamedTuple

from model.errors import InvalidInput
from model.importing.records import (
    ImportBundle,
    ImportProblem,
    InvitationIn,
    MessageIn,
    OwnProfileIn,
    PersonIn,
    Progress,
    Skip,
    no_progress,
)
from model.importing.textio import MAX_TEXT_BYTES, CsvTable, EncodedText, encoded_text
from model.urls import normalise_profile_url

# Zip-bomb limits (module constants so that tests can lower them). One member is at most what a text import reads.
MAX_MEMBER_BYTES = MAX_TEXT_BYTES
# The members read together: a real export's four CSV files stay far below this.
MAX_TOTAL_BYTES = 1024**3
# CSV text deflates 5-20:1; a member that claims far more is a bomb. Small members may compress better (a
# handful of repeated lines), so the ratio is only checked above RATIO_CHECKED_ABOVE bytes.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_ABOVE = 1024**2
# Rows between two calls of the progress callback: often enough for a smooth bar, rare enough to cost nothing.
PROGRESS_EVERY = 4000

CONNECTIONS = "connections.csv"
INVITATIONS = "invitations.csv"
MESSAGES = "messages.csv"
PROFILE = "profile.csv"
_WANTED = (CONNECTIONS, INVITATIONS, MESSAGES, PROFILE)

# A fixed table, never strptime's %b: that follows the desktop's locale once Qt has started.
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_BY_PREFIX = {name[:3]: number for number, name in enumerate(_MONTHS, start=1)}

HIDDEN_PROFILE = "hidden profile: LinkedIn gives only the date of connecting, not who it was"
SPONSORED = "sponsored conversation: an advertisement, not a relationship"
HIDDEN_SENDER = "the other person is shown only as 'LinkedIn Member'"
GROUP = "group conversation: more than one other participant"
DRAFT = "a draft, never sent"
NO_TEXT = "no text"
NO_OTHER = "no other participant"
OWNER_UNKNOWN = "whose side of the conversation is yours cannot be told (no invitations or profile to tell by)"

_LINKEDIN_MEMBER = "linkedin member"
# Unfilled mail-merge fields ("Hi %FIRSTNAME%") mark sponsored InMail.
_PLACEHOLDER = re.compile(r"%[A-Z][A-Z_]*%")
# How the export writes nearly every profile URL. Their normal form is quick to make without urllib's general
# parsing, which takes a third of a second on 30,000 connections.
_CANONICAL_PREFIX = "https://www.linkedin.com/in/"
_CANONICAL_PATH_AT = len("https://www.linkedin.com")
_CANONICAL_SLUG = re.compile(r"[A-Za-z0-9_%-]+")
# A run of percent-escapes: a non-Latin slug is nothing else ("%E5%BC%A0%E4%BC%9F-a1b2").
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
# A tag: only text with real ones is taken for HTML, so "I <3 Python" and "a < b" stay as typed.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[\s/][^<>]*)?>")
_BREAKS_AFTER = {"p": 2} | dict.fromkeys(("div", "li", "ul", "ol", "tr", "blockquote", "pre", "h1", "h2", "h3"), 1)
_HIDDEN_ELEMENTS = frozenset({"script", "style", "head", "title"})
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def read_linkedin(path: Path, progress: Progress = no_progress) -> ImportBundle:
    """Everything usable in the export at `path`; raises ImportProblem for a file that cannot be read at all."""
    members = _read_export(path)
    if not any(kind in members for kind in (CONNECTIONS, INVITATIONS, MESSAGES)):
        where = "folder" if path.is_dir() else "zip" if path.suffix.casefold() == ".zip" else "file"
        raise ImportProblem(
            path.name,
            f"no Connections.csv, Invitations.csv or messages.csv in this {where}: is it LinkedIn's data export?",
        )
    bundle = ImportBundle(kind="linkedin", source=path)
    ticker = _Ticker(progress, sum(member.lines for member in members.values()))
    ticker.report()
    hints = _OwnerHints()
    urls: _UrlCache = {}
    # Each file is let go once read: a big messages.csv should not stay in memory next to what it became.
    if profile := members.pop(PROFILE, None):
        # Only the own-profile checklist needs it: a damaged Profile.csv is reported, not a reason to refuse the rest.
        try:
            if profile.problem is not None:
                raise profile.problem
            bundle.profile = _read_profile(profile, ticker)
            hints.profile_name = bundle.profile.name
        except ImportProblem as problem:
            bundle.skipped.append(Skip(problem.file, problem.line, f"your own profile was not read: {problem.problem}"))
    if connections := members.pop(CONNECTIONS, None):
        _read_connections(connections, bundle, ticker, urls)
    if invitations := members.pop(INVITATIONS, None):
        _read_invitations(invitations, bundle, hints, ticker, urls)
    bundle.owner_name = hints.best_name()
    if messages := members.pop(MESSAGES, None):
        _read_messages(messages, bundle, hints, ticker, urls)
    ticker.finish()
    return bundle


# --- dates -----------------------------------------------------------------------------------------------------


def parse_connected_on(text: str) -> datetime:
    """'09 Oct 2024' (also '9-Oct-24' and '2024-10-09', as Excel re-saves it) as noon UTC that day: LinkedIn gives
    no time, and noon keeps the date the same from UTC-12 to UTC+11. Raises ValueError."""
    parts = text.replace("-", " ").split()
    if len(parts) != 3:
        raise ValueError(text)
    if len(parts[0]) == 4 and parts[0].isdigit():
        year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
    else:
        day, month, year = int(parts[0]), month_number(parts[1]), int(parts[2])
        if len(parts[2]) == 2:
            year += 2000
    return datetime(year, month, day, 12, tzinfo=UTC)


def month_number(name: str) -> int:
    """'Oct', 'oct.', 'October' and 'Sept' alike, in English whatever the locale. Raises ValueError."""
    key = name.strip().rstrip(".").casefold()
    number = _MONTH_BY_PREFIX.get(key[:3], 0)
    if not number or not (_MONTHS[number - 1].startswith(key) or key == "sept"):
        raise ValueError(f"not a month: {name!r}")
    return number


def parse_sent_at(text: str) -> datetime:
    """Invitations.csv's '8/26/22, 8:56 PM' (M/D/YY, 12-hour, no zone: taken as UTC). Raises ValueError."""
    cleaned = text.replace("\u202f", " ").replace("\xa0", " ").strip()
    date_part, _, time_part = cleaned.partition(",")
    month, day, year = (int(part) for part in date_part.split("/"))
    if year < 100:
        year += 2000
    clock, _, meridiem = time_part.strip().partition(" ")
    hour, minute, *rest = (int(part) for part in clock.split(":"))
    second = rest[0] if len(rest) == 1 else 0
    if len(rest) > 1:
        raise ValueError(text)
    marker = meridiem.strip().upper().replace(".", "")
    if marker in ("AM", "PM"):
        if not 1 <= hour <= 12:
            raise ValueError(text)
        hour = hour % 12 + (12 if marker == "PM" else 0)
    elif marker:
        raise ValueError(text)
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


_PLAIN_UTC = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} UTC")


def read_message_date(text: str) -> tuple[datetime, str]:
    """A DATE (stripped) as its instant and, in the usual form ('2022-09-08 18:08:14 UTC'), the database's text of
    it, which needs no formatting then: "" for any other form, whose instant is formatted instead. Raises
    ValueError."""
    if _PLAIN_UTC.fullmatch(text):
        stamp = text[:19]
        return datetime.fromisoformat(stamp + "+00:00"), stamp + ".000000"
    return parse_message_date(text), ""


def parse_message_date(text: str) -> datetime:
    """messages.csv's '2022-09-08 18:08:14 UTC'. Raises ValueError."""
    text = text.strip()
    if text.endswith(" UTC"):
        return datetime.fromisoformat(text[:-4] + "+00:00")
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- reading the export ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Member:
    label: str  # the file's name inside the export, as LinkedIn spells it
    text: EncodedText
    lines: int  # the unit of progress
    problem: ImportProblem | None = None  # Profile.csv only: why it could not be read (the rest still can)

    @classmethod
    def of(cls, label: str, data: bytes) -> _Member:
        try:
            return cls(label, encoded_text(data, label), data.count(b"\n") + 1)
        except ImportProblem as problem:
            if label.casefold() != PROFILE:
                raise
            return cls(label, encoded_text(b"", label), 0, problem)

    def table(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> tuple[CsvTable, list[int]]:
        """The file as a table, and where each of its columns (required, then optional) is in a record from
        `_Ticker.records`: a column this file lacks points at the empty cell that appends to every record."""
        table = self._table(required)
        width = len(table.headers)
        return table, [width if (i := table.column(h)) is None else i for h in (*required, *optional)]

    def _table(self, required: tuple[str, ...]) -> CsvTable:
        """LinkedIn writes commas; Excel saves the file again with the list separator of the desktop's locale,
        semicolons in much of Europe. Each is tried where the one before finds no header row."""
        try:
            return CsvTable(self.text, self.label, required, delimiter=",")
        except ImportProblem as problem:
            for delimiter in (";", "\t"):
                with contextlib.suppress(ImportProblem):
                    return CsvTable(self.text, self.label, required, delimiter=delimiter)
            raise problem from None


def _read_export(path: Path) -> dict[str, _Member]:
    if path.is_dir():
        return _read_folder(path)
    try:
        with path.open("rb") as file:
            magic = file.read(4)
    except OSError as error:
        raise _os_problem(path.name, error) from None
    if magic in (b"PK\x03\x04", b"PK\x05\x06"):
        return _read_zip(path)
    if path.suffix.casefold() == ".zip":
        raise ImportProblem(
            path.name,
            "this is not a zip file. Choose the zip LinkedIn sent (Basic_… or Complete_LinkedInDataExport_….zip) "
            "or the folder it unpacks to.",
        )
    # A bare CSV: by its name, and Connections.csv when the name says nothing (the usual case).
    kind = path.name.casefold() if path.name.casefold() in _WANTED else CONNECTIONS
    return {kind: _Member.of(path.name, _read_file(path, path.name))}


def _read_folder(folder: Path) -> dict[str, _Member]:
    """The export's files at the top of the folder, or one folder down (the zip's own folder, unpacked)."""
    found: dict[str, Path] = {}
    levels = [[folder]]
    try:
        levels.append(sorted(e for e in folder.iterdir() if e.is_dir() and not e.name.startswith((".", "__"))))
        for level in levels:
            for directory in level:
                for entry in sorted(directory.iterdir()):
                    kind = entry.name.casefold()
                    if kind in _WANTED and kind not in found and entry.is_file():
                        found[kind] = entry
        sizes = sum(file.stat().st_size for file in found.values())
    except OSError as error:
        raise _os_problem(folder.name, error) from None
    if sizes > MAX_TOTAL_BYTES:
        raise ImportProblem(folder.name, _too_big_total(sizes))
    return {kind: _Member.of(file.name, _read_file(file, file.name)) for kind, file in found.items()}


def _read_file(path: Path, label: str) -> bytes:
    """At most MAX_MEMBER_BYTES + 1 bytes: the size a file claims is not trusted (it may be growing, or a pipe)."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_MEMBER_BYTES + 1)
    except OSError as error:
        raise _os_problem(label, error) from None
    if len(data) > MAX_MEMBER_BYTES:
        raise ImportProblem(label, _too_big())
    return data


def _read_zip(path: Path) -> dict[str, _Member]:
    label = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            chosen = _choose_members(archive.infolist())
            inner = [info.filename for info in archive.infolist() if info.filename.casefold().endswith(".zip")]
            if not chosen and inner:
                # LinkedIn's own zip inside another (a download manager's, a mail's): said, not called "no export".
                raise ImportProblem(
                    label, f"this zip holds another zip, {inner[0]}: unpack it, then choose the zip inside."
                )
            declared = sum(info.file_size for info in chosen.values())
            if declared > MAX_TOTAL_BYTES:
                raise ImportProblem(label, _too_big_total(declared))
            data = {kind: _read_member(archive, info) for kind, info in chosen.items()}
    except ImportProblem:
        raise
    except zipfile.BadZipFile as error:
        raise ImportProblem(label, _damaged(str(error))) from None
    except (EOFError, zlib.error) as error:
        raise ImportProblem(label, _damaged(str(error) or "it ends too early")) from None
    except NotImplementedError as error:
        raise ImportProblem(label, f"the zip uses a kind of compression Overture cannot read ({error}).") from None
    except OSError as error:
        raise _os_problem(label, error) from None
    return {kind: _Member.of(_base_name(chosen[kind]), raw) for kind, raw in data.items()}


def _base_name(info: zipfile.ZipInfo) -> str:
    return info.filename.rsplit("/", 1)[-1]


def _choose_members(infos: Iterable[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """The wanted files by name in any case, at the root or in a folder; the shallowest wins. macOS's
    resource-fork copies (__MACOSX/, ._Connections.csv) are not the files."""
    chosen: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.is_dir() or info.filename.startswith("__MACOSX/"):
            continue
        kind = _base_name(info).casefold()
        if kind not in _WANTED:
            continue
        if kind not in chosen or info.filename.count("/") < chosen[kind].filename.count("/"):
            chosen[kind] = info
    return chosen


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    name = _base_name(info)
    if info.flag_bits & 0x1:
        raise ImportProblem(
            name,
            "this file is encrypted inside the zip. LinkedIn's exports are not: if you added a password, unpack "
            "the zip yourself and choose the folder.",
        )
    _check_size(name, info.file_size, info.compress_size)
    with archive.open(info) as member:
        # Bounded whatever the header says: a forged size must not make us inflate gigabytes.
        data = member.read(MAX_MEMBER_BYTES + 1)
    _check_size(name, len(data), info.compress_size)
    return data


def _check_size(name: str, size: int, compressed: int) -> None:
    if size > MAX_MEMBER_BYTES:
        raise ImportProblem(name, _too_big())
    if size > RATIO_CHECKED_ABOVE and size > MAX_COMPRESSION_RATIO * max(compressed, 1):
        raise ImportProblem(
            name,
            f"this file inflates {size // max(compressed, 1):,} times over: no CSV compresses that well, so the zip "
            "was built to exhaust memory (a zip bomb). Nothing was read.",
        )


def _too_big() -> str:
    return f"the file is bigger than {MAX_MEMBER_BYTES // 1024**2:,} MB, far more than any LinkedIn export holds."


def _too_big_total(size: int) -> str:
    return (
        f"the export's files add up to {size / 1024**2:,.0f} MB, more than the "
        f"{MAX_TOTAL_BYTES // 1024**2:,} MB Overture reads."
    )


def _damaged(detail: str) -> str:
    if detail == "File is not a zip file":
        detail = "its table of contents is missing: the download may have stopped early"
    return f"the zip file is damaged or incomplete ({detail}). Download the export from LinkedIn again."


def _os_problem(label: str, error: OSError) -> ImportProblem:
    if isinstance(error, FileNotFoundError):
        return ImportProblem(label, "the file does not exist.")
    if isinstance(error, PermissionError):
        return ImportProblem(label, "Overture may not read this file (permission denied).")
    return ImportProblem(label, f"the file cannot be read ({error.strerror or error}).")


# --- progress ------------------------------------------------------------------------------------------------------


class _Ticker:
    """Progress in lines of the export's text: the total is known before any row is parsed."""

    def __init__(self, progress: Progress, total: int) -> None:
        self._progress = progress
        self._total = total
        self._base = 0  # lines of the files already read
        self.done = 0

    def records(self, table: CsvTable) -> Iterator[tuple[int, list[str]]]:
        """The table's records, each with an empty cell appended (see _Member.table), reporting on the way.
        Plain records, not a dict a row: that is a third of the time of a 100,000-message file."""
        for count, (line, cells) in enumerate(table.records(), start=1):
            cells.append("")
            if not count % PROGRESS_EVERY:
                self.done = min(self._base + line, self._total)
                self.report()
            yield line, cells

    def file_done(self, member: _Member) -> None:
        self._base += member.lines
        self.done = min(self._base, self._total)
        self.report()

    def report(self) -> None:
        self._progress(self.done, self._total)

    def finish(self) -> None:
        if self.done != self._total:
            self.done = self._total
            self.report()


# --- the files --------------------------------------------------------------------------------------------------


# Raw profile URL -> normalised (or None), shared by the export's files: a connection's URL recurs in their messages.
_UrlCache = dict[str, str | None]


def _url(raw: str, cache: _UrlCache) -> str | None:
    """A normalised profile URL, or None for an empty or non-web one. Cached: the same URLs recur on every
    message of a conversation."""
    try:
        return cache[raw]
    except KeyError:
        pass
    if raw.startswith(_CANONICAL_PREFIX) and _CANONICAL_SLUG.fullmatch(raw, len(_CANONICAL_PREFIX)):
        # What normalise_profile_url makes of it, by the shortest way (tests hold the two to the same result).
        url: str | None = "https://www.linkedin.com" + unquote_path(raw[_CANONICAL_PATH_AT:]).rstrip("/").lower()
    else:
        try:
            url = normalise_profile_url(raw) if raw.strip() else None
        except (InvalidInput, ValueError):
            url = None
    cache[raw] = url
    return url


def unquote_path(path: str) -> str:
    """urllib.parse.unquote of a path of ASCII characters (a test holds the two equal), twice as fast: it decodes
    each run of escapes at once where urllib splits the text at every one (0.04 s of 18,000 non-Latin slugs)."""
    if "%" not in path:
        return path
    return _ESCAPES.sub(_decoded_escapes, path)


def _decoded_escapes(run: re.Match[str]) -> str:
    return bytes.fromhex(run[0].replace("%", "")).decode("utf-8", "replace")


def _full_name(first: str, last: str) -> str:
    first, last = first.strip(), last.strip()
    return f"{first} {last}" if first and last else first or last


def _read_profile(member: _Member, ticker: _Ticker) -> OwnProfileIn:
    table, _ = member.table(("First Name", "Last Name"))
    profile = OwnProfileIn()
    for row in table.rows():
        get = row.values.get
        profile = OwnProfileIn(
            name=_full_name(get("first name", ""), get("last name", "")),
            headline=get("headline", "").strip(),
            about=get("summary", "").strip(),
            industry=get("industry", "").strip(),
            location=get("geo location", "").strip(),
        )
        break
    ticker.file_done(member)
    return profile


def _read_connections(member: _Member, bundle: ImportBundle, ticker: _Ticker, urls: _UrlCache) -> None:
    table, columns = member.table(
        ("First Name", "Last Name", "Connected On"), ("URL", "Email Address", "Company", "Position")
    )
    first_at, last_at, connected_at_at, url_at, email_at, company_at, position_at = columns
    label = member.label
    dates: dict[str, datetime] = {}  # a network of 30,000 was made on a few thousand days
    people, skipped = bundle.people, bundle.skipped
    for line, cells in ticker.records(table):
        name = _full_name(cells[first_at], cells[last_at])
        raw_url, email = cells[url_at].strip(), cells[email_at].strip()
        company, position = cells[company_at].strip(), cells[position_at].strip()
        connected_on = cells[connected_at_at].strip()
        if not name:
            hidden = not (raw_url or email or company or position)
            skipped.append(Skip(label, line, HIDDEN_PROFILE if hidden and connected_on else "no name"))
            continue
        connected_at = dates.get(connected_on)
        if connected_at is None:
            try:
                connected_at = dates[connected_on] = parse_connected_on(connected_on)
            except (ValueError, OverflowError):
                skipped.append(Skip(label, line, f"unreadable connection date {connected_on[:40]!r}"))
                continue
        people.append(
            PersonIn(
                file=label,
                line=line,
                name=name,
                company=company,
                position=position,
                email=email,
                profile_url=_url(raw_url, urls),
                connected_at=connected_at,
            )
        )
    ticker.file_done(member)


@dataclass
class _OwnerHints:
    """Who the export belongs to, as Invitations.csv and Profile.csv tell it (messages.csv tells it better)."""

    names: Counter[str] = field(default_factory=Counter)
    urls: Counter[str] = field(default_factory=Counter)
    profile_name: str = ""

    def best_name(self) -> str:
        if self.names:
            return self.names.most_common(1)[0][0]
        return self.profile_name

    def in_priority(self) -> list[tuple[str | None, str]]:
        """(URL, name) of the owner as each file tells it, the invitations first: they name the account itself,
        the profile only a name that may have changed since the messages were written."""
        hints: list[tuple[str | None, str]] = []
        if self.urls or self.names:
            url = self.urls.most_common(1)[0][0] if self.urls else None
            hints.append((url, self.names.most_common(1)[0][0] if self.names else ""))
        if self.profile_name:
            hints.append((None, self.profile_name))
        return hints


def _read_invitations(
    member: _Member, bundle: ImportBundle, hints: _OwnerHints, ticker: _Ticker, urls: _UrlCache
) -> None:
    table, columns = member.table(
        ("From", "To", "Sent At", "Direction"), ("Message", "inviterProfileUrl", "inviteeProfileUrl")
    )
    from_at, to_at, sent_at_at, direction_at, message_at, inviter_url_at, invitee_url_at = columns
    label = member.label
    for line, cells in ticker.records(table):
        direction = cells[direction_at].strip().upper()
        inviter, invitee = cells[from_at].strip(), cells[to_at].strip()
        inviter_url, invitee_url = _url(cells[inviter_url_at], urls), _url(cells[invitee_url_at], urls)
        if direction == "OUTGOING":
            outgoing, name, url, own_name, own_url = True, invitee, invitee_url, inviter, inviter_url
        elif direction == "INCOMING":
            outgoing, name, url, own_name, own_url = False, inviter, inviter_url, invitee, invitee_url
        else:
            bundle.skipped.append(Skip(label, line, f"unknown direction {direction[:20]!r}"))
            continue
        if own_name:
            hints.names[own_name] += 1
        if own_url:
            hints.urls[own_url] += 1
        if not name:
            bundle.skipped.append(Skip(label, line, "no name"))
            continue
        sent_at_text = cells[sent_at_at].strip()
        try:
            sent_at = parse_sent_at(sent_at_text)
        except (ValueError, OverflowError):
            bundle.skipped.append(Skip(label, line, f"unreadable date {sent_at_text[:40]!r}"))
            continue
        bundle.invitations.append(
            InvitationIn(
                file=label,
                line=line,
                name=name,
                profile_url=url,
                sent_at=sent_at,
                message=cells[message_at].strip(),
                outgoing=outgoing,
            )
        )
    ticker.file_done(member)


# --- messages ----------------------------------------------------------------------------------------------------


def message_text(raw: str) -> str:
    """CONTENT as plain text: HTML (InMail, some older messages) loses its tags but keeps its line breaks;
    entities are decoded; Excel's CRLF becomes a plain line break, so that keys do not change with it."""
    text = raw.replace("\r\n", "\n")
    if "<" in text and _TAG.search(text):
        text = _html_to_text(text)
    elif "&" in text:
        text = unescape(text)
    return text.strip()


def message_key(conversation: str, date: str, sender: str, body: str) -> str:
    """The same message gives the same key in every later export, so a re-import adds nothing twice. The body is
    the plain text, so that a change in how LinkedIn marks it up does not make a known message new; the sender
    is their profile URL where there is one, which outlives a change of name."""
    text = "\x1f".join((conversation, date, sender, body))
    return hashlib.sha1(text.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()[:24]


def _html_to_text(html: str) -> str:
    """Text as a browser lays it out: runs of white space are one space, each <br> breaks the line, and a block (a
    paragraph, a div) starts on a line of its own however many tags open or close between two of them. One pass
    of a regular expression, not html.parser: that takes quadratic time on unclosed tags (50 s for 60 KB of them),
    and a message may hold a million characters."""
    parts: list[str] = []
    breaks = 0  # line breaks owed before the next text: 1 after a block, 2 after a paragraph
    hidden = ""  # the script or style element whose content is being passed over
    html = _without_comments(html)
    position = 0
    for tag in (*_TAG.finditer(html), None):
        if not hidden:
            text = _SPACES.sub(" ", unescape(html[position : tag.start() if tag else len(html)]).replace("\xa0", " "))
            if text.strip() and breaks:
                parts.append("\n" * breaks if parts else "")
                breaks = 0
            parts.append(text)
        if tag is None:
            break
        position = tag.end()
        closing, name = tag.group(1), tag.group(2).lower()
        if hidden:
            hidden = "" if closing and name == hidden else hidden
        elif name == "br":
            parts.append("\n" * breaks + "\n" if parts else "")
            breaks = 0
        elif name in _HIDDEN_ELEMENTS and not closing:
            hidden = name
        else:
            breaks = max(breaks, _BREAKS_AFTER.get(name, 0))
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines))


def _without_comments(html: str) -> str:
    """<!-- … --> removed by plain search, which stays linear where a regular expression would not."""
    kept: list[str] = []
    position = 0
    while (start := html.find("<!--", position)) != -1:
        kept.append(html[position:start])
        end = html.find("-->", start + 4)
        if end == -1:
            return "".join(kept)  # an unclosed comment runs to the end, as in a browser
        position = end + 3
    kept.append(html[position:])
    return "".join(kept)


# A participant as the file gives them: (name, normalised profile URL or None). A post is (line, conversation,
# sender, date as written, sent at, sent at as stored or "", body). Both are plain tuples of strings, which the
# garbage collector stops tracking: rescanning 100,000 posts at every collection cost a tenth of the import.
_Party = tuple[str, str | None]
_Post = tuple[int, str, _Party, str, datetime, str, str]


class _PartyReader:
    """FROM and TO with their profile URLs as parties. Each distinct cell is read once: a conversation repeats
    the same few on every message."""

    def __init__(self, urls: _UrlCache) -> None:
        self._urls = urls
        self._senders: dict[tuple[str, str], _Party] = {}
        self._recipients: dict[tuple[str, str], tuple[_Party, ...]] = {}

    def sender(self, name: str, raw_url: str) -> _Party:
        try:
            return self._senders[name, raw_url]
        except KeyError:
            party = self._senders[name, raw_url] = (name.strip(), _url(raw_url, self._urls))
            return party

    def recipients(self, names: str, raw_urls: str) -> tuple[_Party, ...]:
        """The URLs are separated by semicolons (commas in some exports); the names by commas, which names also
        contain ("Ada Lovelace, PhD"), so several names stay one string: that it differs from every single
        participant is what marks a group conversation of the 2022 layout, which gives no recipient URLs."""
        try:
            return self._recipients[names, raw_urls]
        except KeyError:
            pass
        urls = [url for part in raw_urls.replace(",", ";").split(";") if (url := _url(part, self._urls))]
        name = names.strip()
        if len(urls) == 1:
            parties: tuple[_Party, ...] = ((name, urls[0]),)
        elif urls:
            parties = tuple(("", url) for url in urls)
        else:
            parties = ((name, None),) if name else ()
        self._recipients[names, raw_urls] = parties
        return parties

    def parties(self) -> list[_Party]:
        """Everyone read, in the file's order and senders first: FROM is a person's own name, where TO may hold a
        name as someone else saw it, or several."""
        everyone = dict.fromkeys(self._senders.values())
        for parties in self._recipients.values():
            everyone.update(dict.fromkeys(parties))
        return list(everyone)


class _Verdict(NamedTuple):
    """What becomes of a conversation's messages: left out for a reason, or kept as being with one person. (A
    named tuple: one is made a conversation, and a frozen dataclass costs four times as much to make.)"""

    reason: str = ""
    name: str = ""
    url: str | None = None


class _Conversations:
    """Who takes part in which conversation. A person is known by their profile URL, or by their name where the
    export gives none (TO in the 2022 layout): a name that always goes with one URL elsewhere in the file stands
    for it."""

    def __init__(self, parties_of: dict[str, set[_Party]], everyone: list[_Party]) -> None:
        urls_by_name: dict[str, str] = {}
        for name, url in everyone:
            if url and name:
                key = name.casefold()
                if urls_by_name.setdefault(key, url) != url:
                    urls_by_name[key] = ""  # two people of one name: the name identifies neither
        self._urls_by_name = urls_by_name
        self.identity_of = {party: self.identity(party) for party in everyone}
        self.names: dict[str, str] = {}
        for (name, _), identity in self.identity_of.items():
            if name and identity not in self.names:
                self.names[identity] = name
        self.people_of = {
            conversation: {self.identity_of[party] for party in parties} for conversation, parties in parties_of.items()
        }
        self.hidden = {
            conversation
            for conversation, parties in parties_of.items()
            if any(name.casefold() == _LINKEDIN_MEMBER for name, _ in parties)
        }

    def identity(self, party: _Party) -> str:
        name, url = party
        if url:
            return url
        key = name.casefold()
        return self._urls_by_name.get(key) or "name:" + key

    def owner(self, hints: list[tuple[str | None, str]]) -> str | None:
        """The participant in the most conversations (the owner is in all of them, sponsored ones included); when
        several are (a single conversation), the one Invitations.csv or Profile.csv names. "LinkedIn Member" is
        many hidden people under one name, never the owner."""
        counts = Counter(identity for people in self.people_of.values() for identity in people)
        counts.pop("name:" + _LINKEDIN_MEMBER, None)
        if not counts:
            return None
        top = max(counts.values())
        leaders = [identity for identity, count in counts.items() if count == top]
        if len(leaders) == 1:
            return leaders[0]
        for url, name in hints:
            named = {url, self.identity((name, None))}
            found = [identity for identity in leaders if identity in named]
            if len(found) == 1:
                return found[0]
        return None

    def verdict(self, conversation: str, owner: str | None, sponsored: set[str]) -> _Verdict:
        if conversation in sponsored:
            return _Verdict(SPONSORED)
        if conversation in self.hidden:
            return _Verdict(HIDDEN_SENDER)
        if owner is None:
            return _Verdict(OWNER_UNKNOWN)
        others = self.people_of[conversation] - {owner}
        if len(others) > 1:
            return _Verdict(GROUP)
        if not others:
            return _Verdict(NO_OTHER)
        (other,) = others
        return _Verdict(name=self.names.get(other, ""), url=None if other.startswith("name:") else other)


def _read_messages(member: _Member, bundle: ImportBundle, hints: _OwnerHints, ticker: _Ticker, urls: _UrlCache) -> None:
    table, columns = member.table(
        ("CONVERSATION ID", "FROM", "TO", "DATE", "CONTENT"),
        ("CONVERSATION TITLE", "SENDER PROFILE URL", "RECIPIENT PROFILE URLS", "IS MESSAGE DRAFT"),
    )
    conversation_at, from_at, to_at, date_at, content_at, title_at, sender_url_at, recipient_urls_at, draft_at = columns
    label = member.label
    read = _PartyReader(urls)
    posts: list[_Post] = []
    parties_of: dict[str, set[_Party]] = {}
    skipped: list[Skip] = []
    sponsored: set[str] = set()
    for line, cells in ticker.records(table):
        if cells[draft_at].strip().casefold() in ("yes", "true"):
            skipped.append(Skip(label, line, DRAFT, 1))
            continue
        conversation = cells[conversation_at].strip()
        if not conversation:
            skipped.append(Skip(label, line, "no conversation", 1))
            continue
        raw = cells[content_at]
        if ("%" in raw and _PLACEHOLDER.search(raw)) or "sponsored" in cells[title_at].casefold():
            sponsored.add(conversation)
        date = cells[date_at].strip()
        try:
            sent_at, sent_text = read_message_date(date)
        except (ValueError, OverflowError):
            skipped.append(Skip(label, line, f"unreadable date {date[:40]!r}", 1))
            continue
        sender = read.sender(cells[from_at], cells[sender_url_at])
        recipients = read.recipients(cells[to_at], cells[recipient_urls_at])
        parties = parties_of.get(conversation)
        if parties is None:
            parties = parties_of[conversation] = set()
        parties.add(sender)
        parties.update(recipients)
        # Most messages are plain text: they skip the call.
        body = message_text(raw) if "<" in raw or "&" in raw or "\r" in raw else raw.strip()
        posts.append((line, conversation, sender, date, sent_at, sent_text, body))

    conversations = _Conversations(parties_of, read.parties())
    owner = conversations.owner(hints.in_priority())
    if owner is not None:
        bundle.owner_name = conversations.names.get(owner) or bundle.owner_name
    verdicts = {c: conversations.verdict(c, owner, sponsored) for c in conversations.people_of}
    identity_of = conversations.identity_of
    for line, conversation, sender, date, sent_at, sent_text, body in posts:
        verdict = verdicts[conversation]
        reason = verdict.reason or ("" if body else NO_TEXT)
        if reason:
            skipped.append(Skip(label, line, reason, 1))
            continue
        sender_name, sender_url = sender
        # Positional: a keyword argument costs a dataclass's __init__ as much again (0.07 s of 100,000 messages).
        bundle.messages.append(
            MessageIn(
                label,
                line,
                verdict.name,
                verdict.url,
                sent_at,
                body,
                identity_of[sender] == owner,
                message_key(conversation, date, sender_url or sender_name, body),
                sent_text,
            )
        )
    skipped.sort(key=lambda skip: skip.line or 0)
    bundle.skipped.extend(skipped)
    ticker.file_done(member)
