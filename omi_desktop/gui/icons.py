"""The icon set: small SVGs in resources/icons, loaded by name (one resource system: plain files)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from omi_desktop.paths import resource_path


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` as an icon (an empty icon if the file is missing).

    The same drawing serves a selected row: Qt would otherwise tint it with the selection colour, and a
    state symbol would fade into the row it marks. (The state and status symbols have a white backing,
    so they stand out on the selection colour too.)
    """
    try:
        path = resource_path("icons", f"{name}.svg")
    except FileNotFoundError:
        return QIcon()
    if not path.is_file():
        return QIcon()
    drawing = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected):
        drawing.addFile(str(path), QSize(), mode)
    return drawing


def app_icon() -> QIcon:
    return icon("omi-desktop")
