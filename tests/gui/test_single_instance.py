"""One Overture per data folder: a second launch knocks and steps aside; another folder runs side by side."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from gui.single_instance import SingleInstance, instance_key

Instances = Callable[[Path], SingleInstance]


@pytest.fixture
def instance(qapp: object) -> Iterator[Instances]:
    """Makes instances and releases them all afterwards, so that no socket outlives its test."""
    made: list[SingleInstance] = []

    def make(folder: Path) -> SingleInstance:
        made.append(SingleInstance(folder))
        return made[-1]

    yield make
    for each in made:
        each.release()


def test_the_key_is_short_and_one_per_folder(tmp_path: Path) -> None:
    key = instance_key(tmp_path / "a")

    assert key.startswith("overture-")
    assert len(key) < 40  # socket paths are limited to about 100 bytes, temp folder included
    assert key == instance_key(tmp_path / "a")
    assert key != instance_key(tmp_path / "b")
    assert str(tmp_path) not in key


def test_the_first_launch_claims_the_folder(instance: Instances, tmp_path: Path) -> None:
    first = instance(tmp_path / "data")

    assert first.claim()
    assert first.is_primary


def test_a_second_launch_steps_aside_and_brings_the_first_forward(
    instance: Instances, tmp_path: Path, qtbot: QtBot
) -> None:
    first = instance(tmp_path / "data")
    assert first.claim()
    second = instance(tmp_path / "data")

    with qtbot.waitSignal(first.activation_requested, timeout=2000):
        assert not second.claim()
    assert not second.is_primary


def test_another_data_folder_runs_side_by_side(instance: Instances, tmp_path: Path) -> None:
    assert instance(tmp_path / "work").claim()
    assert instance(tmp_path / "demo").claim()


def test_after_the_first_quits_the_next_launch_is_first(instance: Instances, tmp_path: Path) -> None:
    first = instance(tmp_path / "data")
    assert first.claim()
    first.release()

    assert instance(tmp_path / "data").claim()


@pytest.mark.skipif(os.name != "posix", reason="only Unix leaves a socket file behind after a crash")
@pytest.mark.parametrize("user_access_option", [True, False], ids=["renamed-over", "removed"])
def test_a_socket_left_by_a_crash_is_cleared(
    instance: Instances, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, user_access_option: bool
) -> None:
    if not user_access_option:
        # Without it Qt binds in place and reports the address in use: the path that calls removeServer.
        monkeypatch.setattr(QLocalServer, "setSocketOptions", lambda server, options: None)
    folder = tmp_path / "data"
    # What a crashed instance leaves: the socket file, with nobody listening on it.
    stale = Path(QDir.tempPath()) / instance_key(folder)
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(str(stale))
    leftover.close()
    assert stale.exists()

    first = instance(folder)
    assert first.claim()
    with qtbot.waitSignal(first.activation_requested, timeout=2000):
        assert not instance(folder).claim()


def test_a_stranger_knocking_is_ignored(instance: Instances, tmp_path: Path, qtbot: QtBot) -> None:
    first = instance(tmp_path / "data")
    assert first.claim()
    stranger = QLocalSocket()
    stranger.connectToServer(first.key)
    assert stranger.waitForConnected(1000)

    with qtbot.assertNotEmitted(first.activation_requested), qtbot.waitSignal(stranger.disconnected, timeout=2000):
        stranger.write(b"hello\n")


def test_launches_and_quits_in_a_row_leave_nothing_behind(tmp_path: Path, qtbot: QtBot) -> None:
    # Regression: sockets outliving their server once crashed the process on the next round.
    for _ in range(3):
        first = SingleInstance(tmp_path / "data")
        assert first.claim()
        with qtbot.waitSignal(first.activation_requested, timeout=2000):
            assert not SingleInstance(tmp_path / "data").claim()
        first.release()
        del first
