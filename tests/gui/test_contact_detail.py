"""The contact detail pane: header, editable fields, profile facts, the engagement log and the message history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale, QObject, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListView, QPlainTextEdit, QPushButton, QTabWidget, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gui.changes import ChangeRunner
from gui.contact_detail import ContactDetail, local_date_text
from gui.models import engagement_list_model, message_list_model
from gui.models.engagement_list_model import EngagementKindRole, EngagementListModel
from gui.models.fact_list_model import FactListModel
from gui.models.message_list_model import MessageListModel
from gui.theme import dark_palette, light_palette
from model.services import Services
from model.vocabulary import Stage
from tests.model.conftest import START, FakeClock, add, engage_twice, to_connected, to_requested

W = TypeVar("W", bound=QObject)


@pytest.fixture(autouse=True)
def english_dates(services: Services) -> Iterator[None]:
    """Dates named in English and shown in London time, whatever the machine running the tests uses."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    services.update_settings(user_time_zone="Europe/London")
    yield
    QLocale.setDefault(previous)


def child(parent: QWidget, kind: type[W], name: str) -> W:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def field(detail: ContactDetail, name: str) -> QLineEdit:
    return child(detail, QLineEdit, f"field_{name}")


def open_tab(detail: ContactDetail, title: str) -> None:
    tabs = child(detail, QTabWidget, "detailTabs")
    [index] = [i for i in range(tabs.count()) if tabs.tabText(i) == title]
    tabs.setCurrentIndex(index)


def titles(view: QListView) -> list[str]:
    model = view.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_without_a_contact_a_short_hint_is_shown(detail: ContactDetail) -> None:
    hint = child(detail, QLabel, "detailHint")
    assert hint.isVisible() and "Select a contact" in hint.text()
    assert not child(detail, QLabel, "detailName").isVisible()
    assert detail.contact_id is None


def test_the_header_shows_name_role_stage_and_days_in_stage(
    detail: ContactDetail, services: Services, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = add(services, "<b>Ada</b> Lovelace", company="Engines", position="Analyst", profile_url="linkedin.com/in/ada")
    clock.advance(days=3)
    detail.show_contact(ada)
    name = child(detail, QLabel, "detailName")
    assert name.isVisible()
    assert name.text() == "<b>Ada</b> Lovelace" and name.textFormat() is Qt.TextFormat.PlainText
    assert child(detail, QLabel, "detailRole").text() == "Analyst at Engines"
    assert child(detail, QLabel, "detailStage").text() == "Spotted"
    assert child(detail, QLabel, "detailStageAge").text() == "3 days in stage · Added"
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    child(detail, QPushButton, "detailOpenProfile").click()
    assert [url.toString() for url in opened] == ["https://www.linkedin.com/in/ada"]


def test_a_contact_without_a_profile_has_no_profile_button(detail: ContactDetail, services: Services) -> None:
    detail.show_contact(add(services))
    assert not child(detail, QPushButton, "detailOpenProfile").isVisible()


def test_editing_and_saving_is_one_undoable_change(
    detail: ContactDetail, services: Services, runner: ChangeRunner
) -> None:
    ada = add(services, tags=("math",))
    detail.show_contact(ada)
    save = child(detail, QPushButton, "detailSave")
    assert not save.isEnabled(), "nothing to save yet"
    field(detail, "company").setText("  Analytical Engines ")
    field(detail, "profile_url").setText("https://de.linkedin.com/in/Ada-Lovelace/")
    field(detail, "tags").setText("math, engines, Math")
    child(detail, QComboBox, "field_tier").setCurrentIndex(0)
    child(detail, QPlainTextEdit, "field_notes").setPlainText("Met at the Royal Society.")
    assert save.isEnabled()
    save.click()
    stored = services.contact(ada)
    assert (stored.company, stored.profile_url, stored.tags, stored.tier.value, stored.notes) == (
        "Analytical Engines",
        "https://www.linkedin.com/in/ada-lovelace",
        ("engines", "math"),
        "close",
        "Met at the Royal Society.",
    )
    assert runner.undo_stack.undoText() == "Edit Ada Lovelace"
    assert field(detail, "company").text() == "Analytical Engines", "the form shows what was stored"
    assert field(detail, "profile_url").text() == "https://www.linkedin.com/in/ada-lovelace"
    assert not save.isEnabled()
    runner.undo_stack.undo()
    assert services.contact(ada).company == ""
    assert field(detail, "company").text() == "", "the pane reloads after the undo"
    assert child(detail, QComboBox, "field_tier").currentData() == "regular"


def test_revert_puts_the_stored_values_back(detail: ContactDetail, services: Services) -> None:
    detail.show_contact(add(services, company="Engines"))
    field(detail, "company").setText("Looms")
    child(detail, QPushButton, "detailRevert").click()
    assert field(detail, "company").text() == "Engines"
    assert not child(detail, QPushButton, "detailSave").isEnabled()


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("name", "   ", "A contact needs a name."),
        ("profile_url", "javascript:alert(1)", "is not a web address"),
        ("email", "ada-at-engines", "is not an email address"),
    ],
)
def test_invalid_input_is_shown_inline_and_nothing_is_lost(
    detail: ContactDetail, services: Services, runner: ChangeRunner, name: str, value: str, reason: str
) -> None:
    ada = add(services)
    detail.show_contact(ada)
    open_tab(detail, "Details")
    field(detail, "company").setText("Engines")
    field(detail, name).setText(value)
    field(detail, name).returnPressed.emit()
    error = child(detail, QLabel, "detailError")
    assert error.isVisible() and reason in error.text()
    assert error.textFormat() is Qt.TextFormat.PlainText
    assert services.contact(ada).company == "", "nothing was saved"
    assert runner.undo_stack.count() == 0
    assert (field(detail, "company").text(), field(detail, name).text()) == ("Engines", value), "the form is kept"


def test_an_error_clears_once_the_save_succeeds(detail: ContactDetail, services: Services) -> None:
    detail.show_contact(add(services))
    open_tab(detail, "Details")
    field(detail, "email").setText("nope")
    save = child(detail, QPushButton, "detailSave")
    save.click()
    field(detail, "email").setText("ada@engines.example")
    save.click()
    assert not child(detail, QLabel, "detailError").isVisible()
    assert services.contact(detail.contact_id or 0).email == "ada@engines.example"


def test_the_time_zone_is_chosen_from_iana_names_with_search(detail: ContactDetail, services: Services) -> None:
    ada = add(services, location="Berlin", time_zone="Europe/Berlin", time_zone_inferred=True)
    detail.show_contact(ada)
    zone = child(detail, QComboBox, "field_time_zone")
    assert zone.isEditable() and zone.currentText() == "Europe/Berlin"
    open_tab(detail, "Details")
    assert child(detail, QLabel, "timeZoneNote").isVisible(), "an inferred zone says so"
    completer = zone.completer()
    assert completer is not None
    completer.setCompletionPrefix("YORK")
    assert completer.currentCompletion() == "America/New_York"
    completer.setCompletionPrefix("berl")
    assert completer.currentCompletion() == "Europe/Berlin"
    zone.setCurrentText("Asia/Tokyo")
    child(detail, QPushButton, "detailSave").click()
    stored = services.contact(ada)
    assert (stored.time_zone, stored.time_zone_inferred) == ("Asia/Tokyo", False), "a chosen zone is no guess"
    zone.setCurrentText("Mars/Olympus_Mons")
    child(detail, QPushButton, "detailSave").click()
    assert "not a known time zone" in child(detail, QLabel, "detailError").text()
    assert services.contact(ada).time_zone == "Asia/Tokyo"


def test_the_location_infers_the_zone_and_asks_when_it_fits_several(detail: ContactDetail, services: Services) -> None:
    ada = add(services)
    detail.show_contact(ada)
    open_tab(detail, "Details")
    note = child(detail, QLabel, "timeZoneNote")
    choices = child(detail, QComboBox, "timeZoneChoices")
    field(detail, "location").setText("Greater Munich Metropolitan Area")
    assert note.isVisible() and note.text() == "Saving will set Europe/Berlin, inferred from the location."
    assert not choices.isVisible()
    child(detail, QPushButton, "detailSave").click()
    stored = services.contact(ada)
    assert (stored.time_zone, stored.time_zone_inferred) == ("Europe/Berlin", True)
    assert note.text() == "Inferred from the location: check it."

    field(detail, "location").setText("United States")
    assert note.text() == "United States has several time zones: pick one."
    assert choices.isVisible() and choices.count() > 3
    new_york = choices.findText("America/New_York")
    choices.activated.emit(new_york)
    assert child(detail, QComboBox, "field_time_zone").currentText() == "America/New_York"
    assert not choices.isVisible(), "a chosen zone needs no more asking"
    child(detail, QPushButton, "detailSave").click()
    stored = services.contact(ada)
    assert (stored.location, stored.time_zone, stored.time_zone_inferred) == (
        "United States",
        "America/New_York",
        False,
    )


def test_unsaved_edits_survive_a_change_made_elsewhere_in_the_pane(detail: ContactDetail, services: Services) -> None:
    ada = add(services, company="Engines", position="Analyst")
    detail.show_contact(ada)
    field(detail, "company").setText("Looms")
    child(detail, QPushButton, "engagementLike").click()
    assert field(detail, "company").text() == "Looms"
    assert child(detail, QPushButton, "detailSave").isEnabled()
    services.edit_contact(ada, position="Head of Computing")
    detail.show_contact(ada)
    assert field(detail, "position").text() == "Head of Computing", "untouched fields follow the stored contact"
    assert field(detail, "company").text() == "Looms"


def test_facts_are_added_newest_first_and_deleted(
    detail: ContactDetail, services: Services, clock: FakeClock, runner: ChangeRunner
) -> None:
    ada = add(services)
    detail.show_contact(ada)
    facts = child(detail, QListView, "factList")
    kind, text, url = (
        child(detail, QComboBox, "factKind"),
        field_named(detail, "factText"),
        field_named(detail, "factUrl"),
    )
    kind.setCurrentIndex(kind.findData("recent_post"))
    text.setText("Post on punched cards")
    url.setText("https://example.com/post/1")
    child(detail, QPushButton, "factAdd").click()
    clock.advance(minutes=1)
    kind.setCurrentIndex(kind.findData("shared_interest"))
    text.setText("Poetical science")
    text.returnPressed.emit()
    assert titles(facts) == ["Shared interest: Poetical science", "Recent post: Post on punched cards"]
    assert text.text() == "" and url.text() == ""
    assert runner.undo_stack.undoText() == "Add a fact about Ada Lovelace"

    url.setText("ftp://example.com/x")
    text.setText("A talk")
    child(detail, QPushButton, "factAdd").click()
    assert "not a web address" in child(detail, QLabel, "factError").text()
    assert text.text() == "A talk" and len(services.contact(ada).facts) == 2

    facts.setCurrentIndex(facts.model().index(1, 0))
    delete = child(detail, QPushButton, "factDelete")
    assert delete.isEnabled()
    delete.click()
    assert [fact.text for fact in services.contact(ada).facts] == ["Poetical science"]


def field_named(detail: ContactDetail, name: str) -> QLineEdit:
    return child(detail, QLineEdit, name)


def test_ctrl_1_logs_a_like_and_the_header_shows_the_move_to_engaging(
    qtbot: QtBot, detail: ContactDetail, services: Services, runner: ChangeRunner
) -> None:
    ada = add(services)
    detail.show_contact(ada)
    qtbot.waitExposed(detail)
    detail.activateWindow()
    field_named(detail, "engagementTarget").setText("Her post on looms")
    field_named(detail, "engagementTarget").setFocus()
    with qtbot.waitSignal(runner.contact_changed):
        qtbot.keyClick(detail, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]
    log = child(detail, QListView, "engagementLog")
    assert titles(log) == ["Like on Her post on looms"]
    assert log.model().index(0, 0).data(EngagementKindRole) == "like"
    assert child(detail, QLabel, "detailStage").text() == "Engaging"
    assert child(detail, QLabel, "detailStageAge").text() == "since today · First engagement logged"
    message = child(detail, QLabel, "engagementMessage")
    assert message.text() == "Logged a like. Ada Lovelace is now in Engaging."
    assert services.contact(ada).stage is Stage.ENGAGING
    assert field_named(detail, "engagementTarget").text() == "Her post on looms", "kept for a comment on it"


def test_ctrl_2_focuses_the_comment_box_and_enter_logs_the_comment(
    qtbot: QtBot, detail: ContactDetail, services: Services
) -> None:
    ada = add(services)
    detail.show_contact(ada)
    qtbot.waitExposed(detail)
    detail.activateWindow()
    field_named(detail, "engagementTarget").setFocus()
    qtbot.keyClick(detail, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]
    comment = field_named(detail, "engagementComment")
    assert comment.hasFocus()
    qtbot.keyClicks(comment, "Punched cards are genius.")  # type: ignore[no-untyped-call]
    qtbot.keyClick(comment, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    [engagement] = services.contact(ada).engagements
    assert (engagement.kind.value, engagement.comment) == ("comment", "Punched cards are genius.")
    assert comment.text() == ""
    log = child(detail, QListView, "engagementLog").model()
    assert log.index(0, 0).data(engagement_list_model.DetailRole) == "Punched cards are genius."


def test_share_button_and_deleting_an_engagement(
    detail: ContactDetail, services: Services, clock: FakeClock, runner: ChangeRunner
) -> None:
    ada = add(services)
    engage_twice(services, clock, ada)
    detail.show_contact(ada)
    log = child(detail, QListView, "engagementLog")
    assert titles(log) == ["Comment on A post on looms", "Like on A post on looms"], "newest first"
    assert log.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole).endswith("Tue 3 Nov 2026")
    child(detail, QPushButton, "engagementShare").click()
    assert titles(log)[0] == "Share"
    log.setCurrentIndex(log.model().index(2, 0))
    child(detail, QPushButton, "engagementDelete").click()
    assert [e.kind.value for e in services.contact(ada).engagements] == ["share", "comment"]
    assert runner.undo_stack.undoText() == "Delete an engagement with Ada Lovelace"


def test_the_message_history_shows_direction_date_body_and_request_outcome(
    detail: ContactDetail, services: Services, clock: FakeClock
) -> None:
    ada = add(services)
    detail.show_contact(ada)
    assert child(detail, QLabel, "messageEmpty").isVisible()
    to_connected(services, clock, ada)
    clock.advance(days=1)
    services.record_message(ada, "thank_you", "outgoing", "Thank you for connecting!\nSee you at the Society.")
    services.record_message(ada, "other", "incoming", "Glad to!")
    detail.show_contact(ada)
    history = child(detail, QListView, "messageHistory")
    model = history.model()
    assert history.isVisible()
    assert titles(history) == ["← Message", "→ Thank-you", "→ Connection request (Collaboration)"]
    assert model.index(1, 0).data(message_list_model.DetailRole) == "Thank you for connecting! See you at the Society."
    assert (
        model.index(2, 0).data(message_list_model.DetailRole) == "Accepted Tue 3 Nov 2026 · Loved your post on looms."
    )


def test_a_pending_or_withdrawn_request_says_so(detail: ContactDetail, services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    detail.show_contact(ada)
    model = child(detail, QListView, "messageHistory").model()
    assert str(model.index(0, 0).data(message_list_model.DetailRole)).startswith("Waiting for an answer · ")
    clock.advance(days=2)
    services.record_withdrawal(ada)
    detail.show_contact(ada)
    assert str(model.index(0, 0).data(message_list_model.DetailRole)).startswith("Withdrawn Thu 5 Nov 2026 · ")


def test_a_deleted_contact_leaves_the_hint(detail: ContactDetail, services: Services, runner: ChangeRunner) -> None:
    ada = add(services)
    detail.show_contact(ada)
    runner.run("Delete Ada", ada, lambda: services.delete_contact(ada))
    assert child(detail, QLabel, "detailHint").isVisible()
    assert detail.contact_id is None


def test_dates_are_shown_in_the_users_time_zone() -> None:
    late = datetime(2026, 11, 3, 23, 30, tzinfo=UTC)
    assert local_date_text(late, ZoneInfo("Europe/London")) == "Tue 3 Nov 2026"
    assert local_date_text(late, ZoneInfo("Pacific/Auckland")) == "Wed 4 Nov 2026"


def test_the_item_models_are_well_behaved(qtmodeltester: ModelTester, services: Services, clock: FakeClock) -> None:
    ada = add(services)
    services.add_fact(ada, "recent_post", "Post on looms", "https://example.com/p")
    services.add_fact(ada, "event", "Royal Society lecture")
    to_connected(services, clock, ada)
    services.record_message(ada, "thank_you", "outgoing", "Thanks!")
    contact = services.contact(ada)

    def date_text(moment: datetime) -> str:
        return f"{moment:%Y-%m-%d}"

    facts = FactListModel(date_text)
    facts.set_facts(contact.facts)
    qtmodeltester.check(facts)  # type: ignore[no-untyped-call]
    engagements = EngagementListModel(date_text)
    engagements.set_engagements(contact.engagements)
    qtmodeltester.check(engagements)  # type: ignore[no-untyped-call]
    messages = MessageListModel(date_text)
    messages.set_messages(contact.messages)
    qtmodeltester.check(messages)  # type: ignore[no-untyped-call]
    assert messages.rowCount() == 2 and engagements.rowCount() == 2 and facts.rowCount() == 2
    newest = engagements.engagement(0)
    assert newest is not None and newest.occurred_at == START + timedelta(days=1)


def test_the_stage_pill_follows_the_system_from_light_to_dark(detail: ContactDetail, services: Services) -> None:
    ada = add(services, "Ada Lovelace")
    detail.setPalette(light_palette())
    detail.show_contact(ada)
    pill = child(detail, QLabel, "detailStage")

    def text_colour() -> QColor:
        return QColor(pill.styleSheet().split(" color: ")[1].split(";")[0])

    assert text_colour().lightness() < 128  # dark text on the light window
    detail.setPalette(dark_palette())
    assert text_colour().lightness() > 128  # repainted for the dark window without showing the contact again
