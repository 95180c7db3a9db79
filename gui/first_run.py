"""The first screen of an empty database: the pipeline in one look, and two ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

_STEPS = (
    ("Spotted", "Someone you'd like to know."),
    ("Engaging", "Like, comment on and share their posts first: at least twice, on two days."),
    ("Requested", "Send a personal note that says why you want to connect, at a good hour for them."),
    ("Connected", "They accepted: thank them within a day or two."),
    ("Nurturing", "Follow up without overdoing it, and keep in touch."),
)


class FirstRun(QWidget):
    sample_chosen = Signal()
    import_chosen = Signal()
    new_contact_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        title = QLabel(self.tr("Build relationships, patiently"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "Overture walks each person through five steps. It never sends anything for you: you write and send; "
                "Overture drafts, times, tracks and reminds."
            )
        )
        intro.setWordWrap(True)
        steps = QHBoxLayout()
        for number, (stage, text) in enumerate(_STEPS, start=1):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(card)
            head = QLabel(f"{number}. {self.tr(stage)}")
            bold = head.font()
            bold.setBold(True)
            head.setFont(bold)
            body = QLabel(self.tr(text))
            body.setWordWrap(True)
            body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            box.addWidget(head)
            box.addWidget(body, 1)
            steps.addWidget(card, 1)
        self.sample_button = QPushButton(self.tr("Load sample contacts"))
        self.sample_button.setObjectName("loadSample")
        self.sample_button.setDefault(True)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setObjectName("importArchive")
        self.new_button = QPushButton(self.tr("Add a contact…"))
        self.new_button.setObjectName("addFirstContact")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.sample_button, self.import_button, self.new_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(self.tr("Sample contacts are invented and stay on this computer; delete them any time."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        hint.setEnabled(False)

        layout = QVBoxLayout(self)
        # Narrow sides: with the five steps side by side, the window still fits a 900-pixel-wide screen.
        layout.setContentsMargins(16, 32, 16, 32)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(intro)
        layout.addSpacing(16)
        layout.addLayout(steps)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addStretch(2)
        self.sample_button.clicked.connect(self.sample_chosen)
        self.import_button.clicked.connect(self.import_chosen)
        self.new_button.clicked.connect(self.new_contact_chosen)
