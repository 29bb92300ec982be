"""Changing an answer that controls a condition hides and shows the dependent questions, live."""

from __future__ import annotations

from PySide6.QtCore import Qt

from omi_desktop.gui.actions import ActionId
from omi_desktop.gui.models.questions import STATE_ROLE
from tests.gui.conftest import settle
from tests.gui.helpers import click_question, open_case, press, shown_in_navigator

FULL_ANALYSIS = ["1.1.5", "1.1.9"]  # apply when 1.1.4 "full RoH analysis required" is Yes
ANALYSIS_DETAIL = ["1.1.6", "1.1.7", "1.1.8"]  # apply when 1.1.5 "completed" is Yes


def test_dependent_questions_leave_and_return_with_the_controlling_answer(qtbot, window):
    open_case(qtbot, window, "TRN00013")
    panel = window.review
    click_question(qtbot, window, "1.1.4")
    press(qtbot, Qt.Key.Key_Y)
    assert panel.question_id == "1.1.5", "Yes made 1.1.5 apply and the page moved on to it"
    assert all(shown_in_navigator(window, q) for q in FULL_ANALYSIS)
    assert not any(shown_in_navigator(window, q) for q in ANALYSIS_DETAIL)

    press(qtbot, Qt.Key.Key_Y)  # 1.1.5: the analysis was completed
    assert panel.question_id == "1.1.6"
    assert all(shown_in_navigator(window, q) for q in ANALYSIS_DETAIL)

    click_question(qtbot, window, "1.1.4")
    press(qtbot, Qt.Key.Key_N)  # not required after all: everything below it goes
    assert not any(shown_in_navigator(window, q) for q in FULL_ANALYSIS + ANALYSIS_DETAIL)
    assert panel.question_id == "1.1.10", "the page skipped what no longer applies"
    settle(qtbot, window)
    stored = panel.view  # the review as stored agrees with the screen
    assert not any(q in stored.evaluation.flow for q in FULL_ANALYSIS + ANALYSIS_DETAIL)
    assert stored.value("1.1.5") == "yes", "the answer is kept, only excluded"

    # Shown again, greyed and marked skipped, on request.
    window.actions[ActionId.SHOW_SKIPPED].trigger()
    assert shown_in_navigator(window, "1.1.5")
    index = panel.model.index_of("1.1.5")
    assert index.data(STATE_ROLE) == "skipped"
    window.actions[ActionId.SHOW_SKIPPED].trigger()

    click_question(qtbot, window, "1.1.4")
    press(qtbot, Qt.Key.Key_Y)
    assert all(shown_in_navigator(window, q) for q in FULL_ANALYSIS + ANALYSIS_DETAIL)
    assert panel.model.index_of("1.1.5").data(STATE_ROLE) == "answered"
