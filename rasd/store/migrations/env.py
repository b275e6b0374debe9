"""Alembic environment: runs on the connection Rasd hands it (see rasd/store/db.py)."""

from __future__ import annotations

from alembic import context

from rasd.store.tables import metadata


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
