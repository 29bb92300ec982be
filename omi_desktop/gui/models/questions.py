"""The navigator: sections → criteria → questions of one review, with the state of each item.

Built once per review from the framework; ``set_evaluation`` only updates states, so it is cheap enough to
run after every answer. ``FlowFilterModel`` hides questions that are skipped by a condition (and criteria
and sections left empty), unless asked to show them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel

from omi_desktop.gui import labels
from omi_desktop.gui.icons import icon

if TYPE_CHECKING:
    from omi_desktop.core.framework.framework import Framework
    from omi_desktop.core.review.evaluate import Evaluation

Index = QModelIndex | QPersistentModelIndex

#: "section", "criterion" or "question".
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
#: The id of the section, criterion or question.
ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: The state: a question's (unanswered, answered, not_applicable, skipped, invalid); for a group, the state
#: that matters most among its questions: invalid, else unanswered while anything required is missing,
#: else answered (skipped if all its questions are).
STATE_ROLE = Qt.ItemDataRole.UserRole + 3

STATE_ICONS = {
    "unanswered": "state-unanswered",
    "answered": "state-answered",
    "not_applicable": "state-na",
    "skipped": "state-skipped",
    "invalid": "state-invalid",
}


class QuestionTreeModel(QStandardItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._questions: dict[str, QStandardItem] = {}
        self._groups: list[tuple[QStandardItem, list[str]]] = []
        self._states: dict[str, str] = {}
        self.key: tuple[Any, ...] | None = None

    def build(
        self, framework: Framework, instrument: str, active_modules: tuple[str, ...], language: str
    ) -> None:
        """Lay out the questions of one instrument (skipped if the same layout is already shown)."""
        key = (framework.key, instrument, active_modules, language)
        if key == self.key:
            return
        self.key = key
        self.clear()
        self._questions.clear()
        self._groups.clear()
        self._states.clear()
        root = self.invisibleRootItem()
        for section in framework.sections(instrument, active_modules):
            section_item = self._item("section", section.id, f"{section.id}  {section.title.get(language)}")
            font = section_item.font()
            font.setBold(True)
            section_item.setFont(font)
            root.appendRow(section_item)
            section_ids: list[str] = []
            for criterion in section.criterion:
                criterion_item = self._item(
                    "criterion", criterion.id, f"{criterion.id}  {criterion.title.get(language)}"
                )
                section_item.appendRow(criterion_item)
                criterion_ids = []
                for question in criterion.question:
                    text = question.text.get(language)
                    item = self._item("question", question.id, f"{question.id}  {text}")
                    item.setToolTip(f"{question.id}  {text}")
                    criterion_item.appendRow(item)
                    self._questions[question.id] = item
                    criterion_ids.append(question.id)
                self._groups.append((criterion_item, criterion_ids))
                section_ids.extend(criterion_ids)
            self._groups.append((section_item, section_ids))

    def _item(self, kind: str, item_id: str, text: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setData(kind, KIND_ROLE)
        item.setData(item_id, ID_ROLE)
        return item

    def set_evaluation(self, evaluation: Evaluation, values: dict[str, Any]) -> None:
        """Show each question's state (only items whose state changed are touched)."""
        for qid, item in self._questions.items():
            if qid not in evaluation.statuses:
                continue
            state = evaluation.state(qid, values.get(qid))
            if self._states.get(qid) != state:
                self._states[qid] = state
                self._show_state(item, state)
        missing = set(evaluation.missing)
        for item, ids in self._groups:
            state = _group_state([self._states.get(q, "skipped") for q in ids], missing & set(ids))
            if item.data(STATE_ROLE) != state:
                self._show_state(item, state)

    def _show_state(self, item: QStandardItem, state: str) -> None:
        item.setData(state, STATE_ROLE)
        item.setIcon(icon(STATE_ICONS[state]))
        text = item.text()
        item.setData(f"{text} — {labels.question_state(state)}", Qt.ItemDataRole.AccessibleTextRole)
        if state == "skipped":
            item.setForeground(QBrush(Qt.GlobalColor.gray))
        else:
            item.setData(None, Qt.ItemDataRole.ForegroundRole)

    def index_of(self, question_id: str) -> QModelIndex:
        item = self._questions.get(question_id)
        return item.index() if item is not None else QModelIndex()

    def state(self, question_id: str) -> str | None:
        return self._states.get(question_id)

    def question_ids(self) -> list[str]:
        return list(self._questions)


def _group_state(states: list[str], missing: set[str]) -> str:
    """A section or criterion is done when nothing in it stops finalising (optional ones may be empty)."""
    live = [s for s in states if s != "skipped"]
    if not live:
        return "skipped"
    if "invalid" in live:
        return "invalid"
    return "unanswered" if missing else "answered"


class FlowFilterModel(QSortFilterProxyModel):
    """Hides what is skipped by a condition, unless ``show_skipped`` is on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.show_skipped = False
        self.setDynamicSortFilter(False)

    def set_show_skipped(self, show: bool) -> None:
        self.beginFilterChange()
        self.show_skipped = show
        self.endFilterChange()

    def refresh(self) -> None:
        """Re-apply the filter after the states in the source model changed."""
        self.beginFilterChange()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self.show_skipped:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return index.data(STATE_ROLE) != "skipped"
