"""The injected notion of "now": every rule that reads the time receives a Clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Aware UTC for storage; naive datetimes are refused rather than guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: Overture stores only time-zone aware instants")
    return moment.astimezone(UTC)


# Fixed-width text keeps SQL string comparison equal to time order and stays readable by julianday()/date().
TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def format_utc(moment: datetime) -> str:
    """The database's text form of an instant."""
    return as_utc(moment).strftime(TIME_FORMAT)


def parse_utc(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)
