"""Labels every pane shares: plain text only (people's names, file names and reasons are never HTML), the quiet tone
for what is secondary, and the sentence that says what happened where a dialog would interrupt."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from gui.theme import set_text_tone


def plain_label(text: str = "", name: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    if wrap:
        # Long sentences wrap inside the pane or dialog instead of widening it (a wrapped label's height follows
        # its width).
        label.setWordWrap(True)
    return label


def quiet(label: QLabel) -> QLabel:
    """The label in the quiet tone, which follows the light/dark switch (gui/theme.py)."""
    set_text_tone(label, "quiet")
    return label


class InlineMessage(QLabel):
    """What happened, or why not, in a sentence where the user looks: never a dialog, never a traceback, plain text
    only. A warning is in the overdue tone; the text can be selected and copied."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Long reasons wrap inside the pane instead of widening it.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hide()

    def say(self, text: str, *, warning: bool = False) -> None:
        set_text_tone(self, "overdue" if warning else None)
        self.setProperty("warning", warning)
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.setProperty("warning", False)
        self.hide()
