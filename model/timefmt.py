"""Dates written for people in the model's messages, independent of the desktop locale."""

from __future__ import annotations

from datetime import datetime

# A fixed table: strftime('%b') follows the process locale, which Qt changes once it starts.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
