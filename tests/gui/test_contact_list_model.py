"""The contact list model: rows, badges and sorting, checked without a view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from gui.models.contact_list_model import Column, ContactIdRole, ContactListModel
from model.directory import ContactQuery
from model.services import Services
from tests.model.conftest import FakeClock, add, to_connected


def loaded(services: Services, clock: FakeClock) -> ContactListModel:
    ada = add(services, "Ada Lovelace", company="Engines", tier="close")
    add(services, "Zed Zimmer", company="Acme")
    add(services, "<i>Émile</i> Borel", company="Sorbonne")
    to_connected(services, clock, ada)
    clock.advance(days=2)
    nudges = {n.contact_id: n for n in services.nudges() if n.contact_id is not None}
    model = ContactListModel()
    model.set_rows(services.directory().find(ContactQuery()), nudges, clock.now)
    return model


def column(model: ContactListModel, which: Column) -> list[str]:
    return [model.index(row, which).data() for row in range(model.rowCount())]


def test_rows_in_name_order_with_badges(services: Services, clock: FakeClock) -> None:
    model = loaded(services, clock)
    assert column(model, Column.NAME) == ["<i>Émile</i> Borel", "Ada Lovelace", "Zed Zimmer"]
    assert column(model, Column.STAGE) == ["Spotted", "Connected", "Spotted"]
    assert column(model, Column.DUE) == ["", "thank you due", ""]
    assert model.index(1, Column.DUE).data(Qt.ItemDataRole.ToolTipRole).startswith("Ada Lovelace accepted")
    assert model.index(1, Column.DAYS_IN_STAGE).data() == "2"


def test_sorting_by_each_column(services: Services, clock: FakeClock) -> None:
    model = loaded(services, clock)
    model.sort(Column.COMPANY, Qt.SortOrder.AscendingOrder)
    assert column(model, Column.COMPANY) == ["Acme", "Engines", "Sorbonne"]
    model.sort(Column.DUE, Qt.SortOrder.AscendingOrder)
    assert column(model, Column.NAME)[0] == "Ada Lovelace"
    model.sort(Column.STAGE, Qt.SortOrder.DescendingOrder)
    assert column(model, Column.STAGE)[0] == "Connected"
    model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert column(model, Column.NAME) == ["Zed Zimmer", "Ada Lovelace", "<i>Émile</i> Borel"]
    assert model.row_of(model.index(0, 0).data(ContactIdRole)) == 0


def test_the_model_is_well_behaved(qtmodeltester: ModelTester, services: Services, clock: FakeClock) -> None:
    qtmodeltester.check(loaded(services, clock))  # type: ignore[no-untyped-call]
