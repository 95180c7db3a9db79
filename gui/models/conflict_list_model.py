"""The user's own edits an import would overwrite, each kept unless the person ticks "Take the file's value"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from gui.models.table import cell_flags, header_text, is_checked
from model.importing.plan import FIELD_LABELS, FIELDS, FieldChange, ImportPlan

ConflictKeyRole = Qt.ItemDataRole.UserRole + 1  # (file, line, field): the key of Decisions.accepted
AnyIndex = QModelIndex | QPersistentModelIndex

ConflictKey = tuple[str, int, str]


class Column(IntEnum):
    NAME = 0
    FIELD = 1
    YOURS = 2
    TAKE = 3  # the file's value, with the tick that takes it


_HEADERS = {
    Column.NAME: "Name",
    Column.FIELD: "Field",
    Column.YOURS: "Your value",
    Column.TAKE: "Take the file's value",
}


@dataclass(frozen=True)
class ConflictRow:
    key: ConflictKey
    name: str
    change: FieldChange


def conflict_rows(plan: ImportPlan, accepted: Iterable[ConflictKey]) -> list[ConflictRow]:
    """Every conflict of the plan, whatever was decided: planning with a conflict accepted turns it into a change,
    so the accepted ones are found among the changes. The order is the file's, then the fields', so that the list
    stays the same from one re-plan to the next."""
    taken = set(accepted)
    order = {name: index for index, name in enumerate(FIELDS)}
    rows: list[ConflictRow] = []
    for planned in plan.planned:
        person = planned.person
        found = list(planned.conflicts) + [
            change for change in planned.changes if (person.file, person.line, change.field) in taken
        ]
        for change in sorted(found, key=lambda c: order.get(c.field, len(order))):
            rows.append(ConflictRow((person.file, person.line, change.field), person.name, change))
    return rows


class ConflictListModel(QAbstractTableModel):
    decision_changed = Signal()  # the person ticked or unticked a conflict

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ConflictRow, ...] = ()
        self._accepted: set[ConflictKey] = set()

    def set_rows(self, rows: Iterable[ConflictRow]) -> None:
        """The ticks are kept by key: a re-plan shows the same conflicts, ticked as they were."""
        rows = tuple(rows)
        if rows == self._rows:
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def accepted(self) -> set[ConflictKey]:
        keys = {row.key for row in self._rows}
        return self._accepted & keys

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        taken = row.key in self._accepted
        if role == Qt.ItemDataRole.CheckStateRole and column is Column.TAKE:
            return Qt.CheckState.Checked if taken else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole and column is Column.TAKE:
            return QCoreApplication.translate("ConflictListModel", "Take the file's {0} for {1}: {2}").format(
                FIELD_LABELS[row.change.field].lower(), row.name, row.change.incoming
            )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if column is Column.NAME:
                return row.name
            if column is Column.FIELD:
                return QCoreApplication.translate("FieldLabel", FIELD_LABELS[row.change.field])
            if column is Column.YOURS:
                return row.change.current
            return row.change.incoming
        if role == Qt.ItemDataRole.FontRole and column in (Column.YOURS, Column.TAKE):
            # The value that will stand is the one in bold.
            if (column is Column.TAKE) == taken:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == ConflictKeyRole:
            return row.key
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != Column.TAKE
            or role != Qt.ItemDataRole.CheckStateRole
            or not 0 <= index.row() < len(self._rows)
        ):
            return False
        key = self._rows[index.row()].key
        if is_checked(value):
            self._accepted.add(key)
        else:
            self._accepted.discard(key)
        self.dataChanged.emit(self.index(index.row(), Column.YOURS), self.index(index.row(), Column.TAKE))
        self.decision_changed.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return header_text("ConflictListModel", _HEADERS, section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return cell_flags(index, Column.TAKE)
