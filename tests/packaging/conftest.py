"""Helpers for the packaging tests: the scripts in packaging/ are not a package (the name belongs to PyPI's)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"


def load_script(name: str) -> ModuleType:
    """packaging/NAME.py as a module, imported once."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def validated_by(tool: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Runs a freedesktop validator; skips where it is not installed (.ci/run installs both)."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    return subprocess.run([tool, *arguments], capture_output=True, text=True, check=False)
