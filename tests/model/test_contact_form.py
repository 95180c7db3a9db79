"""A contact's fields as forms and imports give them: validation, and the time zone inferred from the location."""

from __future__ import annotations

import dataclasses

import pytest

from model.contact_form import ContactDraft, clean_contact
from model.errors import InvalidInput


@pytest.mark.parametrize(
    ("location", "zone", "expected_zone", "expected_inferred"),
    [
        ("Greater Munich Metropolitan Area", None, "Europe/Berlin", True),
        ("Bengaluru, Karnataka, India", None, "Asia/Kolkata", True),
        ("United States", None, None, False),  # several zones: the person is asked, nothing is guessed
        ("Remote", None, None, False),
        ("Berlin, Germany", "America/New_York", "America/New_York", False),  # a zone the person chose stays
        ("", None, None, False),
    ],
)
def test_the_time_zone_is_inferred_from_the_location_only_when_none_was_chosen(
    location: str, zone: str | None, expected_zone: str | None, expected_inferred: bool
) -> None:
    clean = clean_contact(ContactDraft(name="Ada", location=location, time_zone=zone))
    assert (clean.time_zone, clean.time_zone_inferred) == (expected_zone, expected_inferred)


def test_a_new_location_replaces_an_inferred_zone_but_never_a_chosen_one() -> None:
    inferred = clean_contact(ContactDraft(name="Ada", location="Berlin, Germany"))
    moved = clean_contact(dataclasses.replace(inferred, location="San Francisco Bay Area"))
    assert (moved.time_zone, moved.time_zone_inferred) == ("America/Los_Angeles", True)
    vague = clean_contact(dataclasses.replace(inferred, location="Canada"))
    assert (vague.time_zone, vague.time_zone_inferred) == (None, False), "an old guess is not kept for a new place"
    chosen = clean_contact(dataclasses.replace(inferred, time_zone="Asia/Tokyo", time_zone_inferred=False))
    assert clean_contact(dataclasses.replace(chosen, location="Lima, Peru")).time_zone == "Asia/Tokyo"


def test_bad_fields_are_refused_with_the_field_named() -> None:
    with pytest.raises(InvalidInput, match="needs a name"):
        clean_contact(ContactDraft(name="   "))
    with pytest.raises(InvalidInput, match="not an email address"):
        clean_contact(ContactDraft(name="Ada", email="ada-at-example"))
    with pytest.raises(InvalidInput, match="time zone"):
        clean_contact(ContactDraft(name="Ada", time_zone="Mars/Olympus_Mons"))
