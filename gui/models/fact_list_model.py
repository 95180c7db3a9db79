"""A contact's profile facts, newest first: what the composer can draw on to make a note personal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from model.records import FactRecord
from model.vocabulary import FactKind

FactIdRole = Qt.ItemDataRole.UserRole + 1
FactKindRole = Qt.ItemDataRole.UserRole + 2
FactUrlRole = Qt.ItemDataRole.UserRole + 3
# The second line a delegate may draw under the display text (here the link, if any).
DetailRole = Qt.ItemDataRole.UserRole + 4
AnyIndex = QModelIndex | QPersistentModelIndex

_KIND_LABELS = {
    FactKind.RECENT_POST: "Recent post",
    FactKind.SHARED_INTEREST: "Shared interest",
    FactKind.MUTUAL_CONNECTION: "Mutual connection",
    FactKind.EVENT: "Event",
    FactKind.ACHIEVEMENT: "Achievement",
    FactKind.OTHER: "Other",
}


def fact_kind_label(kind: FactKind) -> str:
    return QCoreApplication.translate("FactKind", _KIND_LABELS[kind])


class FactListModel(QAbstractListModel):
    def __init__(self, date_text: Callable[[datetime], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._date_text = date_text
        self._facts: list[FactRecord] = []

    def set_facts(self, facts: Sequence[FactRecord]) -> None:
        self.beginResetModel()
        self._facts = list(facts)
        self.endResetModel()

    def fact(self, row: int) -> FactRecord | None:
        return self._facts[row] if 0 <= row < len(self._facts) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._facts)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._facts):
            return None
        fact = self._facts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{fact_kind_label(fact.kind)}: {' '.join(fact.text.split())}"
        if role == DetailRole:
            return fact.url or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            noted = self.tr("Noted {date}").format(date=self._date_text(fact.noted_at))
            return "\n".join(part for part in (fact.text, fact.url, noted) if part)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{fact_kind_label(fact.kind)}: {fact.text}"
        if role == FactIdRole:
            return fact.id
        if role == FactKindRole:
            return fact.kind.value
        if role == FactUrlRole:
            return fact.url
        return None
