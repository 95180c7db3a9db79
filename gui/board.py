"""The pipeline board: a column of cards per stage; dragging a card between columns asks for a stage move."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QHideEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.card_delegate import CardDelegate, CardMetrics, blend, panel_color, secondary_text, severity_color
from gui.models.stage_column_model import StageColumnModel
from gui.theme import Tone, set_text_tone
from model.directory import ContactRow, Listing
from model.nudges import Nudge, Severity
from model.vocabulary import PIPELINE, Stage

# Long enough to read a two-line reason twice; short enough not to linger over the next drag.
_LEGEND_TONES: dict[Severity, Tone] = {Severity.OVERDUE: "overdue", Severity.WARNING: "warning", Severity.DUE: "due"}

REFUSAL_SECONDS = 8

STAGE_HINTS = {
    Stage.SPOTTED: "People you would like to know. Their first logged engagement moves them on.",
    Stage.ENGAGING: "Like, comment and share their posts before asking to connect.",
    Stage.REQUESTED: "Connection requests waiting for an answer.",
    Stage.CONNECTED: "New connections: thank them within a day or two.",
    Stage.NURTURING: "Relationships you keep warm, at each one's pace.",
    Stage.PARKED: "Relationships on hold, each with the reason you parked it.",
}


class _ColumnView(QListView):
    """A stage's cards; highlights itself under a drag, explains an empty column, and lets the keyboard through."""

    card_activated = Signal(QModelIndex)
    neighbour_requested = Signal(int)  # -1: the column on the left, +1: on the right
    card_menu_requested = Signal(QModelIndex, QPoint)

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hint = hint
        self._drop_hover = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            # Handled here rather than through `activated`, which macOS emits on Cmd+O and some desktops on one click.
            self.card_activated.emit(self.currentIndex())
            event.accept()
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and modifiers == Qt.KeyboardModifier.NoModifier:
            self.neighbour_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            index = self.currentIndex()
            where = self.visualRect(index).center() if index.isValid() else QPoint()
        else:
            where = event.pos()
            index = self.indexAt(where)
        if index.isValid():
            self.card_menu_requested.emit(index, self.viewport().mapToGlobal(where))
            event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        super().dragEnterEvent(event)
        self._set_drop_hover(event.isAccepted())

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        self._set_drop_hover(event.isAccepted())

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        super().dragLeaveEvent(event)
        self._set_drop_hover(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_hover(False)
        super().dropEvent(event)

    def _set_drop_hover(self, hover: bool) -> None:
        if hover != self._drop_hover:
            self._drop_hover = hover
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        empty = model is not None and model.rowCount() == 0
        if not empty and not self._drop_hover:
            return
        painter = QPainter(self.viewport())
        try:
            palette = self.palette()
            area = self.viewport().rect()
            if empty:
                margin = self.fontMetrics().height()
                painter.setPen(secondary_text(palette))
                painter.drawText(
                    area.adjusted(margin, margin, -margin, -margin),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                    self._hint,
                )
            if self._drop_hover:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                highlight = palette.color(QPalette.ColorRole.Highlight)
                painter.setPen(QPen(highlight, 2))
                fill = QColor(highlight)
                fill.setAlphaF(0.08)
                painter.setBrush(fill)
                radius = self.fontMetrics().height() / 3
                painter.drawRoundedRect(QRectF(area).adjusted(1, 1, -1, -1), radius, radius)
        finally:
            painter.end()


class _StageColumn(QFrame):
    """A header "Stage (count)" over the stage's cards, on a tinted panel."""

    def __init__(self, stage: Stage, mover: Callable[[int, Stage], str | None], delegate: CardDelegate) -> None:
        super().__init__()
        self.stage = stage
        self.setObjectName(f"boardPanel_{stage.value}")
        self.model = StageColumnModel(stage, mover, self)
        self.header = QLabel()
        self.header.setObjectName(f"boardHeader_{stage.value}")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        hint = self.tr(STAGE_HINTS[stage])
        self.header.setToolTip(hint)
        font = QFont(self.header.font())
        font.setBold(True)
        self.header.setFont(font)

        self.view = _ColumnView(hint)
        self.view.setObjectName(f"boardColumn_{stage.value}")
        self.view.setAccessibleName(self.tr("{stage} column").format(stage=stage.label))
        self.view.setModel(self.model)
        self.view.setItemDelegate(delegate)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        # A line between two cards would promise an order; the whole column lights up instead (see _ColumnView).
        self.view.setDropIndicatorShown(False)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalScrollBar().setSingleStep(self.view.fontMetrics().height() * 2)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.viewport().setAutoFillBackground(False)  # cards sit on the column's panel
        self.view.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.view.setMinimumWidth(CardMetrics(self.view.font()).min_width + 2 * self.view.fontMetrics().height())
        self.header.setBuddy(self.view)

        layout = QVBoxLayout(self)
        spacing = self.fontMetrics().height() // 2
        layout.setContentsMargins(spacing // 2, spacing, spacing // 2, spacing // 2)
        layout.setSpacing(spacing // 2)
        header_row = QHBoxLayout()
        header_row.setContentsMargins(spacing, 0, spacing, 0)
        header_row.addWidget(self.header)
        layout.addLayout(header_row)
        layout.addWidget(self.view)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.update_header()

    def update_header(self) -> None:
        count = self.model.total()
        self.header.setText(self.tr("{stage} ({count})").format(stage=self.stage.label, count=f"{count:,}"))
        self.view.setAccessibleDescription(self.tr("{count} contacts").format(count=f"{count:,}"))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            palette = self.palette()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(panel_color(palette))
            radius = self.fontMetrics().height() / 2
            painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        finally:
            painter.end()


class _RefusalBanner(QFrame):
    """Says inline why a move was refused, without a dialog in the way; dismissable, and gone after a few seconds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moveRefusalBanner")
        self.text = QLabel()
        # The reason itself carries the well-known name: a QLabel is a QFrame, so either lookup finds it.
        self.text.setObjectName("moveRefusal")
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # reasons quote names the user typed
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        icon = QLabel()
        size = self.fontMetrics().height()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.dismiss = QToolButton()
        self.dismiss.setObjectName("moveRefusalDismiss")
        self.dismiss.setAutoRaise(True)
        self.dismiss.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.dismiss.setToolTip(self.tr("Dismiss"))
        self.dismiss.setAccessibleName(self.tr("Dismiss"))
        layout = QHBoxLayout(self)
        margin = self.fontMetrics().height() // 2
        layout.setContentsMargins(margin * 2, margin, margin, margin)
        layout.setSpacing(margin)
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFUSAL_SECONDS * 1000)
        self.timer.timeout.connect(self.hide)
        self.dismiss.clicked.connect(self.hide)
        self.hide()

    def show_reason(self, reason: str) -> None:
        self.text.setText(reason)
        self.text.setAccessibleName(reason)
        self.show()
        self.timer.start()
        # A banner that appears where nobody's focus is goes unnoticed by a screen reader unless announced.
        QAccessible.updateAccessibility(QAccessibleEvent(self.text, QAccessible.Event.Alert))

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            palette = self.palette()
            amber = severity_color(palette, Severity.WARNING)
            painter.setPen(QPen(amber, 1))
            painter.setBrush(blend(palette.color(QPalette.ColorRole.Window), amber, 0.14))
            radius = self.fontMetrics().height() / 3
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        finally:
            painter.end()


class PipelineBoard(QWidget):
    """Spotted to Nurturing side by side, Parked one click away; a drop or a "Move to" asks the mover."""

    contact_selected = Signal(int)
    contact_activated = Signal(int)
    parked_visibility_changed = Signal(bool)  # the "Parked (N)" button was toggled; a window action can follow it

    def __init__(self, mover: Callable[[int, Stage], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipelineBoard")
        self._delegate = CardDelegate(self)
        self._columns = {stage: _StageColumn(stage, mover, self._delegate) for stage in (*PIPELINE, Stage.PARKED)}
        self._current: int | None = None

        self._banner = _RefusalBanner()
        self._parked_toggle = QToolButton()
        self._parked_toggle.setObjectName("parkedToggle")
        self._parked_toggle.setCheckable(True)
        self._parked_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._parked_toggle.setToolTip(self.tr(STAGE_HINTS[Stage.PARKED]))
        self._columns[Stage.PARKED].hide()

        self._legend = QHBoxLayout()
        for severity, label in (
            (Severity.OVERDUE, self.tr("Overdue")),
            (Severity.WARNING, self.tr("Warning")),
            (Severity.DUE, self.tr("Due")),
        ):
            self._legend.addWidget(self._legend_label(severity, label))
        self._quiet_note = QLabel()
        self._quiet_note.setObjectName("boardQuietNote")
        self._quiet_note.setTextFormat(Qt.TextFormat.PlainText)
        set_text_tone(self._quiet_note, "quiet")
        self._legend.addWidget(self._quiet_note)

        spacing = self.fontMetrics().height() // 2
        top = QHBoxLayout()
        top.setContentsMargins(spacing, 0, 0, 0)
        top.setSpacing(spacing * 2)
        top.addLayout(self._legend)
        top.addStretch(1)
        top.addWidget(self._parked_toggle)

        strip = QWidget()
        columns = QHBoxLayout(strip)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(spacing)
        for column in self._columns.values():
            columns.addWidget(column, 1)
        # Below the columns' minimum widths (a narrow window, large text) the board scrolls sideways.
        scroller = QScrollArea()
        scroller.setObjectName("boardScroller")
        scroller.setWidget(strip)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(spacing, spacing, spacing, spacing)
        layout.setSpacing(spacing)
        layout.addLayout(top)
        layout.addWidget(self._banner)
        layout.addWidget(scroller, 1)
        self._update_parked_toggle()
        self._quiet_note.setText(self._quiet_text(7))
        self._connect_signals()

    def _legend_label(self, severity: Severity, text: str) -> QLabel:
        # A bar like the cards' stripe, then the word: the meaning never rests on colour alone.
        label = QLabel(f"▌{text}")
        label.setTextFormat(Qt.TextFormat.PlainText)
        set_text_tone(label, _LEGEND_TONES[severity])
        return label

    def _quiet_text(self, stale_days: int) -> str:
        return self.tr("Dashed: quiet for over {days} days").format(days=stale_days)

    def _connect_signals(self) -> None:
        self._parked_toggle.toggled.connect(self._on_parked_toggle_toggled)
        for column in self._columns.values():
            view = column.view
            column.model.move_refused.connect(self.show_refusal)
            view.selectionModel().currentChanged.connect(partial(self._on_column_current_changed, column))
            view.doubleClicked.connect(partial(self._on_column_card_activated, column))
            view.card_activated.connect(partial(self._on_column_card_activated, column))
            view.neighbour_requested.connect(partial(self._on_column_neighbour_requested, column))
            view.card_menu_requested.connect(partial(self._on_column_card_menu_requested, column))

    # -- public API --------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ContactRow], now: datetime, nudges: Mapping[int, Nudge], stale_days: int) -> None:
        """Show these contacts (the window's search result) by stage, keeping the current card and scroll."""
        listing = rows if isinstance(rows, Listing) else Listing.of_rows(rows)
        current = self._current
        current_stage, current_row = (listing.locate(current) if current is not None else None) or ("", -1)
        for stage, column in self._columns.items():
            view = column.view
            scrolled = view.verticalScrollBar().value()
            # Load what the user was looking at and the current card, no more: QListView lays out every loaded row.
            wanted = self._rows_in_sight(view) if scrolled else 0
            if stage.value == current_stage:
                wanted = max(wanted, current_row + 1)
            column.model.set_rows(listing, now, nudges, stale_days, keep_loaded=wanted)
            column.update_header()
            if scrolled:
                view.doItemsLayout()  # the reset dropped the layout; the scroll position needs it back at once
                view.verticalScrollBar().setValue(scrolled)
        if current_stage:
            column = self._columns[Stage(current_stage)]
            column.view.setCurrentIndex(column.model.index(current_row, 0))
        else:
            self._current = None
        self._update_parked_toggle()
        self._quiet_note.setText(self._quiet_text(stale_days))

    def change_one(self, listing: Listing, contact_id: int, before: tuple[str, int] | None) -> None:
        """Show `listing`, which differs from the shown one by one contact, found at `before` (stage, row) until now.

        Only the columns the contact leaves or joins change, by a removed and an inserted card: a move at 100,000
        contacts costs two cards, not a reload of the board.
        """
        after = listing.locate(contact_id)
        current = listing.locate(self._current) if self._current is not None else None
        for stage, column in self._columns.items():
            removed = before[1] if before is not None and before[0] == stage.value else None
            inserted = after[1] if after is not None and after[0] == stage.value else None
            if removed is None and inserted is None:
                column.model.adopt(listing)
                continue
            # Taken out under the view's current index, the view would make a neighbour current (and selected).
            if removed is not None and removed != inserted and column.view.currentIndex().row() == removed:
                column.view.selectionModel().clear()
            # As a reload would: the current card stays loaded.
            keep = current[1] + 1 if current is not None and current[0] == stage.value else 0
            column.model.change_one(listing, removed, inserted, keep_loaded=keep)
            column.update_header()
        if self._current == contact_id:
            if after is None:
                self._current = None
            else:
                column = self._columns[Stage(after[0])]
                column.view.setCurrentIndex(column.model.index(after[1], 0))
        self._update_parked_toggle()

    def show_refusal(self, reason: str) -> None:
        self._banner.show_reason(reason)

    def select_contact(self, contact_id: int) -> None:
        for column in self._columns.values():
            if column.model.row_of(contact_id) is not None:
                if column.stage is Stage.PARKED:
                    self._parked_toggle.setChecked(True)
                self._make_current(column, contact_id)
                return

    def current_contact_id(self) -> int | None:
        return self._current

    def set_parked_visible(self, visible: bool) -> None:
        self._parked_toggle.setChecked(visible)

    # -- private -----------------------------------------------------------------------------------------

    @staticmethod
    def _rows_in_sight(view: QListView) -> int:
        """How many rows reach down to the bottom of the view's viewport."""
        bottom = view.indexAt(view.viewport().rect().bottomLeft() + QPoint(1, -1))
        return bottom.row() + 1 if bottom.isValid() else view.model().rowCount()

    def _make_current(self, column: _StageColumn, contact_id: int) -> None:
        index = column.model.index_of(contact_id)
        if index.isValid():
            column.view.setCurrentIndex(index)
            column.view.scrollTo(index)

    def _update_parked_toggle(self) -> None:
        count = self._columns[Stage.PARKED].model.total()
        self._parked_toggle.setText(self.tr("Parked ({count})").format(count=f"{count:,}"))

    def _on_parked_toggle_toggled(self, checked: bool) -> None:
        self._columns[Stage.PARKED].setVisible(checked)
        self.parked_visibility_changed.emit(checked)

    def _on_column_current_changed(self, column: _StageColumn, current: QModelIndex, previous: QModelIndex) -> None:
        contact_id = column.model.contact_id_at(current)
        if contact_id is None:
            return
        # One current card on the whole board: the other columns let go of theirs.
        for other in self._columns.values():
            if other is not column:
                other.view.selectionModel().clear()
        # Tabbing into a column makes a card current without selecting it; the board shows them as one.
        column.view.selectionModel().select(current, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if contact_id != self._current:
            self._current = contact_id
            self.contact_selected.emit(contact_id)

    def _on_column_card_activated(self, column: _StageColumn, index: QModelIndex) -> None:
        contact_id = column.model.contact_id_at(index)
        if contact_id is not None:
            self.contact_activated.emit(contact_id)

    def _on_column_neighbour_requested(self, column: _StageColumn, step: int) -> None:
        shown = [other for other in self._columns.values() if not other.isHidden()]
        position = shown.index(column) + step
        if not 0 <= position < len(shown):
            return
        target = shown[position]
        count = target.model.rowCount()
        if count:
            row = min(max(column.view.currentIndex().row(), 0), count - 1)
            target.view.setCurrentIndex(target.model.index(row, 0))
        target.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_column_card_menu_requested(self, column: _StageColumn, index: QModelIndex, where: QPoint) -> None:
        contact_id = column.model.contact_id_at(index)
        if contact_id is None:
            return
        menu = QMenu(self)
        menu.setObjectName("cardMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        open_action = menu.addAction(self.tr("Open"))
        open_action.triggered.connect(partial(self._on_open_action_triggered, contact_id))
        menu.setDefaultAction(open_action)
        move_menu = menu.addMenu(self.tr("Move to"))
        move_menu.setObjectName("moveToMenu")
        for stage in (*PIPELINE, Stage.PARKED):
            if stage is not column.stage:
                action = move_menu.addAction(stage.label)
                action.setObjectName(f"moveTo_{stage.value}")
                action.triggered.connect(partial(self._on_move_action_triggered, column, contact_id, stage))
        menu.popup(where)

    def _on_open_action_triggered(self, contact_id: int, checked: bool = False) -> None:
        self.contact_activated.emit(contact_id)

    def _on_move_action_triggered(
        self, column: _StageColumn, contact_id: int, target: Stage, checked: bool = False
    ) -> None:
        # The same path as a drop: the mover decides, and a refusal reaches the banner through move_refused.
        column.model.move_contact(contact_id, target)
