"""Opening the database: connection pragmas, refusal of foreign or newer files, backups, then migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model import backup
from model.clock import Clock
from model.errors import (
    CorruptDatabase,
    DatabaseProblem,
    NewerDatabase,
    NotAnOvertureDatabase,
)
from model.paths import DataPaths

if TYPE_CHECKING:  # imported where used: the window paints before SQLAlchemy loads (see model/startup.py)
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

# Every revision this version of Overture knows, oldest first; tests check it against the migration scripts.
# Kept as a constant so that opening an up-to-date database never imports Alembic (about 0.1 s of start-up).
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004")
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy own BEGIN/COMMIT so that a service's transaction really is one (pysqlite would
    # otherwise defer BEGIN to the first write and run reads outside it).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def make_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite+pysqlite:///{path}")
    event.listen(engine, "connect", _configure_connection)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


@dataclass
class Database:
    """An open, migrated database: the engine and the session factory services use."""

    path: Path
    paths: DataPaths
    engine: Engine
    sessions: sessionmaker[Session]

    def dispose(self) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        # SQLite's advice for long-lived connections: refresh the planner's statistics where they went stale.
        with contextlib.suppress(SQLAlchemyError), self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA optimize")
        self.engine.dispose()

    def backup_to(self, destination: Path) -> Path:
        return backup.backup_database(self.path, destination)

    def automatic_backup(self, kind: str, now: datetime) -> Path:
        return backup.automatic_backup(self.path, self.paths.backups, kind, now)

    def backup_if_due(self, now: datetime) -> Path | None:
        """The daily backup; callers run it off the GUI thread."""
        if backup.daily_backup_due(self.paths.backups, now):
            return self.automatic_backup("daily", now)
        return None

    def check(self) -> list[str]:
        """Problems found by SQLite's quick_check and foreign_key_check; empty when all is well."""
        with self.engine.connect() as conn:
            problems = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check") if row[0] != "ok"]
            for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"{table} row {rowid} points to a missing {parent} row")
        return problems


def _make_private(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            os.chmod(candidate, 0o600)


def _inspect(path: Path, *, verify: bool = True) -> str | None:
    """The schema revision of an existing file, None for a new or empty one; raises for unusable files.

    `verify` runs SQLite's quick_check, which reads the whole file (about 0.3 s at 100,000 contacts).
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise NotAnOvertureDatabase(path)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None:
            raise NotAnOvertureDatabase(path)
        if verify:
            quick = conn.execute("PRAGMA quick_check").fetchone()
            if quick != ("ok",):
                raise sqlite3.DatabaseError(f"integrity check failed ({quick[0] if quick else 'no answer'})")
        return str(row[0])


def schema_revision(path: Path) -> str | None:
    """The schema revision of the database at `path` (None for no database), once SQLite's quick check passed."""
    return _inspect(path)


def _set_aside(path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.unreadable-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            os.replace(source, aside.with_name(aside.name + suffix))
    return aside


def migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_database(paths: DataPaths, clock: Clock) -> Database:
    """Open (creating if needed) the database in `paths`, migrating it after a verified backup."""
    prepare_database(paths, clock)
    return connect(paths)


def connect(paths: DataPaths) -> Database:
    """The engine and sessions over a database that prepare_database() has made current."""
    from sqlalchemy.orm import sessionmaker

    engine = make_engine(paths.database)
    return Database(
        path=paths.database, paths=paths, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False)
    )


def prepare_database(paths: DataPaths, clock: Clock, *, verify: bool = True) -> Path:
    """Check (creating if needed) the database in `paths` and migrate it after a verified backup.

    SQLAlchemy and Alembic are imported only when there is something to migrate. With `verify=False` an
    up-to-date file is not integrity-checked: the window's start checks it after its first paint
    (verify_database) rather than before.
    """
    paths.ensure_private()
    path = paths.database
    try:
        revision = _inspect(path, verify=verify)
    except DatabaseProblem:
        raise
    except PermissionError as error:
        raise DatabaseProblem(
            f"The database {path} cannot be read: {error.strerror}. It was left untouched."
        ) from error
    except sqlite3.Error as error:
        aside = _set_aside(path, clock())
        raise CorruptDatabase(path, str(error), aside, backup.newest_good_backup(paths.backups)) from error
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerDatabase(path, revision)

    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    if revision is not None and revision != HEAD_REVISION and not verify:
        return prepare_database(paths, clock)  # a migration starts from a verified file
    if revision != HEAD_REVISION:
        if revision is not None:
            backup.automatic_backup(path, paths.backups, "migration", clock())
        engine = make_engine(path)
        try:
            migrate(engine)
        finally:
            engine.dispose()
    _make_private(path)
    return path


def verify_database(paths: DataPaths, clock: Clock) -> None:
    """SQLite's quick_check of the database; a damaged file is moved aside and CorruptDatabase raised."""
    prepare_database(paths, clock, verify=True)


def restore_backup(paths: DataPaths, source: Path, now: datetime) -> Path | None:
    """Replace the database with a verified backup; the file it replaces is moved aside, never deleted."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as conn:
            verdict = conn.execute("PRAGMA quick_check").fetchone()
            has_schema = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
    except sqlite3.Error as error:
        raise DatabaseProblem(f"{source} is not a usable backup: {error}.") from error
    if verdict != ("ok",) or has_schema != (1,):
        raise DatabaseProblem(f"{source} is not a sound Overture backup; nothing was changed.")
    paths.ensure_private()
    aside = _set_aside(paths.database, now) if paths.database.exists() else None
    backup.backup_database(source, paths.database)
    _make_private(paths.database)
    return aside
