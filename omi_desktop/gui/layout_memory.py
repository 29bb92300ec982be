"""The window remembers its size, its pane widths and view options, per data folder.

Kept in ``<data folder>/window.ini`` (not in the database, not in the system's settings store), so each
data folder, and each test, has its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from omi_desktop.gui.actions import ActionId

if TYPE_CHECKING:
    from omi_desktop.gui.main_window import MainWindow

FILENAME = "window.ini"


def _settings(window: MainWindow) -> QSettings:
    return QSettings(str(window.workspace.data_dir / FILENAME), QSettings.Format.IniFormat)


def restore(window: MainWindow) -> None:
    settings = _settings(window)
    for key, restore_state in (
        ("geometry", window.restoreGeometry),
        ("panes", window.ui.splitter.restoreState),
        ("review_panes", window.review.ui.splitter.restoreState),
    ):
        value = settings.value(key)
        if isinstance(value, QByteArray):
            restore_state(value)
    for key, action_id in (("guidance", ActionId.TOGGLE_GUIDANCE), ("show_skipped", ActionId.SHOW_SKIPPED)):
        if settings.value(key, "false") == "true":
            window.actions[action_id].setChecked(True)


def save(window: MainWindow) -> None:
    settings = _settings(window)
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("panes", window.ui.splitter.saveState())
    settings.setValue("review_panes", window.review.ui.splitter.saveState())
    settings.setValue("guidance", "true" if window.actions[ActionId.TOGGLE_GUIDANCE].isChecked() else "false")
    settings.setValue(
        "show_skipped", "true" if window.actions[ActionId.SHOW_SKIPPED].isChecked() else "false"
    )
    settings.sync()
