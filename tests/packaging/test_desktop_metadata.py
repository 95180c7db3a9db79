"""The desktop entry and the AppStream metadata: valid for the freedesktop tools, and agreeing with the app."""

from __future__ import annotations

import configparser
import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

from model.about import APP_ID, app_name, app_version
from tests.packaging.conftest import LINUX, load_script, validated_by

build_bundle = load_script("build_bundle")
DESKTOP = LINUX / f"{APP_ID}.desktop"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_validates() -> None:
    result = validated_by("desktop-file-validate", str(DESKTOP))
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_desktop_entry_names_the_icon_and_window_the_app_has() -> None:
    entry = desktop_entry()
    assert entry["Name"] == app_name()
    assert entry["Icon"] == APP_ID  # the hicolor files' name (packaging/make_icons.py)
    # X11 matches windows to entries by WM_CLASS, whose class Qt sets to the application's name (gui/app.py);
    # Wayland by the app id, which gui/app.py sets to the entry's name.
    assert entry["StartupWMClass"] == app_name()
    assert entry["Exec"] == entry["TryExec"] == "overture"  # install.sh writes the installed path


def test_the_filled_metainfo_validates_and_carries_the_project_version(tmp_path: Path) -> None:
    text = build_bundle.metainfo(app_version(), datetime.date(2026, 11, 27))
    path = tmp_path / f"{APP_ID}.metainfo.xml"
    path.write_text(text, encoding="utf-8")
    root = ET.fromstring(text)
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == app_name()
    assert root.findtext("launchable") == DESKTOP.name
    release = root.find("releases/release")
    assert release is not None and release.attrib == {"version": app_version(), "date": "2026-11-27"}
    assert "@" not in text
    result = validated_by("appstreamcli", "validate", "--no-net", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
