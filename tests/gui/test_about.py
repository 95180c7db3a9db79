"""The About box names the app and its version, the no-automation principle, the data folder and the license."""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from gui.about import about_html, show_about
from model.about import app_version


def test_says_what_overture_is_and_is_not(tmp_path: Path) -> None:
    text = about_html(tmp_path)

    assert f"Overture {app_version()}" in text
    assert "never automates a social network" in text
    assert str(tmp_path) in text
    assert "MIT License" in text
    assert qVersion() in text
    assert PySide6.__version__ in text


def test_the_folder_is_shown_as_text_not_markup(tmp_path: Path) -> None:
    folder = tmp_path / "<b>bold</b> & co"

    text = about_html(folder)

    assert "<b>bold</b>" not in text
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in text


def test_opens_without_blocking_and_goes_away_when_closed(tmp_path: Path, qtbot: QtBot) -> None:
    box = show_about(None, tmp_path)
    qtbot.waitExposed(box)

    assert box.windowTitle() == "About Overture"
    assert box.textFormat() == Qt.TextFormat.RichText
    assert not box.iconPixmap().isNull()
    assert box.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    with qtbot.waitSignal(box.destroyed, timeout=2000):
        box.button(QMessageBox.StandardButton.Close).click()
