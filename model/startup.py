"""What the window needs for its first paint, read with plain sqlite3: SQLAlchemy then loads after that paint.

Importing SQLAlchemy's ORM costs about 0.4 s here, as long as reading 30,000 contacts' rows; the start-up path
(this module, the directory, settings) therefore never imports it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from model.database import BUSY_TIMEOUT_MS
from model.directory import ContactDirectory, read_rows
from model.errors import DatabaseProblem
from model.settings import Settings, decode, settings_from_mapping


@dataclass(frozen=True)
class StartData:
    directory: ContactDirectory
    settings: Settings


def read_start(path: Path) -> StartData:
    """Every contact's list row and the settings, from one consistent snapshot of the database at `path`."""
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)) as conn:
            conn.execute("BEGIN")  # rows and settings from one snapshot, even while another process writes
            rows = read_rows(conn)
            stored = {key: decode(value) for key, value in conn.execute("SELECT key, value FROM settings")}
            conn.execute("COMMIT")
    except sqlite3.Error as error:
        raise DatabaseProblem(f"The database {path} could not be read: {error}. Nothing was changed.") from error
    return StartData(ContactDirectory.of(rows), settings_from_mapping(stored))
