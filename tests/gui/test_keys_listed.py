"""Keys a widget handles itself are listed in Help → Keyboard shortcuts too, and "First question" works
from a text box (the note, a typed answer, the case filter)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from omi_desktop.gui.dialogs.shortcuts import ShortcutsDialog
from tests.gui.helpers import active_dialog, open_case, press, type_text

ALT = Qt.KeyboardModifier.AltModifier


def test_help_lists_the_keys_the_answer_and_the_list_handle(qtbot, window):
    press(qtbot, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = active_dialog(qtbot, ShortcutsDialog)
    rows = {(where, keys) for where, _what, keys in dialog.rows()}
    assert ("Answering", "1–9, 0 for the tenth, then A, B, C…") in rows
    assert ("Answering", "Space") in rows
    assert ("Answering", "Ctrl+Enter") in rows
    assert ("Case list", "Enter") in rows
    assert ("Review", "Alt+Home") in rows
    dialog.close()


def test_first_question_from_the_note_and_from_a_typed_answer(qtbot, window):
    open_case(qtbot, window, "TRN00014")
    panel = window.review
    first = panel.view.evaluation.flow[0]
    dated = next(q for q in panel.view.evaluation.flow if panel.view.framework.questions[q].type == "date")
    panel.go_to(dated)
    panel.focus_answer()
    assert QApplication.focusWidget() is not None and panel.page.isAncestorOf(QApplication.focusWidget())
    press(qtbot, Qt.Key.Key_Home, ALT)  # in a date box
    qtbot.waitUntil(lambda: panel.question_id == first)

    panel.go_to(dated)
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is panel.page.ui.noteEdit
    type_text(qtbot, "Seen")
    press(qtbot, Qt.Key.Key_Home, ALT)  # in the note
    qtbot.waitUntil(lambda: panel.question_id == first)

    panel.go_to(dated)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.case_list.ui.filterEdit
    press(qtbot, Qt.Key.Key_Home, ALT)  # in the filter box
    qtbot.waitUntil(lambda: panel.question_id == first)
