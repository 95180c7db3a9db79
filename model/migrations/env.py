"""Alembic environment: runs on the connection Overture hands over, or on `-x db=PATH` from the command line."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from model.entities import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    path = context.get_x_argument(as_dictionary=True).get("db")
    if not path:
        raise SystemExit("Name the database: alembic -x db=PATH upgrade head")
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Overture's migrations run online only: they create triggers that need a live database.")
run_migrations_online()
