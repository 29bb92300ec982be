"""Alembic environment. The store hands us an open connection through ``config.attributes``."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import omi_desktop.core.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copy-and-move
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
