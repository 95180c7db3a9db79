"""The About box: what Overture is and is not, its version, where the data lives, its license and Qt's version."""

from __future__ import annotations

import html
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from gui.resources import app_icon
from model.about import app_name, app_version


def about_html(data_folder: Path) -> str:
    """Our own fixed text; the one variable part, the folder, is escaped."""
    tr = QCoreApplication.translate
    name, version = html.escape(app_name()), html.escape(app_version())
    folder = html.escape(str(data_folder))
    return (
        f"<h3>{name} {version}</h3>"
        + "<p>"
        + tr(
            "About",
            "A patient companion for building professional relationships: engage with someone's work first, "
            "connect with a personal note at a good moment, then thank them and follow up.",
        )
        + "</p><p>"
        + tr(
            "About",
            "It never automates a social network: you send every request and message yourself; "
            "Overture drafts, times, tracks and reminds.",
        )
        + "</p><p>"
        + tr("About", "Your data stays on this computer, in:")
        + f"<br><code>{folder}</code></p><p>"
        + tr("About", "MIT License.")
        + "<br>"
        + tr("About", "Built with Qt {qt} and PySide6 {pyside}.").format(
            qt=html.escape(qVersion()), pyside=html.escape(PySide6.__version__)
        )
        + "</p>"
    )


def about_box(parent: QWidget | None, data_folder: Path) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(QCoreApplication.translate("About", "About {name}").format(name=app_name()))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html(data_folder))
    # So that the folder can be copied into a file manager.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def show_about(parent: QWidget | None, data_folder: Path) -> QMessageBox:
    """Opens the box window-modal without blocking (QDialog.open) and returns it; it deletes itself when closed."""
    box = about_box(parent, data_folder)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
