"""The right pane: the guided review of the selected case, or of an area assessment or questionnaire.

Header with the case facts (or the questionnaire's label and instrument, or the area assessment's title)
and progress; the navigator (sections → criteria → questions with their states); one question page;
Previous / Next / Next unanswered; Finalise, Reopen and History. Which questions apply, what is missing and
what comes next are all asked of core.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QWidget

from omi_desktop.core.i18n import current_language
from omi_desktop.core.inspections import CaseInfo
from omi_desktop.gui.changes import Change, Changes
from omi_desktop.gui.forms.ui_review_panel import Ui_ReviewPanel
from omi_desktop.gui.models.questions import ID_ROLE, KIND_ROLE, FlowFilterModel, QuestionTreeModel
from omi_desktop.gui.review import wiring
from omi_desktop.gui.review.session import ReviewSession

# The question page (its editors, their widgets), the header, the dialogs, core's review package and the
# other instruments are imported when the first review is shown, after the window is on screen: start-up
# does not wait for them.
if TYPE_CHECKING:
    from omi_desktop.core.instruments import InstrumentReview
    from omi_desktop.core.review.state import ReviewView
    from omi_desktop.gui.main_window import MainWindow
    from omi_desktop.gui.review.question_page import QuestionPage


#: The navigator's width when the window opens (at 1280 pixels wide, about a quarter of the window).
NAVIGATOR_WIDTH = 300


class ReviewPanel(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ui = Ui_ReviewPanel()
        self.ui.setupUi(self)
        self.session = ReviewSession(window)
        self._page: QuestionPage | None = None
        self.model = QuestionTreeModel(self)
        self.flow = FlowFilterModel(self)
        self.flow.setSourceModel(self.model)
        self.ui.navigator.setModel(self.flow)
        self._wrap_navigator()
        self.ui.splitter.setStretchFactor(0, 0)
        self.ui.splitter.setStretchFactor(1, 1)
        self.ui.splitter.setSizes([NAVIGATOR_WIDTH, 490])
        self.question_id: str | None = None
        self.language = current_language()
        self._syncing_navigator = False
        self._focus_after_load = False
        self._empty_text = self.ui.emptyLabel.text()
        self._note_hint = ""
        self._connect()
        self.clear()

    def _wrap_navigator(self) -> None:
        """Questions wrap onto a second line in the navigator, so neighbours that begin alike
        ("Was the Risk of Harm…") can be told apart; nothing scrolls sideways."""
        from omi_desktop.gui.review.navigator import wrap_rows

        self.ui.navigator.setIndentation(14)
        wrap_rows(self.ui.navigator)

    @property
    def review_id(self) -> str | None:
        return self.session.review_id

    @property
    def view(self) -> ReviewView | None:
        return self.session.view

    # -- wiring ----------------------------------------------------------------------------------------------
    def _connect(self) -> None:
        wiring.connect_actions(self)

    @property
    def page(self) -> QuestionPage:
        """The question page, made the first time a review is shown."""
        if self._page is None:
            self._page = wiring.make_page(self)
        return self._page

    def _toggle_guidance(self, visible: bool) -> None:
        if self._page is not None:
            self._page.set_guidance_visible(visible)

    def _lifecycle(self) -> Any:
        from omi_desktop.gui.review import lifecycle

        return lifecycle

    def _note_saved(self, question_id: str, when: datetime) -> None:
        if self._page is not None:
            self._page.note_saved(question_id, when.strftime("%H:%M:%S"))

    def _save_note(self, question_id: str, text: str) -> None:
        if not self.session.save_note(question_id, text):
            self.page.note_unchanged()

    # -- showing a case --------------------------------------------------------------------------------------
    def show_case(self, case: CaseInfo | None) -> None:
        self.flush()
        self.session.open(case)

    def show_instrument_review(self, entry: InstrumentReview) -> None:
        """Show an area assessment or a questionnaire response (an area assessment not started yet is
        started: only do that for the lead inspector)."""
        self.flush()
        self.session.open_instrument(entry)

    def forget(self) -> None:
        """Another data folder is open: the review shown was the old folder's (saved already); show none."""
        self.session.open(None)

    def clear(self, message: str | None = None) -> None:
        """Show no review, with ``message`` (by default: choose a case) in its place."""
        self.question_id = None
        self.ui.emptyLabel.setText(message or self._empty_text)
        self.ui.stack.setCurrentWidget(self.ui.emptyPage)
        self._update_actions()

    def _note_placeholder(self, view: ReviewView) -> str:
        if view.review.case_id is not None or self.session.entry is None:
            return self._note_hint
        if view.review.respondent:
            return self.tr("Anything to note about this answer, e.g. unclear on the form (saved as you type)")
        return self.tr("The evidence: documents read, meetings held, who said what (saved as you type)")

    def label(self) -> str:
        """How dialogs name the review shown: the case reference, or the questionnaire or assessment."""
        case, entry = self.session.case, self.session.entry
        if case is not None:
            return case.reference
        if entry is None:
            return ""
        if entry.respondent:
            return self.tr("{label} ({instrument})").format(
                label=entry.respondent, instrument=entry.instrument_title
            )
        return entry.instrument_title

    def flush(self) -> None:
        """Save anything typed but not yet saved (a note, a typed answer)."""
        if self._page is None:
            return
        self.page.flush_note()
        if self.view is not None and self.question_id is not None and not self.page.read_only:
            changed, raw = self.page.editor.pending()
            if changed and not self.session.answer(self.question_id, raw):
                self.page.typed_value_stored()

    def _loaded(self, view: ReviewView | None) -> None:
        if view is None:
            self.clear()
            return
        self.model.build(view.framework, view.review.instrument, view.active_modules, self.language)
        page = self.page
        page.ui.noteEdit.setPlaceholderText(self._note_placeholder(view))
        self.ui.stack.setCurrentWidget(self.ui.reviewPage)
        self.question_id = None
        self._changed(view)
        from omi_desktop.core.review.preview import next_needed

        start = next_needed(view.evaluation, None) or (view.evaluation.flow or (None,))[0]
        if start is not None:
            self.go_to(start)
        if self._focus_after_load:
            self._focus_after_load = False
            self.focus_answer()

    def _changed(self, view: ReviewView) -> None:
        if view is None:
            return
        from omi_desktop.gui.review import header

        values = {qid: a.value for qid, a in view.answers.items()}
        self.model.set_evaluation(view.evaluation, values)
        self.flow.refresh()
        unstarted = self.session.unstarted
        header.show(self.ui, view, self.session.case, self.session.entry, self.window.current_inspection())
        if unstarted:  # in the bar, whose width does not follow its text (the panel keeps its width)
            self.ui.progressBar.setFormat(
                self.tr("Nothing saved until your first answer or note (%p% from the record)")
            )
        self.page.set_unstarted(unstarted)
        finalised = view.review.finalised
        self.page.set_read_only(finalised, self._read_only_notice(view) if finalised else "")
        if self.question_id is not None:
            self.page.show_state(view)
            self._select_in_navigator(self.question_id)
        self._update_actions()

    def _reloaded(self, view: ReviewView) -> None:
        """The stored review replaces what was shown: values on the page too (a typed note is kept)."""
        self._changed(view)
        if self.question_id is not None and not self.page.note_dirty:
            self.go_to(self.question_id)

    def _data_changed(self, changes: Changes, initiator: object) -> None:
        """Someone else (an import, another feature) changed this review: show it as stored now."""
        if initiator is self.session or self.view is None or not changes.touches(Change.REVIEW):
            return
        if changes.review_id in (None, self.view.review.id) and not self.session.writing:
            self.session.reload()

    def _read_only_notice(self, view: ReviewView) -> str:
        when = view.review.finalised_at
        local = when.astimezone().strftime("%d/%m/%Y %H:%M") if when else ""
        return self.tr(
            "Finalised {when} by {who}: read-only. To change an answer, reopen it (Ctrl+Shift+R) "
            "and give a reason."
        ).format(when=local, who=view.review.finalised_by or "")

    # -- moving between questions ----------------------------------------------------------------------------
    def go_to(self, question_id: str) -> None:
        view = self.view
        if view is None or question_id not in view.framework.questions:
            return
        if self.question_id is not None and self.question_id != question_id:
            self.flush()
        self.question_id = question_id
        flow = view.evaluation.flow
        position = (flow.index(question_id) + 1, len(flow)) if question_id in flow else (0, len(flow))
        self.page.show_question(view.framework, view, question_id, position, self.language)
        self._select_in_navigator(question_id)
        self._update_actions()

    def step(self, delta: int) -> bool:
        view = self.view
        if view is None:
            return False
        from omi_desktop.core.review.preview import step_in_flow

        target = step_in_flow(view.evaluation, self.question_id, delta)
        if target is None:
            self._at_end(delta)
            return False
        self.go_to(target)
        self.focus_answer()
        return True

    def first_question(self) -> bool:
        view = self.view
        if view is None or not view.evaluation.flow:
            return False
        self.go_to(view.evaluation.flow[0])
        self.focus_answer()
        return True

    def next_unanswered(self) -> bool:
        view = self.view
        if view is None:
            return False
        from omi_desktop.core.review.preview import next_needed

        target = next_needed(view.evaluation, self.question_id)
        if target is None:
            self.window.statusBar().showMessage(
                self.tr("Every question that applies is answered: finalise with Ctrl+Shift+F."), 8000
            )
            return False
        self.go_to(target)
        self.focus_answer()
        return True

    def _at_end(self, delta: int) -> None:
        view = self.view
        if view is None:
            return
        if delta < 0:
            message = self.tr("This is the first question.")
        elif view.evaluation.missing:
            message = self.tr(
                "End of the review: {n} still needed. Ctrl+J goes to the next one that needs an answer."
            ).format(n=len(view.evaluation.missing))
        else:
            message = self.tr(
                "End of the review: every question that applies is answered. Finalise with Ctrl+Shift+F."
            )
        self.window.statusBar().showMessage(message, 10000)

    def focus_answer(self) -> None:
        """Put the keyboard in the answer (once the review has loaded, if it is still loading)."""
        if self.session.loading:
            self._focus_after_load = True
        elif self.view is not None and self.question_id is not None:
            self.page.focus_answer()

    def _answer_given(self, question_id: str, raw: Any, advance: bool) -> None:
        from omi_desktop.gui.review.question_page import UNCHANGED

        if raw is not UNCHANGED:
            refusal = self.session.answer(question_id, raw)
            if refusal:
                self.page.show_refusal(refusal)
                self.page.focus_answer()
                return
            self.page.clear_refusal()
            self.page.typed_value_stored()
        if advance and question_id == self.question_id:
            self.step(+1)

    def clear_answer(self) -> None:
        if self.question_id is None or self._page is None or self.page.read_only:
            return
        refusal = self.session.clear(self.question_id)
        if refusal:
            self.page.show_refusal(refusal)
        else:
            self.page.show_value(None)

    # -- navigator -------------------------------------------------------------------------------------------
    def _select_in_navigator(self, question_id: str) -> None:
        index = self.flow.mapFromSource(self.model.index_of(question_id))
        navigator = self.ui.navigator
        if not index.isValid():
            navigator.clearSelection()
            return
        self._syncing_navigator = True
        try:
            navigator.expand(index.parent().parent())
            navigator.expand(index.parent())
            navigator.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            navigator.scrollTo(index)
        finally:
            self._syncing_navigator = False

    def _navigator_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_navigator or not current.isValid():
            return
        if current.data(KIND_ROLE) == "question":
            self.go_to(current.data(ID_ROLE))
            # The full text of the question moved to, however narrow the navigator is.
            self.window.statusBar().showMessage(current.data(Qt.ItemDataRole.ToolTipRole) or "", 10000)

    def _show_skipped(self, show: bool) -> None:
        self.flow.set_show_skipped(show)
        if self.question_id is not None:
            self._select_in_navigator(self.question_id)

    # -- actions ---------------------------------------------------------------------------------------------
    def _update_actions(self) -> None:
        wiring.update_actions(self)
