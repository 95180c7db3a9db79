"""Profile URL normalisation and settings validation."""

from __future__ import annotations

import pytest

from model.errors import InvalidInput
from model.settings import Settings, settings_from_mapping, validate_time_zone
from model.urls import is_openable, normalise_profile_url


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("https://www.linkedin.com/in/ada-lovelace/", "https://www.linkedin.com/in/ada-lovelace"),
        ("http://linkedin.com/in/Ada-Lovelace?trk=public_profile", "https://www.linkedin.com/in/ada-lovelace"),
        ("https://de.linkedin.com/in/J%C3%BCrgen-M%C3%BCller-42/", "https://www.linkedin.com/in/jürgen-müller-42"),
        ("www.linkedin.com/in/grace#about", "https://www.linkedin.com/in/grace"),
        ("  HTTPS://Mastodon.Social/@Gargron/  ", "https://mastodon.social/@Gargron"),
    ],
)
def test_profile_urls_are_normalised(raw: str, normal: str) -> None:
    assert normalise_profile_url(raw) == normal


@pytest.mark.parametrize(
    "raw", ["javascript:alert(1)", "file:///etc/passwd", "ada-lovelace", "https://", "mailto:a@b.c"]
)
def test_only_web_addresses_are_profile_urls(raw: str) -> None:
    with pytest.raises(InvalidInput, match="not a web address"):
        normalise_profile_url(raw)
    assert not is_openable(raw)


@pytest.mark.parametrize("raw", ["http://[::1", "https://example.com:99999/in/ada"])
def test_malformed_addresses_are_refused_with_a_message(raw: str) -> None:
    with pytest.raises(InvalidInput, match="not a valid web address"):
        normalise_profile_url(raw)


def test_defaults_match_the_domain_table() -> None:
    s = Settings()
    assert (s.min_engagements, s.min_engagement_days, s.reinvite_wait_days) == (2, 2, 21)
    assert (s.pending_check_days, s.pending_stale_days) == (7, 21)
    assert (s.thank_you_due_days, s.thank_you_overdue_days, s.thank_you_window_days) == (1, 3, 30)
    assert (s.max_follow_ups, s.follow_up_spacing_days) == (2, 7)
    assert (s.keep_in_touch_close_days, s.keep_in_touch_regular_days, s.keep_in_touch_loose_days) == (30, 90, 180)
    assert (s.engagement_stale_days, s.stale_card_days, s.weekly_request_budget, s.monthly_note_allowance) == (
        14,
        7,
        100,
        5,
    )
    assert (s.note_limit_free, s.note_limit_premium, s.note_limit) == (200, 300, 200)


def test_settings_round_trip_through_their_mapping() -> None:
    changed = Settings().changed(account_type="premium", user_time_zone="America/Sao_Paulo", max_follow_ups=1)
    assert settings_from_mapping(changed.to_mapping()) == changed


@pytest.mark.parametrize("name", ["", "Europe", "Not/AZone", "../../etc/passwd", "/etc/localtime", 5])
def test_time_zones_must_be_iana_names(name: object) -> None:
    with pytest.raises(InvalidInput):
        validate_time_zone(name)
    assert validate_time_zone("Asia/Kolkata") == "Asia/Kolkata"
