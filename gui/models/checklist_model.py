"""The own-profile checklist, one row per item: done, or what to do next (principle 3: your own profile is credible)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from gui.theme import severity_color
from model.own_profile import ChecklistItem

ChecklistKeyRole = Qt.ItemDataRole.UserRole + 1
DoneRole = Qt.ItemDataRole.UserRole + 2
AdviceRole = Qt.ItemDataRole.UserRole + 3
AnyIndex = QModelIndex | QPersistentModelIndex

DONE_MARK = "✔"
TODO_MARK = "○"


class ChecklistModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: tuple[ChecklistItem, ...] = ()

    def set_items(self, items: Sequence[ChecklistItem]) -> None:
        items = tuple(items)
        if [item.key for item in items] != [item.key for item in self._items]:
            self.beginResetModel()
            self._items = items
            self.endResetModel()
            return
        # The same items with new states (the person is typing): change the rows in place, so that the view keeps
        # its selection and scroll position instead of being reset on every keystroke.
        changed = [row for row, (old, new) in enumerate(zip(self._items, items, strict=True)) if old != new]
        self._items = items
        for row in changed:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def item(self, row: int) -> ChecklistItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if item.done:
                return f"{DONE_MARK}  {item.label}"
            return f"{TODO_MARK}  {item.label}\n{item.advice}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            state = QCoreApplication.translate("ChecklistModel", "done" if item.done else "to do")
            return f"{item.label}: {state}" + (f". {item.advice}" if item.advice else "")
        if role == Qt.ItemDataRole.ForegroundRole and item.done:
            # Only what is done is coloured: the advice still to act on stays in the plain text colour, easiest to read.
            app = QApplication.instance()
            palette = app.palette() if isinstance(app, QApplication) else QPalette()
            return severity_color("good", palette)
        if role == ChecklistKeyRole:
            return item.key
        if role == DoneRole:
            return item.done
        if role == AdviceRole:
            return item.advice
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
