"""Where the program puts the keyboard, the focus frame shows at once (not only after the first Tab)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from omi_desktop.gui.style import apply_style
from tests.gui.helpers import open_case


@pytest.fixture(autouse=True)
def _house_style(qapp):
    """The program's style sheet, as the program applies it at start-up (the other tests run without)."""
    apply_style(qapp)
    yield
    qapp.setStyleSheet("")


def _looks_focused(qtbot, widget) -> bool:
    """The widget is drawn differently with the focus than without it (its focus frame)."""
    focused = widget.grab().toImage()
    widget.clearFocus()
    qtbot.waitUntil(lambda: not widget.hasFocus())
    unfocused = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    return focused != unfocused


def test_the_answer_shows_it_has_the_keyboard(qtbot, window):
    open_case(qtbot, window, "TRN00014")  # opens at a choice: its first option has the keyboard
    panel = window.review
    panel.focus_answer()
    focused = QApplication.focusWidget()
    assert focused is panel.page.editor.options[0]
    assert focused.hasFocus() and window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    assert _looks_focused(qtbot, focused)


def test_the_welcome_screen_shows_its_first_button_has_the_keyboard(qtbot, empty_window):
    button = empty_window.welcome.ui.demoButton
    qtbot.waitUntil(button.hasFocus)
    assert QApplication.focusWidget() is button
    assert _looks_focused(qtbot, button)
