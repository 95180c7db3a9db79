"""Starting the desktop app: one instance per data folder, the database (or a readable message), theme, window, tray."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QApplication, QMessageBox

from gui.deferred import DeferredServices
from gui.main_window import MainWindow
from gui.resources import app_icon
from gui.single_instance import SingleInstance
from gui.theme import apply_theme
from gui.tray import NudgeTray
from model.about import APP_ID, app_name
from model.clock import Clock
from model.database import Database, connect, prepare_database, verify_database
from model.errors import OvertureError
from model.nudges import Nudge
from model.paths import DataPaths
from model.startup import StartRead, read_start

if TYPE_CHECKING:
    from model.services import Services

log = logging.getLogger(__name__)


def _daily_backup(database: Database, clock: Clock) -> None:
    try:
        database.backup_if_due(clock())
    except OvertureError as error:
        # The message names paths only, never contacts' data.
        log.warning("Daily backup failed: %s", error)


def make_services(database: Database, clock: Clock) -> Services:
    from model.services import Services

    return Services(database.sessions, clock, backup=lambda label: database.automatic_backup(label, clock()))


def build_window(database: Database, clock: Clock) -> MainWindow:
    """A window over an already open database (scripts and benchmarks that also use the services directly)."""
    return MainWindow(make_services(database, clock), clock, database.paths.root / "window.ini", database.paths.root)


def open_window(paths: DataPaths, clock: Clock, early: StartRead | None = None) -> tuple[MainWindow, DeferredServices]:
    """The fast start: check the database, paint from plain sqlite3 reads, open the services behind the window.
    `early` is the first read if main.py could begin it before the window's modules loaded.

    Raises OvertureError (with a message for people) when the database cannot be used.
    """
    # The early read is finished first: its connection is closed before the file is prepared, which may move a
    # damaged file aside (Windows refuses to move a file that is open).
    early_start = early.result() if early is not None else None
    prepare_database(paths, clock, verify=False)
    start = early_start or read_start(paths.database)

    def open_verified() -> Database:
        verify_database(paths, clock)  # reads the whole file: after the first paint, not before
        return connect(paths)

    deferred = DeferredServices(open_verified, lambda database: make_services(database, clock))
    window = MainWindow(cast("Services", deferred), clock, paths.root / "window.ini", paths.root, start=start)
    window.first_painted.connect(deferred.start)
    deferred.failed.connect(window.refuse_database)  # queued: emitted on the opening thread
    return window, deferred


def bring_forward(window: MainWindow) -> None:
    window.showNormal() if window.isMinimized() else window.show()
    window.raise_()
    window.activateWindow()


class TrayLink:
    """Feeds the tray with each re-evaluation, notifying only nudges not seen before while the window is away."""

    def __init__(self, window: MainWindow, tray: NudgeTray) -> None:
        self._window, self._tray = window, tray
        self._seen: set[tuple[int | None, str, str]] | None = None
        window.nudges_updated.connect(self._on_window_nudges_updated)
        tray.show_requested.connect(lambda: bring_forward(window))
        tray.quit_requested.connect(window.close)

    def _on_window_nudges_updated(self, nudges: list[Nudge]) -> None:
        keys = {(n.contact_id, n.kind.value, n.situation) for n in nudges}
        # The first evaluation at start-up is what the user sees in the window, not news.
        new = (
            []
            if self._seen is None
            else [n.reason for n in nudges if (n.contact_id, n.kind.value, n.situation) not in self._seen]
        )
        self._seen = keys
        hidden = self._window.isHidden() or self._window.isMinimized()
        self._tray.set_nudges(len(nudges), new, hidden)


def run_app(
    paths: DataPaths,
    clock: Clock,
    argv: Sequence[str],
    *,
    quit_after_paint: bool = False,
    early: StartRead | None = None,
) -> int:
    """`quit_after_paint` (for start-up benchmarks) prints the moment of the first paint and quits; `early` is the
    first read, begun by main.py before this module loaded."""
    app = QApplication(list(argv))
    app.setApplicationName(app_name())
    app.setOrganizationName(app_name())
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(True)
    instance = SingleInstance(paths.root)
    if not instance.claim():
        if early is not None:
            early.cancel()
        return 0  # the running window was asked to come forward
    apply_theme(app)
    try:
        window, deferred = open_window(paths, clock, early)
    except OvertureError as error:
        box = QMessageBox(QMessageBox.Icon.Critical, app_name(), str(error))
        box.exec()
        return 1
    deferred.after_open.append(lambda database: _daily_backup(database, clock))
    try:
        instance.activation_requested.connect(lambda: bring_forward(window))
        tray = NudgeTray(app_icon(), app)
        _link = TrayLink(window, tray)
        if quit_after_paint:
            window.first_painted.connect(lambda: (print(f"{time.time():.6f}", flush=True), window.close()))
        window.show()
        return app.exec()
    finally:
        deferred.close()
