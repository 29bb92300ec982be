"""Finalise: either what is still missing (choose one to go there) or a confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QPushButton, QTreeWidgetItem, QWidget

from omi_desktop.core.review.lifecycle import MissingItem
from omi_desktop.gui.forms.ui_finalise_dialog import Ui_FinaliseDialog

QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1


class FinaliseDialog(QDialog):
    #: The person chose a missing question to go to.
    go_to = Signal(str)

    def __init__(self, reference: str, missing: list[MissingItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finaliseDialog")
        self.ui = Ui_FinaliseDialog()
        self.ui.setupUi(self)
        self.missing = missing
        self.ui.buttons.rejected.connect(self.reject)
        if missing:
            self._list_missing(reference, missing)
        else:
            self._ask_to_confirm(reference)

    def _list_missing(self, reference: str, missing: list[MissingItem]) -> None:
        """What stops finalising, one line each; Enter goes to the chosen one."""
        ui = self.ui
        self.setWindowTitle(self.tr("Not ready to finalise"))
        text = (
            self.tr(
                "The review of {reference} cannot be finalised yet: one question still needs an answer "
                "or a correction. Press Enter to go there."
            )
            if len(missing) == 1
            else self.tr(
                "The review of {reference} cannot be finalised yet: {n} questions still need an "
                "answer or a correction. Choose one and press Enter to go there."
            )
        )
        ui.message.setText(text.format(reference=reference, n=len(missing)))
        for item in missing:
            row = QTreeWidgetItem(ui.missingList, [f"{item.question_id}  {item.text}", item.reason])
            row.setData(0, QUESTION_ROLE, item.question_id)
            row.setToolTip(0, f"{item.question_id}  {item.text}")
        header = ui.missingList.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.go_button: QPushButton = ui.buttons.addButton(
            self.tr("&Go to question"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go_button.setDefault(True)
        ui.buttons.accepted.connect(self._go)
        ui.missingList.itemActivated.connect(lambda _item, _col: self._go())
        ui.missingList.setCurrentItem(ui.missingList.topLevelItem(0))
        ui.missingList.setFocus()

    def _ask_to_confirm(self, reference: str) -> None:
        """Nothing missing: what finalising means, and the Finalise button."""
        ui = self.ui
        self.setWindowTitle(self.tr("Finalise the review"))
        ui.message.setText(
            self.tr(
                "Every question that applies to {reference} is answered.\n\nFinalise the review? It "
                "becomes read-only and is ready to export. If something must change later, you can "
                "reopen it with a reason, which is kept in the case history."
            ).format(reference=reference)
        )
        ui.missingList.setVisible(False)
        self.finalise_button = ui.buttons.addButton(
            self.tr("&Finalise"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.finalise_button.setDefault(True)
        self.finalise_button.setFocus()
        ui.buttons.accepted.connect(self.accept)
        self.resize(520, 220)

    def _go(self) -> None:
        item = self.ui.missingList.currentItem()
        if item is not None:
            self.go_to.emit(item.data(0, QUESTION_ROLE))
        self.accept()
