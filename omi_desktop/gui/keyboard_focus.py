"""Giving the keyboard to a widget so that it shows: the style draws the focus frame at once.

Qt's styles draw the focus frame of buttons, options and lists only once the window has seen a keyboard
focus change (``WA_KeyboardFocusChange``, normally set by the first Tab). Where the program itself puts the
keyboard somewhere for the person to type, the frame must show without that first Tab.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def give_keyboard_focus(widget: QWidget) -> None:
    """Put the keyboard in ``widget`` (or its focus proxy) with its focus frame showing."""
    widget.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
    focused = QApplication.focusWidget()
    if focused is not None:
        focused.update()  # it may have had the focus already, drawn without the frame
