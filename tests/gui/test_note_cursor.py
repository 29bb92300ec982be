"""Ctrl+E puts the cursor after an existing note, ready to add to it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.conftest import settle
from tests.gui.helpers import open_case, press, type_text


def test_ctrl_e_goes_to_the_end_of_the_note(qtbot, window):
    open_case(qtbot, window, "TRN00014")
    panel = window.review
    note = panel.page.ui.noteEdit
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "Plan seen on file.")
    press(qtbot, Qt.Key.Key_Escape)  # back to the answer: the note is saved
    settle(qtbot, window)
    qid = panel.question_id
    panel.go_to(panel.view.evaluation.flow[0])
    panel.go_to(qid)  # the note is shown again, as stored
    assert note.toPlainText() == "Plan seen on file."
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert note.hasFocus()
    assert note.textCursor().position() == len("Plan seen on file.")
    type_text(qtbot, " Reviewed.")
    assert note.toPlainText() == "Plan seen on file. Reviewed."
