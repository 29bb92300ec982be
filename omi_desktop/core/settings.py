"""Installation settings kept in the store (table ``setting``): small JSON values by key."""

from __future__ import annotations

import getpass
from typing import Any

from sqlmodel import Session

from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Setting

IDENTITY_ID = "identity.id"
IDENTITY_NAME = "identity.name"
CURRENT_INSPECTION = "inspection.current"
PROTECTIVE_MARKING = "reports.protective_marking"
LANGUAGE = "language"


def get_setting(store: Store, key: str, default: Any = None) -> Any:
    with store.read() as session:
        return read_setting(session, key, default)


def read_setting(session: Session, key: str, default: Any = None) -> Any:
    """Read ``key`` inside the caller's session."""
    row = session.get(Setting, key)
    return default if row is None else row.value


def put_setting(session: Session, key: str, value: Any) -> None:
    """Set ``key`` inside the caller's transaction."""
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
        session.add(row)


def set_setting(store: Store, key: str, value: Any) -> None:
    with store.write() as session:
        put_setting(session, key, value)


def current_actor(store: Store) -> str:
    """Who is making changes here: the installation's identity id, else the operating-system login."""
    actor = get_setting(store, IDENTITY_ID)
    if actor:
        return str(actor)
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
