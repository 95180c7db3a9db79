"""The composer: message templates (seeded with built-in ones the user may edit) and "remind me at 09:00 their time".

The user's own profile needs no table: it lives in `settings` under keys prefixed `own_profile.`.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from model.vocabulary import Intent, MessageKind, sql_in

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The same fixed-width UTC text as 0001 (a migration keeps its own copy: it must not change with later code).
_TIME_GLOB = (
    "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]"
)
# A reminder's time is a wall-clock time in the recipient's zone, not an instant: 'YYYY-MM-DD HH:MM'.
_WALL_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]"


def _time(column: str, *, nullable: bool = False) -> str:
    check = f"{column} GLOB '{_TIME_GLOB}'"
    if nullable:
        return f"{column} VARCHAR(26) CHECK ({column} IS NULL OR {check})"
    return f"{column} VARCHAR(26) NOT NULL CHECK ({check})"


SCHEMA = [
    f"""CREATE TABLE templates (
        id INTEGER NOT NULL CONSTRAINT pk_templates PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ({sql_in(MessageKind)})),
        intent TEXT CONSTRAINT ck_templates_intent_only_for_requests CHECK (
            intent IS NULL OR (kind = 'connection_request' AND intent IN ({sql_in(Intent)}))),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        body TEXT NOT NULL CHECK (length(trim(body)) > 0),
        position INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
        {_time("created_at")},
        {_time("updated_at")},
        CONSTRAINT uq_templates_kind_name UNIQUE (kind, name)
    )""",
    f"""CREATE TABLE reminders (
        id INTEGER NOT NULL CONSTRAINT pk_reminders PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        wall_time VARCHAR(16) NOT NULL CHECK (wall_time GLOB '{_WALL_GLOB}'),
        zone TEXT NOT NULL CHECK (length(trim(zone)) > 0),
        note TEXT NOT NULL DEFAULT '',
        {_time("created_at")},
        {_time("done_at", nullable=True)}
    )""",
    "CREATE INDEX ix_reminders_contact_id ON reminders (contact_id)",
    # The nudge query reads only open reminders whose wall time may have passed somewhere on Earth.
    "CREATE INDEX ix_reminders_open_wall_time ON reminders (wall_time) WHERE done_at IS NULL",
]

# Built-in templates: ordinary rows, edited or deleted like the user's own. Each connection note stays well under
# the 200 characters of a free account's note when filled with typical values (tests/model/test_templates.py),
# names something specific to the recipient and says why the user writes; none uses LinkedIn's default text or
# a cliché from ../shared/DOMAIN.md.
SEEDED_AT = "2026-11-27 00:00:00.000000"
BUILT_IN: tuple[tuple[str, str | None, str, str], ...] = (
    # (kind, intent, name, body)
    (
        "connection_request",
        "networking",
        "Their recent post",
        "Hi {first_name}, your post on {recent_post} stayed with me. I work on similar questions and would like "
        "to connect to swap notes now and then. {my_name}",
    ),
    (
        "connection_request",
        "networking",
        "Someone we both know",
        "Hi {first_name}, we both know {mutual}, and your work on {shared_interest} is close to mine. I'd like "
        "to connect to swap notes with you. {my_name}",
    ),
    (
        "connection_request",
        "networking",
        "Met at an event",
        "Hi {first_name}, we were both at {event}. I'd like to connect to keep our conversation on "
        "{shared_interest} going. {my_name}",
    ),
    (
        "connection_request",
        "collaboration",
        "Working together",
        "Hi {first_name}, your post on {recent_post} touches what I'm building around {shared_interest}. "
        "I'd like to connect to explore working together. {my_name}",
    ),
    (
        "connection_request",
        "mentorship",
        "Learning from their path",
        "Hi {first_name}, how you wrote about {recent_post} helped me think about my next steps. I'd like to "
        "connect and learn from your experience, at your pace. {my_name}",
    ),
    (
        "connection_request",
        "hiring",
        "A role on my team",
        "Hi {first_name}, your work on {shared_interest} at {company} stood out to me. I'm hiring for my team "
        "and would like to connect to tell you about the role. {my_name}",
    ),
    (
        "connection_request",
        "job_search",
        "Curious about their team",
        "Hi {first_name}, your team's work on {shared_interest} is the kind I hope to do next. I'd like to "
        "connect to hear how you work and which roles you hire for. {my_name}",
    ),
    (
        "connection_request",
        "learning",
        "Learning from their posts",
        "Hi {first_name}, I learned a lot from your post on {recent_post}. I'd like to connect to keep learning "
        "from you, and to share what I try. {my_name}",
    ),
    (
        "connection_request",
        "partnership",
        "A possible partnership",
        "Hi {first_name}, {company}'s work on {shared_interest} fits what my team does. I'd like to connect to "
        "talk about a partnership. {my_name}",
    ),
    (
        "connection_request",
        None,
        "After engaging with them",
        "Hi {first_name}, I enjoyed {last_engagement}, and we share an interest in {shared_interest}. "
        "I'd like to connect {intent}. {my_name}",
    ),
    (
        "thank_you",
        None,
        "Thanks, with a question",
        "Thank you for connecting, {first_name}. What are you focusing on at {company} these days? "
        "I'd enjoy hearing about it. {my_name}",
    ),
    (
        "thank_you",
        None,
        "Thanks, about their post",
        "Thanks for accepting, {first_name}! Your post on {recent_post} is why I reached out. "
        "What got you started on it? {my_name}",
    ),
    (
        "thank_you",
        None,
        "Thanks, after an event",
        "Thank you for connecting, {first_name}. Good to continue what started at {event}. Is there anything "
        "from my side on {shared_interest} that would help you? {my_name}",
    ),
    (
        "follow_up",
        None,
        "Gentle follow-up",
        "Hi {first_name}, following up on my last message, with no rush at all. I'd still value your view on "
        "{shared_interest} when you have a moment. {my_name}",
    ),
    (
        "follow_up",
        None,
        "Something useful",
        "Hi {first_name}, I read something this week that builds on your post on {recent_post} and thought of "
        "you. Shall I send it over? {my_name}",
    ),
    (
        "other",
        None,
        "Catching up",
        "Hi {first_name}, it's been a while. How is your work on {shared_interest} going at {company}? "
        "I'd enjoy catching up. {my_name}",
    ),
    (
        "other",
        None,
        "Congratulations",
        "Hi {first_name}, congratulations on {achievement}! What was the hardest part to get right? {my_name}",
    ),
)


def upgrade() -> None:
    for statement in SCHEMA:
        op.execute(statement)
    positions: dict[str, int] = {}
    insert = text(
        "INSERT INTO templates (kind, intent, name, body, position, created_at, updated_at) "
        "VALUES (:kind, :intent, :name, :body, :position, :at, :at)"
    )
    for kind, intent, name, body in BUILT_IN:
        position = positions.get(kind, 0)
        positions[kind] = position + 1
        op.get_bind().execute(
            insert,
            {"kind": kind, "intent": intent, "name": name, "body": body, "position": position, "at": SEEDED_AT},
        )


def downgrade() -> None:
    op.execute("DROP TABLE reminders")
    op.execute("DROP TABLE templates")
    op.execute("DELETE FROM settings WHERE key LIKE 'own\\_profile.%' ESCAPE '\\'")
