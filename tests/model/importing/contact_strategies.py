"""Hypothesis strategies for contacts as the exports write them, and how a read-back person is compared."""

from __future__ import annotations

from datetime import UTC

from hypothesis import strategies as st

from model.importing.records import ContactOut, PersonIn
from model.vocabulary import Stage, Tier

# Any printable text, trimmed as the contact form trims it, with what the formats treat specially mixed in: the
# vCard escapes, CSV quotes, a spreadsheet's formula marks, line breaks and emoji (one of several code points).
# Control characters and lone surrogates never reach a contact (the form refuses NUL; the database holds UTF-8).
_characters = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t")
_special = st.sampled_from(["=", "+", "-", "@", ",", ";", ":", "\n", "\\", "\\n", '"', "'", "🧮", "👩🏽‍💻", "é", "\t"])
text = st.lists(_special | st.text(_characters, max_size=15), max_size=6).map("".join).map(str.strip)
# Google's value separator, the tag separators and its system-group marks are read as such, so tags avoid them.
_tag = (
    st.lists(_special | st.text(_characters, max_size=10), min_size=1, max_size=3)
    .map("".join)
    .map(str.strip)
    .filter(lambda tag: tag and not any(mark in tag for mark in ",;:") and not tag.startswith("* "))
    .filter(lambda tag: tag != "myContacts")
)
_slug = st.from_regex(r"[a-z0-9][a-z0-9-]{1,28}[a-z0-9]", fullmatch=True)
profile_urls = (
    st.none() | _slug.map("https://www.linkedin.com/in/{}".format) | _slug.map("https://example.social/@{}".format)
)
_moment = st.datetimes(timezones=st.just(UTC))


def _single_value(value: str) -> bool:
    return " ::: " not in value


contacts = st.builds(
    ContactOut,
    name=text.filter(bool),
    company=text.filter(_single_value),
    position=text.filter(_single_value),
    headline=text,
    location=text.filter(_single_value),
    email=st.just("") | st.emails(),
    profile_url=profile_urls,
    time_zone=st.none() | st.sampled_from(["Europe/London", "America/New_York", "Asia/Kolkata"]),
    stage=st.sampled_from([stage.value for stage in Stage]),
    tier=st.sampled_from([tier.value for tier in Tier]),
    tags=st.lists(_tag, max_size=4, unique_by=str.casefold).map(lambda tags: tuple(sorted(tags, key=str.casefold))),
    notes=text,
    connected_at=st.none() | _moment,
    updated_at=_moment,
)


def read_back(person: PersonIn) -> tuple[object, ...]:
    return (
        person.name,
        person.company,
        person.position,
        person.headline,
        person.location,
        person.email,
        person.profile_url,
        person.notes,
        person.tags,
    )


def written(contact: ContactOut) -> tuple[object, ...]:
    return (
        contact.name,
        contact.company,
        contact.position,
        contact.headline,
        contact.location,
        contact.email,
        contact.profile_url,
        contact.notes,
        contact.tags,
    )
