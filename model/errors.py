"""Errors with a message written for the person using Overture: the GUI and CLI show them as they are."""

from __future__ import annotations

from pathlib import Path

from model.about import command_name


class OvertureError(Exception):
    """Base of every error Overture reports to a person; str() is the message to show."""


class InvalidInput(OvertureError):
    """The person asked for something malformed; nothing was changed."""


class NotFound(OvertureError):
    """The thing asked for does not exist (any more)."""


class DatabaseProblem(OvertureError):
    """The database file cannot be used as it is; nothing in it was changed."""


class NewerDatabase(DatabaseProblem):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"{path} was written by a newer version of Overture (schema {revision}). "
            "It was left untouched: update Overture to open it."
        )
        self.path = path
        self.revision = revision


class NotAnOvertureDatabase(DatabaseProblem):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is an SQLite database, but not one of Overture's. It was left untouched.")
        self.path = path


class CorruptDatabase(DatabaseProblem):
    def __init__(self, path: Path, problem: str, set_aside: Path | None, newest_backup: Path | None) -> None:
        where = f" It was moved aside to {set_aside} (nothing was deleted)." if set_aside else ""
        offer = (
            f" The newest good backup is {newest_backup}: restore it with '{command_name()} restore {newest_backup}'."
            if newest_backup
            else " No backup was found."
        )
        super().__init__(f"The database {path} cannot be read: {problem}.{where}{offer}")
        self.path = path
        self.set_aside = set_aside
        self.newest_backup = newest_backup
