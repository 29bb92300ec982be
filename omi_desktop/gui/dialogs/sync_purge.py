"""File → Remove acknowledged case data…: what will be removed, what stays, and a deliberate confirmation."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from omi_desktop.core.sync.receipts import PurgeItem
from omi_desktop.gui.dialogs.sync_common import table, trn


class PurgeDialog(QDialog):
    def __init__(self, parent: QWidget | None, items: Sequence[PurgeItem]) -> None:
        super().__init__(parent)
        self.setObjectName("syncPurgeDialog")
        self.setWindowTitle(self.tr("Remove acknowledged case data"))
        layout = QVBoxLayout(self)
        text = QLabel(
            trn(
                "Head office has confirmed receiving this review exactly as it is here. Removing deletes its "
                "answers, evidence notes, audit trail and the person's details from this laptop. What stays: "
                "the case reference, its dates and the receipt, so nothing is sent twice or looks lost. "
                "Older copies on this laptop that hold this data (backups, and a copy a restore set aside) "
                "are cleaned of it, keeping any other work in them, and a fresh backup is taken. This cannot "
                "be undone here; head office keeps everything.",
                "Head office has confirmed receiving these {n} reviews exactly as they are here. Removing "
                "deletes their answers, evidence notes, audit trail and the people's details from this "
                "laptop. What stays: the case reference, its dates and the receipt, so nothing is sent "
                "twice or looks lost. Older copies on this laptop that hold this data (backups, and a copy a "
                "restore set aside) are cleaned of it, keeping any other work in them, and a fresh backup is "
                "taken. This cannot be undone here; head office keeps everything.",
                len(items),
                context="PurgeDialog",
            )
            if items
            else self.tr("No review is waiting to be removed: head office has not acknowledged any yet."),
            self,
        )
        text.setObjectName("purgeSummary")
        text.setWordWrap(True)
        layout.addWidget(text)
        rows = [
            [
                i.label + (" " + self.tr("(withdrawn from you)") if i.withdrawn else ""),
                str(i.revision),
                i.receipt_id[:8],
            ]
            for i in items
        ]
        self.items = table(
            self,
            [self.tr("Case or questionnaire"), self.tr("Revision"), self.tr("Receipt")],
            rows,
            "purgeItems",
        )
        layout.addWidget(self.items, 1)
        self.confirm = QCheckBox(
            self.tr("I understand the personal data of these cases will be removed"), self
        )
        self.confirm.setObjectName("purgeConfirm")
        self.confirm.setEnabled(bool(items))
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox(self)
        self.remove_button = buttons.addButton(
            self.tr("&Remove"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.remove_button.setObjectName("purgeButton")
        self.remove_button.setEnabled(False)
        self.confirm.toggled.connect(self.remove_button.setEnabled)
        self.remove_button.clicked.connect(self.accept)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 460)
