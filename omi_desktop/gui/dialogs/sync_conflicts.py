"""Head office → Conflicts…: two diverging versions of a review, compared question by question; for each
question keep head office's version or take the other, with a reason kept in the audit trail."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from omi_desktop.core.sync.conflicts import ConflictInfo, Side
from omi_desktop.gui.dialogs.sync_common import display

KEEP, TAKE = "keep", "take"


class ConflictsDialog(QDialog):
    """Emits ``resolve_requested(conflict id, {question: keep|take}, reason)``; ``load`` refreshes it."""

    resolve_requested = Signal(str, dict, str)

    def __init__(
        self,
        parent: QWidget | None,
        conflicts: Sequence[ConflictInfo],
        names: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncConflictsDialog")
        self.setWindowTitle(self.tr("Conflicts"))
        self.conflicts: list[ConflictInfo] = []
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("conflictSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.listing = QListWidget(splitter)
        self.listing.setObjectName("conflictList")
        self.listing.setAccessibleName(self.tr("Open conflicts"))
        self.listing.currentRowChanged.connect(self._show)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QLabel(right)
        self.detail.setWordWrap(True)
        right_layout.addWidget(self.detail)
        self.questions = QTableWidget(0, 4, right)
        self.questions.setObjectName("conflictQuestions")
        self.questions.setHorizontalHeaderLabels(
            [self.tr("Question"), self.tr("Head office holds"), self.tr("Other version"), self.tr("Decision")]
        )
        self.questions.verticalHeader().setVisible(False)
        self.questions.setWordWrap(True)
        header = self.questions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        right_layout.addWidget(self.questions, 1)
        self.reason = QLineEdit(right)
        self.reason.setObjectName("conflictReason")
        self.reason.setPlaceholderText(self.tr("Why (kept in the audit trail with your name)"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.textChanged.connect(self._update_button)
        right_layout.addWidget(self.reason)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([330, 710])  # room for "Questionnaire OQ-007 (Offender questionnaire)"
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton(
            self.tr("&Apply decisions"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.apply_button.setObjectName("applyDecisions")
        self.apply_button.clicked.connect(self._apply)
        buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1040, 560)
        self.load(conflicts, names)

    def load(self, conflicts: Sequence[ConflictInfo], names: Mapping[str, str] | None = None) -> None:
        """``names``: how to name the reviews that are not a case's (questionnaires, area assessments)."""
        current = self.current().id if self.current() else None
        self.conflicts = list(conflicts)
        self.listing.clear()
        for c in self.conflicts:
            if c.case_reference:
                subject = self.tr("Case {case}").format(case=c.case_reference)
            else:
                subject = (names or {}).get(c.review_id) or self.tr("Review {id}").format(id=c.review_id[:8])
            text = self.tr("{subject}\nfrom {sender} · questions that differ: {n}").format(
                subject=subject, sender=c.sender_id, n=len(c.differences)
            )
            QListWidgetItem(text, self.listing)
        self.summary.setText(
            self.tr(
                "Reviews that came back in two versions, both changed since they parted: {n}. Nothing "
                "was overwritten: decide each question below."
            ).format(n=len(self.conflicts))
            if self.conflicts
            else self.tr("No open conflicts.")
        )
        ids = [c.id for c in self.conflicts]
        self.listing.setCurrentRow(ids.index(current) if current in ids else (0 if ids else -1))
        self._show(self.listing.currentRow())

    def current(self) -> ConflictInfo | None:
        row = self.listing.currentRow() if hasattr(self, "listing") else -1
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _cell(self, side: Side) -> QTableWidgetItem:
        text = display(side.value) + (f"\n— {side.note}" if side.note else "")
        item = QTableWidgetItem(text)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        item.setToolTip(text)
        return item

    def _show(self, _row: int) -> None:
        conflict = self.current()
        self.questions.setRowCount(0)
        if conflict is None:
            self.detail.setText("")
            self._update_button()
            return
        self.detail.setText(
            self.tr(
                "Head office holds revision {ours}; {sender} sent revision {theirs}, "
                "made from an older version."
            ).format(
                ours=conflict.base_revision, sender=conflict.sender_id, theirs=conflict.incoming_revision
            )
        )
        self.questions.setHorizontalHeaderItem(
            2, QTableWidgetItem(self.tr("{sender}'s version").format(sender=conflict.sender_id))
        )
        for row, diff in enumerate(conflict.differences):
            self.questions.insertRow(row)
            question = QTableWidgetItem(f"{diff.question_id}  {diff.text}")
            question.setFlags(question.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.questions.setItem(row, 0, question)
            self.questions.setItem(row, 1, self._cell(diff.ours))
            self.questions.setItem(row, 2, self._cell(diff.theirs))
            choice = QComboBox(self.questions)
            choice.setObjectName(f"decision-{diff.question_id}")
            choice.setAccessibleName(self.tr("Decision for {q}").format(q=diff.question_id))
            choice.addItem(self.tr("Undecided"), None)
            choice.addItem(self.tr("Keep head office's"), KEEP)
            choice.addItem(self.tr("Take {sender}'s").format(sender=conflict.sender_id), TAKE)
            if diff.decision:
                choice.setCurrentIndex(choice.findData(diff.decision))
                choice.setEnabled(False)
            choice.currentIndexChanged.connect(self._update_button)
            self.questions.setCellWidget(row, 3, choice)
        self.questions.resizeRowsToContents()
        self._update_button()

    def decisions(self) -> dict[str, str]:
        conflict = self.current()
        found = {}
        for row, diff in enumerate(conflict.differences if conflict else ()):
            choice = self.questions.cellWidget(row, 3)
            if choice is not None and choice.isEnabled() and choice.currentData():
                found[diff.question_id] = choice.currentData()
        return found

    def _update_button(self, *_args: object) -> None:
        self.apply_button.setEnabled(bool(self.decisions()) and bool(self.reason.text().strip()))

    def _apply(self) -> None:
        conflict = self.current()
        if conflict is not None:
            self.apply_button.setEnabled(False)
            self.resolve_requested.emit(conflict.id, self.decisions(), self.reason.text().strip())
