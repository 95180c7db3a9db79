"""Bulk inserts: the same rows, in the same order, as one statement a row would insert."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine
from sqlalchemy.exc import IntegrityError

from model import bulk
from model.bulk import insert_many, update_many
from model.database import make_engine


@pytest.fixture
def conn() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER CHECK (b >= 0), c INTEGER)"
        )
        yield connection
    engine.dispose()


@pytest.mark.parametrize("count", [1, 199, 200, 201, 450, 1000, 25_099])
def test_every_row_goes_in_in_order_whatever_the_count(conn: Connection, count: int) -> None:
    rows = [(f"row {i}", i) for i in range(count)]
    insert_many(conn, "INSERT INTO t (a, b, c) VALUES (?, ?, 7)", rows)
    stored = conn.exec_driver_sql("SELECT id, a, b, c FROM t ORDER BY id").all()
    assert [(a, b) for _, a, b, _ in stored] == rows
    assert [row[0] for row in stored] == list(range(1, count + 1)), "consecutive ids, in the rows' order"
    assert {row[3] for row in stored} == {7}


def test_a_rule_broken_by_any_row_fails_the_insert(conn: Connection) -> None:
    rows = [(f"row {i}", -1 if i == 333 else i) for i in range(500)]
    with pytest.raises(IntegrityError):
        insert_many(conn, "INSERT INTO t (a, b) VALUES (?, ?)", rows)


def test_sqlite_s_limit_on_parameters_is_respected(conn: Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "ROWS_PER_STATEMENT", 10**9)  # only the limit holds it back
    rows = [(f"row {i}", i) for i in range(130_000)]  # 260,000 parameters: above the limit as one statement
    insert_many(conn, "INSERT INTO t (a, b) VALUES (?, ?)", rows)
    assert conn.exec_driver_sql("SELECT count(*), sum(b) FROM t").one() == (130_000, sum(range(130_000)))


def test_nothing_to_insert_is_nothing_done(conn: Connection) -> None:
    insert_many(conn, "INSERT INTO t (a, b) VALUES (?, ?)", [])
    assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar_one() == 0


def test_rows_of_the_wrong_width_are_refused(conn: Connection) -> None:
    with pytest.raises(ValueError, match="one VALUES row"):
        insert_many(conn, "INSERT INTO t (a, b) VALUES (?, ?)", [("x", 1), ("y",)])
    with pytest.raises(ValueError, match="one VALUES row"):
        insert_many(conn, "INSERT INTO t (a, b) SELECT 'x', 1", [("x",)])


@pytest.mark.parametrize("version", [(3, 40, 1), (3, 31, 1)], ids=["update-from", "one-row-a-statement"])
def test_updates_reach_each_row_and_fire_its_triggers(
    conn: Connection, monkeypatch: pytest.MonkeyPatch, version: tuple[int, int, int]
) -> None:
    monkeypatch.setattr(sqlite3, "sqlite_version_info", version)
    conn.exec_driver_sql("CREATE TABLE log (row_id INTEGER, old_b INTEGER, new_b INTEGER)")
    conn.exec_driver_sql(
        "CREATE TRIGGER t_log AFTER UPDATE OF b ON t BEGIN INSERT INTO log VALUES (NEW.id, OLD.b, NEW.b); END"
    )
    insert_many(conn, "INSERT INTO t (a, b) VALUES (?, ?)", [(f"row {i}", i) for i in range(1000)])
    changes = [(f"new {i}", i * 10, i + 1) for i in range(0, 1000, 2)]  # every other row: 500 updates
    update_many(
        conn,
        "UPDATE t SET a = v.column1, b = v.column2 FROM (VALUES {values}) AS v WHERE t.id = v.column3",
        "UPDATE t SET a = ?, b = ? WHERE id = ?",
        changes,
    )
    stored = {row_id: (a, b) for row_id, a, b in conn.exec_driver_sql("SELECT id, a, b FROM t")}
    assert all(stored[i + 1] == (f"new {i}", i * 10) for i in range(0, 1000, 2))
    assert all(stored[i + 1] == (f"row {i}", i) for i in range(1, 1000, 2))
    logged = conn.exec_driver_sql("SELECT row_id, old_b, new_b FROM log ORDER BY row_id").all()
    assert logged == [(i + 1, i, i * 10) for i in range(0, 1000, 2)]


# --- indexes built again after a big insert ---------------------------------------------------------------------

_INDEXES = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 't' AND sql IS NOT NULL ORDER BY 1"


def _indexed(conn: Connection) -> None:
    conn.exec_driver_sql("CREATE UNIQUE INDEX uq_t_a ON t (a)")
    conn.exec_driver_sql("CREATE INDEX ix_t_b ON t (b) WHERE c IS NULL")


def test_a_big_insert_goes_in_without_the_indexes_which_come_back_the_same(
    conn: Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "REBUILD_FROM_ROWS", 10)
    _indexed(conn)
    before = conn.exec_driver_sql(_INDEXES).all()
    rows = [(f"row {i:03}", i) for i in range(100, 0, -1)]
    with bulk.rebuilt_indexes(conn, "t", len(rows)):
        assert conn.exec_driver_sql(_INDEXES).all() == []
        insert_many(conn, "INSERT INTO t (a, b) VALUES (?, ?)", rows)
    assert conn.exec_driver_sql(_INDEXES).all() == before
    plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN SELECT b FROM t WHERE a = 'row 042'").all()
    assert "uq_t_a" in plan[0][3]
    assert conn.exec_driver_sql("SELECT b FROM t WHERE a = 'row 042'").scalar_one() == 42


def test_a_unique_index_built_again_refuses_what_its_insert_would_have(
    conn: Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "REBUILD_FROM_ROWS", 10)
    _indexed(conn)
    rows = [(f"row {i % 50}", i) for i in range(100)]  # each name twice
    with pytest.raises(IntegrityError), bulk.rebuilt_indexes(conn, "t", len(rows)):
        insert_many(conn, "INSERT INTO t (a, b) VALUES (?, ?)", rows)


def test_indexes_stay_while_few_rows_go_into_a_bigger_table(conn: Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "REBUILD_FROM_ROWS", 10)
    _indexed(conn)
    insert_many(conn, "INSERT INTO t (a, b) VALUES (?, ?)", [(f"old {i}", i) for i in range(100)])
    before = conn.exec_driver_sql(_INDEXES).all()
    for adding in (5, 99):  # under the floor; fewer than the table holds
        with bulk.rebuilt_indexes(conn, "t", adding):
            assert conn.exec_driver_sql(_INDEXES).all() == before


def test_a_failed_insert_rolled_back_leaves_the_indexes_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "REBUILD_FROM_ROWS", 10)
    engine = make_engine(tmp_path / "t.db")  # the application's: each transaction begins with BEGIN
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER, c INTEGER)")
            _indexed(connection)
            before = connection.exec_driver_sql(_INDEXES).all()
        with pytest.raises(IntegrityError), engine.begin() as connection, bulk.rebuilt_indexes(connection, "t", 100):
            insert_many(connection, "INSERT INTO t (a, b) VALUES (?, ?)", [(None, i) for i in range(100)])
        with engine.begin() as connection:
            assert connection.exec_driver_sql(_INDEXES).all() == before
    finally:
        engine.dispose()
