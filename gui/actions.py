"""Every menu command of the main window in one place: text, shortcut, and where it appears."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass
class Actions:
    new_contact: QAction
    delete_contact: QAction
    undo: QAction
    redo: QAction
    find: QAction
    next_stage: QAction
    previous_stage: QAction
    park: QAction
    restore: QAction
    open_profile: QAction
    show_board: QAction
    show_table: QAction
    show_parked: QAction
    refresh_nudges: QAction
    import_file: QAction
    export_csv: QAction
    export_vcard: QAction
    export_archive: QAction
    load_sample: QAction
    preferences: QAction
    about: QAction
    quit: QAction


def _action(parent: QWidget, text: str, shortcut: QKeySequence | str | None = None, *, tip: str = "") -> QAction:
    action = QAction(parent.tr(text), parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(parent.tr(tip))
        action.setToolTip(parent.tr(tip))
    parent.addAction(action)
    return action


def build_actions(window: QWidget) -> Actions:
    std = QKeySequence.StandardKey
    actions = Actions(
        new_contact=_action(window, "&New Contact…", QKeySequence(std.New), tip="Add someone you want to know"),
        delete_contact=_action(window, "&Delete Contact", "Ctrl+Backspace", tip="Delete the selected contact"),
        undo=_action(window, "&Undo", QKeySequence(std.Undo)),
        redo=_action(window, "&Redo", "Ctrl+Shift+Z"),
        find=_action(window, "&Find", QKeySequence(std.Find), tip="Search names, companies, tags and notes"),
        next_stage=_action(window, "Move to &Next Stage", "Ctrl+]", tip="Move the selected contact one stage on"),
        previous_stage=_action(
            window,
            "Move &Back (Request Withdrawn)",
            "Ctrl+[",
            tip="A withdrawn request returns the contact to Engaging",
        ),
        park=_action(window, "&Park…", "Ctrl+Shift+P", tip="Put this relationship on hold, with a reason"),
        restore=_action(window, "&Restore from Parked", "Ctrl+Shift+R"),
        open_profile=_action(window, "&Open Profile in Browser", "Ctrl+Shift+O"),
        show_board=_action(window, "Pipeline &Board", "Ctrl+B"),
        show_table=_action(window, "&Table", "Ctrl+T"),
        show_parked=_action(window, "Show &Parked Column", "Ctrl+Shift+K"),
        refresh_nudges=_action(window, "Refresh &Nudges", QKeySequence(std.Refresh)),
        import_file=_action(
            window, "&Import…", "Ctrl+I", tip="Bring in a LinkedIn data export, a vCard or CSV file, or an archive"
        ),
        export_csv=_action(window, "Contacts as &CSV…", tip="Save every contact in a spreadsheet-safe CSV file"),
        export_vcard=_action(window, "Contacts as &vCard…", tip="Save every contact as a vCard address book"),
        export_archive=_action(
            window, "Everything as Overture &Archive…", "Ctrl+E", tip="Save everything as a JSON archive"
        ),
        load_sample=_action(window, "Load &Sample Contacts", tip="Explore Overture with a realistic demo network"),
        preferences=_action(
            window,
            "&Preferences…",
            # The platform's own (Ctrl+, on macOS and KDE); GNOME and Windows define none, so Ctrl+, there too.
            QKeySequence(std.Preferences) if not QKeySequence(std.Preferences).isEmpty() else "Ctrl+,",
            tip="Your account, timing, own-profile checklist and templates",
        ),
        about=_action(window, "&About Overture"),
        quit=_action(window, "&Quit", QKeySequence(std.Quit)),
    )
    actions.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    for checkable in (actions.show_board, actions.show_table, actions.show_parked):
        checkable.setCheckable(True)
    return actions
