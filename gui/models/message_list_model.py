"""A contact's message history, newest first: requests with their outcome, thank-yous, follow-ups, replies."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from model.records import MessageRecord
from model.vocabulary import Direction, Intent, MessageKind

MessageIdRole = Qt.ItemDataRole.UserRole + 1
MessageKindRole = Qt.ItemDataRole.UserRole + 2
DirectionRole = Qt.ItemDataRole.UserRole + 3
SentAtRole = Qt.ItemDataRole.UserRole + 4
# The second line a delegate may draw under the display text (here the body's start), and the date beside it.
DetailRole = Qt.ItemDataRole.UserRole + 5
DateTextRole = Qt.ItemDataRole.UserRole + 6
OutcomeRole = Qt.ItemDataRole.UserRole + 7
AnyIndex = QModelIndex | QPersistentModelIndex

# Enough of the body to recognise the message; the tooltip holds all of it.
PREVIEW_LENGTH = 160
ARROWS = {Direction.OUTGOING: "→", Direction.INCOMING: "←"}

_KIND_LABELS = {
    MessageKind.CONNECTION_REQUEST: "Connection request",
    MessageKind.THANK_YOU: "Thank-you",
    MessageKind.FOLLOW_UP: "Follow-up",
    MessageKind.OTHER: "Message",
}
_INTENT_LABELS = {
    Intent.NETWORKING: "Networking",
    Intent.COLLABORATION: "Collaboration",
    Intent.MENTORSHIP: "Mentorship",
    Intent.HIRING: "Hiring",
    Intent.JOB_SEARCH: "Job search",
    Intent.LEARNING: "Learning",
    Intent.PARTNERSHIP: "Partnership",
    Intent.OTHER: "Other",
}


def message_kind_label(kind: MessageKind) -> str:
    return QCoreApplication.translate("MessageKind", _KIND_LABELS[kind])


def intent_label(intent: Intent) -> str:
    return QCoreApplication.translate("Intent", _INTENT_LABELS[intent])


def preview(body: str) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= PREVIEW_LENGTH else flat[: PREVIEW_LENGTH - 1].rstrip() + "…"


class MessageListModel(QAbstractListModel):
    def __init__(self, date_text: Callable[[datetime], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._date_text = date_text
        self._messages: list[MessageRecord] = []

    def set_messages(self, messages: Sequence[MessageRecord]) -> None:
        self.beginResetModel()
        self._messages = list(messages)
        self.endResetModel()

    def message(self, row: int) -> MessageRecord | None:
        return self._messages[row] if 0 <= row < len(self._messages) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._messages)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._messages):
            return None
        message = self._messages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._title(message)
        if role == DetailRole:
            body = preview(message.body) or self.tr("(no note)")
            outcome = self._outcome(message)
            return f"{outcome} · {body}" if outcome else body
        if role == DateTextRole:
            return self._date_text(message.sent_at)
        if role == OutcomeRole:
            return self._outcome(message)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            who = self.tr("You sent") if message.direction is Direction.OUTGOING else self.tr("They sent")
            head = f"{who} · {self._date_text(message.sent_at)}"
            parts = (self._title(message), head, self._outcome(message), message.intent_note, message.body)
            return "\n".join(part for part in parts if part)
        if role == MessageIdRole:
            return message.id
        if role == MessageKindRole:
            return message.kind.value
        if role == DirectionRole:
            return message.direction.value
        if role == SentAtRole:
            return message.sent_at
        return None

    def _title(self, message: MessageRecord) -> str:
        title = f"{ARROWS[message.direction]} {message_kind_label(message.kind)}"
        if message.intent is not None:
            title += f" ({intent_label(message.intent)})"
        return title

    def _outcome(self, message: MessageRecord) -> str:
        if message.kind is not MessageKind.CONNECTION_REQUEST:
            return self.tr("Imported") if message.imported else ""
        if message.accepted_at is not None:
            return self.tr("Accepted {date}").format(date=self._date_text(message.accepted_at))
        if message.withdrawn_at is not None:
            return self.tr("Withdrawn {date}").format(date=self._date_text(message.withdrawn_at))
        if message.direction is Direction.INCOMING:
            return ""
        return self.tr("Waiting for an answer")
