"""The one way the GUI runs work off the UI thread (STYLE.md 2, 3 and 7).

``Tasks.run(work, ...)`` runs ``work()`` on a single worker thread, so database writes never overlap, and
calls ``success(result)`` or ``failure(error)`` back on the main thread. Without a failure callback a
readable error dialog (with "Copy details") is shown. After a successful write the runner announces
``changes`` on the app's ``ChangeBus``.

``Tasks.run_operation(make_operation, ...)`` does the same for a long operation: a generator yielding
``core.progress.Progress``. A progress dialog appears only if the work is still running after
``PROGRESS_DELAY_MS``, so quick work never flashes a dialog, and it is closed in a ``finally`` whatever the
worker does.

    tasks.run(
        lambda: answer(store, review_id, qid, value, actor=actor),
        parent=self,
        success=self.show_review,
        changes=Changes(Change.REVIEW | Change.CASES, review_id=review_id),
        initiator=self,
    )
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from omi_desktop.core.progress import Operation, Progress
from omi_desktop.gui.changes import ChangeBus, Changes

T = TypeVar("T")
PROGRESS_DELAY_MS = 500

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]
ChangesFor = Changes | Callable[[Any], Changes | None] | None


class TaskCancelled(Exception):
    """The person pressed Cancel in the progress dialog; the operation was closed."""


class _Relay(QObject):
    """Lives on the main thread; the worker emits, Qt queues the call to the main thread."""

    call = Signal(object)


class Tasks(QObject):
    """A single-worker executor for database work with main-thread callbacks."""

    #: True while any task is queued or running (drives the "Saving…" indicator).
    busy_changed = Signal(bool)

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="omi-worker")
        self._relay = _Relay(self)
        self._relay.call.connect(self._on_call, Qt.ConnectionType.QueuedConnection)
        self._pending = 0
        self._closed = False

    # -- public API ---------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(
        self,
        work: Callable[[], T],
        *,
        parent: QWidget | None = None,
        success: Success | None = None,
        failure: Failure | None = None,
        changes: ChangesFor = None,
        initiator: object | None = None,
    ) -> Future[T]:
        """Run ``work()`` on the worker; call back on the main thread."""

        def job() -> T:
            return work()

        return self._submit(job, parent, success, failure, changes, initiator, None)

    def run_operation(
        self,
        make_operation: Callable[[], Operation[T]],
        *,
        title: str,
        parent: QWidget | None = None,
        success: Success | None = None,
        failure: Failure | None = None,
        changes: ChangesFor = None,
        initiator: object | None = None,
        cancellable: bool = False,
        delay_ms: int = PROGRESS_DELAY_MS,
    ) -> Future[T]:
        """Run a long operation (a generator yielding ``Progress``) with a delayed progress dialog."""
        progress = _ProgressWindow(parent, title, cancellable, delay_ms)

        def job() -> T:
            operation = make_operation()
            try:
                while True:
                    if progress.cancel_requested.is_set():
                        operation.close()  # runs the generator's own clean-up
                        raise TaskCancelled(self.tr("Cancelled"))
                    try:
                        step = next(operation)
                    except StopIteration as stop:
                        return stop.value
                    if isinstance(step, Progress):
                        self._relay.call.emit(lambda step=step: progress.update(step))
            finally:
                operation.close()

        return self._submit(job, parent, success, failure, changes, initiator, progress)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until everything submitted so far has run (callbacks are still delivered later).

        For closing the window and for scripts; never call it from a callback.
        """
        if self._closed:
            return True
        marker = self._executor.submit(lambda: None)
        try:
            marker.result(timeout)
        except TimeoutError:
            return False
        return True

    def shutdown(self) -> None:
        """Finish queued work and stop the worker (on quit)."""
        if not self._closed:
            self._closed = True
            self._executor.shutdown(wait=True)

    # -- internals ----------------------------------------------------------------------------------------
    def _submit(
        self,
        job: Callable[[], T],
        parent: QWidget | None,
        success: Success | None,
        failure: Failure | None,
        changes: ChangesFor,
        initiator: object | None,
        progress: _ProgressWindow | None,
    ) -> Future[T]:
        if self._closed:
            raise RuntimeError("the task runner is shut down")
        self._set_pending(+1)
        if progress is not None:
            progress.arm()

        def worker() -> T:
            outcome: dict[str, Any] = {}
            try:
                outcome["result"] = job()
                return outcome["result"]
            except BaseException as error:
                outcome["error"] = error
                outcome["details"] = "".join(traceback.format_exception(error))
                raise
            finally:
                # Always reported, so the progress window always closes and callbacks always run.
                self._relay.call.emit(
                    lambda: self._finish(outcome, parent, success, failure, changes, initiator, progress)
                )

        return self._executor.submit(worker)

    def _finish(
        self,
        outcome: dict[str, Any],
        parent: QWidget | None,
        success: Success | None,
        failure: Failure | None,
        changes: ChangesFor,
        initiator: object | None,
        progress: _ProgressWindow | None,
    ) -> None:
        try:
            if progress is not None:
                progress.close()
        finally:
            self._set_pending(-1)
        if self._closed:
            return  # the window has gone: the work was done, there is no one left to tell
        error = outcome.get("error")
        if error is not None:
            self._fail(error, outcome.get("details", ""), parent, failure)
            return
        result = outcome.get("result")
        try:
            if success is not None:
                success(result)
        except Exception as callback_error:
            self._fail(callback_error, "".join(traceback.format_exception(callback_error)), parent, None)
        finally:
            announced = changes(result) if callable(changes) else changes
            if announced is not None:
                self.bus.announce(announced, initiator)

    def _fail(
        self, error: BaseException, details: str, parent: QWidget | None, failure: Failure | None
    ) -> None:
        if failure is not None:
            try:
                failure(error)
                return
            except Exception as callback_error:
                error = callback_error
                details = "".join(traceback.format_exception(callback_error))
        if isinstance(error, TaskCancelled):
            return
        from omi_desktop.gui.dialogs.error import show_error

        show_error(parent, error, details)

    def _on_call(self, fn: Callable[[], None]) -> None:
        fn()

    def _set_pending(self, delta: int) -> None:
        before = self._pending > 0
        self._pending += delta
        after = self._pending > 0
        if before != after:
            self.busy_changed.emit(after)


class _ProgressWindow:
    """A progress dialog that only appears if the work is still running after a delay."""

    def __init__(self, parent: QWidget | None, title: str, cancellable: bool, delay_ms: int) -> None:
        self.parent = parent
        self.title = title
        self.cancellable = cancellable
        self.delay_ms = delay_ms
        self.cancel_requested = threading.Event()
        self.latest: Progress | None = None
        self.dialog: QProgressDialog | None = None
        self.finished = False
        self._timer: QTimer | None = None

    def arm(self) -> None:
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        self._timer.start(self.delay_ms)

    def _show(self) -> None:
        if self.finished or self.dialog is not None:
            return
        dialog = QProgressDialog(self.parent)
        dialog.setWindowTitle(self.title)
        dialog.setLabelText(self.title)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumWidth(420)
        if self.cancellable:
            dialog.canceled.connect(self.cancel_requested.set)
        else:
            dialog.setCancelButton(None)
        self.dialog = dialog
        if self.latest is not None:
            self.update(self.latest)
        dialog.show()

    def update(self, step: Progress) -> None:
        self.latest = step
        dialog = self.dialog
        if dialog is None or self.finished:
            return
        if step.message:
            dialog.setLabelText(step.message)
        dialog.setMaximum(max(step.total, 0))
        # Last: a modal progress dialog processes events in setValue, so the work may finish inside it.
        dialog.setValue(min(step.done, step.total) if step.total > 0 else 0)

    def close(self) -> None:
        self.finished = True
        if self._timer is not None:
            self._timer.stop()
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.hide()
            dialog.deleteLater()
