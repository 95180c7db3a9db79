"""Alembic migrations of the Overture database."""
