"""The first-cut window: empty state, contact list and nudges, all from the services."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from gui.models.contact_table_model import Column, ContactIdRole, ContactTableModel
from model.services import Services
from tests.model.conftest import FakeClock, add, to_connected


def test_an_empty_database_explains_what_to_do(qtbot: QtBot, services: Services) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    empty = window.findChild(QLabel, "emptyState")
    assert empty is not None and empty.isVisible()
    assert "No contacts yet" in empty.text()
    table = window.findChild(QTableView, "contactList")
    assert table is not None and not table.isVisible()


def test_contacts_and_nudges_are_listed(qtbot: QtBot, services: Services, clock: FakeClock) -> None:
    ada = add(services, "Ada Lovelace", company="Engines")
    add(services, "<b>Bold</b> Name")
    to_connected(services, clock, ada)
    clock.advance(days=4)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    table = window.findChild(QTableView, "contactList")
    assert table is not None and table.isVisible()
    model = table.model()
    assert model.rowCount() == 2
    assert model.index(0, Column.NAME).data() == "<b>Bold</b> Name", "names are plain text"
    assert model.index(1, Column.STAGE).data() == "Connected"
    assert model.index(1, 0).data(ContactIdRole) == ada
    nudges = window.findChild(QListWidget, "nudgePanel")
    assert nudges is not None
    assert nudges.count() == 1 and "thank-you is overdue" in nudges.item(0).text()


def test_the_contact_model_is_a_well_behaved_qt_model(qtmodeltester: ModelTester, services: Services) -> None:
    add(services, "Ada Lovelace")
    add(services, "Grace Hopper")
    model = ContactTableModel()
    model.set_contacts(services.contacts())
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
