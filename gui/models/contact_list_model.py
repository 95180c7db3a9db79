"""The contact list and table: the directory's filtered rows, sortable, with a badge for a due nudge."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from enum import IntEnum
from typing import overload

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from model.directory import FOLD, ROW, ContactRow, Entry, Listing
from model.names import name_sort_key
from model.nudges import Nudge
from model.vocabulary import PIPELINE, Stage

ContactIdRole = Qt.ItemDataRole.UserRole + 1
NudgeRole = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex
_STAGE_ORDER = {stage.value: index for index, stage in enumerate((*PIPELINE, Stage.PARKED))}
_STAGE_LABELS = {stage.value: stage.label for stage in Stage}


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


_COLUMNS = tuple(Column)
_ANSWERED_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.ToolTipRole.value, ContactIdRole, NudgeRole}
)


class _Reversed(Sequence[ContactRow]):
    """A listing read backwards (name order, descending), without copying it."""

    __slots__ = ("_rows",)

    def __init__(self, rows: Sequence[ContactRow]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> ContactRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ContactRow]: ...
    def __getitem__(self, index: int | slice) -> ContactRow | Sequence[ContactRow]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self._rows)
        if not 0 <= index < len(self._rows):
            raise IndexError(index)
        return self._rows[len(self._rows) - 1 - index]

    def __iter__(self) -> Iterator[ContactRow]:
        return reversed(self._rows)


class ContactListModel(QAbstractTableModel):
    """Rows come from the window (already filtered, in name order); other orders are sorted here, in Python.

    In name order (the default) the model reads the window's `Listing` in place: a keystroke that finds 100,000
    contacts neither copies nor sorts them.
    """

    def __init__(self) -> None:
        super().__init__()
        self._listing = Listing({}, {})
        self._rows: Sequence[ContactRow] = self._listing  # in the order shown
        self._positions: dict[int, int] | None = None  # contact id -> row, for sorted copies, built when asked
        self._nudges: Mapping[int, Nudge] = {}
        self._now: datetime | None = None
        self._sort: tuple[int, Qt.SortOrder] = (Column.NAME, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Sequence[ContactRow], nudges: Mapping[int, Nudge], now: datetime) -> None:
        """Show `rows`: a `Listing`, or rows in any order (put in name order first)."""
        self.beginResetModel()
        self._listing = rows if isinstance(rows, Listing) else Listing.of_rows(rows)
        self._nudges, self._now = nudges, now
        self._apply_sort()
        self.endResetModel()

    def change_one(self, listing: Listing, contact_id: int, before: int | None) -> bool:
        """Show `listing`, which differs from the shown one by one contact, at `before` in name order until now:
        its row moves, appears, goes or changes in place instead of a reset. False, changing nothing, when the rows
        are sorted by another column than the name (the caller sets the rows again)."""
        if not self.in_name_order():
            return False
        ascending = self._sort[1] == Qt.SortOrder.AscendingOrder
        after = listing.position(contact_id)
        old = None if before is None else self.shown_row(before)
        new = None if after is None else after if ascending else len(listing) - 1 - after
        if old is not None and new is not None:
            if old == new:
                self._show(listing)
                self.dataChanged.emit(self.index(old, 0), self.index(old, len(Column) - 1))
                return True
            # Moved, not taken out and put back: the views' current row and selection travel with it.
            self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), new + 1 if new > old else new)
            self._show(listing)
            self.endMoveRows()
        elif old is not None:
            self.beginRemoveRows(QModelIndex(), old, old)
            self._show(listing)
            self.endRemoveRows()
        elif new is not None:
            self.beginInsertRows(QModelIndex(), new, new)
            self._show(listing)
            self.endInsertRows()
        else:
            self._show(listing)
        return True

    def shown_row(self, position: int) -> int:
        """The row showing the listing's `position` in name order (rows in name order, either way)."""
        return position if self._sort[1] == Qt.SortOrder.AscendingOrder else len(self._listing) - 1 - position

    def _show(self, listing: Listing) -> None:
        self._listing = listing
        self._apply_sort()

    def in_name_order(self) -> bool:
        """Whether rows follow the listing's name order (either way), rather than a sorted copy."""
        return self._sort[0] == Column.NAME

    def row_of(self, contact_id: int) -> int | None:
        if self.in_name_order():
            at = self._listing.position(contact_id)
            if at is None or self._sort[1] == Qt.SortOrder.AscendingOrder:
                return at
            return len(self._rows) - 1 - at
        if self._positions is None:
            self._positions = {row.id: number for number, row in enumerate(self._rows)}
        return self._positions.get(contact_id)

    def contact_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # A view asks each cell for a dozen roles it paints with; most have no answer here, so say so first.
        if role not in _ANSWERED_ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ContactIdRole:
            return row.id
        if role == NudgeRole:
            return self._nudges.get(row.id)
        column = _COLUMNS[index.column()]
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
            return _STAGE_LABELS.get(row.stage, row.stage)
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
        moved = [self.row_of(cid) if cid is not None else None for cid in ids]
        self.changePersistentIndexList(
            persistent,
            [
                self.index(row, index.column()) if row is not None else QModelIndex()
                for index, row in zip(persistent, moved, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        reverse = order == Qt.SortOrder.DescendingOrder
        self._positions = None
        if column == Column.NAME:
            # The directory delivers rows in name order already: no need to fold 100,000 names per keystroke.
            self._rows = _Reversed(self._listing) if reverse else self._listing
            return
        nudges, now = self._nudges, self._now

        # Ties go by name order, whichever way the column is sorted: the folded name (already in the entry), then
        # the id (negated when the sort is reversed, so that equal names keep their order as a stable sort would).
        def key(entry: Entry) -> tuple[object, str, int]:
            row, name = entry[ROW], entry[FOLD]
            tie = -row.id if reverse else row.id
            if column == Column.STAGE:
                return (_STAGE_ORDER.get(row.stage, 99), name, tie)
            if column == Column.DUE:
                nudge = nudges.get(row.id)
                return ((0, nudge.severity, nudge.due.timestamp()) if nudge else (1, 0, 0.0), name, tie)
            if column == Column.DAYS_IN_STAGE:
                return (row.days_in_stage(now) if now else 0, name, tie)
            value = self._display(row, Column(column))
            return (name_sort_key(value), name, tie)

        entries = sorted(self._listing.entries(), key=key, reverse=reverse)
        self._rows = [entry[ROW] for entry in entries]
