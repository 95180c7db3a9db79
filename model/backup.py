"""Online backups of the database: written with SQLite's backup API, verified, kept private and rotated."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from model.errors import OvertureError

# How many automatic backups of each kind to keep; backups the user names explicitly are never rotated.
KEEP = {"daily": 7, "migration": 5, "import": 5, "restore": 3}
DAILY_INTERVAL_SECONDS = 24 * 3600


def backup_database(source: Path, destination: Path) -> Path:
    """Copy a live database consistently (other connections may be writing) and prove the copy is sound."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            result = dst.execute("PRAGMA quick_check").fetchone()
        if result is None or result[0] != "ok":
            raise OvertureError(f"The backup written to {destination} did not verify ({result}); it was discarded.")
        os.replace(partial, destination)
    except sqlite3.Error as error:
        raise OvertureError(f"Could not back up {source} to {destination}: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return destination


def automatic_backup(source: Path, folder: Path, kind: str, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S-%f")
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


def daily_backup_due(folder: Path, now: datetime) -> bool:
    newest = backups_of(folder, "daily")
    if not newest:
        return True
    return now.timestamp() - newest[0].stat().st_mtime >= DAILY_INTERVAL_SECONDS
