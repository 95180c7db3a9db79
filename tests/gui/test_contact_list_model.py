"""The contact list model: rows, badges and sorting, checked without a view."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_one_contact_changed_in_place_shows_what_setting_the_rows_shows(
    qtmodeltester: ModelTester, services: Services, clock: FakeClock, order: Qt.SortOrder
) -> None:
    model = loaded(services, clock)
    model.sort(Column.NAME, order)
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # and it watches the changes below
    directory = services.directory()
    ids = {model.index(row, 0).data(): model.index(row, 0).data(ContactIdRole) for row in range(model.rowCount())}
    query = ContactQuery(text="e")  # every name has an "e", until one is renamed
    model.set_rows(directory.find(query), {}, clock.now)
    for name, change in (
        ("Ada Lovelace", {"name": "Ada Lovelace"}),  # in place
        ("Ada Lovelace", {"name": "Zoe Lovelace"}),  # moves to the end
        ("Zed Zimmer", {"name": "Aaron Zimmer"}),  # moves to the start
        ("Zed Zimmer", {"name": "Zaro Zimmr"}),  # leaves the search
        ("Zed Zimmer", {"name": "Zed Zimmer"}),  # comes back
    ):
        contact_id = ids[name]
        shown = directory.find(query)
        before = shown.position(contact_id)
        place = shown.locate(contact_id)
        services.edit_contact(contact_id, **change)
        directory.update(contact_id, services.contact_row(contact_id))
        assert model.change_one(shown.with_change(place, directory.listed_entry(query, contact_id)), contact_id, before)
        fresh = ContactListModel()
        fresh.sort(Column.NAME, order)
        fresh.set_rows(directory.find(query), {}, clock.now)
        assert column(model, Column.NAME) == column(fresh, Column.NAME), change
        assert all(model.row_of(cid) == fresh.row_of(cid) for cid in ids.values())


def test_sorted_by_another_column_a_change_asks_for_the_rows_again(services: Services, clock: FakeClock) -> None:
    model = loaded(services, clock)
    model.sort(Column.COMPANY, Qt.SortOrder.AscendingOrder)
    before = column(model, Column.NAME)
    assert not model.change_one(services.directory().find(ContactQuery()), 1, 0)
    assert column(model, Column.NAME) == before
