"""What the composer hears before a send: each warning at its threshold, in agreement with the rules it reuses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from model.errors import InvalidInput, NotFound
from model.nudges import NudgeKind
from model.pipeline import Refusal
from model.send_check import SendSeverity, SendWarning
from model.services import Services
from model.vocabulary import MessageKind
from tests.model.conftest import FakeClock, add, engage_twice, to_connected, to_requested

REQUEST = MessageKind.CONNECTION_REQUEST


@pytest.fixture
def ready_profile(services: Services) -> None:
    """An own profile good enough that its warning stays out of the other tests."""
    services.update_own_profile(
        has_photo=True,
        headline="Data engineer building open catalogue tools for small museums",
        has_about=True,
        current_role="Data engineer",
        current_role_description="I run the import pipeline for 30 museums.",
        past_roles=2,
        skills_count=8,
    )


def texts(warnings: list[SendWarning], severity: SendSeverity | None = None) -> list[str]:
    return [w.text for w in warnings if severity is None or w.severity is severity]


@pytest.mark.usefixtures("ready_profile")
def test_a_request_ready_to_go_hears_nothing(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    engage_twice(services, clock, ada)
    assert services.send_check(ada, REQUEST) == []


@pytest.mark.usefixtures("ready_profile")
@pytest.mark.parametrize("engagements", [0, 1])
def test_a_request_before_enough_engagement_is_blocked_with_the_pipelines_reason(
    services: Services, engagements: int
) -> None:
    ada = add(services)
    for _ in range(engagements):
        services.log_engagement(ada, "like", "A post on looms")
    warnings = services.send_check(ada, REQUEST)
    refusal = services.send_connection_request(ada, "networking", "Hi Ada")
    assert isinstance(refusal, Refusal)
    assert warnings == [SendWarning(SendSeverity.BLOCK, refusal.reason)]
    assert refusal.reason.startswith("Engage with Ada" if engagements == 0 else "Log one more engagement with Ada")


@pytest.mark.usefixtures("ready_profile")
def test_a_request_while_one_is_pending_is_blocked(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    assert texts(services.send_check(ada, REQUEST)) == [
        "Your request of 3 Nov 2026 to Ada Lovelace is still waiting for an answer: LinkedIn keeps one pending "
        "request per person. Record the acceptance or the withdrawal first."
    ]


@pytest.mark.usefixtures("ready_profile")
def test_a_request_within_21_days_of_a_withdrawal_is_blocked(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    clock.advance(days=10)
    services.record_withdrawal(ada)
    clock.advance(days=20)
    (warning,) = services.send_check(ada, REQUEST)
    assert warning.severity is SendSeverity.BLOCK
    assert warning.text.startswith("You withdrew a request to Ada Lovelace on 13 Nov 2026; LinkedIn allows a new one")
    clock.advance(days=1)
    assert services.send_check(ada, REQUEST) == []


@pytest.mark.usefixtures("ready_profile")
def test_a_request_to_someone_already_connected_is_blocked(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    assert texts(services.send_check(ada, REQUEST), SendSeverity.BLOCK) == [
        "Ada Lovelace is in Connected: requests are sent from Engaging."
    ]


@pytest.mark.usefixtures("ready_profile")
def test_the_weekly_request_budget_warns_once_reached(services: Services, clock: FakeClock) -> None:
    services.update_settings(weekly_request_budget=2)
    people = [add(services, f"Person {n}", profile_url=f"https://www.linkedin.com/in/p{n}") for n in range(3)]
    for person in people:
        engage_twice(services, clock, person)
    services.send_connection_request(people[0], "networking")
    assert services.send_check(people[2], REQUEST) == []
    services.send_connection_request(people[1], "networking")
    assert services.send_check(people[2], REQUEST) == [
        SendWarning(
            SendSeverity.WARN,
            "You sent 2 connection requests in the last 7 days; the weekly budget is about 2. "
            "Pause new requests for a few days.",
        )
    ]
    assert services.send_check(people[2], MessageKind.FOLLOW_UP) == [], "messages are not requests"
    assert NudgeKind.WEEKLY_BUDGET in {n.kind for n in services.nudges()}, "the nudge says the same"


@pytest.mark.usefixtures("ready_profile")
def test_an_exhausted_note_budget_warns_before_a_request(services: Services, clock: FakeClock) -> None:
    services.update_settings(monthly_note_allowance=1)
    ada, grace = add(services), add(services, "Grace Hopper")
    engage_twice(services, clock, ada)
    engage_twice(services, clock, grace)
    assert services.send_check(grace, REQUEST) == [], "one note left is advice for the nudge list, not a warning"
    services.send_connection_request(ada, "networking", "Your post on looms stayed with me.")
    (warning,) = services.send_check(grace, REQUEST)
    assert warning.severity is SendSeverity.WARN
    assert warning.text.startswith("LinkedIn refuses requests with a note past the monthly allowance. No personal")
    advice = services.note_budget().advice
    assert advice is not None and warning.text.endswith(advice)
    services.update_settings(account_type="premium")
    assert services.send_check(grace, REQUEST) == []


def test_a_weak_own_profile_warns_before_a_request_only(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    engage_twice(services, clock, ada)
    (warning,) = services.send_check(ada, REQUEST)
    assert warning.severity is SendSeverity.WARN
    assert warning.text.startswith("Your own profile is 0% complete")
    to_connected_later = services.send_check(ada, MessageKind.OTHER)
    assert to_connected_later == []


@pytest.mark.usefixtures("ready_profile")
def test_a_thank_you_is_for_connected_contacts(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    assert services.send_check(ada, MessageKind.THANK_YOU) == [
        SendWarning(
            SendSeverity.WARN,
            "Ada Lovelace has not accepted a connection request: a thank-you follows their acceptance.",
        )
    ]
    clock.advance(days=1)
    services.record_acceptance(ada)
    assert services.send_check(ada, MessageKind.THANK_YOU) == []


def test_writing_twice_in_a_week_without_a_reply_is_too_soon(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    assert services.send_check(ada, MessageKind.THANK_YOU) == []
    services.record_message(ada, "thank_you", "outgoing", "Thanks!")
    clock.advance(days=2)
    assert services.send_check(ada, MessageKind.OTHER) == [
        SendWarning(
            SendSeverity.WARN,
            "You messaged Ada Lovelace once in the last 7 days without a reply — give it time.",
        )
    ]
    services.record_message(ada, "other", "outgoing", "Also, about your post...")
    warnings = services.send_check(ada, MessageKind.OTHER)
    assert texts(warnings) == ["You messaged Ada Lovelace twice in the last 7 days without a reply — give it time."]
    assert NudgeKind.TOO_FREQUENT in {n.kind for n in services.nudges()}, "the nudge already says hold off"
    services.record_message(ada, "other", "incoming", "Sorry, busy week!")
    assert services.send_check(ada, MessageKind.OTHER) == [], "a reply resets the counters"


def test_a_follow_up_is_fine_once_the_week_has_passed(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    services.record_message(ada, "thank_you", "outgoing", "Thanks!")
    clock.advance(days=7)
    assert NudgeKind.FOLLOW_UP_DUE in {n.kind for n in services.nudges()}
    assert services.send_check(ada, MessageKind.FOLLOW_UP) == []


def test_two_unanswered_follow_ups_in_a_row_say_stop(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    services.record_message(ada, "thank_you", "outgoing", "Thanks!")
    clock.advance(days=7)
    services.record_message(ada, "follow_up", "outgoing", "How did the talk go?")
    clock.advance(days=7)
    assert services.send_check(ada, MessageKind.FOLLOW_UP) == [], "the second follow-up is still fine"
    services.record_message(ada, "follow_up", "outgoing", "Still keen to hear!")
    clock.advance(days=7)
    assert texts(services.send_check(ada, MessageKind.FOLLOW_UP)) == [
        "2 follow-ups to Ada Lovelace in a row went unanswered — stop here and wait for a reply."
    ]
    assert [n.kind for n in services.nudges()] == [NudgeKind.TOO_FREQUENT], "the nudge agrees"
    clock.now = datetime(2027, 1, 1, tzinfo=UTC)
    assert services.send_check(ada, MessageKind.OTHER) == [], "past the follow-up horizon, as in the nudge"


def test_blocks_come_before_warnings(services: Services, clock: FakeClock) -> None:
    services.update_settings(weekly_request_budget=1)
    ada, grace = add(services), add(services, "Grace Hopper")
    engage_twice(services, clock, grace)
    services.send_connection_request(grace, "networking")
    warnings = services.send_check(ada, REQUEST)
    assert [w.severity for w in warnings] == [SendSeverity.BLOCK, SendSeverity.WARN, SendSeverity.WARN]
    assert warnings[0].text.startswith("Engage with Ada Lovelace's content")


def test_send_check_refuses_unknown_contacts_and_kinds(services: Services) -> None:
    with pytest.raises(NotFound):
        services.send_check(999, REQUEST)
    ada = add(services)
    with pytest.raises(InvalidInput, match="The kind of message must be one of"):
        services.send_check(ada, "telegram")
