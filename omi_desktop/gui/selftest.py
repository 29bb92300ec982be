"""``omi-desktop --self-test``: prove a build works, without a display and without touching real data.

It builds the training inspection in a temporary data folder (which runs the store migrations), opens the
main window offscreen, walks one case through a few answers given with the keyboard, checks that the store
holds them, and prints one line. Exit 0 when all is well, 1 (with the reason) when not. Works frozen too.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from omi_desktop.gui.main_window import MainWindow
    from omi_desktop.gui.review.panel import ReviewPanel

ANSWERS = 6
TIMEOUT_S = 120


class SelfTestFailed(Exception):
    pass


def run_self_test() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="omi-self-test-"))
    try:
        summary = _run(folder / "data")
    except SelfTestFailed as failure:
        print(f"omi-desktop self-test FAILED: {failure}")
        return 1
    except Exception as error:  # report, never a traceback at the user
        print(f"omi-desktop self-test FAILED: unexpected {type(error).__name__}: {error}")
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"omi-desktop self-test passed in {time.monotonic() - started:.1f} s: {summary}")
    return 0


def _quiet_offscreen_notes() -> None:
    """The offscreen platform notes each window it cannot resize to its hints; say nothing of that."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            sys.stderr.write(f"{message}\n")

    qInstallMessageHandler(handler)


def _run(data_dir: Path) -> str:
    from PySide6.QtWidgets import QApplication

    from omi_desktop.gui.app import create_application
    from omi_desktop.gui.main_window import MainWindow
    from omi_desktop.gui.workspace import Workspace

    _quiet_offscreen_notes()
    app = create_application()
    assert isinstance(app, QApplication)

    def wait(condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT_S
        while not condition():
            if time.monotonic() > deadline:
                raise SelfTestFailed(f"timed out waiting for {what}")
            app.processEvents()
            time.sleep(0.005)

    window = MainWindow(Workspace.open(data_dir))
    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    try:
        _open_training_inspection(window, wait)
        return _review_a_case(window, wait)
    finally:
        window.close()


Wait = Callable[[Callable[[], bool], str], None]


def _open_training_inspection(window: MainWindow, wait: Wait) -> None:
    """From the welcome screen of a new data folder, with every feature loaded, to the training inspection."""
    from omi_desktop.gui.actions import ActionId

    wait(window.isActiveWindow, "the window to be shown")
    wait(lambda: window.features_installed, "the feature modules")
    if window.feature_failures:
        name, error = window.feature_failures[0]
        raise SelfTestFailed(f"the feature {name} did not load: {error}")
    if window.ui.pages.currentWidget() is not window.ui.welcomePage:
        raise SelfTestFailed("a new data folder did not open on the welcome screen")
    window.actions[ActionId.OPEN_DEMO].trigger()
    wait(lambda: window.ui.pages.currentWidget() is window.ui.inspectionPage, "the training inspection")
    window.activateWindow()  # the progress dialog has closed; offscreen there is no window manager
    wait(window.isActiveWindow, "the window to be active again")


def _review_a_case(window: MainWindow, wait: Wait) -> str:
    """Answer a case not started by keyboard, and check the store holds every answer; the summary line."""
    from omi_desktop.core import review as core_review
    from omi_desktop.core.inspections import find_case

    cases = window.case_list.model.cases
    target = next((c for c in cases if c.status == "not_started"), None)
    if target is None:
        raise SelfTestFailed("the training inspection has no case left to start")
    window.case_list.select_case(target.id)
    panel = window.review
    wait(
        lambda: panel.view is not None and not panel.session.loading and not window.tasks.busy,
        "the review",
    )
    panel.focus_answer()
    given = _answer_by_keyboard(panel)
    wait(lambda: not window.tasks.busy, "the answers to be saved")
    store = window.workspace.store
    stored = core_review.get_review(store, find_case(store, target.reference).review_id)
    for qid, value in given.items():
        if stored.value(qid) != value:
            raise SelfTestFailed(f"question {qid}: gave {value!r}, the store holds {stored.value(qid)!r}")
    return (
        f"training inspection with {len(cases)} cases; {len(given)} answers to {target.reference} "
        f"given by keyboard and stored; progress {stored.evaluation.progress}%"
    )


def _answer_by_keyboard(panel: ReviewPanel) -> dict[str, str]:
    """Answer judgement questions with Y (or N where Y is not accepted); Alt+Right past the others."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from omi_desktop.core.errors import OmiError
    from omi_desktop.core.review.preview import preview_answer

    def key(code: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget()
        if target is None:
            raise SelfTestFailed("nothing has the keyboard focus")
        QTest.keyClick(target, code, modifier)

    given: dict[str, str] = {}
    for _ in range(60):
        if len(given) >= ANSWERS:
            break
        view, qid = panel.view, panel.question_id
        if view is None or qid is None:
            raise SelfTestFailed("no question is shown")
        if view.framework.questions[qid].type != "judgement":
            key(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
            continue
        for value, code in (("yes", Qt.Key.Key_Y), ("no", Qt.Key.Key_N)):
            try:
                preview_answer(view, qid, value)
            except OmiError:
                continue
            key(code)
            given[qid] = value
            break
        else:
            raise SelfTestFailed(f"question {qid} accepts neither Yes nor No")
        if panel.question_id == qid:
            raise SelfTestFailed(f"the answer to {qid} did not move on to the next question")
    if len(given) < ANSWERS:
        raise SelfTestFailed(f"only {len(given)} questions could be answered")
    return given


if __name__ == "__main__":
    sys.exit(run_self_test())
