"""The typed answers: dates, numbers and short text on one line; long text on several.

Typed answers are stored on Enter (and go on), or when the keyboard leaves the box; until then they are
"pending" (``pending()``), so the page can save them before it moves to another question.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from omi_desktop.core.framework.model import Question
from omi_desktop.gui.review.editors import AnswerEditor


class LineEditor(AnswerEditor):
    """Dates, numbers and short text: typed, then stored on Enter (moving on) or when focus leaves."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.edit = QLineEdit(self)
        self.unit = QLabel(self)
        self.hint = QLabel(self)
        self.hint.setEnabled(False)  # drawn in the muted colour: a hint, not a value
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1 if kind == "text" else 0)
        row.addWidget(self.unit)
        row.addWidget(self.hint)
        row.addStretch(0 if kind == "text" else 1)
        if kind == "date":
            self.edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
            self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
            self.hint.setText(self.tr("day/month/year, e.g. 14/05/2026"))
        elif kind == "number":
            self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("0000000000") + 16)
        self.edit.editingFinished.connect(self._finished)
        self.setFocusProxy(self.edit)
        self._shown = ""

    def show_question(self, question: Question, value: Any, language: str) -> None:
        self.edit.setAccessibleName(question.text.get(language))
        self.unit.setText(question.unit.get(language) if question.unit else "")
        self.unit.setVisible(bool(question.unit))
        if self.kind == "text":
            limit = question.validation.max_length if question.validation else None
            self.edit.setMaxLength(limit or 32767)
        super().show_question(question, value, language)

    def set_value(self, value: Any) -> None:
        self._shown = _display(value, self.kind)
        self.edit.setText(self._shown)

    def pending(self) -> tuple[bool, Any]:
        text = self.edit.text()
        return text != self._shown, text

    def mark_stored(self) -> None:
        self._shown = self.edit.text()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def _finished(self) -> None:
        # Focus left the field (Enter is handled by the page's "Keep the answer and go on" action).
        changed, text = self.pending()
        if changed and not self.edit.isReadOnly():
            self.committed.emit(text, False)


class LongTextEditor(AnswerEditor):
    """Long text answers: several lines; stored when focus leaves or on Ctrl+Enter (which also moves on)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(self.edit.fontMetrics().height() * 6)
        QVBoxLayout(self).addWidget(self.edit)
        self.layout().setContentsMargins(0, 0, 0, 0)
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)
        self._shown = ""

    def show_question(self, question: Question, value: Any, language: str) -> None:
        self.edit.setAccessibleName(question.text.get(language))
        super().show_question(question, value, language)

    def set_value(self, value: Any) -> None:
        self._shown = "" if value is None else str(value)
        self.edit.setPlainText(self._shown)

    def pending(self) -> tuple[bool, Any]:
        text = self.edit.toPlainText()
        return text != self._shown, text

    def mark_stored(self) -> None:
        self._shown = self.edit.toPlainText()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.edit:
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self._store(advance=False)
        enter = isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and kind == QEvent.Type.ShortcutOverride:
            event.accept()  # Enter is a new line here, not "go on"
            return True
        if enter and kind == QEvent.Type.KeyPress and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.confirm_requested.emit()
            return True
        return super().eventFilter(watched, event)

    def _store(self, *, advance: bool) -> None:
        changed, text = self.pending()
        if changed and not self.edit.isReadOnly():
            self.committed.emit(text, advance)


def _display(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "date" and isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"  # stored ISO, shown the British way
    return str(value)
