"""The editable fields of a contact and their validation, shared by services, forms and imports (no database)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import TypeVar

from model.errors import InvalidInput
from model.settings import validate_time_zone
from model.urls import normalise_profile_url
from model.vocabulary import Direction, EngagementKind, FactKind, Intent, MessageKind, Stage, Tier
from model.zones import infer_zone

E = TypeVar("E", Tier, FactKind, EngagementKind, MessageKind, Direction, Intent, Stage)

# Generous limits that no real profile reaches; past them input is refused, never silently cut.
MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 100_000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ContactDraft:
    """The editable fields of a contact, as a form or an import supplies them."""

    name: str
    headline: str = ""
    company: str = ""
    position: str = ""
    location: str = ""
    time_zone: str | None = None
    time_zone_inferred: bool = False
    profile_url: str | None = None
    network: str = "linkedin"
    email: str = ""
    tier: Tier = Tier.REGULAR
    tags: tuple[str, ...] = ()
    notes: str = ""


EDITABLE = frozenset(f.name for f in fields(ContactDraft))


def clean_text(label: str, value: object, limit: int = MAX_SHORT_TEXT) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{label} must be text.")
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(f"{label} is {len(value):,} characters long; the limit is {limit:,}.")
    if "\x00" in value:
        raise InvalidInput(f"{label} contains a NUL character.")
    return value


def enum_value(kind: type[E], value: object, label: str) -> E:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise InvalidInput(f"{label} must be one of: {allowed} (not {value!r}).") from None


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for tag in tags:
        name = clean_text("A tag", tag, TAG_LIMIT)
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return tuple(sorted(seen.values(), key=str.casefold))


NAME_LIMIT = 300
EMAIL_LIMIT = 320
HEADLINE_LIMIT = 2000
TAG_LIMIT = 100


def clean_email(value: object) -> str:
    email = clean_text("The email address", value, EMAIL_LIMIT)
    if email and not _EMAIL.match(email):
        raise InvalidInput(f"'{email}' is not an email address.")
    return email


def imported_problem(
    name: str, headline: str, company: str, position: str, location: str, email: str, notes: str, tags: Iterable[str]
) -> str | None:
    """What clean_contact would refuse in a record an import brings (a length past its limit, a NUL character, an
    e-mail that is none), or None: a contact the form could not save must not come in by an import, where every
    later edit of it would fail. Only the checks, without clean_contact's normalising work (30,000 a LinkedIn
    import)."""
    # The common case at a glance (lengths before stripping bound those after): 0.04 s for 30,000 connections where
    # the full checks take 0.09 s.
    if (
        len(name) <= NAME_LIMIT
        and len(headline) <= HEADLINE_LIMIT
        and max(len(company), len(position), len(location)) <= MAX_SHORT_TEXT
        and len(notes) <= MAX_LONG_TEXT
        and "\x00" not in f"{name}{headline}{company}{position}{location}{email}{notes}"
        and (not email or (len(email) <= EMAIL_LIMIT and _EMAIL.match(email.strip())))
        and all(len(tag) <= TAG_LIMIT and "\x00" not in tag for tag in tags)
    ):
        return None
    try:
        clean_text("The name", name, NAME_LIMIT)
        clean_text("The headline", headline, HEADLINE_LIMIT)
        for label, value in (("The company", company), ("The position", position), ("The location", location)):
            clean_text(label, value)
        clean_email(email)
        clean_text("The notes", notes, MAX_LONG_TEXT)
        clean_tags(tags)
    except InvalidInput as problem:
        return str(problem)
    return None


def clean_contact(draft: ContactDraft) -> ContactDraft:
    """Validate and normalise a contact's fields; raises InvalidInput with the first problem found."""
    name = clean_text("The name", draft.name, NAME_LIMIT)
    if not name:
        raise InvalidInput("A contact needs a name.")
    url = draft.profile_url.strip() if draft.profile_url else ""
    email = clean_email(draft.email)
    network = clean_text("The network", draft.network, 50).lower() or "linkedin"
    location = clean_text("The location", draft.location)
    zone = validate_time_zone(draft.time_zone) if draft.time_zone else None
    inferred = bool(draft.time_zone_inferred and zone)
    if location and (zone is None or inferred):
        # A zone the person chose stays; otherwise the location speaks (DOMAIN.md, "Time"), shown as inferred.
        guess = infer_zone(location)
        if guess.zone is not None:
            zone, inferred = guess.zone, True
        elif inferred:
            zone, inferred = None, False  # the new location no longer supports the old guess
    return ContactDraft(
        name=name,
        headline=clean_text("The headline", draft.headline, HEADLINE_LIMIT),
        company=clean_text("The company", draft.company),
        position=clean_text("The position", draft.position),
        location=location,
        time_zone=zone,
        time_zone_inferred=inferred,
        profile_url=normalise_profile_url(url) if url else None,
        network=network,
        email=email,
        tier=enum_value(Tier, draft.tier, "The tier"),
        tags=clean_tags(draft.tags),
        notes=clean_text("The notes", draft.notes, MAX_LONG_TEXT),
    )
