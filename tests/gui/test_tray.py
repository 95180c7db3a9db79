"""The tray's tooltip counts what needs attention; it notifies once, only while the window is away."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from gui.resources import app_icon
from gui.tray import MESSAGE_LIMIT, Notification, NudgeTray, summary

THANKS = "Ada Lovelace accepted 2 days ago: send a short thank-you."
FOLLOW_UP = "Grace Hopper has not replied for 6 days: one short follow-up is fine."
READY = "Alan Turing is ready for a connection request: 2 engagements over 2 days."


@pytest.fixture
def tray(qtbot: QtBot) -> NudgeTray:
    # No system tray offscreen; the no-op path keeps the same state, which is what these tests read.
    return NudgeTray(app_icon(), tray_available=False)


def test_without_a_system_tray_nothing_is_shown(tray: NudgeTray) -> None:
    tray.set_visible(True)

    assert not tray.available
    assert not tray.is_visible()


def test_asks_qt_whether_there_is_a_tray(qtbot: QtBot) -> None:
    assert NudgeTray(app_icon()).available == QSystemTrayIcon.isSystemTrayAvailable()


def test_tooltip_counts_what_needs_attention(tray: NudgeTray) -> None:
    assert tray.tooltip() == "Overture — nothing needs attention"

    tray.set_nudges(1, [], window_hidden=False)
    assert tray.tooltip() == "Overture — 1 thing needs attention"

    tray.set_nudges(1234, [], window_hidden=False)
    assert tray.tooltip() == "Overture — 1,234 things need attention"
    assert tray.count == 1234


def test_no_notification_while_the_window_is_shown(tray: NudgeTray) -> None:
    assert tray.set_nudges(3, [THANKS, FOLLOW_UP, READY], window_hidden=False) is None
    assert tray.last_notification() is None


def test_no_notification_without_new_nudges(tray: NudgeTray) -> None:
    assert tray.set_nudges(3, [], window_hidden=True) is None
    assert tray.last_notification() is None


def test_one_notification_summarises_the_new_nudges_while_hidden(tray: NudgeTray) -> None:
    shown = tray.set_nudges(5, [THANKS, FOLLOW_UP, READY], window_hidden=True)

    assert shown == tray.last_notification()
    assert shown == Notification("Overture", f"3 new: {THANKS} {FOLLOW_UP} …")
    assert tray.tooltip() == "Overture — 5 things need attention"


def test_a_single_new_nudge_is_shown_as_it_is(tray: NudgeTray) -> None:
    assert tray.set_nudges(1, [THANKS], window_hidden=True) == Notification("Overture", THANKS)


def test_names_go_to_the_notification_never_to_the_log(tray: NudgeTray, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    tray.set_nudges(2, [THANKS, READY], window_hidden=True)

    assert "Ada" not in caplog.text
    assert "Turing" not in caplog.text


@pytest.mark.parametrize("count", [1, 2, 40])
def test_summaries_stay_short(count: int) -> None:
    reasons = [f"Contact number {n} has waited a very long time for a thank-you: {'x' * 150}." for n in range(count)]

    text = summary(reasons)

    assert len(text) <= MESSAGE_LIMIT
    assert text.endswith("…")
    assert text.startswith("Contact number 0" if count == 1 else f"{count} new: Contact number 0")


def test_show_and_quit_from_the_menu(tray: NudgeTray, qtbot: QtBot) -> None:
    show, quit_ = (action for action in tray.menu().actions() if not action.isSeparator())
    assert (show.text(), quit_.text()) == ("Show Overture", "Quit")

    with qtbot.waitSignal(tray.show_requested, timeout=1000):
        show.trigger()
    with qtbot.waitSignal(tray.quit_requested, timeout=1000):
        quit_.trigger()


@pytest.mark.parametrize(
    "reason", [QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick]
)
def test_clicking_the_icon_asks_for_the_window(
    tray: NudgeTray, qtbot: QtBot, reason: QSystemTrayIcon.ActivationReason
) -> None:
    icon = tray.findChild(QSystemTrayIcon)
    assert icon is not None

    with qtbot.waitSignal(tray.show_requested, timeout=1000):
        icon.activated.emit(reason)


def test_the_context_click_only_opens_the_menu(tray: NudgeTray, qtbot: QtBot) -> None:
    icon = tray.findChild(QSystemTrayIcon)
    assert icon is not None

    with qtbot.assertNotEmitted(tray.show_requested):
        icon.activated.emit(QSystemTrayIcon.ActivationReason.Context)


def test_clicking_the_notification_asks_for_the_window(tray: NudgeTray, qtbot: QtBot) -> None:
    icon = tray.findChild(QSystemTrayIcon)
    assert icon is not None

    with qtbot.waitSignal(tray.show_requested, timeout=1000):
        icon.messageClicked.emit()
