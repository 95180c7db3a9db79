"""`main.py --self-test`: a throw-away database, the real window painted offscreen, nudges computed, and a report.

It checks an installation without a person: a bundle missing a plugin, a migration script, the time-zone tables or
pyproject.toml fails here with the step that broke, instead of in front of a user. The user's own data folder is
never opened: everything happens in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

import PySide6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    QPluginLoader,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtWidgets import QApplication

from model.about import UNKNOWN_VERSION, app_name, app_version
from model.clock import Clock

# Enough contacts for every kind of card and nudge to appear; loading them takes about 0.1 s.
SAMPLE_CONTACTS = 300
# The window paints and the first nudges arrive within about a second here; a minute means something hangs.
WAIT_MSECS = 60_000
# Said by the offscreen platform plugin of every top-level window (as in pyproject's qt_log_ignore).
_IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)
# The environment variable that says a desktop session of each kind is running, and Qt's platform plugin for it.
DISPLAY_PLUGINS = (("DISPLAY", "xcb"), ("WAYLAND_DISPLAY", "wayland"))
# A place everyone knows the zone of, read through tzdata's own tables (model/zones.py).
_ZONE_PROBE = ("Greater Munich Metropolitan Area", "Europe/Berlin")


class SelfTestFailed(Exception):
    pass


class _Complaints:
    """Every warning raised while the self-test runs: from Python's warnings, the logging module and Qt."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def qt_message(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or message.startswith(_IGNORED_QT_MESSAGES):
            return
        self.messages.append(f"Qt: {message}")


class _LogCollector(logging.Handler):
    def __init__(self, complaints: _Complaints) -> None:
        super().__init__(logging.WARNING)
        self._complaints = complaints

    def emit(self, record: logging.LogRecord) -> None:
        self._complaints.messages.append(f"{record.name}: {record.getMessage()}")


@contextlib.contextmanager
def _collecting(complaints: _Complaints) -> Iterator[None]:
    handler = _LogCollector(complaints)
    root = logging.getLogger()
    root.addHandler(handler)
    previous = qInstallMessageHandler(complaints.qt_message)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        complaints.messages.extend(f"{w.category.__name__}: {w.message}" for w in caught)
    finally:
        qInstallMessageHandler(previous)
        root.removeHandler(handler)


def _wait_for(signal: Any, what: str, failed: Any = None) -> tuple[object, ...]:
    """The arguments of `signal`'s next emission; SelfTestFailed when `failed` fires first or nothing comes."""
    loop = QEventLoop()
    received: list[tuple[object, ...]] = []
    refused: list[str] = []

    def on_signal(*args: object) -> None:
        received.append(args)
        loop.quit()

    def on_failed(message: str) -> None:
        refused.append(message)
        loop.quit()

    signal.connect(on_signal)
    if failed is not None:
        failed.connect(on_failed)
    QTimer.singleShot(WAIT_MSECS, loop.quit)
    if not received:
        loop.exec()
    signal.disconnect(on_signal)
    if failed is not None:
        failed.disconnect(on_failed)
    if refused:
        raise SelfTestFailed(refused[0])
    if not received:
        raise SelfTestFailed(f"{what} did not happen within {WAIT_MSECS // 1000} s")
    return received[0]


def _where() -> str:
    if getattr(sys, "frozen", False):
        return f"bundle in {Path(sys.executable).resolve().parent}"
    return f"source in {Path(__file__).resolve().parent.parent}"


def run_self_test(out: TextIO, err: TextIO, clock: Clock) -> int:
    """Prints the report to `out`; returns 0, or 1 after saying on `err` which step failed and why."""
    started = time.perf_counter()
    # Offscreen unless the caller chose a platform (QT_QPA_PLATFORM=xcb checks the desktop's own plugin).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    complaints = _Complaints()
    step = "starting"

    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    try:
        with (
            tempfile.TemporaryDirectory(prefix="overture-self-test-", ignore_cleanup_errors=True) as folder,
            _collecting(complaints),
        ):
            steps = _Steps(Path(folder), clock, say)
            for name, action in steps.sequence():
                step = name  # named in the report if this one fails
                action()
    except Exception as error:  # the report names any failure, whatever raised it
        err.write(f"{app_name().lower()}: self-test failed while {step}: {error}\n")
        return 1
    if complaints.messages:
        for message in complaints.messages:
            err.write(f"  warning: {message}\n")
        err.write(f"{app_name().lower()}: self-test failed: {len(complaints.messages)} warning(s), listed above\n")
        return 1
    say(f"Self-test passed in {time.perf_counter() - started:.2f} s.")
    return 0


class _Steps:
    """The self-test's steps in order, each one thing that a broken installation would get wrong."""

    def __init__(self, folder: Path, clock: Clock, say: Callable[[str], None]) -> None:
        from model.paths import DataPaths

        self._paths = DataPaths.resolve(folder / "data")
        self._clock = clock
        self._say = say
        self._started = time.perf_counter()

    def sequence(self) -> list[tuple[str, Callable[[], None]]]:
        return [
            ("reading the version", self.version),
            ("creating the database", self.database),
            ("loading the sample contacts", self.sample),
            ("inferring a time zone", self.time_zone),
            ("starting Qt", self.application),
            ("loading the desktop's display plugins", self.display_plugins),
            ("rendering the app icon", self.app_icon),
            ("claiming the single instance", self.single_instance),
            ("building and painting the window", self.window),
        ]

    def version(self) -> None:
        version = app_version()
        if version == UNKNOWN_VERSION:
            raise SelfTestFailed("pyproject.toml is missing, so the version is unknown")
        self._say(f"{app_name()} {version} self-test ({_where()})")
        self._say(f"  Python {sys.version.split()[0]}, Qt {qVersion()}, PySide6 {PySide6.__version__}")

    def database(self) -> None:
        from model.database import HEAD_REVISION, prepare_database, schema_revision

        began = time.perf_counter()
        prepare_database(self._paths, self._clock)
        revision = schema_revision(self._paths.database)
        if revision != HEAD_REVISION:
            raise SelfTestFailed(f"the new database is at revision {revision}, not {HEAD_REVISION}")
        took = time.perf_counter() - began
        self._say(f"  database: created in a temporary folder, migrated to revision {revision} in {took:.2f} s")

    def sample(self) -> None:
        from model.database import connect
        from model.services import Services

        database = connect(self._paths)
        try:
            count = Services(database.sessions, self._clock).load_sample(SAMPLE_CONTACTS)
        finally:
            database.dispose()
        self._say(f"  sample: {count} contacts")

    def time_zone(self) -> None:
        import tzdata  # type: ignore[import-untyped]  # no type information; only its version is read here

        from model.zones import infer_zone

        location, expected = _ZONE_PROBE
        found = infer_zone(location).zone
        if found != expected:
            raise SelfTestFailed(f"{location!r} gave {found}, not {expected}: tzdata's tables are missing")
        self._say(f"  time zones: {location!r} is {found} (tzdata {tzdata.IANA_VERSION})")

    def application(self) -> None:
        from gui.theme import apply_theme

        app = QApplication.instance()
        if app is None:
            app = QApplication([sys.argv[0]])
            app.setApplicationName(app_name())
        assert isinstance(app, QApplication)
        apply_theme(app)
        self._say(f"  Qt platform: {app.platformName()}")

    def display_plugins(self) -> None:
        """On a Linux desktop, the plugins a normal start would use (X11, Wayland) load with all their libraries:
        the window itself is painted offscreen here, which needs neither."""
        if not sys.platform.startswith("linux"):
            return
        wanted = [name for variable, name in DISPLAY_PLUGINS if os.environ.get(variable)]
        # Where Qt looks for plugins: its own folder, or the bundle's (PyInstaller's hook sets it).
        folders = [Path(folder) / "platforms" for folder in QCoreApplication.libraryPaths()]
        for name in wanted:
            found = [folder / f"libq{name}.so" for folder in folders if (folder / f"libq{name}.so").exists()]
            if not found:
                raise SelfTestFailed(f"the {name} display plugin is missing (looked in {', '.join(map(str, folders))})")
            loader = QPluginLoader(str(found[0]))
            if not loader.load():
                raise SelfTestFailed(f"the {name} display plugin does not load: {loader.errorString()}")
        if wanted:
            self._say(f"  display plugins load: {', '.join(wanted)}")

    def app_icon(self) -> None:
        from gui.resources import app_icon

        if app_icon().pixmap(48, 48).isNull():
            raise SelfTestFailed("the app icon does not render: Qt's SVG plugins are missing")

    def single_instance(self) -> None:
        from gui.single_instance import SingleInstance

        instance = SingleInstance(self._paths.root)
        try:
            if not instance.claim() or not instance.is_primary:
                raise SelfTestFailed("could not listen on a local socket")
        finally:
            instance.release()

    def window(self) -> None:
        from gui.app import open_window

        began = time.perf_counter()
        window, deferred = open_window(self._paths, self._clock)
        try:
            painted: list[float] = []
            window.first_painted.connect(lambda: painted.append(time.perf_counter() - began))
            window.show()
            (nudges,) = _wait_for(window.nudges_updated, "the first nudge evaluation", deferred.failed)
            if not painted:
                raise SelfTestFailed("the nudges came before the window was painted")
            image = window.grab()
            if image.isNull():
                raise SelfTestFailed("the window could not be drawn")
            listed = window.contacts.rowCount()
            if listed != SAMPLE_CONTACTS:
                raise SelfTestFailed(f"the window lists {listed} contacts, not {SAMPLE_CONTACTS}")
            self._say(
                f"  window: {image.width()}x{image.height()}, {listed} contacts listed, "
                f"painted after {painted[0]:.2f} s"
            )
            assert isinstance(nudges, list)
            self._say(f"  nudges: {len(nudges)} computed")
        finally:
            window.close()
            deferred.close()
            window.deleteLater()
            QApplication.processEvents()
