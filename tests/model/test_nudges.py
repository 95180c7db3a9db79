"""Every nudge kind at its thresholds, through the real query and the pure rules, with a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from model.clock import format_utc
from model.errors import InvalidInput
from model.nudges import ContactSnapshot, Nudge, NudgeKind, Severity, compute_nudges
from model.services import Services
from model.settings import Settings
from tests.model.conftest import FakeClock, add, engage_twice, to_connected, to_requested


def kinds(services: Services, contact_id: int | None = None) -> list[NudgeKind]:
    return [n.kind for n in services.nudges() if contact_id is None or n.contact_id == contact_id]


def only(services: Services, kind: NudgeKind) -> Nudge:
    found = [n for n in services.nudges() if n.kind is kind]
    assert len(found) == 1, found
    return found[0]


def test_an_empty_database_needs_nothing(services: Services) -> None:
    assert services.nudges() == []


def test_ready_to_connect_after_two_engagements_on_two_days(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    services.log_engagement(ada, "like", "A post")
    clock.advance(hours=10)  # 19:00 the same day
    services.log_engagement(ada, "comment", "Another post")
    assert kinds(services) == []
    clock.advance(hours=14)  # the next day
    services.log_engagement(ada, "like", "A third post")
    nudge = only(services, NudgeKind.READY_TO_CONNECT)
    assert nudge.contact_id == ada
    assert nudge.reason == "Ada Lovelace is ready for a connection request: 3 engagements over 2 days."
    assert nudge.profile_url is None


def test_ready_to_connect_waits_for_the_reinvite_period_after_a_withdrawal(
    services: Services, clock: FakeClock
) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    clock.advance(days=10)
    services.record_withdrawal(ada)
    clock.advance(days=21, seconds=-1)
    assert NudgeKind.READY_TO_CONNECT not in kinds(services)
    clock.advance(seconds=1)
    assert only(services, NudgeKind.READY_TO_CONNECT).due == clock.now


def test_engagement_goes_stale_after_14_quiet_days(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    services.log_engagement(ada, "like", "A post")
    clock.advance(days=14, seconds=-1)
    assert kinds(services) == []
    clock.advance(seconds=1)
    nudge = only(services, NudgeKind.ENGAGEMENT_STALE)
    assert nudge.severity is Severity.INFO
    assert "No engagement with Ada Lovelace for 14 days" in nudge.reason


def test_pending_request_check_after_7_days_then_withdraw_after_21(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    clock.advance(days=7, seconds=-1)
    assert kinds(services) == []
    clock.advance(seconds=1)
    assert only(services, NudgeKind.PENDING_CHECK).reason == (
        "Your request to Ada Lovelace has waited 7 days: check whether it was accepted."
    )
    clock.advance(days=14)
    stale = only(services, NudgeKind.PENDING_STALE)
    assert stale.severity is Severity.WARNING
    assert "Consider withdrawing it" in stale.reason
    assert kinds(services) == [NudgeKind.PENDING_STALE]


def test_thank_you_due_after_a_day_overdue_after_three(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    clock.advance(days=1, seconds=-1)
    assert kinds(services) == []
    clock.advance(seconds=1)
    assert only(services, NudgeKind.THANK_YOU_DUE).severity is Severity.DUE
    clock.advance(days=2)
    overdue = only(services, NudgeKind.THANK_YOU_DUE)
    assert overdue.severity is Severity.OVERDUE
    assert overdue.reason == "Ada Lovelace accepted 3 days ago: the thank-you is overdue."
    services.record_message(ada, "thank_you", "outgoing", "Thank you for connecting!")
    assert NudgeKind.THANK_YOU_DUE not in kinds(services)


def test_no_thank_you_is_owed_for_an_old_connection(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    clock.advance(days=30, seconds=-1)
    assert kinds(services) == [NudgeKind.THANK_YOU_DUE]
    clock.advance(seconds=2)
    assert kinds(services) == []


def test_follow_ups_at_most_two_spaced_a_week_then_stop(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    services.record_message(ada, "thank_you", "outgoing", "Thanks for connecting!")
    clock.advance(days=7, seconds=-1)
    assert kinds(services) == []
    clock.advance(seconds=1)
    assert "(1 of 2)" in only(services, NudgeKind.FOLLOW_UP_DUE).reason
    services.record_message(ada, "follow_up", "outgoing", "How did the talk go?")
    clock.advance(days=7)
    assert "(2 of 2)" in only(services, NudgeKind.FOLLOW_UP_DUE).reason
    services.record_message(ada, "follow_up", "outgoing", "Still keen to hear!")
    clock.advance(days=7)
    assert kinds(services) == [NudgeKind.TOO_FREQUENT], "two unanswered follow-ups: stop"
    services.record_message(ada, "other", "incoming", "Sorry, busy month!")
    assert kinds(services) == [], "a reply resets the counters"


def test_too_frequent_when_two_unanswered_messages_in_seven_days(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    services.record_message(ada, "thank_you", "outgoing", "Thanks!")
    clock.advance(days=2)
    assert kinds(services) == []
    services.record_message(ada, "other", "outgoing", "Also, about your post...")
    nudge = only(services, NudgeKind.TOO_FREQUENT)
    assert nudge.severity is Severity.WARNING
    assert nudge.reason == (
        "Hold off: you sent Ada Lovelace 2 messages in 7 days without a reply. Give them time before writing again."
    )
    clock.advance(days=6)
    assert NudgeKind.TOO_FREQUENT not in kinds(services), "the first message has left the 7-day window"


def test_keep_in_touch_by_tier(services: Services, clock: FakeClock) -> None:
    close = add(services, "Close Friend", tier="close", profile_url="https://www.linkedin.com/in/close")
    loose = add(services, "Loose Tie", tier="loose", profile_url="https://www.linkedin.com/in/loose")
    for contact in (close, loose):
        to_connected(services, clock, contact)
        services.record_message(contact, "thank_you", "outgoing", "Thanks!")
        services.record_message(contact, "other", "incoming", "You're welcome!")
    clock.advance(days=30)
    assert [(n.kind, n.contact_id) for n in services.nudges()] == [(NudgeKind.KEEP_IN_TOUCH, close)]
    clock.advance(days=150)
    nudges = services.nudges()
    assert [(n.kind, n.contact_id) for n in nudges] == [
        (NudgeKind.KEEP_IN_TOUCH, close),
        (NudgeKind.KEEP_IN_TOUCH, loose),
    ]
    assert "(loose tie: every 180 days)" in nudges[1].reason


def test_weekly_request_budget(services: Services, clock: FakeClock) -> None:
    services.update_settings(weekly_request_budget=5)
    for index in range(4):
        contact = add(services, f"Person {index}", profile_url=f"https://www.linkedin.com/in/p{index}")
        engage_twice(services, clock, contact)
        clock.advance(days=-1)
        services.send_connection_request(contact, "networking")
    assert only(services, NudgeKind.WEEKLY_BUDGET).severity is Severity.INFO
    extra = add(services, "Person 5")
    engage_twice(services, clock, extra)
    services.send_connection_request(extra, "networking")
    budget = only(services, NudgeKind.WEEKLY_BUDGET)
    assert budget.severity is Severity.WARNING
    assert budget.contact_id is None
    assert budget.reason.startswith("You sent 5 connection requests in the last 7 days")


def test_note_budget_counts_personalised_notes_this_month(services: Services, clock: FakeClock) -> None:
    services.update_settings(monthly_note_allowance=2)
    contacts = [add(services, f"Person {i}", profile_url=f"https://www.linkedin.com/in/p{i}") for i in range(3)]
    for contact in contacts:
        engage_twice(services, clock, contact)
    services.send_connection_request(contacts[0], "networking", "")  # a note-less request costs nothing
    assert NudgeKind.NOTE_BUDGET not in kinds(services)
    services.send_connection_request(contacts[1], "networking", "Enjoyed your talk on compilers.")
    assert only(services, NudgeKind.NOTE_BUDGET).reason.startswith("One personalised note left for Nov")
    services.send_connection_request(contacts[2], "networking", "Your post on COBOL was great.")
    note = only(services, NudgeKind.NOTE_BUDGET)
    assert note.severity is Severity.WARNING
    assert "New notes from 1 Dec 2026." in note.reason
    clock.now = datetime(2026, 12, 1, 0, 0, 1, tzinfo=UTC)
    assert NudgeKind.NOTE_BUDGET not in kinds(services)
    services.update_settings(account_type="premium")
    clock.now = datetime(2026, 11, 30, tzinfo=UTC)
    assert NudgeKind.NOTE_BUDGET not in kinds(services), "Premium accounts have no monthly note allowance"


def test_note_budget_month_follows_the_users_time_zone(services: Services, clock: FakeClock) -> None:
    services.update_settings(monthly_note_allowance=1, user_time_zone="Pacific/Auckland")
    ada = add(services)
    engage_twice(services, clock, ada)
    clock.now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # already 1 December in Auckland
    services.send_connection_request(ada, "networking", "Loved your talk.")
    assert "for Dec" in only(services, NudgeKind.NOTE_BUDGET).reason


def test_the_note_budget_service_agrees_with_the_nudge(services: Services, clock: FakeClock) -> None:
    services.update_settings(monthly_note_allowance=3, user_time_zone="Europe/Berlin")
    people = [add(services, f"Person {n}", profile_url=f"https://www.linkedin.com/in/p{n}") for n in range(4)]
    for person in people:
        engage_twice(services, clock, person)
    budget = services.note_budget()
    assert (budget.used, budget.allowance, budget.remaining, budget.applies, budget.advice) == (0, 3, 3, True, None)
    assert budget.month_start == datetime(2026, 11, 1, tzinfo=ZoneInfo("Europe/Berlin"))
    services.send_connection_request(people[0], "networking", "")  # a note-less request spends no note
    services.send_connection_request(people[1], "networking", "Your talk on looms was great.")
    assert services.note_budget().used == 1
    assert NudgeKind.NOTE_BUDGET not in kinds(services)
    for person, used in ((people[2], 2), (people[3], 3)):
        services.send_connection_request(person, "networking", "Loved your post on looms.")
        budget, nudge = services.note_budget(), only(services, NudgeKind.NOTE_BUDGET)
        assert (budget.used, budget.remaining) == (used, 3 - used)
        assert nudge.situation.endswith("last" if budget.remaining == 1 else "none")
        assert budget.advice is not None
    assert budget.advice == (
        "No personalised notes left this month: send a request without a note and put the effort into the first "
        "message after they accept. New notes from 1 Dec 2026."
    )
    services.update_settings(monthly_note_allowance=2)
    assert (services.note_budget().used, services.note_budget().remaining) == (3, 0), "never below zero"
    services.update_settings(account_type="premium")
    premium = services.note_budget()
    assert (premium.applies, premium.advice, premium.used) == (False, None, 3)
    assert NudgeKind.NOTE_BUDGET not in kinds(services)


def test_one_note_left_advises_keeping_it_for_a_close_contact(services: Services, clock: FakeClock) -> None:
    services.update_settings(monthly_note_allowance=1)
    advice = services.note_budget().advice
    assert advice is not None and advice.startswith("One personalised note left this month: keep it for a contact")
    assert "(a close tie)" in advice and "without a note" in advice
    assert only(services, NudgeKind.NOTE_BUDGET).severity is Severity.INFO


def test_settings_change_the_thresholds(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    clock.advance(days=3)
    assert kinds(services) == []
    services.update_settings(pending_check_days=3)
    assert kinds(services) == [NudgeKind.PENDING_CHECK]


def test_snooze_hides_until_the_time_then_returns(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    clock.advance(days=1)
    services.snooze_nudge(ada, NudgeKind.THANK_YOU_DUE, clock.now + timedelta(days=1))
    assert kinds(services) == []
    clock.advance(days=1)
    assert kinds(services) == [NudgeKind.THANK_YOU_DUE]
    with pytest.raises(InvalidInput, match="future"):
        services.snooze_nudge(ada, NudgeKind.THANK_YOU_DUE, clock.now - timedelta(hours=1))


def test_dismissed_nudge_returns_only_when_its_situation_changes(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    services.record_message(ada, "thank_you", "outgoing", "Thanks!")
    clock.advance(days=8)
    services.dismiss_nudge(ada, NudgeKind.FOLLOW_UP_DUE)
    assert kinds(services) == []
    clock.advance(days=30)
    assert kinds(services) == [], "time alone does not change the situation"
    services.record_message(ada, "other", "incoming", "Hello!")
    clock.advance(hours=2)
    services.record_message(ada, "follow_up", "outgoing", "Great to hear from you")
    clock.advance(days=8)
    assert kinds(services) == [NudgeKind.FOLLOW_UP_DUE], "a new unanswered message is a new situation"


def test_dismissing_what_is_not_shown_is_refused(services: Services) -> None:
    ada = add(services)
    with pytest.raises(InvalidInput, match="no such nudge"):
        services.dismiss_nudge(ada, NudgeKind.THANK_YOU_DUE)
    with pytest.raises(InvalidInput, match="no kind of nudge"):
        services.dismiss_nudge(ada, "be_nice")


def _snapshot(cid: int, tier: str, connected: datetime) -> ContactSnapshot:
    text = format_utc(connected)
    return ContactSnapshot(
        cid,
        f"P{cid}",
        None,
        "connected",
        tier,
        text,
        text,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        0,
        None,
        None,
        None,
    )


def test_ranking_puts_overdue_and_close_ties_first() -> None:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    snapshots = [
        _snapshot(1, "loose", now - timedelta(days=2)),  # due
        _snapshot(2, "regular", now - timedelta(days=5)),  # overdue
        _snapshot(3, "close", now - timedelta(days=2)),  # due, close tie
        _snapshot(4, "close", now - timedelta(days=4)),  # overdue, close tie
    ]
    ranked = compute_nudges(snapshots, Settings(), now)
    assert [n.contact_id for n in ranked] == [4, 2, 3, 1]
    assert [n.severity for n in ranked] == [Severity.OVERDUE, Severity.OVERDUE, Severity.DUE, Severity.DUE]


def test_rules_are_deterministic() -> None:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    snapshots = [_snapshot(i, "regular", now - timedelta(days=1 + i % 5)) for i in range(50)]
    assert compute_nudges(snapshots, Settings(), now) == compute_nudges(list(reversed(snapshots)), Settings(), now)


def test_the_nudge_query_reads_each_contacts_messages_through_the_contact_index(services: Services) -> None:
    """Scanning every request per contact made nudges take 20 s at 30,000 contacts; the plan must not do that."""
    from model.nudge_query import SNAPSHOT_SQL

    with services._sessions.begin() as s:
        plan = s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + SNAPSHOT_SQL.replace(":recent", "?"), ("",))
        details = [row[3] for row in plan]
    # The index of everyone's requests by time would have SQLite scan them all for each contact.
    assert not [d for d in details if "ix_messages_outgoing_requests_sent_at" in d], details
    assert [d for d in details if "ix_messages_contact_id_kind_direction_sent_at (contact_id=?)" in d], details


def test_stale_engagement_says_what_is_missing(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    services.log_engagement(ada, "like", "A post")
    services.log_engagement(ada, "comment", "A post")
    clock.advance(days=14)
    assert only(services, NudgeKind.ENGAGEMENT_STALE).reason.endswith("(engaged on 1 day of 2).")


def test_a_thank_you_one_day_after_says_day(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    clock.advance(days=1)
    assert only(services, NudgeKind.THANK_YOU_DUE).reason == "Ada Lovelace accepted 1 day ago: send a short thank-you."
