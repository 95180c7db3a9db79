"""The composer: drafts a message to the shown contact, copies it, opens their profile and records it as sent."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, QTimeZone, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.changes import ChangeRunner
from gui.models.finding_list_model import FindingListModel, SpanRole
from gui.models.message_list_model import intent_label, message_kind_label
from gui.models.specific_list_model import PhraseRole, SpecificListModel
from gui.theme import Tone, set_text_tone, severity_color
from model.clock import Clock, system_clock
from model.errors import NotFound, OvertureError
from model.note_analysis import BLOCK_AT as BLOCK_SCORE
from model.note_analysis import Analysis, NoteContext, SentNote, Severity, Verdict, analyse, utf16_length
from model.phrases import specifics
from model.pipeline import Refusal
from model.records import ContactRecord, DraftRecord
from model.settings import Settings
from model.timing import MomentQuality, plan_send, reminder_for
from model.urls import is_openable
from model.vocabulary import Direction, Intent, MessageKind, Stage

if TYPE_CHECKING:
    from model.services import Services

# Long enough that a typing burst is one write, short enough that closing the window soon after loses nothing.
DRAFT_SAVE_DELAY_MS = 500
# DOMAIN.md: count like the browser does and keep a small margin, so warn in the last tenth of the limit.
NEAR_LIMIT_SHARE = 0.9
# Lists in the panel show at least this many rows: enough to read, few enough to keep the editor big.
VISIBLE_FINDINGS = 4
VISIBLE_SPECIFICS = 2
_VERDICT_TEXT = {
    Verdict.READY: "Ready to send",
    Verdict.NEEDS_WORK: "Needs work",
    Verdict.BLOCKED: "Cannot be sent as it is",
}
_VERDICT_COLOR: dict[Verdict, Tone] = {Verdict.READY: "good", Verdict.NEEDS_WORK: "warning", Verdict.BLOCKED: "overdue"}

_DEFAULT_KIND = {
    Stage.SPOTTED: MessageKind.CONNECTION_REQUEST,
    Stage.ENGAGING: MessageKind.CONNECTION_REQUEST,
    Stage.CONNECTED: MessageKind.THANK_YOU,
    Stage.NURTURING: MessageKind.FOLLOW_UP,
}
_PLACEHOLDERS = {
    MessageKind.CONNECTION_REQUEST: "A personal note: what you noticed in their work, and why you want to connect.",
    MessageKind.THANK_YOU: "Thank them for connecting and mention what you look forward to.",
    MessageKind.FOLLOW_UP: "Something useful to them, or one clear question.",
    MessageKind.OTHER: "Your message.",
}


def default_kind(stage: Stage) -> MessageKind:
    """What a person in `stage` is usually owed next: a request, a thank-you, or a follow-up."""
    return _DEFAULT_KIND.get(stage, MessageKind.OTHER)


def _utf16_offset(text: str, index: int) -> int:
    """A Python string index as a Qt text position (UTF-16 code units: an emoji before it counts 2)."""
    return utf16_length(text[:index])


def _python_index(text: str, position: int) -> int:
    """A Qt text position (UTF-16 code units) as a Python string index."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _quiet_label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    set_text_tone(label, "quiet")
    return label


def _compact_list(name: str, accessible: str, rows: int) -> QListView:
    """A list at least `rows` rows high, with its items' full text wrapped rather than cut."""
    view = QListView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setWordWrap(True)
    view.setUniformItemSizes(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    line = view.fontMetrics().lineSpacing()
    view.setMinimumHeight(rows * (line + 2) + 2 * view.frameWidth())
    return view


class ComposerPanel(QWidget):
    """Writes one message at a time to the shown contact; nothing is ever sent from here, only recorded."""

    def __init__(
        self,
        services: Services,
        runner: ChangeRunner,
        parent: QWidget | None = None,
        *,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("composerPanel")
        self._services = services
        self._runner = runner
        self._clock = clock
        self._contact: ContactRecord | None = None
        self._drafts: dict[MessageKind, DraftRecord] = {}
        self._kind = MessageKind.CONNECTION_REQUEST
        # Read again from the services whenever a contact is shown; the defaults only serve the empty panel.
        self._settings = Settings()
        self._note_limit = self._settings.note_limit
        # Built once per shown contact: the analysis runs on every keystroke and reuses them.
        self._sent_notes: tuple[SentNote, ...] = ()
        self._context = NoteContext()
        self._analysis: Analysis | None = None
        # Set while the panel itself changes the editor, so that only the person's typing saves a draft.
        self._loading = False

        self._kind_box = QComboBox()
        self._kind_box.setObjectName("composerKind")
        self._kind_box.setAccessibleName(self.tr("Kind of message"))
        for kind in MessageKind:
            label = self.tr("Other message") if kind is MessageKind.OTHER else message_kind_label(kind)
            self._kind_box.addItem(label, kind.value)

        self._intent_box = QComboBox()
        self._intent_box.setObjectName("composerIntent")
        self._intent_box.setAccessibleName(self.tr("Intent"))
        self._intent_box.setToolTip(self.tr("Why you want to connect: every request states it"))
        # No intent is chosen for the person: stating it is a decision (principle 6).
        self._intent_box.setPlaceholderText(self.tr("Choose your intent…"))
        for intent in Intent:
            self._intent_box.addItem(intent_label(intent), intent.value)
        self._intent_box.setCurrentIndex(-1)

        self._intent_note = QLineEdit()
        self._intent_note.setObjectName("composerIntentNote")
        self._intent_note.setAccessibleName(self.tr("Intent in your own words"))
        self._intent_note.setPlaceholderText(self.tr("In your own words (optional)"))
        self._intent_note.setClearButtonEnabled(True)

        self._body = QPlainTextEdit()
        self._body.setObjectName("composerBody")
        self._body.setAccessibleName(self.tr("Message"))
        self._body.setTabChangesFocus(True)
        self._body.setMinimumHeight(90)

        self._counter = QLabel()
        self._counter.setObjectName("composerCounter")
        self._counter.setTextFormat(Qt.TextFormat.PlainText)
        self._counter.setAccessibleName(self.tr("Length of the note"))

        self._message = QLabel()
        self._message.setObjectName("composerMessage")
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        self._message.setWordWrap(True)
        self._message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._message.hide()

        self._copy_open = QPushButton(self.tr("Copy && open profile"))
        self._copy_open.setObjectName("composerCopyOpen")
        self._copy_open.setAccessibleName(self.tr("Copy the note and open the profile"))
        self._copy_open.setToolTip(self.tr("Copy the note to the clipboard and open their profile in your browser"))
        self._mark_sent = QPushButton(self.tr("Mark as sent"))
        self._mark_sent.setObjectName("composerMarkSent")
        self._mark_sent.setAccessibleName(self.tr("Mark as sent"))
        self._mark_sent.setToolTip(self.tr("After you sent it yourself on their profile: record it here"))

        self._template_box = QComboBox()
        self._template_box.setObjectName("composerTemplate")
        self._template_box.setAccessibleName(self.tr("Start from a template"))
        self._template_box.setPlaceholderText(self.tr("Start from a template…"))
        self._template_box.setToolTip(self.tr("Fills the editor from a template and the contact's facts"))

        self._verdict = QLabel()
        self._verdict.setObjectName("composerVerdict")
        self._verdict.setTextFormat(Qt.TextFormat.PlainText)
        self._verdict.setAccessibleName(self.tr("Verdict on the note"))

        self._findings = FindingListModel(self)
        self._finding_view = _compact_list("composerFindings", self.tr("What to improve"), VISIBLE_FINDINGS)
        self._finding_view.setModel(self._findings)
        self._specifics = SpecificListModel(self)
        self._specifics_title = _quiet_label(
            self.tr("Make it personal: click one to insert it"), "composerSpecificsTitle"
        )
        self._specific_view = _compact_list("composerSpecifics", self.tr("Specifics to mention"), VISIBLE_SPECIFICS)
        self._specific_view.setModel(self._specifics)

        self._timing = QLabel()
        self._timing.setObjectName("composerTiming")
        self._timing.setTextFormat(Qt.TextFormat.PlainText)
        self._timing.setWordWrap(True)
        self._timing.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._remind = QPushButton(self.tr("Remind me then"))
        self._remind.setObjectName("composerRemind")
        self._remind.setAccessibleName(self.tr("Remind me at the next good moment"))
        self._budget = _quiet_label("", "composerBudget")
        self._warnings = QLabel()
        self._warnings.setObjectName("composerWarnings")
        self._warnings.setTextFormat(Qt.TextFormat.PlainText)
        self._warnings.setWordWrap(True)
        self._warnings.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._warnings.hide()
        self._send_plan_reminder: tuple[datetime, str] | None = None

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_SAVE_DELAY_MS)

        choosers = QHBoxLayout()
        choosers.addWidget(self._kind_box, 1)
        choosers.addWidget(self._template_box, 1)
        intent_row = QHBoxLayout()
        intent_row.addWidget(self._intent_box, 1)
        intent_row.addWidget(self._intent_note, 1)
        status = QHBoxLayout()
        status.addWidget(self._verdict, 1)
        status.addWidget(self._counter)
        timing = QHBoxLayout()
        timing.addWidget(self._timing, 1)
        timing.addWidget(self._remind, 0, Qt.AlignmentFlag.AlignTop)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self._copy_open)
        footer.addWidget(self._mark_sent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choosers)
        layout.addLayout(intent_row)
        layout.addWidget(self._body, 4)
        layout.addLayout(status)
        layout.addWidget(self._finding_view, 1)
        layout.addWidget(self._specifics_title)
        layout.addWidget(self._specific_view, 1)
        layout.addLayout(timing)
        layout.addWidget(self._budget)
        layout.addWidget(self._warnings)
        layout.addWidget(self._message)
        layout.addLayout(footer)

        self._connect_signals()
        self.show_contact(None)

    def _connect_signals(self) -> None:
        self._kind_box.currentIndexChanged.connect(self._on_kind_box_current_index_changed)
        self._intent_box.currentIndexChanged.connect(self._on_intent_box_current_index_changed)
        self._body.textChanged.connect(self._on_body_text_changed)
        self._draft_timer.timeout.connect(self._on_draft_timer_timeout)
        self._copy_open.clicked.connect(self._on_copy_open_clicked)
        self._mark_sent.clicked.connect(self._on_mark_sent_clicked)
        self._template_box.activated.connect(self._on_template_box_activated)
        self._finding_view.clicked.connect(self._on_finding_view_clicked)
        self._specific_view.clicked.connect(self._on_specific_view_clicked)
        self._specific_view.activated.connect(self._on_specific_view_clicked)
        self._remind.clicked.connect(self._on_remind_clicked)

    # -- public ---------------------------------------------------------------------------------------

    @property
    def kind(self) -> MessageKind:
        return self._kind

    def show_contact(self, contact: ContactRecord | None) -> None:
        """Show `contact` (a fresh load); a reload of the same contact keeps what is being written."""
        previous = self._contact
        same = contact is not None and previous is not None and contact.id == previous.id
        # Whatever was said may be out of date now (a refusal's "1 of 2" after another engagement).
        self._message.hide()
        if not same:
            self.flush_draft()
            self._intent_note.clear()
        self._contact = contact
        self._drafts = {draft.kind: draft for draft in contact.drafts} if contact else {}
        if contact is not None:
            self._settings = self._services.settings()
            self._note_limit = self._settings.note_limit
            if not same:
                self._sent_notes = tuple(self._services.sent_notes(exclude_contact_id=contact.id))
        else:
            self._sent_notes = ()
        self._specifics.set_specifics(specifics(contact) if contact else ())
        has_specifics = self._specifics.rowCount() > 0
        self._specifics_title.setVisible(has_specifics)
        self._specific_view.setVisible(has_specifics)
        self.setEnabled(contact is not None)
        if contact is None:
            self._open(MessageKind.CONNECTION_REQUEST, restore=False)
        elif not same or previous is None:
            self._open(self._preferred_kind(contact))
        elif not self._body.toPlainText() and not self._draft_timer.isActive():
            # An empty editor takes up what is stored (after an undo, a sent message's draft comes back), and a
            # new stage may call for another kind of message; a kind the person chose is otherwise kept.
            self._open(self._preferred_kind(contact) if contact.stage is not previous.stage else self._kind)
        else:
            self._update_state()

    def start(self, kind: MessageKind) -> None:
        """Open the composer on `kind` for the shown contact (from a nudge: "Write thank-you")."""
        if self._contact is None:
            return
        if kind is not self._kind:
            self.flush_draft()
            self._open(kind)
        self._message.hide()
        self._body.setFocus(Qt.FocusReason.OtherFocusReason)
        self._body.moveCursor(self._body.textCursor().MoveOperation.End)

    def flush_draft(self) -> None:
        """Save a draft still waiting for the typing pause now (before switching contact or kind)."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._save_draft()

    # -- slots ----------------------------------------------------------------------------------------

    def _on_kind_box_current_index_changed(self, _index: int) -> None:
        if self._loading:
            return
        self.flush_draft()
        self._open(MessageKind(self._kind_box.currentData()))

    def _on_intent_box_current_index_changed(self, _index: int) -> None:
        if self._loading:
            return
        self._reload_templates()
        self._update_context()
        self._update_state()
        if self._contact is not None:
            self._draft_timer.start()

    def _on_template_box_activated(self, index: int) -> None:
        contact, template_id = self._contact, self._template_box.itemData(index)
        self._template_box.setCurrentIndex(-1)
        if contact is None or not isinstance(template_id, int):
            return
        try:
            filled = self._services.fill_template(template_id, contact.id, self._intent())
        except OvertureError as error:
            self._say(str(error), warning=True)
            return
        # Through the editor's cursor, so that Ctrl+Z in the editor brings the previous text back.
        cursor = self._body.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(filled.text)
        self._body.setFocus(Qt.FocusReason.OtherFocusReason)
        if filled.unfilled:
            names = ", ".join("{" + name + "}" for name in filled.unfilled)
            self._say(
                self.tr("Fill in {names}: nothing on file for this contact (add a fact to fill it next time).").format(
                    names=names
                ),
                warning=True,
            )
        else:
            self._message.hide()

    def _on_finding_view_clicked(self, index: QModelIndex) -> None:
        span = index.data(SpanRole)
        if not isinstance(span, tuple):
            return
        text = self._body.toPlainText()
        cursor = self._body.textCursor()
        cursor.setPosition(_utf16_offset(text, span[0]))
        cursor.setPosition(_utf16_offset(text, span[1]), QTextCursor.MoveMode.KeepAnchor)
        self._body.setTextCursor(cursor)
        self._body.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_specific_view_clicked(self, index: QModelIndex) -> None:
        phrase = index.data(PhraseRole)
        if not isinstance(phrase, str) or self._contact is None:
            return
        cursor = self._body.textCursor()
        text = self._body.toPlainText()
        before = text[: _python_index(text, cursor.position())]
        if before and not before[-1].isspace():
            phrase = " " + phrase
        cursor.insertText(phrase)
        self._body.setTextCursor(cursor)
        self._body.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_remind_clicked(self) -> None:
        contact, plan = self._contact, self._send_plan_reminder
        if contact is None or plan is None:
            return
        wall, zone = plan
        try:
            self._services.add_reminder(contact.id, wall, zone, message_kind_label(self._kind))
        except OvertureError as error:
            self._say(str(error), warning=True)
            return
        self._say(self.tr("You will be reminded at {time} their time.").format(time=wall.strftime("%a %d %b %H:%M")))

    def _on_body_text_changed(self) -> None:
        self._update_state()
        if not self._loading and self._contact is not None:
            self._draft_timer.start()

    def _on_draft_timer_timeout(self) -> None:
        self._save_draft()

    def _on_copy_open_clicked(self) -> None:
        contact = self._contact
        if contact is None:
            return
        body = self._body.toPlainText()
        if body.strip():
            QGuiApplication.clipboard().setText(body)
        copied = self.tr("Note copied. ") if body.strip() else ""
        if contact.profile_url and is_openable(contact.profile_url):
            QDesktopServices.openUrl(QUrl(contact.profile_url))
            self._say(copied + self.tr("Send it on their profile, then come back and press Mark as sent."))
        else:
            self._say(copied + self.tr("No web profile to open: add their profile URL in Details."), warning=True)

    def _on_mark_sent_clicked(self) -> None:
        contact = self._contact
        if contact is None:
            return
        kind, body = self._kind, self._body.toPlainText()
        intent = self._intent()
        if kind is MessageKind.CONNECTION_REQUEST and intent is None:
            self._say(self.tr("Choose why you want to connect (the intent) first."), warning=True)
            self._intent_box.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._draft_timer.stop()
        draft = self._drafts.get(kind)
        note = self._intent_note.text()
        services, contact_id = self._services, contact.id

        def record() -> object:
            if kind is MessageKind.CONNECTION_REQUEST:
                assert intent is not None
                result: object = services.send_connection_request(contact_id, intent, body, note)
                if isinstance(result, Refusal):
                    return result
            else:
                result = services.record_message(contact_id, kind, Direction.OUTGOING, body)
            if draft is not None:
                # In the same undo step, so that undoing the message brings the draft back.
                with contextlib.suppress(NotFound):  # already gone (an earlier undo): nothing to tidy
                    services.delete_draft(draft.id)
            return result

        label = self.tr("Record {kind} to {name}").format(kind=message_kind_label(kind).lower(), name=contact.name)
        try:
            result = self._runner.run(label, contact_id, record)
        except OvertureError as error:
            self._say(str(error), warning=True)
            return
        if isinstance(result, Refusal):
            self._say(result.reason, warning=True)
            return
        self._after_sent(contact, kind)

    # -- helpers --------------------------------------------------------------------------------------

    def _after_sent(self, before: ContactRecord, kind: MessageKind) -> None:
        try:
            after = self._services.contact(before.id)
        except OvertureError:
            return
        self._contact = after
        self._drafts = {draft.kind: draft for draft in after.drafts}
        self._loading = True
        try:
            self._body.clear()
            self._intent_note.clear()
            self._intent_box.setCurrentIndex(-1)
        finally:
            self._loading = False
        self._open(self._preferred_kind(after))
        said = self.tr("Recorded your {kind} to {name}.").format(kind=message_kind_label(kind).lower(), name=after.name)
        if after.stage is not before.stage:
            said += " " + self.tr("{name} is now in {stage}.").format(name=after.name, stage=after.stage.label)
        self._say(said)

    def _preferred_kind(self, contact: ContactRecord) -> MessageKind:
        """The newest draft written in the current stage, else what the stage calls for."""
        current = [
            draft for draft in contact.drafts if draft.body.strip() and draft.updated_at >= contact.stage_entered_at
        ]
        if current:
            return max(current, key=lambda draft: (draft.updated_at, draft.id)).kind
        return default_kind(contact.stage)

    def _open(self, kind: MessageKind, *, restore: bool = True) -> None:
        """Switch to `kind` and put its stored draft (if any) in the editor."""
        draft = self._drafts.get(kind) if restore else None
        self._kind = kind
        self._loading = True
        try:
            self._kind_box.setCurrentIndex(self._kind_box.findData(kind.value))
            self._body.setPlainText(draft.body if draft else "")
            intent = draft.intent if draft else None
            self._intent_box.setCurrentIndex(self._intent_box.findData(intent.value) if intent else -1)
        finally:
            self._loading = False
        self._body.setPlaceholderText(self.tr(_PLACEHOLDERS[kind]))
        is_request = kind is MessageKind.CONNECTION_REQUEST
        self._intent_box.setVisible(is_request)
        self._intent_note.setVisible(is_request)
        self._reload_templates()
        self._update_context()
        self._update_state()

    def reload_templates(self) -> None:
        """Offer the templates as stored now (after they were edited in the Preferences)."""
        self._reload_templates()

    def _reload_templates(self) -> None:
        """The templates for this kind of message, those written for the chosen intent first."""
        self._template_box.clear()
        if self._contact is None:
            return
        intent = self._intent()
        templates = self._services.templates(self._kind)
        templates.sort(key=lambda template: template.intent is not intent)  # stable: keeps the stored order
        for template in templates:
            label = template.name
            if template.intent is not None and template.intent is not intent:
                label += f" ({intent_label(template.intent)})"
            self._template_box.addItem(label, template.id)
        self._template_box.setCurrentIndex(-1)

    def _intent(self) -> Intent | None:
        value = self._intent_box.currentData()
        return Intent(value) if value else None

    def _save_draft(self) -> None:
        contact = self._contact
        if contact is None:
            return
        kind, body = self._kind, self._body.toPlainText()
        try:
            if body.strip():
                intent = self._intent() if kind is MessageKind.CONNECTION_REQUEST else None
                self._drafts[kind] = self._services.save_draft(contact.id, kind, body, intent)
            elif kind in self._drafts:
                self._services.delete_draft(self._drafts.pop(kind).id)
        except NotFound:
            pass  # the contact or the draft is gone (deleted, or an undo): nothing left to keep
        except OvertureError as error:
            self._say(self.tr("The draft could not be kept: {error}").format(error=error), warning=True)

    def _update_state(self) -> None:
        """Counter, verdict, findings and highlights for the text as it is now (runs on every keystroke)."""
        text = self._body.toPlainText()
        contact = self._contact
        analysis = analyse(text, self._kind, self._context, self._settings) if contact is not None else None
        self._analysis = analysis
        self._update_counter(analysis.length if analysis else 0, analysis.limit if analysis else self._note_limit)
        self._findings.set_findings(analysis.findings if analysis else ())
        self._finding_view.setVisible(bool(analysis and analysis.findings))
        self._highlight(analysis)
        blocked = analysis is not None and analysis.verdict is Verdict.BLOCKED
        if analysis is None:
            self._verdict.clear()
        else:
            verdict = self.tr(_VERDICT_TEXT[analysis.verdict])
            has_block = any(f.severity is Severity.BLOCK for f in analysis.findings)
            if analysis.verdict is Verdict.BLOCKED and not has_block:
                verdict = self.tr("Too generic to send: genericness {score}, blocked from {limit}").format(
                    score=analysis.score, limit=BLOCK_SCORE
                )
            elif analysis.score and not has_block:  # a block's reason is in the list; its points say nothing more
                verdict += self.tr(" · genericness {score}").format(score=analysis.score)
            self._verdict.setText(verdict)
        set_text_tone(self._verdict, _VERDICT_COLOR[analysis.verdict] if analysis else None)
        self._verdict.setProperty("verdict", analysis.verdict.value if analysis else "")
        self._mark_sent.setEnabled(contact is not None and not blocked)
        self._mark_sent.setToolTip(
            self.tr("Fix what blocks the note first (see the list below the editor)")
            if blocked
            else self.tr("After you sent it yourself on their profile: record it here")
        )

    def _update_counter(self, length: int, limit: int) -> None:
        tone: Tone = "quiet"
        if self._kind is MessageKind.CONNECTION_REQUEST:
            if length > limit:
                text = self.tr("{length} / {limit}: {over} over").format(
                    length=length, limit=limit, over=length - limit
                )
                tone = "overdue"
            elif length >= limit * NEAR_LIMIT_SHARE:
                text = self.tr("{length} / {limit}: {left} left").format(
                    length=length, limit=limit, left=limit - length
                )
                tone = "warning"
            else:
                text = self.tr("{length} / {limit}").format(length=length, limit=limit)
        else:
            text = self.tr("{length} characters").format(length=length)
        self._counter.setText(text)
        self._counter.setToolTip(
            self.tr("LinkedIn allows {limit} characters in a connection note; emoji count as two.").format(limit=limit)
            if self._kind is MessageKind.CONNECTION_REQUEST
            else ""
        )
        set_text_tone(self._counter, tone)
        self._counter.setProperty("overLimit", length > limit)

    def _highlight(self, analysis: Analysis | None) -> None:
        """Underline the phrases that block or weaken the note, in the findings' colours."""
        selections = []
        palette = self.palette()
        for finding in analysis.findings if analysis else ():
            if finding.severity not in (Severity.BLOCK, Severity.WARN) or finding.end <= finding.start:
                continue
            if finding.start == 0 and finding.end >= len(self._body.toPlainText()) and finding.end > 0:
                continue  # about the whole note: the list says it, underlining everything would shout
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            label = "overdue" if finding.severity is Severity.BLOCK else "warning"
            fmt.setUnderlineColor(QColor(severity_color(label, palette)))
            selection.format = fmt
            cursor = QTextCursor(self._body.document())
            cursor.setPosition(_utf16_offset(self._body.toPlainText(), finding.start))
            cursor.setPosition(_utf16_offset(self._body.toPlainText(), finding.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self._body.setExtraSelections(selections)

    def _update_context(self) -> None:
        """What depends on the contact, the kind and the intent but not on each keystroke: context, timing, budget,
        and what the pacing rules say before a send."""
        contact = self._contact
        is_request = self._kind is MessageKind.CONNECTION_REQUEST
        if contact is None:
            self._context = NoteContext()
            self._timing.clear()
            self._remind.hide()
            self._budget.hide()
            self._warnings.hide()
            return
        self._context = NoteContext.for_contact(contact, self._intent(), self._sent_notes)
        self._update_timing(contact)
        budget = self._services.note_budget() if is_request else None
        if budget is not None and budget.applies:
            text = self.tr("Personalised notes left this month: {left} of {allowance}.").format(
                left=budget.remaining, allowance=budget.allowance
            )
            if budget.advice:
                text += " " + budget.advice
            self._budget.setText(text)
            self._budget.show()
        else:
            self._budget.hide()
        warnings = self._services.send_check(contact.id, self._kind)
        if warnings:
            set_text_tone(self._warnings, "warning")
            self._warnings.setText("\n".join(f"▲  {warning.text}" for warning in warnings))
            self._warnings.show()
        else:
            self._warnings.hide()

    def _update_timing(self, contact: ContactRecord) -> None:
        self._send_plan_reminder = None
        if not contact.time_zone:
            self._timing.setText(self.tr("Add their time zone in Details to see their local time."))
            self._remind.hide()
            return
        plan = plan_send(
            self._clock(), contact.time_zone, self._user_zone(), self._settings, name=self._context.addressee
        )
        zone_text = contact.time_zone + (self.tr(" (inferred)") if contact.time_zone_inferred else "")
        self._timing.setText(self.tr("{zone}: {advice}").format(zone=zone_text, advice=plan.advice))
        if plan.quality_now is MomentQuality.BEST:
            self._remind.hide()
            return
        reminder = reminder_for(plan)
        self._send_plan_reminder = (reminder.wall, reminder.zone)
        self._remind.setText(self.tr("Remind me then"))
        self._remind.setToolTip(self.tr("A nudge at {time} their time").format(time=reminder.wall.strftime("%a %H:%M")))
        self._remind.show()

    def _user_zone(self) -> str:
        if self._settings.user_time_zone:
            return self._settings.user_time_zone
        system = bytes(QTimeZone.systemTimeZoneId().data()).decode()
        return system if system and "/" in system else "UTC"

    def _say(self, text: str, *, warning: bool = False) -> None:
        set_text_tone(self._message, "overdue" if warning else None)
        self._message.setProperty("warning", warning)
        self._message.setText(text)
        self._message.show()
