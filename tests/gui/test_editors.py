"""Answer editors on their own: what each shows and what a person's keys give."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from omi_desktop.core.framework.model import Question
from omi_desktop.gui.review.editors import ChoiceEditor, JudgementEditor
from omi_desktop.gui.review.text_editors import LineEditor, LongTextEditor


def question(**fields):
    base = {"id": "9.9.9", "text": {"en": "A question"}, "type": "judgement"}
    return Question.model_validate(base | fields)


HOSTS = []  # keep each test's window alive while it runs


def shown(qtbot, editor):
    host = QWidget()
    HOSTS.append(host)
    qtbot.addWidget(host)
    editor.setParent(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    return editor


def test_judgement_offers_only_what_the_question_allows(qtbot):
    editor = shown(qtbot, JudgementEditor())
    editor.show_question(question(allow_partly=False, allow_na=False), "no", "en")
    assert [v for v, b in editor.buttons.items() if b.isVisibleTo(editor)] == ["yes", "no"]
    assert editor.buttons["no"].isChecked()
    given = []
    editor.committed.connect(lambda raw, advance: given.append((raw, advance)))
    assert not editor.give("partly")
    assert editor.give("yes")
    assert given == [("yes", True)] and editor.buttons["yes"].isChecked()


def test_choice_digits_choose_and_arrows_only_move(qtbot):
    options = [{"value": v, "label": {"en": v.title(), "cy": f"{v} (cy)"}} for v in ("low", "medium", "high")]
    editor = shown(qtbot, ChoiceEditor())
    editor.show_question(question(type="choice", options=options), None, "cy")
    assert [b.text() for b in editor.options if b.property("answerValue")] == [
        "1   low (cy)",
        "2   medium (cy)",
        "3   high (cy)",
    ]
    given = []
    editor.committed.connect(lambda raw, advance: given.append((raw, advance)))
    editor.focus()
    qtbot.keyClick(editor.options[0], Qt.Key.Key_Down)
    assert given == [], "moving between options answers nothing"
    qtbot.keyClick(editor.options[1], Qt.Key.Key_3)
    assert given == [("high", True)]
    assert [b.isChecked() for b in editor.options[:3]] == [False, False, True]


def test_dates_are_shown_the_british_way_and_typed_ones_are_pending(qtbot):
    editor = shown(qtbot, LineEditor("date"))
    editor.show_question(question(type="date"), "2026-05-14", "en")
    assert editor.edit.text() == "14/05/2026"
    assert editor.pending() == (False, "14/05/2026")
    editor.edit.setText("15/05/2026")
    assert editor.pending() == (True, "15/05/2026")


def test_long_text_enter_is_a_new_line_and_ctrl_enter_goes_on(qtbot):
    editor = shown(qtbot, LongTextEditor())
    editor.show_question(question(type="text"), "", "en")
    confirmed, given = [], []
    editor.confirm_requested.connect(lambda: confirmed.append(True))
    editor.committed.connect(lambda raw, advance: given.append((raw, advance)))
    editor.edit.setFocus()
    qtbot.keyClicks(editor.edit, "First line")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.edit, "Second line")
    assert editor.edit.toPlainText() == "First line\nSecond line"
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert confirmed == [True]
    editor.edit.clearFocus()
    assert given == [("First line\nSecond line", False)], "stored when focus leaves"
