"""The pipeline's moves and their guards, as pure functions: a move is allowed, or refused with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from model.settings import Settings
from model.timefmt import human_date, plural
from model.vocabulary import PIPELINE, Stage


@dataclass(frozen=True)
class Refusal:
    """A move the rules do not allow, with a reason a person can act on (shown verbatim)."""

    reason: str


@dataclass(frozen=True)
class StageFacts:
    """What the guards need to know about one contact, read in the same transaction as the move."""

    name: str
    stage: Stage
    parked_from: Stage | None
    engagement_count: int
    engagement_days: int
    has_pending_request: bool
    has_accepted_request: bool
    last_withdrawn_at: datetime | None
    connected_at: datetime | None
    outgoing_since_connected: bool


def next_stage(stage: Stage) -> Stage | None:
    if stage not in PIPELINE or stage is PIPELINE[-1]:
        return None
    return PIPELINE[PIPELINE.index(stage) + 1]


def previous_stage(stage: Stage) -> Stage | None:
    """The one backward move the pipeline has: a withdrawn request returns to Engaging."""
    return Stage.ENGAGING if stage is Stage.REQUESTED else None


def request_stage_refusal(name: str, stage: Stage) -> Refusal | None:
    """Requests are sent from Engaging: the pipeline's order, said for this person."""
    if stage is Stage.ENGAGING:
        return None
    if stage is Stage.SPOTTED:
        return Refusal(f"Engage with {name}'s content before connecting: log a like, comment or share.")
    return Refusal(f"{name} is in {stage.label}: requests are sent from Engaging.")


def can_request(facts: StageFacts, settings: Settings, now: datetime) -> Refusal | None:
    """Engage before you connect (principle 5), and respect LinkedIn's wait after a withdrawal."""
    name = facts.name
    missing = settings.min_engagements - facts.engagement_count
    if missing > 0:
        more = "one more engagement" if missing == 1 else f"{missing} more engagements"
        return Refusal(f"Log {more} with {name} first: {facts.engagement_count} of {settings.min_engagements}.")
    if facts.engagement_days < settings.min_engagement_days:
        return Refusal(
            f"Engage with {name} on another day first: your engagements span "
            f"{plural(facts.engagement_days, 'day')} of {settings.min_engagement_days}."
        )
    if facts.last_withdrawn_at is not None:
        allowed_from = facts.last_withdrawn_at + timedelta(days=settings.reinvite_wait_days)
        if now < allowed_from:
            return Refusal(
                f"You withdrew a request to {name} on {human_date(facts.last_withdrawn_at)}; LinkedIn allows "
                f"a new one after {settings.reinvite_wait_days} days, from {human_date(allowed_from)}."
            )
    return None


def check_move(facts: StageFacts, target: Stage, settings: Settings, now: datetime) -> Refusal | None:
    """None when `facts.stage` -> `target` is allowed now; otherwise the reason it is not.

    Moving Requested -> Connected records the acceptance, and Requested -> Engaging the withdrawal,
    so those two only need a request that is still waiting for an answer.
    """
    name, stage = facts.name, facts.stage
    if target is stage:
        return Refusal(f"{name} is already in {stage.label}.")
    if target is Stage.PARKED:
        return None
    if stage is Stage.PARKED:
        origin = facts.parked_from
        if target is origin:
            return None
        where = origin.label if origin else "their earlier stage"
        return Refusal(f"{name} was parked from {where}; restore them to {where} first.")
    if stage is Stage.SPOTTED and target is Stage.ENGAGING:
        if facts.engagement_count == 0:
            return Refusal(f"Log an engagement with {name}'s content first (a like, comment or share).")
        return None
    if stage is Stage.ENGAGING and target is Stage.REQUESTED:
        refusal = can_request(facts, settings, now)
        if refusal is not None:
            return refusal
        if not facts.has_pending_request:
            return Refusal(
                f"Record the connection request to {name} with its intent (composer, 'Mark as sent') "
                "to move them to Requested."
            )
        return None
    if stage is Stage.REQUESTED and target in (Stage.CONNECTED, Stage.ENGAGING):
        if target is Stage.CONNECTED and facts.has_accepted_request:
            return None
        if not facts.has_pending_request:
            return Refusal(f"There is no request to {name} waiting for an answer.")
        return None
    if stage is Stage.CONNECTED and target is Stage.NURTURING:
        if not facts.outgoing_since_connected:
            return Refusal(f"Thank {name} for connecting first: Nurturing starts with your first message after it.")
        return None
    return _out_of_order(facts, target, settings, now)


def _out_of_order(facts: StageFacts, target: Stage, settings: Settings, now: datetime) -> Refusal:
    name, stage = facts.name, facts.stage
    order = PIPELINE.index(stage) if stage in PIPELINE else -1
    if PIPELINE.index(target) < order:
        return Refusal(
            f"{name} is in {stage.label}; the pipeline only moves back when a request is withdrawn. "
            f"Park {name} instead if this relationship is on hold."
        )
    step = next_stage(stage)
    assert step is not None  # a forward skip always has a next step
    blocker = check_move(facts, step, settings, now)
    detail = f" {blocker.reason}" if blocker else ""
    return Refusal(f"{name} is in {stage.label}; the next step is {step.label}, one stage at a time.{detail}")
