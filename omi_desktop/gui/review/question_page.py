"""One question at a time: number, text, guidance, the answer editor for its type, and the evidence note.

The note is saved while typing, at most ``NOTE_SAVE_MS`` after the first unsaved keystroke, and at once when
focus leaves it or the page moves to another question: killing the program loses at most that interval.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QWidget

from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import Question
from omi_desktop.core.review.state import ReviewView
from omi_desktop.gui import labels
from omi_desktop.gui.forms.ui_question_page import Ui_QuestionPage
from omi_desktop.gui.icons import icon
from omi_desktop.gui.review.editors import (
    AnswerEditor,
    JudgementEditor,
    editor_kind,
    focus_chain,
    make_editors,
)

NOTE_SAVE_MS = 1000
FEEDBACK_CHOICES = (
    (None, "Not on the feedback sheet"),
    ("strength", "Strength"),
    ("improvement", "Area for improvement"),
)


class QuestionPage(QWidget):
    #: The person gave an answer: (question id, raw value, move on afterwards).
    answer_given = Signal(str, object, bool)
    #: The note of a question should be saved: (question id, text).
    note_changed = Signal(str, str)
    #: The feedback mark of a question changed: (question id, "strength" | "improvement" | None).
    feedback_changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_QuestionPage()
        self.ui.setupUi(self)
        self.question: Question | None = None
        self.language = "en"
        self.read_only = False
        self.editors = make_editors(self.ui.answerHost)
        for editor in self.editors.values():
            self.ui.answerHost.addWidget(editor)
            editor.committed.connect(self._committed)
            editor.confirm_requested.connect(self.confirm)
        self.editor: AnswerEditor = self.editors["judgement"]
        for editor in self.editors.values():
            editor.key_refused.connect(self.show_key_hint)
        self._style_labels()
        for value, text in FEEDBACK_CHOICES:
            self.ui.feedbackCombo.addItem(self.tr(text), value)
        self.ui.feedbackCombo.activated.connect(self._feedback_chosen)
        self.ui.guidanceButton.setIcon(icon("guidance"))
        self.ui.guidanceButton.toggled.connect(self._show_guidance)
        self.ui.validationMessage.setObjectName("validationMessage")
        self.ui.readOnlyNotice.setObjectName("readOnlyNotice")
        self.ui.keyHint.setObjectName("keyHint")
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.timeout.connect(self.flush_note)
        self._note_dirty = False
        self._loading = False
        self.ui.noteEdit.textChanged.connect(self._note_typed)
        self.ui.noteEdit.installEventFilter(self)
        self._prefill_text = self.ui.prefillNotice.text()
        self._keep_width()

    def _keep_width(self) -> None:
        """One minimum width for every question, so the navigator beside the page keeps its width.

        The widest rows the page has are the four judgement buttons and the feedback choice (both shown
        now): their minimum is the page's, whatever question comes next. Texts wrap; option labels are short.
        """
        self.ui.noteStatus.setText(self.tr("Note saved {time}").format(time="00:00:00"))
        self.ui.noteStatus.setMinimumWidth(self.ui.noteStatus.sizeHint().width())
        self.ui.noteStatus.setText("")
        self.setMinimumWidth(self.minimumSizeHint().width())

    def focus_chain(self) -> list[QWidget]:
        """The page's focusable widgets in reading order: guidance, the answer, the note, feedback."""
        chain: list[QWidget] = [self.ui.guidanceButton]
        for editor in self.editors.values():
            chain.extend(focus_chain(editor))
        return [*chain, self.ui.noteEdit, self.ui.feedbackCombo]

    def _style_labels(self) -> None:
        text_font = QFont(self.ui.questionText.font())
        text_font.setPointSizeF(text_font.pointSizeF() * 1.25)
        self.ui.questionText.setFont(text_font)
        self.ui.questionNumber.setObjectName("questionNumber")
        # Context, not content: muted by resources/style.qss (a grey that still reads at 5:1 or better), never
        # disabled, which would make them unreadable and have screen readers call them unavailable.
        self.ui.criterionLabel.setProperty("muted", True)
        self.ui.positionLabel.setProperty("muted", True)

    # -- showing a question ------------------------------------------------------------------------------
    def show_question(
        self,
        framework: Framework,
        view: ReviewView,
        question_id: str,
        position: tuple[int, int],
        language: str,
    ) -> None:
        self.flush_note()
        question = framework.questions[question_id]
        placement = framework.placement[question_id]
        self.question = question
        self.language = language
        ui = self.ui
        ui.questionNumber.setText(self.tr("Question {id}").format(id=question.id))
        ui.criterionLabel.setText(f"{placement.criterion.id}  {placement.criterion.title.get(language)}")
        ui.questionText.setText(question.text.get(language))
        ui.questionText.setAccessibleName(self.tr("Question {id}").format(id=question.id))
        number, total = position
        ui.positionLabel.setText(
            self.tr("{n} of {total} that apply").format(n=number, total=total) if number else ""
        )
        guidance = question.guidance.get(language) if question.guidance else ""
        ui.guidanceText.setText(guidance or self.tr("There is no guidance for this question."))
        ui.guidanceButton.setEnabled(bool(guidance))
        ui.guidanceText.setVisible(ui.guidanceButton.isChecked() and bool(guidance))
        self.editor = self.editors[editor_kind(question)]
        ui.answerHost.setCurrentWidget(self.editor)
        self.editor.show_question(question, view.value(question_id), language)
        self.editor.set_read_only(self.read_only)
        ui.answerHost.setFixedHeight(self.editor.sizeHint().height())
        self._loading = True
        ui.noteEdit.setPlainText(view.note(question_id))
        self._loading = False
        self._note_dirty = False
        ui.noteStatus.setText("")
        self.clear_key_hint()
        answer = view.answers.get(question_id)
        feedback = answer.feedback if answer is not None else None
        ui.feedbackCombo.setCurrentIndex(max(0, ui.feedbackCombo.findData(feedback)))
        for widget in (ui.feedbackLabel, ui.feedbackCombo):
            widget.setVisible(question.feedback)
        self.clear_refusal()
        self.show_state(view)

    def show_state(self, view: ReviewView) -> None:
        """The question's state and any rule it breaks (after this or another answer changed)."""
        if self.question is None:
            return
        qid = self.question.id
        state = view.evaluation.state(qid, view.value(qid)) if qid in view.evaluation.statuses else "skipped"
        self.ui.stateLabel.setText(f"— {labels.question_state(state)}")
        status = view.evaluation.statuses.get(qid)
        prefilled = self.question.fact is not None and view.value(qid) is not None
        self.ui.prefillNotice.setVisible(prefilled and not self.read_only)
        if status is not None and status.errors:
            self.show_rule_problem("; ".join(status.errors))

    def set_unstarted(self, unstarted: bool) -> None:
        """Whether the review shown is not started yet: a pre-filled value is then what starting it fills."""
        self.ui.prefillNotice.setText(
            self.tr(
                "From the case record: filled in when the review starts with your first answer or note. "
                "Check it against the record and correct it if needed."
            )
            if unstarted
            else self._prefill_text
        )

    def set_read_only(self, read_only: bool, notice: str = "") -> None:
        self.read_only = read_only
        self.editor.set_read_only(read_only)
        self.ui.noteEdit.setReadOnly(read_only)
        self.ui.feedbackCombo.setEnabled(not read_only)
        self.ui.readOnlyNotice.setText(notice)
        self.ui.readOnlyNotice.setVisible(read_only and bool(notice))

    def show_refusal(self, message: str) -> None:
        self.ui.validationMessage.setText(self.tr("Not saved: {message}").format(message=message))
        self.ui.validationMessage.setVisible(True)

    def show_rule_problem(self, message: str) -> None:
        self.ui.validationMessage.setText(self.tr("Needs correcting: {message}").format(message=message))
        self.ui.validationMessage.setVisible(True)

    def clear_refusal(self) -> None:
        self.ui.validationMessage.setVisible(False)
        self.ui.validationMessage.setText("")

    def show_key_hint(self, message: str) -> None:
        """A key that does not apply to this question was pressed: say so, next to the answer."""
        self.ui.keyHint.setText(message)
        self.ui.keyHint.setAccessibleDescription(message)
        self.ui.keyHint.setVisible(True)

    def clear_key_hint(self) -> None:
        self.ui.keyHint.setVisible(False)
        self.ui.keyHint.setText("")

    # -- focus and guidance -------------------------------------------------------------------------------
    def focus_answer(self) -> None:
        self.editor.focus()

    def focus_note(self) -> None:
        """Into the note, after what is written there: ready to add to it."""
        note = self.ui.noteEdit
        note.setFocus(Qt.FocusReason.ShortcutFocusReason)
        note.moveCursor(QTextCursor.MoveOperation.End)
        note.ensureCursorVisible()

    def set_guidance_visible(self, visible: bool) -> None:
        self.ui.guidanceButton.setChecked(visible)

    def _show_guidance(self, visible: bool) -> None:
        self.ui.guidanceText.setVisible(visible and self.ui.guidanceButton.isEnabled())

    # -- answers ------------------------------------------------------------------------------------------
    def give_judgement(self, value: str) -> bool:
        """Y/P/N/A: answer the current judgement question (False, and a word why, if it is not offered)."""
        editor = self.editor
        if not isinstance(editor, JudgementEditor) or self.read_only:
            return False
        if editor.give(value):
            return True
        self.show_key_hint(editor.not_offered(value))
        return False

    def confirm(self) -> None:
        """Enter: store what was typed (if anything changed) and move on."""
        if self.question is None:
            return
        changed, raw = self.editor.pending()
        if changed and not self.read_only:
            self.answer_given.emit(self.question.id, raw, True)
        else:
            self.answer_given.emit(self.question.id, _UNCHANGED, True)

    def typed_value_stored(self) -> None:
        mark = getattr(self.editor, "mark_stored", None)
        if mark is not None:
            mark()

    def show_value(self, value: Any) -> None:
        self.editor.set_value(value)

    def _committed(self, raw: Any, advance: bool) -> None:
        self.clear_key_hint()
        if self.question is not None and not self.read_only:
            self.answer_given.emit(self.question.id, raw, advance)

    # -- the evidence note --------------------------------------------------------------------------------
    def _note_typed(self) -> None:
        if self._loading or self.read_only:
            return
        self._note_dirty = True
        self.ui.noteStatus.setText(self.tr("Saving…"))
        if not self._note_timer.isActive():
            self._note_timer.start(NOTE_SAVE_MS)

    @property
    def note_dirty(self) -> bool:
        """Typing in the note that is not saved yet."""
        return self._note_dirty

    def flush_note(self) -> None:
        """Save the note now if it has unsaved typing."""
        self._note_timer.stop()
        if self._note_dirty and self.question is not None:
            self._note_dirty = False
            self.note_changed.emit(self.question.id, self.ui.noteEdit.toPlainText())

    def note_saved(self, question_id: str, when: str) -> None:
        """The note of ``question_id`` reached the disk (said only while that question is shown)."""
        if not self._note_dirty and self.question is not None and self.question.id == question_id:
            self.ui.noteStatus.setText(self.tr("Note saved {time}").format(time=when))

    def note_unchanged(self) -> None:
        """Typing left the note as it was stored: nothing to save, so nothing is "Saving…"."""
        if not self._note_dirty:
            self.ui.noteStatus.setText("")

    def _feedback_chosen(self, _index: int) -> None:
        if self.question is not None:
            self.feedback_changed.emit(self.question.id, self.ui.feedbackCombo.currentData())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.noteEdit and event.type() == QEvent.Type.FocusOut:
            self.flush_note()
        return super().eventFilter(watched, event)


class _Unchanged:
    """Enter on an answer that was not changed: just move on."""

    def __repr__(self) -> str:
        return "<unchanged>"


_UNCHANGED = _Unchanged()
UNCHANGED = _UNCHANGED
