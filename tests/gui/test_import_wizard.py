"""The import wizard as a user drives it: a LinkedIn export, decisions, a CSV's columns, cancel, problems, drops."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QMenu, QPushButton, QWidget, QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gui.import_source import guess_kind
from gui.import_wizard import PAGE_COLUMNS, PAGE_IMPORT, PAGE_PREVIEW, PAGE_SOURCE, READ_AHEAD_DELAY_MS, ImportWizard
from gui.main_window import MainWindow
from gui.models.ambiguity_model import SOMEONE_NEW, AmbiguityKeyRole, AmbiguityModel, ChoiceRole
from gui.models.conflict_list_model import Column as ConflictColumn
from gui.models.conflict_list_model import ConflictKeyRole, ConflictListModel, conflict_rows
from gui.models.csv_preview_model import ColumnNameRole, CsvPreviewModel, FieldRole
from gui.models.import_preview_model import ImportPreviewModel, SourceLineRole, StatusRole
from gui.models.inviter_list_model import Column as InviterColumn
from gui.models.inviter_list_model import InvitationKeyRole, InviterListModel
from gui.models.skip_list_model import SkipListModel
from model.contact_form import ContactDraft
from model.database import open_database
from model.importing import run as importing_run
from model.importing.plan import Decisions, ImportPlan, ImportResult
from model.importing.records import ImportBundle, Progress
from model.paths import DataPaths
from model.services import Services
from model.vocabulary import CSV_FIELDS, Stage
from tests.model.conftest import FakeClock, add

W = TypeVar("W", bound=QObject)

OWNER = "https://www.linkedin.com/in/charles-babbage"
ADA = "https://www.linkedin.com/in/ada-lovelace"
GRACE = "https://www.linkedin.com/in/grace-hopper"
ALAN = "https://www.linkedin.com/in/alan-turing"
KATHERINE = "https://www.linkedin.com/in/katherine-johnson"
MALLORY = "https://www.linkedin.com/in/mallory-spam"

# LinkedIn's 2023+ layout (DOMAIN.md): a three-line preamble before the header, the URL column, CRLF line ends.
CONNECTIONS = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will '
    'only see email addresses for connections who have allowed their connections to see or download their email."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    f"Ada,Lovelace,{ADA},,Difference Engines,Analyst,15 Oct 2025\r\n"
    f"Grace,Hopper,{GRACE},,Navy,Rear Admiral,30 Oct 2026\r\n"
    ",,,,,,21 Jul 2022\r\n"
    f"Alan,Turing,{ALAN},,Bletchley Park,Cryptanalyst,01 Mar 2024\r\n"
)
INVITATIONS = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n"
    f'Charles Babbage,Katherine Johnson,"10/30/26, 9:15 AM",Your orbit work is inspiring.,OUTGOING,'
    f"{OWNER},{KATHERINE}\r\n"
    f'Charles Babbage,Grace Hopper,"10/28/26, 8:00 AM","COBOL fan here, would love to connect.",OUTGOING,'
    f"{OWNER},{GRACE}\r\n"
    f'Mallory Spam,Charles Babbage,"10/31/26, 7:00 PM",Buy my course,INCOMING,{MALLORY},{OWNER}\r\n'
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,"
    "FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\r\n"
    f'c1,,Charles Babbage,{OWNER},Ada Lovelace,{ADA},2025-10-16 10:00:00 UTC,,"Thanks for connecting, Ada!",'
    "INBOX,,No,No\r\n"
    f"c1,,Ada Lovelace,{ADA},Charles Babbage,{OWNER},2025-10-17 10:00:00 UTC,,My pleasure.,INBOX,,No,No\r\n"
)


def linkedin_export(folder: Path, name: str = "Complete_LinkedInDataExport_11-01-2026.zip") -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", CONNECTIONS.encode("utf-8-sig"))
        archive.writestr("Invitations.csv", INVITATIONS.encode("utf-8"))
        archive.writestr("messages.csv", MESSAGES.encode("utf-8"))
    return path


def child(parent: QObject, kind: type[W], name: str) -> W:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


@pytest.fixture
def window(qtbot: QtBot, services: Services, clock: FakeClock, tmp_path: Path) -> Iterator[MainWindow]:
    main = MainWindow(services, clock, tmp_path / "window.ini")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main._painted)
    yield main
    main._background.wait()


def open_wizard(qtbot: QtBot, window: MainWindow, path: Path | None = None) -> ImportWizard:
    wizard = window.open_import(path)
    qtbot.waitUntil(wizard.isVisible)
    return wizard


def next_page(wizard: ImportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), "Next is enabled"
    button.click()


def wait_for_preview(qtbot: QtBot, wizard: ImportWizard) -> None:
    page = wizard.preview_page
    assert wizard.currentId() == PAGE_PREVIEW
    qtbot.waitUntil(lambda: not page.busy and not page._replan.isActive(), timeout=10000)


def figures(wizard: ImportWizard) -> dict[str, int]:
    return {name: figure.count() for name, figure in wizard.preview_page.figures.items()}


def import_now(qtbot: QtBot, wizard: ImportWizard) -> str:
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled() and commit.text() == "&Import"
    commit.click()
    assert wizard.currentId() == PAGE_IMPORT
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    return wizard.import_page.outcome.text()


def stages(services: Services) -> dict[str, Stage]:
    return {contact.name: contact.stage for contact in services.contacts()}


def tick(view: QAbstractItemView, index: QModelIndex, qtbot: QtBot) -> None:
    """As a person does it with the keyboard: make the row current and press Space on its check box."""
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # type: ignore[no-untyped-call]


# -- LinkedIn -------------------------------------------------------------------------------------------------


def test_a_linkedin_export_is_previewed_then_imported_into_the_right_stages(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    export = linkedin_export(tmp_path)
    window.actions_.import_file.trigger()
    wizard = window._import_wizard
    assert wizard is not None and wizard.objectName() == "importWizard"
    qtbot.waitUntil(wizard.isVisible)
    assert wizard.currentId() == PAGE_SOURCE
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled(), "no file chosen yet"
    qtbot.keyClicks(wizard.source_page.path, str(export))  # type: ignore[no-untyped-call]
    assert wizard.source_page.kind() == "linkedin"
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    page = wizard.preview_page
    assert figures(wizard) == {"new": 4, "updated": 0, "unchanged": 0, "skipped": 1}
    assert page.summary.text().startswith("4 new, 0 updated, 0 unchanged, 1 skipped, 4 new messages")
    assert page.summary.text().endswith(", 1 invitation to you (not added).")
    assert services.contacts() == [], "the preview writes nothing"
    names = [page.people.index(row, 1).data() for row in range(page.people.rowCount())]
    assert sorted(names) == ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Katherine Johnson"]
    assert page.skips.index(0, 0).data() == "Connections.csv" and page.skips.index(0, 1).data() == "7"
    assert "hidden profile" in page.skips.index(0, 2).data()

    # The people list filters by status.
    page.status_filter.setCurrentIndex(page.status_filter.findData("unchanged"))
    assert page.people_filter.rowCount() == 0
    page.status_filter.setCurrentIndex(page.status_filter.findData("new"))
    assert page.people_filter.rowCount() == 4 and page.status_filter.currentText() == "New (4)"

    # An invitation to the user is offered; ticked, it comes in as Spotted, and the counts follow.
    inviters = child(page, QAbstractItemView, "previewInviters")
    assert page.tabs.isTabVisible(page.tabs.indexOf(page._tab_pages["inviters"]))
    assert page.inviters.index(0, InviterColumn.ADD).data() == "Mallory Spam"
    tick(inviters, page.inviters.index(0, InviterColumn.ADD), qtbot)
    assert page.decisions().add_inviters == {("Invitations.csv", 4)}
    qtbot.waitUntil(lambda: figures(wizard)["new"] == 5)
    wait_for_preview(qtbot, wizard)
    assert page.inviters.rowCount() == 1, "the ticked offer stays listed"

    assert import_now(qtbot, wizard) == "Imported: 5 added, 0 updated, 0 unchanged, 1 skipped, 5 messages."
    assert wizard.import_page.figures["messages"].isVisibleTo(wizard)
    qtbot.waitUntil(lambda: window.contacts.rowCount() == 5)
    assert window.status.text() == "Imported: 5 added, 0 updated, 0 unchanged, 1 skipped, 5 messages."
    assert stages(services) == {
        "Ada Lovelace": Stage.NURTURING,  # written to after connecting
        "Alan Turing": Stage.CONNECTED,
        "Grace Hopper": Stage.CONNECTED,
        "Katherine Johnson": Stage.REQUESTED,  # invited, not (yet) connected
        "Mallory Spam": Stage.SPOTTED,
    }
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window._import_wizard is None)

    # The same export again: everyone is unchanged, and there is nothing to import.
    again = open_wizard(qtbot, window, export)
    next_page(again)
    wait_for_preview(qtbot, again)
    assert figures(again) == {"new": 0, "updated": 0, "unchanged": 5, "skipped": 1}
    assert again.preview_page.notice.text().startswith("Everything in this file is already in Overture")
    assert not again.button(QWizard.WizardButton.CommitButton).isEnabled()
    again.reject()
    qtbot.waitUntil(lambda: window._import_wizard is None)


def test_a_re_import_whose_only_news_is_an_invitation_says_how_to_add_them(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    export = linkedin_export(tmp_path)
    first = open_wizard(qtbot, window, export)
    next_page(first)
    wait_for_preview(qtbot, first)
    import_now(qtbot, first)  # Mallory's invitation left unticked
    first.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window._import_wizard is None)

    again = open_wizard(qtbot, window, export)
    next_page(again)
    wait_for_preview(qtbot, again)
    page = again.preview_page
    assert page.notice.text().startswith("Nothing new to import. To add someone who invited you, tick them")
    assert page.summary.text().endswith(", 1 invitation to you (not added).")
    assert not again.button(QWizard.WizardButton.CommitButton).isEnabled()
    tick(child(page, QAbstractItemView, "previewInviters"), page.inviters.index(0, InviterColumn.ADD), qtbot)
    qtbot.waitUntil(lambda: figures(again)["new"] == 1)
    wait_for_preview(qtbot, again)
    assert again.button(QWizard.WizardButton.CommitButton).isEnabled()
    again.reject()
    qtbot.waitUntil(lambda: window._import_wizard is None)


def test_a_file_whose_every_entry_is_skipped_says_so_not_that_it_is_already_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    cut_short = tmp_path / "contacts.vcf"
    cut_short.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n")  # no END:VCARD
    wizard = open_wizard(qtbot, window, cut_short)
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    page = wizard.preview_page
    assert figures(wizard) == {"new": 0, "updated": 0, "unchanged": 0, "skipped": 1}
    assert page.notice.text().startswith("Nothing in this file can be imported: each entry was skipped")
    assert page.tabs.currentWidget() is page._tab_pages["skipped"], "the reasons are shown"
    assert "no END:VCARD" in page.skips.index(0, 2).data()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.reject()
    qtbot.waitUntil(lambda: window._import_wizard is None)


def _calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[tuple[Any, ...]]:
    """Each call of `owner.name` from now on, by its arguments (the call still happens)."""
    calls: list[tuple[Any, ...]] = []
    real = getattr(owner, name)

    def recorded(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


def _read_paths(reads: list[tuple[Any, ...]]) -> list[Path]:
    """The files `Services.read_import(kind, path, ...)` was asked to read."""
    return [args[1] for args in reads]


def test_the_import_applies_the_plan_the_preview_showed(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = open_wizard(qtbot, window, linkedin_export(tmp_path))
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    plans = _calls(monkeypatch, importing_run, "plan_import")  # inside the commit
    assert import_now(qtbot, wizard) == "Imported: 4 added, 0 updated, 0 unchanged, 1 skipped, 4 messages."
    assert plans == [], "not planned a second time"
    assert len(services.contacts()) == 4


def test_a_database_changed_after_the_preview_is_planned_again_before_importing(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = open_wizard(qtbot, window, linkedin_export(tmp_path))
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    services.add_contact(ContactDraft(name="Alan Turing"))  # meanwhile, from the window: a name in the file
    plans = _calls(monkeypatch, importing_run, "plan_import")  # inside the commit
    outcome = import_now(qtbot, wizard)
    assert len(plans) == 1
    # Alan is matched by name only now, which is the person's to decide: he is left undecided, not added twice.
    assert outcome == "Imported: 3 added, 0 updated, 0 unchanged, 1 skipped, 4 messages, 1 left undecided."
    assert sorted(c.name for c in services.contacts()).count("Alan Turing") == 1


def test_a_linkedin_export_named_on_the_first_page_is_read_and_planned_before_next(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads, plans = _calls(monkeypatch, services, "read_import"), _calls(monkeypatch, services, "preview_import")
    export = linkedin_export(tmp_path)
    wizard = open_wizard(qtbot, window, export)  # as a drop or the first-run screen opens it
    assert wizard.currentId() == PAGE_SOURCE
    qtbot.waitUntil(lambda: wizard.preview_page.plan is not None)
    assert wizard.currentId() == PAGE_SOURCE, "while the person still reads the first page"
    next_page(wizard)
    assert not wizard.preview_page.busy and wizard.preview_page.stack.currentWidget() is wizard.preview_page.result
    assert figures(wizard) == {"new": 4, "updated": 0, "unchanged": 0, "skipped": 1}
    assert _read_paths(reads) == [export] and len(plans) == 1, "read and planned once"
    assert import_now(qtbot, wizard) == "Imported: 4 added, 0 updated, 0 unchanged, 1 skipped, 4 messages."


def test_another_file_chosen_on_the_first_page_is_the_one_read(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _calls(monkeypatch, services, "read_import")
    first = linkedin_export(tmp_path)
    other = tmp_path / "Connections.csv"
    other.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Ada,Lovelace,{ADA},,Difference Engines,Analyst,15 Oct 2025\n"
    )
    wizard = open_wizard(qtbot, window, first)
    qtbot.waitUntil(lambda: _read_paths(reads) == [first])
    wizard.source_page.set_source(other)
    qtbot.waitUntil(lambda: _read_paths(reads) == [first, other])
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    assert figures(wizard) == {"new": 1, "updated": 0, "unchanged": 0, "skipped": 0}
    assert _read_paths(reads) == [first, other]


def test_a_folder_on_the_first_page_is_not_read_ahead(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A path being typed passes through folders: none of them is read, and none is said to be no export."""
    reads = _calls(monkeypatch, services, "read_import")
    wizard = open_wizard(qtbot, window, tmp_path)
    assert wizard.source_page.isComplete(), "an unpacked export is a folder: Next is offered"
    qtbot.wait(READ_AHEAD_DELAY_MS * 2)
    assert reads == []
    assert not wizard.source_page.message.isVisible()


def test_a_csv_file_is_not_read_before_its_columns_are_mapped(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _calls(monkeypatch, services, "read_import")
    table = tmp_path / "people.csv"
    table.write_text("Name,Company\nAda Lovelace,Difference Engines\n")
    wizard = open_wizard(qtbot, window, table)
    assert wizard.source_page.kind() == "csv"
    qtbot.wait(READ_AHEAD_DELAY_MS * 2)
    assert reads == []
    assert not wizard.preview_page.busy


def test_an_ambiguous_person_decided_as_the_same_merges_into_that_contact(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    ada = add(services, "Ada Lovelace", company="Engines")
    window.reload()
    wizard = open_wizard(qtbot, window, linkedin_export(tmp_path))
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    page = wizard.preview_page
    assert figures(wizard)["new"] == 3, "Ada may be the contact: undecided, she is left out"
    assert page.tabs.tabText(page.tabs.indexOf(page._tab_pages["decide"])) == "To decide (1)"
    person = page.ambiguities.index(0, 0)
    assert "another company" in person.data()
    choices = {
        page.ambiguities.index(row, 0, person).data(): page.ambiguities.index(row, 0, person)
        for row in range(page.ambiguities.rowCount(person))
    }
    assert list(choices) == [
        "Leave out of this import",
        "Someone new: add as a new contact",
        "Same as Ada Lovelace (Engines, Spotted)",
    ]
    view = child(page, QAbstractItemView, "previewAmbiguities")
    tick(view, choices["Same as Ada Lovelace (Engines, Spotted)"], qtbot)
    assert page.decisions().matches == {("Connections.csv", 5): ada}
    qtbot.waitUntil(lambda: figures(wizard)["updated"] == 1)
    wait_for_preview(qtbot, wizard)
    assert page.ambiguities.rowCount() == 1, "a decided person stays on screen with the choice made"
    # Matched, her company in Overture is the user's own: kept unless they take the file's.
    assert page.conflicts.rowCount() == 1
    assert page.conflicts.index(0, ConflictColumn.YOURS).data() == "Engines"

    assert import_now(qtbot, wizard).startswith("Imported: 3 added, 1 updated")
    qtbot.waitUntil(lambda: window.contacts.rowCount() == 4)
    record = services.contact(ada)
    assert record.stage is Stage.NURTURING and record.profile_url == ADA
    assert record.company == "Engines"
    assert [c.name for c in services.contacts()].count("Ada Lovelace") == 1


def test_a_conflict_accepted_takes_the_files_value(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    ada = add(services, "Ada Lovelace", company="Engines", position="Countess", profile_url=ADA)
    window.reload()
    wizard = open_wizard(qtbot, window, linkedin_export(tmp_path))
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    page = wizard.preview_page
    rows = {page.conflicts.index(row, ConflictColumn.FIELD).data(): row for row in range(page.conflicts.rowCount())}
    assert set(rows) == {"Company", "Position"}
    take = page.conflicts.index(rows["Company"], ConflictColumn.TAKE)
    assert take.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked, "unticked by default"
    tick(child(page, QAbstractItemView, "previewConflicts"), take, qtbot)
    assert page.decisions().accepted == {("Connections.csv", 5, "company")}
    qtbot.waitUntil(lambda: "Company: Engines → Difference Engines" in _changes_of(wizard, "Ada Lovelace"))
    wait_for_preview(qtbot, wizard)
    assert page.conflicts.rowCount() == 2, "the accepted conflict stays listed, ticked"

    import_now(qtbot, wizard)
    record = services.contact(ada)
    assert record.company == "Difference Engines", "taken from the file"
    assert record.position == "Countess", "the edit not ticked is kept"


def _changes_of(wizard: ImportWizard, name: str) -> str:
    people = wizard.preview_page.people
    for row in range(people.rowCount()):
        if people.index(row, 1).data() == name:
            return str(people.index(row, 3).data())
    return ""


def test_cancelling_the_import_changes_nothing(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = services.run_import
    reached, release = threading.Event(), threading.Event()

    def held(
        bundle: ImportBundle,
        decisions: Decisions | None = None,
        progress: Progress | None = None,
        previewed: ImportPlan | None = None,
    ) -> ImportResult:
        """The real import, held at its first progress report until the test has pressed Cancel."""
        assert progress is not None

        def report(done: int, total: int) -> None:
            reached.set()
            release.wait(10)
            progress(done, total)  # raises ImportCancelled once Cancel was pressed: the transaction rolls back

        return real(bundle, decisions, report, previewed)

    monkeypatch.setattr(services, "run_import", held)
    wizard = open_wizard(qtbot, window, linkedin_export(tmp_path))
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(reached.is_set)
    cancel = child(wizard.import_page, QPushButton, "importProgressCancel")
    assert cancel.isVisible() and cancel.isEnabled()
    cancel.click()
    assert cancel.text() == "Stopping…" and not cancel.isEnabled()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled(), "not finished while it stops"
    with qtbot.assertNotEmitted(wizard.imported):
        release.set()
        qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    assert wizard.import_page.outcome.text() == "The import was cancelled; nothing was changed."
    assert services.contacts() == []
    assert window.contacts.rowCount() == 0


def test_closing_the_wizard_while_it_reads_stops_the_work_first(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = services.read_import
    reached, release = threading.Event(), threading.Event()

    def held(kind: str, path: Path, mapping: object = None, progress: Progress | None = None) -> ImportBundle:
        assert progress is not None

        def report(done: int, total: int) -> None:
            reached.set()
            release.wait(10)
            progress(done, total)

        return real(kind, path, None, report)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "read_import", held)
    wizard = open_wizard(qtbot, window, linkedin_export(tmp_path))
    next_page(wizard)
    qtbot.waitUntil(reached.is_set)
    wizard.reject()
    assert wizard.isVisible(), "it waits for the reading to stop"
    with qtbot.waitSignal(wizard.finished, timeout=10000) as closed:
        release.set()
    assert closed.args == [QWizard.DialogCode.Rejected.value]
    qtbot.waitUntil(lambda: window._import_wizard is None)


def test_a_broken_zip_named_on_the_first_page_says_why_there_before_next(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    broken = tmp_path / "Complete_LinkedInDataExport_11-01-2026.zip"
    broken.write_bytes(b"PK\x03\x04 this zip stops here")
    wizard = open_wizard(qtbot, window, broken)
    message = wizard.source_page.message
    qtbot.waitUntil(lambda: message.isVisible())
    assert wizard.currentId() == PAGE_SOURCE
    assert message.property("warning") is True
    assert message.text().startswith("Complete_LinkedInDataExport_11-01-2026.zip: ")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled(), "Next would only say it again"
    wizard.source_page.set_source(linkedin_export(tmp_path, "good.zip"))
    assert not message.isVisible(), "another file chosen: the problem is gone"
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.waitUntil(lambda: wizard.preview_page.plan is not None)
    assert not message.isVisible()


def test_a_broken_zip_says_why_inline_and_another_file_can_be_chosen(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    broken = tmp_path / "Complete_LinkedInDataExport_11-01-2026.zip"
    broken.write_bytes(b"PK\x03\x04 this zip stops here")
    wizard = open_wizard(qtbot, window, broken)
    next_page(wizard)
    page = wizard.preview_page
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.problem)
    message = page.problem_message
    assert message.isVisible() and message.property("warning") is True
    assert message.text().startswith("Complete_LinkedInDataExport_11-01-2026.zip: ")
    assert "Traceback" not in message.text()
    assert message.textFormat() == Qt.TextFormat.PlainText
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert services.contacts() == []

    child(page, QPushButton, "previewChooseOther").click()
    assert wizard.currentId() == PAGE_SOURCE
    assert wizard.source_page.message.text() == message.text()
    wizard.source_page.set_source(linkedin_export(tmp_path, "good.zip"))
    assert not wizard.source_page.message.isVisible()
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    assert figures(wizard)["new"] == 4


def test_a_missing_file_cannot_be_chosen(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, window)
    wizard.source_page.set_source(tmp_path / "nowhere.vcf")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert wizard.source_page.message.text().startswith("There is no file or folder at")
    folder = tmp_path / "contacts"
    folder.mkdir()
    wizard.source_page.set_source(folder)
    assert wizard.source_page.kind() == "linkedin", "a folder is an unpacked export"
    wizard.source_page.set_kind("vcard")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Only a LinkedIn export can be a folder" in wizard.source_page.message.text()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Complete_LinkedInDataExport_11-01-2026.zip", "linkedin"),
        ("Connections.csv", "linkedin"),
        ("contacts.vcf", "vcard"),
        ("google.csv", "csv"),
        ("overture-2026-11-01.json", "archive"),
        ("notes.pdf", None),
    ],
)
def test_the_kind_is_guessed_from_the_name(tmp_path: Path, name: str, kind: str | None) -> None:
    assert guess_kind(tmp_path / name) == kind


# -- CSV ------------------------------------------------------------------------------------------------------

SPREADSHEET = (
    "Person,Employer,Role,Mail,Remarks\r\n"
    "Ada Lovelace,Difference Engines,Analyst,ada@example.org,Met at the Royal Society\r\n"
    "Grace Hopper,Navy,Rear Admiral,grace@example.org,\r\n"
    ",Nobody Inc,,,\r\n"
)


def test_a_csv_is_imported_with_the_columns_the_person_maps(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text(SPREADSHEET, encoding="utf-8")
    wizard = open_wizard(qtbot, window, sheet)
    assert wizard.source_page.kind() == "csv"
    next_page(wizard)
    assert wizard.currentId() == PAGE_COLUMNS
    columns = wizard.columns_page
    qtbot.waitUntil(lambda: columns.preview is not None)
    assert columns.model.rowCount() == 3 and columns.model.columnCount() == 5
    assert columns.model.index(0, 0).data() == "Ada Lovelace"
    name = child(columns, QComboBox, "csvColumn_name")
    assert name.currentData() == "", "'Person' is not a name Overture knows"
    assert columns.mapping()["company"] == "Employer"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert columns.message.text().startswith("Choose the column with the full name")

    name.setCurrentIndex(name.findData("Person"))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert columns.model.headerData(0, Qt.Orientation.Horizontal) == "Person\n→ Full name"
    # "Role" was guessed as the position; the person says it is a note instead, and maps the remarks nowhere.
    columns.set_column("position", "")
    columns.set_column("notes", "Role")
    assert columns.mapping() == {"name": "Person", "company": "Employer", "email": "Mail", "notes": "Role"}
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    assert figures(wizard) == {"new": 2, "updated": 0, "unchanged": 0, "skipped": 1}
    assert wizard.preview_page.skips.index(0, 2).data() == "no name"
    assert import_now(qtbot, wizard) == "Imported: 2 added, 0 updated, 0 unchanged, 1 skipped."
    assert not wizard.import_page.figures["messages"].isVisibleTo(wizard), "an address book brings no messages"
    contacts = {c.name: c for c in services.contacts()}
    assert set(contacts) == {"Ada Lovelace", "Grace Hopper"}
    ada = services.contact(contacts["Ada Lovelace"].id)
    assert (ada.company, ada.position, ada.email, ada.notes) == (
        "Difference Engines",
        "",
        "ada@example.org",
        "Analyst",
    )
    assert ada.stage is Stage.SPOTTED

    # Back and forth keeps the person's mapping for the same file.
    assert wizard.columns_page.mapping()["notes"] == "Role"


def test_a_csv_with_first_and_last_names_needs_both(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    sheet = tmp_path / "names.csv"
    sheet.write_text("Given,Family,Org\r\nAda,Lovelace,Engines\r\n", encoding="utf-8")
    wizard = open_wizard(qtbot, window, sheet)
    next_page(wizard)
    columns = wizard.columns_page
    qtbot.waitUntil(lambda: columns.preview is not None)
    columns.set_column("first_name", "Given")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    columns.set_column("last_name", "Family")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    assert _changes_of(wizard, "Ada Lovelace") == "added in Spotted"


def test_a_file_that_is_no_csv_says_why_on_the_columns_page(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    sheet = tmp_path / "contacts.csv"
    sheet.write_bytes(b"\x00\x01\x02\x03" * 64)
    wizard = open_wizard(qtbot, window, sheet)
    next_page(wizard)
    columns = wizard.columns_page
    qtbot.waitUntil(lambda: columns.message.isVisible())
    assert columns.message.property("warning") is True
    assert columns.message.text().startswith("contacts.csv: ")
    assert columns.stack.currentWidget() is columns.nothing, "no greyed-out form of columns there are none of"
    assert not columns.view.isVisible() and not columns.combos["name"].isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    child(columns, QPushButton, "csvChooseOther").click()
    assert wizard.currentId() == PAGE_SOURCE
    assert wizard.source_page.message.text() == columns.message.text()


# -- the archive ----------------------------------------------------------------------------------------------


def test_an_archive_is_restored_into_an_empty_database_only(
    qtbot: QtBot, window: MainWindow, services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    other = open_database(DataPaths.resolve(tmp_path / "other"), clock)
    try:
        elsewhere = Services(other.sessions, clock)
        add(elsewhere, "Ada Lovelace")
        add(elsewhere, "Grace Hopper")
        archive = tmp_path / "overture.json"
        elsewhere.export_archive(archive)
    finally:
        other.dispose()

    wizard = open_wizard(qtbot, window, archive)
    assert wizard.source_page.kind() == "archive"
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    page = wizard.preview_page
    assert page.summary.text().startswith("The archive holds 2 contacts")
    assert not page.tabs.isVisible()
    assert "Import restores it exactly" in page.notice.text()
    assert import_now(qtbot, wizard).startswith("Restored 2 contacts")
    qtbot.waitUntil(lambda: window.contacts.rowCount() == 2)
    wizard.button(QWizard.WizardButton.FinishButton).click()

    wizard = open_wizard(qtbot, window, archive)
    next_page(wizard)
    wait_for_preview(qtbot, wizard)
    # The model's dry run refuses a database that is not empty, as the real restore would: said on the page.
    assert wizard.preview_page.problem_message.property("warning") is True
    assert "already holds 2 contacts" in wizard.preview_page.problem_message.text()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


# -- the main window ------------------------------------------------------------------------------------------


def _enter(target: QWidget, urls: list[QUrl]) -> tuple[QDragEnterEvent, QMimeData]:
    """A drag entering `target` with `urls`, as the desktop's file manager sends it."""
    mime = QMimeData()
    mime.setUrls(urls)
    point = target.rect().center()
    event = QDragEnterEvent(
        point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, event)
    return event, mime


def test_a_file_dropped_on_the_window_opens_the_wizard_with_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    export = linkedin_export(tmp_path)
    web, _mime = _enter(window, [QUrl("https://www.linkedin.com/in/ada-lovelace")])
    assert not web.isAccepted(), "only local files are taken"
    two, _mime = _enter(window, [QUrl.fromLocalFile(str(export)), QUrl.fromLocalFile(str(tmp_path))])
    assert not two.isAccepted(), "one import at a time"
    # Over a board column, which takes only cards, the file goes on to the window.
    column = window.board.findChild(QAbstractItemView)
    assert column is not None and column.acceptDrops()
    over_board, _mime = _enter(column.viewport(), [QUrl.fromLocalFile(str(export))])
    assert over_board.isAccepted()

    enter, mime = _enter(window, [QUrl.fromLocalFile(str(export))])
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(window.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: window._import_wizard is not None and window._import_wizard.isVisible())
    wizard = window._import_wizard
    assert wizard is not None
    assert wizard.source_page.path.text() == str(export)
    assert wizard.source_page.kind() == "linkedin"
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_file_menu_imports_and_exports(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    actions = window.actions_
    assert actions.import_file.text() == "&Import…" and actions.import_file.shortcut().toString() == "Ctrl+I"
    export_menu = child(window, QMenu, "exportMenu")
    assert [a.text() for a in export_menu.actions()] == [
        "Contacts as &CSV…",
        "Contacts as &vCard…",
        "Everything as Overture &Archive…",
    ]
    add(services, "Ada Lovelace", company="Engines")
    add(services, "Grace Hopper", company="Navy")
    window.export_to("csv", tmp_path / "contacts.csv")
    qtbot.waitUntil(lambda: window.status.text().startswith("Exported 2 contacts"))
    assert "Ada Lovelace" in (tmp_path / "contacts.csv").read_text(encoding="utf-8-sig")
    window.export_to("vcard", tmp_path / "contacts.vcf")
    qtbot.waitUntil(lambda: window.status.text() == f"Exported 2 contacts to {tmp_path / 'contacts.vcf'}.")
    window.export_to("archive", tmp_path / "all.json")
    qtbot.waitUntil(lambda: window.status.text().startswith("Exported 2 contacts,"))
    assert (tmp_path / "all.json").exists()


def test_the_first_run_screen_opens_the_wizard(qtbot: QtBot, window: MainWindow) -> None:
    assert window.centre.currentWidget() is window.first_run
    window.first_run.import_button.click()
    qtbot.waitUntil(lambda: window._import_wizard is not None and window._import_wizard.isVisible())
    wizard = window._import_wizard
    assert wizard is not None and wizard.currentId() == PAGE_SOURCE
    assert wizard.source_page.path.text() == ""


# -- the item models ------------------------------------------------------------------------------------------


@pytest.fixture
def planned(services: Services, tmp_path: Path) -> Callable[[], tuple[ImportBundle, Services]]:
    def make() -> tuple[ImportBundle, Services]:
        add(services, "Ada Lovelace", company="Engines")
        add(services, "Grace Hopper", company="Navy", position="Admiral", profile_url=GRACE)
        return services.read_import("linkedin", linkedin_export(tmp_path)), services

    return make


def test_the_preview_models_are_well_behaved(
    qtmodeltester: ModelTester, planned: Callable[[], tuple[ImportBundle, Services]]
) -> None:
    bundle, services = planned()
    plan = services.preview_import(bundle)
    people = ImportPreviewModel()
    people.set_planned(plan.planned)
    qtmodeltester.check(people)  # type: ignore[no-untyped-call]
    assert {people.index(row, 0).data(StatusRole) for row in range(people.rowCount())} == {"new", "updated"}
    assert people.index(0, 0).data(SourceLineRole)[0] in ("Connections.csv", "Invitations.csv")
    skips = SkipListModel()
    skips.set_skips(plan.skipped)
    qtmodeltester.check(skips)  # type: ignore[no-untyped-call]

    ambiguities = AmbiguityModel()
    ambiguities.set_ambiguities(plan.ambiguous)
    qtmodeltester.check(ambiguities)  # type: ignore[no-untyped-call]
    [question] = plan.ambiguous
    person = ambiguities.index(0, 0)
    assert person.data(AmbiguityKeyRole) == question.key
    assert ambiguities.index(1, 0, person).data(ChoiceRole) == SOMEONE_NEW
    assert ambiguities.choose(question.key, SOMEONE_NEW)
    assert ambiguities.matches() == {question.key: None}
    assert ambiguities.index(1, 0, person).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not ambiguities.setData(
        ambiguities.index(1, 0, person), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
    ), "one choice is always ticked"
    ambiguities.merge(plan.ambiguous)
    assert ambiguities.rowCount() == 1
    qtmodeltester.check(ambiguities)  # type: ignore[no-untyped-call]

    conflicts = ConflictListModel()
    conflicts.set_rows(conflict_rows(plan, ()))
    qtmodeltester.check(conflicts)  # type: ignore[no-untyped-call]
    assert conflicts.index(0, ConflictColumn.TAKE).data(ConflictKeyRole) == ("Connections.csv", 6, "position")
    take = conflicts.index(0, ConflictColumn.TAKE)
    assert conflicts.setData(take, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole), "a view's number"
    assert not conflicts.setData(conflicts.index(0, ConflictColumn.NAME), 2, Qt.ItemDataRole.CheckStateRole)
    assert conflicts.accepted() == {("Connections.csv", 6, "position")}
    accepted = services.preview_import(bundle, Decisions(accepted=conflicts.accepted()))
    assert [row.key for row in conflict_rows(accepted, conflicts.accepted())] == [("Connections.csv", 6, "position")]

    inviters = InviterListModel()
    inviters.set_invitations(plan.inviters)
    qtmodeltester.check(inviters)  # type: ignore[no-untyped-call]
    assert inviters.index(0, 0).data(InvitationKeyRole) == ("Invitations.csv", 4)
    inviters.merge(plan.inviters)
    assert inviters.rowCount() == 1


def test_the_csv_preview_model_is_well_behaved(qtmodeltester: ModelTester) -> None:
    model = CsvPreviewModel(dict(CSV_FIELDS))
    model.set_preview(["Name", "Organisation", ""], [["Ada Lovelace", "Engines"], ["Grace Hopper", "Navy", "x", "y"]])
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert model.index(0, 2).data() == "", "short rows are padded"
    model.set_mapping({"name": "Name", "company": "Organisation"})
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Organisation\n→ Company"
    assert model.headerData(1, Qt.Orientation.Horizontal, FieldRole) == "company"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "(no name)"
    assert model.headerData(1, Qt.Orientation.Horizontal, ColumnNameRole) == "Organisation"
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
