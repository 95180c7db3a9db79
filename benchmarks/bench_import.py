"""Measures the LinkedIn import's targets: a 30,000-connection export with 100,000 messages, first and again.

uv run python benchmarks/bench_import.py [--connections 30000] [--messages 100000] [--runs 3]

Targets (issue "Bring your network in and take it out"): preview + commit of the first import <= 5 s; a re-import of
the same export with nothing new <= 3 s; memory under 300 MB. Each run is a fresh process (a fresh database for the
first import, a copy of the imported one for the re-import), so peak memory is the import's own. The floor is raw
work on the same export in the same run: csv parsing of its members and plain sqlite3 inserts (many rows a
statement, as the import does) of the same contacts and messages into the same schema, with none of the matching,
merging or rules. The first import is also made through the import wizard (Qt offscreen), as a person waits for
it: the services' times leave out the worker threads, the preview's tables and the window's reload.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "benchmarks" / "out"

# One import in a child process: times read, preview and commit, and reports its own peak memory (VmHWM: Linux
# carries ru_maxrss over from the parent through fork and exec).
CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from datetime import datetime, UTC
from pathlib import Path
from model.database import open_database
from model.paths import DataPaths
from model.services import Services
now = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
database = open_database(DataPaths.resolve(sys.argv[2]), lambda: now)
services = Services(database.sessions, lambda: now, backup=lambda label: database.automatic_backup(label, now))
t0 = time.perf_counter()
bundle = services.read_import("linkedin", Path(sys.argv[3]))
t1 = time.perf_counter()
plan = services.preview_import(bundle)
t2 = time.perf_counter()
result = services.run_import(bundle, previewed=plan)
t3 = time.perf_counter()
database.dispose()
try:
    peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"read": t1 - t0, "preview": t2 - t1, "commit": t3 - t2, "peak": peak,
                  "summary": plan.summary(), "result": result.describe()}))
"""

# The same first import through the wizard, as a person does it (Qt offscreen): the file chosen -> the preview
# shown (read and plan on a worker thread, then the preview's tables filled), and Import clicked -> the done page.
WIZARD = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWizard
from gui.app import open_window
from model.clock import system_clock
from model.paths import DataPaths
app = QApplication([])
window, deferred = open_window(DataPaths.resolve(sys.argv[2]), system_clock)
window.show()


def wait(ready, *signals):
    # Woken by the signals that may make it ready (a timer polling every few ms would take the interpreter from the
    # wizard's worker thread hundreds of times a second, which a person's idle window does not), and by a slow timer.
    if ready():
        return
    loop, timer = QEventLoop(), QTimer()
    check = lambda *_args: loop.quit() if ready() else None
    for signal in signals:
        signal.connect(check)
    timer.timeout.connect(check)
    timer.start(100 if signals else 5)
    loop.exec()
    timer.stop()
    for signal in signals:
        signal.disconnect(check)


# As a person meets it: the window open a moment, its services opened and the first nudges shown behind it.
nudged = []
window.nudges_updated.connect(lambda _nudges: nudged.append(True))
wait(lambda: window._painted and deferred.ready and bool(nudged))
settled = time.perf_counter() + 1.0
wait(lambda: time.perf_counter() > settled)
wizard = window.open_import(Path(sys.argv[3]))
wait(wizard.isVisible)
page = wizard.preview_page
t0 = time.perf_counter()
wizard.button(QWizard.WizardButton.NextButton).click()
wait(lambda: page.plan is not None and not page.busy and not page._replan.isActive(), page.completeChanged)
app.processEvents()
t1 = time.perf_counter()
wizard.button(QWizard.WizardButton.CommitButton).click()
wait(wizard.import_page.isComplete, wizard.import_page.completeChanged)
app.processEvents()
t2 = time.perf_counter()
print(json.dumps({"preview": t1 - t0, "import": t2 - t1, "outcome": wizard.import_page.outcome.text()}))
wizard.button(QWizard.WizardButton.FinishButton).click()
window.close()
"""

FLOOR = r"""
import csv, io, sqlite3, sys, time, zipfile
sys.path.insert(0, sys.argv[1])
from model.database import open_database
from model.paths import DataPaths
from datetime import datetime, UTC
now = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
open_database(DataPaths.resolve(sys.argv[2]), lambda: now).dispose()  # the same schema, empty
t0 = time.perf_counter()
with zipfile.ZipFile(sys.argv[3]) as archive:
    texts = {name.rsplit("/", 1)[-1]: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}
connections = list(csv.reader(io.StringIO(texts["Connections.csv"], newline="")))[4:]
messages = list(csv.reader(io.StringIO(texts["messages.csv"], newline="")))[1:]
stamp = "2026-11-26 09:30:00.000000"
conn = sqlite3.connect(DataPaths.resolve(sys.argv[2]).database, isolation_level=None)


def insert(head, row, rows, chunk=200):
    # Many rows a statement, as the import does (model/bulk.py): the fastest plain way, so that this stays a floor.
    rows = list(rows)
    width = row.count("?")
    whole = len(rows) - len(rows) % chunk
    flat = [value for values in rows[:whole] for value in values]
    step = chunk * width
    conn.executemany(head + ", ".join([row] * chunk), [flat[i : i + step] for i in range(0, len(flat), step)])
    if whole < len(rows):
        conn.execute(head + ", ".join([row] * (len(rows) - whole)), [v for values in rows[whole:] for v in values])


conn.execute("BEGIN")
insert(
    "INSERT INTO contacts (name, company, position, profile_url, stage, stage_entered_at, connected_at, "
    "stage_move_imported, created_at, updated_at) VALUES ",
    "(?, ?, ?, ?, 'connected', ?, ?, 1, ?, ?)",
    ((f"{r[0]} {r[1]}", r[4], r[5], r[2] or None, stamp, stamp, stamp, stamp) for r in connections if r[0] or r[1]),
)
insert(
    "INSERT INTO messages (contact_id, kind, direction, body, sent_at, imported) VALUES ",
    "(?, 'other', 'incoming', ?, ?, 1)",
    ((1 + i % 1000, r[8], stamp) for i, r in enumerate(messages)),
)
conn.execute("COMMIT")
print(time.perf_counter() - t0)
"""


def export_file(connections: int, messages: int) -> Path:
    """The generated export, cached by size (benchmarks/linkedin_export.py writes the same bytes every time)."""
    path = OUT / f"linkedin-{connections}-{messages}.zip"
    if not path.exists():
        from linkedin_export import write_export

        OUT.mkdir(parents=True, exist_ok=True)
        write_export(path, connections, messages)
    return path


def child_environment() -> dict[str, str]:
    """As a user's import finds things: bytecode compiled (some environments set PYTHONDONTWRITEBYTECODE)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


def run_child(code: str, folder: Path, export: Path, repo: Path = REPO) -> Any:
    """One of the programs above (CHILD, WIZARD, FLOOR) in a fresh process, on `export`, with `folder` as its data
    folder and the code of the checkout at `repo`: what it printed last, read as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", code, str(repo), str(folder), str(export)],
        capture_output=True,
        text=True,
        check=True,
        env=child_environment(),
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@contextmanager
def checkout(commit: str) -> Iterator[tuple[str, Path]]:
    """Another commit of this repository (anything git rev-parse takes) as its short name and a temporary git
    worktree of it, removed after: compare_import.py and count_import.py run it beside this checkout."""
    short = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", commit], capture_output=True, text=True, check=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="overture-checkout-") as folder:
        other = Path(folder) / "checkout"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(other), short], check=True)
        try:
            yield short, other
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(other)], check=True)


def fresh(folder: Path) -> Path:
    """`folder`, emptied: a new database."""
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def one_import(folder: Path, export: Path) -> dict[str, object]:
    result: dict[str, object] = run_child(CHILD, folder, export)
    return result


def through_wizard(export: Path) -> dict[str, object]:
    result: dict[str, object] = run_child(WIZARD, fresh(OUT / "import-wizard"), export)
    return result


def floor(export: Path) -> float:
    return float(run_child(FLOOR, fresh(OUT / "import-floor"), export))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    export = export_file(args.connections, args.messages)
    size = export.stat().st_size / 1024**2
    print(
        f"LinkedIn import benchmark: {args.connections:,} connections, {args.messages:,} messages ({size:.1f} MB zip)"
    )
    print("2 cores; medians of", args.runs, "runs, each a fresh process")

    first: list[dict[str, object]] = []
    again: list[dict[str, object]] = []
    floors: list[float] = []
    wizard: list[dict[str, object]] = []
    for _ in range(args.runs):
        work = fresh(OUT / "import-run")
        first.append(one_import(work, export))
        again.append(one_import(work, export))  # the same export into the database it just filled
        floors.append(floor(export))
        wizard.append(through_wizard(export))
    print(f"first import: {first[0]['summary']}")
    print(f"  then: {first[0]['result']}")
    print(f"re-import: {again[0]['summary']}")
    print(f"through the wizard: {wizard[0]['outcome']}")

    def median(samples: list[dict[str, object]], *keys: str) -> float:
        return statistics.median(sum(float(str(s[k])) for k in keys) for s in samples)

    def worst(samples: list[dict[str, object]], *keys: str) -> float:
        return max(sum(float(str(s[k])) for k in keys) for s in samples)

    rows = [
        ("first import: read export (s)", median(first, "read"), worst(first, "read"), ""),
        ("first import: preview (s)", median(first, "preview"), worst(first, "preview"), ""),
        ("first import: commit (s)", median(first, "commit"), worst(first, "commit"), ""),
        (
            "first import: read + preview + commit (s)",
            median(first, "read", "preview", "commit"),
            worst(first, "read", "preview", "commit"),
            "<= 5.0",
        ),
        ("first import: peak memory (MB)", median(first, "peak"), worst(first, "peak"), "< 300"),
        (
            "re-import, nothing new: total (s)",
            median(again, "read", "preview", "commit"),
            worst(again, "read", "preview", "commit"),
            "<= 3.0",
        ),
        ("re-import: peak memory (MB)", median(again, "peak"), worst(again, "peak"), "< 300"),
        ("first import through the wizard: to preview (s)", median(wizard, "preview"), worst(wizard, "preview"), ""),
        ("first import through the wizard: Import (s)", median(wizard, "import"), worst(wizard, "import"), ""),
        (
            "first import through the wizard: both (s)",
            median(wizard, "preview", "import"),
            worst(wizard, "preview", "import"),
            "<= 5.0",
        ),
        ("raw floor: csv + plain sqlite3 inserts (s)", statistics.median(floors), max(floors), "floor"),
    ]
    print(f"{'measurement':46s} {'median':>9s} {'worst':>9s}  target")
    for name, middle, high, target in rows:
        print(f"{name:46s} {middle:9.3f} {high:9.3f}  {target}")
    ratio = median(first, "read", "preview", "commit") / statistics.median(floors)
    # Each run's import over the floor measured right after it: steadier than either time on a machine whose speed
    # swings by a third within the hour.
    per_run = [
        sum(float(str(run[k])) for k in ("read", "preview", "commit")) / low
        for run, low in zip(first, floors, strict=True)
    ]
    print(f"first import / raw floor: {ratio:.1f}x (medians); each run: {', '.join(f'{r:.2f}' for r in per_run)}")


if __name__ == "__main__":
    main()
