"""The contact detail pane: who they are, the engagement log, the message history, and the composer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import QDate, QEvent, QLocale, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QColor, QDesktopServices, QFont, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.changes import ChangeRunner
from gui.composer import ComposerPanel
from gui.labels import InlineMessage, plain_label, quiet
from gui.models import engagement_list_model, fact_list_model, message_list_model
from gui.models.engagement_list_model import EngagementIdRole, EngagementListModel, engagement_kind_label
from gui.models.fact_list_model import FactIdRole, FactListModel, fact_kind_label
from gui.models.message_list_model import MessageListModel
from gui.theme import is_dark
from model.clock import Clock, system_clock
from model.errors import NotFound, OvertureError
from model.records import ContactRecord
from model.urls import is_openable
from model.vocabulary import EngagementKind, FactKind, MessageKind, Stage, Tier
from model.zones import infer_zone

if TYPE_CHECKING:
    from model.services import Services

AnyIndex = QModelIndex | QPersistentModelIndex
DateText = Callable[[datetime], str]

# One colour per stage, the same hue family a board would use; text and tint are derived for light and dark themes.
STAGE_COLOURS = {
    Stage.SPOTTED: "#6b7280",
    Stage.ENGAGING: "#2563eb",
    Stage.REQUESTED: "#b45309",
    Stage.CONNECTED: "#15803d",
    Stage.NURTURING: "#0f766e",
    Stage.PARKED: "#7c6f64",
}
# What to type for each kind of fact: the part of a sentence the composer's phrase for it is built around.
_FACT_PROMPTS = {
    FactKind.RECENT_POST: "What the post was about, e.g. open data in cities",
    FactKind.SHARED_INTEREST: "The interest, e.g. trail running",
    FactKind.MUTUAL_CONNECTION: "Who you both know, e.g. Grace Hopper",
    FactKind.EVENT: "The event, e.g. PyCon Lisbon",
    FactKind.ACHIEVEMENT: "What they did, e.g. the launch of their book",
    FactKind.OTHER: "Anything worth remembering about them",
}
TIER_LABELS = {Tier.CLOSE: "Close", Tier.REGULAR: "Regular", Tier.LOOSE: "Loose"}
# The form's fields in the order they are shown; each is one key of `Services.edit_contact`.
TEXT_FIELDS = ("name", "headline", "company", "position", "location", "profile_url", "email")
# Sorted once: the list never changes while the app runs, and ~600 names are cheap to keep.
TIME_ZONES = sorted(available_timezones())


def local_date_text(moment: datetime, zone: tzinfo | None) -> str:
    """A plain date in the user's zone (None: the computer's), named in the desktop's language: "Tue 3 Nov 2026"."""
    local = moment.astimezone(zone)
    return QLocale().toString(QDate(local.year, local.month, local.day), "ddd d MMM yyyy")


def _section_title(text: str) -> QLabel:
    label = plain_label(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class _TwoLineDelegate(QStyledItemDelegate):
    """A title with its date on the right and a quieter second line: readable at a glance in a narrow pane."""

    PADDING = 6

    def __init__(self, detail_role: int, date_role: int | None, parent: QWidget) -> None:
        super().__init__(parent)
        self._detail_role = detail_role
        self._date_role = date_role

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        lines = 2 if index.data(self._detail_role) else 1
        return QSize(120, option.fontMetrics.height() * lines + 2 * self.PADDING + (2 if lines == 2 else 0))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet_colour = text_colour if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        metrics = option.fontMetrics
        rect = option.rect.adjusted(8, self.PADDING, -8, -self.PADDING)
        line = QRect(rect.x(), rect.y(), rect.width(), metrics.height())

        date = str(index.data(self._date_role) or "") if self._date_role is not None else ""
        date_width = metrics.horizontalAdvance(date) + 12 if date else 0
        if date:
            painter.setPen(quiet_colour)
            painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, date)

        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        title_rect = line.adjusted(0, 0, -date_width, 0)
        elided = painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)

        detail = str(index.data(self._detail_role) or "")
        if detail:
            painter.setFont(option.font)
            painter.setPen(quiet_colour)
            second = line.translated(0, metrics.height() + 2)
            elided = metrics.elidedText(detail, Qt.TextElideMode.ElideRight, second.width())
            painter.drawText(second, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        painter.restore()


def _empty_hint(text: str, name: str) -> QLabel:
    """What an empty list is for and how to fill it, in its place."""
    label = quiet(plain_label(text, name))
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    label.setMargin(12)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def _record_list(name: str, accessible: str, delegate_roles: tuple[int, int | None]) -> QListView:
    view = QListView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setItemDelegate(_TwoLineDelegate(*delegate_roles, parent=view))
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setUniformItemSizes(False)
    view.setAlternatingRowColors(True)
    return view


class _Header(QWidget):
    """Name, role, stage with its age, and the way to their profile."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._url: str | None = None
        self._stage: Stage | None = None
        self.name = plain_label(name="detailName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # An unbreakable long name is clipped (its tooltip holds all of it) rather than widening the pane.
        self.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.role = quiet(plain_label(name="detailRole"))
        self.role.setWordWrap(True)
        self.role.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stage = plain_label(name="detailStage")
        self.stage.setAccessibleName(self.tr("Stage"))
        self.stage_age = quiet(plain_label(name="detailStageAge"))
        self.stage_age.setWordWrap(True)
        self.stage_age.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.open_profile = QPushButton(self.tr("Open profile"))
        self.open_profile.setObjectName("detailOpenProfile")
        self.open_profile.setAccessibleName(self.tr("Open their profile in the browser"))
        self.open_profile.clicked.connect(self._on_open_profile_clicked)

        stage_row = QHBoxLayout()
        stage_row.addWidget(self.stage)
        stage_row.addWidget(self.stage_age, 1)
        stage_row.addWidget(self.open_profile)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.name)
        layout.addWidget(self.role)
        layout.addSpacing(4)
        layout.addLayout(stage_row)

    def show_record(self, contact: ContactRecord) -> None:
        self.name.setText(contact.name)
        self.name.setToolTip(contact.name)
        role = self.tr("{position} at {company}").format(position=contact.position, company=contact.company)
        if not (contact.position and contact.company):
            role = contact.position or contact.company
        lines = [line for line in (role, contact.headline if contact.headline != role else "") if line]
        self.role.setText("\n".join(lines))
        self.role.setVisible(bool(lines))

        stage = contact.stage.label
        if contact.stage is Stage.PARKED and contact.parked_from is not None:
            stage = self.tr("Parked from {stage}").format(stage=contact.parked_from.label)
        self.stage.setText(stage)
        self._paint_stage(contact.stage)
        days = max(0, (self._clock() - contact.stage_entered_at).days)
        if days == 0:
            age = self.tr("since today")
        elif days == 1:
            age = self.tr("1 day in stage")
        else:
            age = self.tr("{days} days in stage").format(days=days)
        self.stage_age.setText(f"{age} · {contact.stage_reason}" if contact.stage_reason else age)
        self.stage_age.setToolTip(contact.stage_reason)

        self._url = contact.profile_url if contact.profile_url and is_openable(contact.profile_url) else None
        self.open_profile.setVisible(self._url is not None)
        self.open_profile.setToolTip(self._url or "")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._stage is not None:
            self._paint_stage(self._stage)  # the system turned dark or light: the pill's colours follow

    def _paint_stage(self, stage: Stage) -> None:
        self._stage = stage
        colour = QColor(STAGE_COLOURS[stage])
        text = colour.lighter(170) if is_dark(self.palette()) else colour.darker(115)
        self.stage.setStyleSheet(
            "QLabel { border-radius: 9px; padding: 2px 9px; font-weight: 600;"
            f" background: rgba({colour.red()}, {colour.green()}, {colour.blue()}, 46);"
            f" color: {text.name()}; }}"
        )

    def _on_open_profile_clicked(self) -> None:
        # Checked again at the moment of opening: only http(s) links are ever handed to the browser.
        if self._url is not None and is_openable(self._url):
            QDesktopServices.openUrl(QUrl(self._url))


class _ContactForm(QWidget):
    """The contact's editable fields, saved as one undoable change; errors are shown beside the form."""

    def __init__(self, services: Services, runner: ChangeRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._contact: ContactRecord | None = None

        labels = {
            "name": self.tr("Name"),
            "headline": self.tr("Headline"),
            "company": self.tr("Company"),
            "position": self.tr("Position"),
            "location": self.tr("Location"),
            "profile_url": self.tr("Profile URL"),
            "email": self.tr("Email"),
        }
        self.lines: dict[str, QLineEdit] = {}
        for key in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"field_{key}")
            edit.setAccessibleName(labels[key])
            self.lines[key] = edit
        self.lines["name"].setPlaceholderText(self.tr("Required"))
        self.lines["profile_url"].setPlaceholderText("https://www.linkedin.com/in/…")
        self.lines["email"].setPlaceholderText(self.tr("Optional"))

        self.time_zone = QComboBox()
        self.time_zone.setObjectName("field_time_zone")
        self.time_zone.setAccessibleName(self.tr("Time zone"))
        self.time_zone.setEditable(True)
        self.time_zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.time_zone.addItem("")
        self.time_zone.addItems(TIME_ZONES)
        self.time_zone.setMaxVisibleItems(15)
        zone_edit = self.time_zone.lineEdit()
        assert zone_edit is not None  # an editable combo box always has its line edit
        zone_edit.setPlaceholderText(self.tr("Type a city, e.g. Berlin"))
        completer = QCompleter(TIME_ZONES, self.time_zone)
        completer.setObjectName("timeZoneCompleter")
        # "berlin" finds Europe/Berlin: people know the city, not the region prefix.
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.time_zone.setCompleter(completer)
        self.time_zone_note = quiet(plain_label(self.tr("Inferred from the location: check it."), "timeZoneNote"))
        self.time_zone_note.setWordWrap(True)
        # When the location fits several zones (DOMAIN.md: "otherwise ask"), the candidates are one click away.
        self.zone_choices = QComboBox()
        self.zone_choices.setObjectName("timeZoneChoices")
        self.zone_choices.setAccessibleName(self.tr("Time zones that fit the location"))
        self.zone_choices.setPlaceholderText(self.tr("Pick a time zone…"))
        self.zone_choices.hide()

        self.tier = QComboBox()
        self.tier.setObjectName("field_tier")
        self.tier.setAccessibleName(self.tr("Tier"))
        self.tier.setToolTip(self.tr("How close you keep in touch: close every month, regular every quarter"))
        for tier in Tier:
            self.tier.addItem(self.tr(TIER_LABELS[tier]), tier.value)
        self.tags = QLineEdit()
        self.tags.setObjectName("field_tags")
        self.tags.setAccessibleName(self.tr("Tags"))
        self.tags.setPlaceholderText(self.tr("Comma separated, e.g. python, berlin"))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("field_notes")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(70)
        self.notes.setMaximumHeight(130)

        self.error = InlineMessage("detailError")
        self.save = QPushButton(self.tr("Save"))
        self.save.setObjectName("detailSave")
        self.save.setAccessibleName(self.tr("Save the contact's details"))
        self.revert = QPushButton(self.tr("Revert"))
        self.revert.setObjectName("detailRevert")
        self.revert.setAccessibleName(self.tr("Undo the edits not saved yet"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key in TEXT_FIELDS:
            form.addRow(labels[key], self.lines[key])
        form.addRow(self.tr("Time zone"), self.time_zone)
        form.addRow("", self.time_zone_note)
        form.addRow("", self.zone_choices)
        form.addRow(self.tr("Tier"), self.tier)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("Notes"), self.notes)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

        for edit in self.lines.values():
            edit.textChanged.connect(self._on_field_changed)
            edit.returnPressed.connect(self._on_save_clicked)
        self.tags.textChanged.connect(self._on_field_changed)
        self.tags.returnPressed.connect(self._on_save_clicked)
        self.time_zone.currentTextChanged.connect(self._on_field_changed)
        self.zone_choices.activated.connect(self._on_zone_choices_activated)
        self.tier.currentIndexChanged.connect(self._on_field_changed)
        self.notes.textChanged.connect(self._on_field_changed)
        self.save.clicked.connect(self._on_save_clicked)
        self.revert.clicked.connect(self._on_revert_clicked)

    def show_record(self, contact: ContactRecord | None, *, same_contact: bool) -> None:
        """Load `contact`; on a reload of the same contact, fields being edited keep the person's edits."""
        previous = self._contact
        self._contact = contact
        if contact is None:
            self._fill(_blank_values())
        elif same_contact and previous is not None:
            before, after, shown = _record_values(previous), _record_values(contact), self.values()
            self._fill({key: after[key] if shown[key] == before[key] else shown[key] for key in after})
        else:
            self.error.clear_message()
            self._fill(_record_values(contact))
        self._update_state()

    def values(self) -> dict[str, str]:
        """What the form shows, as text, keyed like `Services.edit_contact`."""
        shown = {key: edit.text() for key, edit in self.lines.items()}
        shown["time_zone"] = self.time_zone.currentText()
        shown["tier"] = str(self.tier.currentData())
        shown["tags"] = self.tags.text()
        shown["notes"] = self.notes.toPlainText()
        return shown

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the stored contact, converted to what the services take."""
        if self._contact is None:
            return {}
        stored, shown = _record_values(self._contact), self.values()
        changes: dict[str, Any] = {}
        for key, text in shown.items():
            if text == stored[key]:
                continue
            if key in ("profile_url", "time_zone"):
                changes[key] = text.strip() or None
            elif key == "tags":
                changes[key] = tuple(tag.strip() for tag in text.split(",") if tag.strip())
            elif key == "tier":
                changes[key] = Tier(text)
            else:
                changes[key] = text
        if "time_zone" in changes:
            # A zone the person chose is no longer a guess from the location.
            changes["time_zone_inferred"] = False
        return changes

    def _fill(self, values: dict[str, str]) -> None:
        for key, edit in self.lines.items():
            if edit.text() != values[key]:
                edit.setText(values[key])
                edit.setCursorPosition(0)  # the start of a long headline says more than its end
        if self.time_zone.currentText() != values["time_zone"]:
            self.time_zone.setCurrentText(values["time_zone"])
        self.tier.setCurrentIndex(max(0, self.tier.findData(values["tier"])))
        if self.tags.text() != values["tags"]:
            self.tags.setText(values["tags"])
        if self.notes.toPlainText() != values["notes"]:
            self.notes.setPlainText(values["notes"])

    def _update_state(self) -> None:
        contact = self._contact
        dirty = contact is not None and self.values() != _record_values(contact)
        self.save.setEnabled(dirty)
        self.revert.setEnabled(dirty)
        self._update_zone_note()

    def _update_zone_note(self) -> None:
        """Say where the zone comes from: inferred from the location (and what saving will infer), or ask."""
        contact = self._contact
        location = self.lines["location"].text().strip()
        zone = self.time_zone.currentText().strip()
        stored_zone = (contact.time_zone or "") if contact else ""
        still_inferred = contact is not None and contact.time_zone_inferred and zone == stored_zone
        note = ""
        candidates: tuple[str, ...] = ()
        if contact is not None and location and (not zone or still_inferred):
            guess = infer_zone(location)
            if guess.zone is None:
                note, candidates = guess.reason, guess.candidates
            elif guess.zone == zone:
                note = self.tr("Inferred from the location: check it.")
            else:
                note = self.tr("Saving will set {zone}, inferred from the location.").format(zone=guess.zone)
        elif still_inferred:
            note = self.tr("Inferred from the location: check it.")
        self.time_zone_note.setText(note)
        self.time_zone_note.setVisible(bool(note))
        if tuple(self.zone_choices.itemText(i) for i in range(self.zone_choices.count())) != candidates:
            self.zone_choices.clear()
            self.zone_choices.addItems(candidates)
            self.zone_choices.setCurrentIndex(-1)
        self.zone_choices.setVisible(bool(candidates))

    def _on_field_changed(self, *_args: object) -> None:
        self._update_state()

    def _on_zone_choices_activated(self, index: int) -> None:
        self.time_zone.setCurrentText(self.zone_choices.itemText(index))

    def _on_save_clicked(self) -> None:
        contact = self._contact
        if contact is None:
            return
        changes = self.changes()
        if not changes:
            return
        services, contact_id = self._services, contact.id
        try:
            self._runner.run(
                self.tr("Edit {name}").format(name=contact.name),
                contact_id,
                lambda: services.edit_contact(contact_id, **changes),
            )
        except OvertureError as error:
            # Nothing was saved; the form keeps every edit so that only the problem needs fixing.
            self.error.say(str(error), warning=True)
            return
        self.error.clear_message()
        try:
            self._contact = services.contact(contact_id)
        except NotFound:
            return
        # Show what was stored: the services normalise (trimmed text, canonical profile URL, sorted tags).
        self._fill(_record_values(self._contact))
        self._update_state()

    def _on_revert_clicked(self) -> None:
        if self._contact is not None:
            self._fill(_record_values(self._contact))
        self.error.clear_message()
        self._update_state()


def _record_values(contact: ContactRecord) -> dict[str, str]:
    values = {key: str(getattr(contact, key) or "") for key in TEXT_FIELDS}
    values["time_zone"] = contact.time_zone or ""
    values["tier"] = contact.tier.value
    values["tags"] = ", ".join(contact.tags)
    values["notes"] = contact.notes
    return values


def _blank_values() -> dict[str, str]:
    values = dict.fromkeys((*TEXT_FIELDS, "time_zone", "tags", "notes"), "")
    values["tier"] = Tier.REGULAR.value
    return values


class _FactsSection(QWidget):
    """What their profile says that a note can mention: a recent post, a shared interest, a mutual contact."""

    def __init__(
        self, services: Services, runner: ChangeRunner, date_text: DateText, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._contact: ContactRecord | None = None
        self.model = FactListModel(date_text, self)
        self.view = _record_list("factList", self.tr("Profile facts"), (fact_list_model.DetailRole, None))
        self.view.setModel(self.model)
        self.empty = _empty_hint(
            self.tr(
                "Note what you learn from their profile: a recent post, a shared interest, a mutual contact. "
                "Specific facts are what make a note personal."
            ),
            "factEmpty",
        )

        self.kind = QComboBox()
        self.kind.setObjectName("factKind")
        self.kind.setAccessibleName(self.tr("Kind of fact"))
        for kind in FactKind:
            self.kind.addItem(fact_kind_label(kind), kind.value)
        self.text = QLineEdit()
        self.text.setObjectName("factText")
        self.text.setAccessibleName(self.tr("Fact"))
        self._on_kind_changed()
        self.url = QLineEdit()
        self.url.setObjectName("factUrl")
        self.url.setAccessibleName(self.tr("Link to the fact"))
        self.url.setPlaceholderText(self.tr("Link (optional)"))
        self.add = QPushButton(self.tr("Add fact"))
        self.add.setObjectName("factAdd")
        self.add.setAccessibleName(self.tr("Add the fact"))
        self.delete = QPushButton(self.tr("Delete"))
        self.delete.setObjectName("factDelete")
        self.delete.setAccessibleName(self.tr("Delete the selected fact"))
        self.message = InlineMessage("factError")
        delete_key = QAction(self.tr("Delete fact"), self.view)
        delete_key.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(delete_key)

        first = QHBoxLayout()
        first.addWidget(self.kind)
        first.addWidget(self.text, 1)
        second = QHBoxLayout()
        second.addWidget(self.url, 1)
        second.addWidget(self.add)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.message)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)

        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.add.clicked.connect(self._on_add_clicked)
        self.text.returnPressed.connect(self._on_add_clicked)
        self.url.returnPressed.connect(self._on_add_clicked)
        self.delete.clicked.connect(self._on_delete_clicked)
        delete_key.triggered.connect(self._on_delete_clicked)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)

    def _on_kind_changed(self) -> None:
        # The composer builds a phrase around the text ("Your recent post on … got me thinking."): ask for the part
        # that fits, so that clicking the fact there inserts a sentence that reads well.
        kind = FactKind(self.kind.currentData())
        self.text.setPlaceholderText(self.tr(_FACT_PROMPTS[kind]))

    def show_record(self, contact: ContactRecord | None, *, same_contact: bool) -> None:
        self._contact = contact
        self.model.set_facts(contact.facts if contact else ())
        self.view.setVisible(bool(contact and contact.facts))
        self.empty.setVisible(not (contact and contact.facts))
        self.delete.setVisible(bool(contact and contact.facts))
        if not same_contact:
            self.text.clear()
            self.url.clear()
            self.message.clear_message()
        self.delete.setEnabled(False)

    def _on_add_clicked(self) -> None:
        contact = self._contact
        if contact is None:
            return
        kind, text, url = FactKind(self.kind.currentData()), self.text.text(), self.url.text()
        services, contact_id = self._services, contact.id
        try:
            self._runner.run(
                self.tr("Add a fact about {name}").format(name=contact.name),
                contact_id,
                lambda: services.add_fact(contact_id, kind, text, url or None),
            )
        except OvertureError as error:
            self.message.say(str(error), warning=True)
            return
        self.message.clear_message()
        self.text.clear()
        self.url.clear()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_delete_clicked(self) -> None:
        contact, fact_id = self._contact, self.view.currentIndex().data(FactIdRole)
        if contact is None or not self.view.selectionModel().hasSelection() or fact_id is None:
            return
        services = self._services
        try:
            self._runner.run(
                self.tr("Delete a fact about {name}").format(name=contact.name),
                contact.id,
                lambda: services.delete_fact(int(fact_id)),
            )
        except OvertureError as error:
            self.message.say(str(error), warning=True)

    def _on_view_selection_changed(self, *_args: object) -> None:
        self.delete.setEnabled(self.view.selectionModel().hasSelection())


class _EngagementLog(QWidget):
    """Likes, comments and shares on their content, logged in two keystrokes (engage before you connect)."""

    def __init__(
        self, services: Services, runner: ChangeRunner, date_text: DateText, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._contact: ContactRecord | None = None
        self.model = EngagementListModel(date_text, self)
        self.view = _record_list(
            "engagementLog",
            self.tr("Engagement log"),
            (engagement_list_model.DetailRole, engagement_list_model.DateTextRole),
        )
        self.view.setModel(self.model)
        self.title = _section_title(self.tr("Engagement log"))
        self.title.setObjectName("engagementTitle")

        self.target = QLineEdit()
        self.target.setObjectName("engagementTarget")
        self.target.setAccessibleName(self.tr("What you engaged with"))
        self.target.setPlaceholderText(self.tr("On what? e.g. their post on open data (optional)"))
        self.target.setClearButtonEnabled(True)
        self.like = QPushButton(self.tr("Like"))
        self.like.setObjectName("engagementLike")
        self.comment_button = QPushButton(self.tr("Comment"))
        self.comment_button.setObjectName("engagementCommentButton")
        self.share = QPushButton(self.tr("Share"))
        self.share.setObjectName("engagementShare")
        self.more = QToolButton()
        self.more.setObjectName("engagementMore")
        self.more.setText(self.tr("More"))
        self.more.setAccessibleName(self.tr("Log another kind of engagement"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more)
        for kind in (EngagementKind.REPLY, EngagementKind.ENDORSEMENT, EngagementKind.OTHER):
            action = menu.addAction(engagement_kind_label(kind))
            action.triggered.connect(lambda _checked=False, k=kind: self.log(k))
        self.more.setMenu(menu)
        self.comment = QLineEdit()
        self.comment.setObjectName("engagementComment")
        self.comment.setAccessibleName(self.tr("Your comment"))
        self.comment.setPlaceholderText(self.tr("Your comment: Enter logs it"))
        self.delete = QPushButton(self.tr("Delete"))
        self.delete.setObjectName("engagementDelete")
        self.delete.setAccessibleName(self.tr("Delete the selected engagement"))
        self.message = InlineMessage("engagementMessage")
        self.empty = _empty_hint(
            self.tr(
                "Engage with their content first: like, comment on or share a post, then log it here. "
                "Ctrl+1 logs a like, Ctrl+2 a comment, Ctrl+3 a share."
            ),
            "engagementEmpty",
        )
        delete_key = QAction(self.tr("Delete engagement"), self.view)
        delete_key.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(delete_key)

        quick = QHBoxLayout()
        for button in (self.like, self.comment_button, self.share):
            quick.addWidget(button)
        quick.addWidget(self.more)
        quick.addStretch(1)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.target)
        layout.addLayout(quick)
        layout.addWidget(self.comment)
        layout.addWidget(self.message)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)

        self.comment.returnPressed.connect(self._on_comment_return_pressed)
        self.delete.clicked.connect(self._on_delete_clicked)
        delete_key.triggered.connect(self._on_delete_clicked)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)

    def show_record(self, contact: ContactRecord | None, *, same_contact: bool) -> None:
        self._contact = contact
        self.model.set_engagements(contact.engagements if contact else ())
        count = len(contact.engagements) if contact else 0
        self.view.setVisible(count > 0)
        self.empty.setVisible(count == 0)
        self.delete.setVisible(count > 0)
        title = self.tr("Engagement log ({count})").format(count=count) if count else self.tr("Engagement log")
        self.title.setText(title)
        if not same_contact:
            # The target stays while the same person is shown: a like and a comment are often on one post.
            self.target.clear()
            self.comment.clear()
            self.message.clear_message()
        self.delete.setEnabled(False)

    def log(self, kind: EngagementKind, comment: str = "") -> bool:
        contact = self._contact
        if contact is None:
            return False
        services, contact_id, target = self._services, contact.id, self.target.text()
        label = self.tr("Log a {kind} for {name}").format(kind=engagement_kind_label(kind).lower(), name=contact.name)
        try:
            self._runner.run(label, contact_id, lambda: services.log_engagement(contact_id, kind, target, comment))
        except OvertureError as error:
            self.message.say(str(error), warning=True)
            return False
        said = self.tr("Logged a {kind}.").format(kind=engagement_kind_label(kind).lower())
        try:
            stage = services.contact(contact_id).stage
        except NotFound:
            return True
        if stage is not contact.stage:
            said += " " + self.tr("{name} is now in {stage}.").format(name=contact.name, stage=stage.label)
        self.message.say(said)
        return True

    def comment_or_focus(self) -> None:
        """Log the comment typed, or put the cursor in the comment box for one."""
        if self.comment.text().strip():
            self._on_comment_return_pressed()
        else:
            self.comment.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_comment_return_pressed(self) -> None:
        if self.log(EngagementKind.COMMENT, self.comment.text()):
            self.comment.clear()

    def _on_delete_clicked(self) -> None:
        contact, engagement_id = self._contact, self.view.currentIndex().data(EngagementIdRole)
        if contact is None or not self.view.selectionModel().hasSelection() or engagement_id is None:
            return
        services = self._services
        try:
            self._runner.run(
                self.tr("Delete an engagement with {name}").format(name=contact.name),
                contact.id,
                lambda: services.delete_engagement(int(engagement_id)),
            )
        except OvertureError as error:
            self.message.say(str(error), warning=True)
            return
        self.message.clear_message()

    def _on_view_selection_changed(self, *_args: object) -> None:
        self.delete.setEnabled(self.view.selectionModel().hasSelection())


class _FittingTabs(QTabWidget):
    """Asks only for its minimum height: in a scroll area the pane then fills the height it is given and its
    lists share it, instead of the whole pane growing to every list's preferred height and scrolling."""

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint().expandedTo(QSize(super().sizeHint().width(), 0))


class ContactDetail(QWidget):
    """The right-hand pane: one contact at a time, reloaded from the services after every change to them."""

    def __init__(
        self,
        services: Services,
        runner: ChangeRunner,
        parent: QWidget | None = None,
        *,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactDetail")
        self._services = services
        self._runner = runner
        self._contact: ContactRecord | None = None
        self._zone: tzinfo | None = None

        self._hint = quiet(
            plain_label(
                self.tr(
                    "Select a contact to see their details, log how you engaged with their content and write to them."
                ),
                "detailHint",
            )
        )
        self._hint.setWordWrap(True)
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self._header = _Header(clock)
        self._log = _EngagementLog(services, runner, self._date_text)
        self._messages = MessageListModel(self._date_text, self)
        self._message_view = _record_list(
            "messageHistory",
            self.tr("Message history"),
            (message_list_model.DetailRole, message_list_model.DateTextRole),
        )
        self._message_view.setModel(self._messages)
        self._no_messages = quiet(plain_label(self.tr("No messages yet."), "messageEmpty"))
        self._facts = _FactsSection(services, runner, self._date_text)
        self._form = _ContactForm(services, runner)
        self.composer = ComposerPanel(services, runner, clock=clock)

        self._actions = {
            EngagementKind.LIKE: self._shortcut(self.tr("Log a like"), "Ctrl+1"),
            EngagementKind.COMMENT: self._shortcut(self.tr("Log a comment"), "Ctrl+2"),
            EngagementKind.SHARE: self._shortcut(self.tr("Log a share"), "Ctrl+3"),
        }
        for kind, button in (
            (EngagementKind.LIKE, self._log.like),
            (EngagementKind.COMMENT, self._log.comment_button),
            (EngagementKind.SHARE, self._log.share),
        ):
            shortcut = self._actions[kind].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{self._actions[kind].text()} ({shortcut})")
            button.setAccessibleName(self._actions[kind].text())

        self._build_layout()
        self._connect_signals()
        self.show_contact(None)

    def _shortcut(self, text: str, keys: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        # Only while the pane (or anything in it) has the focus: the window may use the same keys elsewhere.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _build_layout(self) -> None:
        activity = QWidget()
        activity_layout = QVBoxLayout(activity)
        activity_layout.addWidget(self._log, 3)
        activity_layout.addSpacing(6)
        activity_layout.addWidget(_section_title(self.tr("Messages")))
        activity_layout.addWidget(self._no_messages)
        activity_layout.addWidget(self._message_view, 2)

        compose = QWidget()
        compose_layout = QVBoxLayout(compose)
        compose_layout.setContentsMargins(6, 6, 6, 6)
        compose_layout.addWidget(self.composer, 1)

        self._tabs = _FittingTabs()
        self._tabs.setObjectName("detailTabs")
        self._tabs.setDocumentMode(True)
        self._tabs.addTab(activity, self.tr("Activity"))
        # The composer has a tab of its own: a note is written with the findings, specifics and timing in view.
        self._tabs.addTab(compose, self.tr("Write"))
        self._compose_page = compose
        self._tabs.addTab(self._facts, self.tr("Facts"))
        # The form is the tallest tab: it scrolls rather than making the whole pane tall.
        form_scroll = QScrollArea()
        form_scroll.setWidget(self._form)
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._tabs.addTab(form_scroll, self.tr("Details"))

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self._header)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        content_layout.addWidget(line)
        content_layout.addWidget(self._tabs, 1)

        self._pages = QStackedWidget()
        self._pages.addWidget(self._hint)
        self._pages.addWidget(content)
        self._content = content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self._pages)

    def _connect_signals(self) -> None:
        self._runner.contact_changed.connect(self._on_runner_contact_changed)
        self._actions[EngagementKind.LIKE].triggered.connect(self._on_like_action_triggered)
        self._actions[EngagementKind.COMMENT].triggered.connect(self._on_comment_action_triggered)
        self._actions[EngagementKind.SHARE].triggered.connect(self._on_share_action_triggered)
        self._log.like.clicked.connect(self._on_like_action_triggered)
        self._log.comment_button.clicked.connect(self._on_comment_action_triggered)
        self._log.share.clicked.connect(self._on_share_action_triggered)

    # -- public ---------------------------------------------------------------------------------------

    @property
    def contact_id(self) -> int | None:
        return self._contact.id if self._contact else None

    def compose(self, kind: MessageKind) -> None:
        """Bring the Write tab forward with the composer on `kind` (a nudge's "Do it": write the thank-you)."""
        self._tabs.setCurrentWidget(self._compose_page)
        self.composer.start(kind)

    def show_contact(self, contact_id: int | None) -> None:
        """Show the contact with `contact_id` as the services have it now; None (or a deleted one) shows a hint."""
        contact = None
        if contact_id is not None:
            try:
                contact = self._services.contact(contact_id)
            except NotFound:
                contact = None
        same = contact is not None and self._contact is not None and contact.id == self._contact.id
        self._contact = contact
        if contact is not None:
            self._zone = self._user_zone()
        self._pages.setCurrentWidget(self._content if contact else self._hint)
        if contact is not None:
            self._header.show_record(contact)
        self._log.show_record(contact, same_contact=same)
        self._messages.set_messages(contact.messages if contact else ())
        has_messages = bool(contact and contact.messages)
        self._message_view.setVisible(has_messages)
        self._no_messages.setVisible(not has_messages)
        self._facts.show_record(contact, same_contact=same)
        self._form.show_record(contact, same_contact=same)
        self.composer.show_contact(contact)
        for action in self._actions.values():
            action.setEnabled(contact is not None)

    # -- slots ----------------------------------------------------------------------------------------

    def _on_runner_contact_changed(self, contact_id: int) -> None:
        if self._contact is not None and contact_id == self._contact.id:
            self.show_contact(contact_id)

    def _on_like_action_triggered(self) -> None:
        self._log.log(EngagementKind.LIKE)

    def _on_comment_action_triggered(self) -> None:
        self._tabs.setCurrentIndex(0)
        self._log.comment_or_focus()

    def _on_share_action_triggered(self) -> None:
        self._log.log(EngagementKind.SHARE)

    # -- helpers --------------------------------------------------------------------------------------

    def _user_zone(self) -> tzinfo | None:
        name = self._services.settings().user_time_zone
        return ZoneInfo(name) if name else None

    def _date_text(self, moment: datetime) -> str:
        return local_date_text(moment, self._zone)
