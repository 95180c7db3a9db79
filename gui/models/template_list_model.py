"""The message templates grouped by kind of message; a connection request's is labelled with the intent it states."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from gui.models.message_list_model import intent_label
from model.templates import TemplateRecord
from model.vocabulary import MessageKind

TemplateIdRole = Qt.ItemDataRole.UserRole + 1
TemplateKindRole = Qt.ItemDataRole.UserRole + 2
TemplateIntentRole = Qt.ItemDataRole.UserRole + 3
AnyIndex = QModelIndex | QPersistentModelIndex

# A group row's internal id is 0; a template row's is its group's row + 1, so parent() needs no lookup.
_GROUP_ID = 0

_GROUP_LABELS = {
    MessageKind.CONNECTION_REQUEST: "Connection requests",
    MessageKind.THANK_YOU: "Thank-yous",
    MessageKind.FOLLOW_UP: "Follow-ups",
    MessageKind.OTHER: "Other messages",
}


def kind_group_label(kind: MessageKind) -> str:
    return QCoreApplication.translate("MessageKind", _GROUP_LABELS[kind])


def template_label(template: TemplateRecord) -> str:
    """The name, with the intent a connection request's template states ("Their recent post · Networking")."""
    if template.kind is not MessageKind.CONNECTION_REQUEST:
        return template.name
    intent = (
        intent_label(template.intent)
        if template.intent is not None
        else QCoreApplication.translate("TemplateListModel", "any intent")
    )
    return f"{template.name} · {intent}"


class TemplateListModel(QAbstractItemModel):
    """Every kind of message is a group, shown even when empty, so that the list says what templates can be for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: tuple[tuple[MessageKind, tuple[TemplateRecord, ...]], ...] = tuple(
            (kind, ()) for kind in MessageKind
        )

    def set_templates(self, templates: Sequence[TemplateRecord]) -> None:
        # Kept in the order the services give (the composer's order) within each group.
        groups = tuple((kind, tuple(t for t in templates if t.kind is kind)) for kind in MessageKind)
        if groups == self._groups:
            return
        self.beginResetModel()
        self._groups = groups
        self.endResetModel()

    def template(self, index: AnyIndex) -> TemplateRecord | None:
        if not index.isValid() or index.internalId() == _GROUP_ID:
            return None
        templates = self._groups[index.internalId() - 1][1]
        return templates[index.row()] if 0 <= index.row() < len(templates) else None

    def index_of(self, template_id: int) -> QModelIndex:
        for group_row, (_kind, templates) in enumerate(self._groups):
            for row, template in enumerate(templates):
                if template.id == template_id:
                    return self.createIndex(row, 0, group_row + 1)
        return QModelIndex()

    def group_index(self, kind: MessageKind) -> QModelIndex:
        rows = [row for row, (group_kind, _templates) in enumerate(self._groups) if group_kind is kind]
        return self.createIndex(rows[0], 0, _GROUP_ID) if rows else QModelIndex()

    # -- QAbstractItemModel ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP_ID)
        return self.createIndex(row, column, parent.row() + 1)

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, child: AnyIndex) -> QModelIndex: ...

    def parent(self, child: AnyIndex | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()  # QObject's parent, which this name hides
        if not child.isValid() or child.internalId() == _GROUP_ID:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP_ID)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP_ID and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP_ID:
            kind, templates = self._groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{kind_group_label(kind)} ({len(templates)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == TemplateKindRole:
                return kind.value
            return None
        template = self.template(index)
        if template is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return template_label(template)
        if role == Qt.ItemDataRole.ToolTipRole:
            return template.body
        if role == TemplateIdRole:
            return template.id
        if role == TemplateKindRole:
            return template.kind.value
        if role == TemplateIntentRole:
            return template.intent.value if template.intent is not None else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP_ID:
            return Qt.ItemFlag.ItemIsEnabled  # a heading: not something to edit
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
