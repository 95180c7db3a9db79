"""People an import cannot place on its own, each with its choices: leave them out, someone new, or one of the
contacts they may be. A tree: the person, then the choices as exclusive ticks beneath (no widget per row)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from gui.models.table import is_checked
from model.importing.plan import Ambiguity

AmbiguityKeyRole = Qt.ItemDataRole.UserRole + 1  # (file, line) of the person: the key of Decisions.matches
ChoiceRole = Qt.ItemDataRole.UserRole + 2  # on a choice row: LEAVE_OUT, SOMEONE_NEW or the contact's id
AnyIndex = QModelIndex | QPersistentModelIndex

LEAVE_OUT = "leave"
SOMEONE_NEW = "new"
Choice = str | int  # LEAVE_OUT, SOMEONE_NEW or a contact id
AmbiguityKey = tuple[str, int]

# A person row's internal id is 0; a choice row's is its person's row + 1, so parent() needs no lookup.
_PERSON_ID = 0


@dataclass
class _Entry:
    ambiguity: Ambiguity
    chosen: Choice = LEAVE_OUT  # what the plan does with an undecided person: it leaves them out

    def choices(self) -> list[Choice]:
        return [LEAVE_OUT, SOMEONE_NEW, *(candidate.contact_id for candidate in self.ambiguity.candidates)]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AmbiguityModel", text)


class AmbiguityModel(QAbstractItemModel):
    decision_changed = Signal()  # the person picked another choice for someone

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[_Entry] = []

    def set_ambiguities(self, ambiguities: Iterable[Ambiguity]) -> None:
        self.beginResetModel()
        self._entries = [_Entry(ambiguity) for ambiguity in ambiguities]
        self.endResetModel()

    def merge(self, ambiguities: Iterable[Ambiguity]) -> None:
        """Adds the people not listed yet. A decided person is no longer ambiguous to the plan, so the list is kept
        here, not re-read from each plan: what the person chose stays on screen."""
        known = {entry.ambiguity.key for entry in self._entries}
        new = [_Entry(ambiguity) for ambiguity in ambiguities if ambiguity.key not in known]
        if new:
            self.beginInsertRows(QModelIndex(), len(self._entries), len(self._entries) + len(new) - 1)
            self._entries.extend(new)
            self.endInsertRows()

    def matches(self) -> dict[AmbiguityKey, int | None]:
        """The decided people, as `Decisions.matches` wants them (None: someone new)."""
        decided: dict[AmbiguityKey, int | None] = {}
        for entry in self._entries:
            if entry.chosen == SOMEONE_NEW:
                decided[entry.ambiguity.key] = None
            elif isinstance(entry.chosen, int):
                decided[entry.ambiguity.key] = entry.chosen
        return decided

    def choose(self, key: AmbiguityKey, choice: Choice) -> bool:
        for row, entry in enumerate(self._entries):
            if entry.ambiguity.key == key and choice in entry.choices():
                child = self.index(entry.choices().index(choice), 0, self.index(row, 0))
                return self.setData(child, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        return False

    # -- QAbstractItemModel ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _PERSON_ID)
        return self.createIndex(row, column, parent.row() + 1)

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, child: AnyIndex) -> QModelIndex: ...

    def parent(self, child: AnyIndex | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()  # QObject's parent, which this name hides
        if not child.isValid() or child.internalId() == _PERSON_ID:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _PERSON_ID)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._entries)
        if parent.internalId() == _PERSON_ID and parent.column() == 0 and 0 <= parent.row() < len(self._entries):
            return len(self._entries[parent.row()].choices())
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def _choice_at(self, index: AnyIndex) -> tuple[_Entry, Choice] | None:
        if not index.isValid() or index.internalId() == _PERSON_ID:
            return None
        entry = self._entries[index.internalId() - 1]
        choices = entry.choices()
        return (entry, choices[index.row()]) if 0 <= index.row() < len(choices) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _PERSON_ID:
            if not 0 <= index.row() < len(self._entries):
                return None
            ambiguity = self._entries[index.row()].ambiguity
            person = ambiguity.person
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                who = f"{person.name}, {person.company}" if person.company else person.name
                return _tr("{who} ({file}, line {line}): {reason}").format(
                    who=who, file=person.file, line=person.line, reason=ambiguity.reason
                )
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == AmbiguityKeyRole:
                return ambiguity.key
            return None
        found = self._choice_at(index)
        if found is None:
            return None
        entry, choice = found
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if choice == LEAVE_OUT:
                return _tr("Leave out of this import")
            if choice == SOMEONE_NEW:
                return _tr("Someone new: add as a new contact")
            candidate = next(c for c in entry.ambiguity.candidates if c.contact_id == choice)
            return _tr("Same as {name} ({company}, {stage})").format(
                name=candidate.name, company=candidate.company or _tr("no company"), stage=candidate.stage.label
            )
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if entry.chosen == choice else Qt.CheckState.Unchecked
        if role == AmbiguityKeyRole:
            return entry.ambiguity.key
        if role == ChoiceRole:
            return choice
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        found = self._choice_at(index) if role == Qt.ItemDataRole.CheckStateRole else None
        if found is None:
            return False
        entry, choice = found
        if not is_checked(value):
            return False  # one choice is always ticked: unticking happens by ticking another
        if entry.chosen == choice:
            return True
        entry.chosen = choice
        person = index.parent()
        self.dataChanged.emit(
            self.index(0, 0, person),
            self.index(self.rowCount(person) - 1, 0, person),
            [Qt.ItemDataRole.CheckStateRole],
        )
        self.decision_changed.emit()
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _PERSON_ID:
            return Qt.ItemFlag.ItemIsEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
