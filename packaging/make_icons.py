"""Renders resources/overture.svg into each platform's icons: hicolor PNGs (Linux), overture.ico, overture.icns.

    uv run python packaging/make_icons.py OUT_DIR

Qt draws the PNGs (QSvgRenderer, in PySide6-Essentials). The .ico and .icns containers are written here: both
are a short header and a table over PNG images. Qt's own ico writer stores one size per file, and Qt has no icns
writer on Linux.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "overture.svg"

# The sizes the freedesktop icon theme spec's hicolor theme lists for apps, up to 512 (GNOME Software shows 128
# and up; panels and menus 16 to 48).
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# What Windows picks from for the taskbar, title bar, Explorer's views (up to 256) and at 125 to 200 % scaling.
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# Apple's icns element types that hold PNG data, with their pixel size (the @2x types for Retina screens):
# icp4/icp5/icp6 16/32/64 (macOS 10.7+), ic07 to ic10 128 to 1024, ic11 to ic14 the @2x of 16, 32, 128, 256.
ICNS_TYPES: tuple[tuple[bytes, int], ...] = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_pngs(svg: Path, sizes: Iterable[int]) -> dict[int, bytes]:
    """The SVG drawn at each size (square, transparent background), as PNG files' bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG that Qt can draw")
    pngs: dict[int, bytes] = {}
    for size in sorted(set(sizes)):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stubs say bytes; PySide6 6.11 wants str
            raise SystemExit(f"Qt could not encode a {size}x{size} PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


def ico_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A Windows .ico of PNG images (read since Windows Vista): ICONDIR, one ICONDIRENTRY per image, the images."""
    count = len(pngs)
    header = struct.pack("<HHH", 0, 1, count)  # reserved, type 1 = icon, image count
    offset = len(header) + 16 * count
    entries, images = [], []
    for size, png in sorted(pngs.items()):
        if not 1 <= size <= 256:
            raise ValueError(f"an .ico holds images of 1 to 256 pixels, not {size}")
        edge = size % 256  # 0 means 256
        # width, height, palette colours, reserved, colour planes, bits per pixel, data size, data offset
        entries.append(struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(png), offset))
        images.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(images)


def icns_bytes(chunks: Iterable[tuple[bytes, bytes]]) -> bytes:
    """An Apple .icns: 'icns' and the file's length, then each element as its type, its length and its data."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in chunks)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(out: Path, app_id: str, svg: Path = SVG) -> list[Path]:
    """Writes out/hicolor/… (named app_id), out/overture.ico and out/overture.icns; returns the files written."""
    sizes = {*HICOLOR_SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)}
    pngs = render_pngs(svg, sizes)
    written = []
    for size in HICOLOR_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{app_id}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)
    ico = out / "overture.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = out / "overture.icns"
    icns.write_bytes(icns_bytes((kind, pngs[size]) for kind, size in ICNS_TYPES))
    written += [ico, icns]
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write into (created if needed)")
    parser.add_argument("--app-id", default=None, help="the icons' file name (default: model.about.APP_ID)")
    args = parser.parse_args()
    app_id = args.app_id
    if app_id is None:
        # Run as a script, Python puts packaging/ first on sys.path, not the repository that holds `model`.
        sys.path.insert(0, str(ROOT))
        from model.about import APP_ID

        app_id = APP_ID
    for path in make_icons(args.out, app_id):
        print(path)


if __name__ == "__main__":
    main()
