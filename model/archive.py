"""The JSON archive: every table of the database in one documented, versioned plain-JSON file (docs/archive.md)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from model.clock import format_utc
from model.errors import InvalidInput, OvertureError
from model.files import replacing
from model.own_profile import profile_from_settings
from model.reminders import WALL_FORMAT
from model.settings import decode, encode, settings_from_mapping, validate_time_zone
from model.vocabulary import Direction, EngagementKind, FactKind, Intent, MessageKind, Stage, Tier

FORMAT = "overture-archive"
VERSION = 1
_IMPORT_CACHE = -256 * 1024  # KiB, i.e. 256 MB, only while an import runs
_DEFAULT_CACHE = -2000  # SQLite's default
# A bigger file is not an archive Overture wrote for any plausible network (30,000 contacts are ~50 MB).
MAX_ARCHIVE_BYTES = 2 * 1024**3


class ArchiveError(OvertureError):
    """The archive cannot be imported; nothing was changed."""


Check = Callable[[Any], Any]


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number")
    return value


def _bool(value: Any) -> int:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return int(value)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value


def _time(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    if len(value) == 27 and value[10] == "T" and value[26] == "Z":
        return f"{value[:10]} {value[11:26]}"  # already canonical UTC, as Overture writes it: no conversion needed
    return format_utc(moment)


def _wall(value: Any) -> str:
    # A wall-clock time in the reminder's zone, exactly as the database keeps it: 'YYYY-MM-DD HH:MM'.
    if not isinstance(value, str) or len(value) != 16:
        raise ValueError("must be a local time 'YYYY-MM-DD HH:MM'")
    try:
        datetime.strptime(value, WALL_FORMAT)
    except ValueError:
        raise ValueError(f"{value!r} is not a local time 'YYYY-MM-DD HH:MM'") from None
    return value


def _zone(value: Any) -> str:
    try:
        return validate_time_zone(value)
    except InvalidInput as error:
        raise ValueError(str(error).rstrip(".")) from None


def _optional(check: Check) -> Check:
    def optional(value: Any) -> Any:
        return None if value is None else check(value)

    return optional


def _one_of(enum: type[Any]) -> Check:
    allowed = {member.value for member in enum}

    def one_of(value: Any) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {', '.join(sorted(allowed))}")
        return str(value)

    return one_of


@dataclass(frozen=True)
class Table:
    name: str
    columns: dict[str, Check]
    order: str


_STAGES = _one_of(Stage)
TABLES: tuple[Table, ...] = (
    Table(
        "contacts",
        {
            "id": _int,
            "name": _str,
            "headline": _str,
            "company": _str,
            "position": _str,
            "location": _str,
            "time_zone": _optional(_str),
            "time_zone_inferred": _bool,
            "profile_url": _optional(_str),
            "network": _str,
            "email": _str,
            "tier": _one_of(Tier),
            "notes": _str,
            "stage": _STAGES,
            "stage_entered_at": _time,
            "stage_reason": _str,
            "parked_from": _optional(_STAGES),
            "connected_at": _optional(_time),
            "created_at": _time,
            "updated_at": _time,
        },
        "id",
    ),
    Table("tags", {"contact_id": _int, "name": _str}, "contact_id, name"),
    Table(
        "profile_facts",
        {
            "id": _int,
            "contact_id": _int,
            "kind": _one_of(FactKind),
            "text": _str,
            "url": _optional(_str),
            "noted_at": _time,
        },
        "id",
    ),
    Table(
        "engagements",
        {
            "id": _int,
            "contact_id": _int,
            "kind": _one_of(EngagementKind),
            "target": _str,
            "comment": _str,
            "occurred_at": _time,
        },
        "id",
    ),
    Table(
        "messages",
        {
            "id": _int,
            "contact_id": _int,
            "kind": _one_of(MessageKind),
            "direction": _one_of(Direction),
            "body": _str,
            "intent": _optional(_one_of(Intent)),
            "intent_note": _str,
            "sent_at": _time,
            "accepted_at": _optional(_time),
            "withdrawn_at": _optional(_time),
            "imported": _bool,
        },
        "id",
    ),
    Table(
        "drafts",
        {
            "id": _int,
            "contact_id": _int,
            "kind": _one_of(MessageKind),
            "body": _str,
            "intent": _optional(_one_of(Intent)),
            "updated_at": _time,
        },
        "id",
    ),
    Table(
        "stage_history",
        {
            "id": _int,
            "contact_id": _int,
            "from_stage": _optional(_STAGES),
            "to_stage": _STAGES,
            "moved_at": _time,
            "reason": _str,
            "imported": _bool,
        },
        "id",
    ),
    Table(
        "nudge_states",
        {
            "id": _int,
            "contact_id": _optional(_int),
            "kind": _str,
            "snoozed_until": _optional(_time),
            "dismissed_situation": _optional(_str),
        },
        "id",
    ),
    # Since schema 0002. An archive written before has neither list: it imports with no reminders and keeps the
    # built-in templates the new database was created with.
    Table(
        "reminders",
        {
            "id": _int,
            "contact_id": _int,
            "wall_time": _wall,
            "zone": _zone,
            "note": _str,
            "created_at": _time,
            "done_at": _optional(_time),
        },
        "id",
    ),
    Table(
        "templates",
        {
            "id": _int,
            "kind": _one_of(MessageKind),
            "intent": _optional(_one_of(Intent)),
            "name": _str,
            "body": _str,
            "position": _int,
            "created_at": _time,
            "updated_at": _time,
        },
        "id",
    ),
    # Since schema 0003: what keeps a re-import of a LinkedIn export from adding messages twice or overwriting what
    # the user edited. An archive without them imports as if nothing had been imported yet.
    Table("imported_messages", {"message_id": _int, "source_key": _str}, "message_id"),
    Table("imported_values", {"contact_id": _int, "fields": _str}, "contact_id"),
    Table(
        "imports",
        {
            "id": _int,
            "kind": _str,
            "source": _str,
            "imported_at": _time,
            "added": _int,
            "updated": _int,
            "unchanged": _int,
            "skipped": _int,
            "messages": _int,
        },
        "id",
    ),
)
# Instants travel as ISO 8601 UTC ("2026-11-26T09:00:00.000000Z"); the database keeps them as fixed-width text.
_TIME_COLUMNS = {name for table in TABLES for name in table.columns if name.endswith("_at") or name == "snoozed_until"}
_BOOL_COLUMNS = {name for table in TABLES for name, check in table.columns.items() if check is _bool}


@dataclass(frozen=True)
class ArchiveSummary:
    counts: dict[str, int]

    def describe(self) -> str:
        """ "2 contacts, 1 tag, 0 profile facts, …": every table, counted in words."""
        return ", ".join(_counted(name, count) for name, count in self.counts.items())


# (one, several) for each table: "1 stage change", "3 stage changes".
_COUNT_WORDS = {
    "stage_history": ("stage change", "stage changes"),
    "imported_messages": ("imported message key", "imported message keys"),
    "imports": ("import record", "import records"),
}


def _counted(table: str, count: int) -> str:
    plural = table.replace("_", " ")
    one, many = _COUNT_WORDS.get(table, (plural.removesuffix("s"), plural))
    return f"{count:,} {one if count == 1 else many}"


def _iso(db_text: str | None) -> str | None:
    # The schema's CHECK guarantees 'YYYY-MM-DD HH:MM:SS.ffffff' UTC: slicing is exact and 10x cheaper than parsing.
    return None if db_text is None else f"{db_text[:10]}T{db_text[11:]}Z"


def _rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    columns = list(table.columns)
    result = conn.exec_driver_sql(f"SELECT {', '.join(columns)} FROM {table.name} ORDER BY {table.order}")
    for row in result:
        record = dict(zip(columns, row, strict=True))
        for key in columns:
            if key in _TIME_COLUMNS:
                record[key] = _iso(record[key])
            elif key in _BOOL_COLUMNS:
                record[key] = bool(record[key])
        yield record


def export_archive(sessions: sessionmaker[Session], destination: Path, now: datetime) -> ArchiveSummary:
    """Write the whole database to `destination` atomically (a half-written file never replaces a good one)."""
    counts: dict[str, int] = {}
    with sessions.begin() as s:
        conn = s.connection()
        settings = {key: decode(value) for key, value in conn.exec_driver_sql("SELECT key, value FROM settings")}
        schema = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ArchiveError(f"Cannot write {destination}: {error.strerror or error}.") from error
        with replacing(destination, ArchiveError, text=True) as out:
            head = {
                "format": FORMAT,
                "version": VERSION,
                "schema": schema,
                "exported_at": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "settings": settings,
            }
            out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2])
            for table in TABLES:
                out.write(f',\n "{table.name}": [')
                count = 0
                for record in _rows(conn, table):
                    out.write(",\n  " if count else "\n  ")
                    out.write(json.dumps(record, ensure_ascii=False))
                    count += 1
                out.write("\n ]" if count else "]")
                counts[table.name] = count
            out.write("\n}\n")
    return ArchiveSummary(counts)


@dataclass(frozen=True)
class ArchiveContents:
    """A validated archive: its settings and, per table, rows in the order of the table's columns."""

    settings: dict[str, Any]
    rows: dict[str, list[tuple[Any, ...]]]
    # The lists the file holds; a table it lacks is left as the new database has it (the built-in templates).
    present: frozenset[str]


def read_archive(source: Path) -> ArchiveContents:
    """Parse and validate an archive fully before anything is written; raises ArchiveError naming the problem."""
    try:
        size = source.stat().st_size
        if size > MAX_ARCHIVE_BYTES:
            raise ArchiveError(f"{source} is {size / 1024**3:.1f} GB: too large to be an Overture archive.")
        with source.open("rb") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        raise ArchiveError(f"{source} does not exist.") from None
    except IsADirectoryError:
        raise ArchiveError(f"{source} is a folder, not an archive file.") from None
    except PermissionError:
        raise ArchiveError(f"{source} cannot be read (permission denied).") from None
    except UnicodeDecodeError as error:
        raise ArchiveError(f"{source} is not UTF-8 text (byte {error.start}): not an Overture archive.") from None
    except json.JSONDecodeError as error:
        raise ArchiveError(
            f"{source} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except RecursionError:
        raise ArchiveError(f"{source} nests too deeply to be an Overture archive.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ArchiveError(f'{source} is JSON, but not an Overture archive (no "format": "{FORMAT}").')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ArchiveError(f"{source} has no valid archive version.")
    if version > VERSION:
        raise ArchiveError(
            f"{source} is a version {version} archive, written by a newer Overture; this one reads version {VERSION}."
        )
    settings = document.get("settings", {})
    if not isinstance(settings, dict):
        raise ArchiveError(f'{source}: "settings" must be an object.')
    try:
        settings_from_mapping(settings)
        profile_from_settings(settings)  # the own profile travels in the settings, under "own_profile." keys
    except InvalidInput as error:
        raise ArchiveError(f"{source}: settings: {error}") from None
    clean: dict[str, list[tuple[Any, ...]]] = {}
    contact_ids: set[int] = set()
    for table in TABLES:
        records = document.get(table.name, [])
        if not isinstance(records, list):
            raise ArchiveError(f'{source}: "{table.name}" must be a list.')
        rows: list[tuple[Any, ...]] = []
        # What is the same for every record is worked out once: a million records pass through here.
        known = set(table.columns)
        checks = list(table.columns.items())
        is_contacts = table.name == "contacts"
        refers_at = list(table.columns).index("contact_id") if "contact_id" in table.columns else -1
        for index, record in enumerate(records):
            if not isinstance(record, dict) or record.keys() - known:
                _refuse_record(source, table, index, record)
            try:
                row = tuple([check(record[column]) for column, check in checks])
            except (KeyError, ValueError):
                _refuse_record(source, table, index, record)
            if is_contacts:
                contact_ids.add(row[0])
            elif refers_at >= 0:
                contact_id = row[refers_at]
                if contact_id is not None and contact_id not in contact_ids:
                    raise ArchiveError(
                        f"{source}: {table.name}[{index}] refers to contact {contact_id}, "
                        "which the archive does not contain."
                    )
            rows.append(row)
        clean[table.name] = rows
    return ArchiveContents(settings, clean, frozenset(table.name for table in TABLES if table.name in document))


def _refuse_record(source: Path, table: Table, index: int, record: object) -> NoReturn:
    """Say exactly what is wrong with one record (the slow path, taken only for a bad record)."""
    where = f"{source}: {table.name}[{index}]"
    if not isinstance(record, dict):
        raise ArchiveError(f"{where} must be an object.")
    unknown = set(record) - set(table.columns)
    if unknown:
        raise ArchiveError(f"{where} has unknown fields: {', '.join(sorted(unknown))}.")
    for column, check in table.columns.items():
        if column not in record:
            raise ArchiveError(f'{where} lacks "{column}".')
        try:
            check(record[column])
        except ValueError as error:
            raise ArchiveError(f"{where}.{column} {error}.") from None
    raise ArchiveError(f"{where} is not valid.")


def _refuse_unless_empty(conn: Connection) -> None:
    existing = conn.exec_driver_sql("SELECT count(*) FROM contacts").scalar_one()
    if existing:
        contacts = "1 contact" if existing == 1 else f"{existing:,} contacts"
        raise ArchiveError(
            f"This database already holds {contacts}; an archive is restored into an empty one. "
            "Start Overture with --data-dir pointing to a new folder to restore there."
        )


def import_archive(
    sessions: sessionmaker[Session],
    source: Path,
    *,
    dry_run: bool = False,
    before_write: Callable[[], object] | None = None,
) -> ArchiveSummary:
    """Restore an archive into an empty database, exactly, in one transaction.

    The whole file is validated first; `before_write` (the backup) runs only once it is known to be good.
    """
    document = read_archive(source)
    counts = {table.name: len(document.rows[table.name]) for table in TABLES}
    if dry_run:
        with sessions.begin() as s:
            _refuse_unless_empty(s.connection())
        return ArchiveSummary(counts)
    if before_write is not None:
        before_write()
    with sessions.begin() as s:
        conn = s.connection()
        _refuse_unless_empty(conn)
        # A big page cache for the bulk insert (index pages stay in memory): ~20% faster at 900,000 rows.
        conn.exec_driver_sql(f"PRAGMA cache_size = {_IMPORT_CACHE}")
        try:
            for key, value in document.settings.items():
                conn.exec_driver_sql("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, encode(value)))
            for table in TABLES:
                columns = list(table.columns)
                if table.name == "contacts":
                    columns.append("stage_move_imported")
                    rows = [(*row, 1) for row in document.rows["contacts"]]
                else:
                    rows = document.rows[table.name]
                if table.name == "stage_history":
                    # Inserting contacts wrote their entry into the history; the archive's own history replaces it.
                    conn.exec_driver_sql("DELETE FROM stage_history")
                if table.name == "templates" and table.name in document.present:
                    # The archive's templates replace the built-in ones the empty database was seeded with.
                    conn.exec_driver_sql("DELETE FROM templates")
                if rows:
                    marks = ", ".join("?" for _ in columns)
                    conn.exec_driver_sql(
                        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})",
                        rows,
                    )
        except IntegrityError as error:
            raise ArchiveError(
                f"{source} breaks a rule of the database ({error.orig}); nothing was imported."
            ) from None
        finally:
            conn.exec_driver_sql(f"PRAGMA cache_size = {_DEFAULT_CACHE}")
    return ArchiveSummary(counts)
