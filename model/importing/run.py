"""Running an import end to end: read a file, preview it against the database, commit it in one transaction.

`Services` exposes these; the wizard and the command line call them the same way, so they print the same summary.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from model.clock import parse_utc
from model.collector import collector_paused
from model.errors import OvertureError
from model.importing.plan import Decisions, ImportPlan, ImportResult, apply_plan, plan_import
from model.importing.records import ContactOut, ImportBundle, Progress, no_progress
from model.settings import Settings

IMPORT_CACHE_KIB = -32 * 1024  # negative: KiB, i.e. 32 MB: 64 MB made no measured difference but 29 MB of peak
DEFAULT_CACHE_KIB = -2000  # SQLite's default
SourceKind = Literal["linkedin", "vcard", "csv"]
ExportKind = Literal["csv", "vcard"]


def read_source(
    kind: SourceKind, path: Path, mapping: Mapping[str, str] | None = None, progress: Progress = no_progress
) -> ImportBundle:
    """The file read into neutral records; raises ImportProblem (naming file, line and problem) when it cannot be."""
    with collector_paused():  # a 30,000-connection export becomes ~150,000 objects
        return _read_source(kind, path, mapping, progress)


def _read_source(kind: SourceKind, path: Path, mapping: Mapping[str, str] | None, progress: Progress) -> ImportBundle:
    if kind == "linkedin":
        from model.importing.linkedin import read_linkedin

        return read_linkedin(path, progress)
    if kind == "vcard":
        from model.importing.vcard import read_vcards

        return read_vcards(path, progress)
    from model.importing.csvfile import guess_mapping, preview_csv, read_csv

    if mapping is None:
        mapping = guess_mapping(preview_csv(path).headers)
    return read_csv(path, mapping, progress)


def preview(
    sessions: sessionmaker[Session],
    bundle: ImportBundle,
    settings: Settings,
    now: datetime,
    decisions: Decisions | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    with collector_paused(), sessions.begin() as s:
        return plan_import(s.connection(), bundle, settings, now, decisions, progress)


def commit(
    sessions: sessionmaker[Session],
    bundle: ImportBundle,
    settings: Settings,
    now: datetime,
    decisions: Decisions | None,
    backup: Callable[[], object],
    fill_profile: Callable[[Session, Mapping[str, str]], object],
    progress: Progress | None = None,
    previewed: ImportPlan | None = None,
) -> ImportResult:
    """Apply the previewed plan, or plan again inside the transaction when the database (or the decisions) changed
    since the preview; all or nothing. A backup comes first whenever the import changes anything (it reads the
    database as last committed, from its own connection: nothing of this import is in it)."""
    decisions = decisions or Decisions()
    try:
        with collector_paused(), sessions.begin() as s:
            conn = s.connection()
            if previewed is not None and previewed.still_valid(conn, settings, decisions):
                plan = previewed
            else:
                plan = plan_import(conn, bundle, settings, now, decisions, progress)
            if plan.changes_anything:
                backup()
            # A bigger page cache while the rows go in (indexes stay in memory), then SQLite's default again.
            conn.exec_driver_sql(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
            try:
                result = apply_plan(conn, plan, now, progress)
            finally:
                conn.exec_driver_sql(f"PRAGMA cache_size = {DEFAULT_CACHE_KIB}")
            if plan.profile_fill:
                fill_profile(s, plan.profile_fill)
            return result
    except IntegrityError as error:
        raise OvertureError(
            f"{bundle.source.name} breaks a rule of the database ({error.orig}); nothing was imported."
        ) from None


_EXPORT_SQL = """
SELECT c.name, c.company, c.position, c.headline, c.location, c.email, c.profile_url, c.time_zone, c.stage, c.tier,
  coalesce((SELECT group_concat(t.name, char(31)) FROM tags t WHERE t.contact_id = c.id), ''),
  c.notes, c.connected_at, c.updated_at
FROM contacts c ORDER BY c.name COLLATE NOCASE, c.id
"""


def contacts_out(sessions: sessionmaker[Session]) -> list[ContactOut]:
    with sessions.begin() as s:
        rows = s.connection().exec_driver_sql(_EXPORT_SQL).all()
    return [
        ContactOut(
            name=row[0],
            company=row[1],
            position=row[2],
            headline=row[3],
            location=row[4],
            email=row[5],
            profile_url=row[6],
            time_zone=row[7],
            stage=row[8],
            tier=row[9],
            tags=tuple(sorted(row[10].split("\x1f"))) if row[10] else (),
            notes=row[11],
            connected_at=parse_utc(row[12]) if row[12] else None,
            updated_at=parse_utc(row[13]),
        )
        for row in rows
    ]


def export_contacts(sessions: sessionmaker[Session], kind: ExportKind, path: Path) -> int:
    contacts = contacts_out(sessions)
    if kind == "csv":
        from model.importing.csvfile import write_csv

        return write_csv(contacts, path)
    from model.importing.vcard import write_vcards

    return write_vcards(contacts, path)
