"""Message templates and how they are filled from what Overture knows about a contact (principle 1: personalise)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from model.contact_form import clean_text, enum_value
from model.errors import InvalidInput
from model.records import ContactRecord, EngagementRecord
from model.vocabulary import EngagementKind, FactKind, Intent, MessageKind


@dataclass(frozen=True)
class TemplateRecord:
    id: int
    kind: MessageKind
    # For connection requests: the intent the template states; None when it fits any ({intent} fills it in).
    intent: Intent | None
    name: str
    body: str
    position: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Filled:
    """A template's text with what could be filled in; `unfilled` placeholders stay in the text as `{name}`."""

    text: str
    unfilled: tuple[str, ...]


PLACEHOLDERS: dict[str, str] = {
    "first_name": "Their first name, from the contact's name",
    "company": "Their company",
    "recent_post": "What their newest post was about (a 'recent post' fact)",
    "shared_interest": "An interest you share (the newest 'shared interest' fact)",
    "mutual": "Someone you both know (the newest 'mutual connection' fact)",
    "event": "Where your paths crossed (the newest 'event' fact)",
    "achievement": "Something they achieved (the newest 'achievement' fact)",
    "last_engagement": "Your newest engagement with their content, e.g. 'your post on looms'",
    "intent": "Why you want to connect, as a phrase: 'to swap notes now and then'",
    "my_name": "Your name, from your own profile",
}

# Each completes "I'd like to connect ...": short, plain, and naming the reason (principle 6).
INTENT_PHRASES: dict[Intent, str] = {
    Intent.NETWORKING: "to swap notes now and then",
    Intent.COLLABORATION: "to explore working together",
    Intent.MENTORSHIP: "to learn from your experience",
    Intent.HIRING: "to tell you about a role on my team",
    Intent.JOB_SEARCH: "to hear about roles on your team",
    Intent.LEARNING: "to learn from you",
    Intent.PARTNERSHIP: "to talk about a partnership",
    Intent.OTHER: "to stay in touch",
}

_FACT_PLACEHOLDERS: dict[FactKind, str] = {
    FactKind.RECENT_POST: "recent_post",
    FactKind.SHARED_INTEREST: "shared_interest",
    FactKind.MUTUAL_CONNECTION: "mutual",
    FactKind.EVENT: "event",
    FactKind.ACHIEVEMENT: "achievement",
}

# Linked Helper, 2023: a LinkedIn message holds up to 8,000 characters; no template needs more.
MAX_BODY = 8000
MAX_NAME = 100

# `{name}` with a single pair of braces; `{{...}}` is someone else's template syntax and is left alone.
_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*)\}(?!\})")


def clean_template(
    kind: MessageKind | str, name: str, body: str, intent: Intent | str | None
) -> tuple[MessageKind, str, str, Intent | None]:
    """A template's fields validated; raises InvalidInput with the first problem."""
    clean_kind = enum_value(MessageKind, kind, "The kind of message")
    clean_name = clean_text("The template's name", name, MAX_NAME)
    if not clean_name:
        raise InvalidInput("Give the template a name, so that you can find it again.")
    clean_body = clean_text("The template", body, MAX_BODY)
    if not clean_body:
        raise InvalidInput("Write the template's text.")
    clean_intent = enum_value(Intent, intent, "The intent") if intent else None
    if clean_intent is not None and clean_kind is not MessageKind.CONNECTION_REQUEST:
        raise InvalidInput("Only a connection request's template states an intent.")
    return clean_kind, clean_name, clean_body, clean_intent


def placeholders_in(body: str) -> tuple[str, ...]:
    """The placeholder names a template uses, in order of first appearance."""
    return tuple(dict.fromkeys(_PLACEHOLDER.findall(body)))


def fill(body: str, values: Mapping[str, str]) -> Filled:
    """Replace each `{name}` that has a non-blank value; leave the others, unknown names included, as they are."""
    unfilled: dict[str, None] = {}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name, "").strip()
        if not value:
            unfilled[name] = None
            return match.group(0)
        return value

    return Filled(_PLACEHOLDER.sub(replace, body), tuple(unfilled))


def template_values(contact: ContactRecord, intent: Intent | None, my_name: str | None) -> dict[str, str]:
    """What the placeholders become for this contact; a placeholder without a value is simply absent."""
    values: dict[str, str] = {}
    first = first_name(contact.name)
    if first:
        values["first_name"] = first
    if contact.company.strip():
        values["company"] = contact.company.strip()
    newest: dict[str, datetime] = {}
    for fact in contact.facts:
        key = _FACT_PLACEHOLDERS.get(fact.kind)
        if key is not None and (key not in newest or fact.noted_at > newest[key]):
            newest[key] = fact.noted_at
            values[key] = fact.text.strip().rstrip(".")
    engagement = _newest_engagement(contact.engagements)
    if engagement is not None:
        values["last_engagement"] = engagement_phrase(engagement)
    if intent is not None:
        values["intent"] = INTENT_PHRASES[intent]
    if my_name and my_name.strip():
        values["my_name"] = my_name.strip()
    return values


# Titles and credentials around a display name ("Dr. Ada Lovelace, PhD"): never part of the first name.
# Not "Don": it is also a given name (Don Norman).
_TITLE = re.compile(r"(?i)(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame|herr|frau|mme|mlle)\.?")
# Scripts written without spaces between given and family name (Han, kana, Hangul): the whole name is used.
_UNSPACED_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def first_name(name: str) -> str:
    """The name to greet someone by: the first given name, without titles or credentials.

    "Dr. Ada Lovelace, PhD" -> "Ada"; "María José García-López" -> "María" (compound given names cannot be told
    from a given name plus surname without more knowledge, so the user edits the greeting); "李小龙" -> "李小龙".
    """
    main = name.split(",", 1)[0].strip()  # after a comma come credentials ("PhD", "MBA")
    if _UNSPACED_SCRIPT.search(main):
        return "".join(main.split())
    for token in main.split():
        if _TITLE.fullmatch(token):
            continue
        cleaned = token.strip(".;:!?()[]\"'\u201c\u201d\u2018\u2019")
        # Emoji and other symbols around a name are decoration, not part of it.
        if any(char.isalpha() for char in cleaned):
            return cleaned
    return ""


def _newest_engagement(engagements: tuple[EngagementRecord, ...]) -> EngagementRecord | None:
    # An endorsement is of their skills, not their content: "your post on Python" would be wrong.
    content = [e for e in engagements if e.kind is not EngagementKind.ENDORSEMENT]
    return max(content, key=lambda e: e.occurred_at, default=None)


_CONTENT_NOUN = re.compile(
    r"(?i)^(?:a|an|the|your|their|his|her)\s+"
    r"(post|article|talk|video|comment|newsletter|paper|podcast|thread|reply|presentation|essay|blog post)\b(.*)$"
)


def engagement_phrase(engagement: EngagementRecord) -> str:
    """What the user engaged with, addressed to them: "A post on looms" -> "your post on looms"."""
    target = engagement.target.strip().rstrip(".")
    if not target or target.casefold().startswith(("http://", "https://", "www.")):
        return "your comment" if engagement.kind is EngagementKind.REPLY else "your recent post"
    match = _CONTENT_NOUN.match(target)
    if match:
        return f"your {match.group(1).lower()}{match.group(2)}"
    return f"your post on {target}"
