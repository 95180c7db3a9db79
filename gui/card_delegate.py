"""Paints a contact as a card on the pipeline board: who, where they work, how long in the stage, what is due."""

from __future__ import annotations

import html
from collections import OrderedDict

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPalette, QPen, QPixmap, QTextLayout
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QToolTip

from gui.models.stage_column_model import Card, CardRole
from gui.theme import severity_color as theme_severity_color
from model.nudges import Severity
from model.timefmt import human_span

AnyIndex = QModelIndex | QPersistentModelIndex
# Painted cards kept for reuse, in bytes: a few screens of cards at 200% scaling. Painting one card in Python costs
# about 0.4 ms, and a move or a keystroke repaints every card in sight, mostly unchanged (measured at 100,000
# contacts: 15-25 ms of each 50 ms budget).
CARD_CACHE_BYTES = 24 * 1024 * 1024
# What a card's look depends on besides its content: selection, focus and hover.
_LOOK = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_MouseOver


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` (0..1) of the way towards `b`: tints that follow the palette, light or dark."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def severity_color(palette: QPalette, severity: Severity) -> QColor:
    """The theme's severity colours; hints stay as quiet as secondary text on a card."""
    if severity is Severity.INFO:
        return secondary_text(palette)
    return theme_severity_color(severity.label, palette)


def secondary_text(palette: QPalette) -> QColor:
    return blend(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.4)


def panel_color(palette: QPalette) -> QColor:
    """The board column's panel, which shows around and between the cards."""
    return blend(palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText), 0.05)


def wrap_two_lines(text: str, font: QFont, width: int) -> list[str]:
    """`text` broken at a word to fill one line, the rest elided into a second (plain text throughout)."""
    text = " ".join(text.split())
    layout = QTextLayout(text, font)
    layout.beginLayout()
    first = layout.createLine()
    if first.isValid():
        first.setLineWidth(width)
    layout.endLayout()
    if not first.isValid() or first.textLength() >= len(text):
        return [text]
    cut = first.textStart() + first.textLength()
    rest = QFontMetrics(font).elidedText(text[cut:].strip(), Qt.TextElideMode.ElideRight, width)
    return [text[:cut].rstrip(), rest]


class CardMetrics:
    """Every length of a card, from the font: cards stay readable at 125-200% text scaling."""

    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.italic = QFont(font)
        self.italic.setItalic(True)
        self.font_metrics = QFontMetrics(self.font)
        self.bold_metrics = QFontMetrics(self.bold)
        self.italic_metrics = QFontMetrics(self.italic)
        self.line = self.font_metrics.height()
        self.bold_line = self.bold_metrics.height()
        self.margin = max(3, self.line // 4)  # around each card: the column shows between cards
        self.padding = max(4, self.line // 2)
        self.gap = max(1, self.line // 8)
        self.accent = max(3, self.line // 5)  # the severity stripe on the card's left edge
        self.radius = max(3, self.line // 3)
        # Name, work, time in stage, then two lines for what is due: a reason cut after one line says too little.
        text_height = self.bold_line + 4 * self.line + 3 * self.gap
        self.height = 2 * self.margin + 2 * self.padding + text_height
        self.min_width = 12 * self.font_metrics.averageCharWidth()

    def of(self, font: QFont) -> QFontMetrics:
        if font is self.bold:
            return self.bold_metrics
        return self.italic_metrics if font is self.italic else self.font_metrics


class _PixmapCache:
    """Least recently used pixmaps up to a size in bytes."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._used = 0
        self._pixmaps: OrderedDict[object, QPixmap] = OrderedDict()

    def get(self, key: object) -> QPixmap | None:
        pixmap = self._pixmaps.get(key)
        if pixmap is not None:
            self._pixmaps.move_to_end(key)
        return pixmap

    def put(self, key: object, pixmap: QPixmap) -> None:
        self._pixmaps[key] = pixmap
        self._used += self._size(pixmap)
        while self._used > self._budget and len(self._pixmaps) > 1:
            _key, oldest = self._pixmaps.popitem(last=False)
            self._used -= self._size(oldest)

    def __len__(self) -> int:
        return len(self._pixmaps)

    @staticmethod
    def _size(pixmap: QPixmap) -> int:
        return pixmap.width() * pixmap.height() * 4


class CardDelegate(QStyledItemDelegate):
    """One fixed-height card per contact (the views use uniform item sizes); all text is painted as plain text.

    A card is painted once into a pixmap, on the column's panel colour so text keeps the platform's antialiasing,
    and drawn from there while its content, size, look and palette stay the same.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._font = QFont()
        self._font_serial = 0  # part of a cached card's key: QFont.key() costs more than painting from the cache
        self._metrics = CardMetrics(self._font)
        self._cards = _PixmapCache(CARD_CACHE_BYTES)
        self._frames: dict[object, QPixmap] = {}  # a card's background, border and stripe: a handful of kinds

    def metrics(self, font: QFont) -> CardMetrics:
        if font != self._font:
            self._font = QFont(font)
            self._font_serial += 1
            self._metrics = CardMetrics(font)
        return self._metrics

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = self.metrics(option.font)
        return QSize(metrics.min_width, metrics.height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        card = index.data(CardRole)  # one read per card painted
        if not isinstance(card, Card):
            return
        palette: QPalette = option.palette
        metrics = self.metrics(option.font)
        bounds: QRect = option.rect
        ratio = painter.device().devicePixelRatioF()
        look = (
            option.state & _LOOK,
            bounds.width(),
            bounds.height(),
            palette.cacheKey(),
            palette.currentColorGroup(),
            self._font_serial,
            ratio,
        )
        key = (card, look)
        pixmap = self._cards.get(key)
        if pixmap is None:
            severity = card.nudge.severity if card.nudge is not None else None
            frame_key = (look, card.stale, severity if severity is not Severity.INFO else None)
            frame = self._frames.get(frame_key)
            if frame is None:
                if len(self._frames) > 64:  # palettes or sizes changed many times: start over
                    self._frames.clear()
                frame = self._frames[frame_key] = self._frame(option, metrics, ratio, card.stale, frame_key[2])
            pixmap = frame.copy()
            onto = QPainter(pixmap)
            try:
                self._paint_text(onto, palette, metrics, self._area(QRect(QPoint(0, 0), bounds.size()), metrics), card)
            finally:
                onto.end()
            self._cards.put(key, pixmap)
        painter.drawPixmap(bounds.topLeft(), pixmap)

    @staticmethod
    def _area(bounds: QRect, metrics: CardMetrics) -> QRect:
        # Half the margin above and below each card, so neighbours sit one margin apart.
        return bounds.adjusted(
            metrics.margin, metrics.margin // 2, -metrics.margin, -(metrics.margin - metrics.margin // 2)
        )

    def _frame(
        self, option: QStyleOptionViewItem, metrics: CardMetrics, ratio: float, stale: bool, severity: Severity | None
    ) -> QPixmap:
        """A card without its text, on the column's panel colour."""
        palette: QPalette = option.palette
        size: QSize = option.rect.size()
        frame = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        frame.setDevicePixelRatio(ratio)
        frame.fill(panel_color(palette))
        area = self._area(QRect(QPoint(0, 0), size), metrics)
        painter = QPainter(frame)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_card(painter, palette, option.state, metrics, area, stale)
            if severity is not None:
                self._paint_accent(painter, severity_color(palette, severity), metrics, area)
        finally:
            painter.end()
        return frame

    @staticmethod
    def _paint_card(
        painter: QPainter, palette: QPalette, state: QStyle.StateFlag, metrics: CardMetrics, area: QRect, stale: bool
    ) -> None:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        fill = blend(base, palette.color(QPalette.ColorRole.Window), 0.7) if stale else base
        border = blend(base, text, 0.2)
        width = 1.0
        if selected:
            fill = blend(fill, highlight, 0.12)
            border, width = highlight, 2.0
        elif state & QStyle.StateFlag.State_HasFocus:
            border = highlight
        elif state & QStyle.StateFlag.State_MouseOver:
            border = blend(base, text, 0.45)
        pen = QPen(border, width)
        if stale and not selected:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        inset = width / 2
        painter.drawRoundedRect(QRectF(area).adjusted(inset, inset, -inset, -inset), metrics.radius, metrics.radius)

    @staticmethod
    def _paint_accent(painter: QPainter, color: QColor, metrics: CardMetrics, area: QRect) -> None:
        stripe = QRectF(area.left() + 1, area.top() + 1, metrics.accent, area.height() - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(stripe, metrics.accent / 2, metrics.accent / 2)

    def _paint_text(self, painter: QPainter, palette: QPalette, metrics: CardMetrics, area: QRect, card: Card) -> None:
        left = area.left() + metrics.padding + metrics.accent
        width = area.right() - metrics.padding - left
        top = area.top() + metrics.padding
        text = palette.color(QPalette.ColorRole.Text)
        muted = secondary_text(palette)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine

        def line(content: str, font: QFont, color: QColor, height: int) -> None:
            nonlocal top
            painter.setFont(font)
            painter.setPen(color)
            # User text may hold newlines; a card line is one line, and QPainter never reads it as HTML.
            shown = metrics.of(font).elidedText(" ".join(content.split()), Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(left, top, width, height), flags, shown)
            top += height + metrics.gap

        row = card.row
        line(row.name, metrics.bold, muted if card.stale else text, metrics.bold_line)
        line(" · ".join(part for part in (row.company, row.position) if part), metrics.font, muted, metrics.line)
        line(self.stage_note(card), metrics.font, muted, metrics.line)
        if card.nudge is not None:
            font = metrics.bold if card.nudge.severity <= Severity.WARNING else metrics.font
            painter.setFont(font)
            painter.setPen(severity_color(palette, card.nudge.severity))
            for part in wrap_two_lines(card.nudge.reason, font, width):
                painter.drawText(QRect(left, top, width, metrics.line), flags, part)
                top += metrics.line
        elif card.stale:
            line(self.quiet_note(card), metrics.italic, muted, metrics.line)

    def stage_note(self, card: Card) -> str:
        # The column names the stage: the card's narrow line keeps the time ("8 years here"; its tooltip says both).
        if card.days_in_stage == 0:
            return self.tr("New here")
        return self.tr("{days} here").format(days=human_span(card.days_in_stage))

    def quiet_note(self, card: Card) -> str:
        # Shown when no nudge takes the line: a due nudge says more than "quiet" does.
        return self.tr("Quiet for {days}").format(days=human_span(card.days_since_activity))

    def helpEvent(
        self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem, index: AnyIndex
    ) -> bool:
        """Show the card's plain-text summary as plain text: QToolTip would read a name like "<b>Ada" as HTML."""
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid():
            text = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(text, str) and text:
                escaped = html.escape(text, quote=False).replace("\n", "<br>")
                QToolTip.showText(event.globalPos(), f"<p style='white-space:pre-wrap'>{escaped}</p>", view)
                return True
        return super().helpEvent(event, view, option, index)
