"""The wizard's preview: what the import would do, counted and listed, and what the person decides first.

Nothing is written here: reading is `Services.read_import` and planning `Services.preview_import`, both off the GUI
thread. Each decision re-plans (off the thread too, a moment after the last tick), so that the counts stay true.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from gui.import_source import Source
from gui.import_widgets import Figure, ProgressPanel, column_widths, item_table
from gui.labels import InlineMessage, plain_label, quiet
from gui.models.ambiguity_model import AmbiguityModel
from gui.models.conflict_list_model import Column as ConflictColumn
from gui.models.conflict_list_model import ConflictListModel, conflict_rows
from gui.models.import_preview_model import Column as PreviewColumn
from gui.models.import_preview_model import ImportPreviewModel, StatusRole, status_label
from gui.models.inviter_list_model import Column as InviterColumn
from gui.models.inviter_list_model import InviterListModel
from gui.models.skip_list_model import Column as SkipColumn
from gui.models.skip_list_model import SkipListModel
from gui.theme import set_text_tone
from gui.worker import BackgroundRunner, CancellableWork
from model.importing.plan import Decisions, ImportPlan, Status
from model.importing.records import ImportBundle, ImportCancelled

if TYPE_CHECKING:
    from model.archive import ArchiveSummary
    from model.services import Services

# Ticking decisions in a row re-plans once, this long after the last tick (a re-plan of 30,000 rows takes ~0.2 s).
REPLAN_DELAY_MS = 150


class PreviewPage(QWizardPage):
    """What the import would do, counted and listed, and what the person decides before anything is written."""

    another_file_wanted = Signal(str)  # the person wants to choose another file; why this one failed, or ""
    read_ahead_failed = Signal(str)  # why the file read ahead (from the first page) cannot be imported

    def __init__(
        self,
        services: Services,
        background: BackgroundRunner,
        source: Callable[[], Source],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewPage")
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("What the import would do. Nothing has changed yet."))
        self.setCommitPage(True)  # past it, the import has happened: there is no going back
        self._services = services
        self._source = source
        self.read_jobs = CancellableWork(background, ImportCancelled, self)
        self.plan_jobs = CancellableWork(background, ImportCancelled, self)
        self.bundle: ImportBundle | None = None
        self._read_for: Source | None = None
        self._reading: Source | None = None  # the file being read now
        self._ahead = False  # the read (and the plan after it) began from the first page, before this one showed
        self.plan: ImportPlan | None = None
        self.archive: ArchiveSummary | None = None
        self._replanning = False
        self._replan = QTimer(self)
        self._replan.setSingleShot(True)
        self._replan.setInterval(REPLAN_DELAY_MS)

        self.progress = ProgressPanel("previewProgress")
        self.problem = self._build_problem()
        self.result = self._build_result()
        self.stack = QStackedWidget()
        self.stack.setObjectName("previewStack")
        for page in (self.progress, self.problem, self.result):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._connect_signals()

    def _build_problem(self) -> QWidget:
        page = QWidget()
        self.problem_message = InlineMessage("previewProblem")
        self.choose_other = QPushButton(self.tr("Choose &Another File…"))
        self.choose_other.setObjectName("previewChooseOther")
        self.choose_other.setAccessibleName(self.tr("Go back and choose another file"))
        self.try_again = QPushButton(self.tr("&Try Again"))
        self.try_again.setObjectName("previewTryAgain")
        self.try_again.setAccessibleName(self.tr("Read the same file again"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_other)
        buttons.addWidget(self.try_again)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.problem_message)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    def _build_result(self) -> QWidget:
        page = QWidget()
        self.figures: dict[str, Figure] = {
            "new": Figure("previewNew", self.tr("new")),
            "updated": Figure("previewUpdated", self.tr("updated")),
            "unchanged": Figure("previewUnchanged", self.tr("unchanged")),
            "skipped": Figure("previewSkipped", self.tr("skipped")),
        }
        figures = QHBoxLayout()
        figures.setSpacing(4 * self.fontMetrics().averageCharWidth())
        for figure in self.figures.values():
            figures.addWidget(figure)
        figures.addStretch(1)
        self.summary = plain_label(name="previewSummary", wrap=True)
        self.notice = InlineMessage("previewNotice")

        self.people = ImportPreviewModel(self)
        self.people_filter = QSortFilterProxyModel(self)
        self.people_filter.setObjectName("previewPeopleFilter")
        self.people_filter.setSourceModel(self.people)
        self.people_filter.setFilterRole(StatusRole)
        self.people_filter.setFilterKeyColumn(PreviewColumn.STATUS)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("previewFilter")
        self.status_filter.setAccessibleName(self.tr("Show people by what happens to them"))
        self.status_filter.addItem(self.tr("Everyone"), "")
        for status in Status:
            self.status_filter.addItem(status_label(status), status.value)
        self.status_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.people_view = item_table("previewTable", self.tr("People in the file"))
        self.people_view.setModel(self.people_filter)
        column_widths(self.people_view, {PreviewColumn.STATUS: 11, PreviewColumn.NAME: 24, PreviewColumn.COMPANY: 24})
        filter_row = QHBoxLayout()
        show = QLabel(self.tr("&Show"))
        show.setBuddy(self.status_filter)
        filter_row.addWidget(show)
        filter_row.addWidget(self.status_filter)
        filter_row.addStretch(1)
        people_tab = QWidget()
        people_layout = QVBoxLayout(people_tab)
        people_layout.addLayout(filter_row)
        people_layout.addWidget(self.people_view, 1)

        self.ambiguities = AmbiguityModel(self)
        self.ambiguity_view = QTreeView()
        self.ambiguity_view.setObjectName("previewAmbiguities")
        self.ambiguity_view.setAccessibleName(self.tr("People to decide about"))
        self.ambiguity_view.setModel(self.ambiguities)
        self.ambiguity_view.setHeaderHidden(True)
        self.ambiguity_view.setItemsExpandable(False)  # the choices are always shown
        self.ambiguity_view.setRootIsDecorated(False)
        self.ambiguity_view.setUniformRowHeights(True)
        self.ambiguity_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        decide_tab = self._tab(
            self.tr(
                "These people may already be contacts of yours. Say who each one is; anyone left out is not "
                "imported now and is asked about again next time."
            ),
            self.ambiguity_view,
        )

        self.conflicts = ConflictListModel(self)
        self.conflict_view = item_table("previewConflicts", self.tr("Your edits the file would change"))
        self.conflict_view.setModel(self.conflicts)
        column_widths(
            self.conflict_view,
            {ConflictColumn.NAME: 24, ConflictColumn.FIELD: 12, ConflictColumn.YOURS: 30},
        )
        edits_tab = self._tab(
            self.tr(
                "You changed these since they were last imported, or filled them in yourself. Your value is kept "
                "unless you tick Take the file's value."
            ),
            self.conflict_view,
        )

        self.inviters = InviterListModel(self)
        self.inviter_view = item_table("previewInviters", self.tr("Invitations to you"))
        self.inviter_view.setModel(self.inviters)
        column_widths(self.inviter_view, {InviterColumn.ADD: 28, InviterColumn.SENT: 14})
        inviters_tab = self._tab(
            self.tr(
                "These people invited you to connect and are not contacts. Tick the ones you want to get to know: "
                "they are added as Spotted, with their invitation."
            ),
            self.inviter_view,
        )

        self.skips = SkipListModel(self)
        self.skip_view = item_table("previewSkips", self.tr("Rows left out"))
        self.skip_view.setModel(self.skips)
        column_widths(self.skip_view, {SkipColumn.FILE: 20, SkipColumn.LINE: 8})
        skipped_tab = self._tab(
            self.tr("These rows are left out, each with its line in the file so that you can look at it."),
            self.skip_view,
        )

        self.tabs = QTabWidget()
        self.tabs.setObjectName("previewTabs")
        self.tabs.setDocumentMode(True)
        self._tab_pages = {
            "people": people_tab,
            "decide": decide_tab,
            "edits": edits_tab,
            "inviters": inviters_tab,
            "skipped": skipped_tab,
        }
        for key, tab in self._tab_pages.items():
            tab.setObjectName(f"previewTab_{key}")
            self.tabs.addTab(tab, "")

        self.figure_row = QWidget()
        self.figure_row.setLayout(figures)
        figures.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(page)
        layout.addWidget(self.figure_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addStretch(0)  # takes the space when there are no tabs (an archive), instead of spreading the lines
        return page

    def _tab(self, explanation: str, view: QWidget) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(quiet(plain_label(explanation, wrap=True)))
        layout.addWidget(view, 1)
        return tab

    def _connect_signals(self) -> None:
        self.progress.cancel_clicked.connect(self._on_progress_cancel_clicked)
        self.read_jobs.progressed.connect(self.progress.show_progress)
        self.plan_jobs.progressed.connect(self.progress.show_progress)
        self.read_jobs.running_changed.connect(self._on_jobs_running_changed)
        self.plan_jobs.running_changed.connect(self._on_jobs_running_changed)
        self.choose_other.clicked.connect(self._on_choose_other_clicked)
        self.try_again.clicked.connect(self._on_try_again_clicked)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        self.ambiguities.decision_changed.connect(self._replan.start)
        self.conflicts.decision_changed.connect(self._replan.start)
        self.inviters.decision_changed.connect(self._replan.start)
        self.ambiguities.modelReset.connect(self.ambiguity_view.expandAll)
        self.ambiguities.rowsInserted.connect(lambda *_args: self.ambiguity_view.expandAll())
        self._replan.timeout.connect(self._on_replan_timeout)

    # -- the page's life ---------------------------------------------------------------------------------

    def initializePage(self) -> None:
        source = self._source()
        ahead, self._ahead = self._ahead, False
        if source.kind == "archive":
            self._check_archive(source)
        elif ahead and source in (self._reading, self._read_for):
            pass  # read ahead while the first page showed: the page shows how far it got, and goes on from there
        elif self.bundle is not None and source == self._read_for:
            self._plan(first=True)  # back and forth: the file is read, the database may have changed
        else:
            self._read(source)

    def cleanupPage(self) -> None:
        """Back: whatever is running stops; the file read stays read for a return with the same choice."""
        self._replan.stop()
        self.read_jobs.abandon()
        self.plan_jobs.abandon()
        self._reading = None

    def read_ahead(self, source: Source) -> None:
        """Read `source`, then plan it, while the person is still on the first page: the preview is ready sooner
        after Next, or at once. Reading and planning write nothing; a read of another file is dropped."""
        self._ahead = True
        if source == self._reading or (source == self._read_for and self.plan_jobs.running):
            return  # under way
        if self.bundle is not None and source == self._read_for:
            self._plan(first=True)  # read before (the person came back): the database may have changed since
        else:
            self._read(source)

    def drop_read_ahead(self) -> None:
        """The first page no longer names a file to read ahead: what was begun for the one before stops."""
        if self._ahead:
            self._ahead = False
            self.read_jobs.abandon()
            self.plan_jobs.abandon()
            self._reading = None

    def isComplete(self) -> bool:
        if self.read_jobs.running or self.plan_jobs.running or self._replan.isActive():
            return False
        if self._source().kind == "archive":
            return self.archive is not None  # the dry run refuses a database that is not empty
        return self.plan is not None and self.stack.currentWidget() is self.result and self.plan.changes_anything

    @property
    def busy(self) -> bool:
        return self.read_jobs.running or self.plan_jobs.running

    def request_cancel(self) -> None:
        self._replan.stop()
        self.read_jobs.request_cancel()
        self.plan_jobs.request_cancel()

    def decisions(self) -> Decisions:
        return Decisions(
            matches=self.ambiguities.matches(),
            accepted=self.conflicts.accepted(),
            add_inviters=self.inviters.added(),
        )

    # -- reading and planning ----------------------------------------------------------------------------

    def _read(self, source: Source) -> None:
        self.bundle = None
        self.plan = None
        self._read_for = None
        self._reading = source
        self.progress.begin(self.tr("Reading {0}…").format(source.path.name))
        self.stack.setCurrentWidget(self.progress)
        services = self._services
        mapping = dict(source.mapping) if source.mapping is not None else None
        kind = source.kind
        assert kind != "archive"  # an archive is checked by _check_archive, not read here
        self.read_jobs.start(
            lambda progress: services.read_import(kind, source.path, mapping, progress),
            lambda bundle: self._on_read(source, bundle),
            self._on_failed,
        )
        self.completeChanged.emit()

    def _on_read(self, source: Source, bundle: ImportBundle) -> None:
        self.bundle = bundle
        self._read_for = source
        self._reading = None
        self._plan(first=True)

    def _plan(self, *, first: bool) -> None:
        """The first plan shows the progress and resets the decisions; a re-plan keeps the lists on screen."""
        bundle = self.bundle
        if bundle is None:
            return
        decisions = Decisions() if first else self.decisions()
        if first:
            self.plan = None
            self.progress.begin(self.tr("Comparing {0:,} people with your contacts…").format(len(bundle.people)))
            self.stack.setCurrentWidget(self.progress)
        else:
            self.summary.setText(self.tr("Updating the counts…"))
        services = self._services
        self.plan_jobs.start(
            lambda progress: services.preview_import(bundle, decisions, progress),
            lambda plan: self._on_planned(plan, first=first),
            self._on_failed if first else self._on_replan_failed,
        )
        self.completeChanged.emit()

    def _on_planned(self, plan: ImportPlan, *, first: bool) -> None:
        self.plan = plan
        if first:
            self.ambiguities.set_ambiguities(plan.ambiguous)
            self.inviters.set_invitations(plan.inviters)
            self.status_filter.setCurrentIndex(0)
        else:
            self.ambiguities.merge(plan.ambiguous)
            self.inviters.merge(plan.inviters)
        self.conflicts.set_rows(conflict_rows(plan, self.conflicts.accepted() if not first else ()))
        self.people.set_planned(plan.planned)
        self.skips.set_skips(plan.skipped)
        self._show_plan(plan)
        self.stack.setCurrentWidget(self.result)
        self.completeChanged.emit()

    def _show_plan(self, plan: ImportPlan) -> None:
        self.figure_row.show()
        self.tabs.show()
        set_text_tone(self.summary, None)
        counts = {status: plan.count(status) for status in Status}
        for status in Status:
            self.figures[status.value].set_count(counts[status])
        self.figures["skipped"].set_count(plan.skipped_people)
        summary = plan.summary()
        self.summary.setText(summary + ".")
        self.summary.setAccessibleName(summary)
        for row, status in enumerate(Status, start=1):
            self.status_filter.setItemText(row, f"{status_label(status)} ({counts[status]:,})")
        self.status_filter.setItemText(0, self.tr("Everyone ({0:,})").format(len(plan.planned)))
        tabs = {
            "people": (self.tr("People"), len(plan.planned)),
            "decide": (self.tr("To decide"), self.ambiguities.rowCount()),
            "edits": (self.tr("Your edits"), self.conflicts.rowCount()),
            "inviters": (self.tr("Invitations to you"), self.inviters.rowCount()),
            # People skipped and messages left out, each row with its reason (the figure counts the people).
            "skipped": (self.tr("Skipped and left out"), self.skips.rowCount()),
        }
        for key, (title, count) in tabs.items():
            index = self.tabs.indexOf(self._tab_pages[key])
            self.tabs.setTabText(index, f"{title} ({count:,})")
            self.tabs.setTabVisible(index, key == "people" or count > 0)
        if not plan.changes_anything and not plan.ambiguous:
            self._say_nothing_to_import(plan)
        elif plan.profile_fill:
            names = [self._profile_field(name) for name in plan.profile_fill]
            fields = names[0] if len(names) == 1 else self.tr("{0} and {1}").format(", ".join(names[:-1]), names[-1])
            self.notice.say(
                self.tr("Your own profile's {0} will fill in the checklist in Preferences where it is empty.").format(
                    fields
                )
            )
        else:
            self.notice.clear_message()

    def _say_nothing_to_import(self, plan: ImportPlan) -> None:
        """Why Import is off when nobody in the file would change anything, in the words that fit the file."""
        if plan.inviters:
            text = self.tr("Nothing new to import. To add someone who invited you, tick them under Invitations to you.")
        elif not plan.count(Status.UNCHANGED):
            # Not "already in Overture": nothing in it was, and nothing can be. The reasons are shown at once.
            self.tabs.setCurrentWidget(self._tab_pages["skipped"])
            text = self.tr("Nothing in this file can be imported: each entry was skipped, for the reason listed below.")
        else:
            text = self.tr("Everything in this file is already in Overture: there is nothing to import.")
        self.notice.say(text)

    def _profile_field(self, name: str) -> str:
        return {"name": self.tr("name"), "headline": self.tr("headline"), "about": self.tr("About")}.get(name, name)

    def _on_failed(self, message: str, cancelled: bool) -> None:
        """The file could not be read (or planned): the reason on the page, and a way to another file."""
        self._reading = None
        if self._ahead and not cancelled:
            self.read_ahead_failed.emit(message)  # said on the first page at once, where another file is chosen
        if cancelled:
            self.problem_message.say(self.tr("Stopped: nothing was read into Overture."))
        else:
            self.problem_message.say(message, warning=True)
        self.try_again.setVisible(cancelled)
        self.stack.setCurrentWidget(self.problem)
        self.completeChanged.emit()

    def _on_replan_failed(self, message: str, cancelled: bool) -> None:
        if not cancelled:
            self.summary.setText(message)
            set_text_tone(self.summary, "overdue")
        self.completeChanged.emit()

    def _check_archive(self, source: Source) -> None:
        """An archive's preview is its dry run: the file is read and validated whole, nothing is written."""
        self.archive = None
        self.progress.begin(self.tr("Checking {0}…").format(source.path.name))
        self.stack.setCurrentWidget(self.progress)
        services = self._services
        self.read_jobs.start(
            lambda _progress: services.import_archive(source.path, dry_run=True),
            self._on_archive_checked,
            self._on_failed,
        )
        self.completeChanged.emit()

    def _on_archive_checked(self, summary: ArchiveSummary) -> None:
        self.archive = summary
        self.figure_row.hide()
        self.tabs.hide()
        set_text_tone(self.summary, None)
        self.summary.setText(self.tr("The archive holds {0}.").format(summary.describe()))
        self.notice.say(self.tr("Import restores it exactly as it was saved."))
        self.stack.setCurrentWidget(self.result)
        self.completeChanged.emit()

    # -- slots --------------------------------------------------------------------------------------------

    def _on_progress_cancel_clicked(self) -> None:
        self.read_jobs.request_cancel()
        self.plan_jobs.request_cancel()
        if self._source().kind == "archive":
            # A dry run cannot be interrupted, and writes nothing: stop listening to it.
            self.read_jobs.abandon()
            self._on_failed("", True)

    def _on_jobs_running_changed(self, _running: bool) -> None:
        self.completeChanged.emit()

    def _on_choose_other_clicked(self) -> None:
        message = self.problem_message
        self.another_file_wanted.emit(message.text() if message.property("warning") else "")

    def _on_try_again_clicked(self) -> None:
        self.initializePage()

    def _on_status_filter_changed(self, _index: int) -> None:
        value = str(self.status_filter.currentData() or "")
        self.people_filter.setFilterRegularExpression(
            QRegularExpression(f"^{QRegularExpression.escape(value)}$") if value else QRegularExpression()
        )

    def _on_replan_timeout(self) -> None:
        self._plan(first=False)
