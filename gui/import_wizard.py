"""The import wizard: choose what to import, map a CSV's columns, preview what would change and decide, import.

Reading, planning and importing run off the GUI thread (gui/worker.py), each with a progress bar and Cancel; the
model's progress callback raises ImportCancelled once Cancel is pressed, so a cancelled import rolls back whole.
Nothing is written before the last page. The pages live in gui/import_source.py and gui/import_preview.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget, QWizard, QWizardPage

from gui.import_preview import PreviewPage
from gui.import_source import ColumnsPage, Source, SourcePage
from gui.import_widgets import Figure, ProgressPanel
from gui.labels import InlineMessage, plain_label, quiet
from gui.worker import BackgroundRunner, CancellableWork
from model.importing.plan import ImportResult
from model.importing.records import ImportCancelled

if TYPE_CHECKING:
    from model.services import Services

PAGE_SOURCE, PAGE_COLUMNS, PAGE_PREVIEW, PAGE_IMPORT = range(4)
READ_AHEAD_DELAY_MS = 300
# Read ahead: what needs no more choices before it is read (a CSV file needs its columns mapped; an archive's check
# cannot be stopped midway).
READ_AHEAD_KINDS = ("linkedin", "vcard")


class ImportPage(QWizardPage):
    """The import itself: one transaction after a backup, with a progress bar and Cancel, then what it did."""

    imported = Signal(str)  # the result line, once the database has changed

    def __init__(
        self,
        services: Services,
        background: BackgroundRunner,
        source: Callable[[], Source],
        preview: PreviewPage,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importRunPage")
        self.setTitle(self.tr("Import"))
        self._services = services
        self._source = source
        self._preview = preview
        self.jobs = CancellableWork(background, ImportCancelled, self)
        self.progress = ProgressPanel("importProgress")
        self.outcome = InlineMessage("importOutcome")
        font = self.outcome.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.outcome.setFont(font)
        self.hint = quiet(plain_label(name="importHint", wrap=True))
        self.figures: dict[str, Figure] = {
            "added": Figure("importAdded", self.tr("added")),
            "updated": Figure("importUpdated", self.tr("updated")),
            "unchanged": Figure("importUnchanged", self.tr("unchanged")),
            "skipped": Figure("importSkipped", self.tr("skipped")),
            "messages": Figure("importMessages", self.tr("messages")),
        }
        self.figure_row = QWidget()
        figures = QHBoxLayout(self.figure_row)
        figures.setContentsMargins(0, 0, 0, 0)
        figures.setSpacing(4 * self.fontMetrics().averageCharWidth())
        for figure in self.figures.values():
            figures.addWidget(figure)
        figures.addStretch(1)
        self.figure_row.hide()
        done = QWidget()
        done_layout = QVBoxLayout(done)
        done_layout.addWidget(self.figure_row)
        done_layout.addSpacing(self.fontMetrics().lineSpacing() // 2)
        done_layout.addWidget(self.outcome)
        done_layout.addWidget(self.hint)
        done_layout.addStretch(1)
        self.done = done
        self.stack = QStackedWidget()
        self.stack.addWidget(self.progress)
        self.stack.addWidget(done)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.progress.cancel_clicked.connect(self.jobs.request_cancel)
        self.jobs.progressed.connect(self.progress.show_progress)
        self.jobs.running_changed.connect(lambda _running: self.completeChanged.emit())
        self._started = False

    def initializePage(self) -> None:
        source = self._source()
        self._started = True
        self.stack.setCurrentWidget(self.progress)
        self.hint.clear()
        services = self._services
        if source.kind == "archive":
            self.setSubTitle(
                self.tr("Restoring {0}. A backup of your database is made first.").format(source.path.name)
            )
            self.progress.begin(self.tr("Restoring…"))
            # The archive is written in one statement per table and cannot stop midway.
            self.progress.cancel.setEnabled(False)
            self.jobs.start(
                lambda _progress: services.import_archive(source.path),
                lambda summary: self._on_succeeded(self.tr("Restored {0}.").format(summary.describe())),
                self._on_failed,
            )
            return
        bundle, decisions, plan = self._preview.bundle, self._preview.decisions(), self._preview.plan
        assert bundle is not None  # the preview page is complete only with a bundle read
        self.setSubTitle(self.tr("Importing {0}. A backup of your database is made first.").format(source.path.name))
        self.progress.begin(self.tr("Importing…"))
        # The plan shown is the plan applied, unless the database or the decisions changed since it was made (the
        # services check): planning 30,000 people again would add a second or more to the wait.
        self.jobs.start(
            lambda progress: services.run_import(bundle, decisions, progress, previewed=plan),
            self._on_run,
            self._on_failed,
        )

    def isComplete(self) -> bool:
        return self._started and not self.jobs.running

    def _on_run(self, result: ImportResult) -> None:
        counts = {
            "added": result.added,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "skipped": result.skipped,
            "messages": result.messages,
        }
        for name, count in counts.items():
            self.figures[name].set_count(count)
        # Only a LinkedIn export brings messages: an address book's import does not say "0 messages".
        self.figures["messages"].setVisible(self._source().kind == "linkedin")
        self.figure_row.show()
        self._on_succeeded(self.tr("Imported: {0}.").format(result.describe()))

    def _on_succeeded(self, line: str) -> None:
        self.setSubTitle(self.tr("Done: {0} is in Overture.").format(self._source().path.name))
        self.outcome.say(line)
        self.hint.setText(
            self.tr(
                "The contacts are in the window behind this one, with today's nudges. A backup of the database was "
                "made just before the import, in the backups folder."
            )
        )
        self.stack.setCurrentWidget(self.done)
        self.imported.emit(line)

    def _on_failed(self, message: str, cancelled: bool) -> None:
        self.setSubTitle(self.tr("Nothing was imported."))
        if cancelled:
            self.outcome.say(ImportCancelled().args[0])
        else:
            self.outcome.say(message, warning=True)
            self.hint.setText(self.tr("Your database is as it was before."))
        self.stack.setCurrentWidget(self.done)


class ImportWizard(QWizard):
    """Modal, one import at a time. Closing it while work runs asks the work to stop and closes once it has."""

    imported = Signal(str)  # the result line, once an import changed the database: the window reloads

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import"))
        self._services = services
        self._background = BackgroundRunner(self)
        self._close_when_idle = False
        self.source_page = SourcePage()
        self.columns_page = ColumnsPage(self._background, self.source_page.source)
        self.preview_page = PreviewPage(services, self._background, self.source)
        self.import_page = ImportPage(services, self._background, self.source, self.preview_page)
        self.setPage(PAGE_SOURCE, self.source_page)
        self.setPage(PAGE_COLUMNS, self.columns_page)
        self.setPage(PAGE_PREVIEW, self.preview_page)
        self.setPage(PAGE_IMPORT, self.import_page)
        self.setStartId(PAGE_SOURCE)
        # A LinkedIn export or vCard file named on the first page is read (and planned) at once, in the background:
        # the preview is ready sooner after Next. A moment after the last change, so that typing a path reads nothing.
        self._read_ahead = QTimer(self)
        self._read_ahead.setSingleShot(True)
        self._read_ahead.setInterval(READ_AHEAD_DELAY_MS)
        self._read_ahead.timeout.connect(self._on_read_ahead)
        self.source_page.completeChanged.connect(self._read_ahead.start)
        self.currentIdChanged.connect(self._on_current_id_changed)
        self.preview_page.read_ahead_failed.connect(self._on_read_ahead_failed)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        # The last page has its own Cancel while it works, and nothing to go back to once it has.
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        for jobs in self._all_jobs():
            jobs.running_changed.connect(self._on_jobs_running_changed)
        self.import_page.imported.connect(self.imported)
        self.columns_page.another_file_wanted.connect(self.choose_another)
        self.preview_page.another_file_wanted.connect(self.choose_another)
        if path is not None:
            self.source_page.set_source(path)
        # Sized in text, not pixels: a larger font or 200% scaling gets a proportionally larger wizard.
        em = self.fontMetrics().averageCharWidth()
        lines = self.fontMetrics().lineSpacing()
        self.setMinimumSize(72 * em, 30 * lines)
        width, height = 125 * em, 42 * lines
        screen = self.screen()
        if screen is not None:  # at 200% the wanted size may exceed a laptop's screen
            available = screen.availableGeometry()
            width, height = min(width, available.width() * 9 // 10), min(height, available.height() * 9 // 10)
        self.resize(width, height)

    def source(self) -> Source:
        path = self.source_page.source() or Path()
        kind = self.source_page.kind()
        mapping = self.columns_page.mapping_pairs() if kind == "csv" else None
        return Source(kind, path, mapping)

    def _on_current_id_changed(self, page: int) -> None:
        # Shown (opened, or back from a later page): read ahead what the page names. Left: what it names is read.
        if page == PAGE_SOURCE:
            self._read_ahead.start()
        else:
            self._read_ahead.stop()

    def _on_read_ahead(self) -> None:
        source = self.source()
        # A file only: a path being typed passes through folders ("/home", "/home/ada"), which are no export.
        wanted = source.kind in READ_AHEAD_KINDS and source.path.is_file()
        if self.currentId() == PAGE_SOURCE and self.source_page.isComplete() and wanted:
            self.preview_page.read_ahead(source)
        else:
            self.preview_page.drop_read_ahead()

    def _on_read_ahead_failed(self, message: str) -> None:
        if self.currentId() == PAGE_SOURCE:
            self.source_page.show_problem(message)

    def nextId(self) -> int:
        """The route: the columns step only for a CSV file; the import page is the last."""
        current = self.currentId()
        if current == PAGE_SOURCE:
            return PAGE_COLUMNS if self.source_page.kind() == "csv" else PAGE_PREVIEW
        if current in (PAGE_COLUMNS, PAGE_PREVIEW):
            return current + 1
        return -1

    def choose_another(self, problem: str) -> None:
        """Back to the first page, with the reason the last file could not be used."""
        self.restart()
        if problem:
            self.source_page.show_problem(problem)
        self.source_page.path.setFocus()
        self.source_page.path.selectAll()

    def _all_jobs(self) -> tuple[CancellableWork, ...]:
        return (
            self.columns_page.jobs,
            self.preview_page.read_jobs,
            self.preview_page.plan_jobs,
            self.import_page.jobs,
        )

    @property
    def busy(self) -> bool:
        return any(jobs.running for jobs in self._all_jobs())

    def reject(self) -> None:
        """Cancel, Escape or the close button: work in progress is asked to stop first, then the wizard closes."""
        if self.busy:
            self._close_when_idle = True
            self.preview_page.request_cancel()
            for jobs in self._all_jobs():
                jobs.request_cancel()
            return
        super().reject()

    def _on_jobs_running_changed(self, running: bool) -> None:
        if not running and self._close_when_idle and not self.busy:
            self._close_when_idle = False
            if self.import_page.isComplete() and self.currentId() == PAGE_IMPORT:
                self.accept()
            else:
                super().reject()
