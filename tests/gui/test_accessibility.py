"""Without a mouse: Tab follows reading order, and every input can be named by a screen reader."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from tests.gui.helpers import open_case, press

READING_ORDER = [
    "filterEdit",
    "statusCombo",
    "table",
    "navigator",
    "guidanceButton",
    "<answer>",
    "noteEdit",
    "previousButton",
    "nextButton",
    "nextUnansweredButton",
    "historyButton",
    "finaliseButton",
]


def test_tab_follows_reading_order(qtbot, window):
    open_case(qtbot, window, "TRN00014")
    window.case_list.focus_filter()
    answer_widgets = set(window.review.page.editor.findChildren(QWidget))
    seen = []
    for _ in READING_ORDER:
        widget = QApplication.focusWidget()
        seen.append("<answer>" if widget in answer_widgets else widget.objectName())
        press(qtbot, Qt.Key.Key_Tab)
    assert seen == READING_ORDER
    assert QApplication.focusWidget() is window.case_list.ui.filterEdit, "round again to the start"


def test_every_input_has_a_name(qtbot, window):
    open_case(qtbot, window, "TRN00014")
    unnamed = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.parent() is not None and widget.parent().metaObject().className() in ("QScrollBar",):
            continue
        if type(widget).__name__ in ("QScrollBar", "QSplitterHandle", "QHeaderView"):
            continue
        named = widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())
        if not named:
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert unnamed == []
