"""The composer: drafts a message to the shown contact, copies it, opens their profile and records it as sent."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.changes import ChangeRunner
from gui.models.message_list_model import intent_label, message_kind_label
from gui.theme import severity_color
from model.errors import NotFound, OvertureError
from model.pipeline import Refusal
from model.records import ContactRecord, DraftRecord
from model.settings import Settings
from model.urls import is_openable
from model.vocabulary import Direction, Intent, MessageKind, Stage

if TYPE_CHECKING:
    from model.services import Services

# Long enough that a typing burst is one write, short enough that closing the window soon after loses nothing.
DRAFT_SAVE_DELAY_MS = 500
# DOMAIN.md: count like the browser does and keep a small margin, so warn in the last tenth of the limit.
NEAR_LIMIT_SHARE = 0.9

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


def utf16_length(text: str) -> int:
    """The length LinkedIn's compose box counts: UTF-16 code units, so an emoji counts 2."""
    return len(text.encode("utf-16-le")) // 2


class ComposerPanel(QWidget):
    """Writes one message at a time to the shown contact; nothing is ever sent from here, only recorded."""

    def __init__(self, services: Services, runner: ChangeRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composerPanel")
        self._services = services
        self._runner = runner
        self._contact: ContactRecord | None = None
        self._drafts: dict[MessageKind, DraftRecord] = {}
        self._kind = MessageKind.CONNECTION_REQUEST
        self._note_limit = Settings().note_limit  # read again from the services whenever a draft starts
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

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_SAVE_DELAY_MS)

        choosers = QHBoxLayout()
        choosers.addWidget(self._kind_box, 1)
        choosers.addWidget(self._intent_box, 1)
        footer = QHBoxLayout()
        footer.addWidget(self._counter)
        footer.addStretch(1)
        footer.addWidget(self._copy_open)
        footer.addWidget(self._mark_sent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choosers)
        layout.addWidget(self._intent_note)
        layout.addWidget(self._body, 1)
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
            self._note_limit = self._services.settings().note_limit
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
        if not self._loading and self._contact is not None:
            self._draft_timer.start()

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
        self._update_state()

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
        length = utf16_length(self._body.toPlainText())
        limit = self._note_limit
        over = False
        palette = self.palette()
        if self._kind is MessageKind.CONNECTION_REQUEST:
            if length > limit:
                over = True
                text = self.tr("{length} / {limit}: {over} over").format(
                    length=length, limit=limit, over=length - limit
                )
                palette.setColor(QPalette.ColorRole.WindowText, severity_color("overdue", palette))
            elif length >= limit * NEAR_LIMIT_SHARE:
                text = self.tr("{length} / {limit}: {left} left").format(
                    length=length, limit=limit, left=limit - length
                )
                palette.setColor(QPalette.ColorRole.WindowText, severity_color("warning", palette))
            else:
                text = self.tr("{length} / {limit}").format(length=length, limit=limit)
                palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        else:
            text = self.tr("{length} characters").format(length=length)
            palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        self._counter.setText(text)
        self._counter.setToolTip(
            self.tr("LinkedIn allows {limit} characters in a connection note; emoji count as two.").format(limit=limit)
            if self._kind is MessageKind.CONNECTION_REQUEST
            else ""
        )
        self._counter.setPalette(palette)
        self._counter.setProperty("overLimit", over)
        self._mark_sent.setEnabled(self._contact is not None and not over)
        self._mark_sent.setToolTip(
            self.tr("The note is longer than LinkedIn allows: shorten it first")
            if over
            else self.tr("After you sent it yourself on their profile: record it here")
        )

    def _say(self, text: str, *, warning: bool = False) -> None:
        palette = self.palette()
        if warning:
            palette.setColor(QPalette.ColorRole.WindowText, severity_color("overdue", palette))
        self._message.setPalette(palette)
        self._message.setProperty("warning", warning)
        self._message.setText(text)
        self._message.show()
