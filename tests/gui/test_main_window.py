"""The main window as a user meets it: first run, search and filters, moves with undo, nudges and their actions."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from gui.models.contact_list_model import Column, ContactIdRole
from gui.models.stage_column_model import CardRole, StageColumnModel
from model.directory import ContactDirectory
from model.nudges import NudgeKind
from model.services import Services
from model.vocabulary import PIPELINE, AccountType, MessageKind, Stage
from tests.model.conftest import FakeClock, add, engage_twice, to_connected, to_requested


@pytest.fixture
def make_window(
    qtbot: QtBot, services: Services, clock: FakeClock, tmp_path: Path
) -> Iterator[Callable[[], MainWindow]]:
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(services, clock, tmp_path / "window.ini")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.nudge_panel.findChild(QLabel, "nudgeCount") is not None)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window._background.wait()


def wait_for_nudges(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.nudges_updated, timeout=5000):
        window.refresh_nudges()


def listed(window: MainWindow) -> list[str]:
    model = window.contacts
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_after_a_bulk_change_the_rows_are_read_off_the_gui_thread(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    on_gui_thread: list[bool] = []
    real = services.directory

    def directory() -> ContactDirectory:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real()

    monkeypatch.setattr(services, "directory", directory)
    add(services, "Ada Lovelace")  # as an import writes: behind the window
    window._after_bulk_change("Imported: 1 added.")
    assert window.status.text() == "Imported: 1 added.", "said at once, before the rows are read"
    qtbot.waitUntil(lambda: listed(window) == ["Ada Lovelace"])
    assert on_gui_thread == [False]


def test_a_change_made_while_the_rows_are_read_again_is_not_lost(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = add(services, "Ada Lovelace")
    window = make_window()
    read, release = threading.Event(), threading.Event()
    reads: list[ContactDirectory] = []
    real = services.directory

    def directory() -> ContactDirectory:
        reads.append(real())
        if len(reads) == 1:  # the first read, held until the change below is on screen
            read.set()
            release.wait(10)
        return reads[-1]

    monkeypatch.setattr(services, "directory", directory)
    window._after_bulk_change("Imported: 1 added.")
    qtbot.waitUntil(read.is_set)
    window._runner.run("Rename", ada, lambda: services.edit_contact(ada, name="Ada King"))
    assert listed(window) == ["Ada King"]
    release.set()
    qtbot.waitUntil(lambda: len(reads) == 2)  # the rows read before the rename are read again
    window._background.wait()
    qtbot.wait(10)
    assert listed(window) == ["Ada King"]


def test_first_run_explains_and_offers_sample_contacts(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    first_run = window.findChild(QWidget, "firstRun")
    assert first_run is not None and first_run.isVisible()
    assert window.centre.currentWidget() is first_run
    with qtbot.waitSignal(window.nudges_updated, timeout=20000):
        window.first_run.sample_button.click()
    qtbot.waitUntil(lambda: window.contacts.rowCount() >= 100, timeout=20000)
    assert window.centre.currentWidget() is window.board
    assert window.nudge_panel.current_nudge() is None
    assert "Sample contacts loaded" in window.status.text()


def test_search_and_filters_narrow_the_list(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    add(services, "José Ñúñez", company="Acme Robotics")
    add(services, "Ada Lovelace", company="Analytical Engines", tier="close")
    grace = add(services, "Grace Hopper", company="Navy")
    to_connected(services, clock, grace)
    clock.advance(days=2)
    window = make_window()
    wait_for_nudges(qtbot, window)
    search = window.findChild(QLineEdit, "contactSearch")
    assert search is not None
    qtbot.keyClicks(search, "jose")  # type: ignore[no-untyped-call]
    assert listed(window) == ["José Ñúñez"]
    search.clear()
    assert len(listed(window)) == 3
    window.tier_filter.setCurrentIndex(window.tier_filter.findData("close"))
    assert listed(window) == ["Ada Lovelace"]
    window.tier_filter.setCurrentIndex(0)
    window.stage_filter.setCurrentIndex(window.stage_filter.findData("connected"))
    assert listed(window) == ["Grace Hopper"]
    window.stage_filter.setCurrentIndex(0)
    window.attention.setChecked(True)
    assert listed(window) == ["Grace Hopper"], "the thank-you is due"
    assert window.count_label.text() == "1 of 3 contacts"


def test_keyboard_moves_refusals_and_undo(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    ada = add(services, "Ada Lovelace")
    window = make_window()
    window.select_contact(ada)
    window.actions_.next_stage.trigger()
    refusal = window.board.findChild(QLabel, "moveRefusal")
    assert refusal is not None and refusal.isVisible()
    assert "Log an engagement with Ada Lovelace's content first" in refusal.text()
    assert services.contact(ada).stage is Stage.SPOTTED
    engage_twice(services, clock, ada)
    to_requested_result = services.send_connection_request(ada, "networking", "Hello Ada")
    assert not hasattr(to_requested_result, "reason")
    window.reload()
    window.select_contact(ada)
    window.actions_.next_stage.trigger()
    assert services.contact(ada).stage is Stage.CONNECTED
    window.actions_.undo.trigger()
    assert services.contact(ada).stage is Stage.REQUESTED
    assert listed(window) == ["Ada Lovelace"] and window.contacts.index(0, 2).data() == "Requested"
    window.actions_.redo.trigger()
    assert services.contact(ada).stage is Stage.CONNECTED


def test_delete_and_undo_brings_the_contact_back(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    ada = add(services, "Ada Lovelace")
    window = make_window()
    window.select_contact(ada)
    window.actions_.delete_contact.trigger()
    assert listed(window) == []
    assert "Deleted Ada Lovelace" in window.status.text()
    window.actions_.undo.trigger()
    assert listed(window) == ["Ada Lovelace"]


def test_nudge_actions_snooze_and_dismiss(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    ada = add(services, "Ada Lovelace")
    grace = add(services, "Grace Hopper")
    to_connected(services, clock, ada)
    to_requested(services, clock, grace)
    clock.advance(days=8)
    window = make_window()
    wait_for_nudges(qtbot, window)
    kinds = [n.kind for n in window._nudges]
    assert kinds == [NudgeKind.THANK_YOU_DUE, NudgeKind.PENDING_CHECK]
    window.nudge_panel.select_row(0)
    with qtbot.waitSignal(window.nudges_updated, timeout=5000):
        window.nudge_panel.snooze_actions()[0].trigger()
    assert [n.kind for n in window._nudges] == [NudgeKind.PENDING_CHECK]
    window.nudge_panel.select_row(0)
    with qtbot.waitSignal(window.nudges_updated, timeout=5000):
        window.nudge_panel.dismiss_chosen.emit(window.nudge_panel.current_nudge())
    assert window._nudges == []


def test_window_state_is_remembered(
    qtbot: QtBot, make_window: Callable[[], MainWindow], tmp_path: Path, services: Services
) -> None:
    add(services)
    window = make_window()
    window.set_view("table")
    window.splitter.setSizes([300, 500, 400])
    sizes = window.splitter.sizes()
    window.close()
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    assert state.value("window/view") == "table"
    assert state.value("window/geometry") is not None
    again = make_window()
    assert again.centre.currentWidget() is again.findChild(QTableView, "contactTable")
    assert again.splitter.sizes()[0] == sizes[0], "the list pane keeps its width"


def test_named_widgets_for_automation(make_window: Callable[[], MainWindow], services: Services) -> None:
    add(services)
    window = make_window()
    for name in ("contactList", "pipelineBoard", "contactDetail", "engagementLog", "composerPanel", "nudgePanel"):
        assert window.findChild(QWidget, name) is not None, name


# -- one contact's change, shown without a full refresh ----------------------------------------------------------


def shown(window: MainWindow) -> dict[str, object]:
    """Everything the list and the board show, to compare an update in place with a full refresh."""
    model = window.contacts
    columns: dict[str, object] = {}
    for stage in (*PIPELINE, Stage.PARKED):
        view = window.board.findChild(QListView, f"boardColumn_{stage.value}")
        header = window.board.findChild(QLabel, f"boardHeader_{stage.value}")
        assert isinstance(view, QListView) and isinstance(header, QLabel)
        cards = view.model()
        columns[stage.value] = (
            header.text(),
            [cards.index(row, 0).data(CardRole) for row in range(cards.rowCount())],
            view.currentIndex().data(ContactIdRole),
            [index.data(ContactIdRole) for index in view.selectionModel().selectedIndexes()],
        )
    toggle = window.board.findChild(QToolButton, "parkedToggle")
    assert isinstance(toggle, QToolButton)
    lists = (window.contact_list, window.contact_table)
    return {
        "rows": [
            (model.index(row, 0).data(ContactIdRole), *(model.index(row, c).data() for c in range(len(Column))))
            for row in range(model.rowCount())
        ],
        "list current": [
            view.currentIndex().data(ContactIdRole) for view in (window.contact_list, window.contact_table)
        ],
        "list selected": [
            sorted({index.data(ContactIdRole) for index in view.selectionModel().selectedIndexes()}) for view in lists
        ],
        "count": window.count_label.text(),
        "parked": toggle.text(),
        "board current": window.board.current_contact_id(),
        "window current": window._current,
        "columns": columns,
    }


def change_in_place(window: MainWindow, change: Callable[[], object]) -> dict[str, object]:
    """Run a change through the window as the user would; what it shows, after checking no full refresh ran."""
    full_refreshes: list[None] = []
    refresh = window._refresh_view

    def counted() -> None:
        full_refreshes.append(None)
        refresh()

    window._refresh_view = counted  # type: ignore[method-assign]
    try:
        change()
    finally:
        del window._refresh_view
    assert full_refreshes == [], "the change took the full refresh"
    return shown(window)


def drop(window: MainWindow, contact_id: int, target: Stage) -> None:
    """A card dragged from its column and dropped on `target`'s, as the board's views do it."""
    source = window.contacts.index(window.contacts.row_of(contact_id) or 0, 0).data(ContactIdRole)
    assert source == contact_id
    models = {model.stage: model for model in window.board.findChildren(StageColumnModel)}
    stage = Stage(window._directory.get(contact_id).stage)  # type: ignore[union-attr]
    data = models[stage].mimeData([models[stage].index_of(contact_id)])
    models[target].dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())


@pytest.fixture
def sample_window(make_window: Callable[[], MainWindow], services: Services) -> MainWindow:
    services.load_sample(700)  # 250-odd contacts are Connected: more than one batch of cards
    window = make_window()
    window.board.set_parked_visible(True)
    return window


def first_in(window: MainWindow, stage: Stage) -> int:
    listed = window._listing.stage_entries(stage.value)
    return listed[0][1]


@pytest.mark.parametrize("search", ["", "an"])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_a_drop_shows_what_a_full_refresh_shows(
    qtbot: QtBot, sample_window: MainWindow, services: Services, search: str, order: Qt.SortOrder
) -> None:
    window = sample_window
    window.search.setText(search)
    window.contact_list.sortByColumn(Column.NAME, order)
    moved = first_in(window, Stage.CONNECTED)
    after = change_in_place(window, lambda: drop(window, moved, Stage.PARKED))
    assert services.contact(moved).stage is Stage.PARKED
    assert after["columns"]["connected"][1][0].row.id != moved  # type: ignore[index]
    window._refresh_view()
    assert shown(window) == after
    # Undo puts the card back, in place too.
    after = change_in_place(window, window.actions_.undo.trigger)
    assert services.contact(moved).stage is Stage.CONNECTED
    window._refresh_view()
    assert shown(window) == after


def test_the_current_contact_moved_stays_current_in_the_list_and_on_the_board(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    moved = first_in(window, Stage.CONNECTED)
    window.select_contact(moved)
    after = change_in_place(window, lambda: drop(window, moved, Stage.PARKED))
    assert after["board current"] == moved and after["window current"] == moved
    assert after["list current"] == [moved, moved]
    assert after["columns"]["parked"][2] == moved  # type: ignore[index]
    window._refresh_view()
    assert shown(window) == after


def test_a_deep_scrolled_column_keeps_its_loaded_cards(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    connected = next(m for m in window.board.findChildren(StageColumnModel) if m.stage is Stage.CONNECTED)
    connected.load_up_to(connected.total() - 1)
    view = window.board.findChild(QListView, "boardColumn_connected")
    assert isinstance(view, QListView)
    view.doItemsLayout()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    window.select_contact(connected.contact_id_at(connected.index(connected.total() - 2, 0)) or 0)
    after = change_in_place(window, lambda: drop(window, first_in(window, Stage.CONNECTED), Stage.PARKED))
    window._refresh_view()
    assert shown(window) == after


def test_edits_that_move_a_row_or_take_it_out_of_the_search_show_as_a_full_refresh(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    renamed = window.contacts.contact_id(3)
    assert renamed is not None
    window.select_contact(renamed)

    def rename(name: str) -> Callable[[], object]:
        return lambda: window._runner.run("Rename", renamed, lambda: services.edit_contact(renamed, name=name))

    after = change_in_place(window, rename("Zz Quux, moved to the end"))
    assert after["list current"] == [renamed, renamed]
    window._refresh_view()
    assert shown(window) == after
    other = window.contacts.contact_id(5)
    assert other is not None
    services.edit_contact(other, name="Mm Quux, another")
    window.reload()
    window.search.setText("quux")
    assert window.contacts.rowCount() == 2
    for name in ("Aa Quux, moved to the start", "Aa Quux, changed in place", "Nobody Special"):
        after = change_in_place(window, rename(name))
        window._refresh_view()
        assert shown(window) == after, name
    assert [row[0] for row in after["rows"]] == [other], "out of the search"  # type: ignore[attr-defined]
    assert after["list current"] == [None, None]
    assert after["window current"] == renamed, "the detail pane keeps showing the contact"
    after = change_in_place(window, window.actions_.undo.trigger)  # back into the search
    assert after["list current"] == [renamed, renamed]
    window._refresh_view()
    assert shown(window) == after


def test_delete_and_undo_show_as_a_full_refresh(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    gone = first_in(window, Stage.SPOTTED)
    window.select_contact(gone)
    after = change_in_place(window, window.actions_.delete_contact.trigger)
    assert gone not in [row[0] for row in after["rows"]]  # type: ignore[attr-defined]
    window._refresh_view()
    assert shown(window) == after
    after = change_in_place(window, window.actions_.undo.trigger)
    window._refresh_view()
    assert shown(window) == after


def test_sorted_by_company_a_drop_refreshes_in_full(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    window.search.setText("a")
    window.contact_list.sortByColumn(Column.COMPANY, Qt.SortOrder.AscendingOrder)
    moved = first_in(window, Stage.CONNECTED)
    before_rows = window.contacts.rowCount()
    drop(window, moved, Stage.PARKED)
    after = shown(window)
    companies = [row[1 + Column.COMPANY] for row in after["rows"]]  # type: ignore[attr-defined]
    assert len(companies) == before_rows
    window._refresh_view()
    assert shown(window) == after


def current_tab(window: MainWindow) -> str:
    tabs = window.detail.findChild(QTabWidget, "detailTabs")
    assert tabs is not None
    return tabs.tabText(tabs.currentIndex())


def test_a_nudges_do_it_opens_the_write_tab_on_the_right_kind(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    ada = add(services, "Ada Lovelace")
    to_connected(services, clock, ada)
    clock.advance(days=2)
    window = make_window()
    wait_for_nudges(qtbot, window)
    assert [n.kind for n in window._nudges] == [NudgeKind.THANK_YOU_DUE]
    assert current_tab(window) != "Write"
    window.nudge_panel.select_row(0)
    window.nudge_panel.action_chosen.emit(window.nudge_panel.current_nudge())
    assert window.detail.contact_id == ada
    assert current_tab(window) == "Write"
    assert window.detail.composer.kind is MessageKind.THANK_YOU


def test_a_due_reminder_opens_the_composer_on_what_the_stage_calls_for(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    grace = add(services, "Grace Hopper")
    engage_twice(services, clock, grace)
    services.add_reminder(grace, (clock() + timedelta(hours=2)).replace(tzinfo=None), "UTC")
    clock.advance(hours=3)
    window = make_window()
    wait_for_nudges(qtbot, window)
    reminder = next(n for n in window._nudges if n.kind is NudgeKind.REMINDER)
    window.nudge_panel.select_row(window._nudges.index(reminder))
    act = window.nudge_panel.findChild(QPushButton, "nudgeAct")
    assert act is not None and act.isEnabled() and act.text() == "Write it now"
    act.click()
    assert current_tab(window) == "Write"
    assert window.detail.composer.kind is MessageKind.CONNECTION_REQUEST


def test_preferences_change_the_composer_at_once(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    ada = add(services, "Ada Lovelace")
    window = make_window()
    window.select_contact(ada)
    window.detail.compose(MessageKind.CONNECTION_REQUEST)
    counter = window.detail.composer.findChild(QLabel, "composerCounter")
    assert counter is not None and "/ 200" in counter.text().replace("\u2009", " ")
    dialog = window.open_preferences()
    assert dialog.isVisible() and dialog.isModal()
    dialog.general.account_type.setCurrentIndex(dialog.general.account_type.findData(AccountType.PREMIUM.value))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.settings().account_type is AccountType.PREMIUM
    assert "/ 300" in counter.text().replace("\u2009", " ")


def test_preferences_has_a_menu_entry_and_shortcut(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    action = window.actions_.preferences
    assert not action.shortcut().isEmpty()
    edit = next(menu for menu in window.menuBar().findChildren(QMenu) if menu.title() == "&Edit")
    assert action in edit.actions()


def test_the_window_fits_a_half_screen_or_a_900_pixel_screen(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    """The first-run screen and the board each fit 900 pixels (half a 1920-pixel screen is 960); the Today panel's
    buttons go to two rows rather than hold the window wide."""
    window = make_window()
    assert window.centre.currentWidget() is window.first_run
    assert window.minimumSizeHint().width() <= 900
    services.load_sample(50)
    window.reload()
    qtbot.waitUntil(lambda: window.centre.currentWidget() is window.board)
    assert window.minimumSizeHint().width() <= 900
    assert window.nudge_panel._columns == 4, "at its first size the buttons are one row"
    window.resize(900, 600)
    window.left.setSizes([window.nudge_panel.minimumSizeHint().width(), 300])
    window.splitter.setSizes([window.nudge_panel.minimumSizeHint().width(), 500, 100])
    qtbot.waitUntil(lambda: window.nudge_panel._columns == 2)
    buttons = window.nudge_panel._buttons
    assert buttons[0].geometry().bottom() < buttons[2].geometry().top(), "two rows"
    assert all(button.width() >= button.minimumSizeHint().width() for button in buttons), "none squeezed"
