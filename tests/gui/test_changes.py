"""Undo and redo of moves, edits, deletions and creations, through the change runner."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from gui.changes import ChangeRunner
from model.contact_form import ContactDraft
from model.services import Services
from model.vocabulary import Stage
from tests.model.conftest import FakeClock, add, to_requested


def test_moves_edits_and_deletions_undo_and_redo(qtbot: QtBot, services: Services, clock: FakeClock) -> None:
    stack = QUndoStack()
    runner = ChangeRunner(services, stack)
    ada = add(services)
    to_requested(services, clock, ada)
    with qtbot.waitSignal(runner.contact_changed) as changed:
        runner.run("Move Ada to Connected", ada, lambda: services.move_stage(ada, Stage.CONNECTED))
    assert changed.args == [ada]
    runner.run("Edit Ada", ada, lambda: services.edit_contact(ada, company="Looms"))
    runner.run("Delete Ada", ada, lambda: services.delete_contact(ada))
    assert services.contacts() == []
    assert stack.undoText() == "Delete Ada"
    stack.undo()
    assert services.contact(ada).company == "Looms"
    stack.undo()
    assert services.contact(ada).company == ""
    stack.undo()
    assert services.contact(ada).stage is Stage.REQUESTED
    stack.redo()
    stack.redo()
    assert (services.contact(ada).stage, services.contact(ada).company) == (Stage.CONNECTED, "Looms")
    stack.redo()
    assert services.contacts() == []


def test_refused_or_unchanged_actions_are_not_recorded(qtbot: QtBot, services: Services) -> None:
    stack = QUndoStack()
    runner = ChangeRunner(services, stack)
    ada = add(services)
    runner.run("Move Ada", ada, lambda: services.move_stage(ada, Stage.CONNECTED))
    assert stack.count() == 0


def test_creation_undoes_to_nothing(qtbot: QtBot, services: Services) -> None:
    stack = QUndoStack()
    runner = ChangeRunner(services, stack)
    grace = runner.run_creation("Add Grace", lambda: services.add_contact(ContactDraft(name="Grace")).id)
    stack.undo()
    assert services.contacts() == []
    stack.redo()
    assert services.contact(grace).name == "Grace"
