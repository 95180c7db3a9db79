"""The one way long work leaves the GUI thread: run a function in the thread pool, get its result as a signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from model.errors import OvertureError

log = logging.getLogger(__name__)


class _Relay(QObject):
    # Emitted from the worker thread; Qt queues the call into the receiver's (GUI) thread.
    succeeded = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except OvertureError as error:
            self._relay.failed.emit(str(error))
        except Exception:  # a bug: report it without contacts' data, keep the app alive
            log.exception("Background task failed")
            self._relay.failed.emit("Something went wrong in the background; details are in the log.")
        else:
            self._relay.succeeded.emit(result)


class BackgroundRunner(QObject):
    """Starts background work; results come back in the GUI thread through the callbacks given."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    def start(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None] | None = None,
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)  # keep the relay alive until the result has been delivered

        def finished(result: object) -> None:
            self._relays.discard(relay)
            on_success(result)

        def failed(message: str) -> None:
            self._relays.discard(relay)
            if on_failure is not None:
                on_failure(message)

        relay.succeeded.connect(finished)
        relay.failed.connect(failed)
        self._pool.start(_Task(work, relay))

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
