"""install.sh and uninstall.sh on a staged archive whose program is a stand-in script (the real bundle is in
test_bundle.py): where things go, what the menu entry runs, and that the user's data is never touched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from model.about import APP_ID
from tests.packaging.conftest import LINUX, validated_by

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the tarball and its scripts are for Linux")

STAND_IN = """#!/bin/sh
[ "${1:-}" = --version ] && { echo "Overture 9.9"; exit 0; }
exit 3
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The unpacked tarball's layout (packaging/build_bundle.py: stage_linux), with a stand-in program."""
    root = tmp_path / "overture-9.9-linux-x86_64"
    (root / "overture" / "_internal").mkdir(parents=True)
    program = root / "overture" / "overture"
    program.write_text(STAND_IN)
    program.chmod(0o755)
    (root / "overture" / "_internal" / "libpython.so").write_bytes(b"\0")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(LINUX / script, root / script)
    (root / "share" / "applications").mkdir(parents=True)
    shutil.copy2(LINUX / f"{APP_ID}.desktop", root / "share" / "applications")
    (root / "share" / "metainfo").mkdir()
    (root / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").write_text("<component/>")
    for size in ("48x48", "scalable"):
        icon = root / "share" / "icons" / "hicolor" / size / "apps" / f"{APP_ID}.png"
        icon.parent.mkdir(parents=True)
        icon.write_bytes(b"icon")
    return root


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / ".local" / "share" / "Overture").mkdir(parents=True)
    (home / ".local" / "share" / "Overture" / "overture.db").write_bytes(b"the user's contacts")
    return home


def run(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    return subprocess.run(["sh", str(script), *args], capture_output=True, text=True, env=env, check=False)


def installed_files(prefix: Path) -> set[str]:
    return {str(path.relative_to(prefix)) for path in prefix.rglob("*") if path.is_file() or path.is_symlink()}


def test_install_puts_the_program_the_command_and_the_menu_entry_under_local(archive: Path, home: Path) -> None:
    result = run(archive / "install.sh", home)
    assert result.returncode == 0, result.stderr
    local = home / ".local"
    assert "Installed Overture 9.9" in result.stdout
    command = local / "bin" / "overture"
    assert command.is_symlink() and command.resolve() == (local / "lib" / "overture" / "overture").resolve()
    assert subprocess.run([str(command), "--version"], capture_output=True, text=True).stdout == "Overture 9.9\n"
    entry = (local / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"\nExec={local}/lib/overture/overture\n" in entry
    assert f"\nTryExec={local}/lib/overture/overture\n" in entry
    assert (local / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").exists()
    assert (local / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").read_bytes() == b"icon"
    assert (local / "lib" / "overture" / "uninstall.sh").exists()


def test_reinstalling_replaces_the_program_and_keeps_the_data(archive: Path, home: Path) -> None:
    assert run(archive / "install.sh", home).returncode == 0
    leftover = home / ".local" / "lib" / "overture" / "_internal" / "from-the-old-version.so"
    leftover.write_bytes(b"old")
    assert run(archive / "install.sh", home).returncode == 0
    assert not leftover.exists()  # a clean copy, not a merge over the old one
    assert not (home / ".local" / "lib" / "overture.new").exists()
    assert not (home / ".local" / "lib" / "overture.old").exists()
    assert (home / ".local" / "share" / "Overture" / "overture.db").read_bytes() == b"the user's contacts"


def test_uninstall_removes_what_install_added_and_nothing_else(archive: Path, home: Path) -> None:
    local = home / ".local"
    theirs = local / "share" / "icons" / "hicolor" / "48x48" / "apps" / "org.example.Other.png"
    theirs.parent.mkdir(parents=True)
    theirs.write_bytes(b"another app's icon")
    before = installed_files(local)
    assert run(archive / "install.sh", home).returncode == 0
    result = run(local / "lib" / "overture" / "uninstall.sh", home)
    assert result.returncode == 0, result.stderr
    left = installed_files(local) - {"share/applications/mimeinfo.cache"}  # update-desktop-database's, if present
    assert left == before
    assert "Your data is still in" in result.stdout
    # Installing again finds the same contacts.
    assert run(archive / "install.sh", home).returncode == 0
    assert (local / "share" / "Overture" / "overture.db").read_bytes() == b"the user's contacts"


def test_uninstall_leaves_a_command_that_is_not_ours(archive: Path, home: Path) -> None:
    assert run(archive / "install.sh", home).returncode == 0
    command = home / ".local" / "bin" / "overture"
    command.unlink()
    command.write_text("#!/bin/sh\n# someone else's overture\n")
    assert run(home / ".local" / "lib" / "overture" / "uninstall.sh", home).returncode == 0
    assert command.read_text().endswith("someone else's overture\n")


def test_uninstall_says_when_there_is_nothing_to_remove(archive: Path, home: Path) -> None:
    result = run(archive / "uninstall.sh", home)
    assert result.returncode == 1 and "not installed" in result.stderr


def desktop_exec(program: str) -> str:
    """The Exec value the Desktop Entry spec asks for: the argument quoted with " ` $ \\ escaped, then every
    backslash doubled (string level), then % as %%."""
    quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in program) + '"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def test_desktop_exec_follows_the_spec_example() -> None:
    # The spec: "to pass `$HOME` … one has to write \\$HOME" inside a quoted argument.
    assert desktop_exec("/a $b") == '"/a \\\\$b"'
    assert desktop_exec("/100%") == '"/100%%"'


def test_a_prefix_with_spaces_and_specials_gives_a_valid_quoted_exec(archive: Path, home: Path, tmp_path: Path) -> None:
    prefix = tmp_path / 'my apps & "tools" $HOME 100%done back\\slash'
    assert run(archive / "install.sh", home, "--prefix", str(prefix)).returncode == 0
    entry = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    program = f"{prefix}/lib/overture/overture"
    text = entry.read_text()
    assert f"\nExec={desktop_exec(program)}\n" in text
    assert "\nTryExec=" + program.replace("\\", "\\\\") + "\n" in text
    result = validated_by("desktop-file-validate", str(entry))
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    assert not (home / ".local" / "lib").exists()  # the prefix was honoured
    # The installed uninstall.sh knows its own prefix.
    assert run(prefix / "lib" / "overture" / "uninstall.sh", home).returncode == 0
    assert not (prefix / "lib" / "overture").exists() and not entry.exists()


def test_each_installed_uninstaller_removes_its_own_installation(archive: Path, home: Path, tmp_path: Path) -> None:
    assert run(archive / "install.sh", home).returncode == 0
    assert run(archive / "install.sh", home, "--prefix", str(tmp_path / "opt")).returncode == 0
    assert run(tmp_path / "opt" / "lib" / "overture" / "uninstall.sh", home).returncode == 0
    assert not (tmp_path / "opt" / "lib" / "overture").exists()
    assert (home / ".local" / "lib" / "overture" / "overture").exists()


def test_a_prefix_spelled_differently_is_still_uninstalled_cleanly(archive: Path, home: Path) -> None:
    assert run(archive / "install.sh", home, "--prefix", f"{home}/.local/").returncode == 0
    assert run(archive / "uninstall.sh", home, "--prefix", f"{home}//.local").returncode == 0
    assert not (home / ".local" / "bin" / "overture").is_symlink()


def test_a_new_copy_that_does_not_start_leaves_the_installed_one(archive: Path, home: Path) -> None:
    assert run(archive / "install.sh", home).returncode == 0
    (archive / "overture" / "overture").write_text("#!/bin/sh\necho 'GLIBC_2.99 not found' >&2\nexit 127\n")
    result = run(archive / "install.sh", home)
    assert result.returncode == 1
    assert "GLIBC_2.99 not found" in result.stderr and "nothing was changed" in result.stderr
    installed = home / ".local" / "lib" / "overture"
    assert subprocess.run([str(installed / "overture"), "--version"], capture_output=True).returncode == 0
    assert not (home / ".local" / "lib" / "overture.new").exists()


def test_a_folder_not_installed_by_the_script_is_never_replaced_or_removed(archive: Path, home: Path) -> None:
    theirs = home / ".local" / "lib" / "overture"
    theirs.mkdir(parents=True)
    (theirs / "their-file").write_text("keep me")
    result = run(archive / "install.sh", home)
    assert result.returncode == 1 and "not installed by this script" in result.stderr
    assert run(archive / "uninstall.sh", home).returncode == 1
    assert (theirs / "their-file").read_text() == "keep me"


def test_install_leaves_another_programs_command_alone(archive: Path, home: Path) -> None:
    command = home / ".local" / "bin" / "overture"
    command.parent.mkdir(parents=True)
    command.write_text("#!/bin/sh\n# someone else's overture\n")
    result = run(archive / "install.sh", home)
    assert result.returncode == 0 and "is another program: left as it is" in result.stderr
    assert command.read_text().endswith("someone else's overture\n")


def test_install_and_uninstall_refuse_while_overture_runs(archive: Path, home: Path) -> None:
    sleep = shutil.which("sleep")
    assert sleep is not None
    shutil.copy2(sleep, archive / "overture" / "overture")  # answers --version, and runs as the program itself
    assert run(archive / "install.sh", home).returncode == 0
    running = subprocess.Popen([str(home / ".local" / "lib" / "overture" / "overture"), "30"])
    try:
        result = run(archive / "install.sh", home)
        assert result.returncode == 1 and "Overture is running" in result.stderr
        assert run(home / ".local" / "lib" / "overture" / "uninstall.sh", home).returncode == 1
    finally:
        running.kill()
        running.wait()
    assert run(home / ".local" / "lib" / "overture" / "uninstall.sh", home).returncode == 0


def test_an_incomplete_archive_is_refused_before_anything_is_copied(archive: Path, home: Path) -> None:
    (archive / "overture" / "overture").unlink()
    result = run(archive / "install.sh", home)
    assert result.returncode == 1 and "unpack the whole archive" in result.stderr
    assert not (home / ".local" / "lib").exists()


def test_unknown_options_are_refused(archive: Path, home: Path) -> None:
    result = run(archive / "install.sh", home, "--perfix", "/opt")
    assert result.returncode == 2 and "unknown option --perfix" in result.stderr
