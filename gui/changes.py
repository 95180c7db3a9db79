"""Every change the user makes goes through here: run the service call, record it for undo/redo, announce it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model.errors import OvertureError
from model.records import ContactState

if TYPE_CHECKING:
    from model.services import Services

T = TypeVar("T")


class _PutBack(QUndoCommand):
    """Undo puts the contact's stored state back as it was before; redo as it was after."""

    def __init__(self, runner: ChangeRunner, label: str, before: ContactState, after: ContactState) -> None:
        super().__init__(label)
        self._runner, self._before, self._after = runner, before, after
        self._done = True  # the change already happened when the command is pushed

    def undo(self) -> None:
        self._runner._put_back(self._before)

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._runner._put_back(self._after)


class ChangeRunner(QObject):
    """Runs one user change as one service call, pushes it on the undo stack and says which contact changed."""

    contact_changed = Signal(int)
    undo_failed = Signal(str)

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.undo_stack = undo_stack

    def run(self, label: str, contact_id: int, action: Callable[[], T]) -> T:
        """Run `action` (one service call about `contact_id`); OvertureError propagates with nothing changed."""
        before = self._services.capture(contact_id)
        result = action()
        after = self._services.capture(contact_id)
        if after != before:
            self.undo_stack.push(_PutBack(self, label, before, after))
            self.contact_changed.emit(contact_id)
        return result

    def run_creation(self, label: str, action: Callable[[], int]) -> int:
        """Run an action that creates a contact and returns its id; undo removes it again."""
        contact_id = action()
        absent = ContactState(contact_id, ())
        self.undo_stack.push(_PutBack(self, label, absent, self._services.capture(contact_id)))
        self.contact_changed.emit(contact_id)
        return contact_id

    def _put_back(self, state: ContactState) -> None:
        try:
            self._services.put_back(state)
        except OvertureError as error:
            self.undo_failed.emit(str(error))
            return
        self.contact_changed.emit(state.contact_id)
