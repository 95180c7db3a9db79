"""Starting the desktop app: one instance per data folder, the database (or a readable message), theme, window, tray."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.main_window import MainWindow
from gui.resources import app_icon
from gui.single_instance import SingleInstance
from gui.theme import apply_theme
from gui.tray import NudgeTray
from model.about import app_name
from model.clock import Clock
from model.database import Database, open_database
from model.errors import OvertureError
from model.nudges import Nudge
from model.paths import DataPaths
from model.services import Services

log = logging.getLogger(__name__)


def _daily_backup(database: Database, clock: Clock) -> None:
    try:
        database.backup_if_due(clock())
    except OvertureError as error:
        # The message names paths only, never contacts' data.
        log.warning("Daily backup failed: %s", error)


def build_window(database: Database, clock: Clock) -> MainWindow:
    services = Services(database.sessions, clock, backup=lambda label: database.automatic_backup(label, clock()))
    return MainWindow(services, clock, database.paths.root / "window.ini", database.paths.root)


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


def run_app(paths: DataPaths, clock: Clock, argv: Sequence[str]) -> int:
    app = QApplication(list(argv))
    app.setApplicationName(app_name())
    app.setOrganizationName(app_name())
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(True)
    instance = SingleInstance(paths.root)
    if not instance.claim():
        return 0  # the running window was asked to come forward
    apply_theme(app)
    try:
        database = open_database(paths, clock)
    except OvertureError as error:
        box = QMessageBox(QMessageBox.Icon.Critical, app_name(), str(error))
        box.exec()
        return 1
    pool = QThreadPool.globalInstance()
    try:
        window = build_window(database, clock)
        instance.activation_requested.connect(lambda: bring_forward(window))
        tray = NudgeTray(app_icon(), app)
        _link = TrayLink(window, tray)
        window.show()
        pool.start(lambda: _daily_backup(database, clock))
        return app.exec()
    finally:
        pool.waitForDone()
        database.dispose()
