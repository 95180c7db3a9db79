"""Bulk inserts, many rows to a statement.

SQLite runs one `INSERT ... VALUES (...), (...), ...` of a few hundred rows faster than executemany's one statement a
row: the statement's set-up, and its triggers', is paid once a chunk instead of once a row. Measured on our schema:
30,000 contacts (with the trigger that writes their history) 1.38 -> 0.85 s; 97,000 messages (their CHECKs and
the four indexes of schema 0003) 1.55 -> 1.21 s.

A big insert into a table may also go in without the table's indexes, which are built again after it
(`rebuilt_indexes`): quicker for keys that come in random order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection

# Past this the gain is flat (measured at 50, 60 and 200 rows); SQLite's limit on parameters may lower it.
ROWS_PER_STATEMENT = 200
BATCH_ROWS = 10_000  # rows whose values are gathered for one executemany of such statements
# Fewer rows than this go into an index as they are inserted, whatever the table's size: the gain would not show.
REBUILD_FROM_ROWS = 10_000


def insert_many(conn: Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """Insert `rows` in order, as `conn.exec_driver_sql(sql, rows)` would: `sql` is an INSERT whose VALUES clause is
    one row (placeholders, and constants if any), e.g. "INSERT INTO t (a, b, c) VALUES (?, ?, 1)". Rows keep their
    order, so consecutive rowids come out in the same order as with one statement a row."""
    if not rows:
        return
    head, keyword, row = sql.rpartition("VALUES")
    width = row.count("?")
    if not keyword or not width or any(len(values) != width for values in rows):
        raise ValueError("insert_many needs an INSERT with one VALUES row and that many values in each row")
    per_statement = _rows_per_statement(conn, width)
    full = f"{head}VALUES {', '.join([row.strip()] * per_statement)}"
    # Values are gathered a batch of statements at a time: a flat copy of 100,000 messages' at once would add
    # 15 MB to an import's peak.
    whole = len(rows) - len(rows) % per_statement
    batch = per_statement * max(1, BATCH_ROWS // per_statement)
    for start in range(0, whole, batch):
        flat = [value for values in rows[start : min(start + batch, whole)] for value in values]
        step = per_statement * width
        conn.exec_driver_sql(full, [tuple(flat[i : i + step]) for i in range(0, len(flat), step)])
    if whole < len(rows):
        rest = rows[whole:]
        statement = f"{head}VALUES {', '.join([row.strip()] * len(rest))}"
        conn.exec_driver_sql(statement, tuple(value for values in rest for value in values))


def update_many(conn: Connection, sql: str, one_row_sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """Update from `rows`, many rows a statement: `sql` names each row's values v.column1 ... v.columnN and holds
    "{values}" where they go, as in "UPDATE t SET a = v.column1 FROM (VALUES {values}) AS v WHERE t.id = v.column2".
    `one_row_sql` is the same update for one row ("UPDATE t SET a = ? WHERE id = ?"), for SQLite before 3.33, which
    has no UPDATE ... FROM. Each row must update a different row of the table. Measured: 10,000 imported stage
    moves (with their history trigger) 0.36 -> 0.28 s."""
    if not rows:
        return
    if sqlite3.sqlite_version_info < (3, 33, 0):
        conn.exec_driver_sql(one_row_sql, list(map(tuple, rows)))
        return
    width = len(rows[0])
    row = f"({', '.join(['?'] * width)})"
    per_statement = _rows_per_statement(conn, width)
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        statement = sql.format(values=", ".join([row] * len(chunk)))
        conn.exec_driver_sql(statement, tuple(value for values in chunk for value in values))


def _rows_per_statement(conn: Connection, width: int) -> int:
    """ROWS_PER_STATEMENT, or fewer where SQLite's limit on a statement's parameters is lower."""
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return max(1, min(ROWS_PER_STATEMENT, driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))


@contextmanager
def rebuilt_indexes(conn: Connection, table: str, adding: int) -> Iterator[None]:
    """While `adding` rows go into `table` (a name of ours, never user text), its indexes are dropped, then built
    again from all its rows, when that is quicker: when the rows coming are at least as many as the table holds.
    SQLite builds an index from sorted keys, which is much faster than inserting keys that come in random order
    (100,000 message keys, which are hashes: 0.40 s inserted into the index row by row, 0.10 s inserted without it
    and indexed after). Only indexes made by CREATE INDEX are rebuilt: those SQLite makes for a constraint cannot
    be dropped.

    All of it is the caller's transaction: a failure inside the block must roll it back, which brings the indexes
    back as they were. New rows that break a unique index fail when it is built again, as their insert would have,
    with the same IntegrityError."""
    held = conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
    if adding < max(REBUILD_FROM_ROWS, held):
        yield
        return
    indexes = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
    ).all()
    for name, _ in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.exec_driver_sql(sql)
