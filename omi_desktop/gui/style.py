"""The house style: the platform's native style plus a few rules from resources/style.qss."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from omi_desktop.paths import resource_path


def apply_style(app: QApplication) -> None:
    try:
        sheet = resource_path("style.qss").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return
    app.setStyleSheet(sheet)
