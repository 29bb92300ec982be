"""Heads-down entry: a whole case answered with the keyboard only, then finalised."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from omi_desktop.core import review as core_review
from omi_desktop.core.inspections import find_case
from tests.gui.conftest import settle
from tests.gui.keyboard import answer_by_keyboard, focus, press, type_text

CASE = "TRN00013"  # the first case not yet started in the training inspection


def test_a_whole_case_answered_and_finalised_with_the_keyboard(qtbot, window):
    panel = window.review
    # Find the case: Ctrl+F, type its reference, Enter to the list, Enter to start work.
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focus(qtbot) is window.case_list.ui.filterEdit
    type_text(qtbot, CASE)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view is not None and window.current_case().reference == CASE)
    settle(qtbot, window)
    assert panel.page.isAncestorOf(focus(qtbot))
    press(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)  # first question

    prefilled = {qid: a.value for qid, a in panel.view.answers.items() if a.value is not None}
    given = {}
    visited = []
    for _ in range(300):
        qid = panel.question_id
        visited.append(qid)
        if qid in prefilled and qid not in given:
            press(qtbot, Qt.Key.Key_Return)  # keep the pre-filled fact and go on
        else:
            given[qid] = answer_by_keyboard(qtbot, panel, qid)
        if panel.question_id == qid:  # nothing after this one: the end of the review
            break
    flow = panel.view.evaluation.flow
    assert visited == list(flow), "every question that applies was visited once, in reading order"
    assert panel.view.evaluation.complete

    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _dialog(window) is not None and QApplication.activeWindow() is _dialog(window))
    dialog = _dialog(window)
    assert not dialog.missing
    press(qtbot, Qt.Key.Key_Return)  # "Finalise" is the default button
    settle(qtbot, window)

    store = window.workspace.store
    case = find_case(store, CASE)
    stored = core_review.get_review(store, case.review_id)
    assert stored.review.status == "finalised"
    assert case.status == "finalised"
    expected = prefilled | given
    assert {q: a.value for q, a in stored.answers.items() if a.value is not None} == expected
    # ... and the screen says so: read-only, and the case list row shows it.
    assert panel.page.read_only
    assert "Finalised" in window.case_list.model.data(
        window.case_list.model.index(window.case_list.model.row_of(case.id), 5)
    )


def _dialog(window):
    from omi_desktop.gui.dialogs.finalise import FinaliseDialog

    found = window.findChildren(FinaliseDialog)
    return found[-1] if found and found[-1].isVisible() else None
