"""Today's nudges, ranked as the rules rank them: one row per nudge, the reason as its text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from model.nudges import Nudge

NudgeRole = Qt.ItemDataRole.UserRole + 1
SeverityRole = Qt.ItemDataRole.UserRole + 2
ContactIdRole = Qt.ItemDataRole.UserRole + 3
AnyIndex = QModelIndex | QPersistentModelIndex


class NudgeListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._nudges: list[Nudge] = []

    def set_nudges(self, nudges: Sequence[Nudge]) -> None:
        self.beginResetModel()
        self._nudges = list(nudges)
        self.endResetModel()

    def nudge(self, row: int) -> Nudge | None:
        return self._nudges[row] if 0 <= row < len(self._nudges) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._nudges)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._nudges):
            return None
        nudge = self._nudges[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return nudge.reason
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{nudge.severity.label.capitalize()} · due {nudge.due:%a %d %b %Y}\n{nudge.reason}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{nudge.severity.label}: {nudge.reason}"
        if role == NudgeRole:
            return nudge
        if role == SeverityRole:
            return nudge.severity.label
        if role == ContactIdRole:
            return nudge.contact_id
        return None
