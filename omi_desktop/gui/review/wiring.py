"""The review panel's wiring: which actions and buttons do what, the question page's place in the window
(made with the first review), and which actions apply to what is shown."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from omi_desktop.gui.actions import ActionId, Scope, bind_button
from omi_desktop.gui.icons import icon

if TYPE_CHECKING:
    from omi_desktop.gui.review.panel import ReviewPanel
    from omi_desktop.gui.review.question_page import QuestionPage

JUDGEMENT_ACTIONS = {
    ActionId.ANSWER_YES: "yes",
    ActionId.ANSWER_PARTLY: "partly",
    ActionId.ANSWER_NO: "no",
    ActionId.ANSWER_NA: "na",
}


def connect_actions(panel: ReviewPanel) -> None:
    """The review's actions, buttons and signals."""
    actions = panel.window.actions
    ui = panel.ui
    connect = actions.connect
    connect(ActionId.FIRST_QUESTION, panel.first_question)
    connect(ActionId.NEXT_QUESTION, lambda: panel.step(+1))
    connect(ActionId.PREVIOUS_QUESTION, lambda: panel.step(-1))
    connect(ActionId.NEXT_UNANSWERED, panel.next_unanswered)
    connect(ActionId.TOGGLE_GUIDANCE, panel._toggle_guidance)
    connect(ActionId.EDIT_NOTE, lambda: panel.page.focus_note())
    connect(ActionId.CLEAR_ANSWER, panel.clear_answer)
    connect(ActionId.SHOW_SKIPPED, panel._show_skipped)
    connect(ActionId.FINALISE, lambda: panel._lifecycle().finalise(panel))
    connect(ActionId.REOPEN, lambda: panel._lifecycle().reopen(panel))
    connect(ActionId.CASE_HISTORY, lambda: panel._lifecycle().history(panel))
    connect(ActionId.CONFIRM_NEXT, lambda: panel.page.confirm())
    connect(ActionId.BACK_TO_ANSWER, panel.focus_answer)
    for action_id, value in JUDGEMENT_ACTIONS.items():
        connect(action_id, lambda value=value: panel.page.give_judgement(value))
    for button, action_id, name in (
        (ui.previousButton, ActionId.PREVIOUS_QUESTION, "previous"),
        (ui.nextButton, ActionId.NEXT_QUESTION, "next"),
        (ui.nextUnansweredButton, ActionId.NEXT_UNANSWERED, "next-unanswered"),
        (ui.historyButton, ActionId.CASE_HISTORY, "history"),
        (ui.reopenButton, ActionId.REOPEN, "reopen"),
        (ui.finaliseButton, ActionId.FINALISE, "finalise"),
    ):
        action = actions[action_id]
        button.setIcon(icon(name))
        button.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")
        button.clicked.connect(action.trigger)
    # The case's feedback sheet, from the review itself (enabled once the case has been reviewed; it
    # appears when printing is installed, just after the window).
    feedback = actions[ActionId.PREVIEW_FEEDBACK]
    bind_button(ui.feedbackButton, feedback)
    ui.feedbackButton.setIcon(icon("preview"))
    ui.feedbackButton.setToolTip(f"{feedback.text().replace('&', '')} ({feedback.shortcut().toString()})")
    panel.window.bus.data_changed.connect(panel._data_changed)
    panel.session.loaded.connect(panel._loaded)
    panel.session.changed.connect(panel._changed)
    panel.session.reloaded.connect(panel._reloaded)
    panel.session.note_saved.connect(panel._note_saved)
    ui.navigator.selectionModel().currentChanged.connect(panel._navigator_moved)
    ui.navigator.activated.connect(lambda _index: panel.focus_answer())


def make_page(panel: ReviewPanel) -> QuestionPage:
    """The question page, its actions and its place in the tab order (made with the first review)."""
    from omi_desktop.gui.review.question_page import QuestionPage

    actions, ui = panel.window.actions, panel.ui
    page = QuestionPage(panel)
    ui.pageHostLayout.addWidget(page)
    panel._note_hint = page.ui.noteEdit.placeholderText()
    actions.attach(page.ui.answerHost, Scope.ANSWER)
    actions.attach(page.ui.noteEdit, Scope.NOTE)
    page.set_guidance_visible(actions[ActionId.TOGGLE_GUIDANCE].isChecked())
    page.ui.guidanceButton.toggled.connect(actions[ActionId.TOGGLE_GUIDANCE].setChecked)
    page.answer_given.connect(panel._answer_given)
    page.note_changed.connect(panel._save_note)
    page.feedback_changed.connect(panel.session.set_feedback)
    # Tab follows reading order: questions, then the page top to bottom, then the buttons below it.
    chain = [
        ui.navigator,
        *page.focus_chain(),
        ui.previousButton,
        ui.nextButton,
        ui.nextUnansweredButton,
        ui.feedbackButton,
        ui.historyButton,
        ui.reopenButton,
        ui.finaliseButton,
    ]
    for before, after in pairwise(chain):
        QWidget.setTabOrder(before, after)
    return page


def update_actions(panel: ReviewPanel) -> None:
    """Enable what applies to the review and question shown."""
    actions = panel.window.actions
    view = panel.view
    has_review = view is not None and panel.ui.stack.currentWidget() is panel.ui.reviewPage
    finalised = bool(view and view.review.finalised)
    for action_id in (
        ActionId.FIRST_QUESTION,
        ActionId.NEXT_QUESTION,
        ActionId.PREVIOUS_QUESTION,
        ActionId.NEXT_UNANSWERED,
        ActionId.TOGGLE_GUIDANCE,
        ActionId.EDIT_NOTE,
        ActionId.CASE_HISTORY,
        ActionId.CONFIRM_NEXT,
        ActionId.BACK_TO_ANSWER,
    ):
        actions.set_enabled(action_id, has_review)
    actions.set_enabled(ActionId.CLEAR_ANSWER, has_review and not finalised)
    actions.set_enabled(ActionId.FINALISE, has_review and not finalised)
    actions.set_enabled(ActionId.REOPEN, has_review and finalised)
    judgement = (
        has_review
        and not finalised
        and panel.question_id is not None
        and view is not None
        and view.framework.questions[panel.question_id].type == "judgement"
    )
    for action_id in JUDGEMENT_ACTIONS:
        actions.set_enabled(action_id, judgement)
    panel.ui.finaliseButton.setVisible(not finalised)
    panel.ui.reopenButton.setVisible(finalised)
    for button, action_id in (
        (panel.ui.previousButton, ActionId.PREVIOUS_QUESTION),
        (panel.ui.nextButton, ActionId.NEXT_QUESTION),
        (panel.ui.nextUnansweredButton, ActionId.NEXT_UNANSWERED),
        (panel.ui.historyButton, ActionId.CASE_HISTORY),
    ):
        button.setEnabled(actions[action_id].isEnabled())
