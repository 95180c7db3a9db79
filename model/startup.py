"""What the window needs for its first paint, read with plain sqlite3: SQLAlchemy then loads after that paint.

Importing SQLAlchemy's ORM costs about 0.4 s here, as long as reading 30,000 contacts' rows; the start-up path
(this module, the directory, settings) therefore never imports it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from model.clock import Clock
from model.database import BUSY_TIMEOUT_MS, prepare_database
from model.directory import ContactDirectory, read_rows
from model.errors import DatabaseProblem
from model.paths import DataPaths
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


def begin_start(paths: DataPaths, clock: Clock) -> Callable[[], StartData]:
    """Prepare the database and read the first paint's data on a thread, and return the function that waits for it.

    Started before the window's modules are imported (~0.3 s of Python), the read (~0.7 s at 100,000 contacts,
    mostly inside SQLite, which lets go of the interpreter while it steps) overlaps them. The waiting function
    returns the data or raises what the thread raised (a DatabaseProblem with its message for people).
    """
    outcome: list[StartData | BaseException] = []

    def read() -> None:
        try:
            prepare_database(paths, clock, verify=False)
            outcome.append(read_start(paths.database))
        except BaseException as error:  # handed to the waiting thread, which raises it
            outcome.append(error)

    thread = threading.Thread(target=read, name="overture-first-read", daemon=True)
    thread.start()

    def wait() -> StartData:
        thread.join()
        result = outcome[0]
        if isinstance(result, BaseException):
            raise result
        return result

    return wait
