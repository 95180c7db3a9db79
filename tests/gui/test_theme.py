"""Fusion follows the system's scheme; severity colours stay readable on light and dark backgrounds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPalette, QPixmapCache
from PySide6.QtWidgets import QApplication, QLabel, QProxyStyle, QWidget
from pytestqt.qtbot import QtBot

from gui.resources import icon
from gui.theme import (
    SEVERITY_LABELS,
    Scheme,
    apply_theme,
    current_scheme,
    dark_palette,
    force_scheme,
    is_dark,
    light_palette,
    set_text_tone,
    severity_color,
)

Role = QPalette.ColorRole


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2.x contrast ratio."""
    darker, lighter = sorted((_luminance(a), _luminance(b)))
    return (lighter + 0.05) / (darker + 0.05)


def _system_scheme_changed(app: QApplication, scheme: Qt.ColorScheme) -> None:
    # The offscreen platform has no system scheme to change; emitting Qt's own signal is what a desktop would do.
    app.styleHints().colorSchemeChanged.emit(scheme)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The one QApplication, put back as it was: other tests must not run in a forced dark theme."""
    style = qapp.style().name()
    yield qapp
    for follower in qapp.findChildren(QObject, "overtureSchemeFollower"):
        follower.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.setPalette(QPalette())
    if qapp.style().name() != style:
        qapp.setStyle(style)


def test_uses_fusion_and_the_platform_palette_when_light(app: QApplication) -> None:
    apply_theme(app)

    style = app.style()
    assert isinstance(style, QProxyStyle)  # Fusion with faded disabled icons
    assert style.baseStyle().name() == "fusion"
    assert current_scheme(app) == "light"


def test_follows_the_system_to_dark_and_back(app: QApplication, qtbot: QtBot) -> None:
    apply_theme(app)
    widget = QWidget()
    qtbot.addWidget(widget)

    _system_scheme_changed(app, Qt.ColorScheme.Dark)
    assert current_scheme(app) == "dark"
    assert app.palette().color(Role.Window).lightness() < 64
    # Widgets hear of the new palette through a posted event.
    qtbot.waitUntil(lambda: widget.palette().color(Role.Window) == app.palette().color(Role.Window))

    _system_scheme_changed(app, Qt.ColorScheme.Light)
    assert current_scheme(app) == "light"


def test_applying_twice_follows_once(app: QApplication) -> None:
    apply_theme(app)
    apply_theme(app)

    assert len(app.findChildren(QObject, "overtureSchemeFollower")) == 1


def test_a_forced_scheme_ignores_the_system_until_the_theme_is_applied_again(app: QApplication) -> None:
    force_scheme(app, "dark")
    _system_scheme_changed(app, Qt.ColorScheme.Light)
    assert current_scheme(app) == "dark"

    force_scheme(app, "light")
    assert app.palette().color(Role.Window) == light_palette().color(Role.Window)

    apply_theme(app)
    _system_scheme_changed(app, Qt.ColorScheme.Dark)
    assert current_scheme(app) == "dark"


def _strongest_alpha(qicon: QIcon, mode: QIcon.Mode) -> int:
    image = qicon.pixmap(QSize(24, 24), 1.0, mode).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return max(image.pixelColor(x, y).alpha() for y in range(24) for x in range(24))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_disabled_icons_are_faded_on_either_scheme(app: QApplication, scheme: Scheme) -> None:
    force_scheme(app, scheme)
    QPixmapCache.clear()  # disabled pixmaps generated under another style may be cached

    normal = _strongest_alpha(icon("redo"), QIcon.Mode.Normal)
    disabled = _strongest_alpha(icon("redo"), QIcon.Mode.Disabled)

    assert disabled < normal / 2


def _palette(scheme: Scheme) -> QPalette:
    return dark_palette() if scheme == "dark" else light_palette()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_palettes_text_is_readable(qapp: QApplication, scheme: Scheme) -> None:
    palette = _palette(scheme)
    for text, background in [
        (Role.Text, Role.Base),
        (Role.WindowText, Role.Window),
        (Role.ButtonText, Role.Button),
        (Role.HighlightedText, Role.Highlight),
        (Role.ToolTipText, Role.ToolTipBase),
    ]:
        assert contrast(palette.color(text), palette.color(background)) >= 4.5, (text, background)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("label", SEVERITY_LABELS)
def test_severity_colours_are_readable(qapp: QApplication, scheme: Scheme, label: str) -> None:
    palette = _palette(scheme)
    color = severity_color(label, palette)

    for background in (Role.Base, Role.AlternateBase, Role.Window):
        assert contrast(color, palette.color(background)) >= 4.5, background


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_severities_differ_from_each_other_and_from_plain_text(qapp: QApplication, scheme: Scheme) -> None:
    palette = _palette(scheme)
    colors = {severity_color(label, palette).name() for label in SEVERITY_LABELS}

    assert len(colors) == len(SEVERITY_LABELS)
    assert palette.color(Role.Text).name() not in colors


def test_an_unknown_severity_paints_as_plain_text(qapp: QApplication) -> None:
    palette = dark_palette()

    assert severity_color("apocalyptic", palette) == palette.color(Role.Text)


def test_dark_is_told_by_the_base_colour(qapp: QApplication) -> None:
    assert is_dark(dark_palette())
    assert not is_dark(light_palette())


def test_toned_text_follows_the_scheme_and_stays_readable(app: QApplication, qtbot: QtBot) -> None:
    force_scheme(app, "light")
    quiet, overdue, plain = QLabel("Quiet"), QLabel("Overdue"), QLabel("Plain")
    for label in (quiet, overdue, plain):
        qtbot.addWidget(label)
    set_text_tone(quiet, "quiet")
    set_text_tone(overdue, "overdue")
    set_text_tone(plain, "warning")
    set_text_tone(plain, None)  # back to normal text
    text = Role.WindowText
    assert overdue.palette().color(text) == severity_color("overdue", light_palette())
    assert plain.palette().color(text) == app.palette().color(text)
    for label in (quiet, overdue, plain):
        assert contrast(label.palette().color(text), light_palette().color(Role.Window)) >= 4.5, label.text()

    force_scheme(app, "dark")
    dark = dark_palette()
    qtbot.waitUntil(lambda: quiet.palette().color(Role.Window) == dark.color(Role.Window))
    assert quiet.palette().color(text) == dark.color(Role.PlaceholderText)
    assert overdue.palette().color(text) == severity_color("overdue", dark)
    assert plain.palette().color(text) == dark.color(text)
    for label in (quiet, overdue, plain):
        assert contrast(label.palette().color(text), dark.color(Role.Window)) >= 4.5, label.text()
