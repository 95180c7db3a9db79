"""Compares this checkout's LinkedIn import with another commit's, in alternating fresh processes.

uv run python benchmarks/compare_import.py --against HEAD~3 [--pairs 4] [--wizard]

This machine's speed swings by a third or more within an hour, so a table from one run against a table from another
says little about a change. Here both versions run on the same export under the same conditions, one after the
other, the order swapped every pair: the medians and each pair's ratio (the other commit's time over this one's)
tell a real change from the weather. The other commit is checked out into a temporary git worktree, removed after.
Each pair is a first import and a re-import per version (bench_import's child), or with --wizard the first import
through the import wizard.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from bench_import import CHILD, OUT, REPO, WIZARD, checkout, export_file, fresh, run_child


def one_pair_member(repo: Path, label: str, export: Path, wizard: bool) -> dict[str, float]:
    work = fresh(OUT / f"compare-{label}")
    if wizard:
        timed = run_child(WIZARD, work, export, repo)
        return {"preview": timed["preview"], "import": timed["import"], "total": timed["preview"] + timed["import"]}
    first = run_child(CHILD, work, export, repo)
    again = run_child(CHILD, work, export, repo)  # the same export into the database it just filled
    return {
        "read": first["read"],
        "preview": first["preview"],
        "commit": first["commit"],
        "total": first["read"] + first["preview"] + first["commit"],
        "re-import": again["read"] + again["preview"] + again["commit"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--against", required=True, help="the commit to compare with (anything git rev-parse takes)")
    parser.add_argument("--pairs", type=int, default=4)
    parser.add_argument("--wizard", action="store_true", help="through the import wizard (Qt offscreen)")
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args()
    export = export_file(args.connections, args.messages)
    with checkout(args.against) as (commit, other):
        samples: dict[str, list[dict[str, float]]] = {"this": [], commit: []}
        for pair in range(args.pairs):
            order = [("this", REPO), (commit, other)]
            for label, repo in order if pair % 2 == 0 else reversed(order):
                samples[label].append(one_pair_member(repo, label, export, args.wizard))
    what = "through the wizard" if args.wizard else "services (bench_import's child)"
    print(f"{args.connections:,} connections, {args.messages:,} messages, {what}; {args.pairs} alternating pairs")
    keys = list(samples["this"][0])
    print(f"{'median (s)':12s} " + " ".join(f"{key:>10s}" for key in keys))
    for label, rows in samples.items():
        print(f"{label:12s} " + " ".join(f"{statistics.median(row[key] for row in rows):10.3f}" for key in keys))
    ratios = [theirs["total"] / ours["total"] for ours, theirs in zip(samples["this"], samples[commit], strict=True)]
    print(f"{commit} / this, total, each pair: {', '.join(f'{ratio:.2f}' for ratio in ratios)}")


if __name__ == "__main__":
    main()
