"""Measures the model's performance targets (nudges, stage moves, JSON archive, start-up) on a generated database."""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

# Run as a script, Python puts benchmarks/ first on sys.path, not the repository that holds `model`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import generate
from generate import NOW, REPO_ROOT

from model import archive, nudge_query
from model.clock import format_utc
from model.database import Database, open_database
from model.nudges import ContactSnapshot, compute_nudges
from model.paths import DataPaths
from model.pipeline import Refusal
from model.services import Services

T = TypeVar("T")
MS = 1e-3
# Past this many seconds a measurement needs no warm-up round, and runs only --slow-runs times.
SLOW = 5.0
SECTIONS = ("nudges", "moves", "archive", "startup")


class TickingClock:
    """Starts at the data's "now" and advances a millisecond per reading, so successive moves keep their order."""

    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=1)
        return self.now


@dataclass
class Row:
    """One line of the report: samples in seconds, an absolute target or one relative to the raw baseline."""

    name: str
    samples: list[float]
    target: float | None = None
    baseline: list[float] = field(default_factory=list)
    max_ratio: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def ratio(self) -> float | None:
        return self.median / statistics.median(self.baseline) if self.baseline else None

    @property
    def verdict(self) -> str:
        if self.max_ratio is not None and self.ratio is not None:
            return "ok" if self.ratio <= self.max_ratio else "MISS"
        if self.target is not None:
            return "ok" if self.median <= self.target else "MISS"
        return ""

    @property
    def target_label(self) -> str:
        if self.max_ratio is not None:
            return f"<= {self.max_ratio:g}x raw"
        return f"<= {seconds(self.target)}" if self.target is not None else ""


def seconds(value: float | None) -> str:
    if value is None:
        return ""
    if value < 1:
        return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(samples: list[float], action: Callable[..., T], *arguments: object) -> T:
    """Call `action`, add its duration to `samples` and return what it returned."""
    start = time.perf_counter()
    result = action(*arguments)
    samples.append(time.perf_counter() - start)
    return result


def print_table(rows: Sequence[Row]) -> None:
    header = ("measurement", "n", "median", "min", "target", "raw sqlite3", "ratio", "result")
    cells = [
        (
            row.name,
            str(len(row.samples)),
            seconds(row.median),
            seconds(min(row.samples)),
            row.target_label,
            seconds(statistics.median(row.baseline)) if row.baseline else "",
            f"{row.ratio:.2f}x" if row.ratio is not None else "",
            row.verdict,
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
    # Names left-aligned, numbers right-aligned, so that columns of durations line up on their units.
    for line in [header, *cells]:
        parts = [line[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)
        ]
        print("  ".join(parts).rstrip())


def copy_database(source: Path, folder: Path) -> DataPaths:
    """A private copy of the cached database, so that measurements never change the cache."""
    paths = DataPaths.resolve(folder)
    paths.ensure_private()
    for suffix in ("", "-wal"):
        original = source.with_name(source.name + suffix)
        if original.exists():
            shutil.copyfile(original, paths.database.with_name(paths.database.name + suffix))
    return paths


@contextlib.contextmanager
def opened(paths: DataPaths) -> Iterator[Database]:
    database = open_database(paths, lambda: NOW)
    try:
        yield database
    finally:
        database.dispose()


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the application's pragmas, for the floor a write can reach."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("busy_timeout = 5000", "foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


# -- 1. nudges ------------------------------------------------------------------------------------------


def bench_nudges(database: Database, runs: int, slow_runs: int) -> tuple[list[Row], Counter[str]]:
    services = Services(database.sessions, lambda: NOW)
    settings = services.settings()
    recent = format_utc(NOW - timedelta(days=settings.too_frequent_window_days))
    sql = nudge_query.SNAPSHOT_SQL.replace(":recent", "?")
    ours: list[float] = []
    raw: list[float] = []
    rules: list[float] = []
    with contextlib.closing(sqlite3.connect(database.path)) as plain:
        found = measure(ours, services.nudges, NOW)
        rows = measure(raw, lambda: plain.execute(sql, (recent,)).fetchall())
        # A fast first round only warmed the page cache and SQLAlchemy's statement cache: it is dropped.
        # A slow one is measured like the others, and fewer rounds keep the whole run within minutes.
        wanted = slow_runs
        if max(ours[0], raw[0]) < SLOW:
            ours.clear()
            raw.clear()
            wanted = runs
        while len(ours) < wanted:
            measure(ours, services.nudges, NOW)
            measure(raw, lambda: plain.execute(sql, (recent,)).fetchall())
    with database.sessions.begin() as session:
        activity = nudge_query.account_activity(session, settings, NOW)
        states = nudge_query.nudge_states(session)
    # The rules' input, as nudge_query.snapshots() yields it, without running the query once more.
    snapshots = [ContactSnapshot._make(row) for row in rows]
    for _ in range(runs):
        measure(rules, compute_nudges, snapshots, settings, NOW, activity, states)
    kinds = Counter(nudge.kind.value for nudge in found)
    return [
        Row("nudges: Services.nudges()", ours, baseline=raw, max_ratio=2.0),
        Row("  of which compute_nudges (pure Python)", rules),
    ], kinds


# -- 2. stage moves -------------------------------------------------------------------------------------


def _ids(path: Path, stage: str, count: int) -> list[int]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT id FROM contacts WHERE stage = ? ORDER BY id LIMIT ?", (stage, count)).fetchall()
    if len(rows) < count:
        raise SystemExit(f"The database has only {len(rows)} {stage} contacts; {count} are needed.")
    return [row[0] for row in rows]


def _moved(result: object, what: str) -> None:
    if isinstance(result, Refusal):
        raise RuntimeError(f"{what} was refused, so it would not measure a move: {result.reason}")


def bench_moves(database: Database, runs: int) -> list[Row]:
    clock = TickingClock()
    services = Services(database.sessions, clock)
    path = database.path
    connected = _ids(path, "connected", 2 * runs)
    spotted = _ids(path, "spotted", 2 * runs)
    requested = _ids(path, "requested", 2 * runs)
    park: list[float] = []
    restore: list[float] = []
    engage: list[float] = []
    accept: list[float] = []
    raw_park: list[float] = []
    raw_restore: list[float] = []
    raw_engage: list[float] = []
    raw_accept: list[float] = []

    park_sql = (
        "UPDATE contacts SET parked_from = stage, stage = 'parked', stage_entered_at = ?, "
        "stage_reason = 'Benchmark: on hold', updated_at = ? WHERE id = ?"
    )
    restore_sql = (
        "UPDATE contacts SET stage = parked_from, parked_from = NULL, stage_entered_at = ?, "
        "stage_reason = 'Restored', updated_at = ? WHERE id = ?"
    )
    engage_sql = (
        "INSERT INTO engagements (contact_id, kind, target, comment, occurred_at) "
        "VALUES (?, 'like', 'A post on benchmarks', '', ?)",
        "UPDATE contacts SET stage = 'engaging', stage_entered_at = ?, "
        "stage_reason = 'First engagement logged', updated_at = ? WHERE id = ?",
    )
    accept_sql = (
        "UPDATE messages SET accepted_at = ? WHERE contact_id = ? AND kind = 'connection_request' "
        "AND direction = 'outgoing' AND accepted_at IS NULL AND withdrawn_at IS NULL",
        "UPDATE contacts SET stage = 'connected', connected_at = ?, stage_entered_at = ?, "
        "stage_reason = 'Request accepted', updated_at = ? WHERE id = ?",
    )
    with contextlib.closing(raw_connection(path)) as conn:

        def raw_write(*statements: tuple[str, tuple[object, ...]]) -> None:
            conn.execute("BEGIN")
            for statement, parameters in statements:
                conn.execute(statement, parameters)
            conn.execute("COMMIT")

        # Services and their raw equivalents alternate, on different contacts, so drift hits both alike.
        for index in range(runs):
            ours, theirs = connected[index], connected[runs + index]
            _moved(measure(park, services.park, ours, "Benchmark: on hold"), "park")
            _moved(measure(restore, services.restore, ours), "restore")
            at = format_utc(clock())
            measure(raw_park, raw_write, (park_sql, (at, at, theirs)))
            measure(raw_restore, raw_write, (restore_sql, (at, at, theirs)))

            ours, theirs = spotted[index], spotted[runs + index]
            measure(engage, services.log_engagement, ours, "like", "A post on benchmarks")
            at = format_utc(clock())
            measure(raw_engage, raw_write, (engage_sql[0], (theirs, at)), (engage_sql[1], (at, at, theirs)))

            ours, theirs = requested[index], requested[runs + index]
            _moved(measure(accept, services.record_acceptance, ours), "record_acceptance")
            at = format_utc(clock())
            measure(raw_accept, raw_write, (accept_sql[0], (at, theirs)), (accept_sql[1], (at, at, at, theirs)))
        engaged = conn.execute(
            f"SELECT count(*) FROM contacts WHERE stage = 'engaging' AND id IN ({','.join('?' * runs)})",
            spotted[:runs],
        ).fetchone()[0]
    if engaged != runs:
        raise RuntimeError(f"log_engagement moved {engaged} of {runs} Spotted contacts to Engaging")
    target = 10 * MS
    return [
        Row("move: park (Connected -> Parked)", park, target, raw_park),
        Row("move: restore (Parked -> Connected)", restore, target, raw_restore),
        Row("move: log_engagement (Spotted -> Engaging)", engage, target, raw_engage),
        Row("move: record_acceptance (Requested -> Connected)", accept, target, raw_accept),
    ]


# -- 3. JSON archive ------------------------------------------------------------------------------------


def bench_archive(database: Database, work: Path, runs: int) -> tuple[list[Row], int]:
    destination = work / "archive.json"
    exports: list[float] = []
    imports: list[float] = []
    reads: list[float] = []
    summaries: list[archive.ArchiveSummary] = []
    for _ in range(runs):
        exports.append(timed(lambda: summaries.append(archive.export_archive(database.sessions, destination, NOW))))
    summary = summaries[-1]
    for index in range(runs):
        folder = work / f"import-{index}"
        with opened(DataPaths.resolve(folder)) as fresh:
            imports.append(timed(lambda: archive.import_archive(fresh.sessions, destination)))
            with fresh.sessions.begin() as session:
                counts = {
                    name: session.connection().exec_driver_sql(f"SELECT count(*) FROM {name}").scalar_one()
                    for name in summary.counts
                }
        if counts != summary.counts:
            raise RuntimeError(f"the import restored {counts}, not the exported {summary.counts}")
        shutil.rmtree(folder)
    reads.append(timed(lambda: archive.read_archive(destination)))
    target = 30.0
    return [
        Row("export json: archive.export_archive", exports, target),
        Row("import json: archive.import_archive (empty db)", imports, target),
        Row("  of which read_archive (parse + validate)", reads),
    ], destination.stat().st_size


# -- 4. start-up ----------------------------------------------------------------------------------------

OPEN_SCRIPT = (
    "import sys; from model.clock import system_clock; from model.database import open_database; "
    "from model.paths import DataPaths; open_database(DataPaths.resolve(sys.argv[1]), system_clock).dispose()"
)
RAW_OPEN_SCRIPT = (
    "import sqlite3, sys; conn = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True); "
    "conn.execute('PRAGMA quick_check').fetchone()"
)


def _quick_check(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        conn.execute("PRAGMA quick_check").fetchone()


def _run(environment: dict[str, str], *arguments: str) -> None:
    subprocess.run([sys.executable, *arguments], cwd=REPO_ROOT, env=environment, check=True)


def bench_startup(paths: DataPaths, out: Path, runs: int) -> list[Row]:
    # An installed application runs from compiled bytecode; this environment may forbid writing it
    # (PYTHONDONTWRITEBYTECODE), so the bytecode goes to a cache of our own, filled by an untimed run.
    compiled = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    compiled["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
    # The first start after an install, or any start where bytecode cannot be cached: every import compiles.
    uncompiled = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=str(out / "run" / "no-pycache"))
    opening: list[float] = []
    checking: list[float] = []
    process: list[float] = []
    raw_process: list[float] = []
    cold_process: list[float] = []
    root, database = str(paths.root), str(paths.database)
    _run(compiled, "-c", OPEN_SCRIPT, root)
    for _ in range(runs):
        opening.append(timed(lambda: open_database(paths, lambda: NOW).dispose()))
        checking.append(timed(lambda: _quick_check(paths.database)))
        process.append(timed(lambda: _run(compiled, "-c", OPEN_SCRIPT, root)))
        raw_process.append(timed(lambda: _run(compiled, "-c", RAW_OPEN_SCRIPT, database)))
        if len(cold_process) < min(runs, 3):
            cold_process.append(timed(lambda: _run(uncompiled, "-c", OPEN_SCRIPT, root)))
    return [
        Row("start-up: open_database (in process)", opening, 1.0, checking),
        Row("start-up: python -c import + open_database", process, 1.0, raw_process),
        Row("  same, without bytecode cache (first start)", cold_process, None, raw_process),
    ]


# -- the run --------------------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{model}, {os.cpu_count()} logical CPUs; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    generate.add_size_arguments(parser)
    parser.add_argument("--runs", type=int, default=5, help="runs of the fast measurements (default: %(default)s)")
    parser.add_argument("--slow-runs", type=int, default=3, help="runs of export and import (default: %(default)s)")
    parser.add_argument("--move-runs", type=int, default=25, help="moves of each kind (default: %(default)s)")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS), help="measure only these")
    parser.add_argument("--keep", action="store_true", help="keep the working copies and the archive afterwards")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    sizes = generate.sizes_from(args)
    cached = generate.ensure_database(sizes, args.out)
    work = args.out / "run"
    shutil.rmtree(work, ignore_errors=True)
    rows: list[Row] = []
    notes: list[str] = []
    try:
        reading = copy_database(cached, work / "read")
        if "nudges" in args.only:
            with opened(reading) as database:
                found, kinds = bench_nudges(database, args.runs, args.slow_runs)
            rows += found
            described = ", ".join(f"{count:,} {kind}" for kind, count in kinds.most_common())
            notes.append(f"nudges due: {kinds.total():,} ({described})")
        if "moves" in args.only:
            with opened(copy_database(cached, work / "write")) as database:
                rows += bench_moves(database, args.move_runs)
        if "archive" in args.only:
            with opened(reading) as database:
                found, size = bench_archive(database, work, args.slow_runs)
            rows += found
            notes.append(f"archive: {size / 1024**2:.0f} MB of JSON")
        if "startup" in args.only:
            rows += bench_startup(reading, args.out, args.runs)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(
        f"Overture model benchmarks: {sizes.contacts:,} contacts, {sizes.engagements:,} engagements, "
        f"{sizes.messages:,} messages ({cached.stat().st_size / 1024**2:.0f} MB database, seed {sizes.seed})"
    )
    print(f"machine: {machine()}")
    # Other processes on a small machine slow every row alike; the load average says whether they ran.
    print(f"load average (1 min): {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
    for note in notes:
        print(note)
    print()
    print_table(rows)
    print("raw sqlite3: the same work through a plain sqlite3 connection; see benchmarks/README.md")
    print()
    print(f"total run time {time.perf_counter() - started:.0f} s")
    return 1 if any(row.verdict == "MISS" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
