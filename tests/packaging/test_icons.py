"""packaging/make_icons.py: the app icon in every size each platform asks for, in containers they can read."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from model.about import APP_ID
from tests.packaging.conftest import load_script

make_icons = load_script("make_icons")


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n"), "not a PNG"
    image = QImage.fromData(data)
    assert not image.isNull(), "a PNG Qt cannot read"
    return image.width(), image.height()


def test_hicolor_icons_have_the_size_their_folder_says(qapp: QApplication, tmp_path: Path) -> None:
    written = make_icons.make_icons(tmp_path, APP_ID)
    for size in make_icons.HICOLOR_SIZES:
        path = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert path in written
        assert png_size(path.read_bytes()) == (size, size)
    scalable = tmp_path / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == make_icons.SVG.read_bytes()
    # Drawn, not blank: the tile's colour reaches the middle of the 48 px icon.
    middle = QImage(str(tmp_path / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png")).pixelColor(24, 24)
    assert middle.alpha() == 255


def test_the_ico_lists_each_size_once_with_its_png(qapp: QApplication, tmp_path: Path) -> None:
    make_icons.make_icons(tmp_path, APP_ID)
    data = (tmp_path / "overture.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sizes = []
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        size = width or 256
        assert (height or 256) == size and planes == 1 and bits == 32
        assert png_size(data[offset : offset + length]) == (size, size)
        sizes.append(size)
    assert sizes == sorted(make_icons.ICO_SIZES)


def test_the_icns_is_a_chain_of_typed_pngs(qapp: QApplication, tmp_path: Path) -> None:
    make_icons.make_icons(tmp_path, APP_ID)
    data = (tmp_path / "overture.icns").read_bytes()
    magic, total = struct.unpack_from(">4sI", data)
    assert magic == b"icns" and total == len(data)
    found = []
    offset = 8
    while offset < len(data):
        kind, length = struct.unpack_from(">4sI", data, offset)
        found.append((kind, png_size(data[offset + 8 : offset + length])[0]))
        offset += length
    assert offset == len(data)
    assert found == list(make_icons.ICNS_TYPES)


def test_an_ico_refuses_sizes_windows_cannot_hold() -> None:
    with pytest.raises(ValueError, match="1 to 256"):
        make_icons.ico_bytes({512: b""})
