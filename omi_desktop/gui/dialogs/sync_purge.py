"""File → Remove acknowledged case data…: what will be removed, what stays, and a deliberate confirmation.

A lead inspector who collated the team's returns may also remove those copies once head office's receipt
lists them (as ``omi purge --acknowledged --collated``): offered, off by default, with their number."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from omi_desktop.core.sync.receipts import PurgeItem
from omi_desktop.gui.dialogs.sync_common import table, trn


class PurgeDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, items: Sequence[PurgeItem], collated: Sequence[PurgeItem] = ()
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncPurgeDialog")
        self.setWindowTitle(self.tr("Remove acknowledged case data"))
        self._own, self._collated = list(items), list(collated)
        layout = QVBoxLayout(self)
        text = QLabel(self._summary(), self)
        text.setObjectName("purgeSummary")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.items = self._table(self._rows(self._own))
        layout.addWidget(self.items, 1)
        self.collated = self._collated_option(layout)
        self.confirm = QCheckBox(
            self.tr("I understand the personal data of these cases will be removed"), self
        )
        self.confirm.setObjectName("purgeConfirm")
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox(self)
        self.remove_button = buttons.addButton(
            self.tr("&Remove"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.remove_button.setObjectName("purgeButton")
        self.confirm.toggled.connect(self._update)
        self.remove_button.clicked.connect(self.accept)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        layout.addWidget(buttons)
        self._update()
        self.resize(660, 520 if self._collated else 460)

    def include_collated(self) -> bool:
        """Whether the lead chose to remove the team's collated copies too."""
        return self.collated is not None and self.collated.isChecked()

    def _summary(self) -> str:
        if self._own:
            return trn(
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
                len(self._own),
                context="PurgeDialog",
            )
        if self._collated:
            return self.tr(
                "None of your own reviews is waiting to be removed. Head office's receipt lists reviews of "
                "your team that you collated here: you can remove those below."
            )
        return self.tr("No review is waiting to be removed: head office has not acknowledged any yet.")

    def _rows(self, items: Sequence[PurgeItem], *, team: bool = False) -> list[list[str]]:
        return [
            [
                i.label
                + (" " + self.tr("(withdrawn from you)") if i.withdrawn else "")
                + (" " + self.tr("(collated from your team)") if team else ""),
                str(i.revision),
                i.receipt_id[:8],
            ]
            for i in items
        ]

    def _collated_option(self, layout: QVBoxLayout) -> QCheckBox | None:
        if not self._collated:
            return None
        box = QCheckBox(
            trn(
                "Also remove the team's review collated here ({n}): head office holds it",
                "Also remove the team's reviews collated here ({n}): head office holds them",
                len(self._collated),
                context="PurgeDialog",
            ),
            self,
        )
        box.setObjectName("purgeCollated")
        box.setChecked(False)
        note = QLabel(
            self.tr(
                "Their answers, evidence notes, audit trail and the people's details go from this laptop; "
                "the case reference, its dates and the receipt stay. Older backups are cleaned of them. A "
                "team review collated here that is newer than the version head office holds is kept: its "
                "author returns it."
            ),
            self,
        )
        note.setObjectName("purgeCollatedNote")
        note.setWordWrap(True)
        note.setContentsMargins(24, 0, 0, 0)
        box.toggled.connect(self._show_rows)
        box.toggled.connect(self._update)
        layout.addWidget(box)
        layout.addWidget(note)
        return box

    def _show_rows(self) -> None:
        """The table lists what Remove removes: the team's copies join it only while ticked."""
        rows = self._rows(self._own) + (
            self._rows(self._collated, team=True) if self.include_collated() else []
        )
        fresh = self._table(rows)
        self.layout().replaceWidget(self.items, fresh)
        self.items.hide()
        self.items.deleteLater()
        self.items = fresh
        fresh.show()

    def _table(self, rows: list[list[str]]) -> QTableView:
        header = [self.tr("Case or questionnaire"), self.tr("Revision"), self.tr("Receipt")]
        return table(self, header, rows, "purgeItems")

    def _update(self) -> None:
        anything = bool(self._own) or self.include_collated()
        self.confirm.setEnabled(anything)
        self.remove_button.setEnabled(anything and self.confirm.isChecked())
