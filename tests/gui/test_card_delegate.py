"""Cards painted once and drawn from a cache: the same pixels as painting them anew, repainted when they change."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QListView, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from gui.card_delegate import CardDelegate, _PixmapCache, panel_color
from gui.models.stage_column_model import Card, CardRole, StageColumnModel
from model.clock import format_utc
from model.directory import ContactRow
from model.nudges import Nudge, NudgeKind, Severity
from model.vocabulary import Stage
from tests.model.conftest import FakeClock

ENABLED = QStyle.StateFlag.State_Enabled
SELECTED = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Selected


def column(clock: FakeClock, company: str = "Analytical Engines") -> StageColumnModel:
    quiet = format_utc(clock() - timedelta(days=30))
    rows = [
        ContactRow(1, "Ada Lovelace", company, "Analyst", "", "connected", "close", quiet, quiet, "", "", None, None),
        ContactRow(2, "محمد العبدالله", "", "", "", "connected", "regular", quiet, quiet, "", "", None, None),
    ]
    nudge = Nudge(1, "Ada Lovelace", None, NudgeKind.THANK_YOU_DUE, clock(), Severity.OVERDUE, "Say thanks", "x")
    model = StageColumnModel(Stage.CONNECTED, lambda _contact, _stage: None)
    model.set_rows(rows, clock(), {1: nudge}, 7)
    return model


def render(delegate: CardDelegate, model: StageColumnModel, view: QListView, state: QStyle.StateFlag) -> QImage:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.state = state
    height = delegate.sizeHint(option, model.index(0, 0)).height()
    image = QImage(240, 2 * height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(panel_color(option.palette))
    painter = QPainter(image)
    for row in range(2):
        option.rect = QRect(0, row * height, 240, height)
        delegate.paint(painter, option, model.index(row, 0))
    painter.end()
    return image


def test_a_card_from_the_cache_is_the_card_painted_anew(qtbot: QtBot, clock: FakeClock) -> None:
    view = QListView()
    qtbot.addWidget(view)
    model, delegate = column(clock), CardDelegate()
    first = render(delegate, model, view, ENABLED)
    assert render(delegate, model, view, ENABLED) == first  # from the cache
    assert render(CardDelegate(), model, view, ENABLED) == first
    selected = render(delegate, model, view, SELECTED)
    assert selected != first
    assert render(CardDelegate(), model, view, SELECTED) == selected
    changed = render(delegate, column(clock, company="Looms"), view, ENABLED)
    assert changed != first, "a changed contact is painted again"
    assert render(CardDelegate(), column(clock, company="Looms"), view, ENABLED) == changed


def test_the_cache_keeps_the_most_recently_used_cards_within_its_budget(qtbot: QtBot) -> None:
    cache = _PixmapCache(budget=2 * 100 * 100 * 4)
    for key in ("a", "b"):
        cache.put(key, QPixmap(100, 100))
    assert cache.get("a") is not None  # now the most recently used
    cache.put("c", QPixmap(100, 100))
    assert len(cache) == 2
    assert cache.get("b") is None
    assert cache.get("a") is not None and cache.get("c") is not None


def test_a_card_says_how_long_in_the_unit_a_person_reads_leaving_the_stage_to_its_column(
    qtbot: QtBot, clock: FakeClock
) -> None:
    view = QListView()
    qtbot.addWidget(view)
    delegate = CardDelegate(view)
    model = column(clock)
    card = model.index(1, 0).data(CardRole)
    assert isinstance(card, Card)
    for days, note, quiet in ((0, "New here", "Quiet for 0 days"), (30, "4 weeks here", "Quiet for 4 weeks")):
        card = replace(card, days_in_stage=days, days_since_activity=days)
        assert (delegate.stage_note(card), delegate.quiet_note(card)) == (note, quiet)
    card = replace(card, days_in_stage=3238)
    assert delegate.stage_note(card) == "8 years here"
