"""Reminders at a wall-clock time in the recipient's zone: DST gaps and folds, the REMINDER nudge, its lifecycle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from model.errors import InvalidInput, NotFound
from model.nudges import NudgeKind, ReminderSnapshot, Severity, compute_nudges
from model.reminders import wall_instant
from model.services import Services
from model.settings import Settings
from tests.model.conftest import FakeClock, add


def reminder_nudges(services: Services) -> list[tuple[int | None, str]]:
    return [(n.contact_id, n.reason) for n in services.nudges() if n.kind is NudgeKind.REMINDER]


@pytest.mark.parametrize(
    ("wall", "zone", "instant"),
    [
        # An ordinary day: 09:00 in New York in November is 14:00 UTC.
        (datetime(2026, 11, 2, 9, 0), "America/New_York", datetime(2026, 11, 2, 14, 0, tzinfo=UTC)),
        # Berlin skips 02:00-03:00 on 29 March 2026: 02:30 does not exist; the first real instant after is 03:00.
        (datetime(2026, 3, 29, 2, 30), "Europe/Berlin", datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        (datetime(2026, 3, 29, 2, 0), "Europe/Berlin", datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        (datetime(2026, 3, 29, 1, 59), "Europe/Berlin", datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),
        (datetime(2026, 3, 29, 3, 0), "Europe/Berlin", datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        # Berlin has 02:30 twice on 25 October 2026: the first one, still in summer time (UTC+2).
        (datetime(2026, 10, 25, 2, 30), "Europe/Berlin", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        # Lord Howe Island moves clocks by half an hour; Samoa skipped 30 December 2011 altogether.
        (datetime(2026, 10, 4, 2, 15), "Australia/Lord_Howe", datetime(2026, 10, 3, 15, 30, tzinfo=UTC)),
        (datetime(2011, 12, 30, 10, 0), "Pacific/Apia", datetime(2011, 12, 30, 10, 0, tzinfo=UTC)),
    ],
)
def test_wall_instant(wall: datetime, zone: str, instant: datetime) -> None:
    assert wall_instant(wall, zone) == instant


def test_a_reminder_becomes_due_when_its_wall_time_passes_in_its_zone(services: Services, clock: FakeClock) -> None:
    ada = add(services, time_zone="America/New_York")
    reminder = services.add_reminder(ada, datetime(2026, 11, 2, 9, 0), "America/New_York", " Ask about the loom. ")
    assert (reminder.contact_id, reminder.wall_time, reminder.zone, reminder.note) == (
        ada,
        datetime(2026, 11, 2, 9, 0),
        "America/New_York",
        "Ask about the loom.",
    )
    assert (reminder.due_at, reminder.created_at, reminder.done_at) == (
        datetime(2026, 11, 2, 14, 0, tzinfo=UTC),
        clock.now,
        None,
    )
    clock.now = datetime(2026, 11, 2, 13, 59, 59, tzinfo=UTC)
    assert reminder_nudges(services) == []
    clock.advance(seconds=1)
    (nudge,) = [n for n in services.nudges() if n.kind is NudgeKind.REMINDER]
    assert (nudge.contact_id, nudge.due, nudge.severity, nudge.tier) == (ada, clock.now, Severity.DUE, "regular")
    assert nudge.reason == (
        "Reminder: write to Ada Lovelace now — 09:00 their time (America/New_York). Ask about the loom."
    )
    clock.advance(days=3)
    assert reminder_nudges(services) == [
        (ada, "Reminder: write to Ada Lovelace now — 2 Nov 2026, 09:00 (America/New_York). Ask about the loom.")
    ], "shown until done, with the date once it is old"


def test_a_reminder_in_a_dst_gap_is_due_at_the_first_real_instant_after_it(
    services: Services, clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    ada = add(services, time_zone="Europe/Berlin")
    reminder = services.add_reminder(ada, datetime(2026, 3, 29, 2, 30), "Europe/Berlin")
    assert reminder.due_at == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 03:00 summer time
    clock.now = datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC)
    assert reminder_nudges(services) == []
    clock.advance(seconds=1)
    assert reminder_nudges(services) == [
        (ada, "Reminder: write to Ada Lovelace now — 02:30 their time (Europe/Berlin).")
    ]


def test_a_reminder_in_a_dst_fold_is_due_at_the_first_occurrence(services: Services, clock: FakeClock) -> None:
    clock.now = datetime(2026, 10, 24, 12, 0, tzinfo=UTC)
    ada = add(services)
    services.add_reminder(ada, datetime(2026, 10, 25, 2, 30), "Europe/Berlin")
    clock.now = datetime(2026, 10, 25, 0, 29, tzinfo=UTC)
    assert reminder_nudges(services) == []
    clock.now = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 summer time; 02:30 winter time is an hour later
    assert len(reminder_nudges(services)) == 1


def test_a_reminder_in_the_zone_furthest_ahead_is_found(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    # Kiritimati is UTC+14: 08:00 on 3 November there is 18:00 UTC on 2 November.
    services.add_reminder(ada, datetime(2026, 11, 3, 8, 0), "Pacific/Kiritimati")
    clock.now = datetime(2026, 11, 2, 17, 59, tzinfo=UTC)
    assert reminder_nudges(services) == []
    clock.now = datetime(2026, 11, 2, 18, 0, tzinfo=UTC)
    assert len(reminder_nudges(services)) == 1


def test_done_or_dismissed_reminders_leave_the_list_and_the_next_one_shows(
    services: Services, clock: FakeClock
) -> None:
    ada = add(services)
    grace = add(services, "Grace Hopper")
    first = services.add_reminder(ada, datetime(2026, 11, 2, 10, 0), "UTC", "First")
    second = services.add_reminder(ada, datetime(2026, 11, 2, 11, 0), "UTC", "Second")
    services.add_reminder(grace, datetime(2026, 11, 2, 10, 30), "UTC")
    clock.now = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
    nudges = [n for n in services.nudges() if n.kind is NudgeKind.REMINDER]
    assert [(n.contact_id, n.situation) for n in nudges] == [(ada, str(first.id)), (grace, "3")], (
        "one per contact, the earliest; then by due time"
    )
    done = services.complete_reminder(first.id)
    assert done.done_at == clock.now
    assert services.complete_reminder(first.id).done_at == clock.now, "completing twice changes nothing"
    assert (
        dict(reminder_nudges(services))[ada] == "Reminder: write to Ada Lovelace now — 11:00 their time (UTC). Second"
    )
    services.dismiss_nudge(ada, NudgeKind.REMINDER)
    assert services.reminders(ada)[1].id == second.id and services.reminders(ada)[1].done_at == clock.now
    assert [c for c, _ in reminder_nudges(services)] == [grace]
    with pytest.raises(InvalidInput, match="no such nudge"):
        services.dismiss_nudge(ada, NudgeKind.REMINDER)


def test_a_reminder_nudge_can_be_snoozed(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    services.add_reminder(ada, datetime(2026, 11, 2, 9, 30), "UTC")
    clock.advance(hours=1)
    services.snooze_nudge(ada, NudgeKind.REMINDER, clock.now + timedelta(hours=2))
    assert reminder_nudges(services) == []
    clock.advance(hours=2)
    assert len(reminder_nudges(services)) == 1


def test_reminders_are_listed_open_first_soonest_first(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    later = services.add_reminder(ada, datetime(2026, 11, 5, 9, 0), "Asia/Tokyo")  # 00:00 UTC on the 5th
    sooner = services.add_reminder(ada, datetime(2026, 11, 4, 17, 0), "America/Los_Angeles")  # 01:00 UTC on the 5th
    earliest = services.add_reminder(ada, datetime(2026, 11, 3, 9, 0), "UTC")
    services.complete_reminder(earliest.id)
    assert [r.id for r in services.reminders(ada)] == [later.id, sooner.id, earliest.id]
    services.delete_reminder(sooner.id)
    assert [r.id for r in services.reminders(ada)] == [later.id, earliest.id]
    with pytest.raises(NotFound):
        services.delete_reminder(sooner.id)
    with pytest.raises(NotFound):
        services.reminders(999)


@pytest.mark.parametrize(
    ("wall", "zone", "message"),
    [
        (datetime(2026, 11, 3, 9, 0, tzinfo=UTC), "UTC", "as their clock shows it, without a zone"),
        (datetime(2026, 11, 3, 9, 0), "Mars/Olympus_Mons", "not a known time zone"),
        (datetime(2026, 11, 3, 9, 0), "", "not a time zone name"),
        (datetime(2026, 11, 2, 3, 0), "America/New_York", r"2026-11-02 03:00 has already passed in America/New_York"),
        (datetime(1999, 11, 3, 9, 0), "UTC", "1999 is not a year for a reminder"),
    ],
)
def test_bad_reminders_are_refused(services: Services, wall: datetime, zone: str, message: str) -> None:
    ada = add(services)
    with pytest.raises(InvalidInput, match=message):
        services.add_reminder(ada, wall, zone)
    assert services.reminders(ada) == []


def test_a_reminder_needs_an_existing_contact(services: Services) -> None:
    with pytest.raises(NotFound):
        services.add_reminder(999, datetime(2026, 11, 3, 9, 0), "UTC")


def test_a_contact_deletion_takes_its_reminders_and_undo_brings_them_back(services: Services) -> None:
    ada = add(services)
    reminder = services.add_reminder(ada, datetime(2026, 11, 3, 9, 0), "Europe/London", "Congratulate her")
    before = services.capture(ada)
    services.delete_contact(ada)
    with pytest.raises(NotFound):
        services.complete_reminder(reminder.id)
    services.put_back(before)
    assert services.reminders(ada) == [reminder]


def test_compute_nudges_resolves_reminders_without_the_database() -> None:
    now = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    reminders = [
        ReminderSnapshot(1, 7, "Ada", None, "close", "2026-03-29 02:30", "Europe/Berlin", ""),
        ReminderSnapshot(2, 8, "Grace", None, "loose", "2026-03-29 03:01", "Europe/Berlin", ""),
    ]
    nudges = compute_nudges([], Settings(), now, reminders=reminders)
    assert [(n.contact_id, n.kind, n.due) for n in nudges] == [(7, NudgeKind.REMINDER, now)]
