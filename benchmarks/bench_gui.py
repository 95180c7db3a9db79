"""Measures the main window's targets at 30,000 and 100,000 contacts: cold start, search, drop, freezes, memory."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

# Run as a script, Python puts benchmarks/ first on sys.path, not the repository that holds `model` and `gui`.
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
OUT = REPO / "benchmarks" / "out"

# The child measured for a cold start: the app's own start path (gui.app.open_window), timed from before the
# interpreter started to the end of the window's first complete paint; then the moment the services are open.
COLD_START = """
import resource, sys, time
t0 = float(sys.argv[1])
sys.path.insert(0, sys.argv[3])
from datetime import datetime, UTC
from model.paths import DataPaths
from model.startup import StartRead
paths = DataPaths.resolve(sys.argv[2])
early = StartRead(paths.database)  # as main.py begins it, before the window's modules load
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gui.app import open_window
from gui.theme import apply_theme
now = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
app = QApplication([])
apply_theme(app)
window, deferred = open_window(paths, lambda: now, early)
marks = {}
gaps = [0.0]
last = [0.0]
deferred.after_open.append(lambda database: marks.setdefault("ready", time.time() - t0))  # on the opening thread
window.nudges_updated.connect(lambda nudges: marks.setdefault("nudged", time.perf_counter()))


def tick():
    # The event loop's longest stall while the services open, nudges are computed and search is prepared behind
    # the painted window: the user can click and type all along, or not.
    now = time.perf_counter()
    if last[0]:
        gaps.append(now - last[0])
    last[0] = now
    if "nudged" in marks and now - marks["nudged"] > 1.0 or now - marks["painted_at"] > 20:
        app.quit()


probe = QTimer()
probe.setInterval(5)
probe.timeout.connect(tick)
window.first_painted.connect(
    lambda: (marks.setdefault("painted", time.time() - t0), marks.setdefault("painted_at", time.perf_counter()),
             probe.start())
)
window.resize(1600, 940)
window.show()
app.exec()
deferred.get()
ready = marks.get("ready", time.time() - t0)
window._background.wait()
app.processEvents()
# The peak of this process's own memory. ru_maxrss is not it: Linux carries it over from the parent through fork and
# exec, so a child of a benchmark that has just generated 100,000 contacts would report the parent's peak.
try:
    status = open("/proc/self/status").read()
    rss = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{marks['painted']} {ready} {rss} {max(gaps) - 0.005}")
window.close()
deferred.close()
"""


def data_folder(count: int) -> Path:
    """A cached database of `count` sample contacts (created once, copied before anything writes to it)."""
    # Keyed by the migrations too: a database of an older schema would time its migration and backup instead.
    from generate import schema_fingerprint

    folder = OUT / f"gui-{count}-schema{schema_fingerprint()}"
    if not (folder / "overture.db").exists():
        from model.database import open_database
        from model.paths import DataPaths
        from model.services import Services

        shutil.rmtree(folder, ignore_errors=True)
        database = open_database(DataPaths.resolve(folder), lambda: NOW)
        started = time.perf_counter()
        Services(database.sessions, lambda: NOW).load_sample(count)
        print(f"  generated {count:,} sample contacts in {time.perf_counter() - started:.1f} s", flush=True)
        database.dispose()
    return folder


def child_environment() -> dict[str, str]:
    """As a user's second start finds things: bytecode compiled (some environments set PYTHONDONTWRITEBYTECODE)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def cold_start(folder: Path, runs: int) -> tuple[list[float], list[float], list[float], list[float]]:
    painted, ready, memory, stalls = [], [], [], []
    for attempt in range(runs + 1):  # the first run only fills the bytecode cache
        work = OUT / "gui-run"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(folder, work)
        t0 = time.time()
        done = subprocess.run(
            [sys.executable, "-c", COLD_START, str(t0), str(work), str(REPO)],
            capture_output=True,
            text=True,
            check=True,
            env=child_environment(),
        )
        if attempt == 0:
            continue
        first_paint, services_ready, rss, stall = done.stdout.split()[-4:]
        painted.append(float(first_paint))
        ready.append(float(services_ready))
        memory.append(float(rss))
        stalls.append(float(stall))
    return painted, ready, memory, stalls


def raw_rows_floor(folder: Path, runs: int) -> list[float]:
    from model.directory import ROWS_SQL

    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        with sqlite3.connect(folder / "overture.db") as conn:
            conn.execute(ROWS_SQL).fetchall()
        samples.append(time.perf_counter() - started)
    return samples


def settle(app: Any, window: Any) -> None:
    """Let the window go idle (the nudge re-evaluation after a change included) before the next measurement."""
    from PySide6.QtCore import QEventLoop, QTimer

    for _ in range(2):
        loop = QEventLoop()
        QTimer.singleShot(400, loop.quit)
        loop.exec()
        window._background.wait()
        app.processEvents()


def warm(folder: Path, runs: int) -> dict[str, list[float]]:
    """Search keystrokes and drops in one running window, each timed to committed and repainted."""
    from PySide6.QtCore import QMimeData, QModelIndex
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window
    from gui.models.stage_column_model import StageColumnModel
    from model.database import open_database
    from model.directory import ContactQuery
    from model.paths import DataPaths
    from model.vocabulary import Stage

    work = OUT / "gui-run"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(folder, work)
    app = QApplication.instance() or QApplication([])
    database = open_database(DataPaths.resolve(work), lambda: NOW)
    window = build_window(database, lambda: NOW)
    window.resize(1600, 940)
    window.show()
    app.processEvents()
    window._background.wait()
    app.processEvents()

    settle(app, window)

    def timed(action: Callable[[], object]) -> float:
        started = time.perf_counter()
        action()
        app.processEvents()
        window.repaint()
        return time.perf_counter() - started

    results: dict[str, list[float]] = {"search keystroke": [], "search floor (directory.find)": [], "drop": []}
    for word in ("a", "an", "and", "ma", "mar", "xyz")[: max(runs, 3)]:
        window.search.clear()
        app.processEvents()
        for length in range(1, len(word) + 1):
            text = word[:length]
            results["search keystroke"].append(timed(partial(window.search.setText, text)))
            started = time.perf_counter()
            window._directory.find(ContactQuery(text=word[:length]))
            results["search floor (directory.find)"].append(time.perf_counter() - started)
    window.search.clear()
    app.processEvents()
    # Parking is always allowed: a drop that commits, from any column to Parked.
    window.board.set_parked_visible(True)
    models = [m for m in window.board.findChildren(StageColumnModel) if m.stage is Stage.PARKED]
    source = next(m for m in window.board.findChildren(StageColumnModel) if m.stage is Stage.CONNECTED)
    for _ in range(runs):
        mime: QMimeData = source.mimeData([source.index(0, 0)])
        drop = partial(models[0].dropMimeData, mime, source.supportedDropActions(), -1, 0, QModelIndex())
        results["drop"].append(timed(drop))
        settle(app, window)
    window.close()
    database.dispose()
    return results


def report(count: int, runs: int) -> list[tuple[str, float, float, str]]:
    folder = data_folder(count)
    rows: list[tuple[str, float, float, str]] = []
    start_target = 1.0 if count <= 30_000 else 1.5
    times, ready, memory, stalls = cold_start(folder, runs)
    rows.append(("cold start to painted window (s)", statistics.median(times), max(times), f"<= {start_target}"))
    rows.append(("  services open behind it (s)", statistics.median(ready), max(ready), "none"))
    rows.append(("  longest stall meanwhile (s)", statistics.median(stalls), max(stalls), "< 0.200"))
    rows.append(("resident memory after start (MB)", statistics.median(memory), max(memory), "< 400"))
    floor = raw_rows_floor(folder, runs)
    rows.append(("raw sqlite3: all list rows (s)", statistics.median(floor), max(floor), "floor"))
    warm_results = warm(folder, runs)
    for name, samples in warm_results.items():
        target = {"search keystroke": "<= 0.050", "drop": "<= 0.050"}.get(name, "floor")
        rows.append((f"{name} (s)", statistics.median(samples), max(samples), target))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[30_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"Overture GUI benchmark, {os.cpu_count()} cores, Qt offscreen; medians of {args.runs} runs", flush=True)
    table = []
    for count in args.counts:
        for name, median, extreme, target in report(count, args.runs):
            table.append((f"{count:,}", name, median, extreme, target))
    print(f"{'contacts':>9}  {'measurement':<40} {'median':>9} {'worst':>9}  target")
    for count, name, median, extreme, target in table:
        print(f"{count:>9}  {name:<40} {median:>9.3f} {extreme:>9.3f}  {target}")
    (OUT / "gui-last.json").write_text(json.dumps(table, indent=1))


if __name__ == "__main__":
    main()
