"""The pipeline board: columns per stage, paging, drag and drop as stage moves, refusals shown inline, the card menu."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QListView, QMenu, QToolButton, QToolTip
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gui.board import REFUSAL_SECONDS, PipelineBoard
from gui.models.stage_column_model import (
    BATCH,
    CONTACT_IDS_MIME,
    Card,
    CardRole,
    ContactIdRole,
    StageColumnModel,
)
from model.clock import format_utc
from model.directory import ContactQuery, ContactRow, Listing
from model.nudges import Nudge
from model.pipeline import Refusal
from model.services import Services
from model.vocabulary import PIPELINE, Stage
from tests.model.conftest import FakeClock, add, engage_twice, to_connected, to_requested

Mover = Callable[[int, Stage], str | None]
ADA_REFUSAL = "Log an engagement with Ada Lovelace's content first (a like, comment or share)."


def mover_over(services: Services, calls: list[tuple[int, Stage]] | None = None) -> Mover:
    """The window's mover, reduced to its core: one service call, the refusal's reason or None."""

    def move(contact_id: int, stage: Stage) -> str | None:
        if calls is not None:
            calls.append((contact_id, stage))
        result = services.move_stage(contact_id, stage)
        return result.reason if isinstance(result, Refusal) else None

    return move


def fake_rows(count: int, stage: Stage, clock: FakeClock, first_id: int = 1) -> list[ContactRow]:
    entered = format_utc(clock() - timedelta(days=3))
    return [
        ContactRow(
            first_id + n,
            f"Person {n:05d}",
            "Globex",
            "Analyst",
            "",
            stage.value,
            "regular",
            entered,
            entered,
            "",
            "",
            None,
            None,
        )
        for n in range(count)
    ]


def show_rows(board: PipelineBoard, services: Services, clock: FakeClock, stale_days: int = 7) -> None:
    """What the window does after every change: all rows, the first nudge per contact, the clock's now."""
    now = clock()
    by_contact: dict[int, Nudge] = {}
    for nudge in services.nudges(now):
        if nudge.contact_id is not None:
            by_contact.setdefault(nudge.contact_id, nudge)
    board.set_rows(services.directory().find(ContactQuery()), now, by_contact, stale_days)


def column_view(board: PipelineBoard, stage: Stage) -> QListView:
    view = board.findChild(QListView, f"boardColumn_{stage.value}")
    assert isinstance(view, QListView)
    return view


def column_model(board: PipelineBoard, stage: Stage) -> StageColumnModel:
    model = column_view(board, stage).model()
    assert isinstance(model, StageColumnModel)
    return model


def column_ids(board: PipelineBoard, stage: Stage) -> list[int]:
    model = column_model(board, stage)
    return [model.index(row, 0).data(ContactIdRole) for row in range(model.rowCount())]


def header_text(board: PipelineBoard, stage: Stage) -> str:
    header = board.findChild(QLabel, f"boardHeader_{stage.value}")
    assert isinstance(header, QLabel)
    return header.text()


def refusal_banner(board: PipelineBoard) -> QLabel:
    """The inline refusal: a plain-text label (inside a frame with its dismiss button)."""
    label = board.findChild(QLabel, "moveRefusal")
    assert isinstance(label, QLabel)
    assert label.textFormat() is Qt.TextFormat.PlainText
    return label


@pytest.fixture
def board(qtbot: QtBot, services: Services) -> PipelineBoard:
    widget = PipelineBoard(mover_over(services))
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    return widget


def test_every_column_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services, clock: FakeClock
) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    nudges = {n.contact_id: n for n in services.nudges(clock()) if n.contact_id is not None}
    for stage in (*PIPELINE, Stage.PARKED):
        model = StageColumnModel(stage, mover_over(services))
        rows = fake_rows(BATCH + 50, stage, clock, first_id=1000)
        if stage is Stage.CONNECTED:
            rows = [*services.directory().find(ContactQuery()), *rows]
        model.set_rows(rows, clock(), nudges, 7)
        qtmodeltester.check(model)  # type: ignore[no-untyped-call]


def test_a_long_column_pages_in_batches_of_200(qtbot: QtBot, services: Services, clock: FakeClock) -> None:
    model = StageColumnModel(Stage.SPOTTED, mover_over(services))
    model.set_rows(fake_rows(1000, Stage.SPOTTED, clock), clock(), {}, 7)
    assert (model.rowCount(), model.total()) == (200, 1000)
    assert model.canFetchMore(model.index(-1, 0))
    model.fetchMore(model.index(-1, 0))
    assert model.rowCount() == 400
    deep = model.index_of(851)  # a card far down: whole batches load up to it
    assert (deep.row(), model.rowCount()) == (850, 1000)
    assert not model.canFetchMore(model.index(-1, 0))
    # A reload loads one batch again, or whole batches up to what the board still shows.
    model.set_rows(fake_rows(1000, Stage.SPOTTED, clock), clock(), {}, 7)
    assert model.rowCount() == 200
    model.set_rows(fake_rows(1000, Stage.SPOTTED, clock), clock(), {}, 7, keep_loaded=401)
    assert model.rowCount() == 600


def test_the_board_never_lays_out_a_whole_big_column(board: PipelineBoard, clock: FakeClock) -> None:
    board.set_rows(fake_rows(30_000, Stage.SPOTTED, clock), clock(), {}, 7)
    assert header_text(board, Stage.SPOTTED) == "Spotted (30,000)"
    assert column_model(board, Stage.SPOTTED).rowCount() == BATCH


def test_a_reload_keeps_each_column_where_the_user_scrolled_it(
    qtbot: QtBot, board: PipelineBoard, clock: FakeClock
) -> None:
    rows = fake_rows(1000, Stage.ENGAGING, clock)
    board.set_rows(rows, clock(), {}, 7)
    board.show()
    qtbot.waitExposed(board)
    view = column_view(board, Stage.ENGAGING)
    scrollbar = view.verticalScrollBar()
    first_batch_end = scrollbar.maximum()
    scrollbar.setValue(first_batch_end)  # the end of the loaded cards: the view fetches the next batch
    qtbot.waitUntil(lambda: scrollbar.maximum() > first_batch_end)
    assert view.model().rowCount() == 2 * BATCH
    scrollbar.setValue(scrollbar.maximum() - 10)
    where = scrollbar.value()
    board.set_rows(rows, clock(), {}, 7)
    assert scrollbar.value() == where
    assert view.model().rowCount() == 2 * BATCH
    scrollbar.setValue(0)
    board.set_rows(rows, clock(), {}, 7)
    assert view.model().rowCount() == BATCH  # back at the top, back to one batch


def test_a_card_says_how_long_and_what_is_due(services: Services, clock: FakeClock) -> None:
    ada = add(services, company="Analytical Engines", position="Analyst")
    to_connected(services, clock, ada)
    clock.advance(days=10)
    nudges = {n.contact_id: n for n in services.nudges(clock()) if n.contact_id is not None}
    model = StageColumnModel(Stage.CONNECTED, mover_over(services))
    model.set_rows(services.directory().find(ContactQuery()), clock(), nudges, 7)
    card = model.index(0, 0).data(CardRole)
    assert isinstance(card, Card)
    assert (card.days_in_stage, card.stale) == (10, True)
    assert card.nudge is not None
    assert "thank-you is overdue" in card.nudge.reason
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[:4] == [
        "Ada Lovelace",
        "Analytical Engines · Analyst",
        "10 days in Connected",
        "Quiet for 10 days",
    ]
    assert tip.splitlines()[4].startswith("Overdue: Ada Lovelace accepted 10 days ago")


def test_nurturing_and_parked_cards_never_go_stale(services: Services, clock: FakeClock) -> None:
    for stage, stale in ((Stage.CONNECTED, True), (Stage.NURTURING, False), (Stage.PARKED, False)):
        model = StageColumnModel(stage, mover_over(services))
        model.set_rows(fake_rows(1, stage, clock), clock() + timedelta(days=30), {}, 7)
        card = model.index(0, 0).data(CardRole)
        assert isinstance(card, Card)
        assert card.stale is stale, stage


def test_headers_count_each_stage_and_parked_waits_behind_its_button(
    qtbot: QtBot, board: PipelineBoard, services: Services, clock: FakeClock
) -> None:
    add(services, "Grace Hopper")
    to_requested(services, clock, add(services))
    parked = add(services, "Alan Turing")
    services.park(parked, "Changed roles")
    show_rows(board, services, clock)
    board.show()
    assert [header_text(board, stage) for stage in PIPELINE] == [
        "Spotted (1)",
        "Engaging (0)",
        "Requested (1)",
        "Connected (0)",
        "Nurturing (0)",
    ]
    panel = board.findChild(QFrame, "boardPanel_parked")
    toggle = board.findChild(QToolButton, "parkedToggle")
    assert isinstance(panel, QFrame)
    assert isinstance(toggle, QToolButton)
    assert not panel.isVisible()
    assert toggle.text() == "Parked (1)"
    with qtbot.waitSignal(board.parked_visibility_changed) as shown:
        toggle.click()
    assert shown.args == [True]
    assert panel.isVisible()
    assert column_ids(board, Stage.PARKED) == [parked]
    board.set_parked_visible(False)
    assert not panel.isVisible()


def test_a_drop_the_rules_allow_moves_the_contact(board: PipelineBoard, services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    show_rows(board, services, clock)
    requested, connected = column_model(board, Stage.REQUESTED), column_model(board, Stage.CONNECTED)
    data = requested.mimeData([requested.index(0, 0)])
    assert data.formats() == [CONTACT_IDS_MIME]
    assert connected.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, connected.index(-1, 0))
    assert connected.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, connected.index(-1, 0))
    assert services.contact(ada).stage is Stage.CONNECTED
    show_rows(board, services, clock)  # the window reloads after a move
    assert column_ids(board, Stage.CONNECTED) == [ada]
    assert column_ids(board, Stage.REQUESTED) == []
    assert not refusal_banner(board).isVisible()


def test_a_refused_drop_snaps_back_and_says_why(
    qtbot: QtBot, board: PipelineBoard, services: Services, clock: FakeClock
) -> None:
    ada = add(services)
    show_rows(board, services, clock)
    board.show()
    spotted, engaging = column_model(board, Stage.SPOTTED), column_model(board, Stage.ENGAGING)
    data = spotted.mimeData([spotted.index(0, 0)])
    with qtbot.waitSignal(engaging.move_refused) as refused:
        assert not engaging.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, engaging.index(-1, 0))
    assert refused.args == [ADA_REFUSAL]
    assert services.contact(ada).stage is Stage.SPOTTED
    assert column_ids(board, Stage.SPOTTED) == [ada]
    banner = refusal_banner(board)
    assert banner.isVisible()
    assert banner.text() == ADA_REFUSAL
    dismiss = board.findChild(QToolButton, "moveRefusalDismiss")
    assert isinstance(dismiss, QToolButton)
    dismiss.click()
    assert not banner.isVisible()


def test_a_refusal_goes_away_by_itself(qtbot: QtBot, board: PipelineBoard) -> None:
    board.show()
    board.show_refusal("Not now.")
    banner = refusal_banner(board)
    assert banner.isVisible()
    (timer,) = [timer for timer in board.findChildren(QTimer) if timer.isActive()]
    assert timer.interval() == REFUSAL_SECONDS * 1000
    timer.start(10)  # the same timer, sooner: waiting the real 8 s would only slow the suite
    qtbot.waitUntil(lambda: not banner.isVisible())


def test_a_dragged_card_dropped_on_another_column_view_is_refused_in_place(
    qtbot: QtBot, board: PipelineBoard, services: Services, clock: FakeClock
) -> None:
    ada = add(services)
    show_rows(board, services, clock)
    board.show()
    qtbot.waitExposed(board)
    spotted = column_model(board, Stage.SPOTTED)
    data = spotted.mimeData([spotted.index(0, 0)])
    target = column_view(board, Stage.ENGAGING).viewport()
    where = target.rect().center()
    move, button, keys = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where, move, data, button, keys)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    hover = QDragMoveEvent(where, move, data, button, keys)
    QApplication.sendEvent(target, hover)
    assert hover.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(where), move, data, button, keys))
    banner = refusal_banner(board)
    assert banner.isVisible()
    assert banner.text() == ADA_REFUSAL
    assert services.contact(ada).stage is Stage.SPOTTED
    assert column_ids(board, Stage.SPOTTED) == [ada]
    assert column_ids(board, Stage.ENGAGING) == []


def test_a_card_dropped_on_its_own_column_goes_nowhere(qtbot: QtBot, services: Services, clock: FakeClock) -> None:
    calls: list[tuple[int, Stage]] = []
    own = PipelineBoard(mover_over(services, calls))
    qtbot.addWidget(own)
    add(services)
    show_rows(own, services, clock)
    spotted = column_model(own, Stage.SPOTTED)
    data = spotted.mimeData([spotted.index(0, 0)])
    assert not spotted.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, spotted.index(-1, 0))
    assert not spotted.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, spotted.index(-1, 0))
    assert calls == []


# A popup menu asks the platform to raise it and grab the keyboard; the offscreen plugin can do neither.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_move_to_in_the_card_menu_goes_through_the_same_mover(
    qtbot: QtBot, board: PipelineBoard, services: Services, clock: FakeClock
) -> None:
    ada, grace = add(services), add(services, "Grace Hopper")
    to_requested(services, clock, grace)
    show_rows(board, services, clock)
    board.show()
    qtbot.waitExposed(board)

    def open_menu(stage: Stage) -> QMenu:
        view = column_view(board, stage)
        where = view.visualRect(view.model().index(0, 0)).center()
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, view.viewport().mapToGlobal(where))
        QApplication.sendEvent(view.viewport(), event)
        menu = board.findChild(QMenu, "cardMenu")
        assert isinstance(menu, QMenu)
        return menu

    menu = open_menu(Stage.REQUESTED)
    move_to = menu.findChild(QMenu, "moveToMenu")
    assert isinstance(move_to, QMenu)
    assert [action.text() for action in move_to.actions()] == [
        "Spotted",
        "Engaging",
        "Connected",
        "Nurturing",
        "Parked",
    ]
    next(action for action in move_to.actions() if action.text() == "Connected").trigger()
    menu.close()
    assert services.contact(grace).stage is Stage.CONNECTED
    show_rows(board, services, clock)
    qtbot.waitUntil(lambda: board.findChild(QMenu, "cardMenu") is None)

    menu = open_menu(Stage.SPOTTED)
    move_to = menu.findChild(QMenu, "moveToMenu")
    assert isinstance(move_to, QMenu)
    next(action for action in move_to.actions() if action.text() == "Engaging").trigger()
    menu.close()
    banner = refusal_banner(board)
    assert banner.isVisible()
    assert banner.text() == ADA_REFUSAL
    assert services.contact(ada).stage is Stage.SPOTTED


def test_selection_is_one_card_on_the_whole_board_and_survives_a_reload(
    qtbot: QtBot, board: PipelineBoard, services: Services, clock: FakeClock
) -> None:
    ada, grace = add(services), add(services, "Grace Hopper")
    engage_twice(services, clock, grace)
    show_rows(board, services, clock)
    assert board.current_contact_id() is None
    with qtbot.waitSignal(board.contact_selected) as selected:
        board.select_contact(grace)
    assert selected.args == [grace]
    assert board.current_contact_id() == grace
    column_view(board, Stage.SPOTTED).setCurrentIndex(column_model(board, Stage.SPOTTED).index(0, 0))
    assert board.current_contact_id() == ada
    assert not column_view(board, Stage.ENGAGING).selectionModel().hasSelection()
    with qtbot.assertNotEmitted(board.contact_selected):
        show_rows(board, services, clock)
    assert board.current_contact_id() == ada
    assert column_view(board, Stage.SPOTTED).selectionModel().isSelected(column_model(board, Stage.SPOTTED).index(0, 0))
    services.delete_contact(ada)
    show_rows(board, services, clock)
    assert board.current_contact_id() is None


def test_selecting_a_card_deep_in_a_long_column_loads_up_to_it(board: PipelineBoard, clock: FakeClock) -> None:
    board.set_rows(fake_rows(1000, Stage.ENGAGING, clock), clock(), {}, 7)
    board.select_contact(701)
    view = column_view(board, Stage.ENGAGING)
    assert (view.currentIndex().row(), view.model().rowCount()) == (700, 800)
    assert board.current_contact_id() == 701


def test_keyboard_enter_opens_a_card_and_arrows_step_between_columns(
    qtbot: QtBot, board: PipelineBoard, services: Services, clock: FakeClock
) -> None:
    ada, grace = add(services), add(services, "Grace Hopper")
    engage_twice(services, clock, grace)
    show_rows(board, services, clock)
    board.show()
    board.select_contact(ada)
    spotted = column_view(board, Stage.SPOTTED)
    with qtbot.waitSignal(board.contact_activated) as activated:
        QTest.keyClick(spotted, Qt.Key.Key_Return)
    assert activated.args == [ada]
    with qtbot.waitSignal(board.contact_selected) as selected:
        QTest.keyClick(spotted, Qt.Key.Key_Right)
    assert selected.args == [grace]
    QTest.keyClick(column_view(board, Stage.ENGAGING), Qt.Key.Key_Left)
    assert board.current_contact_id() == ada


def test_a_double_click_opens_the_card(
    qtbot: QtBot, board: PipelineBoard, services: Services, clock: FakeClock
) -> None:
    ada = add(services)
    show_rows(board, services, clock)
    board.show()
    qtbot.waitExposed(board)
    view = column_view(board, Stage.SPOTTED)
    where = view.visualRect(view.model().index(0, 0)).center()
    # As a real double click does: a press and release first, so the view knows which card was pressed.
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    with qtbot.waitSignal(board.contact_activated) as activated:
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert activated.args == [ada]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, offscreen
def test_the_board_paints_every_kind_of_card(
    qtbot: QtBot, board: PipelineBoard, services: Services, clock: FakeClock
) -> None:
    # Names that look like markup stay text: painted by QPainter, and shown escaped in tooltips.
    quiet = add(services, "<b>Quiet</b> One", company="Looms & Co", position="Weaver")
    due = add(services, "Ada Lovelace")
    to_connected(services, clock, due)
    to_requested(services, clock, add(services, "Grace Hopper"))
    clock.advance(days=25)
    show_rows(board, services, clock)
    board.set_parked_visible(True)
    board.show()
    qtbot.waitExposed(board)
    board.select_contact(quiet)
    board.show_refusal("A reason with <i>angle brackets</i> & ampersands.")
    assert not board.grab().isNull()
    assert refusal_banner(board).text() == "A reason with <i>angle brackets</i> & ampersands."
    card = column_model(board, Stage.SPOTTED).index(0, 0).data(CardRole)
    assert isinstance(card, Card)
    assert card.stale
    view = column_view(board, Stage.SPOTTED)
    where = view.visualRect(view.model().index(0, 0)).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, where, view.viewport().mapToGlobal(where)))
    assert QToolTip.isVisible()
    assert "&lt;b&gt;Quiet&lt;/b&gt; One<br>Looms &amp; Co · Weaver" in QToolTip.text()
    QToolTip.hideText()


def test_a_drop_point_is_accepted_anywhere_in_the_column(
    qtbot: QtBot, board: PipelineBoard, services: Services, clock: FakeClock
) -> None:
    grace = add(services, "Grace Hopper")
    to_requested(services, clock, grace)
    show_rows(board, services, clock)
    board.show()
    qtbot.waitExposed(board)
    requested = column_model(board, Stage.REQUESTED)
    data = requested.mimeData([requested.index(0, 0)])
    target = column_view(board, Stage.CONNECTED).viewport()
    where = QPoint(target.width() // 2, target.height() - 5)
    move, button, keys = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(target, QDragEnterEvent(where, move, data, button, keys))
    QApplication.sendEvent(target, QDragMoveEvent(where, move, data, button, keys))
    drop = QDropEvent(QPointF(where), move, data, button, keys)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()
    assert services.contact(grace).stage is Stage.CONNECTED


def moved_listing(rows: list[ContactRow], contact_id: int, **change: Any) -> tuple[Listing, tuple[str, int] | None]:
    """The listing of `rows` with one contact changed, and where that contact was before."""
    before = Listing.of_rows(rows)
    changed = [row._replace(**change) if row.id == contact_id else row for row in rows]
    return Listing.of_rows(changed), before.locate(contact_id)


@pytest.mark.parametrize(
    ("loaded", "contact_id", "change"),
    [
        (BATCH, 1, {"stage": Stage.PARKED.value}),  # leaves a long column from its first card
        (BATCH, 900, {"stage": Stage.PARKED.value}),  # leaves from beyond the loaded cards
        (2 * BATCH, 5, {"name": "Person 00300 (renamed)"}),  # moves down within the loaded cards
        (BATCH, 5, {"name": "Person 00700 (renamed)"}),  # moves out of sight
        (BATCH, 5, {"company": "Initech"}),  # changes in place
        (BATCH, 2000, {"stage": Stage.ENGAGING.value, "name": "Person 00003 (new)"}),  # joins near the top
    ],
)
def test_a_column_changed_in_place_shows_what_a_reload_shows(
    qtmodeltester: ModelTester,
    services: Services,
    clock: FakeClock,
    loaded: int,
    contact_id: int,
    change: dict[str, object],
) -> None:
    rows = fake_rows(1000, Stage.ENGAGING, clock) + fake_rows(1, Stage.PARKED, clock, first_id=2000)
    model = StageColumnModel(Stage.ENGAGING, mover_over(services))
    model.set_rows(rows, clock(), {}, 7, keep_loaded=loaded)
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # and it watches the changes below
    loaded = model.rowCount()  # the tester pages in some more
    listing, before = moved_listing(rows, contact_id, **change)
    after = listing.locate(contact_id)
    engaging = Stage.ENGAGING.value
    model.change_one(
        listing,
        before[1] if before and before[0] == engaging else None,
        after[1] if after and after[0] == engaging else None,
    )
    reloaded = StageColumnModel(Stage.ENGAGING, mover_over(services))
    reloaded.set_rows(listing, clock(), {}, 7, keep_loaded=loaded)
    assert (model.rowCount(), model.total()) == (reloaded.rowCount(), reloaded.total())
    assert column_cards(model) == column_cards(reloaded)


def column_cards(model: StageColumnModel) -> list[object]:
    return [model.index(row, 0).data(CardRole) for row in range(model.rowCount())]


def test_a_column_joined_by_its_first_card_and_left_by_its_last(
    qtmodeltester: ModelTester, services: Services, clock: FakeClock
) -> None:
    rows = fake_rows(3, Stage.SPOTTED, clock)
    model = StageColumnModel(Stage.PARKED, mover_over(services))
    model.set_rows(rows, clock(), {}, 7)
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    listing, _before = moved_listing(rows, 2, stage=Stage.PARKED.value)
    model.change_one(listing, None, 0)
    assert [model.contact_id_at(model.index(row, 0)) for row in range(model.rowCount())] == [2]
    model.change_one(Listing.of_rows(rows), 0, None)
    assert (model.rowCount(), model.total()) == (0, 0)
