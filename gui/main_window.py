"""The main window (first cut): the contact list and today's nudges, as plain text from the services."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QSplitter, QTableView, QVBoxLayout, QWidget

from gui.models.contact_table_model import ContactTableModel
from model.services import Services


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self.setWindowTitle("Overture")
        self.resize(1000, 640)

        self._contacts = ContactTableModel()
        self._table = QTableView()
        self._table.setObjectName("contactList")
        self._table.setModel(self._contacts)
        self._table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self._table.horizontalHeader().setStretchLastSection(True)
        self._table.verticalHeader().hide()

        self._empty = QLabel(
            "No contacts yet.\n\nOverture helps you engage with someone's content first, then connect with a "
            "personal note, then thank and follow up.\nAdd contacts with the command line for now: "
            "'main.py import json ARCHIVE'."
        )
        self._empty.setObjectName("emptyState")
        self._empty.setTextFormat(Qt.TextFormat.PlainText)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)

        self._nudges = QListWidget()
        self._nudges.setObjectName("nudgePanel")
        self._nudges.setWordWrap(True)

        left = QWidget()
        layout = QVBoxLayout(left)
        layout.addWidget(self._empty)
        layout.addWidget(self._table)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self._nudges)
        splitter.setSizes([650, 350])
        self.setCentralWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        contacts = self._services.contacts()
        self._contacts.set_contacts(contacts)
        self._empty.setVisible(not contacts)
        self._table.setVisible(bool(contacts))
        self._nudges.clear()
        for nudge in self._services.nudges()[:200]:
            self._nudges.addItem(f"{nudge.severity.label.upper()}  {nudge.reason}")
        self.statusBar().showMessage(f"{len(contacts):,} contacts")
