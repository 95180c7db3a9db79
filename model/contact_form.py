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
        name = clean_text("A tag", tag, 100)
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return tuple(sorted(seen.values(), key=str.casefold))


def clean_contact(draft: ContactDraft) -> ContactDraft:
    """Validate and normalise a contact's fields; raises InvalidInput with the first problem found."""
    name = clean_text("The name", draft.name, 300)
    if not name:
        raise InvalidInput("A contact needs a name.")
    url = draft.profile_url.strip() if draft.profile_url else ""
    email = clean_text("The email address", draft.email, 320)
    if email and not _EMAIL.match(email):
        raise InvalidInput(f"'{email}' is not an email address.")
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
        headline=clean_text("The headline", draft.headline, 2000),
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
