"""Typing answers as a person does: the keys for an acceptable answer to the question on screen.

Which value to give is found by asking core which candidates it accepts (``preview_answer``); how it is
given is keys only, sent to the widget that has the keyboard focus.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from omi_desktop.core.errors import OmiError
from omi_desktop.core.review.preview import preview_answer
from omi_desktop.gui.review.editors import OPTION_KEYS

JUDGEMENT_KEYS = {"yes": Qt.Key.Key_Y, "no": Qt.Key.Key_N, "partly": Qt.Key.Key_P, "na": Qt.Key.Key_A}


def focus(qtbot):
    widget = QApplication.focusWidget()
    if widget is None:
        windows = QApplication.topLevelWidgets()
        shown = [f"{type(w).__name__} {w.objectName()!r}" for w in windows if w.isVisible()]
        raise AssertionError(
            f"nothing has the keyboard focus (active window: {QApplication.activeWindow()!r}; "
            f"windows on screen: {shown})"
        )
    return widget


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focus(qtbot), key, modifier)


def type_text(qtbot, text):
    qtbot.keyClicks(focus(qtbot), text)


def accepted(view, qid, raw):
    try:
        return preview_answer(view, qid, raw).value
    except OmiError:
        return None


def _date_candidates(view):
    start = view.facts.get("commencement_date") or date.today() - timedelta(days=180)
    today = date.today()
    return [start + timedelta(days=d) for d in (3, 10, 0, 30)] + [today]


def answer_by_keyboard(qtbot, panel, qid, index=0):
    """Give the question on screen an acceptable answer with keys; returns the value core will store."""
    view = panel.view
    question = view.framework.questions[qid]
    kind = question.type
    if kind == "judgement":
        for value in (*("yes", "no", "partly", "na")[index:], "yes", "no"):
            if accepted(view, qid, value) is not None:
                press(qtbot, JUDGEMENT_KEYS[value])
                return value
    elif kind in ("choice", "multi_choice"):
        for n, option in enumerate(question.options):
            raw = option.value if kind == "choice" else [option.value]
            stored = accepted(view, qid, raw)
            if stored is not None:
                press(qtbot, getattr(Qt.Key, f"Key_{OPTION_KEYS[n]}"))
                if kind == "multi_choice":
                    press(qtbot, Qt.Key.Key_Return)
                return stored
    elif kind == "date":
        for day in _date_candidates(view):
            text = day.strftime("%d/%m/%Y")
            stored = accepted(view, qid, text)
            if stored is not None:
                _replace_text(qtbot, text)
                return stored
    elif kind == "number":
        for text in ("2", "1", "0", "5"):
            stored = accepted(view, qid, text)
            if stored is not None:
                _replace_text(qtbot, text)
                return stored
    else:
        text = "Discussed at interview"
        stored = accepted(view, qid, text)
        if stored is not None:
            _replace_text(qtbot, text)
            return stored
    raise AssertionError(f"no acceptable answer found for {qid}")


def _replace_text(qtbot, text):
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Backspace)
    type_text(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)
