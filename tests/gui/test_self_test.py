"""`main.py --self-test`: passes on a sound installation, and names the step when something is missing."""

from __future__ import annotations

import io
import logging
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import main
from gui import self_test
from model.about import UNKNOWN_VERSION, app_name, app_version
from tests.model.conftest import FakeClock


def run(clock: FakeClock) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = self_test.run_self_test(out, err, clock)
    return code, out.getvalue(), err.getvalue()


def test_a_sound_installation_passes_and_says_what_it_checked(
    qapp: QApplication, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    data_home = tmp_path / "data-home"
    data_home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    used: list[Path] = []
    real_init = self_test._Steps.__init__

    def spying_init(steps: self_test._Steps, folder: Path, *args: object) -> None:
        used.append(folder)
        real_init(steps, folder, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(self_test._Steps, "__init__", spying_init)
    code, out, err = run(clock)
    assert (code, err) == (0, "")
    assert out.startswith(f"{app_name()} {app_version()} self-test (source in ")
    assert "migrated to revision" in out
    assert f"{self_test.SAMPLE_CONTACTS} contacts listed" in out
    assert "nudges:" in out and out.rstrip().splitlines()[-1].startswith("Self-test passed in ")
    # The throw-away folder was made where temporary files go and is gone afterwards; the user's data folder was
    # never involved.
    (folder,) = used
    assert folder.parent == tmp_path / "tmp" and not folder.exists()
    assert list(data_home.iterdir()) == []


def test_a_missing_pyproject_fails_at_the_version_step(
    qapp: QApplication, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(self_test, "app_version", lambda: UNKNOWN_VERSION)
    code, out, err = run(clock)
    assert code == 1 and out == ""
    assert "self-test failed while reading the version: pyproject.toml is missing" in err


def test_missing_time_zone_tables_fail_the_time_zone_step(
    qapp: QApplication, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from model import zones

    real_infer = zones.infer_zone
    monkeypatch.setattr(zones, "infer_zone", lambda _location: real_infer("nowhere in particular"))
    code, _, err = run(clock)
    assert code == 1 and "while inferring a time zone: 'Greater Munich Metropolitan Area' gave" in err


def test_a_warning_on_the_way_fails_the_test_and_is_listed(
    qapp: QApplication, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_sample = self_test._Steps.sample

    def sample_with_a_warning(steps: self_test._Steps) -> None:
        real_sample(steps)
        logging.getLogger("model.test").warning("a migration script is missing")

    monkeypatch.setattr(self_test._Steps, "sample", sample_with_a_warning)
    code, out, err = run(clock)
    assert code == 1 and "Self-test passed" not in out
    assert "warning: model.test: a migration script is missing" in err
    assert "self-test failed: 1 warning(s)" in err


def test_version_prints_name_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["--version"]) == 0
    assert capsys.readouterr().out == f"{app_name()} {app_version()}\n"


def test_self_test_takes_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main.main(["--self-test", "contacts"])
    assert exited.value.code == 2 and "--self-test runs on its own" in capsys.readouterr().err


def test_on_a_desktop_the_display_plugins_are_loaded_too(
    qapp: QApplication, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    code, out, err = run(clock)
    assert (code, err) == (0, "") and "display plugins load: xcb" in out
    monkeypatch.setattr(self_test, "DISPLAY_PLUGINS", (("DISPLAY", "nosuchplatform"),))
    code, _, err = run(clock)
    assert code == 1 and "the nosuchplatform display plugin is missing" in err
