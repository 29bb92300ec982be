"""Never lose work: killing the program while a note is typed loses at most the last save interval;
closing the window mid-edit loses nothing."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt

from omi_desktop.core import review as core_review
from omi_desktop.core.inspections import find_case
from omi_desktop.core.store import Store
from omi_desktop.gui.review.question_page import NOTE_SAVE_MS
from tests.conftest import subprocess_env
from tests.gui.conftest import open_window
from tests.gui.helpers import click_question, open_case, press, type_text

TYPIST = Path(__file__).with_name("note_typist.py")
TEXT = (
    "Risk management plan seen on file; it names the partner and the two children as at risk, sets "
    "curfew and exclusion-zone conditions, and lists police and children's services contacts. "
) * 3
KEY_INTERVAL_MS = 40
# On top of the save interval: the timer firing late on a busy machine, and the write (a commit with fsync).
# Measured on 2 cores with a load of 4-7 (other test runs, two busy loops besides): the keys lost spanned
# 0.08-0.96 s before the kill over 11 runs (0.44-1.04 s in an earlier series), against 1.25 s allowed here.
WRITE_ALLOWANCE_S = 0.25


def stored_note(data_dir, reference, question_id):
    store = Store.open(data_dir)
    try:
        case = find_case(store, reference)
        return core_review.get_review(store, case.review_id).note(question_id)
    finally:
        store.close()


def test_killing_the_app_while_typing_a_note_loses_at_most_the_save_interval(demo_dir):
    child = subprocess.Popen(
        [sys.executable, str(TYPIST), str(demo_dir), "TRN00014", TEXT, str(KEY_INTERVAL_MS)],
        stdout=subprocess.PIPE,
        text=True,
        env=subprocess_env(QT_QPA_PLATFORM="offscreen"),
    )
    typed: list[float] = []
    question = None
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            line = child.stdout.readline()
            assert line, "the typist stopped before it was killed"
            if line.startswith("question "):
                question = line.split()[1]
            elif line.startswith("typed "):
                typed.append(float(line.split()[2]))
                if len(typed) >= 100:  # about four seconds of steady typing
                    break
        child.send_signal(signal.SIGKILL)
        killed_at = time.time()
    finally:
        child.kill()
        child.wait(timeout=30)
    assert question is not None and len(typed) >= 100

    note = stored_note(demo_dir, "TRN00014", question)
    assert TEXT.startswith(note), "what was saved is exactly the start of what was typed"
    must_have = sum(1 for t in typed if t < killed_at - NOTE_SAVE_MS / 1000 - WRITE_ALLOWANCE_S)
    assert must_have > 30
    lost = killed_at - typed[len(note)] if len(note) < len(typed) else 0.0
    assert len(note) >= must_have, (
        f"{len(typed)} keys typed, {len(note)} saved: the keys of the last {lost:.2f} s were lost; "
        f"everything typed more than {NOTE_SAVE_MS} ms + {WRITE_ALLOWANCE_S} s before the kill "
        f"({must_have} keys) should have been saved"
    )


def test_closing_the_window_mid_edit_loses_nothing(qtbot, demo_dir):
    window = open_window(qtbot, demo_dir)
    open_case(qtbot, window, "TRN00015")
    click_question(qtbot, window, "1.1.1")
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # into the evidence note
    type_text(qtbot, "Screening done on day three")
    click_question(qtbot, window, "0.1.3")
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "02/01/2026")  # a date typed but not confirmed: no Enter, focus still in the field
    window.close()  # at once, mid-typing

    assert stored_note(demo_dir, "TRN00015", "1.1.1") == "Screening done on day three"
    assert stored_value(demo_dir, "TRN00015", "0.1.3") == "2026-01-02"


def stored_value(data_dir, reference, question_id):
    store = Store.open(data_dir)
    try:
        case = find_case(store, reference)
        return core_review.get_review(store, case.review_id).value(question_id)
    finally:
        store.close()
