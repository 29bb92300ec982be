"""One answer editor per answer type. Each shows a stored value and reports what the person gave.

``committed(raw, advance)`` means "store this answer" (``advance``: and go to the next question). Editors
hold no rules: the value is checked by core (``preview_answer``) and a refusal is shown by the page.
Editors are built once and re-used for every question of their type, so moving on is instant. The typed
answers' editors (dates, numbers, text) are in ``text_editors``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from omi_desktop.core.framework.model import JUDGEMENT_VALUES, Question
from omi_desktop.gui import labels

JUDGEMENT_KEYS = {"yes": "Y", "partly": "P", "no": "N", "na": "A"}
#: The key of each option, in order: 1–9, 0 for the tenth, then letters (shown beside each option).
OPTION_KEYS = "1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: Longer text answers get a multi-line editor.
LONG_TEXT = 200
#: Option buttons made in advance (more are added when a question has more options).
PREPARED_OPTIONS = 8


class AnswerEditor(QWidget):
    committed = Signal(object, bool)  # (raw value, advance)
    #: "Keep the answer and go on" from inside the editor (Ctrl+Enter in a long text).
    confirm_requested = Signal()
    #: A key that answers nothing here was pressed: why, in a few words (shown beside the answer).
    key_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question: Question | None = None
        self.language = "en"

    def show_question(self, question: Question, value: Any, language: str) -> None:
        self.question = question
        self.language = language
        self.set_value(value)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def pending(self) -> tuple[bool, Any]:
        """(typed but not yet stored?, raw value) — for typed answers committed on Enter or focus loss."""
        return False, None

    def focus(self) -> None:
        from omi_desktop.gui.keyboard_focus import give_keyboard_focus

        give_keyboard_focus(self)  # with its focus frame showing, not only after the first Tab

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)


class JudgementEditor(AnswerEditor):
    """Yes / Partly / No / Not applicable as four toggle buttons; Y, P, N, A (or 1–4) answer and move on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        for n, value in enumerate(JUDGEMENT_VALUES, start=1):
            button = QPushButton(self)
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(button.fontMetrics().height() * 2 + 4)
            text = labels.judgement(value)
            button.setText(f"{text}   [{JUDGEMENT_KEYS[value]}]")
            button.setAccessibleName(
                self.tr("{answer} (key {key} or {n})").format(answer=text, key=JUDGEMENT_KEYS[value], n=n)
            )
            button.setProperty("answerValue", value)
            button.installEventFilter(self)
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
        self.group.buttonClicked.connect(self._clicked)
        self.setFocusProxy(self.buttons["yes"])

    def _keys(self) -> str:
        allowed = self.question.allowed_judgements() if self.question else JUDGEMENT_VALUES
        return or_list([JUDGEMENT_KEYS[v] for v in JUDGEMENT_VALUES if v in allowed])

    def not_offered(self, value: str) -> str:
        """Why the key for ``value`` did nothing (the question does not offer that answer)."""
        return self.tr("“{answer}” is not an answer to this question: press {keys}.").format(
            answer=labels.judgement(value), keys=self._keys()
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The answer keys are shortcuts and never arrive here; any other letter or digit is a slip.
        if _typed_key(event) is not None and self.isEnabled():
            self.key_refused.emit(
                self.tr("{key} does not answer this question: press {keys}.").format(
                    key=_typed_key(event), keys=self._keys()
                )
            )
            return True
        return super().eventFilter(watched, event)

    def show_question(self, question: Question, value: Any, language: str) -> None:
        allowed = question.allowed_judgements()
        for code, button in self.buttons.items():
            button.setVisible(code in allowed)
        super().show_question(question, value, language)

    def set_value(self, value: Any) -> None:
        for code, button in self.buttons.items():
            button.setChecked(code == value)
        target = self.buttons.get(value) if value in self.buttons else None
        self.setFocusProxy(target or next(b for b in self.buttons.values() if b.isVisibleTo(self)))

    def give(self, value: str) -> bool:
        """Answer ``value`` as if its key was pressed; False if the question does not offer it."""
        if self.question is None or value not in self.question.allowed_judgements() or not self.isEnabled():
            return False
        self.set_value(value)
        self.committed.emit(value, True)
        return True

    def _clicked(self, button: QAbstractButton) -> None:
        value = button.property("answerValue")
        self.set_value(value)
        self.committed.emit(value, True)


class _OptionsEditor(AnswerEditor):
    """Shared by single and multiple choice: one button per option, each with its key (``OPTION_KEYS``:
    1–9, 0 for the tenth, then letters), shown beside it."""

    multiple = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(4)
        self.group = QButtonGroup(self)
        # Not exclusive: arrow keys then only move focus between options; choosing is a click, Space or digit.
        self.group.setExclusive(False)
        self.group.buttonClicked.connect(self._clicked)
        self.options: list[QAbstractButton] = []
        self._grow(PREPARED_OPTIONS)

    def _grow(self, count: int) -> None:
        while len(self.options) < count:
            button: QAbstractButton = QCheckBox(self) if self.multiple else QRadioButton(self)
            button.setAutoExclusive(False)
            button.setVisible(False)
            button.setProperty("answerValue", None)
            button.installEventFilter(self)
            self.group.addButton(button)
            self.box.addWidget(button)
            if self.options:  # Tab goes from one option to the next, in reading order
                QWidget.setTabOrder(self.options[-1], button)
            self.options.append(button)

    def show_question(self, question: Question, value: Any, language: str) -> None:
        self._grow(len(question.options))
        for n, button in enumerate(self.options):
            if n < len(question.options):
                option = question.options[n]
                label = option.label.get(language)
                prefix = f"{OPTION_KEYS[n]}   " if n < len(OPTION_KEYS) else ""
                button.setText(f"{prefix}{label}")
                button.setAccessibleName(label)
                button.setProperty("answerValue", option.value)
                button.setVisible(True)
            else:
                button.setVisible(False)
                button.setProperty("answerValue", None)
        super().show_question(question, value, language)

    def _visible(self) -> list[QAbstractButton]:
        return [b for b in self.options if b.property("answerValue") is not None]

    def set_value(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else {value}
        for button in self._visible():
            button.setChecked(button.property("answerValue") in chosen)
        checked = [b for b in self._visible() if b.isChecked()]
        visible = self._visible()
        self.setFocusProxy(checked[0] if checked else (visible[0] if visible else None))

    def _chosen(self) -> list[str]:
        return [b.property("answerValue") for b in self._visible() if b.isChecked()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        key = _typed_key(event)
        if key is not None and self.isEnabled():
            visible = self._visible()
            n = OPTION_KEYS.find(key)
            if 0 <= n < len(visible):
                visible[n].setFocus(Qt.FocusReason.ShortcutFocusReason)
                visible[n].click()
            else:
                self.key_refused.emit(
                    self.tr("There is no option {key} here: press {keys}.").format(
                        key=key, keys=option_keys(len(visible))
                    )
                )
            return True
        return super().eventFilter(watched, event)


class ChoiceEditor(_OptionsEditor):
    def _clicked(self, button: QAbstractButton) -> None:
        value = button.property("answerValue")
        self.set_value(value)
        self.committed.emit(value, True)


class MultiChoiceEditor(_OptionsEditor):
    """Each tick is stored at once; Enter moves on. Unticking the last one clears the answer."""

    multiple = True

    def _clicked(self, _button: QAbstractButton) -> None:
        self.committed.emit(self._chosen() or None, False)


def _typed_key(event: QEvent) -> str | None:
    """The letter or digit a key press types (upper case), if it is one typed without Ctrl, Alt or Meta."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return None
    text = event.text()
    allowed = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    if len(text) != 1 or not text.isalnum() or event.modifiers() & ~allowed:
        return None
    return text.upper()


def or_list(keys: list[str]) -> str:
    """ "Y", "Y or N", "Y, P or N"."""
    if len(keys) <= 1:
        return "".join(keys)
    return QCoreApplication.translate("Editors", "{keys} or {last}").format(
        keys=", ".join(keys[:-1]), last=keys[-1]
    )


def option_keys(count: int) -> str:
    """The keys of ``count`` options, as a person reads them: "1–5", "1–9 or 0", "1–9, 0 or A–C"."""
    tr = QCoreApplication.translate
    if count <= 1:
        return OPTION_KEYS[:count]
    if count <= 9:
        return f"1–{count}"
    if count == 10:
        return tr("Editors", "1–9 or 0")
    last = OPTION_KEYS[min(count, len(OPTION_KEYS)) - 1]
    letters = "A" if last == "A" else f"A–{last}"
    return tr("Editors", "1–9, 0 or {letters}").format(letters=letters)


def focus_chain(editor: AnswerEditor) -> list[QWidget]:
    """The widgets of ``editor`` that take focus, in reading order (for the page's tab order)."""
    from omi_desktop.gui.review.text_editors import LineEditor, LongTextEditor

    if isinstance(editor, JudgementEditor):
        return list(editor.buttons.values())
    if isinstance(editor, _OptionsEditor):
        return list(editor.options)
    if isinstance(editor, LineEditor | LongTextEditor):
        return [editor.edit]
    return []


def make_editors(parent: QWidget) -> dict[str, AnswerEditor]:
    """One editor per answer type (``"long_text"`` for text answers longer than ``LONG_TEXT``)."""
    from omi_desktop.gui.review.text_editors import LineEditor, LongTextEditor

    return {
        "judgement": JudgementEditor(parent),
        "choice": ChoiceEditor(parent),
        "multi_choice": MultiChoiceEditor(parent),
        "date": LineEditor("date", parent),
        "number": LineEditor("number", parent),
        "text": LineEditor("text", parent),
        "long_text": LongTextEditor(parent),
    }


def editor_kind(question: Question) -> str:
    if question.type == "text":
        limit = question.validation.max_length if question.validation else None
        return "text" if limit is not None and limit <= LONG_TEXT else "long_text"
    return question.type
