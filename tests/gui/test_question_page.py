"""The question page as a person meets it: a key for every option, a word when a key does not apply,
"Note saved" only for notes, and a navigator that keeps its width from one question to the next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import settle
from tests.gui.helpers import click_question, open_case, press, type_text

CASE = "TRN00014"  # not started: the review opens at 0.1.10, a choice of three languages


def stored(window, question_id):
    from omi_desktop.core import review as core_review

    if window.review.session.unstarted:
        return (None, "")  # not started: nothing is stored
    view = core_review.get_review(window.workspace.store, window.review.review_id)
    answer = view.answers.get(question_id)
    return (answer.value, answer.note) if answer else (None, "")


def test_every_option_has_its_key_beside_it_and_the_tenth_is_0(qtbot, window):
    open_case(qtbot, window, CASE)
    click_question(qtbot, window, "1.2.5")  # ten areas of need, several may be ticked
    options = [b for b in window.review.page.editor.options if b.isVisible()]
    assert len(options) == 10
    assert options[0].text() == "1   Accommodation"
    assert options[8].text().startswith("9   ")
    assert options[9].text() == "0   Attitudes"
    press(qtbot, Qt.Key.Key_0)
    press(qtbot, Qt.Key.Key_2)
    settle(qtbot, window)
    value, _note = stored(window, "1.2.5")
    assert sorted(value) == sorted([options[9].property("answerValue"), options[1].property("answerValue")])


def test_a_key_that_answers_nothing_says_so_beside_the_answer(qtbot, window):
    open_case(qtbot, window, CASE)
    page = window.review.page
    assert window.review.question_id == "0.1.10"
    press(qtbot, Qt.Key.Key_7)
    assert page.ui.keyHint.isVisible()
    assert page.ui.keyHint.text() == "There is no option 7 here: press 1–3."
    assert window.review.question_id == "0.1.10" and stored(window, "0.1.10")[0] is None
    press(qtbot, Qt.Key.Key_1)  # English: stored, and on to the next question
    settle(qtbot, window)
    assert stored(window, "0.1.10")[0] is not None
    assert not page.ui.keyHint.isVisible()

    click_question(qtbot, window, "1.1.1")  # Yes, Partly or No: no "Not applicable"
    question = window.review.view.framework.questions["1.1.1"]
    assert question.allowed_judgements() == ("yes", "partly", "no")
    press(qtbot, Qt.Key.Key_A)
    not_applicable = "“Not applicable” is not an answer to this question: press Y, P or N."
    assert page.ui.keyHint.text() == not_applicable
    page.clear_key_hint()
    press(qtbot, Qt.Key.Key_4)  # its digit
    assert page.ui.keyHint.text() == not_applicable
    press(qtbot, Qt.Key.Key_X)
    assert page.ui.keyHint.text() == "X does not answer this question: press Y, P or N."
    assert window.review.question_id == "1.1.1" and stored(window, "1.1.1")[0] is None
    press(qtbot, Qt.Key.Key_Y)
    settle(qtbot, window)
    assert stored(window, "1.1.1")[0] == "yes"
    assert window.review.question_id != "1.1.1" and not page.ui.keyHint.isVisible()


def test_note_saved_is_said_only_when_a_note_was_saved(qtbot, window):
    open_case(qtbot, window, CASE)
    status = window.review.page.ui.noteStatus
    press(qtbot, Qt.Key.Key_1)  # an answer, no note
    settle(qtbot, window)
    assert status.text() == "", "an answer is not a note"

    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "Seen in the record")
    assert status.text() == "Saving…"
    qtbot.waitUntil(lambda: status.text().startswith("Note saved "), timeout=5_000)
    question = window.review.question_id
    assert stored(window, question)[1] == "Seen in the record"

    press(qtbot, Qt.Key.Key_Escape)  # back to the answer
    answered = window.review.question_id
    press(qtbot, Qt.Key.Key_Return)  # keep the answer and go on
    settle(qtbot, window)
    assert window.review.question_id != answered and status.text() == ""

    # Typing that leaves the note as stored has nothing to save: the page does not stay on "Saving…".
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "x")
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert status.text() == ""


def settled_sizes(qtbot, splitter) -> list[int]:
    """The splitter's sizes once pending layout work has run: the same on two readings with events between."""
    seen: list[list[int]] = []

    def unchanged() -> bool:
        seen.append(splitter.sizes())
        return len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]

    qtbot.waitUntil(unchanged, timeout=5_000)
    return seen[-1]


def test_the_navigator_keeps_its_width_from_one_question_to_the_next(qtbot, window):
    window.ui.splitter.setSizes([700, 580])  # a wider case list leaves the review less room
    open_case(qtbot, window, CASE)
    panel = window.review
    splitter = panel.ui.splitter
    press(qtbot, Qt.Key.Key_F1)  # the guidance open, as many people keep it
    widths = settled_sizes(qtbot, splitter)  # the window's own layout passes done (late on a busy machine)
    assert widths[0] >= 150, "the navigator still has room for its questions"
    click_question(qtbot, window, "1.1.1")  # a question whose note goes on the feedback sheet
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "Risk of Harm screening seen on file")
    qtbot.waitUntil(lambda: panel.page.ui.noteStatus.text().startswith("Note saved "), timeout=5_000)
    assert settled_sizes(qtbot, splitter) == widths
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    seen = set()
    for _ in panel.view.evaluation.flow:
        seen.add(panel.page.editor.__class__.__name__)
        QApplication.processEvents()  # let the layout settle as it does on screen
        assert splitter.sizes() == widths, f"the navigator moved at {panel.question_id}"
        if not panel.step(+1):
            break
    assert {"JudgementEditor", "ChoiceEditor", "MultiChoiceEditor", "LineEditor"} <= seen
