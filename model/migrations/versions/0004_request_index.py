"""Messages: the index that finds the connection requests sent lately holds those requests, not every message.

Two queries read outgoing connection requests by time across all contacts: the account's activity (requests this
week, notes this month) and the newest notes sent (the near-duplicate check). An index on (kind, direction,
sent_at) of every message served them, and every message paid for it: messages arrive in no order of kind and
time, so each one went into a random place of that index. Importing 100,000 messages spent 0.35 s of its 1.0 s of
message inserts on it. A partial index of outgoing requests by time serves both queries (their WHERE names the
same kind and direction) and holds only the requests: a few thousand rows in a long-used database.

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


def upgrade() -> None:
    op.execute("DROP INDEX ix_messages_kind_direction_sent_at")
    op.execute(REQUESTS_BY_TIME)


def downgrade() -> None:
    op.execute("DROP INDEX ix_messages_outgoing_requests_sent_at")
    op.execute("CREATE INDEX ix_messages_kind_direction_sent_at ON messages (kind, direction, sent_at)")
