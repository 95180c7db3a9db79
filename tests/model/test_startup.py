"""The first read: every contact's list row and the settings, from one snapshot, begun early or read in turn."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from model.database import Database
from model.directory import ContactQuery
from model.paths import DataPaths
from model.services import Services
from model.startup import StartRead, read_start
from tests.model.conftest import add


def test_the_early_read_gives_what_the_ordinary_read_gives(services: Services, paths: DataPaths) -> None:
    for index in range(40):
        add(services, f"Contact {index:02d}", company="Acme" if index % 2 else "", tags=("x", "y") if index % 3 else ())
    # Text that looks like a number stays text (the temporary table must not convert it).
    add(services, "007", company="1e5", position="12.50", tags=("2024",), notes="042")
    services.update_settings(pending_stale_days=45)

    early = StartRead(paths.database).result()
    ordinary = read_start(paths.database)
    assert early is not None
    assert early.settings == ordinary.settings
    assert early.settings.pending_stale_days == 45
    assert len(ordinary.directory) == 41
    assert list(early.directory.find(ContactQuery())) == list(ordinary.directory.find(ContactQuery()))
    (bond,) = early.directory.find(ContactQuery(text="007"))
    assert (bond.name, bond.company, bond.position, bond.tags, bond.notes) == ("007", "1e5", "12.50", "2024", "042")


def test_rows_and_settings_come_from_the_same_moment(services: Services, paths: DataPaths) -> None:
    """A change made after the early read began is in neither its rows nor its settings."""
    add(services, "Ada Lovelace")
    read = StartRead(paths.database)
    read._thread.join()  # the rows are worked out; the settings are not read yet
    add(services, "Grace Hopper")
    services.update_settings(pending_stale_days=45)

    start = read.result()
    assert start is not None
    assert [row.name for row in start.directory.find(ContactQuery())] == ["Ada Lovelace"]
    assert start.settings.pending_stale_days != 45
    assert len(read_start(paths.database).directory) == 2


def test_no_database_yet_is_left_to_the_ordinary_start_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "data" / "overture.db"
    assert StartRead(path).result() is None
    assert not path.exists() and not path.parent.exists()


def test_a_database_of_another_revision_is_left_to_the_ordinary_start(database: Database, paths: DataPaths) -> None:
    """It will be migrated first, after the single-instance check; the early read changes nothing."""
    database.dispose()
    with sqlite3.connect(paths.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0002'")
    before = paths.database.read_bytes()
    assert StartRead(paths.database).result() is None
    assert paths.database.read_bytes() == before


def test_a_file_that_is_not_an_overture_database_is_left_to_the_ordinary_start(tmp_path: Path) -> None:
    path = tmp_path / "overture.db"
    path.write_bytes(b"not a database at all" * 100)
    assert StartRead(path).result() is None
    with sqlite3.connect(tmp_path / "other.db") as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    assert StartRead(tmp_path / "other.db").result() is None


def test_a_cancelled_read_lets_go_of_the_database(services: Services, paths: DataPaths) -> None:
    add(services, "Ada Lovelace")
    read = StartRead(paths.database)
    read.cancel()
    assert read.result() is None
    assert not read._thread.is_alive()
