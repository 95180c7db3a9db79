"""Regenerates the README screenshots from the sample data: `uv run python docs/make_screenshots.py`."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere in the checkout

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit

from gui.app import build_window
from gui.main_window import MainWindow
from gui.theme import apply_theme, force_scheme
from model.database import open_database
from model.paths import DataPaths
from model.services import Services
from model.vocabulary import MessageKind, Stage

OUT = Path(__file__).with_name("screenshots")
# A fixed "now" keeps the pictures stable from run to run.
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def settle(app: QApplication, ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def main() -> None:
    app = QApplication([])
    apply_theme(app)
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(DataPaths.resolve(folder), lambda: NOW)
        window = build_window(database, lambda: NOW)
        window.resize(1600, 940)
        window.show()
        settle(app)
        window.grab().save(str(OUT / "first-run.png"))
        Services(database.sessions, lambda: NOW).load_sample()
        window.reload()
        settle(app, 1500)
        nudges = window._nudges
        if nudges and nudges[0].contact_id is not None:
            window.select_contact(nudges[0].contact_id)
        window.nudge_panel.select_row(0)
        for scheme in ("light", "dark"):
            force_scheme(app, scheme)
            settle(app)
            window.grab().save(str(OUT / f"main-{scheme}.png"))
        force_scheme(app, "light")
        composer_shots(app, window, Services(database.sessions, lambda: NOW))
        window.close()
        database.dispose()


def composer_shots(app: QApplication, window: MainWindow, services: Services) -> None:
    """The Write tab on one Engaging contact with facts, for a good, a generic, an over-long and a blocked note."""
    contact = next(
        services.contact(c.id)
        for c in services.contacts()
        if c.stage is Stage.ENGAGING and services.contact(c.id).facts and c.time_zone
    )
    first = contact.name.split()[0]
    fact = contact.facts[0].text.rstrip(".")
    notes = {
        "good": f"Hi {first}, your note on {fact} stayed with me. I'm learning the same ground and would value "
        "following your work.",
        "generic": "Hi, I came across your profile and I'd love to add you to my network. We have a lot in common!",
        "long": f"Hi {first}, " + "I really enjoyed what you wrote and I keep coming back to it. " * 4,
        "blocked": "I'd like to add you to my professional network on LinkedIn. {first_name}",
    }
    window.select_contact(contact.id)
    window.detail.compose(MessageKind.CONNECTION_REQUEST)
    composer = window.detail.composer
    intent = composer.findChild(QComboBox, "composerIntent")
    assert intent is not None
    intent.setCurrentIndex(intent.findData("learning"))
    editor = composer.findChild(QPlainTextEdit, "composerBody")
    assert editor is not None
    for name, text in notes.items():
        editor.setPlainText(text)
        settle(app, 200)
        window.detail.grab().save(str(OUT / f"composer-{name}.png"))
    editor.clear()


if __name__ == "__main__":
    main()
