"""The rows an import leaves out, with the file, the line and why, so that the person can check them in the file."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from gui.models.table import cell_flags, header_text
from model.importing.records import Skip

SourceLineRole = Qt.ItemDataRole.UserRole + 1  # (file, line or None)
AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    FILE = 0
    LINE = 1
    REASON = 2


_HEADERS = {Column.FILE: "File", Column.LINE: "Line", Column.REASON: "Why it is left out"}


class SkipListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._skips: tuple[Skip, ...] = ()

    def set_skips(self, skips: Sequence[Skip]) -> None:
        skips = tuple(skips)
        if skips == self._skips:
            return  # a re-plan that skips the same rows keeps the list (and its scroll position) still
        self.beginResetModel()
        self._skips = skips
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._skips)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._skips):
            return None
        skip = self._skips[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if column is Column.FILE:
                return skip.file
            if column is Column.LINE:
                return "" if skip.line is None else f"{skip.line:,}"
            return skip.reason
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.LINE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == SourceLineRole:
            return (skip.file, skip.line)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return header_text("SkipListModel", _HEADERS, section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return cell_flags(index)
