"""Good moments to send a note, judged by the recipient's wall clock, and reminders kept as "09:00 their time".

DOMAIN.md, "Good moment to send": Tue-Thu within the best hours is best, other weekdays within the working hours are
fine, nights, Friday evening and weekends are avoided. The windows are wall-clock hours in the recipient's zone, so
a window keeps its local hour across daylight-saving changes; the instants are worked out per day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from model.clock import as_utc
from model.settings import Settings, validate_time_zone
from model.timefmt import plural

# "Friday evening" is our reading of DOMAIN.md: the LinkedIn InMail study (2022) found Friday the weakest weekday,
# and a note that lands late on Friday waits out the weekend. From 16:00 local time on Friday we advise waiting.
FRIDAY_EVENING_HOUR = 16
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Said once in every advice: the studies behind these windows show a small effect.
HONESTY = "Timing makes only a small difference to replies; the note itself matters more."
_BEST_DAYS = (1, 2, 3)  # Tuesday, Wednesday, Thursday
_FRIDAY = 4
# Every week has a best window (settings keep each window non-empty), so eight days of hours always find one.
_SEARCH_HOURS = 8 * 24


class MomentQuality(StrEnum):
    BEST = "best"
    FINE = "fine"
    AVOID = "avoid"

    def at_least(self, other: MomentQuality) -> bool:
        return _ORDER.index(self) >= _ORDER.index(other)


_ORDER = (MomentQuality.AVOID, MomentQuality.FINE, MomentQuality.BEST)


def quality_at(local: datetime, settings: Settings) -> MomentQuality:
    """How good `local` (aware, in the recipient's zone) is for sending, by its wall-clock day and hour."""
    if local.tzinfo is None:
        raise ValueError("naive datetime: pass the recipient's local time with its zone")
    return _quality(local.weekday(), local.hour, settings)


def _quality(weekday: int, hour: int, settings: Settings) -> MomentQuality:
    if weekday in _BEST_DAYS and settings.best_hours_start <= hour < settings.best_hours_end:
        return MomentQuality.BEST
    friday_evening = weekday == _FRIDAY and hour >= FRIDAY_EVENING_HOUR
    if weekday <= _FRIDAY and settings.working_hours_start <= hour < settings.working_hours_end and not friday_evening:
        return MomentQuality.FINE
    return MomentQuality.AVOID


def next_good_moment(
    now_utc: datetime, zone: str, settings: Settings, *, want: MomentQuality = MomentQuality.FINE
) -> datetime:
    """The first moment at or after `now_utc` at least as good as `want`, aware in the recipient's zone.

    Now itself when it already qualifies; otherwise the start of the next qualifying wall-clock hour, which, when
    that hour does not exist (a daylight-saving gap), is the first real instant after the gap.
    """
    tz = ZoneInfo(validate_time_zone(zone))
    now = as_utc(now_utc)
    local_now = now.astimezone(tz)
    if quality_at(local_now, settings).at_least(want):
        return local_now
    # Walk the recipient's wall clock hour by hour (naive: every wall hour once, the gap's and the fold's too).
    hour_start = datetime.combine(local_now.date(), time(local_now.hour))
    for step in range(1, _SEARCH_HOURS + 1):
        wall = hour_start + timedelta(hours=step)
        if _quality(wall.weekday(), wall.hour, settings).at_least(want):
            moment = resolve_wall_time(wall, tz)
            if moment > now:
                return moment.astimezone(tz)
    raise ValueError("These settings leave no good moment to send in a whole week.")


def resolve_wall_time(wall: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of a naive wall-clock time in `zone`.

    A time the clocks show twice (the fall-back hour) means its first occurrence; a time they skip (the
    spring-forward gap) means the first real instant after it, when the clocks jump forward.
    """
    if wall.tzinfo is not None:
        raise ValueError("a wall-clock time is naive; its zone is given separately")
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    # In a gap fold=0 reads the wall time with the offset before the jump (an instant after the jump) and fold=1
    # with the offset after it (an instant before the jump): the jump lies between, found to the second.
    before = int(wall.replace(tzinfo=zone, fold=1).timestamp())
    after = int(first.timestamp())
    while after - before > 1:
        middle = (before + after) // 2
        if datetime.fromtimestamp(middle, zone).replace(tzinfo=None) >= wall:
            after = middle
        else:
            before = middle
    return datetime.fromtimestamp(after, UTC)


@dataclass(frozen=True)
class SendPlan:
    recipient_zone: str
    user_zone: str
    recipient_now: datetime  # aware, in the recipient's zone
    quality_now: MomentQuality
    # The next moments (now when it qualifies), aware in the recipient's zone; next_fine_or_better <= next_best.
    next_best: datetime
    next_fine_or_better: datetime
    # The same two moments on the user's clock.
    next_best_for_user: datetime
    next_fine_or_better_for_user: datetime
    advice: str


def plan_send(
    now_utc: datetime, recipient_zone: str, user_zone: str, settings: Settings, *, name: str | None = None
) -> SendPlan:
    """When to send to someone in `recipient_zone`, for a user in `user_zone`; `name` words the advice."""
    user_tz = ZoneInfo(validate_time_zone(user_zone))
    recipient_tz = ZoneInfo(validate_time_zone(recipient_zone))
    now = as_utc(now_utc)
    recipient_now = now.astimezone(recipient_tz)
    quality_now = quality_at(recipient_now, settings)
    next_best = next_good_moment(now, recipient_zone, settings, want=MomentQuality.BEST)
    next_fine = next_good_moment(now, recipient_zone, settings, want=MomentQuality.FINE)
    advice = _advice(recipient_now, quality_now, next_best, next_fine, now.astimezone(user_tz), user_tz, name or "them")
    return SendPlan(
        recipient_zone=recipient_zone,
        user_zone=user_zone,
        recipient_now=recipient_now,
        quality_now=quality_now,
        next_best=next_best,
        next_fine_or_better=next_fine,
        next_best_for_user=next_best.astimezone(user_tz),
        next_fine_or_better_for_user=next_fine.astimezone(user_tz),
        advice=advice,
    )


def _advice(
    recipient_now: datetime,
    quality_now: MomentQuality,
    next_best: datetime,
    next_fine: datetime,
    user_now: datetime,
    user_tz: ZoneInfo,
    who: str,
) -> str:
    # Aware datetimes that share a tzinfo subtract as wall times: measure waits between UTC instants.
    def wait(moment: datetime) -> str:
        return _wait(moment.astimezone(UTC) - recipient_now.astimezone(UTC))

    opening = f"It is {_clock(recipient_now)} on {WEEKDAYS[recipient_now.weekday()]} for {who}"

    def when(moment: datetime) -> str:
        theirs = f"{_day(moment.date(), recipient_now.date(), 'on ')}at {_clock(moment)} their time"
        mine = moment.astimezone(user_tz)
        if mine.replace(tzinfo=None) == moment.replace(tzinfo=None):
            return theirs
        return f"{theirs} ({_day(mine.date(), user_now.date(), '')}{_clock(mine)} yours)"

    if quality_now is MomentQuality.BEST:
        sentence = f"{opening}: a good moment to send."
    elif quality_now is MomentQuality.FINE:
        sentence = f"{opening}: a fine moment to send; the best is {when(next_best)}, {wait(next_best)}."
    elif next_fine == next_best:
        sentence = f"{opening} — {wait(next_best)}, {when(next_best)}, is a good moment."
    else:
        sentence = f"{opening} — {wait(next_fine)}, {when(next_fine)}, is a fine moment; the best is {when(next_best)}."
    return f"{sentence} {HONESTY}"


def _clock(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _day(day: date, today: date, on: str) -> str:
    if day == today:
        return ""
    if day == today + timedelta(days=1):
        return "tomorrow "
    return f"{on}{WEEKDAYS[day.weekday()]} "


def _wait(delta: timedelta) -> str:
    minutes = int((delta.total_seconds() + 30) // 60)
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"in {plural(rest, 'minute')}"
    if hours < 10:
        return f"in {plural(hours, 'hour')}" + (f" {plural(rest, 'minute')}" if rest else "")
    if hours < 72:  # a long weekend away, still easier to picture in hours
        return f"in {plural(hours, 'hour')}" if rest == 0 else f"in about {(minutes + 30) // 60} hours"
    return f"in about {(minutes + 12 * 60) // (24 * 60)} days"


@dataclass(frozen=True)
class Reminder:
    """A reminder "at 09:00 their time": wall time and zone, so that the instant follows the zone's rules."""

    wall: datetime  # naive: the recipient's wall-clock time
    zone: str

    def __post_init__(self) -> None:
        if self.wall.tzinfo is not None:
            raise ValueError("a reminder's wall time is naive; its zone is given separately")
        validate_time_zone(self.zone)

    def instant(self) -> datetime:
        return resolve_wall_time(self.wall, ZoneInfo(self.zone))


def reminder_for(plan: SendPlan, want: MomentQuality = MomentQuality.BEST) -> Reminder:
    """A reminder at the plan's next best moment, or with FINE at its next fine-or-better one."""
    moment = plan.next_best if want is MomentQuality.BEST else plan.next_fine_or_better
    return Reminder(moment.replace(tzinfo=None, fold=0), plan.recipient_zone)
