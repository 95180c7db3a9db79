"""Opening the database: pragmas, privacy, migrations after a backup, refusal of newer or foreign files."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import IntegrityError, SAWarning

from model import backup
from model.clock import format_utc
from model.database import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    MIGRATIONS,
    Database,
    make_engine,
    open_database,
    prepare_database,
    restore_backup,
    verify_database,
)
from model.entities import Base
from model.errors import CorruptDatabase, DatabaseProblem, NewerDatabase, NotAnOvertureDatabase, OvertureError
from model.paths import DataPaths
from model.services import Services
from tests.model.conftest import FakeClock, add


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_is_created_private_and_migrated(paths: DataPaths, clock: FakeClock) -> None:
    db = open_database(paths, clock)
    try:
        assert mode(paths.root) == 0o700
        assert mode(paths.backups) == 0o700
        assert mode(paths.database) == 0o600
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == HEAD_REVISION
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 5000
        assert backup.backups_of(paths.backups) == [], "nothing to back up in a new database"
    finally:
        db.dispose()


def test_known_revisions_match_the_migration_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_current_head() == HEAD_REVISION
    assert [s.revision for s in reversed(list(scripts.walk_revisions()))] == list(KNOWN_REVISIONS)


def test_the_orm_mapping_matches_the_migrated_schema(database: Database) -> None:
    with database.engine.connect() as conn, warnings.catch_warnings():
        # SQLAlchemy cannot reflect the expression index on nudge_states; it is covered by the schema tests.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The migrations own indexes, constraint names and triggers; the mapping must agree on tables and columns.
    column_ops = {"add_table", "remove_table", "add_column", "remove_column", "modify_type", "modify_nullable"}
    flat = [op for entry in diff for op in (entry if isinstance(entry, list) else [entry])]
    assert [op for op in flat if op[0] in column_ops] == []
    assert {op[0] for op in flat} <= {"remove_index", "remove_constraint", "remove_fk", "add_fk"}


def test_reopening_keeps_the_data(paths: DataPaths, clock: FakeClock) -> None:
    db = open_database(paths, clock)
    add(Services(db.sessions, clock))
    db.dispose()
    db = open_database(paths, clock)
    assert [c.name for c in Services(db.sessions, clock).contacts()] == ["Ada Lovelace"]
    db.dispose()


def _set_revision(path: Path, revision: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        conn.commit()


def test_a_database_from_a_newer_overture_is_refused_and_untouched(paths: DataPaths, clock: FakeClock) -> None:
    open_database(paths, clock).dispose()
    _set_revision(paths.database, "9999")
    before = paths.database.read_bytes()
    with pytest.raises(NewerDatabase, match=r"newer version of Overture \(schema 9999\).*left untouched"):
        open_database(paths, clock)
    assert paths.database.read_bytes() == before


def test_an_older_database_is_backed_up_then_migrated(paths: DataPaths, clock: FakeClock) -> None:
    db = open_database(paths, clock)
    add(Services(db.sessions, clock))
    db.dispose()
    # Pretend the file predates the current head: downgrade the stamp to an empty history.
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        conn.executescript(
            "DROP TABLE nudge_states; DROP TABLE stage_history; DROP TABLE drafts; DROP TABLE messages; "
            "DROP TABLE engagements; DROP TABLE profile_facts; DROP TABLE tags; DROP TABLE contacts; "
            "DROP TABLE settings; DELETE FROM alembic_version; CREATE TABLE leftover (x);"
        )
    with pytest.raises(NotAnOvertureDatabase):
        open_database(paths, clock)


def test_migration_runs_after_a_verified_backup(
    paths: DataPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(paths, clock)
    add(Services(db.sessions, clock))
    db.dispose()
    # A database one revision behind: this version knows a newer head.
    monkeypatch.setattr("model.database.KNOWN_REVISIONS", (*KNOWN_REVISIONS, "9998"))
    monkeypatch.setattr("model.database.HEAD_REVISION", "9998")
    migrated: list[str] = []
    monkeypatch.setattr("model.database.migrate", lambda engine: migrated.append("ran"))
    open_database(paths, clock).dispose()
    assert migrated == ["ran"]
    (copy,) = backup.backups_of(paths.backups, "migration")
    with contextlib.closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT name FROM contacts").fetchall() == [("Ada Lovelace",)]
    assert mode(copy) == 0o600


def _database_at(paths: DataPaths, revision: str) -> None:
    """A database file as an older Overture left it: migrated only up to `revision`."""
    paths.ensure_private()
    _migrate(paths, command.upgrade, revision)


def _migrate(paths: DataPaths, step: Callable[[Config, str], None], revision: str) -> None:
    """Alembic's upgrade or downgrade of the database at `paths` to `revision`, in one transaction."""
    engine = make_engine(paths.database)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            step(config, revision)
    finally:
        engine.dispose()


def _index_names(paths: DataPaths) -> set[str]:
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_database_at_0001_migrates_to_the_composer_schema(paths: DataPaths, clock: FakeClock) -> None:
    _database_at(paths, "0001")
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        conn.execute(
            "INSERT INTO contacts (name, stage_entered_at, created_at, updated_at) VALUES (?, ?, ?, ?)",
            ("Ada Lovelace", *["2026-10-01 09:00:00.000000"] * 3),
        )
        conn.execute("INSERT INTO settings (key, value) VALUES ('monthly_note_allowance', '3')")
        conn.commit()
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    db = open_database(paths, clock)
    try:
        services = Services(db.sessions, clock)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == HEAD_REVISION
        (ada,) = services.contacts()
        assert ada.name == "Ada Lovelace"
        assert services.settings().monthly_note_allowance == 3
        assert len(services.templates()) >= 10, "the built-in templates are seeded"
        assert services.own_profile().name is None
        reminder = services.add_reminder(ada.id, datetime(2026, 11, 3, 9, 0), "Europe/Berlin")
        assert services.reminders(ada.id) == [reminder]
        assert db.check() == []
    finally:
        db.dispose()
    (copy,) = backup.backups_of(paths.backups, "migration")
    with contextlib.closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_at_0004_requests_by_time_have_an_index_of_their_own(paths: DataPaths, clock: FakeClock) -> None:
    """The index of every message by (kind, direction, time) gives way to one of outgoing requests by time, which
    the account's activity and the sent notes read; the contact's messages keep theirs."""
    _database_at(paths, "0003")
    sent = format_utc(clock() - timedelta(hours=1))
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        conn.execute(
            "INSERT INTO contacts (name, stage_entered_at, created_at, updated_at) VALUES ('Ada Lovelace', ?, ?, ?)",
            (sent, sent, sent),
        )
        conn.execute(
            "INSERT INTO messages (contact_id, kind, direction, body, intent, sent_at) "
            "VALUES (1, 'connection_request', 'outgoing', 'Hello Ada, your talk on engines…', 'learning', ?)",
            (sent,),
        )
        conn.execute("INSERT INTO imported_messages (message_id, source_key) VALUES (1, '0123456789abcdef01234567')")
        conn.commit()
    db = open_database(paths, clock)
    try:
        services = Services(db.sessions, clock)
        assert [note.body for note in services.sent_notes()] == ["Hello Ada, your talk on engines…"]
        assert services.note_budget().used == 1
        indexes = _index_names(paths)
        with db.engine.connect() as conn:
            plan = conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM messages "
                "WHERE kind = 'connection_request' AND direction = 'outgoing' AND sent_at >= ?",
                (sent,),
            ).all()
        assert "ix_messages_kind_direction_sent_at" not in indexes
        assert {"ix_messages_outgoing_requests_sent_at", "ix_messages_contact_id_kind_direction_sent_at"} <= indexes
        assert any("ix_messages_outgoing_requests_sent_at" in row[3] for row in plan), plan
        # The keys' unique rule is a named index now (an import may drop it and build it again), and still holds.
        assert "uq_imported_messages_source_key" in indexes
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT message_id, source_key FROM imported_messages").all() == [
                (1, "0123456789abcdef01234567")
            ]
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO messages (contact_id, kind, direction, body, sent_at) "
                "VALUES (1, 'other', 'incoming', 'Thanks!', ?)",
                (sent,),
            )
        with pytest.raises(IntegrityError, match="UNIQUE"), db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO imported_messages (message_id, source_key) VALUES (2, '0123456789abcdef01234567')"
            )
    finally:
        db.dispose()
    _migrate(paths, command.downgrade, "0003")
    indexes = _index_names(paths)
    assert "ix_messages_kind_direction_sent_at" in indexes
    assert "ix_messages_outgoing_requests_sent_at" not in indexes


def test_the_composer_migration_can_be_undone(paths: DataPaths, clock: FakeClock) -> None:
    open_database(paths, clock).dispose()
    db = open_database(paths, clock)
    Services(db.sessions, clock).update_own_profile(has_photo=True)
    db.dispose()
    _migrate(paths, command.downgrade, "0001")
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not tables & {"templates", "reminders"}
        assert conn.execute("SELECT count(*) FROM settings").fetchone() == (0,)


def test_a_foreign_sqlite_file_is_refused_and_untouched(paths: DataPaths, clock: FakeClock) -> None:
    paths.ensure_private()
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
        conn.commit()
    before = paths.database.read_bytes()
    with pytest.raises(NotAnOvertureDatabase, match="not one of Overture's"):
        open_database(paths, clock)
    assert paths.database.read_bytes() == before


def test_a_corrupt_file_is_set_aside_and_the_newest_backup_offered(paths: DataPaths, clock: FakeClock) -> None:
    db = open_database(paths, clock)
    add(Services(db.sessions, clock))
    good = db.automatic_backup("daily", clock())
    db.dispose()
    paths.database.write_bytes(b"This is not a database at all, just text" * 200)
    with pytest.raises(CorruptDatabase) as raised:
        open_database(paths, clock)
    error = raised.value
    assert error.newest_backup == good
    assert error.set_aside is not None and error.set_aside.exists(), "moved aside, never deleted"
    assert not paths.database.exists()
    assert f"restore it with 'main.py restore {good}'" in str(error)
    restore_backup(paths, good, clock())
    db = open_database(paths, clock)
    assert [c.name for c in Services(db.sessions, clock).contacts()] == ["Ada Lovelace"]
    db.dispose()


def test_restore_refuses_a_file_that_is_not_a_sound_backup(paths: DataPaths, clock: FakeClock, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"garbage" * 100)
    with pytest.raises(DatabaseProblem, match="not a usable backup"):
        restore_backup(paths, bogus, clock())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_reported(paths: DataPaths, clock: FakeClock) -> None:
    open_database(paths, clock).dispose()
    os.chmod(paths.database, 0)
    with pytest.raises(DatabaseProblem, match="cannot be read"):
        open_database(paths, clock)


def test_check_reports_broken_references(database: Database, services: Services) -> None:
    ada = add(services)
    services.log_engagement(ada, "like")
    assert database.check() == []
    with contextlib.closing(sqlite3.connect(database.path)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM contacts")
        conn.commit()
    problems = database.check()
    assert any("engagements row" in p and "missing contacts row" in p for p in problems)


def test_backups_are_verified_private_and_rotated(database: Database, services: Services, clock: FakeClock) -> None:
    add(services)
    made = []
    for _ in range(backup.KEEP["daily"] + 3):
        clock.advance(days=1)
        made.append(database.automatic_backup("daily", clock()))
    kept = backup.backups_of(database.paths.backups, "daily")
    assert kept == list(reversed(made))[: backup.KEEP["daily"]]
    assert all(mode(p) == 0o600 for p in kept)
    assert not list(database.paths.backups.glob("*.partial"))


def test_daily_backup_runs_once_a_day(database: Database, services: Services, clock: FakeClock) -> None:
    add(services)
    first = database.backup_if_due(clock())
    assert first is not None
    assert database.backup_if_due(clock.advance(hours=23, minutes=59)) is None
    assert database.backup_if_due(clock.advance(minutes=1)) is not None


def test_a_backup_to_an_impossible_place_is_reported(database: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OvertureError, match="Could not back up"):
        database.backup_to(blocker / "backup.db")


def test_the_fast_start_skips_the_integrity_check_that_verify_database_then_runs(
    paths: DataPaths, clock: FakeClock
) -> None:
    db = open_database(paths, clock)
    services = Services(db.sessions, clock)
    for number in range(300):
        add(services, f"Contact {number}", notes="x" * 400)
    db.dispose()
    data = bytearray(paths.database.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    data[-3 * page : -page] = b"\xff" * (2 * page)  # two pages deep inside the contacts' rows
    paths.database.write_bytes(bytes(data))
    assert prepare_database(paths, clock, verify=False) == paths.database, "start-up reads only the header pages"
    with pytest.raises(CorruptDatabase) as raised:
        verify_database(paths, clock)
    assert raised.value.set_aside is not None and raised.value.set_aside.exists()
