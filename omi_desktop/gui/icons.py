"""The icon set: small SVGs in resources/icons, loaded by name (one resource system: plain files)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from omi_desktop.paths import resource_path


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` as an icon (an empty icon if the file is missing)."""
    try:
        path = resource_path("icons", f"{name}.svg")
    except FileNotFoundError:
        return QIcon()
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon() -> QIcon:
    return icon("omi-desktop")
