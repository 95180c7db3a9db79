"""The main window: lays out the contact list, the board, the detail pane and today's nudges, and wires them."""

from __future__ import annotations

import gc
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QMimeData, QModelIndex, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QPaintEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.about import show_about
from gui.actions import Actions, build_actions
from gui.board import PipelineBoard
from gui.changes import ChangeRunner
from gui.composer import default_kind
from gui.contact_detail import ContactDetail
from gui.first_run import FirstRun
from gui.models.contact_list_model import Column, ContactIdRole, ContactListModel
from gui.new_contact_dialog import NewContactDialog
from gui.nudge_panel import NudgePanel
from gui.preferences import PreferencesDialog
from gui.worker import BackgroundRunner
from model.clock import Clock
from model.directory import ContactDirectory, ContactQuery, Listing
from model.errors import OvertureError
from model.nudges import Nudge, NudgeKind
from model.pipeline import Refusal, next_stage, previous_stage
from model.urls import is_openable
from model.vocabulary import PIPELINE, MessageKind, Stage, Tier

if TYPE_CHECKING:
    from gui.import_wizard import ImportWizard
    from model.services import Services
    from model.startup import StartData

ExportChoice = Literal["csv", "vcard", "archive"]
NUDGE_REFRESH_MS = 60_000
NUDGE_AFTER_CHANGE_MS = 250
# The save dialog's title, suggested name ({0}: today's date) and filter, per export.
_EXPORTS: dict[ExportChoice, tuple[str, str, str]] = {
    "csv": ("Export Contacts as CSV", "overture-contacts-{0}.csv", "CSV (*.csv)"),
    "vcard": ("Export Contacts as vCard", "overture-contacts-{0}.vcf", "vCard (*.vcf)"),
    "archive": ("Export Everything as Overture Archive", "overture-{0}.json", "Overture archive (*.json)"),
}
_COMPOSE_FOR = {
    NudgeKind.THANK_YOU_DUE: MessageKind.THANK_YOU,
    NudgeKind.FOLLOW_UP_DUE: MessageKind.FOLLOW_UP,
    NudgeKind.KEEP_IN_TOUCH: MessageKind.OTHER,
    NudgeKind.READY_TO_CONNECT: MessageKind.CONNECTION_REQUEST,
}


class MainWindow(QMainWindow):
    nudges_updated = Signal(list)  # the ranked nudges, after each re-evaluation
    first_painted = Signal()  # once, when the whole window has been painted for the first time

    def __init__(
        self,
        services: Services,
        clock: Clock,
        state_file: Path,
        data_folder: Path | None = None,
        *,
        start: StartData | None = None,
    ) -> None:
        """`start`, when given, is what the first paint shows, read before the services are open (gui/deferred.py)."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Overture")
        self._services = services
        self._clock = clock
        self._state = QSettings(str(state_file), QSettings.Format.IniFormat)
        self._data_folder = data_folder
        self._undo = QUndoStack(self)
        self._runner = ChangeRunner(services, self._undo, self)
        self._background = BackgroundRunner(self)
        self._directory = ContactDirectory()
        self._row_updates = 0  # single contacts' changes applied to the directory: a reload read before is stale
        self._listing = Listing({}, {})  # what the list and the board show: the directory's rows for the query
        self._stale_days = 7
        self._nudges: list[Nudge] = []
        self._nudge_generation = 0
        self._nudge_by_contact: dict[int, Nudge] = {}
        self._current: int | None = None
        self._painted = False
        self._problem_box: QMessageBox | None = None
        self._import_wizard: ImportWizard | None = None
        self._nudge_timer = QTimer(self)
        self._nudge_timer.setInterval(NUDGE_REFRESH_MS)
        self._nudge_soon = QTimer(self)
        self._nudge_soon.setSingleShot(True)
        self._nudge_soon.setInterval(NUDGE_AFTER_CHANGE_MS)
        self.actions_ = build_actions(self)
        self._build()
        self._build_menus(self.actions_)
        self._connect_signals()
        self._restore_state()
        self.reload(start)
        self._nudge_timer.start()

    # -- layout ---------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("contactSearch")
        self.search.setPlaceholderText(self.tr("Search names, companies, tags, notes…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search contacts"))
        self.stage_filter = QComboBox()
        self.stage_filter.setObjectName("stageFilter")
        self.stage_filter.setAccessibleName(self.tr("Filter by stage"))
        self.stage_filter.addItem(self.tr("All stages"), None)
        for stage in (*PIPELINE, Stage.PARKED):
            self.stage_filter.addItem(self.tr(stage.label), stage.value)
        self.tier_filter = QComboBox()
        self.tier_filter.setObjectName("tierFilter")
        self.tier_filter.setAccessibleName(self.tr("Filter by tie"))
        self.tier_filter.addItem(self.tr("All ties"), None)
        for tier in Tier:
            self.tier_filter.addItem(self.tr(tier.value.capitalize()), tier.value)
        self.attention = QCheckBox(self.tr("Needs attention"))
        self.attention.setObjectName("attentionFilter")

        self.contacts = ContactListModel()
        self.contact_list = QTableView()
        self.contact_list.setObjectName("contactList")
        self.contact_list.setAccessibleName(self.tr("Contacts"))
        self.contact_table = QTableView()
        self.contact_table.setObjectName("contactTable")
        self.contact_table.setAccessibleName(self.tr("Contacts table"))
        for view in (self.contact_list, self.contact_table):
            view.setModel(self.contacts)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setSortingEnabled(True)
            view.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
            view.verticalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
            view.setWordWrap(False)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for column in (Column.POSITION, Column.TIER, Column.DAYS_IN_STAGE, Column.TIME_ZONE):
            self.contact_list.setColumnHidden(column, True)
        self.contact_list.horizontalHeader().setStretchLastSection(True)
        self.contact_table.horizontalHeader().setStretchLastSection(True)

        filters = QHBoxLayout()
        filters.addWidget(self.stage_filter)
        filters.addWidget(self.tier_filter)
        filters.addWidget(self.attention)
        self.count_label = QLabel()
        self.count_label.setObjectName("contactCount")
        left_top = QWidget()
        box = QVBoxLayout(left_top)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.search)
        box.addLayout(filters)
        box.addWidget(self.contact_list, 1)
        box.addWidget(self.count_label)

        self.nudge_panel = NudgePanel()
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.setObjectName("leftSplitter")
        self.left.addWidget(left_top)
        self.left.addWidget(self.nudge_panel)
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)
        self.left.setSizes([560, 340])

        self.board = PipelineBoard(self._move)
        self.first_run = FirstRun()
        self.centre = QStackedWidget()
        self.centre.setObjectName("centre")
        for page in (self.first_run, self.board, self.contact_table):
            self.centre.addWidget(page)
        self.centre.currentChanged.connect(self._on_centre_current_changed)
        self._on_centre_current_changed()

        self.detail = ContactDetail(self._services, self._runner, clock=self._clock)
        scroll = QScrollArea()
        scroll.setWidget(self.detail)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(1, 1)
        # Wide enough at first for the Today buttons in one row; narrower, they take two (a half-screen window).
        self.splitter.setSizes([max(330, self.nudge_panel.one_row_width()), 820, 430])
        self.setCentralWidget(self.splitter)
        self.setAcceptDrops(True)  # a LinkedIn export, vCard, CSV or archive dropped anywhere opens the import
        self.status = QLabel()
        self.status.setObjectName("statusMessage")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status, 1)

    def _build_menus(self, a: Actions) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        file.addAction(a.import_file)
        export = file.addMenu(self.tr("&Export"))
        export.setObjectName("exportMenu")
        export.addActions([a.export_csv, a.export_vcard, a.export_archive])
        file.addAction(a.load_sample)
        file.addSeparator()
        file.addAction(a.quit)
        edit = bar.addMenu(self.tr("&Edit"))
        edit.addActions([a.undo, a.redo])
        edit.addSeparator()
        edit.addActions([a.new_contact, a.delete_contact, a.find])
        edit.addSeparator()
        edit.addAction(a.preferences)
        contact = bar.addMenu(self.tr("&Contact"))
        contact.addActions([a.next_stage, a.previous_stage])
        move_to = contact.addMenu(self.tr("Move &To"))
        for stage in (*PIPELINE, Stage.PARKED):
            action = move_to.addAction(self.tr(stage.label))
            action.triggered.connect(lambda _checked=False, s=stage: self._move_current(s))
        contact.addActions([a.park, a.restore])
        contact.addSeparator()
        contact.addAction(a.open_profile)
        view = bar.addMenu(self.tr("&View"))
        view.addActions([a.show_board, a.show_table, a.show_parked])
        view.addSeparator()
        view.addAction(a.refresh_nudges)
        bar.addMenu(self.tr("&Help")).addAction(a.about)

    def _connect_signals(self) -> None:
        a = self.actions_
        self.search.textChanged.connect(self._on_filters_changed)
        self.stage_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.tier_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.attention.toggled.connect(self._on_filters_changed)
        for view in (self.contact_list, self.contact_table):
            view.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        self.board.contact_selected.connect(self._on_board_contact_selected)
        self.board.contact_activated.connect(self._on_board_contact_selected)
        self.nudge_panel.contact_chosen.connect(self.select_contact)
        self.nudge_panel.action_chosen.connect(self._on_nudge_action_chosen)
        self.nudge_panel.snooze_chosen.connect(self._on_nudge_snooze_chosen)
        self.nudge_panel.dismiss_chosen.connect(self._on_nudge_dismiss_chosen)
        self.first_run.sample_chosen.connect(self._on_load_sample)
        self.first_run.import_chosen.connect(lambda: self.open_import())
        self.first_run.new_contact_chosen.connect(self._on_new_contact)
        self._runner.contact_changed.connect(self._on_runner_contact_changed)
        self._runner.undo_failed.connect(self.show_message)
        self._nudge_timer.timeout.connect(self.refresh_nudges)
        self._nudge_soon.timeout.connect(self.refresh_nudges)
        a.undo.triggered.connect(self._undo.undo)
        a.redo.triggered.connect(self._undo.redo)
        self._undo.canUndoChanged.connect(a.undo.setEnabled)
        self._undo.canRedoChanged.connect(a.redo.setEnabled)
        self._undo.undoTextChanged.connect(lambda text: a.undo.setText(self.tr("&Undo {0}").format(text).strip()))
        self._undo.redoTextChanged.connect(lambda text: a.redo.setText(self.tr("&Redo {0}").format(text).strip()))
        a.undo.setEnabled(False)
        a.redo.setEnabled(False)
        a.new_contact.triggered.connect(self._on_new_contact)
        a.delete_contact.triggered.connect(self._on_delete_contact)
        a.find.triggered.connect(self._on_find)
        a.next_stage.triggered.connect(lambda: self._step(forward=True))
        a.previous_stage.triggered.connect(lambda: self._step(forward=False))
        a.park.triggered.connect(self._on_park)
        a.restore.triggered.connect(self._on_restore)
        a.open_profile.triggered.connect(self._on_open_profile)
        a.show_board.triggered.connect(lambda: self.set_view("board"))
        a.show_table.triggered.connect(lambda: self.set_view("table"))
        a.show_parked.toggled.connect(self.board.set_parked_visible)
        self.board.parked_visibility_changed.connect(a.show_parked.setChecked)
        a.refresh_nudges.triggered.connect(self.refresh_nudges)
        a.import_file.triggered.connect(lambda: self.open_import())  # not open_import(checked)
        a.export_csv.triggered.connect(lambda: self._on_export_chosen("csv"))
        a.export_vcard.triggered.connect(lambda: self._on_export_chosen("vcard"))
        a.export_archive.triggered.connect(lambda: self._on_export_chosen("archive"))
        a.load_sample.triggered.connect(self._on_load_sample)
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(lambda: show_about(self, self._data_folder or Path()))
        a.preferences.triggered.connect(self.open_preferences)

    # -- state ----------------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self._state.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1580, 900)
        for splitter in (self.splitter, self.left):
            saved = self._state.value(f"window/{splitter.objectName()}")
            if saved is not None:
                splitter.restoreState(saved)
        self._view = "table" if self._state.value("window/view") == "table" else "board"
        self.actions_.show_parked.setChecked(self._state.value("window/showParked") in (True, "true"))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # The window paints itself before its children in one pass: the zero-delay timer fires after it.
            QTimer.singleShot(0, self.first_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._state.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.splitter, self.left):
            self._state.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        self._state.setValue("window/view", self._view)
        self._state.setValue("window/showParked", self.actions_.show_parked.isChecked())
        self._state.sync()
        self._nudge_timer.stop()
        self._nudge_soon.stop()
        if self._import_wizard is not None:
            # An import still running is cancelled (its transaction rolls back) rather than waited for in full.
            self._import_wizard.reject()
        self._background.wait()
        super().closeEvent(event)

    # -- data -----------------------------------------------------------------------------------------

    def reload(self, start: StartData | None = None) -> None:
        """Read every contact's row again (start-up, imports); single changes update one row instead."""
        settings = start.settings if start else self._services.settings()
        self._directory = start.directory if start else self._services.directory()
        # 100,000 rows stay alive for the session: keep the garbage collector from re-scanning them on every
        # later allocation burst (it made a board drop cost 0.3 s at that size).
        gc.collect(1)
        gc.freeze()
        self._stale_days = settings.stale_card_days
        self._refresh_view()
        # After the window has painted: evaluating nudges and folding search text are background work that
        # would otherwise compete with the first paint for the interpreter.
        if self._painted:
            QTimer.singleShot(0, self._after_reload)
        else:
            self.first_painted.connect(self._after_reload, Qt.ConnectionType.SingleShotConnection)

    def _after_reload(self) -> None:
        self.refresh_nudges()
        directory = self._directory
        self._background.start(directory.prepare_search, lambda _none: self._on_search_prepared())

    def _on_search_prepared(self) -> None:
        # The folded search entries (100,000 of them) live as long as the rows: out of the collector's way too.
        gc.collect(1)
        gc.freeze()

    def refresh_nudges(self) -> None:
        """Re-evaluate the nudges off the GUI thread; only the newest evaluation's result is shown."""
        self._nudge_generation += 1
        generation = self._nudge_generation
        services = self._services
        self._background.start(
            lambda: services.nudges(), lambda nudges: self._on_nudges_computed(nudges, generation), self.show_message
        )

    def _on_nudges_computed(self, nudges: list[Nudge], generation: int) -> None:
        if generation != self._nudge_generation:
            return  # a newer evaluation, started after a later change, is on its way
        self._nudges = nudges
        by_contact: dict[int, Nudge] = {}
        for nudge in nudges:  # ranked: the first one per contact is the one to show
            if nudge.contact_id is not None:
                by_contact.setdefault(nudge.contact_id, nudge)
        self._nudge_by_contact = by_contact
        self.nudge_panel.set_nudges(nudges)
        self.setWindowTitle(self.tr("Overture — {0:,} need attention").format(len(nudges)) if nudges else "Overture")
        self._refresh_view()
        self.nudges_updated.emit(nudges)

    def current_query(self) -> ContactQuery:
        stage = self.stage_filter.currentData()
        return ContactQuery(
            text=self.search.text(),
            stages=frozenset({stage}) if stage else None,
            tier=self.tier_filter.currentData(),
            only_ids=frozenset(self._nudge_by_contact) if self.attention.isChecked() else None,
        )

    def _refresh_view(self) -> None:
        now = self._clock()
        listing = self._directory.find(self.current_query())
        keep = self._current
        self._listing = listing
        self.contacts.set_rows(listing, self._nudge_by_contact, now)
        self.board.set_rows(listing, now, self._nudge_by_contact, self._stale_days)
        self._show_counts()
        self.centre.setCurrentWidget(
            self.first_run if len(self._directory) == 0 else self.contact_table if self._view == "table" else self.board
        )
        self.actions_.show_board.setChecked(self._view == "board")
        self.actions_.show_table.setChecked(self._view == "table")
        if keep is not None:
            self._select_in_lists(keep)

    def _refresh_one(self, contact_id: int, shown_row: int | None, shown_place: tuple[str, int] | None) -> bool:
        """Show one contact's change, already in the directory, as a full refresh would show it, by moving, adding
        or removing its row and card; `shown_row` and `shown_place` (stage, row) are where it was shown until now.
        False, changing nothing, when only a full refresh will do.
        """
        if len(self._directory) == 0 or self.centre.currentWidget() is self.first_run:
            return False  # the first-run page comes or goes
        if not self.contacts.in_name_order():
            return False  # sorted by another column: the row's place is the sort's to find
        entry = self._directory.listed_entry(self.current_query(), contact_id)
        if entry is None and shown_row is not None:
            # Taken out under a view's current index, the view would make a neighbour current (and select it).
            row = self.contacts.shown_row(shown_row)
            for view in (self.contact_list, self.contact_table):
                if view.currentIndex().row() == row:
                    view.selectionModel().clear()
        listing = self._listing = self._listing.with_change(shown_place, entry)
        self.contacts.change_one(listing, contact_id, shown_row)
        self.board.change_one(listing, contact_id, shown_place)
        self._show_counts()
        if self._current is not None:
            self._select_in_lists(self._current)
        return True

    def _show_counts(self) -> None:
        shown, total = len(self._listing), len(self._directory)
        self.count_label.setText(
            self.tr("{0:,} of {1:,} contacts").format(shown, total)
            if shown != total
            else self.tr("{0:,} contacts").format(total)
        )

    def _on_centre_current_changed(self, *_args: object) -> None:
        # The window is as narrow as the page shown allows, not the widest of the three (QStackedLayout leaves out
        # pages whose size policy is Ignored): the board fits a half-screen window once the first run is over.
        for page in (self.first_run, self.board, self.contact_table):
            policy = QSizePolicy.Policy.Preferred if page is self.centre.currentWidget() else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.centre.updateGeometry()

    def set_view(self, view: str) -> None:
        self._view = view
        self._refresh_view()

    # -- selection ------------------------------------------------------------------------------------

    def select_contact(self, contact_id: int) -> None:
        if self._directory.get(contact_id) is None:
            return
        self._current = contact_id
        self._select_in_lists(contact_id)
        self.board.select_contact(contact_id)
        self.detail.show_contact(contact_id)

    def _select_in_lists(self, contact_id: int) -> None:
        row = self.contacts.row_of(contact_id)
        for view in (self.contact_list, self.contact_table):
            if row is None:
                view.clearSelection()
                continue
            index = self.contacts.index(row, Column.NAME)
            if view.currentIndex().row() != row:
                view.selectionModel().blockSignals(True)
                view.setCurrentIndex(index)
                view.selectionModel().blockSignals(False)
                view.scrollTo(index)

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        contact_id = current.data(ContactIdRole)
        if isinstance(contact_id, int) and contact_id != self._current:
            self.select_contact(contact_id)

    def _on_board_contact_selected(self, contact_id: int) -> None:
        if contact_id != self._current:
            self.select_contact(contact_id)

    # -- moving ---------------------------------------------------------------------------------------

    def _move(self, contact_id: int, stage: Stage) -> str | None:
        """The board's mover: one service call through the undo stack; the refusal's reason, or None."""
        row = self._directory.get(contact_id)
        name = row.name if row else self.tr("contact")
        try:
            result = self._runner.run(
                self.tr("Move {0} to {1}").format(name, stage.label),
                contact_id,
                lambda: self._services.move_stage(contact_id, stage),
            )
        except OvertureError as error:
            return str(error)
        return result.reason if isinstance(result, Refusal) else None

    def _move_current(self, stage: Stage) -> None:
        if self._current is None:
            self.show_message(self.tr("Select a contact first."))
            return
        reason = self._move(self._current, stage)
        if reason:
            self.board.show_refusal(reason)
            self.show_message(reason)

    def _step(self, *, forward: bool) -> None:
        row = self._directory.get(self._current) if self._current is not None else None
        if row is None:
            self.show_message(self.tr("Select a contact first."))
            return
        stage = Stage(row.stage)
        target = next_stage(stage) if forward else previous_stage(stage)
        if target is None:
            reason = (
                self.tr("{0} is in {1}: there is no next stage.")
                if forward
                else self.tr("{0} is in {1}: only a withdrawn request moves back (to Engaging).")
            ).format(row.name, stage.label)
            self.board.show_refusal(reason)
            self.show_message(reason)
            return
        self._move_current(target)

    def _on_park(self) -> None:
        if self._current is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Park Contact"), self.tr("Why put this on hold?"))
        if not ok:
            return
        contact_id = self._current
        try:
            result = self._runner.run(
                self.tr("Park contact"), contact_id, lambda: self._services.park(contact_id, reason)
            )
        except OvertureError as error:
            self.show_message(str(error))
            return
        if isinstance(result, Refusal):
            self.board.show_refusal(result.reason)

    def _on_restore(self) -> None:
        if self._current is None:
            return
        contact_id = self._current
        result = self._runner.run(self.tr("Restore contact"), contact_id, lambda: self._services.restore(contact_id))
        if isinstance(result, Refusal):
            self.show_message(result.reason)

    # -- contacts -------------------------------------------------------------------------------------

    def _on_runner_contact_changed(self, contact_id: int) -> None:
        # Where the contact is shown, found before the directory has the change: the listing finds rows by name.
        shown_row, shown_place = self._listing.position(contact_id), self._listing.locate(contact_id)
        self._directory.update(contact_id, self._services.contact_row(contact_id))
        self._row_updates += 1
        if self._directory.get(contact_id) is None and self._current == contact_id:
            self._current = None  # the detail pane reloads itself on the same signal and shows its hint
        if not self._refresh_one(contact_id, shown_row, shown_place):
            self._refresh_view()
        # Re-evaluate a moment later: the change is on screen first, and a burst of changes costs one evaluation.
        self._nudge_soon.start()

    def _on_new_contact(self) -> None:
        dialog = NewContactDialog(self._services, self)
        if dialog.exec() != NewContactDialog.DialogCode.Accepted:
            return
        try:
            contact_id = self._runner.run_creation(
                self.tr("Add {0}").format(dialog.name.text().strip()),
                lambda: self._services.add_contact(dialog.draft()).id,
            )
        except OvertureError as error:
            self.show_message(str(error))
            return
        self.select_contact(contact_id)

    def _on_delete_contact(self) -> None:
        row = self._directory.get(self._current) if self._current is not None else None
        if row is None:
            return
        contact_id = row.id
        self._runner.run(
            self.tr("Delete {0}").format(row.name), contact_id, lambda: self._services.delete_contact(contact_id)
        )
        self.show_message(
            self.tr("Deleted {0}. Undo with {1}.").format(row.name, self.actions_.undo.shortcut().toString())
        )

    def _on_find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_filters_changed(self, *_args: object) -> None:
        self._refresh_view()

    def _on_open_profile(self) -> None:
        row = self._directory.get(self._current) if self._current is not None else None
        if row is not None and row.profile_url and is_openable(row.profile_url):
            QDesktopServices.openUrl(QUrl(row.profile_url))
        else:
            self.show_message(self.tr("No web profile to open for this contact."))

    # -- preferences ----------------------------------------------------------------------------------

    def open_preferences(self) -> PreferencesDialog:
        """Show the Preferences (modal); what they change shows at once in the composer and the nudges."""
        dialog = PreferencesDialog(self._services, self)
        dialog.templates_changed.connect(self.detail.composer.reload_templates)
        dialog.finished.connect(lambda result: self._on_preferences_finished(dialog, result))
        dialog.open()
        return dialog

    def _on_preferences_finished(self, dialog: PreferencesDialog, result: int) -> None:
        dialog.deleteLater()
        if result == PreferencesDialog.DialogCode.Accepted:
            # The note limit, the user's time zone and sending windows, the pacing and nudge thresholds may all
            # have changed: the shown contact's composer rereads them, and the nudges are evaluated again.
            self.detail.show_contact(self._current)
            self.refresh_nudges()

    # -- nudges ---------------------------------------------------------------------------------------

    def _on_nudge_action_chosen(self, nudge: Nudge) -> None:
        if nudge.contact_id is None:
            return
        self.select_contact(nudge.contact_id)
        if nudge.kind is NudgeKind.REMINDER:
            row = self._directory.get(nudge.contact_id)
            if row is not None:  # "Remind me then": write what the stage calls for, now that the moment is here
                self.detail.compose(default_kind(Stage(row.stage)))
            return
        kind = _COMPOSE_FOR.get(nudge.kind)
        if kind is not None:
            self.detail.compose(kind)

    def _on_nudge_snooze_chosen(self, nudge: Nudge, delta: timedelta) -> None:
        try:
            self._services.snooze_nudge(nudge.contact_id, nudge.kind, self._clock() + delta)
        except OvertureError as error:
            self.show_message(str(error))
        self.refresh_nudges()

    def _on_nudge_dismiss_chosen(self, nudge: Nudge) -> None:
        try:
            self._services.dismiss_nudge(nudge.contact_id, nudge.kind)
        except OvertureError as error:
            self.show_message(str(error))
        self.refresh_nudges()

    # -- files ----------------------------------------------------------------------------------------

    def _on_load_sample(self) -> None:
        self.show_message(self.tr("Creating sample contacts…"))
        self._background.start(
            self._services.load_sample,
            lambda _count: self._after_bulk_change(
                self.tr("Sample contacts loaded: explore, then delete them whenever you like.")
            ),
            self.show_message,
        )

    def open_import(self, path: Path | None = None) -> ImportWizard:
        """The import wizard (window-modal), pre-filled with `path` when given (a drop, the first-run screen)."""
        # Imported here: the wizard reads the model's import code, which loads SQLAlchemy (after the first paint).
        from gui.import_wizard import PAGE_SOURCE, ImportWizard

        wizard = self._import_wizard
        if wizard is not None and wizard.isVisible():
            if path is not None and wizard.currentId() == PAGE_SOURCE:
                wizard.source_page.set_source(path)
            wizard.raise_()
            wizard.activateWindow()
            return wizard
        wizard = ImportWizard(self._services, self, path=path)
        wizard.imported.connect(self._after_bulk_change)
        wizard.finished.connect(lambda _result: self._on_import_wizard_finished(wizard))
        self._import_wizard = wizard
        wizard.open()
        return wizard

    def _on_import_wizard_finished(self, wizard: ImportWizard) -> None:
        if self._import_wizard is wizard:
            self._import_wizard = None
        wizard.deleteLater()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """A file, folder or zip from the desktop: one local path, which the import wizard opens with."""
        if _dropped_path(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _dropped_path(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_path(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # Opened after the drop has finished: a modal wizard inside the drop would hold the source's drag open.
        QTimer.singleShot(0, lambda: self.open_import(path))

    def _on_export_chosen(self, kind: ExportChoice) -> None:
        title, name, file_filter = _EXPORTS[kind]
        stamp = datetime.now().strftime("%Y-%m-%d")
        path, _filter = QFileDialog.getSaveFileName(self, self.tr(title), name.format(stamp), self.tr(file_filter))
        if path:
            self.export_to(kind, Path(path))

    def export_to(self, kind: ExportChoice, path: Path) -> None:
        """Write the export off the GUI thread; the status bar says how many were written, or why not."""
        services = self._services
        self.show_message(self.tr("Exporting to {0}…").format(path.name))
        if kind == "archive":
            self._background.start(
                lambda: services.export_archive(path),
                lambda summary: self.show_message(self.tr("Exported {0} to {1}.").format(summary.describe(), path)),
                self._show_error,
            )
            return
        self._background.start(
            lambda: services.export_contacts(kind, path),
            lambda count: self.show_message(
                (
                    self.tr("Exported {0:,} contacts to {1}.") if count != 1 else self.tr("Exported 1 contact to {1}.")
                ).format(count, path)
            ),
            self._show_error,
        )

    def _after_bulk_change(self, message: str) -> None:
        self._undo.clear()  # an import or sample load is not one contact's change; it is not undone piecemeal
        self.show_message(message)
        self._reload_in_background()

    def _reload_in_background(self) -> None:
        """Every row read again off the GUI thread (a third of a second at 30,000 contacts, a second at 100,000:
        the import's done page would wait for it), then shown. Read again if a change to one contact reached the
        window meanwhile: the rows read may be older than it."""
        from model.startup import StartData

        services = self._services
        updates = self._row_updates

        def read() -> StartData:
            return StartData(services.directory(), services.settings())

        def show(start: StartData) -> None:
            if self._row_updates == updates:
                self.reload(start)
            else:
                self._reload_in_background()

        self._background.start(read, show, self.show_message)

    def refuse_database(self, message: str) -> None:
        """The database turned out to be unusable after the first paint: say so, then close."""
        self.hide()
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Overture"), message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("databaseProblem")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.finished.connect(self.close)
        box.open()
        self._problem_box = box  # kept alive while it is shown

    def _show_error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Overture"), message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        self.show_message(message)

    def show_message(self, message: str) -> None:
        self.status.setText(message)


def _dropped_path(mime: QMimeData | None) -> Path | None:
    """The one local file or folder being dragged, or None (a web link, several files, text)."""
    if mime is None or not mime.hasUrls():
        return None
    urls = mime.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    return Path(urls[0].toLocalFile())
