"""The main window as a user meets it: first run, search and filters, moves with undo, nudges and their actions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from model.nudges import NudgeKind
from model.services import Services
from model.vocabulary import Stage
from tests.model.conftest import FakeClock, add, engage_twice, to_connected, to_requested


@pytest.fixture
def make_window(
    qtbot: QtBot, services: Services, clock: FakeClock, tmp_path: Path
) -> Iterator[Callable[[], MainWindow]]:
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(services, clock, tmp_path / "window.ini")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.nudge_panel.findChild(QLabel, "nudgeCount") is not None)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window._background.wait()


def wait_for_nudges(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.nudges_updated, timeout=5000):
        window.refresh_nudges()


def listed(window: MainWindow) -> list[str]:
    model = window.contacts
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_first_run_explains_and_offers_sample_contacts(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    first_run = window.findChild(QWidget, "firstRun")
    assert first_run is not None and first_run.isVisible()
    assert window.centre.currentWidget() is first_run
    with qtbot.waitSignal(window.nudges_updated, timeout=20000):
        window.first_run.sample_button.click()
    qtbot.waitUntil(lambda: window.contacts.rowCount() >= 100, timeout=20000)
    assert window.centre.currentWidget() is window.board
    assert window.nudge_panel.current_nudge() is None
    assert "Sample contacts loaded" in window.status.text()


def test_search_and_filters_narrow_the_list(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    add(services, "José Ñúñez", company="Acme Robotics")
    add(services, "Ada Lovelace", company="Analytical Engines", tier="close")
    grace = add(services, "Grace Hopper", company="Navy")
    to_connected(services, clock, grace)
    clock.advance(days=2)
    window = make_window()
    wait_for_nudges(qtbot, window)
    search = window.findChild(QLineEdit, "contactSearch")
    assert search is not None
    qtbot.keyClicks(search, "jose")  # type: ignore[no-untyped-call]
    assert listed(window) == ["José Ñúñez"]
    search.clear()
    assert len(listed(window)) == 3
    window.tier_filter.setCurrentIndex(window.tier_filter.findData("close"))
    assert listed(window) == ["Ada Lovelace"]
    window.tier_filter.setCurrentIndex(0)
    window.stage_filter.setCurrentIndex(window.stage_filter.findData("connected"))
    assert listed(window) == ["Grace Hopper"]
    window.stage_filter.setCurrentIndex(0)
    window.attention.setChecked(True)
    assert listed(window) == ["Grace Hopper"], "the thank-you is due"
    assert window.count_label.text() == "1 of 3 contacts"


def test_keyboard_moves_refusals_and_undo(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    ada = add(services, "Ada Lovelace")
    window = make_window()
    window.select_contact(ada)
    window.actions_.next_stage.trigger()
    refusal = window.board.findChild(QLabel, "moveRefusal")
    assert refusal is not None and refusal.isVisible()
    assert "Log an engagement with Ada Lovelace's content first" in refusal.text()
    assert services.contact(ada).stage is Stage.SPOTTED
    engage_twice(services, clock, ada)
    to_requested_result = services.send_connection_request(ada, "networking", "Hello Ada")
    assert not hasattr(to_requested_result, "reason")
    window.reload()
    window.select_contact(ada)
    window.actions_.next_stage.trigger()
    assert services.contact(ada).stage is Stage.CONNECTED
    window.actions_.undo.trigger()
    assert services.contact(ada).stage is Stage.REQUESTED
    assert listed(window) == ["Ada Lovelace"] and window.contacts.index(0, 2).data() == "Requested"
    window.actions_.redo.trigger()
    assert services.contact(ada).stage is Stage.CONNECTED


def test_delete_and_undo_brings_the_contact_back(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    ada = add(services, "Ada Lovelace")
    window = make_window()
    window.select_contact(ada)
    window.actions_.delete_contact.trigger()
    assert listed(window) == []
    assert "Deleted Ada Lovelace" in window.status.text()
    window.actions_.undo.trigger()
    assert listed(window) == ["Ada Lovelace"]


def test_nudge_actions_snooze_and_dismiss(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    ada = add(services, "Ada Lovelace")
    grace = add(services, "Grace Hopper")
    to_connected(services, clock, ada)
    to_requested(services, clock, grace)
    clock.advance(days=8)
    window = make_window()
    wait_for_nudges(qtbot, window)
    kinds = [n.kind for n in window._nudges]
    assert kinds == [NudgeKind.THANK_YOU_DUE, NudgeKind.PENDING_CHECK]
    window.nudge_panel.select_row(0)
    with qtbot.waitSignal(window.nudges_updated, timeout=5000):
        window.nudge_panel.snooze_actions()[0].trigger()
    assert [n.kind for n in window._nudges] == [NudgeKind.PENDING_CHECK]
    window.nudge_panel.select_row(0)
    with qtbot.waitSignal(window.nudges_updated, timeout=5000):
        window.nudge_panel.dismiss_chosen.emit(window.nudge_panel.current_nudge())
    assert window._nudges == []


def test_window_state_is_remembered(
    qtbot: QtBot, make_window: Callable[[], MainWindow], tmp_path: Path, services: Services
) -> None:
    add(services)
    window = make_window()
    window.set_view("table")
    window.splitter.setSizes([300, 500, 400])
    sizes = window.splitter.sizes()
    window.close()
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    assert state.value("window/view") == "table"
    assert state.value("window/geometry") is not None
    again = make_window()
    assert again.centre.currentWidget() is again.findChild(QTableView, "contactTable")
    assert again.splitter.sizes()[0] == sizes[0], "the list pane keeps its width"


def test_named_widgets_for_automation(make_window: Callable[[], MainWindow], services: Services) -> None:
    add(services)
    window = make_window()
    for name in ("contactList", "pipelineBoard", "contactDetail", "engagementLog", "composerPanel", "nudgePanel"):
        assert window.findChild(QWidget, name) is not None, name
