"""Invitations to the user from people who are not contacts: offered, each added as Spotted only if ticked."""

from __future__ import annotations

from collections.abc import Iterable
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

from gui.models.table import cell_flags, header_text, is_checked
from model.importing.records import InvitationIn
from model.timefmt import human_date

InvitationKeyRole = Qt.ItemDataRole.UserRole + 1  # (file, line): the key of Decisions.add_inviters
AnyIndex = QModelIndex | QPersistentModelIndex

InvitationKey = tuple[str, int]


class Column(IntEnum):
    ADD = 0  # the name, with the tick that adds them
    SENT = 1
    MESSAGE = 2


_HEADERS = {Column.ADD: "Add as Spotted", Column.SENT: "Invited you", Column.MESSAGE: "Their note"}


def invitation_key(invitation: InvitationIn) -> InvitationKey:
    return (invitation.file, invitation.line)


class InviterListModel(QAbstractTableModel):
    """Rows are kept once offered: ticking one takes it out of the next plan's offers, not out of this list."""

    decision_changed = Signal()  # the person ticked or unticked an invitation

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[InvitationIn] = []
        self._added: set[InvitationKey] = set()

    def set_invitations(self, invitations: Iterable[InvitationIn]) -> None:
        self.beginResetModel()
        self._rows = list(invitations)
        self._added = set()
        self.endResetModel()

    def merge(self, invitations: Iterable[InvitationIn]) -> None:
        """Adds the offers not listed yet (a decision elsewhere can turn an invitation into an offer)."""
        known = {invitation_key(row) for row in self._rows}
        new = [invitation for invitation in invitations if invitation_key(invitation) not in known]
        if new:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(new) - 1)
            self._rows.extend(new)
            self.endInsertRows()

    def added(self) -> set[InvitationKey]:
        return set(self._added)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        invitation = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and column is Column.ADD:
            added = invitation_key(invitation) in self._added
            return Qt.CheckState.Checked if added else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole) and column is Column.ADD:
            return QCoreApplication.translate("InviterListModel", "Add {0} as Spotted").format(invitation.name)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if column is Column.ADD:
                return invitation.name
            if column is Column.SENT:
                return human_date(invitation.sent_at)
            if column is Column.MESSAGE:
                return (
                    " ".join(invitation.message.split()) if role == Qt.ItemDataRole.DisplayRole else invitation.message
                )
            return None
        if role == InvitationKeyRole:
            return invitation_key(invitation)
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != Column.ADD
            or role != Qt.ItemDataRole.CheckStateRole
            or not 0 <= index.row() < len(self._rows)
        ):
            return False
        key = invitation_key(self._rows[index.row()])
        if is_checked(value):
            self._added.add(key)
        else:
            self._added.discard(key)
        self.dataChanged.emit(index, index)
        self.decision_changed.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return header_text("InviterListModel", _HEADERS, section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return cell_flags(index, Column.ADD)
