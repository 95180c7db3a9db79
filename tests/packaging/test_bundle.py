"""The Linux bundle, built from a clean copy of the tree the way a release is: it starts, checks itself, stays
small, keeps the user's data outside itself, and its tarball installs, reinstalls and uninstalls.

Slow (a PyInstaller build, about 40 s here): marked `bundle`, which `uv run pytest` leaves out and .ci/run runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Mapping
from pathlib import Path

import pytest

from model.about import app_name, app_version
from tests.packaging.conftest import ROOT, load_script, require_tool

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(sys.platform != "linux", reason="builds and installs the Linux tarball"),
]

# The target for the unpacked one-folder bundle with PySide6-Essentials.
SIZE_LIMIT = 150e6
VCARD = ROOT / "tests" / "fixtures" / "vcard" / "google_3_0.vcf"
BUILD_TIMEOUT = 900


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """DIST from `packaging/build_bundle.py`, run in a copy of the files git knows (no caches, no .venv)."""
    require_tool("git")
    if not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout to copy a clean tree from")
    source = tmp_path_factory.mktemp("source")
    # Only what git tracks, as a fresh clone has it: a file not yet added fails here as it would in CI.
    listed = subprocess.run(
        ["git", "-c", f"safe.directory={ROOT}", "ls-files", "-z", "--cached"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (entry.decode() for entry in listed)):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "packaging/build_bundle.py", "--dist", str(out), "--work", str(source / "build")],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


def run(command: list[str | Path], home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`command` as a person would run it: their own HOME, no XDG overrides from this machine."""
    base: Mapping[str, str] = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, env={**base, **env}, timeout=120, check=False
    )


def listing(folder: Path) -> dict[str, int]:
    return {str(path.relative_to(folder)): path.lstat().st_mtime_ns for path in folder.rglob("*")}


def test_the_bundle_says_its_version(dist: Path, home: Path) -> None:
    result = run([dist / "overture" / "overture", "--version"], home)
    assert (result.returncode, result.stdout) == (0, f"{app_name()} {app_version()}\n"), result.stderr


def test_the_bundle_passes_its_self_test_offscreen(dist: Path, home: Path) -> None:
    result = run([dist / "overture" / "overture", "--self-test"], home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"self-test (bundle in {dist / 'overture'})" in result.stdout
    assert "Self-test passed" in result.stdout and result.stderr == ""


def test_the_bundle_passes_its_self_test_on_x11(dist: Path, home: Path) -> None:
    """The desktop's own platform plugin (xcb) and the libraries it needs, under a virtual X server."""
    require_tool("xvfb-run")
    result = run(["xvfb-run", "-a", dist / "overture" / "overture", "--self-test"], home, QT_QPA_PLATFORM="xcb")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Qt platform: xcb" in result.stdout


def test_the_unpacked_bundle_is_within_its_size_budget(dist: Path) -> None:
    build_bundle = load_script("build_bundle")
    size = build_bundle.folder_size(dist / "overture")
    assert size <= SIZE_LIMIT, f"{size / 1e6:.0f} MB"


def test_data_goes_to_the_data_folder_or_data_dir_never_into_the_bundle(dist: Path, home: Path, tmp_path: Path) -> None:
    bundle = dist / "overture"
    before = listing(bundle)
    assert run([bundle / "overture", "contacts"], home).returncode == 0
    assert (home / ".local" / "share" / "Overture" / "overture.db").exists()  # platformdirs' user data folder
    chosen = tmp_path / "chosen"
    result = run([bundle / "overture", "--data-dir", chosen, "import", "vcard", VCARD], home)
    assert result.returncode == 0, result.stderr
    assert (chosen / "overture.db").exists()
    assert listing(bundle) == before


def test_the_tarball_installs_reinstalls_and_uninstalls_keeping_the_contacts(
    dist: Path, home: Path, tmp_path: Path
) -> None:
    (tarball,) = dist.glob(f"overture-{app_version()}-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    local = home / ".local"

    assert run(["sh", unpacked / "install.sh"], home).returncode == 0
    entry = (local / "share" / "applications" / "io.github.overture_app.Overture.desktop").read_text()
    assert f"Exec={local}/lib/overture/overture\n" in entry
    assert (local / "share" / "icons" / "hicolor" / "256x256" / "apps" / "io.github.overture_app.Overture.png").exists()
    command = local / "bin" / "overture"
    assert run([command, "import", "vcard", VCARD], home).returncode == 0

    assert run(["sh", unpacked / "install.sh"], home).returncode == 0
    assert "Ada Lovelace" in run([command, "contacts"], home).stdout

    assert run(["sh", local / "lib" / "overture" / "uninstall.sh"], home).returncode == 0
    assert not command.exists() and not (local / "lib" / "overture").exists()
    assert (local / "share" / "Overture" / "overture.db").exists()

    assert run(["sh", unpacked / "install.sh"], home).returncode == 0
    assert "Ada Lovelace" in run([command, "contacts"], home).stdout
