"""At 1280x720 the review has the room: the navigator shows each question in full (wrapped), and moving in
it says the whole question in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import open_case, press


def test_long_questions_wrap_in_a_wider_navigator(qtbot, window):
    open_case(qtbot, window, "TRN00014")
    panel = window.review
    navigator = panel.ui.navigator
    assert navigator.width() >= 280, "the navigator has room for its questions"
    shown = [q for q in ("1.1.1", "1.1.2", "1.1.3", "1.1.4") if q in panel.view.evaluation.flow]
    assert len(shown) >= 2  # questions that all begin "Was the Risk of Harm…"
    panel.go_to(shown[0])
    indexes = [panel.flow.mapFromSource(panel.model.index_of(qid)) for qid in shown]
    qtbot.waitUntil(lambda: all(navigator.visualRect(i).height() > 0 for i in indexes))  # laid out
    line = navigator.fontMetrics().height()
    for qid, index in zip(shown, indexes, strict=True):
        rect = navigator.visualRect(index)
        assert navigator.fontMetrics().horizontalAdvance(index.data()) > rect.width(), "longer than a line"
        assert rect.height() >= 2 * line, f"{qid} wraps instead of being cut short"

    navigator.setFocus(Qt.FocusReason.ShortcutFocusReason)
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: panel.question_id == shown[1])
    question = panel.view.framework.questions[shown[1]].text.en
    assert window.statusBar().currentMessage() == f"{shown[1]}  {question}"
