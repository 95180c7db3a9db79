"""The user's settings: every threshold of ../shared/DOMAIN.md's defaults table, each one changeable."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, fields
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from model.errors import InvalidInput
from model.vocabulary import AccountType


@dataclass(frozen=True)
class Settings:
    account_type: AccountType = AccountType.FREE
    # The user's own zone; None until they choose (the GUI proposes the system's).
    user_time_zone: str | None = None
    # Engage before you connect: at least 2 engagements on 2 different days (principle 5).
    min_engagements: int = 2
    min_engagement_days: int = 2
    # LinkedIn Help a551012: after withdrawing, an invitation can be re-sent only after up to 3 weeks.
    reinvite_wait_days: int = 21
    # Botdog (16,492 invitations): 88% of acceptances come within 7 days, 99% within 30.
    pending_check_days: int = 7
    # Salesflow/Cleverly suggest withdrawing after 20 days, Botdog 30.
    pending_stale_days: int = 21
    # Funkel: thank within a day; 24-48 h networking etiquette. Older acceptances owe nothing.
    thank_you_due_days: int = 1
    thank_you_overdue_days: int = 3
    thank_you_window_days: int = 30
    # Belkins 2023 (11M emails): 1st follow-up +49% replies, 2nd +9%, 3rd -20%.
    max_follow_ups: int = 2
    follow_up_spacing_days: int = 7
    # Pacing heuristic: more than 1 unanswered message in 7 days, or 2 unanswered follow-ups in a row.
    too_frequent_window_days: int = 7
    too_frequent_max_in_window: int = 1
    too_frequent_max_streak: int = 2
    # Keep-in-touch cadence by tier (whodex tiers; Monica issue #321).
    keep_in_touch_close_days: int = 30
    keep_in_touch_regular_days: int = 90
    keep_in_touch_loose_days: int = 180
    engagement_stale_days: int = 14
    # Teamleader's default: 7 days in a stage without activity.
    stale_card_days: int = 7
    # Not published by LinkedIn; reports range 100-200 a week.
    weekly_request_budget: int = 100
    # LinkedIn Help a550555: about 5 personalised notes a month on a free account.
    monthly_note_allowance: int = 5
    # Good moments to send, in the recipient's time (LinkedIn InMail study 2022; vendors favour Tue-Thu mornings):
    # Tue-Thu within the best hours, other weekdays within the working hours; nights and weekends avoided.
    best_hours_start: int = 8
    best_hours_end: int = 11
    working_hours_start: int = 8
    working_hours_end: int = 18
    # Observed in LinkedIn's compose box: 200 characters free, 300 Premium.
    note_limit_free: int = 200
    note_limit_premium: int = 300

    def keep_in_touch_days(self, tier: str) -> int:
        return {
            "close": self.keep_in_touch_close_days,
            "loose": self.keep_in_touch_loose_days,
        }.get(tier, self.keep_in_touch_regular_days)

    @property
    def note_limit(self) -> int:
        return self.note_limit_premium if self.account_type is AccountType.PREMIUM else self.note_limit_free

    def changed(self, **changes: object) -> Settings:
        """A copy with `changes` applied, validated; raises InvalidInput naming the bad setting."""
        known = {f.name for f in fields(self)}
        for key in changes:
            if key not in known:
                raise InvalidInput(f"There is no setting called '{key}'.")
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return settings_from_mapping(values)

    def to_mapping(self) -> dict[str, Any]:
        return {
            key: (str(value) if isinstance(value, AccountType) else value)
            for key, value in dataclasses.asdict(self).items()
        }


_INT_RANGES: dict[str, tuple[int, int]] = {
    "min_engagements": (0, 50),
    "min_engagement_days": (0, 50),
    "note_limit_free": (20, 8000),
    "note_limit_premium": (20, 8000),
    "too_frequent_max_in_window": (1, 100),
    "too_frequent_max_streak": (1, 100),
    "max_follow_ups": (0, 20),
    "monthly_note_allowance": (0, 1000),
    "weekly_request_budget": (0, 1000),
    "best_hours_start": (0, 23),
    "best_hours_end": (1, 24),
    "working_hours_start": (0, 23),
    "working_hours_end": (1, 24),
}


def int_range(name: str) -> tuple[int, int]:
    """The lowest and highest value a whole-number setting takes (forms offer exactly these)."""
    return _INT_RANGES.get(name, (1, 3650))


def settings_from_mapping(values: dict[str, Any]) -> Settings:
    """Validate raw values (from the database, a form, or an archive) into Settings."""
    defaults = Settings()
    clean: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name not in values:
            continue
        value = values[f.name]
        if f.name == "account_type":
            try:
                clean[f.name] = AccountType(value)
            except ValueError:
                raise InvalidInput("The account type must be 'free' or 'premium'.") from None
        elif f.name == "user_time_zone":
            clean[f.name] = None if value in (None, "") else validate_time_zone(value)
        else:
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidInput(f"The setting '{f.name}' must be a whole number, not {value!r}.")
            low, high = int_range(f.name)
            if not low <= value <= high:
                raise InvalidInput(f"The setting '{f.name}' must be between {low} and {high}; {value} is not.")
            clean[f.name] = value
    result = dataclasses.replace(defaults, **clean)
    if result.thank_you_overdue_days < result.thank_you_due_days:
        raise InvalidInput("A thank-you cannot be overdue before it is due: raise 'thank_you_overdue_days'.")
    if result.pending_stale_days < result.pending_check_days:
        raise InvalidInput("'pending_stale_days' must not be shorter than 'pending_check_days'.")
    if not (result.best_hours_start < result.best_hours_end and result.working_hours_start < result.working_hours_end):
        raise InvalidInput("Each window of good hours must start before it ends.")
    if result.min_engagement_days > result.min_engagements:
        raise InvalidInput("Engagements on more days than there are engagements cannot happen: check the two settings.")
    return result


def validate_time_zone(name: object) -> str:
    if not isinstance(name, str) or not name or name.startswith(("/", ".")) or ".." in name:
        raise InvalidInput(f"{name!r} is not a time zone name; use an IANA name such as 'Europe/Berlin'.")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput(f"'{name}' is not a known time zone; use an IANA name such as 'Europe/Berlin'.") from None
    return name


def encode(value: Any) -> str:
    return json.dumps(value)


def decode(text: str) -> Any:
    return json.loads(text)
