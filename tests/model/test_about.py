"""Name, version and description come from pyproject.toml, else from package metadata, else say "unknown"."""

from __future__ import annotations

import sys
import tomllib
from email.message import Message
from importlib import metadata
from pathlib import Path

import pytest

from model import about
from model.about import ProjectInfo, app_description, app_name, app_version, pyproject_candidates, read_project_info

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _pyproject() -> dict[str, object]:
    with PYPROJECT.open("rb") as file:
        project: dict[str, object] = tomllib.load(file)["project"]
    return project


def test_version_and_description_are_pyprojects() -> None:
    project = _pyproject()
    assert app_version() == project["version"]
    assert app_description() == project["description"]


def test_name_is_the_distribution_name_as_people_read_it() -> None:
    assert app_name() == "Overture"
    assert str(_pyproject()["name"]).lower() == app_name().lower()


def test_the_first_readable_pyproject_wins(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[project\nname =", encoding="utf-8")
    no_project = tmp_path / "tool-only.toml"
    no_project.write_text("[tool.x]\ny = 1\n", encoding="utf-8")
    good = tmp_path / "good.toml"
    good.write_text('[project]\nname = "overture"\nversion = "2.3.4"\ndescription = "Patient."\n', encoding="utf-8")

    info = read_project_info([tmp_path / "absent.toml", broken, no_project, good])

    assert info == ProjectInfo("Overture", "2.3.4", "Patient.")


def test_falls_back_to_package_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = Message()
    found["Name"] = "overture"
    found["Version"] = "1.2.3"
    found["Summary"] = "From the wheel."
    monkeypatch.setattr(metadata, "metadata", lambda name: found if name == "overture" else None)

    assert read_project_info([tmp_path / "absent.toml"]) == ProjectInfo("Overture", "1.2.3", "From the wheel.")


def test_says_unknown_rather_than_failing_without_either(tmp_path: Path) -> None:
    info = read_project_info([tmp_path / "absent.toml"], distribution="overture-not-installed-anywhere")

    assert info.version == about.UNKNOWN_VERSION


def test_a_frozen_bundle_is_looked_in_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    candidates = pyproject_candidates()

    assert candidates[0] == tmp_path / "pyproject.toml"
    assert candidates[-1] == PYPROJECT
