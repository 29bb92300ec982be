"""A case's history: every change to its review (who, when, old and new value, and why)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QHeaderView, QWidget

from omi_desktop.core.review.state import AuditEntry
from omi_desktop.gui.forms.ui_history_dialog import Ui_HistoryDialog
from omi_desktop.gui.models.audit import COL_CHANGE, COL_REASON, AuditTableModel


class HistoryDialog(QDialog):
    def __init__(self, reference: str, entries: Sequence[AuditEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.ui = Ui_HistoryDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(self.tr("History of {reference}").format(reference=reference))
        self.model = AuditTableModel(self)
        self.model.set_entries(entries)
        table = self.ui.table
        table.setModel(self.model)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CHANGE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_REASON, 220)
        self.ui.message.setText(
            self.tr("{n} changes, oldest first. Hover over a change to read it in full.").format(
                n=len(entries)
            )
        )
        self.ui.buttons.rejected.connect(self.reject)
        table.setFocus()
        if self.model.rowCount():
            table.scrollToBottom()
            table.selectRow(self.model.rowCount() - 1)
