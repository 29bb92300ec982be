"""Without a mouse: Tab follows reading order, and every input can be named by a screen reader."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from omi_desktop.gui.models.cases import COL_STATUS
from omi_desktop.gui.models.questions import STATE_ROLE
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


def _symbol_pixels(view, index) -> int:
    """How many pixels of the row's symbol stand well apart from the selection colour it sits on."""
    view.scrollTo(index)
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    scale = image.devicePixelRatio()
    rect = view.visualRect(index)
    highlight = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    found = 0
    # The symbol comes first in the cell, before its words: its 16 pixels and the margin before them.
    for x in range(int(rect.left() * scale), int((rect.left() + 20) * scale)):
        for y in range(int(rect.top() * scale), int(rect.bottom() * scale)):
            pixel = image.pixelColor(x, y)
            distance = (
                (pixel.red() - highlight.red()) ** 2
                + (pixel.green() - highlight.green()) ** 2
                + (pixel.blue() - highlight.blue()) ** 2
            ) ** 0.5
            found += distance > 150
    return found


def test_state_symbols_stay_visible_on_the_selected_row(qtbot, window):
    # The symbol carries the state beside the words: on the selected (highlighted) row it must not fade
    # into the selection colour. A not-started case and an unanswered question are the faintest.
    open_case(qtbot, window, "TRN00014")
    table = window.case_list.ui.table
    status = table.model().index(table.currentIndex().row(), COL_STATUS)
    assert table.selectionModel().isSelected(status)
    navigator = window.review.ui.navigator
    current = navigator.currentIndex()
    assert navigator.selectionModel().isSelected(current)
    assert current.data(STATE_ROLE) == "unanswered"
    for view, index in ((table, status), (navigator, current)):
        view.setFocus()
        assert _symbol_pixels(view, index) >= 20, f"{view.objectName()}: the symbol fades into the row"
