"""Good moments to send, in the recipient's wall-clock time: windows, daylight saving, odd offsets, the date line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.errors import InvalidInput
from model.settings import Settings
from model.timefmt import human_span
from model.timing import (
    HONESTY,
    MomentQuality,
    Reminder,
    next_good_moment,
    plan_send,
    quality_at,
    reminder_for,
)

BEST, FINE, AVOID = MomentQuality.BEST, MomentQuality.FINE, MomentQuality.AVOID
DEFAULT = Settings()
# Best 09-12, working 07-19.
SHIFTED = Settings(best_hours_start=9, best_hours_end=12, working_hours_start=7, working_hours_end=19)
# Working hours from midnight: a window then starts at 00:00, which Cairo skips on the day its summer time starts.
FROM_MIDNIGHT = Settings(working_hours_start=0)


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def at(text: str) -> datetime:
    """An instant in UTC written "2026-06-02 11:12"."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def local(zone: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


# 2026-06-01 is a Monday.
@pytest.mark.parametrize(
    ("moment", "rules", "quality"),
    [
        (local("Europe/Berlin", 2026, 6, 2, 8), DEFAULT, BEST),  # Tuesday 08:00, the window opens
        (local("Europe/Berlin", 2026, 6, 2, 10, 59), DEFAULT, BEST),
        (local("Europe/Berlin", 2026, 6, 2, 11), DEFAULT, FINE),  # the window ends at 11:00
        (local("Europe/Berlin", 2026, 6, 2, 7, 59), DEFAULT, AVOID),
        (local("Europe/Berlin", 2026, 6, 3, 9), DEFAULT, BEST),  # Wednesday
        (local("Europe/Berlin", 2026, 6, 4, 9), DEFAULT, BEST),  # Thursday
        (local("Europe/Berlin", 2026, 6, 1, 9), DEFAULT, FINE),  # Monday is never best
        (local("Europe/Berlin", 2026, 6, 1, 17, 59), DEFAULT, FINE),
        (local("Europe/Berlin", 2026, 6, 1, 18), DEFAULT, AVOID),
        (local("Europe/Berlin", 2026, 6, 5, 9), DEFAULT, FINE),  # Friday morning
        (local("Europe/Berlin", 2026, 6, 5, 15, 59), DEFAULT, FINE),
        (local("Europe/Berlin", 2026, 6, 5, 16), DEFAULT, AVOID),  # Friday evening starts at 16:00
        (local("Europe/Berlin", 2026, 6, 6, 10), DEFAULT, AVOID),  # Saturday
        (local("Europe/Berlin", 2026, 6, 7, 10), DEFAULT, AVOID),  # Sunday
        (local("Europe/Berlin", 2026, 6, 2, 3), DEFAULT, AVOID),  # night
        (local("America/New_York", 2026, 6, 2, 8, 30), SHIFTED, FINE),
        (local("America/New_York", 2026, 6, 2, 11, 30), SHIFTED, BEST),
        (local("America/New_York", 2026, 6, 1, 7), SHIFTED, FINE),
        (local("America/New_York", 2026, 6, 1, 18, 30), SHIFTED, FINE),
        (local("America/New_York", 2026, 6, 5, 17), SHIFTED, AVOID),
        # The recipient's wall clock decides, not UTC's: 19:00 UTC on Monday is Tuesday 09:00 in Kiritimati.
        (utc(2026, 6, 1, 19).astimezone(ZoneInfo("Pacific/Kiritimati")), DEFAULT, BEST),
    ],
)
def test_quality_follows_the_recipients_wall_clock(moment: datetime, rules: Settings, quality: MomentQuality) -> None:
    assert quality_at(moment, rules) is quality


def test_quality_needs_a_zone() -> None:
    with pytest.raises(ValueError, match="naive"):
        quality_at(datetime(2026, 6, 2, 9), DEFAULT)


NY, BER, AKL, KIR = "America/New_York", "Europe/Berlin", "Pacific/Auckland", "Pacific/Kiritimati"

# (case, now, recipient zone, settings, next best, next fine-or-better); instants in UTC.
MOMENTS: list[tuple[str, str, str, Settings, str, str]] = [
    ("07:12 Tuesday", "2026-06-02 11:12", NY, DEFAULT, "2026-06-02 12:00", "2026-06-02 12:00"),
    ("already best", "2026-06-03 13:30", NY, DEFAULT, "2026-06-03 13:30", "2026-06-03 13:30"),
    ("fine now, best tomorrow", "2026-06-01 18:00", NY, DEFAULT, "2026-06-02 12:00", "2026-06-01 18:00"),
    ("Thursday after the window", "2026-06-04 09:05", BER, DEFAULT, "2026-06-09 06:00", "2026-06-04 09:05"),
    ("Friday evening", "2026-06-05 14:30", BER, DEFAULT, "2026-06-09 06:00", "2026-06-08 06:00"),
    # Europe/Berlin springs forward on Sunday 2026-03-29: 08:00 is 07:00 UTC before, 06:00 UTC after.
    ("weekend over spring-forward", "2026-03-28 20:00", BER, DEFAULT, "2026-03-31 06:00", "2026-03-30 06:00"),
    ("Friday before spring-forward", "2026-03-27 17:00", BER, DEFAULT, "2026-03-31 06:00", "2026-03-30 06:00"),
    ("just before the last CET window", "2026-03-26 06:59", BER, DEFAULT, "2026-03-26 07:00", "2026-03-26 07:00"),
    # America/New_York falls back on Sunday 2026-11-01: 08:00 is 12:00 UTC before, 13:00 UTC after.
    ("weekend over fall-back", "2026-10-31 22:00", NY, DEFAULT, "2026-11-03 13:00", "2026-11-02 13:00"),
    ("Thursday over fall-back", "2026-10-29 15:30", NY, DEFAULT, "2026-11-03 13:00", "2026-10-29 15:30"),
    # Half- and quarter-hour offsets: +05:30 and +05:45.
    ("Kolkata 10:55", "2026-06-03 05:25", "Asia/Kolkata", DEFAULT, "2026-06-03 05:25", "2026-06-03 05:25"),
    ("Kolkata 11:00", "2026-06-03 05:30", "Asia/Kolkata", DEFAULT, "2026-06-04 02:30", "2026-06-03 05:30"),
    ("Kathmandu 07:45", "2026-06-02 02:00", "Asia/Kathmandu", DEFAULT, "2026-06-02 02:15", "2026-06-02 02:15"),
    # Across the date line: Auckland is +12 in June and +13 in January, Kiritimati +14 all year.
    ("Auckland, Tuesday 07:00 in winter", "2026-06-01 19:00", AKL, DEFAULT, "2026-06-01 20:00", "2026-06-01 20:00"),
    ("Auckland, Tuesday 07:00 in summer", "2026-01-05 18:00", AKL, DEFAULT, "2026-01-05 19:00", "2026-01-05 19:00"),
    ("Kiritimati, Tuesday 09:00", "2026-06-01 19:00", KIR, DEFAULT, "2026-06-01 19:00", "2026-06-01 19:00"),
    ("Kiritimati, Saturday 00:00", "2026-06-05 10:00", KIR, DEFAULT, "2026-06-08 18:00", "2026-06-07 18:00"),
    # Cairo skips Friday 2026-04-24 00:00-01:00: the window opening at 00:00 opens at the first real instant, 01:00.
    (
        "window start in a gap",
        "2026-04-23 20:00",
        "Africa/Cairo",
        FROM_MIDNIGHT,
        "2026-04-28 05:00",
        "2026-04-23 22:00",
    ),
    ("changed hours", "2026-06-02 10:30", NY, SHIFTED, "2026-06-02 13:00", "2026-06-02 11:00"),
    ("changed hours, Friday 18:30", "2026-06-05 22:30", NY, SHIFTED, "2026-06-09 13:00", "2026-06-08 11:00"),
]


@pytest.mark.parametrize(
    ("now", "zone", "rules", "best", "fine"), [row[1:] for row in MOMENTS], ids=[row[0] for row in MOMENTS]
)
def test_next_good_moments(now: str, zone: str, rules: Settings, best: str, fine: str) -> None:
    next_best = next_good_moment(at(now), zone, rules, want=BEST)
    next_fine = next_good_moment(at(now), zone, rules)
    assert (next_best, next_fine) == (at(best), at(fine))
    # Given on the recipient's clock, and at a wall hour of the window.
    assert next_best.tzinfo == ZoneInfo(zone)
    assert quality_at(next_best, rules) is BEST
    assert quality_at(next_fine, rules).at_least(FINE)


def test_a_window_opening_in_a_gap_opens_at_the_first_real_instant() -> None:
    moment = next_good_moment(utc(2026, 4, 23, 20), "Africa/Cairo", FROM_MIDNIGHT)
    assert (moment.hour, moment.minute, moment.utcoffset()) == (1, 0, timedelta(hours=3))


def test_a_plan_gives_both_moments_on_both_clocks() -> None:
    plan = plan_send(utc(2026, 6, 2, 11, 12), "America/New_York", "Europe/Berlin", DEFAULT, name="Ada")
    assert plan.recipient_now == local("America/New_York", 2026, 6, 2, 7, 12)
    assert plan.quality_now is AVOID
    assert plan.next_best == plan.next_fine_or_better == utc(2026, 6, 2, 12)
    assert (plan.next_best.hour, plan.next_best_for_user.hour) == (8, 14)
    assert plan.next_best_for_user.tzinfo == ZoneInfo("Europe/Berlin")
    assert plan.next_fine_or_better_for_user == local("Europe/Berlin", 2026, 6, 2, 14)


def test_across_the_date_line_the_users_clock_can_be_a_day_behind() -> None:
    plan = plan_send(utc(2026, 6, 1, 19), "Pacific/Auckland", "America/Los_Angeles", DEFAULT, name="Tama")
    assert plan.next_best == local("Pacific/Auckland", 2026, 6, 2, 8)  # Tuesday there
    assert plan.next_best_for_user == local("America/Los_Angeles", 2026, 6, 1, 13)  # still Monday here


ADVICE = [
    (
        utc(2026, 6, 2, 11, 12),
        "America/New_York",
        "Europe/Berlin",
        "Ada",
        "It is 07:12 on Tuesday for Ada — in 48 minutes, at 08:00 their time (14:00 yours), is a good moment.",
    ),
    (
        utc(2026, 6, 3, 13, 30),
        "America/New_York",
        "Europe/Berlin",
        "Ada",
        "It is 09:30 on Wednesday for Ada: a good moment to send.",
    ),
    (
        utc(2026, 6, 1, 18),
        "America/New_York",
        "Europe/Berlin",
        "Ada",
        "It is 14:00 on Monday for Ada: a fine moment to send; the best is tomorrow at 08:00 their time "
        "(tomorrow 14:00 yours), in 18 hours.",
    ),
    (
        utc(2026, 6, 7, 19),
        "America/New_York",
        "Europe/Berlin",
        "Ada",
        "It is 15:00 on Sunday for Ada — in 17 hours, tomorrow at 08:00 their time (tomorrow 14:00 yours), is a fine "
        "moment; the best is on Tuesday at 08:00 their time (Tuesday 14:00 yours).",
    ),
    (
        utc(2026, 6, 4, 9, 30),
        "Europe/Berlin",
        "Europe/Berlin",
        None,
        "It is 11:30 on Thursday for them: a fine moment to send; the best is on Tuesday at 08:00 their time, "
        "in about 5 days.",
    ),
    # Saturday 21:00 CET to Monday 08:00 CEST is 34 hours, not 35: the clocks move on Sunday.
    (
        utc(2026, 3, 28, 20),
        "Europe/Berlin",
        "Europe/Berlin",
        None,
        "It is 21:00 on Saturday for them — in 34 hours, on Monday at 08:00 their time, is a fine moment; "
        "the best is on Tuesday at 08:00 their time.",
    ),
    (
        utc(2026, 6, 2, 2),
        "Asia/Kathmandu",
        "Europe/London",
        "Bishnu",
        "It is 07:45 on Tuesday for Bishnu — in 15 minutes, at 08:00 their time (03:15 yours), is a good moment.",
    ),
    (
        utc(2026, 6, 5, 14, 30),
        "Europe/Berlin",
        "America/New_York",
        "Jo",
        "It is 16:30 on Friday for Jo — in about 64 hours, on Monday at 08:00 their time (Monday 02:00 yours), "
        "is a fine moment; the best is on Tuesday at 08:00 their time (Tuesday 02:00 yours).",
    ),
]


@pytest.mark.parametrize(("now", "recipient", "user", "name", "sentence"), ADVICE)
def test_advice_is_one_plain_sentence_and_admits_the_effect_is_small(
    now: datetime, recipient: str, user: str, name: str | None, sentence: str
) -> None:
    assert plan_send(now, recipient, user, DEFAULT, name=name).advice == f"{sentence} {HONESTY}"
    assert HONESTY.count("small") == 1


def test_a_plan_refuses_a_naive_now_and_an_unknown_zone() -> None:
    with pytest.raises(ValueError, match="naive"):
        plan_send(datetime(2026, 6, 2, 9), "Europe/Berlin", "Europe/Berlin", DEFAULT)
    with pytest.raises(InvalidInput):
        plan_send(utc(2026, 6, 2, 9), "Mars/Olympus_Mons", "Europe/Berlin", DEFAULT)


@pytest.mark.parametrize(
    ("wall", "zone", "instant"),
    [
        (datetime(2026, 6, 2, 9), "America/New_York", utc(2026, 6, 2, 13)),
        (datetime(2026, 12, 1, 9), "America/New_York", utc(2026, 12, 1, 14)),
        (datetime(2026, 6, 2, 8), "Asia/Kathmandu", utc(2026, 6, 2, 2, 15)),
        # Spring-forward gaps: a skipped wall time means the first real instant after it.
        (datetime(2026, 3, 29, 2), "Europe/Berlin", utc(2026, 3, 29, 1)),
        (datetime(2026, 3, 29, 2, 30), "Europe/Berlin", utc(2026, 3, 29, 1)),
        (datetime(2026, 3, 8, 2, 30), "America/New_York", utc(2026, 3, 8, 7)),
        (datetime(2026, 10, 4, 2, 15), "Australia/Lord_Howe", utc(2026, 10, 3, 15, 30)),  # a 30-minute jump
        (datetime(2011, 12, 30, 12), "Pacific/Apia", utc(2011, 12, 30, 10)),  # Samoa skipped a whole day
        # Fall-back folds: a wall time seen twice means its first occurrence.
        (datetime(2026, 10, 25, 2, 30), "Europe/Berlin", utc(2026, 10, 25, 0, 30)),
        (datetime(2026, 11, 1, 1, 30), "America/New_York", utc(2026, 11, 1, 5, 30)),
    ],
)
def test_a_reminder_keeps_wall_time_and_zone(wall: datetime, zone: str, instant: datetime) -> None:
    resolved = Reminder(wall, zone).instant()
    assert resolved == instant
    assert resolved.tzinfo is UTC


def test_a_reminder_refuses_an_aware_time_and_an_unknown_zone() -> None:
    with pytest.raises(ValueError, match="naive"):
        Reminder(utc(2026, 6, 2, 9), "Europe/Berlin")
    with pytest.raises(InvalidInput):
        Reminder(datetime(2026, 6, 2, 9), "Europe/Atlantis")


def test_reminder_for_a_plan_is_their_wall_time() -> None:
    plan = plan_send(utc(2026, 10, 31, 22), "America/New_York", "Europe/Berlin", DEFAULT)
    best = reminder_for(plan)
    assert best == Reminder(datetime(2026, 11, 3, 8), "America/New_York")
    assert best.instant() == utc(2026, 11, 3, 13)  # EST by then
    fine = reminder_for(plan, FINE)
    assert fine == Reminder(datetime(2026, 11, 2, 8), "America/New_York")


TRICKY_ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Auckland",
    "Pacific/Kiritimati",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
    "Africa/Cairo",
    "America/Santiago",
]


@settings(max_examples=300, deadline=None)
@given(
    now=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)),
    zone=st.sampled_from(TRICKY_ZONES),
    want=st.sampled_from([BEST, FINE]),
    rules=st.sampled_from([DEFAULT, SHIFTED, FROM_MIDNIGHT]),
)
def test_the_next_moment_is_the_first_good_one(now: datetime, zone: str, want: MomentQuality, rules: Settings) -> None:
    moment = next_good_moment(now, zone, rules, want=want)
    assert moment >= now
    assert moment - now < timedelta(days=8)
    assert quality_at(moment, rules).at_least(want)
    if moment > now:
        # The minute before it was not good enough: nothing earlier was skipped.
        just_before = (moment - timedelta(minutes=1)).astimezone(ZoneInfo(zone))
        assert not quality_at(just_before, rules).at_least(want)


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (0, "0 days"),
        (1, "1 day"),
        (13, "13 days"),
        (14, "2 weeks"),
        (59, "8 weeks"),
        (60, "2 months"),
        (729, "24 months"),
        (730, "2 years"),
        (3238, "8 years"),
    ],
)
def test_a_span_of_days_is_said_in_the_unit_a_person_reads(days: int, said: str) -> None:
    assert human_span(days) == said
