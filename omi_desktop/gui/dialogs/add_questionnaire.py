"""Add questionnaire: which questionnaire, and the response's label (the next free one is offered)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from omi_desktop.core.errors import OmiError
from omi_desktop.core.instruments import InstrumentInfo, check_label


class AddQuestionnaireDialog(QDialog):
    def __init__(
        self,
        infos: list[InstrumentInfo],
        next_labels: Mapping[str, str],
        taken: set[str],
        current: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add questionnaire"))
        self.next_labels = next_labels
        self.taken = {t.lower() for t in taken}
        form = QFormLayout(self)
        self.instrument_combo = QComboBox(self)
        for info in infos:
            self.instrument_combo.addItem(info.title, info.id)
        self.instrument_combo.setCurrentIndex(max(0, self.instrument_combo.findData(current)))
        form.addRow(self.tr("&Questionnaire:"), self.instrument_combo)
        self.label_edit = QLineEdit(self)
        self.label_edit.setAccessibleName(self.tr("Label of the response"))
        form.addRow(self.tr("&Label:"), self.label_edit)
        note = QLabel(
            self.tr(
                "The number written on the paper form, if it has one. A label is used once in an inspection."
            ),
            self,
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.problem = QLabel(self)
        self.problem.setObjectName("validationMessage")
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button = self.buttons.addButton(self.tr("&Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._offered = ""
        self.instrument_combo.currentIndexChanged.connect(self._instrument_changed)
        self.label_edit.textChanged.connect(self._check)
        self._instrument_changed()
        self.setMinimumWidth(420)

    def instrument(self) -> str:
        return str(self.instrument_combo.currentData())

    def label(self) -> str:
        return " ".join(self.label_edit.text().split())

    def _instrument_changed(self, _index: int = 0) -> None:
        # Offer the next label of the chosen questionnaire, unless the person typed one of their own.
        if self.label_edit.text() in ("", self._offered):
            self._offered = self.next_labels.get(self.instrument(), "")
            self.label_edit.setText(self._offered)
            self.label_edit.selectAll()
        self._check()

    def _check(self) -> None:
        problem = ""
        try:
            label = check_label(self.label_edit.text())
            if label.lower() in self.taken:
                problem = self.tr("There is already a questionnaire labelled {label}.").format(label=label)
        except OmiError as refusal:
            text = str(refusal)
            problem = text[:1].upper() + text[1:] + "."
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.add_button.setEnabled(not problem)
