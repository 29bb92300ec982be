"""The history dialog shows the selected change in full below the table, following the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from omi_desktop.gui.dialogs.history import HistoryDialog
from tests.gui.conftest import settle
from tests.gui.helpers import active_dialog, open_case, press, type_text

LONG_NOTE = (
    "Read the risk management plan, the two home visit records and the last three supervision notes; the "
    "plan names the partner and both children, and the visits match what it says about contact arrangements."
)


def test_the_selected_change_is_shown_in_full(qtbot, window):
    open_case(qtbot, window, "TRN00014")
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, LONG_NOTE)
    press(qtbot, Qt.Key.Key_Escape)
    settle(qtbot, window)
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = active_dialog(qtbot, HistoryDialog)
    table = dialog.ui.table
    assert table.hasFocus()
    last = dialog.model.rowCount() - 1
    assert table.currentIndex().row() == last
    assert LONG_NOTE not in dialog.model.data(dialog.model.index(last, 4)), "the column is cut short"
    assert LONG_NOTE in dialog.detail.toPlainText(), "the note in full, below"
    press(qtbot, Qt.Key.Key_Up)
    assert table.currentIndex().row() == last - 1
    assert LONG_NOTE not in dialog.detail.toPlainText(), "the box follows the keyboard"
    press(qtbot, Qt.Key.Key_Down)
    assert LONG_NOTE in dialog.detail.toPlainText()
    assert "Hover" not in dialog.ui.message.text()
    dialog.close()


def test_a_case_not_started_has_no_history_yet(qtbot, window):
    open_case(qtbot, window, "TRN00020")
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = active_dialog(qtbot, HistoryDialog)
    assert dialog.model.rowCount() == 0
    assert dialog.ui.message.text().startswith("Nothing recorded yet")
    dialog.close()
