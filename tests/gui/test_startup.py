"""Start-up: the welcome screen, the training inspection, a second instance, a folder that will not open."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from omi_desktop.core.settings import current_actor
from omi_desktop.core.store import DB_FILENAME
from omi_desktop.gui.startup import open_workspace
from omi_desktop.gui.workspace import AlreadyOpenError, Workspace
from tests.conftest import subprocess_env
from tests.gui.conftest import settle

HOLDER = """
import sys
from pathlib import Path
from omi_desktop.gui.workspace import Workspace
workspace = Workspace.open(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.read()
workspace.close()
"""


def answer_next_message_box(qtbot, button_text=None):
    """Read the next modal message box and press one of its buttons (as a person would)."""
    seen = {}

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["title"] = box.windowTitle()
        seen["text"] = box.text()
        seen["informative"] = box.informativeText()
        buttons = {b.text(): b for b in box.buttons()}
        seen["buttons"] = sorted(buttons)
        target = buttons.get(button_text) if button_text else box.buttons()[0]
        target.click()

    QTimer.singleShot(20, answer)
    return seen


def test_welcome_then_the_training_inspection(qtbot, empty_window):
    window = empty_window
    assert window.ui.pages.currentWidget() is window.ui.welcomePage
    assert window.welcome.ui.folderLabel.toolTip() == str(window.workspace.data_dir)
    assert window.welcome.ui.folderLabel.text().startswith("Data folder: ")
    qtbot.mouseClick(window.welcome.ui.demoButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ui.pages.currentWidget() is window.ui.inspectionPage, timeout=30_000)
    settle(qtbot, window)
    assert window.ui.trainingBanner.isVisible()
    assert "TRAINING DATA" in window.ui.trainingBanner.text()
    assert "TRAINING DATA" in window.windowTitle()
    assert "TRAINING DATA" in window.status.field("inspection")
    assert window.case_list.model.rowCount() == 100
    actor = current_actor(window.workspace.store)
    assert actor.startswith("TRN-"), "the training identity acts in the training inspection"
    assert window.status.field("inspector") == f"Inspector: {actor}"
    qtbot.waitUntil(lambda: window.review.view is not None)


@pytest.fixture
def held_folder(tmp_path):
    folder = tmp_path / "held"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=subprocess_env(QT_QPA_PLATFORM="offscreen"),
    )
    assert child.stdout.readline().strip() == "ready"
    yield folder, child.pid
    child.stdin.close()
    child.wait(timeout=30)


def test_a_second_instance_on_the_same_folder_is_refused(qtbot, qapp, held_folder):
    folder, pid = held_folder
    with pytest.raises(AlreadyOpenError) as refused:
        Workspace.open(folder)
    assert f"process {pid}" in str(refused.value)
    seen = answer_next_message_box(qtbot)
    assert open_workspace(folder) is None
    assert seen["title"] == "OMI Desktop is already open"
    assert "already open on this data folder" in seen["text"] and str(folder) in seen["text"]
    assert seen["text"][0].isupper() and seen["text"].endswith(".")


def test_the_lock_goes_with_the_window(qtbot, demo_dir):
    from tests.gui.conftest import open_window

    window = open_window(qtbot, demo_dir)
    with pytest.raises(AlreadyOpenError):
        Workspace.open(demo_dir)
    window.close()
    Workspace.open(demo_dir).close()


def test_a_folder_that_cannot_be_opened_is_explained_and_left_alone(qtbot, qapp, tmp_path):
    folder = tmp_path / "not-omi"
    folder.mkdir()
    junk = b"these are not the droids you are looking for" * 100
    (folder / DB_FILENAME).write_bytes(junk)
    seen = answer_next_message_box(qtbot, "Quit")
    assert open_workspace(folder) is None
    assert seen["title"] == "Cannot open the data folder"
    assert "Choose another folder…" in seen["buttons"]
    assert seen["text"] and "Traceback" not in seen["text"]
    assert seen["text"] == f"The data folder {folder} cannot be opened.", "a sentence, then the reason"
    assert seen["informative"].endswith("Nothing was changed. You can choose another data folder, or quit.")
    assert (folder / DB_FILENAME).read_bytes() == junk, "nothing was changed"


def test_the_window_remembers_its_layout_per_data_folder(qtbot, demo_dir):
    from omi_desktop.gui.actions import ActionId
    from tests.gui.conftest import open_window

    window = open_window(qtbot, demo_dir)
    window.ui.splitter.setSizes([420, 860])
    window.actions[ActionId.TOGGLE_GUIDANCE].setChecked(True)
    sizes = window.ui.splitter.sizes()
    window.close()

    again = open_window(qtbot, demo_dir)
    assert again.ui.splitter.sizes() == sizes
    assert again.actions[ActionId.TOGGLE_GUIDANCE].isChecked()
    assert again.review.page.ui.guidanceButton.isChecked()
    again.close()


def test_switching_data_folders_away_and_back_shows_the_review_again(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tests.gui.helpers import open_case, press

    open_case(qtbot, window, "TRN00014")
    home = window.workspace.data_dir
    other = tmp_path / "other-data"
    chosen = [other, home]
    # The system's folder dialog is the boundary: the person picks the other folder, then their own again.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(chosen.pop(0)))
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.ui.pages.currentWidget() is window.ui.welcomePage)
    assert window.workspace.data_dir == other and window.review.view is None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.ui.pages.currentWidget() is window.ui.inspectionPage)
    settle(qtbot, window)
    panel = window.review
    qtbot.waitUntil(lambda: panel.view is not None and not panel.session.loading, timeout=10_000)
    assert panel.ui.stack.currentWidget() is panel.ui.reviewPage
    case = window.current_case()
    assert case is not None and case.reference == "TRN00014", "the case chosen before is chosen again"
    assert panel.view.review.case_id == case.id
    assert case.reference in panel.ui.headerTitle.text()


def test_the_status_bar_says_what_it_counts(qtbot, window):
    # Cases finalised count cases; what waits for export counts every finalised review: the training
    # inspection's finalised questionnaires travel in the return too, so that number is the larger.
    from omi_desktop.core.instruments import list_instrument_reviews
    from omi_desktop.core.sync.export import sync_status

    inspection = window.current_inspection()
    cases = window.case_list.model.cases
    finalised = sum(1 for c in cases if c.status == "finalised")
    assert window.status.field("finalised") == f"{finalised} of {len(cases)} cases finalised"
    others = [
        r for r in list_instrument_reviews(window.workspace.store, inspection.id) if r.status == "finalised"
    ]
    waiting = sync_status(window.workspace.store, inspection.id).not_exported
    assert others and waiting == finalised + len(others)
    assert window.status.field("export") == f"{waiting} reviews not yet exported"
    label = window.statusBar().findChild(QLabel, "status_export")
    assert "questionnaire responses and the area assessment" in label.toolTip()
    assert label.accessibleDescription() == label.toolTip()


def test_a_folder_whose_user_cannot_be_read_is_let_go(tmp_path, monkeypatch):
    """Opening fails after the store opened (the acting user cannot be read): both locks are released, so a
    restore or another window can use the folder at once."""
    from omi_desktop.core.errors import StoreError
    from omi_desktop.core.store.lock import InstanceLock, UseLock
    from omi_desktop.gui import workspace as workspace_module

    def unreadable(store):
        raise StoreError("the acting user cannot be read")

    monkeypatch.setattr(workspace_module, "current_actor", unreadable)
    with pytest.raises(StoreError):
        Workspace.open(tmp_path)
    use = UseLock(tmp_path)
    assert use.acquire(exclusive=True)
    use.release()
    instance = InstanceLock(tmp_path)
    assert instance.acquire()
    instance.release()


def test_an_empty_data_dir_option_is_a_usage_error():
    child = subprocess.run(
        [sys.executable, "-m", "omi_desktop.gui.app", "--data-dir", ""],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=60,
    )
    assert child.returncode == 2
    assert "--data-dir is empty" in child.stderr
