"""The Preferences dialog: settings, the own-profile checklist and the templates, each saved through its service."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTreeView,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gui.models.checklist_model import AdviceRole, ChecklistKeyRole, ChecklistModel, DoneRole
from gui.models.template_list_model import TemplateIdRole, TemplateIntentRole, TemplateKindRole, TemplateListModel
from gui.preferences import PreferencesDialog
from model.errors import InvalidInput
from model.own_profile import OwnProfile, checklist
from model.services import Services
from model.settings import int_range, settings_from_mapping
from model.vocabulary import AccountType, MessageKind

W = TypeVar("W", bound=QObject)


def child(parent: QWidget, kind: type[W], name: str) -> W:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> PreferencesDialog:
    prefs = PreferencesDialog(services)
    qtbot.addWidget(prefs)
    prefs.show()
    return prefs


def open_tab(dialog: PreferencesDialog, title: str) -> None:
    tabs = child(dialog, QTabWidget, "preferencesTabs")
    [index] = [i for i in range(tabs.count()) if tabs.tabText(i) == title]
    tabs.setCurrentIndex(index)


def press_ok(dialog: PreferencesDialog) -> None:
    dialog.buttons.accepted.emit()


def spin(dialog: PreferencesDialog, name: str) -> QSpinBox:
    return child(dialog, QSpinBox, name)


# -- General ----------------------------------------------------------------------------------------------


def test_the_general_tab_shows_the_stored_settings(qtbot: QtBot, services: Services) -> None:
    services.update_settings(
        account_type="premium",
        user_time_zone="Europe/Berlin",
        monthly_note_allowance=7,
        weekly_request_budget=80,
        best_hours_start=9,
        best_hours_end=12,
        working_hours_start=7,
        working_hours_end=19,
    )
    dialog = PreferencesDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "preferencesDialog"
    assert child(dialog, QComboBox, "prefAccountType").currentData() == "premium"
    assert child(dialog, QComboBox, "prefTimeZone").currentText() == "Europe/Berlin"
    shown = [
        spin(dialog, name).value()
        for name in (
            "prefNoteAllowance",
            "prefWeeklyBudget",
            "prefBestHoursStart",
            "prefBestHoursEnd",
            "prefWorkingHoursStart",
            "prefWorkingHoursEnd",
        )
    ]
    assert shown == [7, 80, 9, 12, 7, 19]
    assert "300 characters" in child(dialog, QLabel, "prefAccountNote").text()
    assert not spin(dialog, "prefNoteAllowance").isEnabled(), "a Premium account's notes are not counted"


def test_choosing_premium_and_ok_saves_it(dialog: PreferencesDialog, services: Services) -> None:
    account = child(dialog, QComboBox, "prefAccountType")
    note = child(dialog, QLabel, "prefAccountNote")
    assert "200 characters" in note.text() and "about 5 a month" in note.text()
    account.setCurrentIndex(account.findData("premium"))
    assert "300 characters" in note.text(), "the explanation follows the choice"
    spin(dialog, "prefWeeklyBudget").setValue(60)
    press_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = services.settings()
    assert (stored.account_type, stored.note_limit, stored.weekly_request_budget) == (AccountType.PREMIUM, 300, 60)


def test_good_hours_that_end_before_they_start_are_refused_inline(
    dialog: PreferencesDialog, services: Services
) -> None:
    open_tab(dialog, "Templates")
    spin(dialog, "prefWeeklyBudget").setValue(50)
    spin(dialog, "prefBestHoursStart").setValue(10)
    spin(dialog, "prefBestHoursEnd").setValue(9)
    child(dialog, QLineEdit, "profile_name").setText("Grace Hopper")
    press_ok(dialog)
    error = child(dialog, QLabel, "generalError")
    assert error.isVisible() and error.text() == "Each window of good hours must start before it ends."
    assert error.textFormat() is Qt.TextFormat.PlainText
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted, "the dialog stays open"
    assert child(dialog, QTabWidget, "preferencesTabs").currentIndex() == 0, "the tab with the problem is shown"
    stored = services.settings()
    assert (stored.weekly_request_budget, stored.best_hours_start, stored.best_hours_end) == (100, 8, 11)
    assert services.own_profile().name is None, "nothing in any tab was saved"

    spin(dialog, "prefBestHoursEnd").setValue(12)
    press_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (services.settings().best_hours_start, services.settings().best_hours_end) == (10, 12)
    assert services.own_profile().name == "Grace Hopper"


def test_the_time_zone_is_searched_by_city_and_empty_means_the_computers(
    dialog: PreferencesDialog, services: Services
) -> None:
    zone = child(dialog, QComboBox, "prefTimeZone")
    assert zone.isEditable() and zone.currentText() == ""
    completer = zone.completer()
    assert completer is not None
    completer.setCompletionPrefix("tokyo")
    assert completer.currentCompletion() == "Asia/Tokyo"
    zone.setCurrentText("Asia/Tokyo")
    press_ok(dialog)
    assert services.settings().user_time_zone == "Asia/Tokyo"


def test_an_unknown_time_zone_is_refused_with_the_models_words(dialog: PreferencesDialog, services: Services) -> None:
    child(dialog, QComboBox, "prefTimeZone").setCurrentText("Mars/Olympus_Mons")
    press_ok(dialog)
    assert "not a known time zone" in child(dialog, QLabel, "generalError").text()
    assert services.settings().user_time_zone is None


def test_cancel_discards_every_change(dialog: PreferencesDialog, services: Services) -> None:
    account = child(dialog, QComboBox, "prefAccountType")
    account.setCurrentIndex(account.findData("premium"))
    child(dialog, QCheckBox, "profile_has_photo").setChecked(True)
    dialog.buttons.rejected.emit()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert services.settings().account_type is AccountType.FREE
    assert not services.own_profile().has_photo


# -- Your profile -----------------------------------------------------------------------------------------


def test_the_profile_tab_shows_the_stored_profile(qtbot: QtBot, services: Services) -> None:
    services.update_own_profile(
        name="Grace Hopper",
        has_photo=True,
        headline="Rear admiral teaching computers to read English",
        has_about=True,
        current_role="Director",
        current_role_description="Compilers for the Navy.",
        past_roles=2,
        skills_count=5,
        has_featured=True,
    )
    dialog = PreferencesDialog(services)
    qtbot.addWidget(dialog)
    assert child(dialog, QLineEdit, "profile_name").text() == "Grace Hopper"
    assert child(dialog, QLineEdit, "profile_headline").text() == "Rear admiral teaching computers to read English"
    assert child(dialog, QLineEdit, "profile_current_role").text() == "Director"
    assert child(dialog, QPlainTextEdit, "profile_current_role_description").toPlainText() == "Compilers for the Navy."
    assert [child(dialog, QCheckBox, f"profile_{name}").isChecked() for name in ("has_photo", "has_about")] == [
        True,
        True,
    ]
    assert (spin(dialog, "profile_past_roles").value(), spin(dialog, "profile_skills_count").value()) == (2, 5)
    assert child(dialog, QProgressBar, "profileCompleteness").value() == 100
    assert "will not warn" in child(dialog, QLabel, "profileCompletenessText").text()


def test_the_checklist_and_completeness_follow_the_fields_as_they_change(
    dialog: PreferencesDialog, services: Services
) -> None:
    open_tab(dialog, "Your profile")
    view = child(dialog, QListView, "profileChecklist")
    model = view.model()
    bar = child(dialog, QProgressBar, "profileCompleteness")
    summary = child(dialog, QLabel, "profileCompletenessText")

    def done() -> dict[str, bool]:
        return {
            str(model.index(row, 0).data(ChecklistKeyRole)): bool(model.index(row, 0).data(DoneRole))
            for row in range(model.rowCount())
        }

    assert model.rowCount() == 7 and not any(done().values())
    assert bar.value() == 0
    assert summary.text() == "0% complete — below 80%, the composer will warn before connection requests"

    child(dialog, QCheckBox, "profile_has_photo").setChecked(True)
    assert done()["photo"] and bar.value() == 20
    child(dialog, QLineEdit, "profile_headline").setText("Data engineer building open tools for climate research")
    spin(dialog, "profile_skills_count").setValue(3)
    child(dialog, QLineEdit, "profile_current_role").setText("Data engineer")
    assert not done()["current_role"], "a role needs its description"
    child(dialog, QPlainTextEdit, "profile_current_role_description").setPlainText("Pipelines for weather models.")
    assert done()["headline"] and done()["skills"] and done()["current_role"]
    assert bar.value() == 65 and "below 80%" in summary.text()
    child(dialog, QCheckBox, "profile_has_about").setChecked(True)
    assert bar.value() == 80
    assert summary.text() == "80% complete — the composer will not warn before connection requests"
    assert services.own_profile() == OwnProfile(), "nothing is saved while typing"

    press_ok(dialog)
    stored = services.own_profile()
    assert (stored.has_photo, stored.skills_count, stored.current_role) == (True, 3, "Data engineer")


def test_a_cliche_headline_is_flagged(dialog: PreferencesDialog) -> None:
    headline = child(dialog, QLineEdit, "profile_headline")
    headline.setText("Passionate ninja building compilers for everyone")
    model = child(dialog, QListView, "profileChecklist").model()
    [row] = [r for r in range(model.rowCount()) if model.index(r, 0).data(ChecklistKeyRole) == "headline"]
    item = model.index(row, 0)
    assert item.data(DoneRole) is False
    assert "Replace 'Passionate'" in str(item.data(AdviceRole))
    assert "Replace 'Passionate'" in str(item.data(Qt.ItemDataRole.DisplayRole)), "the advice is shown, not hidden"
    headline.setText("Engineer building compilers that let everyone program")
    assert item.data(DoneRole) is True and item.data(AdviceRole) == ""


def test_pasting_an_about_ticks_has_about_and_is_checked_too(dialog: PreferencesDialog, services: Services) -> None:
    child(dialog, QPlainTextEdit, "profile_about").setPlainText("Short.")
    assert child(dialog, QCheckBox, "profile_has_about").isChecked()
    model = child(dialog, QListView, "profileChecklist").model()
    advice = [str(model.index(r, 0).data(AdviceRole)) for r in range(model.rowCount())]
    assert any("Your About has 6 characters" in line for line in advice)
    press_ok(dialog)
    assert (services.own_profile().has_about, services.own_profile().about) == (True, "Short.")


# -- Templates --------------------------------------------------------------------------------------------


def template_view(dialog: PreferencesDialog) -> QTreeView:
    return child(dialog, QTreeView, "templateList")


def select_template(dialog: PreferencesDialog, template_id: int) -> None:
    model = template_view(dialog).model()
    assert isinstance(model, TemplateListModel)
    index = model.index_of(template_id)
    assert index.isValid()
    template_view(dialog).setCurrentIndex(index)


def names_in_list(dialog: PreferencesDialog) -> list[str]:
    model = template_view(dialog).model()
    names = []
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        names += [str(model.index(row, 0, parent).data()) for row in range(model.rowCount(parent))]
    return names


def test_the_templates_tab_lists_the_stored_templates_by_kind(dialog: PreferencesDialog, services: Services) -> None:
    open_tab(dialog, "Templates")
    stored = services.templates()
    assert stored, "the built-in templates are seeded"
    model = template_view(dialog).model()
    groups = [str(model.index(row, 0).data()) for row in range(model.rowCount())]
    requests = [t for t in stored if t.kind is MessageKind.CONNECTION_REQUEST]
    assert groups[0] == f"Connection requests ({len(requests)})"
    assert len(names_in_list(dialog)) == len(stored)
    first = requests[0]
    assert first.intent is not None
    assert names_in_list(dialog)[0] == f"{first.name} · {first.intent.value.capitalize()}"
    assert child(dialog, QLineEdit, "templateName").text() == first.name, "the first one is open"
    assert child(dialog, QPlainTextEdit, "templateBody").toPlainText() == first.body
    intent = child(dialog, QComboBox, "templateIntent")
    assert intent.isVisible() and intent.currentData() == first.intent.value
    thank_you = next(t for t in stored if t.kind is MessageKind.THANK_YOU)
    select_template(dialog, thank_you.id)
    assert child(dialog, QLineEdit, "templateName").text() == thank_you.name
    assert not intent.isVisible(), "only a connection request states an intent"
    assert not child(dialog, QComboBox, "templateKind").isEnabled(), "a saved template keeps its kind"


def test_a_new_template_is_added_and_selected(qtbot: QtBot, dialog: PreferencesDialog, services: Services) -> None:
    open_tab(dialog, "Templates")
    before = len(services.templates())
    child(dialog, QPushButton, "templateNew").click()
    name, body = child(dialog, QLineEdit, "templateName"), child(dialog, QPlainTextEdit, "templateBody")
    assert name.text() == "" and body.toPlainText() == ""
    kind = child(dialog, QComboBox, "templateKind")
    assert kind.isEnabled()
    kind.setCurrentIndex(kind.findData("follow_up"))
    name.setText("After their talk")
    body.setPlainText("Hi {first_name}, I enjoyed {event}. One question: …")
    with qtbot.waitSignal(dialog.templates_changed):
        child(dialog, QPushButton, "templateSave").click()
    added = [t for t in services.templates() if t.name == "After their talk"]
    assert len(services.templates()) == before + 1 and len(added) == 1
    assert (added[0].kind, added[0].intent) == (MessageKind.FOLLOW_UP, None)
    assert template_view(dialog).currentIndex().data(TemplateIdRole) == added[0].id
    assert child(dialog, QLabel, "templateMessage").text() == "Saved the template 'After their talk'."


def test_a_template_is_edited_and_a_refusal_is_shown_inline(dialog: PreferencesDialog, services: Services) -> None:
    requests = services.templates(MessageKind.CONNECTION_REQUEST)
    first, second = requests[0], requests[1]
    open_tab(dialog, "Templates")
    select_template(dialog, first.id)
    body = child(dialog, QPlainTextEdit, "templateBody")
    save = child(dialog, QPushButton, "templateSave")
    assert not save.isEnabled(), "nothing to save yet"
    body.setPlainText("Hi {first_name}, your post on {recent_post} made me think. {my_name}")
    intent = child(dialog, QComboBox, "templateIntent")
    intent.setCurrentIndex(0)  # any intent
    assert save.isEnabled()
    save.click()
    edited = next(t for t in services.templates() if t.id == first.id)
    assert (edited.body, edited.intent) == (
        "Hi {first_name}, your post on {recent_post} made me think. {my_name}",
        None,
    )
    assert not save.isEnabled()

    child(dialog, QLineEdit, "templateName").setText(second.name)
    save.click()
    message = child(dialog, QLabel, "templateMessage")
    assert message.isVisible() and "already a connection request template called" in message.text()
    assert next(t for t in services.templates() if t.id == first.id).name == first.name


def test_ok_saves_the_template_being_edited_or_stays_open_when_refused(
    dialog: PreferencesDialog, services: Services
) -> None:
    requests = services.templates(MessageKind.CONNECTION_REQUEST)
    select_template(dialog, requests[0].id)
    open_tab(dialog, "General")
    child(dialog, QLineEdit, "templateName").setText(requests[1].name)
    press_ok(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert child(dialog, QTabWidget, "preferencesTabs").currentIndex() == 2
    assert "already a connection request template" in child(dialog, QLabel, "templateMessage").text()
    child(dialog, QLineEdit, "templateName").setText("A better name")
    press_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert next(t for t in services.templates() if t.id == requests[0].id).name == "A better name"


def test_deleting_asks_first_naming_the_template(
    dialog: PreferencesDialog, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = services.templates(MessageKind.THANK_YOU)[0]
    select_template(dialog, target.id)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(_parent: QWidget, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    child(dialog, QPushButton, "templateDelete").click()
    assert asked == [f"Delete the template '{target.name}'? This cannot be undone."]
    assert any(t.id == target.id for t in services.templates()), "declined: kept"

    answer = QMessageBox.StandardButton.Yes
    child(dialog, QPushButton, "templateDelete").click()
    assert all(t.id != target.id for t in services.templates())
    assert target.name not in [name.split(" · ")[0] for name in names_in_list(dialog)]
    current = template_view(dialog).currentIndex()
    assert current.data(TemplateKindRole) == "thank_you", "the next template of the same kind is open"
    assert child(dialog, QLineEdit, "templateName").text() == current.data(Qt.ItemDataRole.DisplayRole)


def test_unknown_placeholders_are_flagged_with_a_suggestion(dialog: PreferencesDialog) -> None:
    open_tab(dialog, "Templates")
    listed = child(dialog, QLabel, "templatePlaceholders")
    assert "{first_name}" in listed.text() and "{my_name}" in listed.text()
    unknown = child(dialog, QLabel, "templateUnknownPlaceholders")
    assert not unknown.isVisible()
    body = child(dialog, QPlainTextEdit, "templateBody")
    body.setPlainText("Hi {firstname}, about {recent_post} and {{not ours}}.")
    assert unknown.isVisible()
    assert unknown.text() == (
        "Unknown placeholder: {firstname} (did you mean {first_name}?). It would stay in the message as typed."
    )
    body.setPlainText("Hi {first_name}, about {recent_post}.")
    assert not unknown.isVisible()


def test_switching_templates_with_unsaved_edits_asks_to_save(
    dialog: PreferencesDialog, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = services.templates(MessageKind.CONNECTION_REQUEST)[:2]
    select_template(dialog, first.id)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: answers.pop(0))
    child(dialog, QLineEdit, "templateName").setText("Renamed")
    select_template(dialog, second.id)
    assert template_view(dialog).currentIndex().data(TemplateIdRole) == first.id, "cancelled: still on the first"
    assert child(dialog, QLineEdit, "templateName").text() == "Renamed", "and the edit is kept"
    select_template(dialog, second.id)
    assert next(t for t in services.templates() if t.id == first.id).name == "Renamed"
    assert template_view(dialog).currentIndex().data(TemplateIdRole) == second.id
    assert child(dialog, QLineEdit, "templateName").text() == second.name


# -- Models -----------------------------------------------------------------------------------------------


def test_the_checklist_model_is_well_behaved(qtmodeltester: ModelTester) -> None:
    model = ChecklistModel()
    model.set_items(checklist(OwnProfile(has_photo=True, skills_count=1)))
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert model.rowCount() == 7
    assert str(model.index(0, 0).data()).startswith("✔")
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles=(): changed.append(top.row()))
    model.set_items(checklist(OwnProfile(has_photo=True, skills_count=3)))
    assert changed == [5], "typing changes only the rows it affects, without a reset"
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]


def test_the_template_model_is_well_behaved(qtmodeltester: ModelTester, services: Services) -> None:
    model = TemplateListModel()
    model.set_templates(services.templates())
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    requests = model.index(0, 0)
    assert model.rowCount(requests) == len(services.templates(MessageKind.CONNECTION_REQUEST))
    first = model.index(0, 0, requests)
    assert model.parent(first) == requests and model.parent(requests) == QModelIndex()
    assert first.data(TemplateKindRole) == "connection_request"
    assert first.data(TemplateIntentRole) == "networking"
    assert not model.flags(requests) & Qt.ItemFlag.ItemIsSelectable, "a group is a heading"
    model.set_templates([])
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert [model.rowCount(model.index(row, 0)) for row in range(model.rowCount())] == [0, 0, 0, 0]


def test_a_refusal_in_a_later_tab_saves_nothing_from_the_earlier_ones(
    dialog: PreferencesDialog, services: Services
) -> None:
    spin(dialog, "prefWeeklyBudget").setValue(40)
    child(dialog, QCheckBox, "profile_has_featured").setChecked(True)
    child(dialog, QLineEdit, "templateName").setText("   ")
    press_ok(dialog)
    assert child(dialog, QLabel, "templateMessage").text() == "Give the template a name, so that you can find it again."
    assert child(dialog, QTabWidget, "preferencesTabs").currentIndex() == 2
    assert services.settings().weekly_request_budget == 100
    assert not services.own_profile().has_featured


@pytest.mark.parametrize(
    ("name", "setting"),
    [
        ("prefNoteAllowance", "monthly_note_allowance"),
        ("prefWeeklyBudget", "weekly_request_budget"),
        ("prefBestHoursStart", "best_hours_start"),
        ("prefBestHoursEnd", "best_hours_end"),
        ("prefWorkingHoursStart", "working_hours_start"),
        ("prefWorkingHoursEnd", "working_hours_end"),
    ],
)
def test_a_spin_box_offers_exactly_what_the_model_accepts(dialog: PreferencesDialog, name: str, setting: str) -> None:
    box = child(dialog, QSpinBox, name)
    low, high = int_range(setting)
    assert (box.minimum(), box.maximum()) == (low, high)
    with pytest.raises(InvalidInput):
        settings_from_mapping({setting: high + 1})
