"""Short phrases built from one profile fact or one logged engagement, for the composer to insert (principle 1).

Each phrase is about the recipient and names the specific thing, so that a note built from it is verifiably
personal; the person edits it from there.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.records import ContactRecord, EngagementRecord, FactRecord
from model.vocabulary import EngagementKind, FactKind

# At most this many of the newest engagements are offered: older ones say little about now.
RECENT_ENGAGEMENTS = 5

_FACT_PHRASES = {
    FactKind.RECENT_POST: "Your recent post on {text} got me thinking.",
    FactKind.SHARED_INTEREST: "We share an interest in {text}.",
    FactKind.MUTUAL_CONNECTION: "{text} and I know each other, and spoke highly of you.",
    FactKind.EVENT: "I saw you at {text}.",
    FactKind.ACHIEVEMENT: "Congratulations on {text}!",
    FactKind.OTHER: "{text}",
}
_ENGAGEMENT_PHRASES = {
    EngagementKind.LIKE: "I enjoyed your post on {text}.",
    EngagementKind.COMMENT: "I commented on your post on {text} and would like to keep the conversation going.",
    EngagementKind.SHARE: "I shared your post on {text} with my team.",
    EngagementKind.REPLY: "Thanks for your reply on {text}.",
    EngagementKind.ENDORSEMENT: "I endorsed you for {text}: well deserved.",
    EngagementKind.OTHER: "{text}",
}
_FACT_LABELS = {
    FactKind.RECENT_POST: "Recent post",
    FactKind.SHARED_INTEREST: "Shared interest",
    FactKind.MUTUAL_CONNECTION: "Mutual connection",
    FactKind.EVENT: "Event",
    FactKind.ACHIEVEMENT: "Achievement",
    FactKind.OTHER: "Fact",
}
_ENGAGEMENT_LABELS = {
    EngagementKind.LIKE: "You liked",
    EngagementKind.COMMENT: "You commented on",
    EngagementKind.SHARE: "You shared",
    EngagementKind.REPLY: "They replied on",
    EngagementKind.ENDORSEMENT: "You endorsed",
    EngagementKind.OTHER: "Engagement",
}


@dataclass(frozen=True)
class Specific:
    """Something specific to the recipient: what the list shows (`label`, `text`) and what a click inserts."""

    label: str
    text: str
    phrase: str


def _clean(text: str) -> str:
    return " ".join(text.split()).rstrip(" .!?")


def fact_specific(fact: FactRecord) -> Specific:
    text = _clean(fact.text)
    return Specific(_FACT_LABELS[fact.kind], text, _FACT_PHRASES[fact.kind].format(text=text))


def engagement_specific(engagement: EngagementRecord) -> Specific | None:
    text = _clean(engagement.target)
    if not text:
        return None  # "liked something" gives the note nothing specific to say
    return Specific(_ENGAGEMENT_LABELS[engagement.kind], text, _ENGAGEMENT_PHRASES[engagement.kind].format(text=text))


def specifics(contact: ContactRecord) -> list[Specific]:
    """The contact's facts (newest first), then their most recent engagements, one of each distinct text."""
    found: list[Specific] = []
    seen: set[str] = set()
    candidates: list[Specific | None] = [fact_specific(fact) for fact in contact.facts]
    candidates += [engagement_specific(e) for e in contact.engagements[:RECENT_ENGAGEMENTS]]
    for specific in candidates:
        if specific is not None and specific.phrase.casefold() not in seen:
            seen.add(specific.phrase.casefold())
            found.append(specific)
    return found
