"""Undo and redo at the database level: a contact's rows captured before a change and written back exactly."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from model.archive import TABLES
from model.records import ContactState

# Rows of the contact's own tables, children after their parent, in the archive's column order.
_CONTACT_TABLES = [table for table in TABLES if table.name == "contacts" or "contact_id" in table.columns]
_CAPTURE_SQL = [
    (
        table.name,
        f"SELECT {', '.join(table.columns)} FROM {table.name} "
        f"WHERE {'id' if table.name == 'contacts' else 'contact_id'} = ? ORDER BY {table.order}",
    )
    for table in _CONTACT_TABLES
]


def capture(conn: Connection, contact_id: int) -> ContactState:
    # Straight through the DBAPI cursor, in the caller's transaction: every change is captured twice (before and
    # after, for undo and redo), and SQLAlchemy's statement layer tripled the time of these small reads.
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        captured = []
        for table, sql in _CAPTURE_SQL:
            cursor.execute(sql, (contact_id,))
            captured.append((table, tuple(cursor.fetchall())))
    finally:
        cursor.close()
    return ContactState(contact_id, tuple(captured))


def restore(conn: Connection, state: ContactState) -> None:
    """Make the contact exactly as captured (or absent), within the caller's transaction."""
    conn.exec_driver_sql("DELETE FROM contacts WHERE id = ?", (state.contact_id,))
    if not state.exists:
        return
    columns_of = {table.name: list(table.columns) for table in _CONTACT_TABLES}
    for name, rows in state.rows:
        if not rows:
            continue
        columns = columns_of[name]
        values: list[tuple[Any, ...]] = list(rows)
        if name == "contacts":
            # A restored state is a fact being put back, not a move: the schema's import path applies.
            columns = [*columns, "stage_move_imported"]
            values = [(*row, 1) for row in rows]
        if name == "stage_history":
            conn.exec_driver_sql("DELETE FROM stage_history WHERE contact_id = ?", (state.contact_id,))
        marks = ", ".join("?" for _ in columns)
        conn.exec_driver_sql(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", values)
