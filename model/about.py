"""Overture's name, version and one-line description, read from pyproject.toml: the single place they are written."""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "overture"
# The reverse-DNS id that names the desktop entry, the icon and the AppStream component (packaging/linux/); Qt
# gives it to Wayland as the window's app id, which is how the shell finds the entry's name and icon.
APP_ID = "io.github.overture_app.Overture"

# A build without pyproject.toml or package metadata is a packaging mistake; the About box says "unknown" rather
# than keep the app from starting.
UNKNOWN_VERSION = "unknown"


@dataclass(frozen=True)
class ProjectInfo:
    name: str
    version: str
    description: str


def pyproject_candidates() -> list[Path]:
    """Where pyproject.toml may be: in a frozen bundle's folder (PyInstaller), then at the root of the source tree."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        candidates.append(Path(bundle) / "pyproject.toml")
    candidates.append(Path(__file__).resolve().parent.parent / "pyproject.toml")
    return candidates


def read_project_info(candidates: Iterable[Path], distribution: str = DISTRIBUTION) -> ProjectInfo:
    """The [project] table of the first readable pyproject.toml, else the installed distribution's metadata."""
    for path in candidates:
        try:
            with path.open("rb") as file:
                project = tomllib.load(file)["project"]
            return ProjectInfo(
                _display_name(str(project["name"])), str(project["version"]), str(project.get("description", ""))
            )
        except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError):
            continue
    try:
        found = metadata.metadata(distribution)
    except metadata.PackageNotFoundError:
        return ProjectInfo(_display_name(distribution), UNKNOWN_VERSION, "")
    summary = (found.get_all("Summary") or [""])[0]
    return ProjectInfo(_display_name(found["Name"]), found["Version"], summary)


def _display_name(distribution: str) -> str:
    # Distribution names are lower-case by convention ("overture"); people read the name capitalised.
    return distribution[:1].upper() + distribution[1:]


@cache
def _project() -> ProjectInfo:
    return read_project_info(pyproject_candidates())


def app_name() -> str:
    return _project().name


def app_version() -> str:
    return _project().version


def app_description() -> str:
    return _project().description


def command_name() -> str:
    """What people type to run Overture: the bundle's executable, or the script when run from source."""
    return app_name().lower() if getattr(sys, "frozen", False) else "main.py"
