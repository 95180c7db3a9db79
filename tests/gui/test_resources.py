"""Every icon the window uses loads and draws something at menu and toolbar sizes; missing ones fail loudly here."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from gui.resources import (
    MissingResource,
    MissingResourceWarning,
    app_icon,
    icon,
    resource_path,
    resources_root,
)

ICON_NAMES = [
    "board",
    "table",
    "search",
    "nudge",
    "snooze",
    "dismiss",
    "like",
    "comment",
    "share",
    "add-contact",
    "import",
    "undo",
    "redo",
]


def _drawn_pixels(qicon: QIcon, size: int) -> int:
    pixmap = qicon.pixmap(QSize(size, size), 1.0)
    assert not pixmap.isNull()
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    assert (image.width(), image.height()) == (size, size)
    return sum(1 for y in range(size) for x in range(size) if image.pixelColor(x, y).alpha() > 0)


@pytest.mark.parametrize("name", ICON_NAMES)
@pytest.mark.parametrize("size", [16, 64])
def test_each_icon_draws_at_menu_and_toolbar_sizes(qapp: QApplication, name: str, size: int) -> None:
    loaded = icon(name)

    assert not loaded.isNull()
    # Something, but not a filled square: an outline icon covers well under half of its box.
    assert 0 < _drawn_pixels(loaded, size) < size * size * 0.6


@pytest.mark.parametrize("name", ICON_NAMES)
def test_icons_are_24_px_outlines_in_one_fixed_colour(name: str) -> None:
    path = resource_path(f"icons/{name}.svg")
    text = path.read_text(encoding="utf-8")

    assert QSvgRenderer(str(path)).isValid()
    assert 'viewBox="0 0 24 24"' in text
    # A fixed mid-tone (>= 3:1 on white and on dark grey) rather than currentColor, which Qt's SVG engine
    # does not take from the palette.
    assert "currentColor" not in text
    assert text.count('stroke="#') == 1


def test_the_app_icon_draws_at_every_size(qapp: QApplication) -> None:
    assert QSvgRenderer(str(resource_path("overture.svg"))).isValid()
    for size in (16, 32, 64, 256):
        assert _drawn_pixels(app_icon(), size) > size * size // 2  # a full tile, not a speck


def test_icons_are_cached(qapp: QApplication) -> None:
    assert icon("board").cacheKey() == icon("board").cacheKey()


def test_a_missing_file_is_a_clear_error() -> None:
    with pytest.raises(MissingResource, match=re.escape("icons/no-such.svg")):
        resource_path("icons/no-such.svg")


def test_names_cannot_leave_the_resources_folder() -> None:
    with pytest.raises(MissingResource, match="outside"):
        resource_path("../pyproject.toml")


def test_a_missing_icon_warns_and_the_app_carries_on_without_it(
    qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    # The suite turns warnings into errors, so a typo in an icon name fails whichever test reaches it.
    with pytest.warns(MissingResourceWarning, match=re.escape("icons/not-an-icon.svg")):
        missing = icon("not-an-icon")

    assert missing.isNull()
    assert "not-an-icon" in caplog.text


def test_a_frozen_bundle_is_read_from_its_own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = tmp_path / "resources" / "icons" / "board.svg"
    bundled.parent.mkdir(parents=True)
    bundled.write_text("<svg/>", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert resources_root() == tmp_path / "resources"
    assert resource_path("icons/board.svg") == bundled.resolve()
