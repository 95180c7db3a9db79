"""What the window needs for its first paint, read with plain sqlite3: SQLAlchemy then loads after that paint.

Importing SQLAlchemy's ORM costs about 0.4 s here, as long as reading 30,000 contacts' rows; the start-up path
(this module, the directory, settings) therefore never imports it.

The read can begin before the window's modules load (`StartRead`, from main.py): a thread has SQLite work out every
contact's row into a temporary table, in one statement that runs without Python's lock, while the main thread
imports Qt; the rows are then fetched from that table. Measured with 100,000 contacts: the rows are ready 0.25 to 0.3 s
sooner than when read after the imports. Fetching the rows themselves stays on the main thread: a thread making
Python objects row by row would contend for the lock with the imports and finish later than both done in turn.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from model.database import BUSY_TIMEOUT_MS, HEAD_REVISION
from model.directory import ROWS_SQL, ContactDirectory, read_rows, rows_of
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
            stored = _stored_settings(conn)
            conn.execute("COMMIT")
    except sqlite3.Error as error:
        raise DatabaseProblem(f"The database {path} could not be read: {error}. Nothing was changed.") from error
    return StartData(ContactDirectory.of(rows), settings_from_mapping(stored))


def _stored_settings(conn: sqlite3.Connection) -> dict[str, object]:
    return {key: decode(value) for key, value in conn.execute("SELECT key, value FROM settings")}


class StartRead:
    """The first read, begun early on a thread of its own (see the module's docstring).

    It only ever reads, and only a database that is there and current: a first run, a migration or a problem to
    explain takes the ordinary way (`result` gives None), after the single-instance check. Nothing is created,
    migrated or changed before that check.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None  # holding the rows, once the thread has made them
        self._working: sqlite3.Connection | None = None  # the thread's, while it reads: cancel() interrupts it
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._compute, name="overture-start-read", daemon=True)
        self._thread.start()

    def _compute(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            if not self._path.is_file():
                return
            conn = sqlite3.connect(
                f"{self._path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,  # fetched from by the main thread, after this one has ended
            )
            self._working = conn
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("BEGIN")  # one snapshot for the rows here and the settings in result()
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision != (HEAD_REVISION,) or self._cancelled.is_set():
                return
            conn.execute(f"CREATE TEMP TABLE start_rows AS {ROWS_SQL}")
            self._conn, conn = conn, None
        except sqlite3.Error:
            return  # the ordinary read will meet the same problem and explain it
        finally:
            self._working = None
            if conn is not None:
                conn.close()

    def result(self) -> StartData | None:
        """The start data, or None when the early read did not apply (read the ordinary way then)."""
        self._thread.join()
        conn, self._conn = self._conn, None
        if conn is None:
            return None
        try:
            rows = rows_of(conn.execute("SELECT * FROM temp.start_rows"))
            stored = _stored_settings(conn)
            conn.execute("COMMIT")
        except sqlite3.Error:
            return None
        finally:
            conn.close()
        return StartData(ContactDirectory.of(rows), settings_from_mapping(stored))

    def cancel(self) -> None:
        """Stop reading (another instance runs and was asked to come forward instead)."""
        self._cancelled.set()
        working = self._working
        if working is not None:
            with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile: it had finished
                working.interrupt()
        self._thread.join()
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
