"""Counts the instructions the LinkedIn import executes (valgrind's cachegrind): a measure this machine cannot blur.

uv run python benchmarks/count_import.py [--against COMMIT] [--connections 3000] [--messages 10000]

Times on this machine swing by a third within the hour, and a few alternating pairs of them (compare_import.py)
have shown a 30 % gain that was not there. The number of instructions a run executes does not depend on what else
the machine is doing: two runs of the same code differ by less than 0.1 %. Each phase is counted by difference:
a process that stops after opening the database and importing the modules, one that also reads the export, one
that also previews it, one that also commits it; the raw floor (bench_import.FLOOR: csv parsing and plain sqlite3
inserts into the same schema) likewise. With --against, the same for another commit (in a temporary git worktree)
and the ratio of each phase. Instructions are not time: they leave out cache misses, waits for memory and the disk,
which is why bench_import.py still holds the targets. A run takes about a minute under valgrind; the default export
is the 3,000-connection one for that reason. Needs valgrind (Debian: valgrind).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from itertools import pairwise
from pathlib import Path

from bench_import import FLOOR, OUT, REPO, checkout, child_environment, export_file, fresh

# One import in a child process that stops after the phase it is given: "none" (modules imported, database open),
# "read", "preview" or "commit". Its own instructions, less those of a run that stops earlier, are that phase's.
PHASES = ("none", "read", "preview", "commit")
CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from datetime import datetime, UTC
from pathlib import Path
from model.database import open_database
from model.paths import DataPaths
from model.services import Services
import model.importing.linkedin, model.importing.plan  # imported by every phase alike
now = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
database = open_database(DataPaths.resolve(sys.argv[2]), lambda: now)
services = Services(database.sessions, lambda: now, backup=lambda label: None)
until = sys.argv[4]
if until != "none":
    bundle = services.read_import("linkedin", Path(sys.argv[3]))
    if until != "read":
        plan = services.preview_import(bundle)
        if until != "preview":
            services.run_import(bundle, previewed=plan)
database.dispose()
"""

# The floor's set-up alone: the same schema created, the same modules imported, nothing parsed or inserted.
FLOOR_SETUP = FLOOR.split("t0 = time.perf_counter()")[0]


def instructions(code: str, repo: Path, export: Path, *arguments: str) -> int:
    """The instructions one run of `code` executes, counted by cachegrind on a fresh data folder."""
    with tempfile.TemporaryDirectory(prefix="overture-count-") as scratch:
        out = Path(scratch) / "cachegrind.out"
        folder = fresh(Path(scratch) / "data")
        environment = {**child_environment(), "PYTHONHASHSEED": "0"}  # the same dict layouts every run
        valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}"]
        done = subprocess.run(
            [*valgrind, sys.executable, "-c", code, str(repo), str(folder), str(export), *arguments],
            capture_output=True,
            text=True,
            env=environment,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"the counted run failed:\n{done.stderr[-3000:]}")
        found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
        if found is None:
            raise SystemExit(f"cachegrind gave no count:\n{done.stderr[-3000:]}")
        return int(found.group(1).replace(",", ""))


def count(repo: Path, export: Path) -> dict[str, int]:
    """Instructions of each phase and of the floor, for the checkout at `repo`."""
    # Once uncounted, so that every counted run finds the modules' bytecode compiled (a user's second import does).
    for code, arguments in ((CHILD, ["commit"]), (FLOOR, [])):
        subprocess.run(
            [sys.executable, "-c", code, str(repo), str(fresh(OUT / "count-warm-up")), str(export), *arguments],
            capture_output=True,
            env=child_environment(),
            check=True,
        )
    totals = {phase: instructions(CHILD, repo, export, phase) for phase in PHASES}
    phases = {phase: totals[phase] - totals[before] for before, phase in pairwise(PHASES)}
    phases["import"] = totals["commit"] - totals["none"]
    phases["floor"] = instructions(FLOOR, repo, export) - instructions(FLOOR_SETUP, repo, export)
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--against", help="another commit to count too (anything git rev-parse takes)")
    parser.add_argument("--connections", type=int, default=3_000)
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("count_import needs valgrind (Debian: apt install valgrind)")
    export = export_file(args.connections, args.messages)
    columns: dict[str, dict[str, int]] = {"this": count(REPO, export)}
    if args.against:
        with checkout(args.against) as (commit, other):
            columns[commit] = count(other, export)
    print(f"LinkedIn import of {args.connections:,} connections, {args.messages:,} messages: instructions (millions)")
    labels = list(columns)
    header = f"{'phase':24s}" + "".join(f"{label:>12s}" for label in labels)
    print(header + (f"{'ratio':>8s}" if len(labels) == 2 else ""))
    for phase in ("read", "preview", "commit", "import", "floor"):
        cells = "".join(f"{columns[label][phase] / 1e6:12,.0f}" for label in labels)
        ratio = f"{columns[labels[1]][phase] / columns['this'][phase]:8.3f}" if len(labels) == 2 else ""
        print(f"{phase:24s}{cells}{ratio}")
    for label in labels:
        print(f"{label}: import / floor = {columns[label]['import'] / columns[label]['floor']:.2f}")


if __name__ == "__main__":
    main()
