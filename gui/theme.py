"""The look: Fusion, following the system's light or dark scheme, and the colours the delegates use for severity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyleFactory, QStyleOption, QWidget

Scheme = Literal["light", "dark"]
# What a label's text colour says: quieter than the text around it, a severity, or credit ("good").
Tone = Literal["quiet", "overdue", "warning", "due", "info", "good"]

SEVERITY_LABELS = ("overdue", "warning", "due", "info")

# (on a light background, on a dark one): each at least 4.5:1 against Base, Window and AlternateBase of both
# palettes below (WCAG 2.x AA for normal text); tests/gui/test_theme.py checks it.
_SEVERITY_COLORS: Mapping[str, tuple[str, str]] = {
    "overdue": ("#b42318", "#ff8a80"),
    "warning": ("#8a4b00", "#f2b53c"),
    "due": ("#1d5bbf", "#8ab4f8"),
    "info": ("#4b5563", "#aab3c0"),
    "good": ("#1a7f37", "#7ee787"),  # not a nudge severity: what the composer credits in a note
}

_Role = QPalette.ColorRole

# Used when the scheme is dark but the platform gives no dark palette (Fusion draws with whatever palette it gets).
_DARK_ACTIVE: Mapping[QPalette.ColorRole, str] = {
    _Role.Window: "#2b2b2b",
    _Role.WindowText: "#e8e8e8",
    _Role.Base: "#1e1e1e",
    _Role.AlternateBase: "#262626",
    _Role.ToolTipBase: "#3a3a3a",
    _Role.ToolTipText: "#f0f0f0",
    _Role.PlaceholderText: "#999999",  # 4.9:1 on Window: quiet text stays readable (AA)
    _Role.Text: "#e8e8e8",
    _Role.Button: "#363636",
    _Role.ButtonText: "#e8e8e8",
    _Role.BrightText: "#ff6e6e",
    _Role.Light: "#4a4a4a",
    _Role.Midlight: "#3e3e3e",
    _Role.Mid: "#2a2a2a",
    _Role.Dark: "#1a1a1a",
    _Role.Shadow: "#000000",
    _Role.Highlight: "#3f63d9",  # the app icon's indigo, lightened; white on it is 5.3:1
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#8ab4f8",
    _Role.LinkVisited: "#c58af9",
    _Role.Accent: "#3f63d9",
}
_DARK_DISABLED: Mapping[QPalette.ColorRole, str] = {
    _Role.WindowText: "#7f7f7f",
    _Role.Text: "#7f7f7f",
    _Role.ButtonText: "#7f7f7f",
    _Role.PlaceholderText: "#666666",
    _Role.Highlight: "#4a4a4a",
    _Role.HighlightedText: "#bdbdbd",
    _Role.Base: "#262626",
}

_LIGHT_ACCENT = "#3451c6"

_FOLLOWER_NAME = "overtureSchemeFollower"

# Material's opacity for disabled content is 38%; a touch more keeps thin 16 px outlines visible.
_DISABLED_ICON_OPACITY = 0.4


class _FusionStyle(QProxyStyle):
    """Fusion, with disabled icons faded rather than remapped towards the window colour.

    Qt's own disabled pixmap maps grey towards white on a dark window, so a disabled icon looked brighter than an
    enabled one there; fading works the same on both schemes.
    """

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def generatedIconPixmap(self, mode: QIcon.Mode, pixmap: QPixmap | QImage, option: QStyleOption) -> QPixmap:
        if mode != QIcon.Mode.Disabled:
            return super().generatedIconPixmap(mode, pixmap, option)
        if isinstance(pixmap, QImage):
            pixmap = QPixmap.fromImage(pixmap)
        faded = QPixmap(pixmap.size())
        faded.setDevicePixelRatio(pixmap.devicePixelRatio())
        faded.fill(Qt.GlobalColor.transparent)
        painter = QPainter(faded)
        painter.setOpacity(_DISABLED_ICON_OPACITY)
        painter.drawPixmap(0, 0, pixmap)
        painter.end()
        return faded


def dark_palette() -> QPalette:
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role, color in _DARK_ACTIVE.items():
            palette.setColor(group, role, QColor(color))
    for role, color in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light palette, the same on every machine (for screenshots), with the app icon's indigo."""
    palette = QStyleFactory.create("Fusion").standardPalette()
    # Fusion's blue (#308cc6) under white text is 3.7:1; this indigo is 6.7:1 and matches the dark palette's accent.
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, _Role.Highlight, QColor(_LIGHT_ACCENT))
        palette.setColor(group, _Role.Accent, QColor(_LIGHT_ACCENT))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def severity_color(severity_label: str, palette: QPalette) -> QColor:
    """A text colour for a nudge of that severity ("overdue", "warning", "due", "info"), readable on `palette`."""
    pair = _SEVERITY_COLORS.get(severity_label)
    if pair is None:
        # A delegate paints whatever it is given; an unknown label must not break painting.
        return palette.color(QPalette.ColorRole.Text)
    return QColor(pair[1] if is_dark(palette) else pair[0])


_TONE_PROPERTY = "overtureTone"


class _ToneKeeper(QObject):
    """Gives toned widgets their colour again whenever their palette changes (the system turned dark or light).

    A colour set once stays fixed while the palette around it changes: grey-on-light text set in a light session
    would be near-invisible once the window turned dark.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QWidget):
            _paint_tone(watched)
        return False


_keeper: _ToneKeeper | None = None


def set_text_tone(widget: QWidget, tone: Tone | None) -> None:
    """Colour `widget`'s text by what it means, in the current scheme and every later one; None: normal text."""
    global _keeper
    if _keeper is None:
        _keeper = _ToneKeeper(QApplication.instance())
    if widget.property(_TONE_PROPERTY) is None:
        widget.installEventFilter(_keeper)
    widget.setProperty(_TONE_PROPERTY, tone or "")
    _paint_tone(widget)


def _paint_tone(widget: QWidget) -> None:
    tone = widget.property(_TONE_PROPERTY)
    palette = widget.palette()
    if tone == "quiet":
        colour = palette.color(QPalette.ColorRole.PlaceholderText)
    elif tone:
        colour = severity_color(str(tone), palette)
    else:
        colour = QApplication.palette(widget).color(_Role.WindowText)
    if palette.color(_Role.WindowText) != colour:  # setting it sends another PaletteChange: stop at the fixpoint
        palette.setColor(_Role.WindowText, colour)
        widget.setPalette(palette)


class _SchemeFollower(QObject):
    """Re-applies the palette when the system scheme changes, unless a scheme was forced."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(_FOLLOWER_NAME)
        self._app = app
        self.forced: Scheme | None = None
        app.styleHints().colorSchemeChanged.connect(self._on_style_hints_color_scheme_changed)

    @Slot(Qt.ColorScheme)
    def _on_style_hints_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.forced is None:
            _follow(self._app, scheme)


def apply_theme(app: QApplication) -> None:
    """Fusion with the system's scheme now and whenever it changes (Qt >= 6.5 reports the scheme)."""
    _use_fusion(app)
    _follower(app).forced = None
    _follow(app, app.styleHints().colorScheme())


def force_scheme(app: QApplication, scheme: Scheme) -> None:
    """One scheme from fixed palettes whatever the system says, so that README screenshots are reproducible."""
    _use_fusion(app)
    _follower(app).forced = scheme
    app.setPalette(dark_palette() if scheme == "dark" else light_palette())


def current_scheme(app: QApplication) -> Scheme:
    return "dark" if is_dark(app.palette()) else "light"


def _use_fusion(app: QApplication) -> None:
    # Setting a style re-polishes every widget: only once.
    if not isinstance(app.style(), _FusionStyle):
        app.setStyle(_FusionStyle())


def _follower(app: QApplication) -> _SchemeFollower:
    # One per application, however often the theme is applied, so that each scheme change is handled once.
    return app.findChild(_SchemeFollower, _FOLLOWER_NAME) or _SchemeFollower(app)


def _follow(app: QApplication, scheme: Qt.ColorScheme) -> None:
    # An empty palette hands every role back to the platform theme (or Fusion's defaults): a light desktop's own
    # colours and accent are kept. Windows 11, macOS and KDE also give a dark palette; where the platform does
    # not, its palette stays light in a dark session, and ours replaces it.
    app.setPalette(QPalette())
    if scheme == Qt.ColorScheme.Dark and not is_dark(app.palette()):
        app.setPalette(dark_palette())
