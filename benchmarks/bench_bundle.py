"""Measures the PyInstaller bundle's targets (issue "Ship it"): build time, unpacked size, cold start to the window.

uv run python benchmarks/bench_bundle.py [--builds 1] [--runs 5] [--contacts 0] [--keep]
uv run python benchmarks/bench_bundle.py --bundle /tmp/pyi/dist/overture   # measure an existing bundle, no build

- Build: wall time of the documented build, `uv run python packaging/build_bundle.py --no-tarball --dist D --work W`,
  from the working tree into a new temporary folder each time (an empty work folder, but PyInstaller's own cache in
  the home folder stays warm). The last bundle built is the one measured below. No target.
- Size of the unpacked one-folder bundle, in MB (10^6 bytes): "files" is the sum of the files' sizes, symbolic
  links counted as links and not followed (the definition of packaging/build_bundle.py and of the bundle test);
  "du --apparent-size" adds the directories themselves and counts hard links once; "on disk" is the blocks
  allocated, as `du` without options. Target: <= 150 MB. The five biggest files are listed after the table.
- Cold start to the painted window, three ways, each a new process started with `--data-dir <a prepared folder>`
  and the hidden flag `--quit-after-paint`, which prints time.time() at the end of the window's first complete
  paint and quits: the bundle's executable, `uv run main.py`, and `.venv/bin/python main.py`. Cold start is that
  printed moment minus time.time() just before Popen, so interpreter (or bootloader) start, imports, the database's
  checks, building and painting the window are all in it. Each way starts once unmeasured first, then --runs times,
  the three taking turns so that the machine's noise falls on all of them alike. The table shows median, min and
  max, and the ratios of the medians (in the min column, the ratio of the fastest starts, which a noisy machine
  disturbs less). These are warm-cache cold starts: a new process each time, but the files are in the OS page
  cache, as on any start but the first after a reboot. Target: the GUI benchmark's <= 1.0 s up to 30,000 contacts
  (<= 1.5 s beyond); the ratios show what freezing costs or saves against running from source.
- PYTHONDONTWRITEBYTECODE, which some environments set, is removed from the children's environment: a user's
  source install has its bytecode compiled after the first start, and without it every start would compile
  SQLAlchemy, Alembic and Overture's own modules from source. As in bench_gui.py, the bytecode goes to
  benchmarks/out/pycache (PYTHONPYCACHEPREFIX) rather than into the tree. The bundle carries its own compiled
  modules either way.
- The data folder is made once in a temporary folder: an empty, migrated database (`main.py --data-dir X contacts`)
  or, with --contacts N, a copy of bench_gui.py's cached database of N sample contacts. All starts use it; the
  unmeasured first starts take any one-time work (a migration, the day's backup). Qt runs offscreen.

Exits with status 1 when the bundle is bigger than its target.
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
import time
from dataclasses import dataclass
from pathlib import Path

# Run as a script, Python puts benchmarks/ first on sys.path, not the repository that holds `model` and `gui`.
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "benchmarks" / "out"
BUILD = REPO / "packaging" / "build_bundle.py"
EXECUTABLE = "overture"
VENV_PYTHON = REPO / ".venv" / "bin" / "python"

MB = 1e6
SIZE_TARGET = 150 * MB
BUILD_TIMEOUT = 900
START_TIMEOUT = 120


@dataclass(frozen=True)
class Size:
    files: int  # regular files and symlinks (not followed), each by its own size
    apparent: int  # as `du --apparent-size`: files, symlinks and directories, hard links once
    on_disk: int  # as `du`: allocated blocks, hard links once
    biggest: list[tuple[int, str]]


def uv_command() -> list[str]:
    """uv itself: `uv run` sets UV to its binary; a shim on PATH (pyenv's is a shell script) would add its own start."""
    found = os.environ.get("UV") or shutil.which("uv")
    return [found] if found else [sys.executable, "-m", "uv"]


def child_environment() -> dict[str, str]:
    """As a user's second start finds things: bytecode compiled (some environments set PYTHONDONTWRITEBYTECODE)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def build(into: Path) -> tuple[float, Path]:
    """One one-folder build into `into`/dist (work folder `into`/work): its wall time and the bundle folder."""
    command = [*uv_command(), "run", "python", str(BUILD), "--no-tarball"]
    command += ["--dist", str(into / "dist"), "--work", str(into / "work")]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"the build failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return took, into / "dist" / EXECUTABLE


def measure_size(folder: Path) -> Size:
    files = apparent = on_disk = 0
    seen: set[tuple[int, int]] = set()
    sizes: list[tuple[int, str]] = []
    for path in [folder, *folder.rglob("*")]:  # rglob does not follow symlinks to folders
        info = path.lstat()
        if path.is_symlink() or path.is_file():
            files += info.st_size
            if not path.is_symlink():
                sizes.append((info.st_size, str(path.relative_to(folder))))
        if (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            apparent += info.st_size
            on_disk += info.st_blocks * 512
    return Size(files, apparent, on_disk, sorted(sizes, reverse=True)[:5])


def prepare_data(folder: Path, contacts: int) -> None:
    """An up-to-date database in `folder`: empty, or a copy of bench_gui.py's sample of `contacts` contacts."""
    if contacts:
        from bench_gui import data_folder

        shutil.copytree(data_folder(contacts), folder)
    command = [str(VENV_PYTHON), str(REPO / "main.py"), "--data-dir", str(folder), "contacts"]
    subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True, env=child_environment())


def start_commands(bundle: Path) -> dict[str, list[str]]:
    main = str(REPO / "main.py")
    return {
        "bundle": [str(bundle / EXECUTABLE)],
        "uv run main.py": [*uv_command(), "run", main],
        ".venv python main.py": [str(VENV_PYTHON), main],
    }


def start_once(command: list[str], data: Path) -> float:
    """Seconds from just before Popen to the end of the first paint, as the child prints it."""
    env = child_environment()
    started = time.time()
    child = subprocess.Popen(
        [*command, "--data-dir", str(data), "--quit-after-paint"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = child.communicate(timeout=START_TIMEOUT)
    try:
        painted = float(out.split()[-1])
    except (IndexError, ValueError):
        sys.exit(f"{' '.join(command)} printed no paint time (exit {child.returncode}):\n{out}\n{err[-4000:]}")
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} exited {child.returncode}:\n{err[-4000:]}")
    return painted - started


def cold_starts(bundle: Path, data: Path, runs: int) -> dict[str, list[float]]:
    commands = start_commands(bundle)
    for command in commands.values():  # unmeasured: one-time work, bytecode and page cache
        start_once(command, data)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for attempt in range(runs):
        # Each way goes first as often as the others: a noisy neighbour favours no one.
        names = list(commands)
        names = names[attempt % len(names) :] + names[: attempt % len(names)]
        for name in names:
            samples[name].append(start_once(commands[name], data))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", type=Path, help="measure this one-folder bundle instead of building one")
    parser.add_argument("--builds", type=int, default=1, help="how many builds to time (default 1)")
    parser.add_argument("--runs", type=int, default=5, help="measured starts of each kind (default 5)")
    parser.add_argument("--contacts", type=int, default=0, help="sample contacts in the database (default: none)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders (built bundles, data)")
    args = parser.parse_args()
    if args.builds < 1 or args.runs < 1:
        parser.error("--builds and --runs take a positive number")
    scratch = Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    try:
        exit_code = report(args, scratch)
    finally:
        if args.keep:
            print(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(exit_code)


def report(args: argparse.Namespace, scratch: Path) -> int:
    print(
        f"Overture bundle benchmark, {os.cpu_count()} cores, Qt offscreen, {args.contacts:,} contacts; "
        f"medians of {args.runs} starts; uv: {uv_command()[0]}",
        flush=True,
    )
    rows: list[tuple[str, float, float | None, float | None, str]] = []
    bundle: Path = args.bundle.resolve() if args.bundle else scratch / "none"
    if args.bundle is None:
        times = []
        for number in range(args.builds):
            took, bundle = build(scratch / f"build-{number}")
            times.append(took)
            print(f"  build {number + 1} of {args.builds}: {took:.1f} s", flush=True)
        rows.append(("build: one folder, no tarball (s)", statistics.median(times), min(times), max(times), "none"))
    if not (bundle / EXECUTABLE).is_file():
        sys.exit(f"no {EXECUTABLE} executable in {bundle}")

    size = measure_size(bundle)
    rows.append(("size: files, links not followed (MB)", size.files / MB, None, None, f"<= {SIZE_TARGET / MB:.0f}"))
    rows.append(("size: du --apparent-size (MB)", size.apparent / MB, None, None, f"<= {SIZE_TARGET / MB:.0f}"))
    rows.append(("size: on disk, du (MB)", size.on_disk / MB, None, None, "none"))

    data = scratch / "data"
    prepare_data(data, args.contacts)
    samples = cold_starts(bundle, data, args.runs)
    start_target = "<= 1.0" if args.contacts <= 30_000 else "<= 1.5"
    for name, values in samples.items():
        target = start_target if name == "bundle" else "none"
        rows.append((f"cold start: {name} (s)", statistics.median(values), min(values), max(values), target))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    for other in (".venv python main.py", "uv run main.py"):
        ratio = medians["bundle"] / medians[other]
        fastest = min(samples["bundle"]) / min(samples[other])
        rows.append((f"ratio: bundle / {other}", ratio, fastest, None, "none"))

    def cell(value: float | None) -> str:
        return f"{value:>9.3f}" if value is not None else " " * 9

    print(f"bundle: {bundle}")
    print(f"{'measurement':<48} {'median':>9} {'min':>9} {'max':>9}  target")
    for name, median, low, high, target in rows:
        print(f"{name:<48} {cell(median)} {cell(low)} {cell(high)}  {target}")
    print(f"{'biggest files':<48} {'MB':>9}")
    for bytes_, name in size.biggest:
        print(f"  {name:<46} {bytes_ / MB:>9.1f}")
    OUT.mkdir(parents=True, exist_ok=True)
    record = {"rows": rows, "biggest": size.biggest, "samples": samples, "contacts": args.contacts}
    (OUT / "bundle-last.json").write_text(json.dumps(record, indent=1))
    return 0 if size.files <= SIZE_TARGET else 1


if __name__ == "__main__":
    main()
