"""Placeholder until the review panel lands."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from omi_desktop.core.inspections import CaseInfo


class ReviewPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review_id: str | None = None
        self.label = QLabel(self)
        QVBoxLayout(self).addWidget(self.label)

    def show_case(self, case: CaseInfo | None) -> None:
        self.label.setText(case.reference if case else "")

    def clear(self) -> None:
        self.label.setText("")

    def flush(self) -> None:
        pass

    def focus_answer(self) -> None:
        pass
