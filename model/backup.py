"""Online backups of the database: written with SQLite's backup API, verified, kept private and rotated."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from model.errors import OvertureError

# How many automatic backups of each kind to keep; backups the user names explicitly are never rotated.
KEEP = {"daily": 7, "migration": 5, "import": 5, "restore": 3}
DAILY_INTERVAL_SECONDS = 24 * 3600


def backup_database(source: Path, destination: Path) -> Path:
    """Copy a live database consistently (other connections may be writing) and prove the copy is sound."""
    partial = destination.with_name(destination.name + ".partial")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    except OSError as error:
        raise OvertureError(f"Could not back up {source} to {destination}: {error.strerror or error}.") from error
    try:
        with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            result = dst.execute("PRAGMA quick_check").fetchone()
        if result is None or result[0] != "ok":
            raise OvertureError(f"The backup written to {destination} did not verify ({result}); it was discarded.")
        os.replace(partial, destination)
    except (sqlite3.Error, OSError) as error:
        raise OvertureError(f"Could not back up {source} to {destination}: {error}.") from error
    finally:
        partial.unlink(missing_ok=True)
    return destination


def automatic_backup(source: Path, folder: Path, kind: str, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = backup_database(source, folder / f"overture-{kind}-{stamp}.db")
    rotate(folder, kind)
    return path


def backups_of(folder: Path, kind: str | None = None) -> list[Path]:
    """Automatic backups, newest first (their names sort by time)."""
    pattern = f"overture-{kind}-*.db" if kind else "overture-*.db"
    if not folder.is_dir():
        return []
    return sorted(folder.glob(pattern), key=lambda p: p.name.rsplit("-", 3)[-3:], reverse=True)


def rotate(folder: Path, kind: str) -> None:
    for old in backups_of(folder, kind)[KEEP.get(kind, 5) :]:
        old.unlink(missing_ok=True)


def newest_good_backup(folder: Path) -> Path | None:
    for candidate in backups_of(folder):
        try:
            with contextlib.closing(sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)) as conn:
                if conn.execute("PRAGMA quick_check").fetchone() == ("ok",):
                    return candidate
        except sqlite3.Error:
            continue
    return None


def taken_at(path: Path) -> datetime | None:
    """When an automatic backup was taken, from its name (the clock that named it, not the file system's)."""
    try:
        stamp = "-".join(path.stem.rsplit("-", 3)[-3:])
        return datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
    except ValueError:
        return None


def daily_backup_due(folder: Path, now: datetime) -> bool:
    for newest in backups_of(folder, "daily"):
        taken = taken_at(newest)
        if taken is not None:
            return (now - taken).total_seconds() >= DAILY_INTERVAL_SECONDS
    return True
