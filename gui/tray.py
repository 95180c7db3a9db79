"""The tray icon: how many nudges wait, one notification when new ones come due while the window is away."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

# Notification bodies are cut short by every platform (Windows shows about four lines); past this many characters
# the rest is left to the window.
MESSAGE_LIMIT = 200
NOTIFICATION_MSECS = 10_000


class Notification(NamedTuple):
    title: str
    message: str


class NudgeTray(QObject):
    """Wraps QSystemTrayIcon; where the system has no tray it shows nothing but keeps the same state."""

    show_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None, *, tray_available: bool | None = None) -> None:
        super().__init__(parent)
        self._available = QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        self._count = 0
        self._last_notification: Notification | None = None

        self._menu = QMenu()
        self._show_action = QAction(self.tr("Show Overture"), self)
        self._show_action.setObjectName("trayShow")
        self._quit_action = QAction(self.tr("Quit"), self)
        self._quit_action.setObjectName("trayQuit")
        self._menu.addAction(self._show_action)
        self._menu.addSeparator()
        self._menu.addAction(self._quit_action)

        # The icon object exists even without a tray (it is cheap and silent); it is only shown where there is one.
        self._icon = QSystemTrayIcon(icon, self)
        self._icon.setContextMenu(self._menu)
        self._icon.setToolTip(self._tooltip_text())
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._show_action.triggered.connect(self.show_requested)
        self._quit_action.triggered.connect(self.quit_requested)
        self._icon.activated.connect(self._on_icon_activated)
        self._icon.messageClicked.connect(self.show_requested)

    @property
    def available(self) -> bool:
        return self._available

    @property
    def count(self) -> int:
        return self._count

    def menu(self) -> QMenu:
        return self._menu

    def tooltip(self) -> str:
        return self._icon.toolTip()

    def last_notification(self) -> Notification | None:
        """The last notification shown (or that would have been, without a tray)."""
        return self._last_notification

    def set_visible(self, visible: bool) -> None:
        if self._available:
            self._icon.setVisible(visible)

    def is_visible(self) -> bool:
        return self._icon.isVisible()

    def set_nudges(self, count: int, new_reasons: Sequence[str], window_hidden: bool) -> Notification | None:
        """Updates the count; returns the notification shown, if any: at most one, only while the window is away."""
        self._count = count
        self._icon.setToolTip(self._tooltip_text())
        if not window_hidden or not new_reasons:
            return None
        notification = Notification(self.tr("Overture"), summary(new_reasons))
        self._last_notification = notification
        if self._available and self._icon.isVisible() and QSystemTrayIcon.supportsMessages():
            # The text names contacts; it goes to the system's notification area only, never to a log.
            self._icon.showMessage(notification.title, notification.message, self._icon.icon(), NOTIFICATION_MSECS)
        return notification

    def _tooltip_text(self) -> str:
        if self._count == 0:
            return self.tr("Overture — nothing needs attention")
        if self._count == 1:
            return self.tr("Overture — 1 thing needs attention")
        return self.tr("Overture — {count} things need attention").format(count=f"{self._count:,}")

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # Context opens the menu by itself; a click or double-click brings the window back.
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_requested.emit()


def summary(reasons: Sequence[str], limit: int = MESSAGE_LIMIT) -> str:
    """'3 new: <first reason> <second reason> …': whole reasons while they fit, then an ellipsis."""
    if len(reasons) == 1:
        text = reasons[0]
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    text = f"{len(reasons)} new:"
    for shown, reason in enumerate(reasons):
        if len(text) + 1 + len(reason) > limit:
            if shown == 0:
                # Even the first does not fit: show its beginning rather than nothing.
                text = (text + " " + reason)[: limit - 2].rstrip()
            return text + " …"
        text += " " + reason
    return text
