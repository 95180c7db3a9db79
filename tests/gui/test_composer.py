"""The composer: kind by stage, the note's length as LinkedIn counts it, drafts, copy & open, and mark as sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListView, QPlainTextEdit, QPushButton, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from gui.changes import ChangeRunner
from gui.composer import ComposerPanel, default_kind
from gui.contact_detail import ContactDetail
from gui.models.finding_list_model import CodeRole
from model.note_analysis import utf16_length
from model.services import Services
from model.vocabulary import FactKind, Intent, MessageKind, Stage
from tests.model.conftest import FakeClock, add, engage_twice, to_connected, to_requested

W = TypeVar("W", bound=QObject)


def child(composer: QWidget, kind: type[W], name: str) -> W:
    found = composer.findChild(kind, name)
    assert found is not None, name
    return found


@pytest.fixture(autouse=True)
def write_tab(detail: ContactDetail) -> None:
    """The composer has its own tab in the pane: these tests look at it there."""
    tabs = child(detail, QTabWidget, "detailTabs")
    [index] = [i for i in range(tabs.count()) if tabs.tabText(i) == "Write"]
    tabs.setCurrentIndex(index)


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


def findings(composer: ComposerPanel) -> list[str]:
    view = child(composer, QListView, "composerFindings")
    model = view.model()
    return [str(model.index(row, 0).data(CodeRole)) for row in range(model.rowCount())]


def verdict(composer: ComposerPanel) -> str:
    return child(composer, QLabel, "composerVerdict").text()


def test_typing_updates_the_verdict_and_findings_live_and_underlines_the_problem(
    qtbot: QtBot, detail: ContactDetail, services: Services
) -> None:
    ada = add(services, company="Analytical Engines")
    services.add_fact(ada, FactKind.RECENT_POST, "Bernoulli numbers on the engine")
    detail.show_contact(ada)
    composer = detail.composer
    choose_intent(composer, "learning")
    editor = body(composer)
    QTest.keyClicks(editor, "I'd like to add you to my professional network on LinkedIn.")
    assert verdict(composer).startswith("Cannot be sent as it is")
    assert "default_text" in findings(composer)
    assert not child(composer, QPushButton, "composerMarkSent").isEnabled(), "LinkedIn's default text is blocked"
    [underline] = editor.extraSelections()
    assert underline.cursor.selectedText().startswith("I'd like to add you")

    editor.clear()
    QTest.keyClicks(editor, "Hello, I came across your profile and would love to connect.")
    assert verdict(composer).startswith("Needs work")
    assert {"cliche", "nothing_specific"} <= set(findings(composer))
    assert child(composer, QPushButton, "composerMarkSent").isEnabled(), "needs work is advice, not a block"

    editor.clear()
    QTest.keyClicks(
        editor, "Hi, I came across your profile and I'd love to add you to my network. We have a lot in common!"
    )
    assert verdict(composer).startswith("Too generic to send: genericness ")
    assert verdict(composer).endswith(", blocked from 100")
    assert not child(composer, QPushButton, "composerMarkSent").isEnabled(), "enough warnings add up to a block"

    editor.clear()
    QTest.keyClicks(
        editor, "Hi Ada, your piece on Bernoulli numbers on the engine was a delight. I'd like to learn from you."
    )
    assert verdict(composer).startswith("Ready to send")
    assert "mentions_fact" in findings(composer)


def test_clicking_a_finding_selects_its_words(detail: ContactDetail, services: Services) -> None:
    detail.show_contact(add(services))
    composer = detail.composer
    body(composer).setPlainText("Hello 🙂 {first_name}, let's connect.")
    view = child(composer, QListView, "composerFindings")
    row = findings(composer).index("placeholder")
    view.clicked.emit(view.model().index(row, 0))
    assert body(composer).textCursor().selectedText() == "{first_name}", "spans count an emoji as Qt does"


def test_clicking_a_specific_inserts_a_phrase_at_the_cursor(detail: ContactDetail, services: Services) -> None:
    ada = add(services)
    services.add_fact(ada, FactKind.SHARED_INTEREST, "analytical engines")
    detail.show_contact(ada)
    composer = detail.composer
    editor = body(composer)
    editor.setPlainText("Hi Ada,")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    view = child(composer, QListView, "composerSpecifics")
    assert view.isVisible() and view.model().rowCount() == 1
    view.clicked.emit(view.model().index(0, 0))
    assert editor.toPlainText() == "Hi Ada, We share an interest in analytical engines."
    assert "mentions_fact" in findings(composer)


def test_a_template_fills_the_editor_and_names_what_is_missing(detail: ContactDetail, services: Services) -> None:
    ada = add(services, name="Ada Lovelace", company="Analytical Engines")
    mine = services.add_template(
        "connection_request",
        "Post and company",
        "Hi {first_name}, your post on {recent_post} at {company}.",
        "learning",
    )
    detail.show_contact(ada)
    composer = detail.composer
    choose_intent(composer, "learning")
    box = child(composer, QComboBox, "composerTemplate")
    assert box.currentIndex() == -1, "a template is a choice, never applied by itself"
    ids = [box.itemData(row) for row in range(box.count())]
    learning = {t.id for t in services.templates("connection_request") if t.intent is Intent.LEARNING}
    assert mine.id in learning and set(ids[: len(learning)]) == learning, "the chosen intent's templates first"
    body(composer).setPlainText("Draft")
    box.activated.emit(ids.index(mine.id))
    assert body(composer).toPlainText() == "Hi Ada, your post on {recent_post} at Analytical Engines."
    assert said(composer).startswith("Fill in {recent_post}")
    assert "placeholder" in findings(composer) and verdict(composer).startswith("Cannot be sent")
    body(composer).undo()
    assert body(composer).toPlainText() == "Draft", "the editor's own undo brings back what was there"


def test_timing_shows_their_local_time_and_remind_me_then_makes_a_nudge(
    detail: ContactDetail, services: Services, clock: FakeClock
) -> None:
    # FakeClock starts on a Monday morning in UTC; Tokyo is in its evening: not a good moment.
    ada = add(services, location="Tokyo, Japan")
    detail.show_contact(ada)
    composer = detail.composer
    timing = child(composer, QLabel, "composerTiming")
    assert "Asia/Tokyo (inferred)" in timing.text()
    remind = child(composer, QPushButton, "composerRemind")
    assert remind.isVisible()
    remind.click()
    assert "You will be reminded at" in said(composer)
    [reminder] = services.reminders(ada)
    assert reminder.zone == "Asia/Tokyo"


def test_a_contact_without_a_zone_is_asked_for_one(detail: ContactDetail, services: Services) -> None:
    detail.show_contact(add(services))
    timing = child(detail.composer, QLabel, "composerTiming")
    assert timing.text() == "Add their time zone in Details to see their local time."
    assert not child(detail.composer, QPushButton, "composerRemind").isVisible()


def test_the_note_budget_and_pacing_speak_before_a_send(
    detail: ContactDetail, services: Services, clock: FakeClock
) -> None:
    services.update_settings(monthly_note_allowance=1)
    grace = add(services, name="Grace Hopper")
    engage_twice(services, clock, grace)
    services.send_connection_request(grace, "networking", "Hi Grace, your COBOL talk was great.")
    ada = add(services)
    detail.show_contact(ada)
    budget = child(detail.composer, QLabel, "composerBudget")
    assert budget.isVisible() and budget.text().startswith("Personalised notes left this month: 0 of 1.")
    warnings = child(detail.composer, QLabel, "composerWarnings")
    assert warnings.isVisible() and "engage" in warnings.text().lower(), "engage first, before a request"
