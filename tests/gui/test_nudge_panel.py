"""The Today panel: ranked nudges with their reasons, and open / do it / snooze / dismiss."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLabel, QListView, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gui.models.nudge_list_model import NudgeListModel
from gui.nudge_panel import SHOWN, NudgePanel
from model.nudges import Nudge
from model.services import Services
from tests.model.conftest import FakeClock, add, to_connected, to_requested


def due_nudges(services: Services, clock: FakeClock) -> list[Nudge]:
    ada = add(services, "Ada Lovelace")
    grace = add(services, "Grace Hopper")
    to_connected(services, clock, ada)
    to_requested(services, clock, grace)
    clock.advance(days=8)
    return services.nudges()


def button(panel: NudgePanel, text: str) -> QPushButton:
    found = [b for b in panel.findChildren(QPushButton) if b.text().replace("&", "") == text]
    assert found, [b.text() for b in panel.findChildren(QPushButton)]
    return found[0]


def test_lists_reasons_and_counts(qtbot: QtBot, services: Services, clock: FakeClock) -> None:
    panel = NudgePanel()
    qtbot.addWidget(panel)
    panel.show()
    empty = panel.findChild(QLabel, "nudgeEmpty")
    assert empty is not None and empty.isVisible()
    nudges = due_nudges(services, clock)
    panel.set_nudges(nudges)
    view = panel.findChild(QListView, "nudgeList")
    assert view is not None and view.isVisible() and not empty.isVisible()
    assert view.model().rowCount() == 2
    assert "Ada Lovelace accepted" in view.model().index(0, 0).data()
    title = panel.findChild(QLabel, "nudgeCount")
    assert title is not None and title.text() == "Today: 2 need attention"


def test_a_long_list_shows_only_the_top(qtbot: QtBot, services: Services, clock: FakeClock) -> None:
    panel = NudgePanel()
    qtbot.addWidget(panel)
    nudge = due_nudges(services, clock)[0]
    panel.set_nudges([nudge] * 7275)
    view = panel.findChild(QListView, "nudgeList")
    assert view is not None and view.model().rowCount() == SHOWN
    title = panel.findChild(QLabel, "nudgeCount")
    assert title is not None and title.text() == f"Today: 7,275 need attention (the first {SHOWN} shown)"


def test_buttons_emit_what_the_user_chose(qtbot: QtBot, services: Services, clock: FakeClock) -> None:
    panel = NudgePanel()
    qtbot.addWidget(panel)
    nudges = due_nudges(services, clock)
    panel.set_nudges(nudges)
    assert not button(panel, "Dismiss").isEnabled(), "nothing selected yet"
    panel.select_row(0)
    thank_you = nudges[0]
    assert button(panel, "Write thank-you").isEnabled()
    with qtbot.waitSignal(panel.action_chosen) as chosen:
        button(panel, "Write thank-you").click()
    assert chosen.args == [thank_you]
    with qtbot.waitSignal(panel.contact_chosen) as opened:
        button(panel, "Open contact").click()
    assert opened.args == [thank_you.contact_id]
    with qtbot.waitSignal(panel.dismiss_chosen):
        button(panel, "Dismiss").click()
    with qtbot.waitSignal(panel.snooze_chosen) as snoozed:
        panel.snooze_actions()[1].trigger()
    assert snoozed.args == [thank_you, timedelta(days=3)]


def test_the_selection_survives_a_refresh(qtbot: QtBot, services: Services, clock: FakeClock) -> None:
    panel = NudgePanel()
    qtbot.addWidget(panel)
    nudges = due_nudges(services, clock)
    panel.set_nudges(nudges)
    panel.select_row(1)
    panel.set_nudges(list(nudges))
    assert panel.current_nudge() == nudges[1]


def test_the_model_is_well_behaved(qtmodeltester: ModelTester, services: Services, clock: FakeClock) -> None:
    model = NudgeListModel()
    model.set_nudges(due_nudges(services, clock))
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
