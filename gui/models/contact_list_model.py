"""The contact list and table: the directory's filtered rows, sortable, with a badge for a due nudge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from model.directory import ContactRow
from model.names import name_sort_key
from model.nudges import Nudge
from model.vocabulary import PIPELINE, Stage

ContactIdRole = Qt.ItemDataRole.UserRole + 1
NudgeRole = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex
_STAGE_ORDER = {stage.value: index for index, stage in enumerate((*PIPELINE, Stage.PARKED))}


class Column(IntEnum):
    NAME = 0
    COMPANY = 1
    STAGE = 2
    DUE = 3
    POSITION = 4
    TIER = 5
    DAYS_IN_STAGE = 6
    TIME_ZONE = 7


def _header(column: Column) -> str:
    titles = {
        Column.NAME: "Name",
        Column.COMPANY: "Company",
        Column.STAGE: "Stage",
        Column.DUE: "Due",
        Column.POSITION: "Position",
        Column.TIER: "Tie",
        Column.DAYS_IN_STAGE: "Days in stage",
        Column.TIME_ZONE: "Time zone",
    }
    return QCoreApplication.translate("ContactListModel", titles[column])


class ContactListModel(QAbstractTableModel):
    """Rows come from the window (already filtered); sorting happens here, in Python, over those rows."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ContactRow] = []
        self._nudges: Mapping[int, Nudge] = {}
        self._now: datetime | None = None
        self._sort: tuple[int, Qt.SortOrder] = (Column.NAME, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Sequence[ContactRow], nudges: Mapping[int, Nudge], now: datetime) -> None:
        self.beginResetModel()
        self._rows, self._nudges, self._now = list(rows), nudges, now
        self._apply_sort(in_name_order=True)
        self.endResetModel()

    def row_of(self, contact_id: int) -> int | None:
        for index, row in enumerate(self._rows):
            if row.id == contact_id:
                return index
        return None

    def contact_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ContactIdRole:
            return row.id
        if role == NudgeRole:
            return self._nudges.get(row.id)
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            nudge = self._nudges.get(row.id)
            if column is Column.DUE and nudge is not None:
                return nudge.reason
            return self._display(row, column)
        return None

    def _display(self, row: ContactRow, column: Column) -> str:
        if column is Column.NAME:
            return row.name
        if column is Column.COMPANY:
            return row.company
        if column is Column.STAGE:
            return Stage(row.stage).label
        if column is Column.DUE:
            nudge = self._nudges.get(row.id)
            return nudge.kind.value.replace("_", " ") if nudge else ""
        if column is Column.POSITION:
            return row.position
        if column is Column.TIER:
            return row.tier
        if column is Column.DAYS_IN_STAGE:
            return str(row.days_in_stage(self._now)) if self._now else ""
        return row.time_zone or ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return _header(Column(section))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.contact_id(index.row()) for index in persistent]
        self._sort = (column, order)
        self._apply_sort()
        positions = {row.id: number for number, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(positions[cid], index.column()) if cid in positions else QModelIndex()
                for index, cid in zip(persistent, ids, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _apply_sort(self, *, in_name_order: bool = False) -> None:
        column, order = self._sort
        reverse = order == Qt.SortOrder.DescendingOrder
        if column == Column.NAME and in_name_order:
            # The directory delivers rows in name order already: no need to fold 100,000 names per keystroke.
            if reverse:
                self._rows.reverse()
            return
        nudges, now = self._nudges, self._now

        def key(row: ContactRow) -> tuple[object, str]:
            name = name_sort_key(row.name)
            if column == Column.STAGE:
                return (_STAGE_ORDER.get(row.stage, 99), name)
            if column == Column.DUE:
                nudge = nudges.get(row.id)
                return ((0, nudge.severity, nudge.due.timestamp()) if nudge else (1, 0, 0.0), name)
            if column == Column.DAYS_IN_STAGE:
                return (row.days_in_stage(now) if now else 0, name)
            if column == Column.NAME:
                return ("", name)
            value = self._display(row, Column(column))
            return (name_sort_key(value), name)

        self._rows.sort(key=key, reverse=reverse)
