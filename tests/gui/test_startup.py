"""The fast start: the window paints from plain sqlite3 reads, and the services open behind it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from gui.app import open_window
from gui.deferred import DeferredServices
from model.database import Database, open_database
from model.errors import CorruptDatabase, DatabaseProblem
from model.paths import DataPaths
from model.services import Services
from model.startup import StartRead
from model.vocabulary import Stage
from tests.gui.test_board import column_ids
from tests.model.conftest import FakeClock, add, to_connected

REPO = Path(__file__).resolve().parents[2]


def test_the_start_up_path_does_not_import_sqlalchemy() -> None:
    # The point of the fast start: SQLAlchemy's ~0.4 s import happens after the first paint. The way in is main.py,
    # which parses the command line before it knows it will open the window.
    probe = (
        "import sys, main, gui.app, gui.main_window; main.cli.build_parser().parse_args([]); "
        "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"


def test_the_window_paints_first_then_opens_the_services(qtbot: QtBot, tmp_path: Path, clock: FakeClock) -> None:
    paths = DataPaths.resolve(tmp_path / "data")
    db = open_database(paths, clock)
    services = Services(db.sessions, clock)
    grace = add(services, "Grace Hopper", company="Navy")
    to_connected(services, clock, grace)
    clock.advance(days=1)
    db.dispose()

    window, deferred = open_window(paths, clock)
    qtbot.addWidget(window)
    assert not deferred.ready, "nothing opened before the first paint"
    assert window.contacts.rowCount() == 1
    assert column_ids(window.board, Stage.CONNECTED) == [grace]
    with qtbot.waitSignal(window.nudges_updated, timeout=10_000):
        window.show()
    assert deferred.ready
    assert [n.contact_id for n in window._nudges] == [grace], "thank-you due, computed by the opened services"
    window.select_contact(grace)
    assert window.detail.contact_id == grace
    window._background.wait()
    deferred.close()


def test_the_window_paints_from_a_read_begun_before_its_modules_loaded(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    """As main.py starts it; an early read that did not apply (here: of another file) falls back to the ordinary."""
    paths = DataPaths.resolve(tmp_path / "data")
    db = open_database(paths, clock)
    services = Services(db.sessions, clock)
    ids = [add(services, name) for name in ("Ada Lovelace", "Grace Hopper", "Émile Zola")]
    db.dispose()

    for early in (StartRead(paths.database), StartRead(tmp_path / "elsewhere.db")):
        window, deferred = open_window(paths, clock, early)
        qtbot.addWidget(window)
        assert window.contacts.rowCount() == 3
        assert sorted(column_ids(window.board, Stage.SPOTTED)) == ids
        deferred.close()
        window.close()


def test_a_database_that_fails_its_check_after_the_paint_is_refused_with_the_reason(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    paths = DataPaths.resolve(tmp_path / "data")
    open_database(paths, clock).dispose()
    window, deferred = open_window(paths, clock)
    qtbot.addWidget(window)
    problem = CorruptDatabase(paths.database, "integrity check failed (page 7)", None, None)

    def broken() -> Database:
        raise problem

    deferred._open_database = broken
    window.show()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "databaseProblem") is not None, timeout=10_000)
    box = window.findChild(QMessageBox, "databaseProblem")
    assert isinstance(box, QMessageBox) and box.text() == str(problem)
    assert not window.isVisible()
    with pytest.raises(CorruptDatabase):
        deferred.get()
    box.accept()
    window._background.wait()
    deferred.close()


def test_deferred_services_wait_for_the_opening_and_report_failures(qtbot: QtBot, tmp_path: Path) -> None:
    def failing() -> Database:
        raise RuntimeError("disk on fire")

    deferred = DeferredServices(failing, lambda database: Services(database.sessions, FakeClock()))
    with qtbot.waitSignal(deferred.failed, timeout=5000) as signal:
        deferred.start()
    assert signal.args == ["The database could not be opened: disk on fire"]
    with pytest.raises(DatabaseProblem, match="disk on fire"):
        deferred.get()
    deferred.close()
