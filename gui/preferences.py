"""Preferences: the account and its limits, your time and pacing, your own profile's checklist, and the templates."""

from __future__ import annotations

import difflib
from dataclasses import fields
from typing import TYPE_CHECKING
from zoneinfo import available_timezones

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui.labels import InlineMessage, plain_label, quiet
from gui.models.checklist_model import ChecklistModel
from gui.models.message_list_model import intent_label, message_kind_label
from gui.models.template_list_model import TemplateListModel
from gui.theme import set_text_tone
from model.errors import InvalidInput, NotFound, OvertureError
from model.own_profile import (
    COUNT_MAX,
    HEADLINE_MAX,
    WARN_BELOW,
    OwnProfile,
    changed_profile,
    checklist,
    completeness,
    profile_warning,
)
from model.settings import Settings, int_range
from model.templates import PLACEHOLDERS, TemplateRecord, clean_template, placeholders_in
from model.vocabulary import AccountType, Intent, MessageKind

if TYPE_CHECKING:
    from model.services import Services

# Sorted once: the list never changes while the app runs.
TIME_ZONES = sorted(available_timezones())
# The spin boxes' ranges are the ones the model accepts (model.settings.int_range, model.own_profile.COUNT_MAX), so
# that a value refused for its range cannot be typed; what the model checks across fields (a window that ends before
# it starts) it still says, and the dialog shows.
# The profile's text fields, which the model trims before storing.
_TEXT_FIELDS = ("headline", "about", "current_role", "current_role_description")


def _spin_box(name: str, accessible: str, low: int, high: int) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setRange(low, high)
    # A number needs a few digits' room, not the whole row.
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return box


def _hour_box(name: str, accessible: str, low: int, high: int) -> QSpinBox:
    box = _spin_box(name, accessible, low, high)
    box.setSuffix(":00")
    return box


def _time_zone_box(name: str, accessible: str) -> QComboBox:
    """An editable list of IANA names: "berlin" finds Europe/Berlin (people know the city, not the region)."""
    box = QComboBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItem("")
    box.addItems(TIME_ZONES)
    box.setMaxVisibleItems(15)
    # Wide enough for the longest names ("America/Argentina/ComodRivadavia"), measured in characters.
    box.setMinimumContentsLength(32)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    completer = QCompleter(TIME_ZONES, box)
    completer.setObjectName(f"{name}Completer")
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCompleter(completer)
    return box


def _system_zone_name() -> str:
    return bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")


def _scrolling(widget: QWidget) -> QScrollArea:
    """A tab's content that scrolls when the dialog is small (or the text large) instead of being cut."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


# -- General ------------------------------------------------------------------------------------------------


class _GeneralTab(QWidget):
    """The account type, your time zone, the pacing budgets and the hours that make a good moment to send."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._stored = settings = services.settings()

        self.account_type = QComboBox()
        self.account_type.setObjectName("prefAccountType")
        self.account_type.setAccessibleName(self.tr("LinkedIn account type"))
        self.account_type.addItem(self.tr("Free"), AccountType.FREE.value)
        self.account_type.addItem(self.tr("Premium or Sales Navigator"), AccountType.PREMIUM.value)
        self.account_note = quiet(plain_label(name="prefAccountNote", wrap=True))

        self.time_zone = _time_zone_box("prefTimeZone", self.tr("Your time zone"))
        zone_edit = self.time_zone.lineEdit()
        assert zone_edit is not None  # an editable combo box always has its line edit
        zone_edit.setPlaceholderText(self.tr("This computer's ({zone})").format(zone=_system_zone_name()))
        self.time_zone_note = quiet(
            plain_label(
                self.tr(
                    'Dates and "this month" are counted in your time zone. Leave it empty to use this computer\'s.'
                ),
                "prefTimeZoneNote",
                wrap=True,
            )
        )

        self.note_allowance = _spin_box(
            "prefNoteAllowance", self.tr("Personalised notes a month"), *int_range("monthly_note_allowance")
        )
        self.note_allowance.setToolTip(
            self.tr("LinkedIn Help a550555: about 5 a month on a free account; people report 3 to 10.")
        )
        self.weekly_budget = _spin_box(
            "prefWeeklyBudget", self.tr("Invitations a week"), *int_range("weekly_request_budget")
        )
        self.weekly_budget.setSpecialValueText(self.tr("No limit"))
        self.weekly_budget.setToolTip(
            self.tr("Not published by LinkedIn; people report 100 to 200 a week. Overture warns when you reach it.")
        )

        self.best_start = _hour_box("prefBestHoursStart", self.tr("Best hours start"), *int_range("best_hours_start"))
        self.best_end = _hour_box("prefBestHoursEnd", self.tr("Best hours end"), *int_range("best_hours_end"))
        self.working_start = _hour_box(
            "prefWorkingHoursStart", self.tr("Working hours start"), *int_range("working_hours_start")
        )
        self.working_end = _hour_box(
            "prefWorkingHoursEnd", self.tr("Working hours end"), *int_range("working_hours_end")
        )
        self.hours_note = quiet(
            plain_label(
                self.tr(
                    "In the recipient's time. Tuesday to Thursday within the best hours is best, other weekdays "
                    "within the working hours are fine; nights and weekends are avoided. The effect is small: "
                    "a good note matters more than a good hour."
                ),
                "prefHoursNote",
                wrap=True,
            )
        )
        self.message = InlineMessage("generalError")

        account = QGroupBox(self.tr("LinkedIn account"))
        account_form = QFormLayout(account)
        account_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        account_form.addRow(self.tr("&Account type"), self.account_type)
        account_form.addRow(self.account_note)
        account_form.addRow(self.tr("Personalised &notes a month"), self.note_allowance)
        account_form.addRow(self.tr("&Invitations a week"), self.weekly_budget)

        time = QGroupBox(self.tr("Your time"))
        time_form = QFormLayout(time)
        time_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        time_form.addRow(self.tr("Your &time zone"), self.time_zone)
        time_form.addRow(self.time_zone_note)

        moments = QGroupBox(self.tr("Good moments to send"))
        moments_form = QFormLayout(moments)
        moments_form.addRow(self.tr("&Best hours, Tuesday to Thursday"), self._range(self.best_start, self.best_end))
        moments_form.addRow(
            self.tr("&Working hours, other weekdays"), self._range(self.working_start, self.working_end)
        )
        moments_form.addRow(self.hours_note)

        layout = QVBoxLayout(self)
        layout.addWidget(account)
        layout.addWidget(time)
        layout.addWidget(moments)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.load(settings)
        self.account_type.currentIndexChanged.connect(self._on_account_type_changed)
        self.note_allowance.valueChanged.connect(self._on_account_type_changed)

    def _range(self, start: QSpinBox, end: QSpinBox) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(start)
        layout.addWidget(plain_label(self.tr("to")))
        layout.addWidget(end)
        layout.addStretch(1)
        return row

    def load(self, settings: Settings) -> None:
        self._stored = settings
        self.account_type.setCurrentIndex(max(0, self.account_type.findData(settings.account_type.value)))
        self.time_zone.setCurrentText(settings.user_time_zone or "")
        self.note_allowance.setValue(settings.monthly_note_allowance)
        self.weekly_budget.setValue(settings.weekly_request_budget)
        self.best_start.setValue(settings.best_hours_start)
        self.best_end.setValue(settings.best_hours_end)
        self.working_start.setValue(settings.working_hours_start)
        self.working_end.setValue(settings.working_hours_end)
        self._on_account_type_changed()

    def values(self) -> dict[str, object]:
        """What the tab shows, keyed like `Services.update_settings`."""
        return {
            "account_type": str(self.account_type.currentData()),
            "user_time_zone": self.time_zone.currentText().strip() or None,
            "monthly_note_allowance": self.note_allowance.value(),
            "weekly_request_budget": self.weekly_budget.value(),
            "best_hours_start": self.best_start.value(),
            "best_hours_end": self.best_end.value(),
            "working_hours_start": self.working_start.value(),
            "working_hours_end": self.working_end.value(),
        }

    def changes(self) -> dict[str, object]:
        stored = self._stored.to_mapping()
        return {key: value for key, value in self.values().items() if stored[key] != value}

    def check(self) -> None:
        """Raises InvalidInput, as saving would, without saving anything."""
        self._stored.changed(**self.changes())

    def save(self) -> None:
        changes = self.changes()
        if changes:
            self._stored = self._services.update_settings(**changes)
        self.message.clear_message()

    def _on_account_type_changed(self, *_args: object) -> None:
        premium = self.account_type.currentData() == AccountType.PREMIUM.value
        settings = self._stored
        if premium:
            note = self.tr(
                "Connection notes can be up to {limit} characters, and personalised notes are not counted."
            ).format(limit=settings.note_limit_premium)
        else:
            note = self.tr(
                "Connection notes can be up to {limit} characters, and about {allowance} a month can carry a "
                "note: past that LinkedIn refuses invitations with a note (those without one still go)."
            ).format(limit=settings.note_limit_free, allowance=self.note_allowance.value())
        self.account_note.setText(note)
        # A Premium account's notes are not counted: the allowance is kept for a return to a free account.
        self.note_allowance.setEnabled(not premium)


# -- Your profile -------------------------------------------------------------------------------------------


class _ProfileTab(QWidget):
    """The own-profile checklist: what your LinkedIn profile has, checked as you type (principle 3)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._stored = profile = services.own_profile()

        self.intro = quiet(
            plain_label(
                self.tr(
                    "People look at your profile before they accept a request. Describe what your LinkedIn "
                    "profile has; it stays on this computer."
                ),
                "profileIntro",
                wrap=True,
            )
        )
        self.name = QLineEdit()
        self.name.setObjectName("profile_name")
        self.name.setAccessibleName(self.tr("Your name"))
        self.name.setPlaceholderText(self.tr("Signs your templates: {my_name}"))
        self.has_photo = QCheckBox(self.tr("My profile has a &photo of me"))
        self.has_photo.setObjectName("profile_has_photo")
        self.has_photo.setAccessibleName(self.tr("My profile has a photo of me"))
        self.headline = QLineEdit()
        self.headline.setObjectName("profile_headline")
        self.headline.setAccessibleName(self.tr("Headline"))
        self.headline.setPlaceholderText(self.tr("What you work on and for whom"))
        self.headline_count = quiet(plain_label(name="profileHeadlineCount"))
        self.has_about = QCheckBox(self.tr("My profile has an &About section"))
        self.has_about.setObjectName("profile_has_about")
        self.has_about.setAccessibleName(self.tr("My profile has an About section"))
        self.about = QPlainTextEdit()
        self.about.setObjectName("profile_about")
        self.about.setAccessibleName(self.tr("About text (optional)"))
        self.about.setPlaceholderText(self.tr("Paste your About here to have it checked too (optional)"))
        self.about.setTabChangesFocus(True)
        self.current_role = QLineEdit()
        self.current_role.setObjectName("profile_current_role")
        self.current_role.setAccessibleName(self.tr("Current role"))
        self.current_role.setPlaceholderText(self.tr("e.g. Data engineer at Analytical Engines"))
        self.current_role_description = QPlainTextEdit()
        self.current_role_description.setObjectName("profile_current_role_description")
        self.current_role_description.setAccessibleName(self.tr("Description of the current role"))
        self.current_role_description.setPlaceholderText(self.tr("What you do there, and one result"))
        self.current_role_description.setTabChangesFocus(True)
        self.past_roles = _spin_box("profile_past_roles", self.tr("Past roles"), 0, COUNT_MAX)
        self.skills_count = _spin_box("profile_skills_count", self.tr("Skills listed"), 0, COUNT_MAX)
        self.has_featured = QCheckBox(self.tr("My profile &features work or an achievement"))
        self.has_featured.setObjectName("profile_has_featured")
        self.has_featured.setAccessibleName(self.tr("My profile features work or an achievement"))
        lines = self.fontMetrics().lineSpacing()
        for edit, rows in ((self.about, 3), (self.current_role_description, 2)):
            # Heights in lines of text, not pixels, so that a larger font (or 200% scaling) keeps them readable.
            edit.setMinimumHeight(rows * lines + 2 * edit.frameWidth() + 8)
            edit.setMaximumHeight(2 * rows * lines + 2 * edit.frameWidth() + 8)

        self.completeness = QProgressBar()
        self.completeness.setObjectName("profileCompleteness")
        self.completeness.setAccessibleName(self.tr("Profile completeness"))
        self.completeness.setRange(0, 100)
        self.completeness.setTextVisible(False)  # the sentence under it says the figure and what it means
        self.completeness_text = plain_label(name="profileCompletenessText", wrap=True)
        self.checklist_model = ChecklistModel(self)
        self.checklist = QListView()
        self.checklist.setObjectName("profileChecklist")
        self.checklist.setAccessibleName(self.tr("Profile checklist"))
        self.checklist.setModel(self.checklist_model)
        self.checklist.setWordWrap(True)
        self.checklist.setUniformItemSizes(False)
        self.checklist.setSpacing(3)
        self.checklist.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checklist.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Items are re-laid out as the view narrows, so that advice wraps instead of being cut.
        self.checklist.setResizeMode(QListView.ResizeMode.Adjust)
        self.message = InlineMessage("profileError")

        headline_row = QHBoxLayout()
        headline_row.setContentsMargins(0, 0, 0, 0)
        headline_row.addWidget(self.headline, 1)
        headline_row.addWidget(self.headline_count)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Your &name"), self.name)
        form.addRow(self.tr("Photo"), self.has_photo)
        headline_label = QLabel(self.tr("&Headline"))
        headline_label.setBuddy(self.headline)
        form.addRow(headline_label, headline_row)
        form.addRow(self.tr("About"), self.has_about)
        form.addRow("", self.about)
        form.addRow(self.tr("Current &role"), self.current_role)
        form.addRow(self.tr("Role &description"), self.current_role_description)
        form.addRow(self.tr("Past r&oles"), self.past_roles)
        form.addRow(self.tr("&Skills listed"), self.skills_count)
        form.addRow(self.tr("Featured"), self.has_featured)
        form_page = QWidget()
        form_layout = QVBoxLayout(form_page)
        form_layout.addWidget(self.intro)
        form_layout.addLayout(form)
        form_layout.addWidget(self.message)
        form_layout.addStretch(1)

        summary = QVBoxLayout()
        summary.setContentsMargins(0, 0, 0, 0)
        title = plain_label(self.tr("Checklist"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        summary.addWidget(title)
        summary.addWidget(self.completeness)
        summary.addWidget(self.completeness_text)
        summary.addWidget(self.checklist, 1)
        summary_page = QWidget()
        summary_page.setLayout(summary)

        layout = QHBoxLayout(self)
        layout.addWidget(_scrolling(form_page), 3)
        layout.addWidget(summary_page, 2)

        self.load(profile)
        for line in (self.name, self.headline, self.current_role):
            line.textChanged.connect(self._on_field_changed)
        for text in (self.about, self.current_role_description):
            text.textChanged.connect(self._on_field_changed)
        for box in (self.has_photo, self.has_about, self.has_featured):
            box.toggled.connect(self._on_field_changed)
        for spin in (self.past_roles, self.skills_count):
            spin.valueChanged.connect(self._on_field_changed)
        self.about.textChanged.connect(self._on_about_text_changed)

    def load(self, profile: OwnProfile) -> None:
        self._stored = profile
        self.name.setText(profile.name or "")
        self.has_photo.setChecked(profile.has_photo)
        self.headline.setText(profile.headline)
        self.headline.setCursorPosition(0)
        self.has_about.setChecked(profile.has_about)
        self.about.setPlainText(profile.about)
        self.current_role.setText(profile.current_role)
        self.current_role_description.setPlainText(profile.current_role_description)
        self.past_roles.setValue(profile.past_roles)
        self.skills_count.setValue(profile.skills_count)
        self.has_featured.setChecked(profile.has_featured)
        self._update_checklist()

    def shown_profile(self) -> OwnProfile:
        """The profile as the form shows it now, unvalidated: what the checklist judges while the person types."""
        return OwnProfile(
            name=self.name.text().strip() or None,
            has_photo=self.has_photo.isChecked(),
            headline=self.headline.text(),
            has_about=self.has_about.isChecked(),
            about=self.about.toPlainText(),
            current_role=self.current_role.text(),
            current_role_description=self.current_role_description.toPlainText(),
            past_roles=self.past_roles.value(),
            skills_count=self.skills_count.value(),
            has_featured=self.has_featured.isChecked(),
        )

    def changes(self) -> dict[str, object]:
        shown, stored = self.shown_profile(), self._stored
        changes: dict[str, object] = {}
        for field in fields(OwnProfile):
            value = getattr(shown, field.name)
            if field.name in _TEXT_FIELDS and value.strip() == getattr(stored, field.name):
                continue  # the model trims: surrounding spaces alone are no change
            if value != getattr(stored, field.name):
                changes[field.name] = value
        return changes

    def check(self) -> None:
        changed_profile(self._stored, **self.changes())

    def save(self) -> None:
        changes = self.changes()
        if changes:
            self._stored = self._services.update_own_profile(**changes)
        self.message.clear_message()

    def _update_checklist(self) -> None:
        profile = self.shown_profile()
        self.checklist_model.set_items(checklist(profile))
        percent = completeness(profile)
        self.completeness.setValue(percent)
        warning = profile_warning(profile)
        if warning is not None:
            text = self.tr(
                "{percent}% complete — below {threshold}%, the composer will warn before connection requests"
            )
        else:
            text = self.tr("{percent}% complete — the composer will not warn before connection requests")
        self.completeness_text.setText(text.format(percent=percent, threshold=WARN_BELOW))
        self.completeness_text.setToolTip(warning or "")
        self.completeness.setAccessibleDescription(self.completeness_text.text())
        set_text_tone(self.completeness_text, "warning" if warning else "good")
        length = len(self.headline.text().strip())
        self.headline_count.setText(f"{length}/{HEADLINE_MAX}")
        self.headline_count.setAccessibleName(
            self.tr("{length} of {limit} characters").format(length=length, limit=HEADLINE_MAX)
        )

    def _on_field_changed(self, *_args: object) -> None:
        self._update_checklist()

    def _on_about_text_changed(self) -> None:
        # Pasted About text means the profile has an About section.
        if self.about.toPlainText().strip() and not self.has_about.isChecked():
            self.has_about.setChecked(True)


# -- Templates ----------------------------------------------------------------------------------------------


class _TemplatesTab(QWidget):
    """The message templates the composer offers: New, Save and Delete act at once, each a service call."""

    templates_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._current: TemplateRecord | None = None  # the template in the editor; None for a new one
        self._restoring = False

        self.model = TemplateListModel(self)
        self.view = QTreeView()
        self.view.setObjectName("templateList")
        self.view.setAccessibleName(self.tr("Templates"))
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setExpandsOnDoubleClick(False)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.new = QPushButton(self.tr("&New"))
        self.new.setObjectName("templateNew")
        self.new.setAccessibleName(self.tr("New template"))
        self.delete = QPushButton(self.tr("&Delete"))
        self.delete.setObjectName("templateDelete")
        self.delete.setAccessibleName(self.tr("Delete the selected template"))
        self.save_button = QPushButton(self.tr("&Save template"))
        self.save_button.setObjectName("templateSave")
        self.save_button.setAccessibleName(self.tr("Save the template"))

        self.heading = plain_label(name="templateHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.name = QLineEdit()
        self.name.setObjectName("templateName")
        self.name.setAccessibleName(self.tr("Template name"))
        self.name.setPlaceholderText(self.tr("How you will recognise it in the composer"))
        self.kind = QComboBox()
        self.kind.setObjectName("templateKind")
        self.kind.setAccessibleName(self.tr("Kind of message"))
        for kind in MessageKind:
            self.kind.addItem(message_kind_label(kind), kind.value)
        self.intent = QComboBox()
        self.intent.setObjectName("templateIntent")
        self.intent.setAccessibleName(self.tr("Intent the template states"))
        self.intent.addItem(self.tr("Any intent: {intent} names it"), None)
        for intent in Intent:
            self.intent.addItem(intent_label(intent), intent.value)
        self.body = QPlainTextEdit()
        self.body.setObjectName("templateBody")
        self.body.setAccessibleName(self.tr("Template text"))
        self.body.setPlaceholderText(self.tr("Hi {first_name}, your post on {recent_post} …"))
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(5 * self.fontMetrics().lineSpacing())
        self.placeholders = quiet(
            plain_label(
                self.tr("Placeholders: {names}").format(names=" ".join(f"{{{name}}}" for name in PLACEHOLDERS)),
                "templatePlaceholders",
                wrap=True,
            )
        )
        self.placeholders.setToolTip("\n".join(f"{{{name}}}: {text}" for name, text in PLACEHOLDERS.items()))
        self.placeholders.setAccessibleDescription(self.placeholders.toolTip())
        self.unknown = plain_label(name="templateUnknownPlaceholders", wrap=True)
        self.unknown.hide()
        self.message = InlineMessage("templateMessage")

        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.addRow(self.tr("Na&me"), self.name)
        self._form.addRow(self.tr("&Kind"), self.kind)
        self._form.addRow(self.tr("&Intent"), self.intent)
        # The text gets the editor's whole width, with its hints under it.
        body_label = QLabel(self.tr("&Text"))
        body_label.setBuddy(self.body)

        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new)
        list_buttons.addWidget(self.delete)
        list_buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.view, 1)
        left.addLayout(list_buttons)
        editor_buttons = QHBoxLayout()
        editor_buttons.addStretch(1)
        editor_buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addLayout(self._form)
        right.addWidget(body_label)
        right.addWidget(self.body, 1)
        right.addWidget(self.unknown)  # right under the text it is about
        right.addWidget(self.placeholders)
        right.addWidget(self.message)
        right.addLayout(editor_buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

        self._connect_signals()
        self.reload()
        first = self.model.index(0, 0, self.model.index(0, 0))
        if first.isValid():
            self.view.setCurrentIndex(first)
        else:
            self.start_new()

    def _connect_signals(self) -> None:
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.model.modelReset.connect(self._on_model_reset)
        self.new.clicked.connect(self._on_new_clicked)
        self.delete.clicked.connect(self._on_delete_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.name.textChanged.connect(self._on_editor_changed)
        self.kind.currentIndexChanged.connect(self._on_editor_changed)
        self.intent.currentIndexChanged.connect(self._on_editor_changed)
        self.body.textChanged.connect(self._on_editor_changed)

    # -- public ---------------------------------------------------------------------------------------

    def reload(self) -> None:
        self.model.set_templates(self._services.templates())

    def select(self, template_id: int) -> None:
        index = self.model.index_of(template_id)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def start_new(self) -> None:
        """An empty editor for a new template, saved by Save (or OK)."""
        self._restoring = True
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())
        self._restoring = False
        self._show(None)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def is_dirty(self) -> bool:
        _kind, name, body, intent = self._editor_values()
        current = self._current
        if current is None:
            return bool(name.strip() or body.strip())
        return (name, body, intent) != (current.name, current.body, current.intent.value if current.intent else None)

    def check(self) -> None:
        if self.is_dirty():
            clean_template(*self._editor_values())

    def save(self) -> None:
        if self.is_dirty():
            self._save_editor()

    # -- editor ---------------------------------------------------------------------------------------

    def _editor_values(self) -> tuple[str, str, str, str | None]:
        kind = str(self.kind.currentData())
        intent = self.intent.currentData() if kind == MessageKind.CONNECTION_REQUEST.value else None
        return kind, self.name.text(), self.body.toPlainText(), intent

    def _show(self, template: TemplateRecord | None) -> None:
        self._current = template
        widgets = (self.name, self.kind, self.intent, self.body)
        for widget in widgets:
            widget.blockSignals(True)
        if template is None:
            self.heading.setText(self.tr("New template"))
            self.name.clear()
            self.kind.setCurrentIndex(0)
            self.intent.setCurrentIndex(0)
            self.body.clear()
        else:
            self.heading.setText(self.tr("Template: {name}").format(name=template.name))
            self.name.setText(template.name)
            self.name.setCursorPosition(0)
            self.kind.setCurrentIndex(max(0, self.kind.findData(template.kind.value)))
            intent = template.intent
            self.intent.setCurrentIndex(0 if intent is None else max(0, self.intent.findData(intent.value)))
            self.body.setPlainText(template.body)
        for widget in widgets:
            widget.blockSignals(False)
        # A saved template keeps its kind (edit_template cannot change it): a new one is made for another kind.
        self.kind.setEnabled(template is None)
        self.kind.setToolTip(
            ""
            if template is None
            else self.tr("A saved template keeps its kind: for another kind of message, make a new template.")
        )
        self.delete.setEnabled(template is not None)
        self._update_editor()

    def _update_editor(self) -> None:
        kind, _name, body, _intent = self._editor_values()
        self._form.setRowVisible(self.intent, kind == MessageKind.CONNECTION_REQUEST.value)
        unknown = [name for name in placeholders_in(body) if name not in PLACEHOLDERS]
        if unknown:
            parts = []
            for name in unknown:
                close = difflib.get_close_matches(name, list(PLACEHOLDERS), n=1)
                parts.append(
                    self.tr("{{{name}}} (did you mean {{{close}}}?)").format(name=name, close=close[0])
                    if close
                    else f"{{{name}}}"
                )
            sentence = (
                self.tr("Unknown placeholder: {names}. It would stay in the message as typed.")
                if len(parts) == 1
                else self.tr("Unknown placeholders: {names}. They would stay in the message as typed.")
            )
            self.unknown.setText(sentence.format(names=", ".join(parts)))
            set_text_tone(self.unknown, "overdue")
        self.unknown.setVisible(bool(unknown))
        self.save_button.setEnabled(self.is_dirty())

    def _save_editor(self) -> TemplateRecord:
        """Adds or edits the template in the editor; raises OvertureError (nothing saved) when it is refused."""
        kind, name, body, intent = self._editor_values()
        current = self._current
        if current is None:
            saved = self._services.add_template(kind, name, body, intent)
        else:
            saved = self._services.edit_template(current.id, name=name, body=body, intent=intent)
        self._current = saved
        self.reload()
        self.templates_changed.emit()
        self._restoring = True
        self.select(saved.id)
        self._restoring = False
        self._show(saved)
        self.message.say(self.tr("Saved the template '{name}'.").format(name=saved.name))
        return saved

    def _ask_to_save(self) -> QMessageBox.StandardButton:
        name = self.name.text().strip() or self.tr("the new template")
        return QMessageBox.question(
            self,
            self.tr("Unsaved template"),
            self.tr("Save your changes to '{name}'?").format(name=name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    # -- slots ----------------------------------------------------------------------------------------

    def _on_view_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._restoring:
            return
        indexes = selected.indexes()
        target = self.model.template(indexes[0]) if indexes else None
        if target is None:
            return
        if self.is_dirty():
            answer = self._ask_to_save()
            saved = False
            if answer == QMessageBox.StandardButton.Save:
                try:
                    self._save_editor()
                    saved = True
                except OvertureError as error:
                    self.message.say(str(error), warning=True)
            if answer == QMessageBox.StandardButton.Cancel or (answer == QMessageBox.StandardButton.Save and not saved):
                # Back to the template being edited, its edits kept.
                self._restoring = True
                previous = self.model.index_of(self._current.id) if self._current else QModelIndex()
                if previous.isValid():
                    self.view.setCurrentIndex(previous)
                else:
                    self.view.clearSelection()
                    self.view.setCurrentIndex(QModelIndex())
                self._restoring = False
                return
            if saved:
                # The save reloaded the list: pick the template that was clicked.
                self._restoring = True
                self.select(target.id)
                self._restoring = False
        self.message.clear_message()
        self._show(target)

    def _on_model_reset(self) -> None:
        # Groups are headings, always open: a reset collapses them.
        self.view.expandAll()

    def _on_new_clicked(self) -> None:
        if self.is_dirty():
            answer = self._ask_to_save()
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                try:
                    self._save_editor()
                except OvertureError as error:
                    self.message.say(str(error), warning=True)
                    return
        self.message.clear_message()
        self.start_new()

    def _on_delete_clicked(self) -> None:
        current = self._current
        if current is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete template"),
            self.tr("Delete the template '{name}'? This cannot be undone.").format(name=current.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._services.delete_template(current.id)
        except NotFound:
            pass  # already gone: the list below catches up
        except OvertureError as error:
            self.message.say(str(error), warning=True)
            return
        group = self.model.group_index(current.kind)
        row = self.model.index_of(current.id).row()
        self._current = None
        self.reload()
        self.templates_changed.emit()
        # The next template of the same kind, else the one before it, else an empty editor.
        templates = self.model.rowCount(group)
        if templates:
            self.view.setCurrentIndex(self.model.index(min(row, templates - 1), 0, group))
        else:
            self.start_new()
        self.message.say(self.tr("Deleted the template '{name}'.").format(name=current.name))

    def _on_save_clicked(self) -> None:
        try:
            self._save_editor()
        except OvertureError as error:
            self.message.say(str(error), warning=True)

    def _on_editor_changed(self, *_args: object) -> None:
        self._update_editor()


# -- The dialog -----------------------------------------------------------------------------------------------


class PreferencesDialog(QDialog):
    """OK saves each tab through its service, after checking them all; Cancel leaves everything as stored.

    Templates are the exception: New, Save and Delete on their tab act at once (Delete after a confirmation), so
    `templates_changed` tells the window to reload the composer's list even when the dialog is then cancelled.
    """

    templates_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._services = services

        self.general = _GeneralTab(services)
        self.profile = _ProfileTab(services)
        self.templates = _TemplatesTab(services)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("preferencesTabs")
        self.tabs.addTab(_scrolling(self.general), self.tr("General"))
        self.tabs.addTab(self.profile, self.tr("Your profile"))
        self.tabs.addTab(self.templates, self.tr("Templates"))
        general_page = self.tabs.widget(0)
        assert general_page is not None  # the tab just added
        self._pages: dict[QWidget, QWidget] = {
            self.general: general_page,
            self.profile: self.profile,
            self.templates: self.templates,
        }

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("preferencesButtons")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setAccessibleName(self.tr("Save the preferences and close"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Close without saving"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.templates.templates_changed.connect(self.templates_changed)

        # Sized in text, not pixels: a larger font or 200% scaling gets a proportionally larger dialog.
        em = self.fontMetrics().averageCharWidth()
        lines = self.fontMetrics().lineSpacing()
        self.setMinimumSize(60 * em, 24 * lines)
        self.resize(max(self.sizeHint().width(), 115 * em), max(self.sizeHint().height(), 40 * lines))

    def _on_buttons_accepted(self) -> None:
        tabs: tuple[_GeneralTab | _ProfileTab | _TemplatesTab, ...] = (self.general, self.profile, self.templates)
        # Every tab is checked before anything is written, so that one refusal saves nothing at all.
        for tab in tabs:
            try:
                tab.check()
            except InvalidInput as error:
                self._refused(tab, error)
                return
        # Each tab is one service call (one transaction); one can still be refused (a template's name taken).
        for tab in tabs:
            try:
                tab.save()
            except OvertureError as error:
                self._refused(tab, error)
                return
        self.accept()

    def _refused(self, tab: _GeneralTab | _ProfileTab | _TemplatesTab, error: OvertureError) -> None:
        self.tabs.setCurrentWidget(self._pages[tab])
        tab.message.say(str(error), warning=True)
