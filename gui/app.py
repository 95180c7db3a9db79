"""Starting the desktop app: the QApplication, the database (with a readable message if it cannot open), the window."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.main_window import MainWindow
from model.clock import Clock
from model.database import Database, open_database
from model.errors import OvertureError
from model.paths import DataPaths
from model.services import Services

log = logging.getLogger(__name__)


def _daily_backup(database: Database, clock: Clock) -> None:
    try:
        database.backup_if_due(clock())
    except OvertureError as error:
        # The message names paths only, never contacts' data.
        log.warning("Daily backup failed: %s", error)


def run_app(paths: DataPaths, clock: Clock, argv: Sequence[str]) -> int:
    app = QApplication(list(argv))
    app.setApplicationName("Overture")
    app.setOrganizationName("Overture")
    try:
        database = open_database(paths, clock)
    except OvertureError as error:
        QMessageBox.critical(None, "Overture cannot open its database", str(error))
        return 1
    pool = QThreadPool.globalInstance()
    try:
        window = MainWindow(Services(database.sessions, clock))
        window.show()
        pool.start(lambda: _daily_backup(database, clock))
        return app.exec()
    finally:
        pool.waitForDone()
        database.dispose()
