"""Starting the desktop app: the QApplication, the database (with a readable message if it cannot open), the window."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QMessageBox

from gui.main_window import MainWindow
from model.clock import Clock
from model.database import open_database
from model.errors import OvertureError
from model.paths import DataPaths
from model.services import Services


def run_app(paths: DataPaths, clock: Clock, argv: Sequence[str]) -> int:
    app = QApplication(list(argv))
    app.setApplicationName("Overture")
    app.setOrganizationName("Overture")
    try:
        database = open_database(paths, clock)
    except OvertureError as error:
        QMessageBox.critical(None, "Overture cannot open its database", str(error))
        return 1
    try:
        window = MainWindow(Services(database.sessions, clock))
        window.show()
        return app.exec()
    finally:
        database.dispose()
