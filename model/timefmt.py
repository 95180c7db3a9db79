"""Dates written for people in the model's messages, independent of the desktop locale."""

from __future__ import annotations

from datetime import datetime

# A fixed table: strftime('%b') follows the process locale, which Qt changes once it starts.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def plural(count: int, noun: str) -> str:
    """ "1 day", "2 days", "1,234 messages"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def human_span(days: int) -> str:
    """A time in whole days as a card has room for and a person reads it: "3 days", "5 weeks", "4 months",
    "8 years" (rounded down: "8 years" is at least eight)."""
    if days < 14:
        return plural(days, "day")
    if days < 60:
        return plural(days // 7, "week")
    if days < 730:
        return plural(days // 30, "month")
    return plural(days // 365, "year")
