"""Regenerates the README screenshots from the sample data: `uv run python docs/make_screenshots.py`."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere in the checkout
# The realistic LinkedIn export the import shots read is the benchmarks' (it imports its sibling `generate`).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from linkedin_export import write_export
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit, QWizard

from gui.app import build_window
from gui.main_window import MainWindow
from gui.theme import apply_theme, force_scheme
from model.contact_form import ContactDraft
from model.database import open_database
from model.paths import DataPaths
from model.phrases import specifics
from model.services import Services
from model.vocabulary import FactKind, MessageKind, Stage

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
        settle(app)  # the palette reaches the widgets through posted events
        composer_shots(app, window, Services(database.sessions, lambda: NOW))
        preferences_shots(app, window)
        import_shots(app, window, Services(database.sessions, lambda: NOW))
        window.close()
        database.dispose()


def wait_for(app: QApplication, done: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("The import wizard did not finish in time.")
        settle(app, 50)


def import_shots(app: QApplication, window: MainWindow, services: Services) -> None:
    """The import wizard on a realistic LinkedIn export (300 connections, 1,000 messages): source, preview, done.

    A few of the export's people were added by hand before, as people do: some with a position of their own words
    (kept unless taken from the file), some under the same name at another company (asked about). Last, because
    the import adds to the sample network the other shots show."""
    # A fixed folder, not the random temporary one: the path shows on the first page.
    downloads = Path(tempfile.gettempdir()) / "overture-screenshots" / "Downloads"
    export = write_export(downloads / "Complete_LinkedInDataExport_11-26-2026.zip", connections=300, messages=1000)
    people = [p for p in services.read_import("linkedin", export).people if p.company and p.position]
    for person in people[:3]:
        services.add_contact(
            ContactDraft(
                name=person.name, company=person.company, position="Head of Growth", profile_url=person.profile_url
            )
        )
    for person in people[10:12]:
        services.add_contact(ContactDraft(name=person.name, company="Northwind Traders"))
    window.reload()
    wizard = window.open_import(export)
    wizard.resize(1000, 740)
    settle(app)
    wizard.grab().save(str(OUT / "import-source.png"))
    wizard.button(QWizard.WizardButton.NextButton).click()
    wait_for(app, lambda: not wizard.busy)
    settle(app)
    wizard.grab().save(str(OUT / "import-preview.png"))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    wait_for(app, lambda: not wizard.busy)
    settle(app)
    wizard.grab().save(str(OUT / "import-done.png"))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    settle(app)
    shutil.rmtree(downloads.parent, ignore_errors=True)


def composer_shots(app: QApplication, window: MainWindow, services: Services) -> None:
    """The Write tab on one Engaging contact with facts, for a good, a generic, an over-long and a blocked note."""
    contact = next(
        services.contact(c.id)
        for c in services.contacts()
        if c.stage is Stage.ENGAGING
        and c.time_zone
        and any(fact.kind is FactKind.RECENT_POST for fact in services.contact(c.id).facts)
    )
    first = contact.name.split()[0]
    # What a click on their recent post in "Make it personal" inserts.
    phrase = next(found.phrase for found in specifics(contact) if found.label == "Recent post")
    notes = {
        "good": f"Hi {first}, {phrase} I'm moving into the same field and would value learning from your work.",
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


def preferences_shots(app: QApplication, window: MainWindow) -> None:
    """The Preferences dialog's General and Your profile tabs."""
    dialog = window.open_preferences()
    settle(app)
    for index, name in enumerate(("general", "profile", "templates")):
        dialog.tabs.setCurrentIndex(index)
        settle(app, 150)
        dialog.grab().save(str(OUT / f"preferences-{name}.png"))
    dialog.reject()


if __name__ == "__main__":
    main()
