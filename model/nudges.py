"""Which contacts need attention now, and why: pure, deterministic rules over per-contact snapshots.

Snapshots carry instants as the database's fixed-width UTC text so that 100,000 contacts are judged by
string comparison, without parsing a date per row; only the nudges produced are turned into datetimes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum
from typing import NamedTuple

from model.clock import format_utc, parse_utc
from model.reminders import parse_wall, wall_instant
from model.settings import Settings
from model.timefmt import MONTHS, human_date, plural
from model.vocabulary import AccountType


class NudgeKind(StrEnum):
    READY_TO_CONNECT = "ready_to_connect"
    ENGAGEMENT_STALE = "engagement_stale"
    PENDING_CHECK = "pending_check"
    PENDING_STALE = "pending_stale"
    THANK_YOU_DUE = "thank_you_due"
    FOLLOW_UP_DUE = "follow_up_due"
    KEEP_IN_TOUCH = "keep_in_touch"
    TOO_FREQUENT = "too_frequent"
    WEEKLY_BUDGET = "weekly_budget"
    NOTE_BUDGET = "note_budget"
    REMINDER = "reminder"


class Severity(IntEnum):
    """Ordered as the list shows them: overdue first, then warnings, then what is due, then hints."""

    OVERDUE = 0
    WARNING = 1
    DUE = 2
    INFO = 3

    @property
    def label(self) -> str:
        return self.name.lower()


class ContactSnapshot(NamedTuple):
    """One contact's aggregates, as the nudge query returns them (instants as UTC text, see module doc)."""

    id: int
    name: str
    profile_url: str | None
    stage: str
    tier: str
    stage_entered_at: str
    connected_at: str | None
    engagement_count: int | None
    engagement_days: int | None
    last_engagement_at: str | None
    pending_request_at: str | None
    last_withdrawn_at: str | None
    last_incoming_at: str | None
    last_outgoing_at: str | None
    outgoing_since_connected: int | None
    # Outgoing messages (not requests) since the last reply, in all and in the frequency window;
    # and the follow-ups among them: the streak that "at most 2 follow-ups, then stop" counts.
    unanswered: int | None
    unanswered_recent: int | None
    unanswered_follow_ups: int | None


class ReminderSnapshot(NamedTuple):
    """An open reminder whose wall time may have passed, with its contact (see nudge_query.reminder_snapshots)."""

    id: int
    contact_id: int
    name: str
    profile_url: str | None
    tier: str
    wall_time: str  # 'YYYY-MM-DD HH:MM' in `zone`
    zone: str
    note: str


class NudgeState(NamedTuple):
    snoozed_until: datetime | None
    dismissed_situation: str | None


@dataclass(frozen=True)
class AccountActivity:
    """Account-wide counts for the budget nudges."""

    requests_last_7_days: int = 0
    notes_this_month: int = 0
    month_start: datetime | None = None
    next_month_start: datetime | None = None


@dataclass(frozen=True)
class NoteBudget:
    """Personalised connection notes this calendar month (in the user's zone) against a free account's allowance."""

    used: int
    allowance: int
    remaining: int
    applies: bool  # False for Premium: its notes are not counted
    month_start: datetime | None
    advice: str | None  # a plain sentence once at most one note is left


def note_budget(activity: AccountActivity, s: Settings) -> NoteBudget:
    """The note budget the NOTE_BUDGET nudge and the composer both read."""
    used, allowance = activity.notes_this_month, s.monthly_note_allowance
    remaining = max(0, allowance - used)
    applies = s.account_type is AccountType.FREE
    advice = None
    if applies and remaining <= 1:
        renewal = f" New notes from {human_date(activity.next_month_start)}." if activity.next_month_start else ""
        advice = (
            "No personalised notes left this month: send a request without a note and put the effort into the "
            f"first message after they accept.{renewal}"
            if remaining == 0
            else "One personalised note left this month: keep it for a contact who matters most (a close tie); "
            "send others a request without a note and put the effort into the first message after they accept."
        )
    return NoteBudget(used, allowance, remaining, applies, activity.month_start, advice)


def weekly_budget_reached(activity: AccountActivity, s: Settings) -> bool:
    return bool(s.weekly_request_budget) and activity.requests_last_7_days >= s.weekly_request_budget


class Pacing(NamedTuple):
    """Why writing again now is too much (DOMAIN.md "Too frequent"): so many `unanswered` by `rule`."""

    rule: str  # "window": unanswered messages within the window; "streak": unanswered follow-ups in a row
    unanswered: int


def pacing(unanswered_recent: int, unanswered_follow_ups: int, s: Settings) -> Pacing | None:
    """The TOO_FREQUENT rule: more than too_frequent_max_in_window unanswered messages in the window, or a streak
    of too_frequent_max_streak unanswered follow-ups (counters reset when the person replies)."""
    if unanswered_recent > s.too_frequent_max_in_window:
        return Pacing("window", unanswered_recent)
    if unanswered_follow_ups >= s.too_frequent_max_streak:
        return Pacing("streak", unanswered_follow_ups)
    return None


@dataclass(frozen=True)
class Nudge:
    contact_id: int | None
    contact_name: str | None
    profile_url: str | None
    kind: NudgeKind
    due: datetime
    severity: Severity
    reason: str
    # What the nudge is about (a date, a message); dismissing hides it until this changes.
    situation: str
    tier: str | None = field(default=None, compare=False)


_TIER_RANK = {"close": 0, "regular": 1, "loose": 2}
# Follow-ups are for conversations still warm; nobody chases a message from years ago.
FOLLOW_UP_HORIZON_DAYS = 30


def _days_between(earlier: str, later: datetime) -> int:
    return (later - parse_utc(earlier)).days


def compute_nudges(
    snapshots: Iterable[ContactSnapshot],
    settings: Settings,
    now: datetime,
    activity: AccountActivity | None = None,
    states: Mapping[tuple[int | None, str], NudgeState] | None = None,
    reminders: Iterable[ReminderSnapshot] = (),
) -> list[Nudge]:
    """Every due nudge, ranked (overdue and close ties first), minus snoozed and dismissed ones."""
    s = settings

    def ago(days: int) -> str:
        return format_utc(now - timedelta(days=days))

    stale_engaging = ago(s.engagement_stale_days)
    pending_check = ago(s.pending_check_days)
    pending_stale = ago(s.pending_stale_days)
    thank_due = ago(s.thank_you_due_days)
    thank_overdue = ago(s.thank_you_overdue_days)
    thank_window = ago(s.thank_you_window_days)
    follow_spacing = ago(s.follow_up_spacing_days)
    follow_horizon = ago(max(FOLLOW_UP_HORIZON_DAYS, s.follow_up_spacing_days))
    reinvite = timedelta(days=s.reinvite_wait_days)
    cadence = {tier: ago(s.keep_in_touch_days(tier)) for tier in _TIER_RANK}

    found: list[Nudge] = []
    add = found.append
    for snap in snapshots:
        stage = snap.stage
        if stage == "engaging":
            last = snap.last_engagement_at or snap.stage_entered_at
            count, days = snap.engagement_count or 0, snap.engagement_days or 0
            if count >= s.min_engagements and days >= s.min_engagement_days:
                due = parse_utc(last)
                if snap.last_withdrawn_at is not None:
                    due = max(due, parse_utc(snap.last_withdrawn_at) + reinvite)
                if due <= now:
                    add(
                        _nudge(
                            snap,
                            NudgeKind.READY_TO_CONNECT,
                            due,
                            Severity.DUE,
                            "ready",
                            f"{snap.name} is ready for a connection request: {plural(count, 'engagement')} "
                            f"over {plural(days, 'day')}.",
                        )
                    )
            elif last <= stale_engaging:
                due = parse_utc(last) + timedelta(days=s.engagement_stale_days)
                progress = (
                    f"{count} of {s.min_engagements} logged"
                    if count < s.min_engagements
                    else f"engaged on {plural(days, 'day')} of {s.min_engagement_days}"
                )
                add(
                    _nudge(
                        snap,
                        NudgeKind.ENGAGEMENT_STALE,
                        due,
                        Severity.INFO,
                        last,
                        f"No engagement with {snap.name} for {_days_between(last, now)} days: react to a "
                        f"recent post to stay on their radar ({progress}).",
                    )
                )
        elif stage == "requested":
            sent = snap.pending_request_at
            if sent is not None and sent <= pending_check:
                age = _days_between(sent, now)
                if sent <= pending_stale:
                    due = parse_utc(sent) + timedelta(days=s.pending_stale_days)
                    add(
                        _nudge(
                            snap,
                            NudgeKind.PENDING_STALE,
                            due,
                            Severity.WARNING,
                            sent,
                            f"Your request to {snap.name} has waited {age} days: most acceptances come "
                            f"within a week. Consider withdrawing it (you can re-invite after "
                            f"{s.reinvite_wait_days} days).",
                        )
                    )
                else:
                    due = parse_utc(sent) + timedelta(days=s.pending_check_days)
                    add(
                        _nudge(
                            snap,
                            NudgeKind.PENDING_CHECK,
                            due,
                            Severity.INFO,
                            sent,
                            f"Your request to {snap.name} has waited {age} days: check whether it was accepted.",
                        )
                    )
        elif stage in ("connected", "nurturing"):
            connected = snap.connected_at
            if (
                stage == "connected"
                and connected is not None
                and not snap.outgoing_since_connected
                and thank_window <= connected <= thank_due
            ):
                due = parse_utc(connected) + timedelta(days=s.thank_you_due_days)
                overdue = connected <= thank_overdue
                add(
                    _nudge(
                        snap,
                        NudgeKind.THANK_YOU_DUE,
                        due,
                        Severity.OVERDUE if overdue else Severity.DUE,
                        connected,
                        f"{snap.name} accepted {plural(_days_between(connected, now), 'day')} ago: "
                        + ("the thank-you is overdue." if overdue else "send a short thank-you."),
                    )
                )
                continue
            last_out = snap.last_outgoing_at
            unanswered = last_out is not None and (snap.last_incoming_at is None or snap.last_incoming_at < last_out)
            paced = False
            if unanswered and last_out is not None and last_out >= follow_horizon:
                streak = snap.unanswered_follow_ups or 0
                too_much = pacing(snap.unanswered_recent or 0, streak, s)
                if too_much is not None:
                    paced = True
                    why = (
                        f"you sent {snap.name} {too_much.unanswered} messages in {s.too_frequent_window_days} days "
                        "without a reply"
                        if too_much.rule == "window"
                        else f"{plural(streak, 'follow-up')} to {snap.name} in a row went unanswered"
                    )
                    add(
                        _nudge(
                            snap,
                            NudgeKind.TOO_FREQUENT,
                            parse_utc(last_out),
                            Severity.WARNING,
                            last_out,
                            f"Hold off: {why}. Give them time before writing again.",
                        )
                    )
                elif streak < s.max_follow_ups and last_out <= follow_spacing:
                    paced = True
                    due = parse_utc(last_out) + timedelta(days=s.follow_up_spacing_days)
                    add(
                        _nudge(
                            snap,
                            NudgeKind.FOLLOW_UP_DUE,
                            due,
                            Severity.DUE,
                            last_out,
                            f"Your message to {snap.name} of {human_date(parse_utc(last_out))} has no reply: "
                            f"a short follow-up is due ({streak + 1} of {s.max_follow_ups}).",
                        )
                    )
                else:
                    paced = True  # waiting for an answer is not a reason to "keep in touch"
            if stage == "nurturing" and not paced:
                last = max(
                    t
                    for t in (
                        snap.last_incoming_at,
                        last_out,
                        snap.last_engagement_at,
                        connected,
                        snap.stage_entered_at,
                    )
                    if t is not None
                )
                if last <= cadence.get(snap.tier, cadence["regular"]):
                    every = s.keep_in_touch_days(snap.tier)
                    due = parse_utc(last) + timedelta(days=every)
                    add(
                        _nudge(
                            snap,
                            NudgeKind.KEEP_IN_TOUCH,
                            due,
                            Severity.DUE,
                            last,
                            f"Last in touch with {snap.name} {_days_between(last, now)} days ago "
                            f"({snap.tier} tie: every {every} days).",
                        )
                    )
    if activity is not None:
        found.extend(_budget_nudges(activity, settings, now))
    found.extend(_reminder_nudges(reminders, now))
    if states:
        found = [n for n in found if _visible(n, states.get((n.contact_id, n.kind)), now)]
    found.sort(key=lambda n: (n.severity, _TIER_RANK.get(n.tier or "", 3), n.due, n.contact_id or 0))
    return found


def _nudge(
    snap: ContactSnapshot, kind: NudgeKind, due: datetime, severity: Severity, situation: str, reason: str
) -> Nudge:
    return Nudge(snap.id, snap.name, snap.profile_url, kind, due, severity, reason, situation, snap.tier)


def _visible(nudge: Nudge, state: NudgeState | None, now: datetime) -> bool:
    if state is None:
        return True
    if state.snoozed_until is not None and state.snoozed_until > now:
        return False
    return state.dismissed_situation != nudge.situation


def _reminder_nudges(reminders: Iterable[ReminderSnapshot], now: datetime) -> list[Nudge]:
    """A due reminder per contact (the earliest): the list holds one nudge per contact and kind."""
    earliest: dict[int, tuple[datetime, datetime, ReminderSnapshot]] = {}
    for reminder in reminders:
        wall = parse_wall(reminder.wall_time)
        due = wall_instant(wall, reminder.zone)
        if due <= now and (reminder.contact_id not in earliest or due < earliest[reminder.contact_id][0]):
            earliest[reminder.contact_id] = (due, wall, reminder)
    found = []
    for due, wall, r in earliest.values():
        when = f"{wall:%H:%M} their time" if now - due < timedelta(days=1) else f"{human_date(wall)}, {wall:%H:%M}"
        reason = f"Reminder: write to {r.name} now — {when} ({r.zone})."
        if r.note:
            reason += f" {r.note}"
        found.append(
            Nudge(r.contact_id, r.name, r.profile_url, NudgeKind.REMINDER, due, Severity.DUE, reason, f"{r.id}", r.tier)
        )
    return found


def _budget_nudges(activity: AccountActivity, s: Settings, now: datetime) -> list[Nudge]:
    found = []
    sent, budget = activity.requests_last_7_days, s.weekly_request_budget
    if budget and sent >= budget * 0.8:
        full = weekly_budget_reached(activity, s)
        found.append(
            Nudge(
                contact_id=None,
                contact_name=None,
                profile_url=None,
                kind=NudgeKind.WEEKLY_BUDGET,
                due=now.replace(hour=0, minute=0, second=0, microsecond=0),
                severity=Severity.WARNING if full else Severity.INFO,
                reason=f"You sent {sent} connection requests in the last 7 days; the weekly budget is about {budget}. "
                + ("Pause new requests for a few days." if full else "Keep the rest for the people who matter most."),
                situation="full" if full else "near",
            )
        )
    notes = note_budget(activity, s)
    if notes.advice is not None and activity.month_start is not None:  # the composer shows the same advice
        left = notes.remaining
        month = MONTHS[activity.month_start.month - 1]
        renewal = f" New notes from {human_date(activity.next_month_start)}." if activity.next_month_start else ""
        if left <= 0:
            reason = (
                f"All {notes.allowance} personalised notes for {month} are used: send note-less requests and put "
                f"the effort into the first message after acceptance.{renewal}"
            )
        else:
            reason = f"One personalised note left for {month}: keep it for the contact who matters most.{renewal}"
        found.append(
            Nudge(
                contact_id=None,
                contact_name=None,
                profile_url=None,
                kind=NudgeKind.NOTE_BUDGET,
                due=activity.month_start,
                severity=Severity.WARNING if left <= 0 else Severity.INFO,
                reason=reason,
                situation=f"{activity.month_start:%Y-%m}:{'none' if left <= 0 else 'last'}",
            )
        )
    return found
