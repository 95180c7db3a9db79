"""The domain's closed vocabularies: stages, kinds, intents and tiers, shared by rules, schema and archive."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    SPOTTED = "spotted"
    ENGAGING = "engaging"
    REQUESTED = "requested"
    CONNECTED = "connected"
    NURTURING = "nurturing"
    PARKED = "parked"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# The pipeline's forward order; Parked sits outside it.
PIPELINE: tuple[Stage, ...] = (
    Stage.SPOTTED,
    Stage.ENGAGING,
    Stage.REQUESTED,
    Stage.CONNECTED,
    Stage.NURTURING,
)


class Tier(StrEnum):
    CLOSE = "close"
    REGULAR = "regular"
    LOOSE = "loose"


class FactKind(StrEnum):
    RECENT_POST = "recent_post"
    SHARED_INTEREST = "shared_interest"
    MUTUAL_CONNECTION = "mutual_connection"
    EVENT = "event"
    ACHIEVEMENT = "achievement"
    OTHER = "other"


class EngagementKind(StrEnum):
    LIKE = "like"
    COMMENT = "comment"
    SHARE = "share"
    REPLY = "reply"
    ENDORSEMENT = "endorsement"
    OTHER = "other"


class MessageKind(StrEnum):
    CONNECTION_REQUEST = "connection_request"
    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    OTHER = "other"


class Direction(StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


class Intent(StrEnum):
    NETWORKING = "networking"
    COLLABORATION = "collaboration"
    MENTORSHIP = "mentorship"
    HIRING = "hiring"
    JOB_SEARCH = "job_search"
    LEARNING = "learning"
    PARTNERSHIP = "partnership"
    OTHER = "other"


class AccountType(StrEnum):
    FREE = "free"
    PREMIUM = "premium"


def sql_in(enum: type[StrEnum]) -> str:
    """The enum's values as an SQL list, for CHECK constraints."""
    return ", ".join(f"'{member.value}'" for member in enum)


# The fields a CSV column can map to, with the label the import's mapping step shows (the command line's --column
# names them too).
CSV_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "Full name"),
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("company", "Company"),
    ("position", "Position"),
    ("headline", "Headline"),
    ("location", "Location"),
    ("email", "Email"),
    ("profile_url", "Profile URL"),
    ("notes", "Notes"),
    ("tags", "Tags"),
)
