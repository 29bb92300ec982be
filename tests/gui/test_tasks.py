"""The one task runner: work off the UI thread, callbacks on it, writes in order, a delayed progress
dialog that always closes, errors in a dialog with "Copy details", and the "data changed" signal."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.progress import Progress
from omi_desktop.gui.changes import Change, ChangeBus, Changes
from omi_desktop.gui.dialogs.error import ErrorDialog
from omi_desktop.gui.tasks import Tasks


@pytest.fixture
def runner(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    bus = ChangeBus()
    tasks = Tasks(bus)
    yield tasks, parent
    tasks.shutdown()


def test_work_runs_on_the_worker_and_callbacks_on_the_main_thread(qtbot, runner):
    tasks, parent = runner
    seen = {}

    def work():
        seen["work"] = threading.current_thread()
        return 42

    def success(result):
        seen["callback"] = threading.current_thread()
        seen["result"] = result

    with qtbot.waitSignal(tasks.bus.data_changed) as signal:
        tasks.run(work, parent=parent, success=success, changes=Changes(Change.REVIEW, review_id="r1"))
    assert seen["result"] == 42
    assert seen["work"] is not threading.main_thread()
    assert seen["callback"] is threading.main_thread()
    changes, initiator = signal.args
    assert changes == Changes(Change.REVIEW, review_id="r1") and initiator is None
    assert not tasks.busy


def test_writes_never_overlap_and_keep_their_order(qtbot, runner):
    tasks, parent = runner
    log = []

    def job(n):
        def work():
            log.append(("start", n))
            time.sleep(0.02)
            log.append(("end", n))
            return n

        return work

    done = []
    for n in range(4):
        tasks.run(job(n), parent=parent, success=done.append)
    qtbot.waitUntil(lambda: len(done) == 4)
    assert done == [0, 1, 2, 3]
    assert log == [(kind, n) for n in range(4) for kind in ("start", "end")]


def test_a_failure_shows_a_readable_dialog_with_copyable_details(qtbot, runner):
    tasks, parent = runner
    announced = []
    tasks.bus.data_changed.connect(lambda *args: announced.append(args))

    def broken():
        raise ZeroDivisionError("division by zero in the worker")

    tasks.run(broken, parent=parent, changes=Changes(Change.ALL))
    qtbot.waitUntil(lambda: bool(_dialogs(parent)))
    dialog = _dialogs(parent)[0]
    assert "Something unexpected went wrong: division by zero in the worker" in dialog.message.text()
    assert not dialog.details_view.isVisible(), "details only on request"
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "Traceback" in copied and "ZeroDivisionError" in copied and "OMI Desktop" in copied
    dialog.close()
    assert announced == [], "nothing is announced when the write failed"


def test_a_refusal_shows_its_own_sentence(qtbot, runner):
    tasks, parent = runner

    def refused():
        raise RefusedError("the review is finalised; reopen it (with a reason) to change it")

    tasks.run(refused, parent=parent)
    qtbot.waitUntil(lambda: bool(_dialogs(parent)))
    assert (
        _dialogs(parent)[0].message.text()
        == "The review is finalised; reopen it (with a reason) to change it."
    )


def test_a_failure_callback_replaces_the_dialog(qtbot, runner):
    tasks, parent = runner
    errors = []
    tasks.run(lambda: 1 / 0, parent=parent, failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ZeroDivisionError)
    assert not _dialogs(parent)


def quick():
    yield Progress(0, 2, "one")
    yield Progress(1, 2, "two")
    return "quick"


def slow(fail=False):
    for n in range(8):
        yield Progress(n, 8, f"step {n + 1} of 8")
        time.sleep(0.1)
        if fail and n == 6:
            raise RuntimeError("the disk went away")
    return "slow"


def test_quick_operations_never_flash_a_progress_dialog(qtbot, runner):
    tasks, parent = runner
    results = []
    tasks.run_operation(quick, title="Quick", parent=parent, success=results.append, delay_ms=300)
    qtbot.waitUntil(lambda: bool(results))
    qtbot.wait(450)
    assert results == ["quick"]
    assert not parent.findChildren(QProgressDialog)


def test_slow_operations_show_progress_then_close_it(qtbot, runner):
    tasks, parent = runner
    results = []
    tasks.run_operation(slow, title="Slow", parent=parent, success=results.append, delay_ms=300)
    qtbot.waitUntil(lambda: _progress(parent) is not None)
    dialog = _progress(parent)
    qtbot.waitUntil(lambda: dialog.labelText().startswith("step"))
    assert dialog.maximum() == 8
    qtbot.waitUntil(lambda: results == ["slow"])
    assert _progress(parent) is None


def test_a_failing_operation_still_closes_its_progress_dialog(qtbot, runner):
    tasks, parent = runner
    tasks.run_operation(lambda: slow(fail=True), title="Failing", parent=parent, delay_ms=200)
    qtbot.waitUntil(lambda: _progress(parent) is not None)
    qtbot.waitUntil(lambda: bool(_dialogs(parent)), timeout=5000)
    assert _progress(parent) is None, "no progress dialog left behind"
    assert "the disk went away" in _dialogs(parent)[0].message.text()


def _dialogs(parent):
    return [d for d in parent.findChildren(ErrorDialog) if d.isVisible()]


def _progress(parent):
    shown = [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]
    return shown[0] if shown else None
