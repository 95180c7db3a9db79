"""The "Today" panel: the few nudges that matter now, each with what to do about it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gui.models.nudge_list_model import NudgeListModel, NudgeRole, SeverityRole
from gui.theme import severity_color
from model.nudges import Nudge, NudgeKind

# Showing more than this helps nobody: the rules rank them, the top of the list is today's work.
SHOWN = 100
SNOOZES = ((timedelta(days=1), "1 day"), (timedelta(days=3), "3 days"), (timedelta(weeks=1), "1 week"))
_ACTION_LABELS = {
    NudgeKind.THANK_YOU_DUE: "Write thank-you",
    NudgeKind.FOLLOW_UP_DUE: "Write follow-up",
    NudgeKind.KEEP_IN_TOUCH: "Write message",
    NudgeKind.READY_TO_CONNECT: "Write request",
    NudgeKind.REMINDER: "Write it now",
}


class _NudgeDelegate(QStyledItemDelegate):
    """A coloured severity bar and the reason, wrapped: reasons are sentences, not labels."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        rect = option.rect.adjusted(4, 4, -4, -4)
        colour = severity_color(str(index.data(SeverityRole)), option.palette)
        painter.fillRect(rect.x(), rect.y(), 4, rect.height(), colour)
        text_rect = rect.adjusted(12, 0, 0, 0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        label = str(index.data(SeverityRole)).upper()
        small = painter.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        small.setBold(True)
        painter.save()
        painter.setFont(small)
        painter.setPen(colour if not selected else option.palette.color(role))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label)
        line = painter.fontMetrics().height()
        painter.restore()
        body = text_rect.adjusted(0, line + 2, 0, 0)
        painter.drawText(
            body,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            str(index.data(Qt.ItemDataRole.DisplayRole)),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        metrics = option.fontMetrics
        # Wrap at the width the text will really get: the viewport less the bar and margins paint() uses.
        view = option.widget
        available = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        width = max(120, (available or 300) - 28)
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        bounds = metrics.boundingRect(0, 0, width, 10_000, Qt.TextFlag.TextWordWrap, text)
        return QSize(width, bounds.height() + metrics.height() + 18)


class NudgePanel(QWidget):
    contact_chosen = Signal(int)
    action_chosen = Signal(object)  # Nudge: open the composer on the right message
    snooze_chosen = Signal(object, object)  # Nudge, timedelta
    dismiss_chosen = Signal(object)  # Nudge

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nudgePanel")
        self._model = NudgeListModel()
        self._title = QLabel()
        self._title.setObjectName("nudgeCount")
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._title.setWordWrap(True)
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self._view = QListView()
        self._view.setObjectName("nudgeList")
        self._view.setAccessibleName(self.tr("Nudges due today"))
        self._view.setModel(self._model)
        self._view.setItemDelegate(_NudgeDelegate(self._view))
        self._view.setWordWrap(True)
        self._view.setResizeMode(QListView.ResizeMode.Adjust)
        self._view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self._view.setAlternatingRowColors(False)
        self._empty = QLabel(self.tr("Nothing needs your attention right now."))
        self._empty.setObjectName("nudgeEmpty")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._open = QPushButton(self.tr("Open contact"))
        self._act = QPushButton(self.tr("Do it"))
        self._act.setObjectName("nudgeAct")
        self._snooze = QPushButton(self.tr("Snooze"))
        self._dismiss = QPushButton(self.tr("Dismiss"))
        menu = QMenu(self._snooze)
        for delta, label in SNOOZES:
            action = QAction(self.tr(label), menu)
            action.triggered.connect(lambda _checked=False, d=delta: self._emit_snooze(d))
            menu.addAction(action)
        self._snooze.setMenu(menu)
        self._snooze_actions = menu.actions()
        for button, name in (
            (self._open, "Open the contact of the selected nudge"),
            (self._act, "Do what the selected nudge asks"),
            (self._snooze, "Snooze the selected nudge"),
            (self._dismiss, "Dismiss the selected nudge"),
        ):
            button.setAccessibleName(self.tr(name))
        # One row of buttons, or two in a narrow window (a half-screen one): see resizeEvent.
        self._buttons = (self._open, self._act, self._snooze, self._dismiss)
        buttons = self._button_grid = QGridLayout()
        self._columns = 0
        self._arrange_buttons(len(self._buttons))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._title)
        layout.addWidget(self._view, 1)
        layout.addWidget(self._empty, 1)
        layout.addLayout(buttons)
        self._connect_signals()
        self.set_nudges([])

    def _connect_signals(self) -> None:
        self._view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        self._view.activated.connect(self._on_view_activated)
        self._open.clicked.connect(self._on_open_clicked)
        self._act.clicked.connect(self._on_act_clicked)
        self._dismiss.clicked.connect(self._on_dismiss_clicked)

    def _arrange_buttons(self, columns: int) -> None:
        if columns != self._columns:
            self._columns = columns
            for index, button in enumerate(self._buttons):
                self._button_grid.addWidget(button, index // columns, index % columns)

    def one_row_width(self) -> int:
        """How wide the panel must be for its buttons in one row."""
        spacing = max(0, self._button_grid.horizontalSpacing())
        return sum(button.sizeHint().width() for button in self._buttons) + spacing * (len(self._buttons) - 1)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the buttons in two rows (the title wraps, the list scrolls): the main window may be."""
        spacing = max(0, self._button_grid.horizontalSpacing())
        two_rows = 2 * max(button.minimumSizeHint().width() for button in self._buttons) + spacing
        return QSize(two_rows, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange_buttons(len(self._buttons) if event.size().width() >= self.one_row_width() else 2)
        super().resizeEvent(event)

    def set_nudges(self, nudges: Sequence[Nudge]) -> None:
        current = self.current_nudge()
        shown = list(nudges[:SHOWN])
        self._model.set_nudges(shown)
        total = len(nudges)
        if total > SHOWN:
            self._title.setText(self.tr("Today: {0:,} need attention (the first {1:,} shown)").format(total, SHOWN))
        else:
            self._title.setText(self.tr("Today: {0:,} need attention").format(total))
        self._view.setVisible(bool(shown))
        self._empty.setVisible(not shown)
        if current is not None:
            for row, nudge in enumerate(shown):
                if (nudge.contact_id, nudge.kind) == (current.contact_id, current.kind):
                    self._view.setCurrentIndex(self._model.index(row))
                    break
        self._update_buttons()

    def current_nudge(self) -> Nudge | None:
        index = self._view.currentIndex()
        value = index.data(NudgeRole) if index.isValid() else None
        return value if isinstance(value, Nudge) else None

    def select_row(self, row: int) -> None:
        self._view.setCurrentIndex(self._model.index(row))

    def _update_buttons(self) -> None:
        nudge = self.current_nudge()
        has_contact = nudge is not None and nudge.contact_id is not None
        self._open.setEnabled(has_contact)
        self._act.setEnabled(nudge is not None and nudge.kind in _ACTION_LABELS)
        self._act.setText(self.tr(_ACTION_LABELS.get(nudge.kind, "Do it")) if nudge else self.tr("Do it"))
        self._snooze.setEnabled(nudge is not None)
        self._dismiss.setEnabled(nudge is not None)

    def _emit_snooze(self, delta: timedelta) -> None:
        nudge = self.current_nudge()
        if nudge is not None:
            self.snooze_chosen.emit(nudge, delta)

    def snooze_actions(self) -> list[QAction]:
        return list(self._snooze_actions)

    def _on_view_current_changed(self, *_args: object) -> None:
        self._update_buttons()

    def _on_view_activated(self, index: QModelIndex) -> None:
        nudge = index.data(NudgeRole)
        if isinstance(nudge, Nudge) and nudge.contact_id is not None:
            self.contact_chosen.emit(nudge.contact_id)

    def _on_open_clicked(self) -> None:
        nudge = self.current_nudge()
        if nudge is not None and nudge.contact_id is not None:
            self.contact_chosen.emit(nudge.contact_id)

    def _on_act_clicked(self) -> None:
        nudge = self.current_nudge()
        if nudge is not None:
            self.action_chosen.emit(nudge)

    def _on_dismiss_clicked(self) -> None:
        nudge = self.current_nudge()
        if nudge is not None:
            self.dismiss_chosen.emit(nudge)
