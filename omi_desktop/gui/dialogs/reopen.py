"""Reopen a finalised review: a reason is required and kept in the audit trail."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from omi_desktop.gui.forms.ui_reopen_dialog import Ui_ReopenDialog


class ReopenDialog(QDialog):
    def __init__(self, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reopenDialog")
        self.ui = Ui_ReopenDialog()
        self.ui.setupUi(self)
        ui = self.ui
        ui.message.setText(
            self.tr(
                "The review of {reference} is finalised. Reopening it lets you change answers; it must "
                "then be finalised and exported again."
            ).format(reference=reference)
        )
        self.reopen_button = ui.buttons.addButton(self.tr("&Reopen"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.reopen_button.setDefault(True)
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)
        ui.reasonEdit.textChanged.connect(self._check)
        # Confirmed from the reason box without leaving it (Enter there starts a new line); Alt+R is the
        # button's own key (the reason's label uses Alt+S).
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._reopen_if_ready)
        ui.reasonEdit.setFocus()
        self._check()

    def _reopen_if_ready(self) -> None:
        if self.reopen_button.isEnabled():
            self.reopen_button.click()

    def reason(self) -> str:
        return self.ui.reasonEdit.toPlainText().strip()

    def _check(self) -> None:
        ok = bool(self.reason())
        self.reopen_button.setEnabled(ok)
        self.ui.hint.setText(
            self.tr("Ctrl+Enter or Alt+R reopens it.")
            if ok
            else self.tr("A reason is needed to reopen a finalised review.")
        )
