"""Looking at a case writes nothing: its review starts with the first answer or note."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from omi_desktop.core import review as core_review
from omi_desktop.core.inspections import find_case
from tests.gui.conftest import settle
from tests.gui.helpers import click_question, press
from tests.gui.keyboard import answer_by_keyboard


def _counts(window) -> tuple[int, int, int]:
    """Reviews, answers and audit entries on disk (read with a connection of the test's own)."""
    with sqlite3.connect(window.workspace.store.db_path) as db:
        tables = ("review", "answer", "audit_event")
        return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def test_arrowing_through_cases_writes_nothing_and_answering_starts_only_that_one(qtbot, window):
    panel, cases = window.review, window.case_list
    assert cases.select_case(find_case(window.workspace.store, "TRN00013").id)
    cases.focus_table()
    qtbot.waitUntil(lambda: panel.view is not None and not panel.session.loading)
    settle(qtbot, window)
    before = _counts(window)
    seen = []
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Down)
        reference = window.current_case().reference
        qtbot.waitUntil(
            lambda ref=reference: (
                panel.view is not None
                and not panel.session.loading
                and window.current_case().reference == ref
            )
        )
        settle(qtbot, window)
        seen.append(reference)
        assert panel.session.unstarted, f"{reference} has no review yet and is shown unstarted"
        assert panel.view.answers, "the values the case record will fill are shown"
    assert len(set(seen)) == 6
    assert _counts(window) == before, "looking at cases wrote nothing"
    for reference in seen:
        case = find_case(window.workspace.store, reference)
        assert case.review_id is None and case.status == "not_started"

    # The first answer starts the review shown (pre-filled, "Review started") and that one only.
    panel.focus_answer()
    qid = panel.question_id
    answer_by_keyboard(qtbot, panel, qid)
    settle(qtbot, window)
    reviews, _answers, _audit = _counts(window)
    assert reviews == before[0] + 1
    case = find_case(window.workspace.store, seen[-1])
    assert case.review_id == panel.view.review.id and case.status == "in_progress"
    trail = [entry.action for entry in core_review.audit_trail(window.workspace.store, case.review_id)]
    assert trail[0] == "start" and "prefill" in trail and trail[-1] == "answer"
    assert not panel.session.unstarted
    for reference in seen[:-1]:
        assert find_case(window.workspace.store, reference).review_id is None


def test_a_note_starts_the_review_too(qtbot, window):
    panel, cases = window.review, window.case_list
    assert cases.select_case(find_case(window.workspace.store, "TRN00020").id)
    qtbot.waitUntil(lambda: panel.view is not None and not panel.session.loading)
    assert panel.session.unstarted
    panel.page.ui.noteEdit.setFocus()
    qtbot.keyClicks(panel.page.ui.noteEdit, "Seen at the office")
    panel.flush()
    settle(qtbot, window)
    case = find_case(window.workspace.store, "TRN00020")
    assert case.review_id is not None
    stored = core_review.get_review(window.workspace.store, case.review_id)
    assert stored.note(panel.question_id) == "Seen at the office"


def test_with_the_not_started_filter_the_case_being_answered_stays_on_screen(qtbot, window):
    """Its first answer makes it 'in progress': it stays in the list and in the review until another case
    is chosen, so the next keys and the note go to it (they went to the next case in the list)."""
    panel, cases = window.review, window.case_list
    cases.ui.statusCombo.setCurrentIndex(cases.ui.statusCombo.findData("not_started"))
    assert cases.select_case(find_case(window.workspace.store, "TRN00040").id)
    qtbot.waitUntil(lambda: panel.view is not None and not panel.session.loading)
    settle(qtbot, window)
    shown = cases.proxy.rowCount()
    panel.focus_answer()
    for _ in range(3):
        qid = panel.question_id
        answer_by_keyboard(qtbot, panel, qid)
        settle(qtbot, window)
        assert window.current_case().reference == "TRN00040"
    panel.page.ui.noteEdit.setFocus()
    qtbot.keyClicks(panel.page.ui.noteEdit, "Seen the OASys assessment")
    panel.flush()
    settle(qtbot, window)
    assert window.current_case().reference == "TRN00040" and cases.proxy.rowCount() == shown
    case = find_case(window.workspace.store, "TRN00040")
    assert case.status == "in_progress"
    assert core_review.get_review(window.workspace.store, case.review_id).note(panel.question_id) == (
        "Seen the OASys assessment"
    )
    assert find_case(window.workspace.store, "TRN00041").review_id is None
    # Choosing another case lets the filter take the answered one away.
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_case().reference != "TRN00040")
    qtbot.waitUntil(lambda: cases.proxy.rowCount() == shown - 1)


def test_a_key_pressed_while_the_next_case_loads_answers_neither_case(qtbot, window):
    """The page still shows the case being left until the next one has loaded: an answer key then would
    have gone to (and started) the case the person was leaving."""
    panel, cases = window.review, window.case_list
    assert cases.select_case(find_case(window.workspace.store, "TRN00044").id)
    qtbot.waitUntil(lambda: panel.view is not None and not panel.session.loading)
    settle(qtbot, window)
    click_question(qtbot, window, "1.1.1")  # a yes/no question: Y answers it
    before = _counts(window)
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert panel.session.loading, "the next case is read on the worker"
    assert panel.session.answer("1.1.1", "yes") is None  # what the Y key does, while it loads
    qtbot.waitUntil(lambda: not panel.session.loading and window.current_case().reference == "TRN00045")
    settle(qtbot, window)
    assert _counts(window) == before
    for reference in ("TRN00044", "TRN00045"):
        assert find_case(window.workspace.store, reference).review_id is None
