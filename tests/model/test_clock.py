"""The database's text form of an instant: fixed-width UTC, so that text order is time order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from model.clock import format_utc, parse_utc


def test_a_utc_instant_is_written_to_the_microsecond_even_when_it_has_none() -> None:
    assert format_utc(datetime(2026, 3, 5, 7, 8, 9, tzinfo=UTC)) == "2026-03-05 07:08:09.000000"
    assert format_utc(datetime(2026, 3, 5, 7, 8, 9, 42, tzinfo=UTC)) == "2026-03-05 07:08:09.000042"


@pytest.mark.parametrize(
    "zone", [timezone(timedelta(hours=5, minutes=30)), ZoneInfo("America/Los_Angeles"), ZoneInfo("Etc/UTC")]
)
def test_an_instant_in_another_zone_is_written_as_the_same_instant_in_utc(zone: timezone | ZoneInfo) -> None:
    moment = datetime(2026, 1, 1, 0, 30, tzinfo=zone)
    text = format_utc(moment)
    assert parse_utc(text) == moment
    assert text == format_utc(moment.astimezone(UTC))


def test_a_naive_datetime_is_refused_rather_than_guessed() -> None:
    with pytest.raises(ValueError, match="naive"):
        format_utc(datetime(2026, 1, 1))


def test_text_order_is_time_order() -> None:
    start = datetime(2025, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)
    moments = [start + timedelta(microseconds=step * 7919) for step in range(-50, 50)]
    texts = [format_utc(moment) for moment in moments]
    assert sorted(texts) == texts
    assert {len(text) for text in texts} == {26}
    assert [parse_utc(text) for text in texts] == moments


def test_a_stored_instant_reads_as_utc() -> None:
    moment = parse_utc("2026-03-05 07:08:09.000042")
    assert moment == datetime(2026, 3, 5, 7, 8, 9, 42, tzinfo=UTC)
    assert moment.tzinfo is UTC


def test_text_that_is_not_a_stored_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="not a stored instant"):
        parse_utc("2026-01-01 00:00:00")
    with pytest.raises(ValueError):
        parse_utc("2026-01-01 00:00:00.0+0100")  # the width of one, but with an offset of its own
