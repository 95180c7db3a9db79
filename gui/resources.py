"""The one way to reach Overture's resources (icons, the app icon), from the source tree or a frozen bundle."""

from __future__ import annotations

import logging
import sys
import warnings
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

APP_ICON = "overture.svg"


class MissingResource(FileNotFoundError):
    """A file that ships with Overture is not where it should be: a packaging mistake, never the user's."""


class MissingResourceWarning(UserWarning):
    """Warned when an icon is missing; the test suite turns warnings into errors, the app carries on without it."""


def resources_root() -> Path:
    # PyInstaller unpacks data files under sys._MEIPASS; the build must put this folder there as "resources".
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str) -> Path:
    """The file `name` (e.g. "icons/board.svg") in the resources folder; raises MissingResource if it is absent."""
    root = resources_root()
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise MissingResource(f"Resource name {name!r} points outside {root}")
    if not path.is_file():
        raise MissingResource(f"Resource {name!r} is missing from {root}")
    return path


def icon(name: str) -> QIcon:
    """The icon resources/icons/<name>.svg; an empty icon (and a warning) if it is missing."""
    return _svg_icon(f"icons/{name}.svg")


def app_icon() -> QIcon:
    return _svg_icon(APP_ICON)


@cache
def _svg_icon(name: str) -> QIcon:
    # QIcon renders the SVG lazily at each size asked for (Qt's svg icon engine), so one QIcon serves every size.
    try:
        return QIcon(str(resource_path(name)))
    except MissingResource as error:
        # Both: the log reaches a user's report; the warning fails the test that asked (filterwarnings = error).
        # Resource names are ours, never contacts' data.
        log.warning("%s", error)
        warnings.warn(str(error), MissingResourceWarning, stacklevel=3)
        return QIcon()
