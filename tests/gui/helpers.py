"""Small helpers for GUI tests: choosing a case and a question the way a person does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import settle
from tests.gui.keyboard import focus, press, type_text


def open_case(qtbot, window, reference):
    """Ctrl+F, type the reference, Enter, Enter: the review of that case is on screen."""
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, reference)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            window.review.view is not None
            and window.current_case().reference == reference
            and not window.review.session.loading
        )
    )
    settle(qtbot, window)


def click_question(qtbot, window, question_id):
    """Click a question in the navigator (it must be shown there)."""
    panel = window.review
    navigator = panel.ui.navigator
    index = panel.flow.mapFromSource(panel.model.index_of(question_id))
    assert index.isValid(), f"{question_id} is not shown in the navigator"
    navigator.scrollTo(index)
    rect = navigator.visualRect(index)
    qtbot.mouseClick(navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.question_id == question_id
    panel.focus_answer()


def shown_in_navigator(window, question_id):
    panel = window.review
    return panel.flow.mapFromSource(panel.model.index_of(question_id)).isValid()


def active_dialog(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), kind), timeout=5000)
    return QApplication.activeWindow()


__all__ = [
    "active_dialog",
    "click_question",
    "focus",
    "open_case",
    "press",
    "shown_in_navigator",
    "type_text",
]
