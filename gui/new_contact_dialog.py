"""Adding a contact: the few fields that identify someone; the rest is edited in the detail pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from model.contact_form import ContactDraft, clean_contact
from model.errors import OvertureError

if TYPE_CHECKING:
    from model.services import Services


class NewContactDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newContactDialog")
        self.setWindowTitle(self.tr("New Contact"))
        self._services = services
        self.contact_id: int | None = None
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.company = QLineEdit()
        self.company.setAccessibleName(self.tr("Company"))
        self.position = QLineEdit()
        self.position.setAccessibleName(self.tr("Position"))
        self.profile_url = QLineEdit()
        self.profile_url.setAccessibleName(self.tr("Profile URL"))
        self.profile_url.setPlaceholderText("https://www.linkedin.com/in/…")
        self.error = QLabel()
        self.error.setObjectName("newContactError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(bright-text); background: #b3261e; padding: 4px; border-radius: 3px;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Company"), self.company)
        form.addRow(self.tr("&Position"), self.position)
        form.addRow(self.tr("Profile &URL"), self.profile_url)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def draft(self) -> ContactDraft:
        return ContactDraft(
            name=self.name.text(),
            company=self.company.text(),
            position=self.position.text(),
            profile_url=self.profile_url.text() or None,
        )

    def _on_buttons_accepted(self) -> None:
        # The window runs the creation (so it can be undone); here we only check the input first.
        try:
            clean_contact(self.draft())
        except OvertureError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()
