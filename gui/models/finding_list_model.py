"""What the note analysis found in the draft being written: problems first, then the credit for specifics."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from gui.theme import severity_color
from model.note_analysis import Finding, Severity

SeverityRole = Qt.ItemDataRole.UserRole + 1
SpanRole = Qt.ItemDataRole.UserRole + 2  # (start, end) in the draft, Python string indices
CodeRole = Qt.ItemDataRole.UserRole + 3
AnyIndex = QModelIndex | QPersistentModelIndex

# The note's problems in the same colours as nudges: a block reads like "overdue", a warning like a warning.
_COLOR_LABEL = {Severity.BLOCK: "overdue", Severity.WARN: "warning", Severity.CREDIT: "good", Severity.INFO: "info"}
_MARKS = {Severity.BLOCK: "✖", Severity.WARN: "▲", Severity.CREDIT: "✔", Severity.INFO: "ℹ"}  # noqa: RUF001
_SEVERITY_NAMES = {
    Severity.BLOCK: "Blocks sending",
    Severity.WARN: "Needs work",
    Severity.CREDIT: "Good",
    Severity.INFO: "Note",
}


def severity_name(severity: Severity) -> str:
    return QCoreApplication.translate("Severity", _SEVERITY_NAMES[severity])


class FindingListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: tuple[Finding, ...] = ()

    def set_findings(self, findings: Sequence[Finding]) -> None:
        findings = tuple(findings)
        if findings == self._findings:
            return  # typing that changes nothing found keeps the list (and its scroll position) still
        self.beginResetModel()
        self._findings = findings
        self.endResetModel()

    def finding(self, row: int) -> Finding | None:
        return self._findings[row] if 0 <= row < len(self._findings) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{_MARKS[finding.severity]}  {finding.message}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{severity_name(finding.severity)}: {finding.message}"
        if role == Qt.ItemDataRole.ForegroundRole:
            app = QApplication.instance()
            palette = app.palette() if isinstance(app, QApplication) else QPalette()
            return severity_color(_COLOR_LABEL[finding.severity], palette)
        if role == SeverityRole:
            return finding.severity.value
        if role == SpanRole:
            return (finding.start, finding.end)
        if role == CodeRole:
            return finding.code.value
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
