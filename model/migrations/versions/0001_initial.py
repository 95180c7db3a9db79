"""The initial schema: contacts and their history, with the pipeline's rules enforced by the database itself.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

from model.vocabulary import (
    PIPELINE,
    Direction,
    EngagementKind,
    FactKind,
    Intent,
    MessageKind,
    Stage,
    Tier,
    sql_in,
)

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

STAGES = sql_in(Stage)
PIPELINE_STAGES = ", ".join(f"'{stage.value}'" for stage in PIPELINE)
# Every instant is UTC text of one fixed width: 'YYYY-MM-DD HH:MM:SS.ffffff'.
_TIME_GLOB = (
    "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]"
)


def _time(column: str, *, nullable: bool = False) -> str:
    check = f"{column} GLOB '{_TIME_GLOB}'"
    if nullable:
        return f"{column} VARCHAR(26) CHECK ({column} IS NULL OR {check})"
    return f"{column} VARCHAR(26) NOT NULL CHECK ({check})"


def _setting(key: str, default: int) -> str:
    # The same thresholds the Python rules read; a user's change applies to both.
    return f"coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = '{key}'), {default})"


_PENDING_REQUEST = """
    EXISTS (SELECT 1 FROM messages r WHERE r.contact_id = NEW.id AND r.kind = 'connection_request'
            AND r.direction = 'outgoing' AND r.accepted_at IS NULL AND r.withdrawn_at IS NULL)"""

_ENGAGED_ENOUGH = f"""
    (SELECT count(*) >= {_setting("min_engagements", 2)}
            AND count(DISTINCT substr(e.occurred_at, 1, 10)) >= {_setting("min_engagement_days", 2)}
       FROM engagements e WHERE e.contact_id = NEW.id)"""

_NO_RECENT_WITHDRAWAL = f"""
    NOT EXISTS (SELECT 1 FROM messages w JOIN messages r ON r.contact_id = w.contact_id
                WHERE w.contact_id = NEW.id AND w.withdrawn_at IS NOT NULL
                  AND r.kind = 'connection_request' AND r.direction = 'outgoing'
                  AND r.accepted_at IS NULL AND r.withdrawn_at IS NULL
                  AND julianday(r.sent_at) - julianday(w.withdrawn_at) < {_setting("reinvite_wait_days", 21)})"""

_LEGAL_MOVE = f"""
       (NEW.stage = 'parked' AND NEW.parked_from = OLD.stage)
    OR (OLD.stage = 'parked' AND NEW.stage = OLD.parked_from)
    OR (OLD.stage = 'spotted' AND NEW.stage = 'engaging'
        AND EXISTS (SELECT 1 FROM engagements e WHERE e.contact_id = NEW.id))
    OR (OLD.stage = 'engaging' AND NEW.stage = 'requested'
        AND {_ENGAGED_ENOUGH} AND {_PENDING_REQUEST} AND {_NO_RECENT_WITHDRAWAL})
    OR (OLD.stage = 'requested' AND NEW.stage = 'connected'
        AND EXISTS (SELECT 1 FROM messages r WHERE r.contact_id = NEW.id AND r.kind = 'connection_request'
                    AND r.direction = 'outgoing' AND r.accepted_at IS NOT NULL))
    OR (OLD.stage = 'requested' AND NEW.stage = 'engaging' AND NOT {_PENDING_REQUEST}
        AND EXISTS (SELECT 1 FROM messages r WHERE r.contact_id = NEW.id AND r.withdrawn_at IS NOT NULL))
    OR (OLD.stage = 'connected' AND NEW.stage = 'nurturing'
        AND EXISTS (SELECT 1 FROM messages m WHERE m.contact_id = NEW.id AND m.direction = 'outgoing'
                    AND m.kind <> 'connection_request' AND m.sent_at >= NEW.connected_at))"""

SCHEMA = [
    """CREATE TABLE settings (
        key TEXT NOT NULL CONSTRAINT pk_settings PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    # AUTOINCREMENT: a deleted contact's id is never reused, so undoing the deletion cannot hit someone else.
    f"""CREATE TABLE contacts (
        id INTEGER NOT NULL CONSTRAINT pk_contacts PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL CONSTRAINT ck_contacts_name_not_blank CHECK (length(trim(name)) > 0),
        headline TEXT NOT NULL DEFAULT '',
        company TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '',
        location TEXT NOT NULL DEFAULT '',
        time_zone TEXT CHECK (time_zone IS NULL OR length(time_zone) > 0),
        time_zone_inferred BOOLEAN NOT NULL DEFAULT 0 CHECK (time_zone_inferred IN (0, 1)),
        profile_url TEXT CONSTRAINT ck_contacts_profile_url_http
            CHECK (profile_url IS NULL OR profile_url LIKE 'http://_%' OR profile_url LIKE 'https://_%'),
        network TEXT NOT NULL DEFAULT 'linkedin' CHECK (length(network) > 0),
        email TEXT NOT NULL DEFAULT '',
        tier TEXT NOT NULL DEFAULT 'regular' CHECK (tier IN ({sql_in(Tier)})),
        notes TEXT NOT NULL DEFAULT '',
        stage TEXT NOT NULL DEFAULT 'spotted' CHECK (stage IN ({STAGES})),
        {_time("stage_entered_at")},
        stage_reason TEXT NOT NULL DEFAULT '',
        parked_from TEXT CHECK (parked_from IS NULL OR parked_from IN ({PIPELINE_STAGES})),
        {_time("connected_at", nullable=True)},
        stage_move_imported INTEGER NOT NULL DEFAULT 0 CHECK (stage_move_imported IN (0, 1)),
        {_time("created_at")},
        {_time("updated_at")},
        CONSTRAINT ck_contacts_parked_has_origin CHECK ((stage = 'parked') = (parked_from IS NOT NULL)),
        CONSTRAINT ck_contacts_connected_has_date CHECK (
            connected_at IS NOT NULL
            OR (stage NOT IN ('connected', 'nurturing')
                AND coalesce(parked_from, '') NOT IN ('connected', 'nurturing'))),
        CONSTRAINT uq_contacts_network_profile_url UNIQUE (network, profile_url)
    )""",
    "CREATE INDEX ix_contacts_stage ON contacts (stage)",
    """CREATE TABLE tags (
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0 AND name = trim(name)),
        CONSTRAINT pk_tags PRIMARY KEY (contact_id, name)
    )""",
    "CREATE INDEX ix_tags_name ON tags (name)",
    f"""CREATE TABLE profile_facts (
        id INTEGER NOT NULL CONSTRAINT pk_profile_facts PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ({sql_in(FactKind)})),
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        url TEXT CHECK (url IS NULL OR url LIKE 'http://_%' OR url LIKE 'https://_%'),
        {_time("noted_at")}
    )""",
    "CREATE INDEX ix_profile_facts_contact_id ON profile_facts (contact_id)",
    f"""CREATE TABLE engagements (
        id INTEGER NOT NULL CONSTRAINT pk_engagements PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ({sql_in(EngagementKind)})),
        target TEXT NOT NULL DEFAULT '',
        comment TEXT NOT NULL DEFAULT '',
        {_time("occurred_at")}
    )""",
    "CREATE INDEX ix_engagements_contact_id_occurred_at ON engagements (contact_id, occurred_at)",
    f"""CREATE TABLE messages (
        id INTEGER NOT NULL CONSTRAINT pk_messages PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ({sql_in(MessageKind)})),
        direction TEXT NOT NULL CHECK (direction IN ({sql_in(Direction)})),
        body TEXT NOT NULL DEFAULT '',
        intent TEXT CHECK (intent IS NULL OR intent IN ({sql_in(Intent)})),
        intent_note TEXT NOT NULL DEFAULT '',
        {_time("sent_at")},
        {_time("accepted_at", nullable=True)},
        {_time("withdrawn_at", nullable=True)},
        imported BOOLEAN NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
        CONSTRAINT ck_messages_request_has_intent CHECK (
            kind <> 'connection_request' OR direction = 'incoming' OR intent IS NOT NULL),
        CONSTRAINT ck_messages_outcome_only_for_requests CHECK (
            kind = 'connection_request' OR (accepted_at IS NULL AND withdrawn_at IS NULL)),
        CONSTRAINT ck_messages_one_outcome CHECK (accepted_at IS NULL OR withdrawn_at IS NULL),
        CONSTRAINT ck_messages_outcome_after_sending CHECK (
            coalesce(accepted_at, withdrawn_at, sent_at) >= sent_at)
    )""",
    "CREATE INDEX ix_messages_contact_id_sent_at ON messages (contact_id, sent_at)",
    "CREATE INDEX ix_messages_kind_direction_sent_at ON messages (kind, direction, sent_at)",
    # A person's requests and replies: without it, per-contact lookups of requests scan every request.
    "CREATE INDEX ix_messages_contact_id_kind_direction_sent_at ON messages (contact_id, kind, direction, sent_at)",
    # At most one request waiting for an answer per person.
    """CREATE UNIQUE INDEX uq_messages_one_pending_request ON messages (contact_id)
        WHERE kind = 'connection_request' AND direction = 'outgoing'
          AND accepted_at IS NULL AND withdrawn_at IS NULL""",
    f"""CREATE TABLE drafts (
        id INTEGER NOT NULL CONSTRAINT pk_drafts PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ({sql_in(MessageKind)})),
        body TEXT NOT NULL DEFAULT '',
        intent TEXT CHECK (intent IS NULL OR intent IN ({sql_in(Intent)})),
        {_time("updated_at")}
    )""",
    "CREATE INDEX ix_drafts_contact_id ON drafts (contact_id)",
    f"""CREATE TABLE stage_history (
        id INTEGER NOT NULL CONSTRAINT pk_stage_history PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        from_stage TEXT CHECK (from_stage IS NULL OR from_stage IN ({STAGES})),
        to_stage TEXT NOT NULL CHECK (to_stage IN ({STAGES})),
        {_time("moved_at")},
        reason TEXT NOT NULL DEFAULT '',
        imported BOOLEAN NOT NULL DEFAULT 0 CHECK (imported IN (0, 1))
    )""",
    "CREATE INDEX ix_stage_history_contact_id_moved_at ON stage_history (contact_id, moved_at)",
    f"""CREATE TABLE nudge_states (
        id INTEGER NOT NULL CONSTRAINT pk_nudge_states PRIMARY KEY,
        contact_id INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (length(kind) > 0),
        {_time("snoozed_until", nullable=True)},
        dismissed_situation TEXT
    )""",
    "CREATE UNIQUE INDEX uq_nudge_states_contact_kind ON nudge_states (coalesce(contact_id, 0), kind)",
    # A person enters the pipeline at Spotted; only an imported fact may place them further on.
    """CREATE TRIGGER contacts_enter_at_spotted BEFORE INSERT ON contacts
       WHEN NEW.stage <> 'spotted' AND NEW.stage_move_imported = 0
       BEGIN SELECT RAISE(ABORT, 'a new contact starts in Spotted'); END""",
    """CREATE TRIGGER contacts_record_entry AFTER INSERT ON contacts
       BEGIN
         INSERT INTO stage_history (contact_id, from_stage, to_stage, moved_at, reason, imported)
         VALUES (NEW.id, NULL, NEW.stage, NEW.stage_entered_at, NEW.stage_reason, NEW.stage_move_imported);
         UPDATE contacts SET stage_move_imported = 0 WHERE id = NEW.id AND NEW.stage_move_imported = 1;
       END""",
    f"""CREATE TRIGGER contacts_guard_stage_move BEFORE UPDATE OF stage ON contacts
       WHEN NEW.stage IS NOT OLD.stage AND NEW.stage_move_imported = 0
       BEGIN
         SELECT RAISE(ABORT, 'illegal stage move') WHERE NOT ({_LEGAL_MOVE});
       END""",
    # The import flag means "this statement applies an imported fact": it only travels with a stage change.
    """CREATE TRIGGER contacts_import_flag_needs_move BEFORE UPDATE OF stage_move_imported ON contacts
       WHEN NEW.stage_move_imported = 1 AND NEW.stage IS OLD.stage
       BEGIN SELECT RAISE(ABORT, 'stage_move_imported only accompanies a stage change'); END""",
    """CREATE TRIGGER contacts_record_stage_move AFTER UPDATE OF stage ON contacts
       WHEN NEW.stage IS NOT OLD.stage
       BEGIN
         INSERT INTO stage_history (contact_id, from_stage, to_stage, moved_at, reason, imported)
         VALUES (NEW.id, OLD.stage, NEW.stage, NEW.stage_entered_at, NEW.stage_reason, NEW.stage_move_imported);
         UPDATE contacts SET stage_move_imported = 0 WHERE id = NEW.id AND NEW.stage_move_imported = 1;
       END""",
]

TABLES = (
    "nudge_states",
    "stage_history",
    "drafts",
    "messages",
    "engagements",
    "profile_facts",
    "tags",
    "contacts",
    "settings",
)


def upgrade() -> None:
    for statement in SCHEMA:
        op.execute(statement)


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TABLE {table}")
