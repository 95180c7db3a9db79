"""Indexes for imports: requests by time hold only the requests; the imported messages' keys a named index.

Two queries read outgoing connection requests by time across all contacts: the account's activity (requests this
week, notes this month) and the newest notes sent (the near-duplicate check). An index on (kind, direction,
sent_at) of every message served them, and every message paid for it: messages arrive in no order of kind and
time, so each one went into a random place of that index. Importing 100,000 messages spent 0.35 s of its 1.0 s of
message inserts on it. A partial index of outgoing requests by time serves both queries (their WHERE names the
same kind and direction) and holds only the requests: a few thousand rows in a long-used database.

The key of each imported message was unique by a constraint, whose index SQLite makes itself and will not drop. As a
named unique index it can be dropped while an import writes more keys than the table holds, and built again after
(model.bulk.rebuilt_indexes): keys are hashes, in random order, and building the index from them sorted is four
times faster than inserting them one by one (100,000 keys: 0.10 s against 0.40 s).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

REQUESTS_BY_TIME = (
    "CREATE INDEX ix_messages_outgoing_requests_sent_at ON messages (sent_at) "
    "WHERE kind = 'connection_request' AND direction = 'outgoing'"
)


KEYED_MESSAGES = """CREATE TABLE {name} (
        message_id INTEGER NOT NULL CONSTRAINT pk_imported_messages PRIMARY KEY
            REFERENCES messages (id) ON DELETE CASCADE,
        source_key TEXT NOT NULL {unique}CHECK (length(source_key) BETWEEN 8 AND 64)
    )"""


def upgrade() -> None:
    op.execute("DROP INDEX ix_messages_kind_direction_sent_at")
    op.execute(REQUESTS_BY_TIME)
    _rebuild_imported_messages(unique="")
    op.execute("CREATE UNIQUE INDEX uq_imported_messages_source_key ON imported_messages (source_key)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_messages_outgoing_requests_sent_at")
    op.execute("CREATE INDEX ix_messages_kind_direction_sent_at ON messages (kind, direction, sent_at)")
    op.execute("DROP INDEX uq_imported_messages_source_key")
    _rebuild_imported_messages(unique="CONSTRAINT uq_imported_messages_source_key UNIQUE\n            ")


def _rebuild_imported_messages(unique: str) -> None:
    """SQLite changes a table's constraints only by copying it (nothing refers to this table)."""
    op.execute(KEYED_MESSAGES.format(name="imported_messages_new", unique=unique))
    op.execute(
        "INSERT INTO imported_messages_new (message_id, source_key) "
        "SELECT message_id, source_key FROM imported_messages"
    )
    op.execute("DROP TABLE imported_messages")
    op.execute("ALTER TABLE imported_messages_new RENAME TO imported_messages")
