"""The one way long work leaves the GUI thread: run a function in the thread pool, get its result as a signal."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from model.errors import OvertureError

log = logging.getLogger(__name__)
T = TypeVar("T")


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


class ProgressLink(QObject):
    """Carries a worker's progress to the GUI thread, and a cancel request from the GUI thread to the worker.

    `report` is the `(done, total)` callback the model calls from the worker thread: it only emits a signal (Qt
    queues it to this object's thread, the GUI's), so no widget is touched from the worker. After `cancel`, the
    next report raises the error `stop` makes, which ends the work where the model is ready for it (an import's
    transaction rolls back).
    """

    progressed = Signal(int, int)

    def __init__(self, stop: Callable[[], Exception], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = stop
        self._cancelled = threading.Event()

    def report(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            raise self._stop()
        self.progressed.emit(done, total)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class CancellableWork(QObject):
    """One kind of cancellable background work with progress (reading a file, planning, importing), one piece at a
    time.

    `request_cancel` asks the running piece to stop and still hears how it ended (an import may finish before the
    request reaches it, and then the database did change); `abandon` also stops listening (a newer re-plan replaces
    an older one). `running` stays true until every piece started has come back, abandoned ones included: the
    owner (the import wizard) closes only then, so no work outlives it unseen.
    """

    progressed = Signal(int, int)  # (done, total) of the current piece, in the GUI thread
    running_changed = Signal(bool)

    def __init__(
        self, background: BackgroundRunner, stop: Callable[[], Exception], parent: QObject | None = None
    ) -> None:
        """`stop` makes the error a cancelled piece raises from its progress callback (ImportCancelled)."""
        super().__init__(parent)
        self._background = background
        self._stop = stop
        self._link: ProgressLink | None = None
        self._generation = 0
        self._in_flight = 0

    @property
    def running(self) -> bool:
        return self._in_flight > 0

    def start(
        self,
        work: Callable[[Callable[[int, int], None]], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[str, bool], None],
    ) -> None:
        """Run `work(progress)` in the pool; then `on_success(result)` or `on_failure(message, cancelled)`."""
        self.abandon()
        self._generation += 1
        generation = self._generation
        link = ProgressLink(self._stop, self)
        link.progressed.connect(lambda done, total: self._on_link_progressed(generation, done, total))
        self._link = link
        self._in_flight += 1
        if self._in_flight == 1:
            self.running_changed.emit(True)

        def succeeded(result: Any) -> None:
            self._settle(generation, link, lambda: on_success(result))

        def failed(message: str) -> None:
            cancelled = link.cancelled
            self._settle(generation, link, lambda: on_failure(message, cancelled))

        self._background.start(lambda: work(link.report), succeeded, failed)

    def request_cancel(self) -> None:
        if self._link is not None:
            self._link.cancel()

    def abandon(self) -> None:
        self.request_cancel()
        self._generation += 1  # whatever comes back from earlier pieces is no longer listened to

    def _settle(self, generation: int, link: ProgressLink, report: Callable[[], None]) -> None:
        """Hear how a piece ended (if it is still listened to), then say whether anything is still running."""
        link.deleteLater()
        if self._link is link:
            self._link = None
        self._in_flight -= 1
        if generation == self._generation:
            report()
        if self._in_flight == 0:
            self.running_changed.emit(False)

    def _on_link_progressed(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progressed.emit(done, total)
