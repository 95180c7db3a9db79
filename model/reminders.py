"""Reminders to write to someone at a wall-clock time in their zone ("remind me at 09:00 their time")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from model.timing import resolve_wall_time

# How a reminder's wall time is stored: local to the recipient, to the minute, no zone (the zone is beside it).
WALL_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class ReminderRecord:
    id: int
    contact_id: int
    wall_time: datetime  # naive: the recipient's local wall-clock time
    zone: str  # IANA name
    note: str
    due_at: datetime  # the instant (UTC) the wall time falls on, see wall_instant()
    created_at: datetime
    done_at: datetime | None


def format_wall(wall: datetime) -> str:
    return f"{wall.year:04d}-{wall.month:02d}-{wall.day:02d} {wall.hour:02d}:{wall.minute:02d}"


def parse_wall(text: str) -> datetime:
    return datetime.strptime(text, WALL_FORMAT)


def wall_instant(wall: datetime, zone: str) -> datetime:
    """The UTC instant at which clocks in `zone` show `wall` (naive), by the timing rules' resolution.

    A wall time that a DST change skips (02:30 on the night clocks jump from 02:00 to 03:00) becomes the first real
    instant after the gap (03:00 local); one that happens twice (02:30 on the night clocks go back) is its first
    occurrence.
    """
    return resolve_wall_time(wall, ZoneInfo(zone))
