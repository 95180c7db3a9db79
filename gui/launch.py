"""The first moments of the desktop app, kept light so that reading the database overlaps loading the window.

Only Qt's core, the widgets module and the single-instance check load here. Once this process owns the data folder
(a second launch only brings the running window forward, without touching the database), the database is read on
a thread while the window's own modules import.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from gui.single_instance import SingleInstance
from model.about import app_name
from model.clock import Clock
from model.paths import DataPaths
from model.startup import begin_start


def launch(paths: DataPaths, clock: Clock, argv: Sequence[str]) -> int:
    app = QApplication(list(argv))
    app.setApplicationName(app_name())
    app.setOrganizationName(app_name())
    app.setQuitOnLastWindowClosed(True)
    instance = SingleInstance(paths.root)
    if not instance.claim():
        return 0  # the running window was asked to come forward
    early = begin_start(paths, clock)
    from gui.app import run_app  # the window's modules: ~0.3 s, while the database is read

    return run_app(app, instance, paths, clock, early)
