"""Measures the vCard and CSV targets: 30,000 contacts written, then read back, each in well under 2 s.

uv run python benchmarks/bench_address_book.py [--contacts 30000] [--runs 5]

The contacts are generated from a seed: names in several scripts (some with a suffix after a comma, some with an
emoji), companies with semicolons, multi-line notes with commas, tags, and LinkedIn profiles with ASCII and
non-ASCII slugs (these take the slow path through urlsplit), a Mastodon one, or none. Each figure is the median of
the runs; the script exits with status 1 when one exceeds the target.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from model.importing.csvfile import EXPORT_HEADERS, guess_mapping, read_csv, write_csv  # noqa: E402
from model.importing.records import ContactOut  # noqa: E402
from model.importing.vcard import read_vcards, write_vcards  # noqa: E402

TARGET_SECONDS = 2.0
GIVEN = ["Ada", "Grace", "Jürgen", "Zoë", "José", "Ольга", "Αθηνά", "李", "さくら", "Priya", "Oluwaseun", "Siobhán"]
FAMILY = ["Lovelace", "Hopper", "Müller", "Ångström", "Álvarez-Núñez", "Иванова", "Παππά", "小龍", "O'Brien"]
SUFFIX = ["", "", "", "", ", PhD", ", MBA", " 🚀"]
COMPANIES = ["Analytical Engines; Ltd", "Acme", "Bäckerei Müller GmbH", "Initech, Inc.", "株式会社テスト", ""]
CITIES = ["London, United Kingdom", "Berlin, Germany", "São Paulo, Brazil", "Tokyo, Japan", ""]
TAGS = ["met at a conference", "python", "hiring", "mentor", "🧮 maths", "Köln"]


def contacts(count: int, seed: int) -> list[ContactOut]:
    rng = random.Random(seed)
    updated = datetime(2026, 11, 2, 9, tzinfo=UTC)
    people = []
    for index in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        slug = f"{given}-{family}-{index}".lower()
        kind = rng.random()
        if kind < 0.7:
            url: str | None = "https://www.linkedin.com/in/" + slug.encode("ascii", "ignore").decode().strip("-")
        elif kind < 0.85:
            url = "https://www.linkedin.com/in/" + slug
        elif kind < 0.9:
            url = f"https://mastodon.social/@user{index}"
        else:
            url = None
        people.append(
            ContactOut(
                name=f"{given} {family}{rng.choice(SUFFIX)}",
                company=rng.choice(COMPANIES),
                position=rng.choice(["Engineer", "Head of Data, EMEA", "Geschäftsführerin", ""]),
                headline=rng.choice(["Building things | Speaker", "=SUM(A1) is not a formula here", ""]),
                location=rng.choice(CITIES),
                email=f"person{index}@example.com" if rng.random() < 0.6 else "",
                profile_url=url,
                time_zone=rng.choice(["Europe/London", "Asia/Tokyo", None]),
                stage=rng.choice(["spotted", "engaging", "connected", "nurturing"]),
                tier=rng.choice(["close", "regular", "loose"]),
                tags=tuple(sorted(rng.sample(TAGS, rng.randint(0, 3)), key=str.casefold)),
                notes=rng.choice(["", "Met at PyCon, talked about parsers; follow up.\nLikes long walks, 🚶.", "-1"]),
                connected_at=updated - timedelta(days=rng.randint(0, 3000)) if rng.random() < 0.7 else None,
                updated_at=updated,
            )
        )
    return people


def timed(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    people = contacts(args.contacts, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        vcf, csv_file = Path(folder) / "contacts.vcf", Path(folder) / "contacts.csv"
        mapping = guess_mapping(EXPORT_HEADERS)
        figures = {
            "vCard write": timed(args.runs, lambda: write_vcards(people, vcf)),
            "vCard read": timed(args.runs, lambda: read_vcards(vcf)),
            "CSV write": timed(args.runs, lambda: write_csv(people, csv_file)),
            "CSV read": timed(args.runs, lambda: read_csv(csv_file, mapping)),
        }
        assert len(read_vcards(vcf).people) == len(read_csv(csv_file, mapping).people) == len(people)
        sizes = f"vCard {vcf.stat().st_size / 1e6:.1f} MB, CSV {csv_file.stat().st_size / 1e6:.1f} MB"
    print(f"{len(people):,} contacts ({sizes}), median of {args.runs} runs:")
    for label, seconds in figures.items():
        print(f"  {label:<12} {seconds:6.3f} s  {'ok' if seconds < TARGET_SECONDS else 'OVER TARGET'}")
    sys.exit(0 if all(seconds < TARGET_SECONDS for seconds in figures.values()) else 1)


if __name__ == "__main__":
    main()
