"""Helpers for the packaging tests: the scripts in packaging/ are not a package (the name belongs to PyPI's)."""

from __future__ import annotations

import importlib.util
import os
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


def require_tool(tool: str) -> None:
    """Skips a test whose tool is not installed; fails it instead where OVERTURE_REQUIRE_TOOLS is set, as .ci/run
    does after installing them all, so that CI cannot pass by skipping."""
    if shutil.which(tool) is None:
        if os.environ.get("OVERTURE_REQUIRE_TOOLS"):
            pytest.fail(f"{tool} is not installed, and OVERTURE_REQUIRE_TOOLS says it must be")
        pytest.skip(f"{tool} is not installed")


def validated_by(tool: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Runs a freedesktop validator (desktop-file-validate, appstreamcli)."""
    require_tool(tool)
    return subprocess.run([tool, *arguments], capture_output=True, text=True, check=False)
