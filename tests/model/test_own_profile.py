"""The own-profile checklist: each item's rule, the completeness figure, the warning, and storage in settings."""

from __future__ import annotations

import dataclasses

import pytest

from model.errors import InvalidInput
from model.own_profile import (
    WEIGHTS,
    OwnProfile,
    checklist,
    completeness,
    profile_from_settings,
    profile_warning,
)
from model.services import Services

ABOUT = (
    "I build tools that help small museums publish their collections online. Over the last six years my team "
    "moved 40,000 records from spreadsheets into an open catalogue, and cut the time to publish a new object from "
    "a week to an hour. I write about metadata, volunteers and the joy of a clean import."
)
COMPLETE = OwnProfile(
    name="Charles Babbage",
    has_photo=True,
    headline="Data engineer building open catalogue tools for small museums",
    has_about=True,
    about=ABOUT,
    current_role="Data engineer",
    current_role_description="I run the import pipeline for 30 museums.",
    past_roles=2,
    skills_count=12,
    has_featured=True,
)


def item(profile: OwnProfile, key: str) -> tuple[bool, str]:
    (found,) = [i for i in checklist(profile) if i.key == key]
    return found.done, found.advice


def test_a_complete_profile_is_100_percent_without_warning() -> None:
    assert [i.key for i in checklist(COMPLETE)] == list(WEIGHTS)
    assert all(i.done and i.advice == "" for i in checklist(COMPLETE))
    assert completeness(COMPLETE) == 100
    assert profile_warning(COMPLETE) is None


def test_an_empty_profile_is_0_percent_and_says_where_to_start() -> None:
    assert completeness(OwnProfile()) == 0
    assert profile_warning(OwnProfile()) == (
        "Your own profile is 0% complete: people look at it before they accept a request. "
        "Start with: photo; headline; about."
    )


def test_the_weights_add_up_and_the_warning_starts_below_80_percent() -> None:
    assert sum(WEIGHTS.values()) == 100
    no_featured = dataclasses.replace(COMPLETE, has_featured=False)
    assert completeness(no_featured) == 90
    assert profile_warning(no_featured) is None
    no_photo = dataclasses.replace(COMPLETE, has_photo=False)
    assert completeness(no_photo) == 80
    assert profile_warning(no_photo) is None, "80% is not below 80%"
    neither = dataclasses.replace(no_photo, has_featured=False)
    assert completeness(neither) == 70
    warning = profile_warning(neither)
    assert warning is not None and "70% complete" in warning and "Start with: photo; featured work" in warning


@pytest.mark.parametrize(
    ("headline", "done", "advice"),
    [
        ("", False, "Write a headline"),
        ("Data engineer", False, "Your headline has 13 characters"),
        ("x" * 221, False, "LinkedIn keeps 220 characters of a headline; yours has 221"),
        ("Passionate data engineer building museum catalogues", False, "Replace 'Passionate'"),
        ("Sales ninja | helping teams close faster every quarter", False, "Replace 'ninja'"),
        ("Experienced engineer seeking new opportunities in data", False, "Replace 'seeking new opportunities'"),
        ("Senior Software Engineer at Analytical Engines", False, "only a job title"),
        ("Principal Data Platform Engineer (Remote)", False, "only a job title"),
        ("Data engineer building open catalogue tools for small museums", True, ""),
        ("Data engineer · open catalogues · museums and archives", True, ""),
    ],
)
def test_the_headline_must_be_present_and_specific(headline: str, done: bool, advice: str) -> None:
    found_done, found_advice = item(dataclasses.replace(COMPLETE, headline=headline), "headline")
    assert found_done is done
    assert advice in found_advice if advice else found_advice == ""


def test_a_headline_equal_to_the_current_role_is_only_a_title() -> None:
    title = "Head of Data Platform for Museums and Archives"  # long and with "for", but only the role
    profile = dataclasses.replace(COMPLETE, headline=title, current_role=title.upper())
    assert item(profile, "headline") == (False, "Your headline is only a job title: add what you work on or for whom.")


@pytest.mark.parametrize(
    ("has_about", "about", "done", "advice"),
    [
        (False, "", False, "Add an About section"),
        (True, "", True, ""),  # present on LinkedIn, not pasted: nothing to check
        (False, "I build museum catalogues.", False, "Your About has 26 characters: aim for at least 200"),
        (True, "x" * 2601, False, "LinkedIn keeps 2,600 characters of an About; yours has 2,601"),
        (True, ABOUT.replace("I build", "As a results-driven engineer, I build"), False, "Replace 'results-driven'"),
        (False, ABOUT, True, ""),
    ],
)
def test_the_about_is_present_and_when_pasted_long_enough_and_specific(
    has_about: bool, about: str, done: bool, advice: str
) -> None:
    found_done, found_advice = item(dataclasses.replace(COMPLETE, has_about=has_about, about=about), "about")
    assert found_done is done
    assert advice in found_advice if advice else found_advice == ""


def test_roles_skills_and_featured() -> None:
    assert item(dataclasses.replace(COMPLETE, current_role=""), "current_role")[0] is False
    no_description = dataclasses.replace(COMPLETE, current_role_description=" ")
    assert item(no_description, "current_role") == (
        False,
        "Describe your current role in a sentence or two: what you do there and one result.",
    )
    assert item(dataclasses.replace(COMPLETE, past_roles=0), "past_roles")[0] is False
    assert item(dataclasses.replace(COMPLETE, skills_count=2), "skills") == (
        False,
        "List at least 3 skills (you have 2).",
    )
    assert item(dataclasses.replace(COMPLETE, skills_count=3), "skills")[0] is True
    assert item(dataclasses.replace(COMPLETE, has_featured=False), "featured")[0] is False


def test_the_profile_is_stored_in_the_settings_and_validated(services: Services) -> None:
    assert services.own_profile() == OwnProfile()
    updated = services.update_own_profile(has_photo=True, headline="  Data engineer  ", skills_count=4)
    assert (updated.has_photo, updated.headline, updated.skills_count) == (True, "Data engineer", 4)
    assert services.own_profile() == updated
    services.update_own_profile(name="  ")
    assert services.own_profile().name is None
    assert services.settings() == services.settings().changed(), "ordinary settings are unaffected"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"has_photo": "yes"}, "'Has a photo' must be true or false"),
        ({"skills_count": -1}, "must be a whole number from 0 to 1000"),
        ({"past_roles": True}, "must be a whole number"),
        ({"headline": 42}, "The headline must be text"),
        ({"about": "x" * 20_001}, "the limit is 20,000"),
        ({"favourite_colour": "blue"}, "Your profile has no field called favourite_colour"),
    ],
)
def test_bad_profile_values_are_refused_and_nothing_changes(
    services: Services, changes: dict[str, object], message: str
) -> None:
    services.update_own_profile(has_photo=True)
    with pytest.raises(InvalidInput, match=message):
        services.update_own_profile(**{"current_role": "Changed", **changes})
    assert services.own_profile() == OwnProfile(has_photo=True)


def test_unknown_own_profile_keys_are_ignored_like_unknown_settings() -> None:
    assert profile_from_settings({"own_profile.shoe_size": 44, "own_profile.has_photo": True}) == OwnProfile(
        has_photo=True
    )
