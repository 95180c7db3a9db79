"""A CSV file's first rows, as the column-mapping step shows them: each header says which field it fills."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from gui.models.table import cell_flags

FieldRole = Qt.ItemDataRole.UserRole + 1  # headerData: the field this column is mapped to, or None
ColumnNameRole = Qt.ItemDataRole.UserRole + 2  # headerData: the column's name as the file writes it
AnyIndex = QModelIndex | QPersistentModelIndex


class CsvPreviewModel(QAbstractTableModel):
    def __init__(self, labels: Mapping[str, str], parent: QObject | None = None) -> None:
        """`labels`: field -> what the mapping step calls it ("first_name" -> "First name")."""
        super().__init__(parent)
        self._labels = dict(labels)
        self._headers: tuple[str, ...] = ()
        self._rows: tuple[tuple[str, ...], ...] = ()
        self._fields: dict[str, list[str]] = {}  # header -> the fields mapped to it, in the mapping's order

    def set_preview(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._headers = tuple(headers)
        width = len(self._headers)
        self._rows = tuple(tuple(row[:width]) + ("",) * (width - len(row)) for row in rows)
        self._fields = {}
        self.endResetModel()

    def set_mapping(self, mapping: Mapping[str, str]) -> None:
        """field -> header as written; the headers repaint to show it."""
        fields: dict[str, list[str]] = {}
        for field, header in mapping.items():
            if header:
                fields.setdefault(header, []).append(field)
        if fields == self._fields:
            return
        self._fields = fields
        if self._headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._headers):
            return None
        cell = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(cell.split())  # one line per row: a note's line breaks would hide the rows below
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        header = self._headers[section]
        fields = self._fields.get(header, []) if header else []
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            shown = header or QCoreApplication.translate("CsvPreviewModel", "(no name)")
            if not fields:
                return shown
            # Two lines: the file's name for the column, then the field it fills.
            return f"{shown}\n→ {', '.join(self._labels.get(field, field) for field in fields)}"
        if role == Qt.ItemDataRole.FontRole and fields:
            font = QFont()
            font.setBold(True)  # the columns that are imported stand out from those that are not
            return font
        if role == FieldRole:
            return fields[0] if fields else None
        if role == ColumnNameRole:
            return header
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return cell_flags(index)
