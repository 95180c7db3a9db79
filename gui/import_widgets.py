"""Small widgets the import wizard's pages share: tables sized in text units, a progress panel with Stop, and a
large figure (labels and inline messages: gui/labels.py)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.labels import plain_label, quiet


def item_table(name: str, accessible: str) -> QTableView:
    """A read-only table of one-line rows, selected by row, as every list of the wizard is."""
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    # One line of text per row, in text units: rows stay readable at 200% and 30,000 of them scroll smoothly.
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return view


def column_widths(view: QTableView, widths: Mapping[int, int]) -> None:
    """Column widths in average characters, so that they follow the font."""
    em = view.fontMetrics().averageCharWidth()
    for column, chars in widths.items():
        view.setColumnWidth(column, chars * em)


class ProgressPanel(QWidget):
    """A sentence, a progress bar and Stop: what the page shows while its work runs. "Stop", not "Cancel": the
    wizard's own Cancel, beside it, closes the wizard; this one stops the step and stays."""

    cancel_clicked = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.text = plain_label(name=f"{name}Text", wrap=True)
        self.bar = QProgressBar()
        self.bar.setObjectName(f"{name}Bar")
        self.bar.setAccessibleName(self.tr("Progress"))
        self.bar.setTextVisible(False)
        self.cancel = QPushButton(self.tr("Stop"))
        self.cancel.setObjectName(f"{name}Cancel")
        self.cancel.setAccessibleName(self.tr("Stop this step"))
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addStretch(2)
        self.cancel.clicked.connect(self._on_cancel_clicked)

    def begin(self, text: str) -> None:
        self.text.setText(text)
        self.bar.setRange(0, 0)  # moving until the first report says how much there is
        self.cancel.setEnabled(True)
        self.cancel.setText(self.tr("Stop"))

    def show_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.bar.setRange(0, 0)
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))

    def _on_cancel_clicked(self) -> None:
        self.cancel.setEnabled(False)
        self.cancel.setText(self.tr("Stopping…"))
        self.cancel_clicked.emit()


class Figure(QWidget):
    """A count, large, with what it counts beneath: the preview's four numbers read at a glance."""

    def __init__(self, name: str, caption: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.number = plain_label(name=f"{name}Number")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = quiet(plain_label(caption, f"{name}Caption"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.setAccessibleName(caption)

    def set_count(self, count: int) -> None:
        self.number.setText(f"{count:,}")
        self.setAccessibleDescription(f"{count:,}")

    def count(self) -> int:
        return int(self.number.text().replace(",", "") or 0)
