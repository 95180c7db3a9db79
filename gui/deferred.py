"""Services opened on a thread after the window's first paint.

The window paints from rows read with plain sqlite3 (model/startup.py); the engine, the ORM and the services
(about 0.4 s of imports here) load behind it. Code that asks for a service before then waits for it: an action
taken in the first moment after start-up is a little late, never lost.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from model.errors import DatabaseProblem, OvertureError

if TYPE_CHECKING:
    from model.database import Database
    from model.services import Services


class DeferredServices(QObject):
    """Stands in for `Services` (attribute access is forwarded once they are open)."""

    failed = Signal(str)  # the database could not be opened after all (e.g. its integrity check failed)

    def __init__(
        self,
        open_database: Callable[[], Database],
        make_services: Callable[[Database], Services],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_database = open_database
        self._make_services = make_services
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._services: Services | None = None
        self._database: Database | None = None
        self._error: Exception | None = None
        self.after_open: list[Callable[[Database], None]] = []  # run on the opening thread once ready

    def start(self) -> None:
        """Begin opening in the background (idempotent)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._open, name="overture-open-services", daemon=True)
                self._thread.start()

    def _open(self) -> None:
        try:
            self._database = self._open_database()
            self._services = self._make_services(self._database)
        except OvertureError as error:  # a message for people, shown by whoever listens
            self._error = error
            self.failed.emit(str(error))
        except Exception as error:  # handed to whoever asks for the services, in their thread
            self._error = error
            self.failed.emit(f"The database could not be opened: {error}")
        finally:
            self._ready.set()
        if self._database is not None:
            for hook in self.after_open:
                hook(self._database)

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def get(self) -> Services:
        self.start()
        self._ready.wait()
        if self._services is None:
            if isinstance(self._error, OvertureError):
                raise self._error
            raise DatabaseProblem(f"The database could not be opened: {self._error}")
        return self._services

    def close(self) -> None:
        """Wait for the opening thread (and its hooks), then close the database if it was opened."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join()
        if self._database is not None:
            self._database.dispose()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)
