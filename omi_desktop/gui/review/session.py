"""The review being worked on: what the screen shows, and the writes that make it durable.

The review is a case's (``open``) or one of the other instruments' (``open_instrument``: the area-level
assessment, a questionnaire response); everything after loading is the same for both.

An answer is checked by core's pure ``preview_answer`` first: a refusal is returned at once (shown next to
the question, nothing written), otherwise the screen moves on straight away while the durable write runs
on the task worker. Writes run one after another; when the last one lands, the review as stored replaces
the preview. If a write fails, the error is shown and the review is read back from the store.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import NotFoundError, OmiError
from omi_desktop.core.inspections import CaseInfo
from omi_desktop.gui.changes import Change, Changes

if TYPE_CHECKING:
    from types import ModuleType

    from omi_desktop.core.instruments import InstrumentReview
    from omi_desktop.core.review.state import ReviewView
    from omi_desktop.gui.main_window import MainWindow


def _lifecycle() -> ModuleType:
    from omi_desktop.core.review import lifecycle

    return lifecycle


def core_review() -> ModuleType:
    """``omi_desktop.core.review`` (``omi-desktop`` imports it as it starts, with the rest of the core; a
    window made some other way imports it with the first review it reads, on the worker)."""
    from omi_desktop.core import review

    return review


class ReviewSession(QObject):
    #: A (new) review is shown: (ReviewView).
    loaded = Signal(object)
    #: The shown review changed: answers, states, status (ReviewView).
    changed = Signal(object)
    #: The review was read again from the store (changed elsewhere, or a write failed): (ReviewView).
    reloaded = Signal(object)
    #: A write of this review reached the disk (local time).
    saved = Signal(object)
    #: The note of a question reached the disk: (question id, local time).
    note_saved = Signal(str, object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.case: CaseInfo | None = None
        #: The area assessment or questionnaire shown (None while a case's review is shown).
        self.entry: InstrumentReview | None = None
        self.view: ReviewView | None = None
        self._writes = 0
        self._loading_case: str | None = None  # the case id (or instrument review key) being loaded
        #: Reviews shown unstarted whose start is queued, and the id each was stored under (the same one
        #: unless the case's review was started elsewhere meanwhile).
        self._started: dict[str, str] = {}

    @property
    def review_id(self) -> str | None:
        return self.view.review.id if self.view is not None else None

    @property
    def loading(self) -> bool:
        return self._loading_case is not None

    @property
    def writing(self) -> bool:
        return self._writes > 0

    # -- loading ---------------------------------------------------------------------------------------------
    def open(self, case: CaseInfo | None) -> None:
        """Show the review of ``case``. Nothing is written: a case not started yet is shown as starting it
        would make it (pre-filled from the case record), and started by the first change (``unstarted``)."""
        self.case = case
        self.entry = None
        if case is None:
            self.view = None
            self._loading_case = None
            self.loaded.emit(None)
            return
        self._loading_case = case.id
        store, actor = self.window.workspace.store, self.window.workspace.actor

        def shown(view: ReviewView) -> None:
            if self._loading_case != case.id:
                return  # another case was chosen meanwhile
            self._loading_case = None
            self.view = view
            self.loaded.emit(view)

        self.window.tasks.run(
            lambda: _lifecycle().preview_case_review(store, case.id, actor=actor),
            parent=self.window,
            success=shown,
            changes=None,
            initiator=self,
        )

    @property
    def unstarted(self) -> bool:
        """The case review shown is not stored yet: the first answer, note or mark starts it."""
        view = self.view
        return (
            view is not None
            and view.review.case_id is not None
            and view.review.revision == 0
            and view.review.id not in self._started
        )

    def open_instrument(self, entry: InstrumentReview) -> None:
        """Show an area assessment or a questionnaire response; an area assessment not started yet is
        started here (a write; core refuses it to anyone but the lead inspector)."""
        self.case = None
        self.entry = entry
        key = entry.review_id or f"{entry.instrument}:{entry.inspection_id}"
        self._loading_case = key
        store, actor = self.window.workspace.store, self.window.workspace.actor
        review_id = entry.review_id

        def shown(view: ReviewView) -> None:
            if self._loading_case != key:
                return  # another review was chosen meanwhile
            self._loading_case = None
            self.view = view
            self.loaded.emit(view)

        def failed(error: BaseException) -> None:
            if self._loading_case == key:
                self._loading_case = None
                self.view = None
                self.loaded.emit(None)
            from omi_desktop.gui.dialogs.error import show_error

            show_error(self.window, error)

        def work() -> ReviewView:
            from omi_desktop.core.instruments import open_area_review

            if review_id is not None:
                return core_review().get_review(store, review_id)
            return open_area_review(store, entry.inspection_id, actor=actor, instrument=entry.instrument)

        self.window.tasks.run(
            work,
            parent=self.window,
            success=shown,
            failure=failed,
            changes=Changes(Change.REVIEW) if review_id is None else None,
            initiator=self,
        )

    def reload(self) -> None:
        if self.view is None:
            return
        review_id = self.view.review.id
        case_id = self.view.review.case_id
        store, actor = self.window.workspace.store, self.window.workspace.actor

        def shown(view: ReviewView) -> None:
            if self.review_id == review_id and self._writes == 0:
                self.view = view
                self.reloaded.emit(view)

        def work() -> ReviewView:
            try:
                return core_review().get_review(store, self._started.get(review_id, review_id))
            except NotFoundError:
                if case_id is None:
                    raise
                return _lifecycle().preview_case_review(store, case_id, actor=actor)  # not started yet

        self.window.tasks.run(work, parent=self.window, success=shown)

    # -- answering -------------------------------------------------------------------------------------------
    def answer(self, question_id: str, raw: Any) -> str | None:
        """Give an answer; returns the reason it was refused (nothing written), or None when accepted.

        While another case is loading the key is dropped: the page still shows the case being left.
        """
        view = self.view
        if view is None or self.loading:
            return None
        from omi_desktop.core.review.preview import preview_answer

        try:
            preview = preview_answer(view, question_id, raw)
        except OmiError as refusal:
            problems = getattr(refusal, "problems", None)
            return "; ".join(problems) if problems else str(refusal)
        if view.value(question_id) == preview.value:
            return None
        self._show(view, question_id, value=preview.value, evaluation=preview.evaluation)
        actor = self.window.workspace.actor
        self._write(lambda store, rid: core_review().answer(store, rid, question_id, raw, actor=actor))
        return None

    def clear(self, question_id: str) -> str | None:
        view = self.view
        if view is None or self.loading or view.value(question_id) is None:
            return None
        from omi_desktop.core.review.preview import preview_clear

        try:
            preview = preview_clear(view, question_id)
        except OmiError as refusal:
            return str(refusal)
        self._show(view, question_id, value=None, evaluation=preview.evaluation)
        actor = self.window.workspace.actor
        self._write(lambda store, rid: core_review().clear(store, rid, question_id, actor=actor))
        return None

    def save_note(self, question_id: str, text: str) -> bool:
        """Save a note; False when there is nothing to save (the text is the one stored)."""
        view = self.view
        if view is None or view.note(question_id) == text:
            return False
        self._show(view, question_id, note=text)
        actor = self.window.workspace.actor
        self._write(
            lambda store, rid: core_review().set_note(store, rid, question_id, text, actor=actor),
            lambda _view: self.note_saved.emit(question_id, datetime.now()),
        )
        return True

    def set_feedback(self, question_id: str, kind: str | None) -> None:
        view = self.view
        if view is None or self.loading:
            return
        answer = view.answers.get(question_id)
        if (answer.feedback if answer else None) == kind:
            return
        self._show(view, question_id, feedback=kind)
        actor = self.window.workspace.actor
        self._write(lambda store, rid: core_review().set_feedback(store, rid, question_id, kind, actor=actor))

    # -- lifecycle -------------------------------------------------------------------------------------------
    def finalise(self, done: Callable[[ReviewView], None], failed: Callable[[BaseException], None]) -> None:
        actor = self.window.workspace.actor
        self._write(lambda store, rid: core_review().finalise(store, rid, actor=actor), done, failed)

    def reopen(self, reason: str, done: Callable[[ReviewView], None]) -> None:
        actor = self.window.workspace.actor
        self._write(lambda store, rid: core_review().reopen(store, rid, actor=actor, reason=reason), done)

    # -- internals -------------------------------------------------------------------------------------------
    def _show(self, view: ReviewView, question_id: str, *, evaluation: Any = None, **fields: Any) -> None:
        """Update what the screen shows before the write lands."""
        from omi_desktop.core.review.state import AnswerInfo

        old = view.answers.get(question_id)
        base = old or AnswerInfo(question_id, None, "", None, True, utcnow(), self.window.workspace.actor)
        answers = dict(view.answers)
        answers[question_id] = dataclasses.replace(base, **fields)
        self.view = dataclasses.replace(view, answers=answers, evaluation=evaluation or view.evaluation)
        self.changed.emit(self.view)

    def _write(
        self,
        work: Callable[[Any, str], ReviewView],
        done: Callable[[ReviewView], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        assert self.view is not None
        review_id = self.view.review.id
        case_id = self.view.review.case_id
        store = self.window.workspace.store
        start = self._start(self.view) if self.unstarted else None
        self._writes += 1

        def stored(view: ReviewView) -> None:
            self._writes -= 1
            self.saved.emit(datetime.now())
            if self._shown(review_id) and self._writes == 0:
                self.view = view  # the review as stored replaces the preview
                self.changed.emit(view)
            if done is not None:
                done(view)

        def refused(error: BaseException) -> None:
            self._writes -= 1
            if failed is not None:
                failed(error)
            else:
                from omi_desktop.gui.dialogs.error import show_error

                show_error(self.window, error)
            if self._shown(review_id) and self._writes == 0:
                self.reload()

        # A case's review changes its row in the case list; the other instruments' do not.
        what = Change.REVIEW | Change.CASES if case_id is not None else Change.REVIEW

        def run() -> ReviewView:
            if start is not None:
                start()
            return work(store, self._started.get(review_id, review_id))

        self.window.tasks.run(
            run,
            parent=self.window,
            success=stored,
            failure=refused,
            changes=Changes(what, review_id=review_id, case_id=case_id),
            initiator=self,
        )

    def _start(self, view: ReviewView) -> Callable[[], None]:
        """The work that stores the review shown unstarted (pre-filled, "Review started" in its history),
        run on the worker before the first change to it."""
        review_id, inspection_id, case_id = view.review.id, view.review.inspection_id, view.review.case_id
        store, actor = self.window.workspace.store, self.window.workspace.actor
        self._started[review_id] = review_id

        def start() -> None:
            started = _lifecycle().start_review(
                store, inspection_id, actor=actor, case_id=case_id, review_id=review_id
            )
            self._started[review_id] = started.review.id

        return start

    def _shown(self, review_id: str) -> bool:
        """``review_id`` (as it was when a write was queued) is the review shown."""
        return self.review_id in (review_id, self._started.get(review_id))
