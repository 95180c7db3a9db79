"""The recipient's facts and recent engagements, offered to the composer: a click inserts a phrase built from one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from model.phrases import Specific

PhraseRole = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class SpecificListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._specifics: list[Specific] = []

    def set_specifics(self, specifics: Sequence[Specific]) -> None:
        self.beginResetModel()
        self._specifics = list(specifics)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._specifics)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._specifics):
            return None
        specific = self._specifics[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{QCoreApplication.translate('Specific', specific.label)}: {specific.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("Specific", "Click to insert: {phrase}").format(phrase=specific.phrase)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{specific.label}: {specific.text}"
        if role == PhraseRole:
            return specific.phrase
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
