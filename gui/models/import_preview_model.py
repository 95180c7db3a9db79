"""The people an import would bring in, one row each: new, updated or unchanged, and what would change."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from gui.models.table import cell_flags, header_text
from model.importing.plan import FIELD_LABELS, Planned, Status
from model.vocabulary import Stage

StatusRole = Qt.ItemDataRole.UserRole + 1  # the Status value ("new", "updated", "unchanged"): what the filter reads
SourceLineRole = Qt.ItemDataRole.UserRole + 2  # (file, line) of the person in the import
AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    STATUS = 0
    NAME = 1
    COMPANY = 2
    CHANGES = 3


_HEADERS = {
    Column.STATUS: "Status",
    Column.NAME: "Name",
    Column.COMPANY: "Company",
    Column.CHANGES: "What changes",
}
_STATUS_LABELS = {Status.NEW: "New", Status.UPDATED: "Updated", Status.UNCHANGED: "Unchanged"}


def status_label(status: Status) -> str:
    return QCoreApplication.translate("ImportStatus", _STATUS_LABELS[status])


def what_changes(planned: Planned) -> str:
    """Planned.describe(), plus the user's own values the import keeps (so the row says why it is not updated).

    Someone new is added in the last stage the file takes them to: "moves to Connected; moves to Nurturing" reads
    as if they were already somewhere."""
    if planned.status is Status.NEW:
        stage = planned.moves[-1].stage if planned.moves else Stage.SPOTTED
        parts = [QCoreApplication.translate("ImportPreview", "added in {0}").format(stage.label)]
        if planned.messages:
            count = len(planned.messages)
            parts.append(
                QCoreApplication.translate("ImportPreview", "1 message")
                if count == 1
                else QCoreApplication.translate("ImportPreview", "{0:,} messages").format(count)
            )
        if planned.tags:
            parts.append(QCoreApplication.translate("ImportPreview", "tags: {0}").format(", ".join(planned.tags)))
        return "; ".join(parts)
    text = planned.describe()
    if planned.conflicts:
        kept = ", ".join(FIELD_LABELS[change.field] for change in planned.conflicts)
        text = "; ".join(
            part for part in (text, QCoreApplication.translate("ImportPreview", "keeps your {0}").format(kept)) if part
        )
    if not text:
        return QCoreApplication.translate("ImportPreview", "nothing new")
    return text


class ImportPreviewModel(QAbstractTableModel):
    """A thin adapter over `ImportPlan.planned`; the text of a row is made when a view asks for it (30,000 rows
    are reset in a moment, and only the visible ones are described)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Planned, ...] = ()

    def set_planned(self, planned: Sequence[Planned]) -> None:
        self.beginResetModel()
        self._rows = tuple(planned)
        self.endResetModel()

    def planned(self, row: int) -> Planned | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        planned = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if column is Column.STATUS:
                return status_label(planned.status)
            if column is Column.NAME:
                return planned.person.name
            if column is Column.COMPANY:
                return planned.person.company
            return what_changes(planned)
        if role == Qt.ItemDataRole.ForegroundRole and planned.status is Status.UNCHANGED:
            app = QApplication.instance()
            palette = app.palette() if isinstance(app, QApplication) else QPalette()
            return palette.color(QPalette.ColorRole.PlaceholderText)  # nothing happens to them: quieter
        if role == StatusRole:
            return planned.status.value
        if role == SourceLineRole:
            return (planned.person.file, planned.person.line)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return header_text("ImportPreviewModel", _HEADERS, section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return cell_flags(index)
