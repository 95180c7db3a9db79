"""GUI fixtures: real services over a temporary database, with the domain tests' fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from gui.changes import ChangeRunner
from gui.contact_detail import ContactDetail
from model.database import open_database
from model.paths import DataPaths
from model.services import Services
from tests.model.conftest import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def services(tmp_path: Path, clock: FakeClock) -> Iterator[Services]:
    db = open_database(DataPaths.resolve(tmp_path / "data"), clock)
    yield Services(db.sessions, clock)
    db.dispose()


@pytest.fixture
def runner(services: Services) -> ChangeRunner:
    return ChangeRunner(services, QUndoStack())


@pytest.fixture
def detail(qtbot: QtBot, services: Services, runner: ChangeRunner, clock: FakeClock) -> ContactDetail:
    pane = ContactDetail(services, runner, clock=clock)
    qtbot.addWidget(pane)
    pane.resize(450, 900)
    pane.show()
    return pane
