"""packaging/build_bundle.py's own checks, without building."""

from __future__ import annotations

import datetime
import shutil
import sys
from pathlib import Path

import PySide6
import pytest

from tests.packaging.conftest import load_script

build_bundle = load_script("build_bundle")


@pytest.mark.skipif(sys.platform != "linux" or shutil.which("ldd") is None, reason="ldd on Linux")
def test_an_x11_plugin_missing_its_libraries_fails_the_build(tmp_path: Path) -> None:
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    platforms = tmp_path / "overture" / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    shutil.copy2(plugin, platforms)  # without Qt's libraries beside it: libQt6XcbQpa and the rest are missing
    with pytest.raises(build_bundle.BuildFailed, match=r"libQt6XcbQpa\.so\.6"):
        build_bundle.check_x11_libraries(tmp_path / "overture")


def test_a_bundle_without_the_x11_plugin_fails_the_build(tmp_path: Path) -> None:
    (tmp_path / "overture" / "_internal").mkdir(parents=True)
    with pytest.raises(build_bundle.BuildFailed, match="X11 plugin"):
        build_bundle.check_x11_libraries(tmp_path / "overture")


def test_the_release_date_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")  # 2026-11-26 00:00 UTC
    assert build_bundle.release_date() == datetime.date(2026, 11, 26)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_bundle.release_date() == datetime.date.today()
