"""The pipeline's guards as pure functions: every allowed move and every refusal, with its reason."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from model.pipeline import Refusal, StageFacts, check_move, next_stage, previous_stage
from model.settings import Settings
from model.vocabulary import Stage

NOW = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
SETTINGS = Settings()


def facts(stage: Stage, **changes: object) -> StageFacts:
    base = StageFacts(
        name="Ada Lovelace",
        stage=stage,
        parked_from=None,
        engagement_count=0,
        engagement_days=0,
        has_pending_request=False,
        has_accepted_request=False,
        last_withdrawn_at=None,
        connected_at=None,
        outgoing_since_connected=False,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def reason(result: Refusal | None) -> str:
    assert isinstance(result, Refusal), "expected a refusal"
    return result.reason


def test_spotted_to_engaging_needs_an_engagement() -> None:
    assert "Log an engagement with Ada Lovelace's content" in reason(
        check_move(facts(Stage.SPOTTED), Stage.ENGAGING, SETTINGS, NOW)
    )
    assert (
        check_move(facts(Stage.SPOTTED, engagement_count=1, engagement_days=1), Stage.ENGAGING, SETTINGS, NOW) is None
    )


@pytest.mark.parametrize(
    ("count", "days", "expected"),
    [
        (0, 0, "Log 2 more engagements with Ada Lovelace first: 0 of 2."),
        (1, 1, "Log one more engagement with Ada Lovelace first: 1 of 2."),
        (3, 1, "Engage with Ada Lovelace on another day first: your engagements span 1 day of 2."),
    ],
)
def test_requested_needs_engagement_on_two_days(count: int, days: int, expected: str) -> None:
    result = check_move(
        facts(Stage.ENGAGING, engagement_count=count, engagement_days=days, has_pending_request=True),
        Stage.REQUESTED,
        SETTINGS,
        NOW,
    )
    assert reason(result) == expected


def test_requested_needs_the_request_recorded_with_its_intent() -> None:
    ready = facts(Stage.ENGAGING, engagement_count=2, engagement_days=2)
    assert "Record the connection request to Ada Lovelace with its intent" in reason(
        check_move(ready, Stage.REQUESTED, SETTINGS, NOW)
    )
    assert check_move(dataclasses.replace(ready, has_pending_request=True), Stage.REQUESTED, SETTINGS, NOW) is None


def test_no_new_request_within_21_days_of_a_withdrawal() -> None:
    withdrawn = NOW - timedelta(days=20)
    state = facts(
        Stage.ENGAGING, engagement_count=2, engagement_days=2, has_pending_request=True, last_withdrawn_at=withdrawn
    )
    assert reason(check_move(state, Stage.REQUESTED, SETTINGS, NOW)) == (
        "You withdrew a request to Ada Lovelace on 21 Oct 2026; LinkedIn allows a new one after 21 days, "
        "from 11 Nov 2026."
    )
    assert check_move(state, Stage.REQUESTED, SETTINGS, NOW + timedelta(days=1)) is None


def test_settings_change_the_engage_first_rule() -> None:
    state = facts(Stage.ENGAGING, engagement_count=1, engagement_days=1, has_pending_request=True)
    relaxed = SETTINGS.changed(min_engagements=1, min_engagement_days=1)
    assert check_move(state, Stage.REQUESTED, relaxed, NOW) is None
    strict = SETTINGS.changed(min_engagements=3)
    assert "1 of 3" in reason(check_move(state, Stage.REQUESTED, strict, NOW))


def test_requested_to_connected_or_back_needs_a_waiting_request() -> None:
    assert "no request to Ada Lovelace waiting" in reason(
        check_move(facts(Stage.REQUESTED), Stage.CONNECTED, SETTINGS, NOW)
    )
    assert "no request to Ada Lovelace waiting" in reason(
        check_move(facts(Stage.REQUESTED), Stage.ENGAGING, SETTINGS, NOW)
    )
    waiting = facts(Stage.REQUESTED, has_pending_request=True)
    assert check_move(waiting, Stage.CONNECTED, SETTINGS, NOW) is None
    assert check_move(waiting, Stage.ENGAGING, SETTINGS, NOW) is None
    assert check_move(facts(Stage.REQUESTED, has_accepted_request=True), Stage.CONNECTED, SETTINGS, NOW) is None


def test_nurturing_starts_with_a_message_after_connecting() -> None:
    connected = facts(Stage.CONNECTED, connected_at=NOW)
    assert reason(check_move(connected, Stage.NURTURING, SETTINGS, NOW)).startswith("Thank Ada Lovelace for connecting")
    thanked = dataclasses.replace(connected, outgoing_since_connected=True)
    assert check_move(thanked, Stage.NURTURING, SETTINGS, NOW) is None


@pytest.mark.parametrize("stage", list(Stage))
def test_any_stage_can_be_parked_and_restored_to_where_it_was(stage: Stage) -> None:
    if stage is Stage.PARKED:
        assert "already in Parked" in reason(check_move(facts(stage), Stage.PARKED, SETTINGS, NOW))
        return
    assert check_move(facts(stage), Stage.PARKED, SETTINGS, NOW) is None
    parked = facts(Stage.PARKED, parked_from=stage)
    assert check_move(parked, stage, SETTINGS, NOW) is None
    elsewhere = next(s for s in Stage if s not in (stage, Stage.PARKED))
    assert reason(check_move(parked, elsewhere, SETTINGS, NOW)) == (
        f"Ada Lovelace was parked from {stage.label}; restore them to {stage.label} first."
    )


def test_skipping_a_stage_names_the_next_step_and_what_it_needs() -> None:
    result = reason(check_move(facts(Stage.SPOTTED), Stage.CONNECTED, SETTINGS, NOW))
    assert result.startswith("Ada Lovelace is in Spotted; the next step is Engaging, one stage at a time.")
    assert "Log an engagement" in result


def test_moving_backwards_is_refused_except_after_a_withdrawal() -> None:
    for origin, target in [
        (Stage.ENGAGING, Stage.SPOTTED),
        (Stage.CONNECTED, Stage.REQUESTED),
        (Stage.CONNECTED, Stage.ENGAGING),
        (Stage.NURTURING, Stage.CONNECTED),
    ]:
        assert "only moves back when a request is withdrawn" in reason(
            check_move(facts(origin, connected_at=NOW), target, SETTINGS, NOW)
        )


def test_moving_to_the_same_stage_is_refused() -> None:
    assert (
        reason(check_move(facts(Stage.ENGAGING), Stage.ENGAGING, SETTINGS, NOW))
        == "Ada Lovelace is already in Engaging."
    )


def test_stage_order_helpers() -> None:
    assert next_stage(Stage.SPOTTED) is Stage.ENGAGING
    assert next_stage(Stage.NURTURING) is None
    assert next_stage(Stage.PARKED) is None
    assert previous_stage(Stage.REQUESTED) is Stage.ENGAGING
    assert previous_stage(Stage.CONNECTED) is None
