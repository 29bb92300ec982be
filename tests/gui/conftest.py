"""GUI test set-up: a window on a fresh copy of a prepared training inspection, offscreen.

The training inspection is built once per test session (about a second) and copied for each test, so
every test has its own data folder on a real disk.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from omi_desktop.core.demo import make_demo
from omi_desktop.core.store import Store

DEMO_ANSWERED = 12  # the first 12 cases come answered and finalised


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo-template") / "data"
    store = Store.open(folder)
    try:
        make_demo(store, answered=DEMO_ANSWERED)
    finally:
        store.close()
    for leftover in ("omi.lock",):
        (folder / leftover).unlink(missing_ok=True)
    shutil.rmtree(folder / "backups", ignore_errors=True)
    return folder


@pytest.fixture
def demo_dir(demo_template, tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test(qapp):
    """Every test starts with no window on screen: dialogs a test leaves open (and their deferred deletion)
    would otherwise appear, take the activation and vanish in the middle of the next test."""
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def has_keyboard(window) -> bool:
    """The window is the active one and a widget of its own has the keyboard focus (what typing needs)."""
    focused = QApplication.focusWidget()
    return window.isActiveWindow() and focused is not None and window.isAncestorOf(focused)


def open_window(qtbot, data_dir: Path):
    """A window on ``data_dir``, on screen with its features installed and the keyboard in it."""
    from omi_desktop.gui.main_window import MainWindow
    from omi_desktop.gui.workspace import Workspace

    window = MainWindow(Workspace.open(data_dir))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.features_installed, timeout=10_000)
    qtbot.waitUntil(lambda: has_keyboard(window), timeout=5_000)
    return window


def settle(qtbot, window, timeout: int = 30_000) -> None:
    """Wait until every queued write has run and its callback has been delivered.

    The limit is generous: printing renders pages at 300 dpi, which takes seconds on a busy shared machine.
    """
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=timeout)


@pytest.fixture
def window(qtbot, demo_dir):
    win = open_window(qtbot, demo_dir)
    settle(qtbot, win)
    yield win
    if win.isVisible():
        win.close()


@pytest.fixture
def empty_window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path / "empty-data")
    yield win
    if win.isVisible():
        win.close()
