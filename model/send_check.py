"""What the composer says before a send: the pipeline, pacing and budget rules, applied to one contact now.

Pure: the services gather a SendSituation in one transaction; every threshold comes from the rules it reuses
(pipeline.can_request, nudges.pacing, nudges.note_budget, own_profile.profile_warning) and from Settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from model.clock import format_utc
from model.nudges import (
    FOLLOW_UP_HORIZON_DAYS,
    AccountActivity,
    ContactSnapshot,
    note_budget,
    pacing,
    weekly_budget_reached,
)
from model.own_profile import OwnProfile, profile_warning
from model.pipeline import StageFacts, can_request, request_stage_refusal
from model.settings import Settings
from model.timefmt import human_date, plural
from model.vocabulary import MessageKind


class SendSeverity(StrEnum):
    BLOCK = "block"  # Overture will not record this send as it stands (the pipeline refuses it)
    WARN = "warn"  # it can be sent, but think again


@dataclass(frozen=True)
class SendWarning:
    severity: SendSeverity
    text: str


@dataclass(frozen=True)
class SendSituation:
    """One contact and the account, read in one transaction."""

    kind: MessageKind
    facts: StageFacts
    pending_request_at: datetime | None
    snapshot: ContactSnapshot | None  # None for contacts the nudge rules do not read (Spotted, Parked)
    activity: AccountActivity
    profile: OwnProfile


def send_warnings(situation: SendSituation, settings: Settings, now: datetime) -> list[SendWarning]:
    """Everything worth saying before this send, what Overture would refuse first."""
    blocks: list[str] = []
    warnings: list[str] = []
    facts, kind = situation.facts, situation.kind
    name = facts.name
    if kind is MessageKind.CONNECTION_REQUEST:
        if facts.has_pending_request:
            since = f" of {human_date(situation.pending_request_at)}" if situation.pending_request_at else ""
            blocks.append(
                f"Your request{since} to {name} is still waiting for an answer: LinkedIn keeps one pending request "
                "per person. Record the acceptance or the withdrawal first."
            )
        else:
            refusal = request_stage_refusal(name, facts.stage) or can_request(facts, settings, now)
            if refusal is not None:
                blocks.append(refusal.reason)
        if weekly_budget_reached(situation.activity, settings):
            warnings.append(
                f"You sent {situation.activity.requests_last_7_days} connection requests in the last 7 days; the "
                f"weekly budget is about {settings.weekly_request_budget}. Pause new requests for a few days."
            )
        notes = note_budget(situation.activity, settings)
        if notes.applies and notes.remaining == 0 and notes.advice:
            warnings.append(f"LinkedIn refuses requests with a note past the monthly allowance. {notes.advice}")
        weak_profile = profile_warning(situation.profile)
        if weak_profile:
            warnings.append(weak_profile)
    else:
        too_soon = _too_soon(situation.snapshot, name, settings, now)
        if too_soon:
            warnings.append(too_soon)
        if kind is MessageKind.THANK_YOU and facts.connected_at is None:
            warnings.append(f"{name} has not accepted a connection request: a thank-you follows their acceptance.")
    return [SendWarning(SendSeverity.BLOCK, text) for text in blocks] + [
        SendWarning(SendSeverity.WARN, text) for text in warnings
    ]


def _too_soon(snap: ContactSnapshot | None, name: str, s: Settings, now: datetime) -> str | None:
    """The TOO_FREQUENT rule, asked before writing: would this message make the unanswered ones too many?"""
    if snap is None or snap.last_outgoing_at is None:
        return None
    if snap.last_incoming_at is not None and snap.last_incoming_at >= snap.last_outgoing_at:
        return None  # they replied last: the counters start again
    recent = snap.unanswered_recent or 0
    # As in the nudge, a streak older than the follow-up horizon is a cold conversation, not pestering.
    horizon = format_utc(now - timedelta(days=max(FOLLOW_UP_HORIZON_DAYS, s.follow_up_spacing_days)))
    streak = (snap.unanswered_follow_ups or 0) if snap.last_outgoing_at >= horizon else 0
    # The window counts the message about to be sent; the streak says to stop once it is reached.
    rule = pacing(recent + 1, streak, s)
    if rule is None:
        return None
    if rule.rule == "window":
        return (
            f"You messaged {name} {_times(recent)} in the last {plural(s.too_frequent_window_days, 'day')} "
            "without a reply — give it time."
        )
    return f"{plural(streak, 'follow-up')} to {name} in a row went unanswered — stop here and wait for a reply."


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")
