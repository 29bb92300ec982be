"""What start-up does first: the core before Qt, the window on screen before its first review and features."""

from __future__ import annotations

import subprocess
import sys
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from omi_desktop.gui.models.cases import COLUMN_COUNT
from tests.conftest import subprocess_env
from tests.gui.keyboard import press

STARTING = """
import gc, sys, time
from pathlib import Path
from omi_desktop.gui.app import create_application

app = create_application()
loaded = list(sys.modules)  # in the order they were imported
assert loaded.index("omi_desktop.core.store.tables") < loaded.index("PySide6"), "core after Qt"
assert not gc.isenabled(), "the collector runs during start-up"

from PySide6.QtCore import QEvent, QEventLoop, QObject
from omi_desktop.gui.main_window import MainWindow
from omi_desktop.gui.workspace import Workspace

seen = []

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen.append((window.review.view is not None, window.features_installed, gc.isenabled()))
        return False

window = MainWindow(Workspace.open(Path(sys.argv[1])))
watcher = FirstPaint()
window.case_list.ui.table.viewport().installEventFilter(watcher)
window.show()
deadline = time.monotonic() + 60
# Wait for events rather than spin: with PySide6 6.12 on Python 3.11 every call from Python to a Qt
# function that returns nothing gives back a reference to None it never took, and tens of thousands of
# spins of processEvents() are enough to free None and abort the process.
while not (window.features_installed and window.review.view is not None):
    assert time.monotonic() < deadline, "timed out"
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
print("first paint: review shown %s, features installed %s, collector on %s" % seen[0])
print("then: review shown %s, features installed %s, collector on %s" % (
    window.review.view is not None, window.features_installed, gc.isenabled()))
print("failures", window.feature_failures)
window.close()
"""


def test_the_case_list_is_painted_first_then_the_review_and_the_features_follow(demo_dir):
    proc = subprocess.run(
        [sys.executable, "-c", STARTING, str(demo_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env=subprocess_env(QT_QPA_PLATFORM="offscreen"),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert lines[0] == "first paint: review shown False, features installed False, collector on False"
    assert lines[1] == "then: review shown True, features installed True, collector on True"
    assert lines[2] == "failures []"


def test_case_columns_fit_their_contents_and_keep_their_width_when_the_pane_changes(qtbot, window):
    table = window.case_list.ui.table
    header = table.horizontalHeader()
    fixed = [c for c in range(COLUMN_COUNT) if header.sectionResizeMode(c) == header.ResizeMode.Fixed]
    assert len(fixed) == COLUMN_COUNT - 1  # all but the offender manager's, which takes the rest
    widths = [header.sectionSize(c) for c in fixed]
    assert all(header.sectionSize(c) >= table.sizeHintForColumn(c) for c in fixed)
    window.ui.splitter.setSizes([700, 580])
    qtbot.wait(20)
    assert [header.sectionSize(c) for c in fixed] == widths


def test_install_features_at_once_also_shows_the_first_review(qtbot, demo_dir):
    # A script that never shows the window still gets its features, and the selected case's review.
    from omi_desktop.gui.main_window import MainWindow
    from omi_desktop.gui.workspace import Workspace

    window = MainWindow(Workspace.open(demo_dir))
    qtbot.addWidget(window)
    assert window.review.view is None and not window.features_installed
    window.install_features()
    assert window.features_installed and window.feature_failures == []
    qtbot.waitUntil(lambda: window.review.view is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10_000)
    window.close()


def test_the_keyboard_stays_in_the_case_list_while_the_features_install(qtbot, window):
    # The features install after the first paint; the cases list had the keyboard before, and keeps it.
    assert QApplication.focusWidget() is window.case_list.ui.table


def test_features_installed_before_the_first_review_is_shown_do_not_lose_the_keyboard(qtbot, demo_dir):
    # The worst moment: the review is still loading (here: behind a slow task), so no other widget could take
    # the keyboard when a feature re-parents the case list (the left-hand tabs do). Typing still works.
    from omi_desktop.gui.main_window import MainWindow
    from omi_desktop.gui.workspace import Workspace

    window = MainWindow(Workspace.open(demo_dir))
    qtbot.addWidget(window)
    slow_disk = threading.Event()
    window.tasks.run(lambda: slow_disk.wait(30))
    window.show()
    qtbot.waitUntil(window.isActiveWindow)
    window.install_features()
    assert window.review.ui.stack.currentWidget() is window.review.ui.emptyPage, "still loading"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.case_list.ui.table, timeout=5_000)
    slow_disk.set()
    qtbot.waitUntil(lambda: window.review.view is not None and not window.tasks.busy, timeout=10_000)
    press(qtbot, Qt.Key.Key_Down)
    assert window.current_case().reference == "TRN00002"
    window.close()
