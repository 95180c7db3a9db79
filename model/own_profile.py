"""The user's own profile as a checklist with a completeness figure (principle 3: your own profile is credible).

People look at the profile of whoever asks to connect before they accept, so the composer warns before a request
while the profile is weak. The profile is stored in the settings table under keys prefixed `own_profile.`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from model.contact_form import clean_text
from model.errors import InvalidInput

SETTINGS_PREFIX = "own_profile."


@dataclass(frozen=True)
class OwnProfile:
    name: str | None = None  # for {my_name} in templates
    has_photo: bool = False
    headline: str = ""
    has_about: bool = False  # an About section exists, whether or not its text was pasted here
    about: str = ""  # the About text, when pasted: then it is checked too
    current_role: str = ""
    current_role_description: str = ""
    past_roles: int = 0
    skills_count: int = 0
    has_featured: bool = False


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    advice: str  # what to do next; empty when the item is done


# LinkedIn's former "All-Star" profile strength asked for a photo, a current position with a description, past
# positions, a summary and at least three skills; the weights are our choice, photo and headline first because
# they are what a person sees next to the request.
WEIGHTS: dict[str, int] = {
    "photo": 20,
    "headline": 20,
    "about": 15,
    "current_role": 15,
    "past_roles": 10,
    "skills": 10,
    "featured": 10,
}
WARN_BELOW = 80  # percent
MIN_SKILLS = 3
# LinkedIn's limits: a headline holds 220 characters, an About 2,600. Under 30 a headline is a bare job title;
# under 200 an About is a line, not an introduction.
HEADLINE_MIN, HEADLINE_MAX = 30, 220
ABOUT_MIN, ABOUT_MAX = 200, 2600

# Self-descriptions a reader cannot check, and that every other profile uses.
_CLICHES = re.compile(
    r"(?i)(?<!\w)(?:passionate|ninja|guru|rock\s?star|wizard|evangelist at heart|thought leader|visionary|"
    r"self[- ]starter|go[- ]getter|results[- ]driven|hard[- ]?working|detail[- ]oriented|"
    r"(?:seeking|looking\s+for)\s+(?:new\s+)?opportunities)(?!\w)"
)
# Words that take a headline past a job title: what the person works on, for whom, with what ("Data engineer
# building open tools for climate research").
_BEYOND_TITLE = re.compile(
    "(?i)[|/;:,+&\u00b7\u2022\u2013\u2014]|"
    r"(?<!\w)(?:helping|help|helps|building|build|builds|making|for|who|with|on|in|about|"
    r"turning|writing|teaching|leading|creating)(?!\w)"
)
_TITLE_MAX_WORDS = 7


def checklist(profile: OwnProfile) -> list[ChecklistItem]:
    items = [
        ChecklistItem(
            "photo",
            "Photo",
            profile.has_photo,
            "" if profile.has_photo else "Add a clear, recent photo of your face: people accept faces they can see.",
        ),
        _headline(profile),
        _about(profile),
        _current_role(profile),
        ChecklistItem(
            "past_roles",
            "Past roles",
            profile.past_roles >= 1,
            "" if profile.past_roles >= 1 else "Add at least one past role: it shows the path that led you here.",
        ),
        ChecklistItem(
            "skills",
            f"At least {MIN_SKILLS} skills",
            profile.skills_count >= MIN_SKILLS,
            ""
            if profile.skills_count >= MIN_SKILLS
            else f"List at least {MIN_SKILLS} skills (you have {profile.skills_count}).",
        ),
        ChecklistItem(
            "featured",
            "Featured work or achievements",
            profile.has_featured,
            ""
            if profile.has_featured
            else "Feature one piece of work (a post, a project, an article) or an achievement.",
        ),
    ]
    return items


def completeness(profile: OwnProfile) -> int:
    """Percent of the checklist's weight (WEIGHTS) that is done."""
    return sum(WEIGHTS[item.key] for item in checklist(profile) if item.done) * 100 // sum(WEIGHTS.values())


def profile_warning(profile: OwnProfile) -> str | None:
    """What the composer says before a request while the profile is weak; None from 80% on."""
    percent = completeness(profile)
    if percent >= WARN_BELOW:
        return None
    missing = sorted((item for item in checklist(profile) if not item.done), key=lambda item: -WEIGHTS[item.key])
    first = "; ".join(item.label.lower() for item in missing[:3])
    return (
        f"Your own profile is {percent}% complete: people look at it before they accept a request. Start with: {first}."
    )


def _headline(profile: OwnProfile) -> ChecklistItem:
    headline = profile.headline.strip()
    length = len(headline)
    cliche = _CLICHES.search(headline)
    if not headline:
        advice = "Write a headline that says what you work on and for whom, not only your job title."
    elif length < HEADLINE_MIN:
        advice = (
            f"Your headline has {length} characters: say what you work on and for whom "
            f"({HEADLINE_MIN}-{HEADLINE_MAX} characters)."
        )
    elif length > HEADLINE_MAX:
        advice = f"LinkedIn keeps {HEADLINE_MAX} characters of a headline; yours has {length}."
    elif cliche:
        advice = f"Replace '{cliche.group(0)}' with something a reader can check: what you work on, for whom."
    elif _only_a_title(headline, profile.current_role):
        advice = "Your headline is only a job title: add what you work on or for whom."
    else:
        advice = ""
    return ChecklistItem("headline", "Headline", not advice, advice)


def _only_a_title(headline: str, current_role: str) -> bool:
    if current_role.strip() and headline.casefold() == current_role.strip().casefold():
        return True
    # "Senior Software Engineer at Analytical Engines": a title and an employer, still nothing about the work.
    return not _BEYOND_TITLE.search(headline) and len(headline.split()) <= _TITLE_MAX_WORDS


def _about(profile: OwnProfile) -> ChecklistItem:
    about = profile.about.strip()
    length = len(about)
    cliche = _CLICHES.search(about)
    if not about and not profile.has_about:
        advice = "Add an About section: a few sentences on what you work on, for whom, and one result."
    elif not about:
        advice = ""  # present on LinkedIn, not pasted here: nothing to check
    elif length < ABOUT_MIN:
        advice = (
            f"Your About has {length} characters: aim for at least {ABOUT_MIN} (what you work on, for whom, "
            "one result)."
        )
    elif length > ABOUT_MAX:
        advice = f"LinkedIn keeps {ABOUT_MAX:,} characters of an About; yours has {length:,}."
    elif cliche:
        advice = f"Replace '{cliche.group(0)}' in your About with something a reader can check."
    else:
        advice = ""
    return ChecklistItem("about", "About", not advice, advice)


def _current_role(profile: OwnProfile) -> ChecklistItem:
    if not profile.current_role.strip():
        advice = "Add your current role (or what you are working on now)."
    elif not profile.current_role_description.strip():
        advice = "Describe your current role in a sentence or two: what you do there and one result."
    else:
        advice = ""
    return ChecklistItem("current_role", "Current role with a description", not advice, advice)


# -- storage and validation --------------------------------------------------------------------------------

_TEXT_LIMITS = {
    "name": 300,
    "headline": 2000,
    "about": 20_000,
    "current_role": 500,
    "current_role_description": 20_000,
}
COUNT_MAX = 1000  # past roles, skills: the highest count a form offers and the model accepts
_LABELS = {
    "name": "Your name",
    "headline": "The headline",
    "about": "The About text",
    "current_role": "The current role",
    "current_role_description": "The role's description",
    "past_roles": "The number of past roles",
    "skills_count": "The number of skills",
    "has_photo": "'Has a photo'",
    "has_about": "'Has an About'",
    "has_featured": "'Has featured work'",
}
FIELDS = tuple(f.name for f in fields(OwnProfile))


def _clean(field: str, value: object) -> Any:
    label = _LABELS[field]
    if field.startswith("has_"):
        if not isinstance(value, bool):
            raise InvalidInput(f"{label} must be true or false.")
        return value
    if field in ("past_roles", "skills_count"):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= COUNT_MAX:
            raise InvalidInput(f"{label} must be a whole number from 0 to {COUNT_MAX}, not {value!r}.")
        return value
    if field == "name":
        if value is None:
            return None
        return clean_text(label, value, _TEXT_LIMITS[field]) or None
    return clean_text(label, value, _TEXT_LIMITS[field])


def changed_profile(profile: OwnProfile, **changes: object) -> OwnProfile:
    """A copy with `changes` applied, validated; raises InvalidInput naming the bad field."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise InvalidInput(f"Your profile has no field called {', '.join(sorted(unknown))}.")
    return dataclasses.replace(profile, **{key: _clean(key, value) for key, value in changes.items()})


def profile_from_settings(stored: Mapping[str, Any]) -> OwnProfile:
    """The profile from decoded settings rows; keys outside the profile are ignored, like unknown settings."""
    values = {
        key[len(SETTINGS_PREFIX) :]: value
        for key, value in stored.items()
        if key.startswith(SETTINGS_PREFIX) and key[len(SETTINGS_PREFIX) :] in FIELDS
    }
    return changed_profile(OwnProfile(), **values)


def profile_to_settings(profile: OwnProfile, names: Iterable[str] = FIELDS) -> dict[str, Any]:
    """Settings rows (key -> value to encode) for the named fields."""
    return {SETTINGS_PREFIX + name: getattr(profile, name) for name in names}
