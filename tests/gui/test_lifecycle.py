"""Finalise shows what is missing and jumps there; reopening needs a reason, which the history shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from omi_desktop.core import review as core_review
from omi_desktop.core.inspections import find_case
from omi_desktop.gui.dialogs.finalise import FinaliseDialog
from omi_desktop.gui.dialogs.history import HistoryDialog
from omi_desktop.gui.dialogs.reopen import ReopenDialog
from omi_desktop.gui.models.audit import COL_REASON, COL_WHAT
from tests.gui.conftest import settle
from tests.gui.helpers import active_dialog, open_case, press, type_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_finalise_lists_what_is_missing_and_goes_there(qtbot, window):
    open_case(qtbot, window, "TRN00014")
    press(qtbot, Qt.Key.Key_F, CTRL_SHIFT)
    dialog = active_dialog(qtbot, FinaliseDialog)
    missing = [m.question_id for m in dialog.missing]
    assert missing == list(window.review.view.evaluation.missing)
    assert dialog.ui.missingList.topLevelItemCount() == len(missing)
    assert f"{len(missing)} questions still need an answer or a correction" in dialog.ui.message.text()
    press(qtbot, Qt.Key.Key_Down)  # the second missing question
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.review.question_id == missing[1]
    case = find_case(window.workspace.store, "TRN00014")
    assert case.status != "finalised"


def test_reopen_needs_a_reason_and_the_history_shows_it(qtbot, window):
    open_case(qtbot, window, "TRN00001")  # finalised in the training data
    panel = window.review
    assert panel.page.read_only
    assert panel.page.ui.readOnlyNotice.isVisible()
    assert not window.actions["review.finalise"].isEnabled()

    press(qtbot, Qt.Key.Key_R, CTRL_SHIFT)
    dialog = active_dialog(qtbot, ReopenDialog)
    assert not dialog.reopen_button.isEnabled(), "no reason, no reopening"
    type_text(qtbot, "   ")
    assert not dialog.reopen_button.isEnabled(), "blank is not a reason"
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # the default button is disabled
    assert dialog.isVisible()
    reason = "Offender manager sent the missing risk management plan"
    type_text(qtbot, reason)
    assert dialog.reopen_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # from the reason box itself
    qtbot.waitUntil(lambda: not dialog.isVisible())
    settle(qtbot, window)

    case = find_case(window.workspace.store, "TRN00001")
    assert case.status != "finalised"
    trail = core_review.audit_trail(window.workspace.store, case.review_id)
    assert trail[-1].action == "reopen" and trail[-1].reason == reason
    assert not panel.page.read_only
    window.activateWindow()  # what the window manager does when a dialog closes (offscreen has none)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert panel.page.isAncestorOf(QApplication.focusWidget()), "back in the answer, ready to change it"

    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    history = active_dialog(qtbot, HistoryDialog)
    model = history.model
    last = model.rowCount() - 1
    assert model.data(model.index(last, COL_WHAT)) == "Reopened"
    assert model.data(model.index(last, COL_REASON)) == reason
    assert model.data(model.index(0, COL_WHAT)) == "Review started"


def test_a_change_made_elsewhere_shows_at_once(qtbot, window):
    from omi_desktop.gui.changes import Change, Changes

    open_case(qtbot, window, "TRN00014")
    panel = window.review
    qid = panel.question_id
    panel.page.ui.noteEdit.setPlainText("Started with a note")  # a review is stored from its first change
    panel.flush()
    settle(qtbot, window)
    store, review_id = window.workspace.store, panel.view.review.id
    question = panel.view.framework.questions[qid]
    value = question.options[1].value  # what an import (say) wrote to the question on screen
    window.tasks.run(
        lambda: core_review.answer(store, review_id, qid, value, actor="TRN-INS-02"),
        changes=Changes(Change.REVIEW | Change.CASES, review_id=review_id),
    )
    settle(qtbot, window)
    qtbot.waitUntil(lambda: panel.view.value(qid) == value)
    checked = [b.property("answerValue") for b in panel.page.editor.options if b.isChecked()]
    assert checked == [value]


def test_alt_r_reopens_from_the_reason_box(qtbot, window):
    open_case(qtbot, window, "TRN00002")  # finalised in the training data
    press(qtbot, Qt.Key.Key_R, CTRL_SHIFT)
    dialog = active_dialog(qtbot, ReopenDialog)
    type_text(qtbot, "New information from the offender manager")
    assert dialog.ui.reasonEdit.hasFocus()
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    settle(qtbot, window)
    assert find_case(window.workspace.store, "TRN00002").status != "finalised"
