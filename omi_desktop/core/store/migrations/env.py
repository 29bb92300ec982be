"""Alembic environment. The store hands us an open connection through ``config.attributes``."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from omi_desktop.core.store.tables import load_all_tables

load_all_tables()  # every table on SQLModel.metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copy-and-move
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
