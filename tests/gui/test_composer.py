"""The composer: kind by stage, the note's length as LinkedIn counts it, drafts, copy & open, and mark as sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from gui.changes import ChangeRunner
from gui.composer import ComposerPanel, default_kind, utf16_length
from gui.contact_detail import ContactDetail
from model.services import Services
from model.vocabulary import MessageKind, Stage
from tests.model.conftest import FakeClock, add, engage_twice, to_connected, to_requested

W = TypeVar("W", bound=QObject)


def child(composer: QWidget, kind: type[W], name: str) -> W:
    found = composer.findChild(kind, name)
    assert found is not None, name
    return found


def body(composer: ComposerPanel) -> QPlainTextEdit:
    return child(composer, QPlainTextEdit, "composerBody")


def kind_of(composer: ComposerPanel) -> MessageKind:
    """The composer's kind, read afresh (mypy would otherwise keep a narrowed property's type)."""
    return composer.kind


def kind_box(composer: ComposerPanel) -> QComboBox:
    return child(composer, QComboBox, "composerKind")


def choose_intent(composer: ComposerPanel, intent: str) -> None:
    box = child(composer, QComboBox, "composerIntent")
    box.setCurrentIndex(box.findData(intent))


def said(composer: ComposerPanel) -> str:
    message = child(composer, QLabel, "composerMessage")
    return message.text() if message.isVisible() else ""


def mark_sent(composer: ComposerPanel) -> None:
    child(composer, QPushButton, "composerMarkSent").click()


def spotted(services: Services, clock: FakeClock, contact_id: int) -> None:
    pass


def engaging(services: Services, clock: FakeClock, contact_id: int) -> None:
    services.log_engagement(contact_id, "like")


def nurturing(services: Services, clock: FakeClock, contact_id: int) -> None:
    to_connected(services, clock, contact_id)
    services.record_message(contact_id, "thank_you", "outgoing", "Thanks!")


def parked(services: Services, clock: FakeClock, contact_id: int) -> None:
    services.park(contact_id, "Busy until spring")


@pytest.mark.parametrize(
    ("setup", "stage", "kind"),
    [
        (spotted, Stage.SPOTTED, MessageKind.CONNECTION_REQUEST),
        (engaging, Stage.ENGAGING, MessageKind.CONNECTION_REQUEST),
        (to_requested, Stage.REQUESTED, MessageKind.OTHER),
        (to_connected, Stage.CONNECTED, MessageKind.THANK_YOU),
        (nurturing, Stage.NURTURING, MessageKind.FOLLOW_UP),
        (parked, Stage.PARKED, MessageKind.OTHER),
    ],
)
def test_the_kind_of_message_defaults_by_stage(
    detail: ContactDetail,
    services: Services,
    clock: FakeClock,
    setup: Callable[[Services, FakeClock, int], None],
    stage: Stage,
    kind: MessageKind,
) -> None:
    ada = add(services)
    setup(services, clock, ada)
    assert services.contact(ada).stage is stage
    detail.show_contact(ada)
    composer = detail.composer
    assert kind_of(composer) is kind and kind_box(composer).currentData() == kind.value
    assert default_kind(stage) is kind
    intent = child(composer, QComboBox, "composerIntent")
    assert intent.isVisible() is (kind is MessageKind.CONNECTION_REQUEST), "the intent belongs to requests"


def test_the_counter_counts_utf16_code_units_against_the_note_limit(detail: ContactDetail, services: Services) -> None:
    detail.show_contact(add(services))
    composer = detail.composer
    counter = child(composer, QLabel, "composerCounter")
    assert counter.text() == "0 / 200"
    body(composer).setPlainText("Hi 🙂")
    assert utf16_length("Hi 🙂") == 5
    assert counter.text() == "5 / 200", "an emoji counts 2, as in the browser"
    body(composer).setPlainText("x" * 185)
    assert counter.text() == "185 / 200: 15 left"
    send = child(composer, QPushButton, "composerMarkSent")
    assert send.isEnabled()
    body(composer).setPlainText("🙂" * 100)
    assert counter.text() == "200 / 200: 0 left" and send.isEnabled()
    body(composer).setPlainText("🙂" * 100 + "!")
    assert counter.text() == "201 / 200: 1 over"
    assert not send.isEnabled(), "an over-long note cannot be marked as sent"
    kind_box(composer).setCurrentIndex(kind_box(composer).findData("other"))
    body(composer).setPlainText("x" * 500)
    assert counter.text() == "500 characters" and send.isEnabled(), "only connection notes are limited"


def test_a_premium_account_has_the_longer_limit(detail: ContactDetail, services: Services) -> None:
    services.update_settings(account_type="premium")
    detail.show_contact(add(services))
    body(detail.composer).setPlainText("x" * 250)
    assert child(detail.composer, QLabel, "composerCounter").text() == "250 / 300"


def test_a_refused_request_says_why_inline_and_keeps_the_note(
    detail: ContactDetail, services: Services, runner: ChangeRunner
) -> None:
    ada = add(services)
    services.log_engagement(ada, "like")
    detail.show_contact(ada)
    composer = detail.composer
    choose_intent(composer, "collaboration")
    body(composer).setPlainText("Loved your post on looms.")
    mark_sent(composer)
    assert said(composer) == "Log one more engagement with Ada Lovelace first: 1 of 2."
    assert child(composer, QLabel, "composerMessage").textFormat().name == "PlainText"
    assert body(composer).toPlainText() == "Loved your post on looms."
    assert services.contact(ada).stage is Stage.ENGAGING and runner.undo_stack.count() == 0
    child(detail, QPushButton, "engagementShare").click()
    assert said(composer) == "", "a reason that may no longer hold is not left on screen"
    assert body(composer).toPlainText() == "Loved your post on looms."


def test_a_request_needs_an_intent(detail: ContactDetail, services: Services, clock: FakeClock) -> None:
    ada = add(services)
    engage_twice(services, clock, ada)
    detail.show_contact(ada)
    body(detail.composer).setPlainText("Loved your post on looms.")
    mark_sent(detail.composer)
    assert said(detail.composer) == "Choose why you want to connect (the intent) first."
    assert services.contact(ada).messages == ()


def test_marking_a_request_as_sent_moves_the_contact_to_requested_and_undo_brings_the_draft_back(
    qtbot: QtBot, detail: ContactDetail, services: Services, clock: FakeClock, runner: ChangeRunner
) -> None:
    ada = add(services)
    engage_twice(services, clock, ada)
    detail.show_contact(ada)
    composer = detail.composer
    choose_intent(composer, "mentorship")
    child(composer, QLineEdit, "composerIntentNote").setText("learning analytical engines")
    qtbot.keyClicks(body(composer), "Loved your post on looms.")  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: services.contact(ada).drafts != ())
    mark_sent(composer)
    stored = services.contact(ada)
    assert stored.stage is Stage.REQUESTED
    [request] = stored.messages
    assert (request.kind, request.intent, request.intent_note, request.body) == (
        MessageKind.CONNECTION_REQUEST,
        "mentorship",
        "learning analytical engines",
        "Loved your post on looms.",
    )
    assert stored.drafts == (), "a sent message is no longer a draft"
    assert body(composer).toPlainText() == ""
    assert said(composer) == "Recorded your connection request to Ada Lovelace. Ada Lovelace is now in Requested."
    assert kind_of(composer) is MessageKind.OTHER
    assert runner.undo_stack.undoText() == "Record connection request to Ada Lovelace"

    runner.undo_stack.undo()
    assert services.contact(ada).stage is Stage.ENGAGING
    assert kind_of(composer) is MessageKind.CONNECTION_REQUEST
    assert body(composer).toPlainText() == "Loved your post on looms.", "undo brings the note back to the editor"
    assert child(composer, QComboBox, "composerIntent").currentData() == "mentorship"


def test_marking_a_thank_you_as_sent_moves_connected_to_nurturing(
    detail: ContactDetail, services: Services, clock: FakeClock
) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    clock.advance(hours=20)
    detail.show_contact(ada)
    composer = detail.composer
    assert kind_of(composer) is MessageKind.THANK_YOU
    body(composer).setPlainText("Thank you for connecting, Ada!")
    mark_sent(composer)
    stored = services.contact(ada)
    assert stored.stage is Stage.NURTURING
    assert (stored.messages[0].kind, stored.messages[0].body) == (
        MessageKind.THANK_YOU,
        "Thank you for connecting, Ada!",
    )
    assert kind_of(composer) is MessageKind.FOLLOW_UP
    assert "Ada Lovelace is now in Nurturing." in said(composer)
    assert child(detail, QLabel, "detailStage").text() == "Nurturing", "the header follows"


def test_drafts_are_kept_per_kind_and_restored_on_reopen(
    qtbot: QtBot, detail: ContactDetail, services: Services, runner: ChangeRunner, clock: FakeClock
) -> None:
    ada, grace = add(services), add(services, "Grace Hopper")
    detail.show_contact(ada)
    composer = detail.composer
    choose_intent(composer, "learning")
    qtbot.keyClicks(body(composer), "Your notes on the engine")  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: services.contact(ada).drafts != ())
    [draft] = services.contact(ada).drafts
    assert (draft.kind, draft.body, draft.intent) == (
        MessageKind.CONNECTION_REQUEST,
        "Your notes on the engine",
        "learning",
    )
    assert runner.undo_stack.count() == 0, "drafts are not undo steps"

    clock.advance(minutes=5)
    kind_box(composer).setCurrentIndex(kind_box(composer).findData("other"))
    assert body(composer).toPlainText() == ""
    body(composer).setPlainText("Another thought")
    detail.show_contact(grace)  # saves the pending draft at once
    assert body(composer).toPlainText() == "" and kind_of(composer) is MessageKind.CONNECTION_REQUEST
    detail.show_contact(ada)
    assert kind_of(composer) is MessageKind.OTHER, "the newest draft is reopened"
    assert body(composer).toPlainText() == "Another thought"
    kind_box(composer).setCurrentIndex(kind_box(composer).findData("connection_request"))
    assert body(composer).toPlainText() == "Your notes on the engine"

    reopened = ComposerPanel(services, runner)
    qtbot.addWidget(reopened)
    reopened.show_contact(services.contact(ada))
    assert body(reopened).toPlainText() == "Another thought"


def test_clearing_the_editor_deletes_the_draft(qtbot: QtBot, detail: ContactDetail, services: Services) -> None:
    ada = add(services)
    services.save_draft(ada, "connection_request", "An old start")
    detail.show_contact(ada)
    assert body(detail.composer).toPlainText() == "An old start"
    body(detail.composer).clear()
    detail.composer.flush_draft()
    assert services.contact(ada).drafts == ()


def test_copy_and_open_profile(detail: ContactDetail, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    ada = add(services, profile_url="https://www.linkedin.com/in/ada")
    detail.show_contact(ada)
    composer = detail.composer
    body(composer).setPlainText("Loved your post on looms 🙂")
    child(composer, QPushButton, "composerCopyOpen").click()
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None and clipboard.text() == "Loved your post on looms 🙂"
    assert opened == ["https://www.linkedin.com/in/ada"]
    assert "Mark as sent" in said(composer)

    grace = add(services, "Grace Hopper")
    detail.show_contact(grace)
    body(composer).setPlainText("Hello Grace")
    child(composer, QPushButton, "composerCopyOpen").click()
    assert clipboard.text() == "Hello Grace"
    assert opened == ["https://www.linkedin.com/in/ada"], "nothing more was opened"
    assert "No web profile to open" in said(composer)


def test_start_opens_the_composer_on_a_kind(detail: ContactDetail, services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    detail.show_contact(ada)
    detail.activateWindow()
    composer = detail.composer
    composer.start(MessageKind.THANK_YOU)
    assert kind_of(composer) is MessageKind.THANK_YOU and kind_box(composer).currentData() == "thank_you"
    assert not child(composer, QComboBox, "composerIntent").isVisible()


def test_without_a_contact_the_composer_is_disabled(qtbot: QtBot, services: Services, runner: ChangeRunner) -> None:
    composer = ComposerPanel(services, runner)
    qtbot.addWidget(composer)
    assert not composer.isEnabled()
    composer.start(MessageKind.THANK_YOU)
    assert kind_of(composer) is MessageKind.CONNECTION_REQUEST


def test_a_chosen_kind_is_kept_while_the_pane_reloads(detail: ContactDetail, services: Services) -> None:
    ada = add(services)
    services.log_engagement(ada, "like")
    detail.show_contact(ada)
    composer = detail.composer
    kind_box(composer).setCurrentIndex(kind_box(composer).findData("other"))
    child(detail, QPushButton, "engagementShare").click()
    assert kind_of(composer) is MessageKind.OTHER
