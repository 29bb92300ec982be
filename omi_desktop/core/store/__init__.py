"""The local store: SQLModel tables, the engine factory, migrations and backups."""

from omi_desktop.core.store.store import DB_FILENAME, Store

__all__ = ["DB_FILENAME", "Store"]
