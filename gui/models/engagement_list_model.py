"""The engagement log: likes, comments and shares on a contact's content, newest first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from model.records import EngagementRecord
from model.vocabulary import EngagementKind

EngagementIdRole = Qt.ItemDataRole.UserRole + 1
EngagementKindRole = Qt.ItemDataRole.UserRole + 2
OccurredAtRole = Qt.ItemDataRole.UserRole + 3
# The second line a delegate may draw under the display text (here the comment), and the date beside it.
DetailRole = Qt.ItemDataRole.UserRole + 4
DateTextRole = Qt.ItemDataRole.UserRole + 5
AnyIndex = QModelIndex | QPersistentModelIndex

_KIND_LABELS = {
    EngagementKind.LIKE: "Like",
    EngagementKind.COMMENT: "Comment",
    EngagementKind.SHARE: "Share",
    EngagementKind.REPLY: "Reply",
    EngagementKind.ENDORSEMENT: "Endorsement",
    EngagementKind.OTHER: "Other",
}


def engagement_kind_label(kind: EngagementKind) -> str:
    return QCoreApplication.translate("EngagementKind", _KIND_LABELS[kind])


def _one_line(text: str) -> str:
    return " ".join(text.split())


class EngagementListModel(QAbstractListModel):
    def __init__(self, date_text: Callable[[datetime], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._date_text = date_text
        self._engagements: list[EngagementRecord] = []

    def set_engagements(self, engagements: Sequence[EngagementRecord]) -> None:
        self.beginResetModel()
        self._engagements = list(engagements)
        self.endResetModel()

    def engagement(self, row: int) -> EngagementRecord | None:
        return self._engagements[row] if 0 <= row < len(self._engagements) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._engagements)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._engagements):
            return None
        engagement = self._engagements[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._title(engagement)
        if role == DetailRole:
            return _one_line(engagement.comment)
        if role == DateTextRole:
            return self._date_text(engagement.occurred_at)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = (self._title(engagement), engagement.comment, self._date_text(engagement.occurred_at))
            return "\n".join(part for part in parts if part)
        if role == EngagementIdRole:
            return engagement.id
        if role == EngagementKindRole:
            return engagement.kind.value
        if role == OccurredAtRole:
            return engagement.occurred_at
        return None

    def _title(self, engagement: EngagementRecord) -> str:
        kind = engagement_kind_label(engagement.kind)
        if not engagement.target:
            return kind
        return self.tr("{kind} on {target}").format(kind=kind, target=_one_line(engagement.target))
