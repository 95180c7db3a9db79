"""The contact table: one row per ContactSummary, reloaded from the services after each change."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from model.records import ContactSummary

ContactIdRole = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    NAME = 0
    COMPANY = 1
    POSITION = 2
    STAGE = 3


HEADERS = {Column.NAME: "Name", Column.COMPANY: "Company", Column.POSITION: "Position", Column.STAGE: "Stage"}
AnyIndex = QModelIndex | QPersistentModelIndex


class ContactTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._contacts: list[ContactSummary] = []

    def set_contacts(self, contacts: Sequence[ContactSummary]) -> None:
        self.beginResetModel()
        self._contacts = list(contacts)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._contacts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._contacts):
            return None
        contact = self._contacts[index.row()]
        if role == ContactIdRole:
            return contact.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = Column(index.column())
            if column is Column.NAME:
                return contact.name
            if column is Column.COMPANY:
                return contact.company
            if column is Column.POSITION:
                return contact.position
            return contact.stage.label
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return HEADERS[Column(section)]
        return None
