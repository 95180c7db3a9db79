"""Imports: which messages came from which export, the values a contact last had in an export, and a log of imports.

A re-import of a newer export must add no message twice (`imported_messages.source_key`), and must not overwrite
a field the user edited since the last import without showing it: a field whose value still equals what the last
import wrote (`imported_values`) was not edited, and takes the export's newer value.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TIME_GLOB = (
    "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]"
)

SCHEMA = [
    """CREATE TABLE imported_messages (
        message_id INTEGER NOT NULL CONSTRAINT pk_imported_messages PRIMARY KEY
            REFERENCES messages (id) ON DELETE CASCADE,
        source_key TEXT NOT NULL CONSTRAINT uq_imported_messages_source_key UNIQUE
            CHECK (length(source_key) BETWEEN 8 AND 64)
    )""",
    # One row per imported contact, its fields as a JSON object ({"company": "Acme", ...}): a 30,000-connection
    # import writes 30,000 rows instead of ~120,000 (measured: 0.3 s instead of 1.1 s).
    """CREATE TABLE imported_values (
        contact_id INTEGER NOT NULL CONSTRAINT pk_imported_values PRIMARY KEY
            REFERENCES contacts (id) ON DELETE CASCADE,
        fields TEXT NOT NULL CHECK (json_valid(fields) AND json_type(fields) = 'object')
    )""",
    f"""CREATE TABLE imports (
        id INTEGER NOT NULL CONSTRAINT pk_imports PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('linkedin', 'vcard', 'csv')),
        source TEXT NOT NULL CHECK (length(source) > 0),
        imported_at VARCHAR(26) NOT NULL CHECK (imported_at GLOB '{_TIME_GLOB}'),
        added INTEGER NOT NULL CHECK (added >= 0),
        updated INTEGER NOT NULL CHECK (updated >= 0),
        unchanged INTEGER NOT NULL CHECK (unchanged >= 0),
        skipped INTEGER NOT NULL CHECK (skipped >= 0),
        messages INTEGER NOT NULL CHECK (messages >= 0)
    )""",
    # Matching by e-mail address reads every contact's address once per import; lower() is what is compared.
    "CREATE INDEX ix_contacts_email ON contacts (lower(email)) WHERE email <> ''",
]


def upgrade() -> None:
    for statement in SCHEMA:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP INDEX ix_contacts_email")
    op.execute("DROP TABLE imports")
    op.execute("DROP TABLE imported_values")
    op.execute("DROP TABLE imported_messages")
