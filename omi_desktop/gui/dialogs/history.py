"""A case's history: every change to its review (who, when, old and new value, and why)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QPlainTextEdit, QWidget

from omi_desktop.core.review.state import AuditEntry
from omi_desktop.gui.forms.ui_history_dialog import Ui_HistoryDialog
from omi_desktop.gui.models.audit import (
    COL_CHANGE,
    COL_QUESTION,
    COL_REASON,
    COL_WHAT,
    COL_WHEN,
    COL_WHO,
    AuditTableModel,
)


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
        if entries:
            message = self.tr("{n} changes, oldest first. The selected one is shown in full below.")
        else:
            message = self.tr("Nothing recorded yet: the review starts with its first answer or note.")
        self.ui.message.setText(message.format(n=len(entries)))
        self.detail = self._make_detail()
        table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.ui.buttons.rejected.connect(self.reject)
        table.setFocus()
        if self.model.rowCount():
            table.scrollToBottom()
            table.selectRow(self.model.rowCount() - 1)

    def _make_detail(self) -> QPlainTextEdit:
        """The selected change in full (notes and reasons too long for their column), under the table; it
        follows the selection, so the keyboard reads every change."""
        detail = QPlainTextEdit(self)
        detail.setObjectName("detail")
        detail.setReadOnly(True)
        detail.setAccessibleName(self.tr("The selected change in full"))
        detail.setMaximumHeight(detail.fontMetrics().lineSpacing() * 6 + 12)
        detail.setTabChangesFocus(True)
        self.ui.layout.insertWidget(self.ui.layout.indexOf(self.ui.table) + 1, detail)
        return detail

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.setPlainText("")
            return
        row, model = current.row(), self.model

        def full(column: int) -> str:
            index = model.index(row, column)
            return model.data(index, Qt.ItemDataRole.ToolTipRole) or model.data(index) or ""

        heading = " · ".join(
            part for part in (full(COL_WHEN), full(COL_WHO), full(COL_WHAT), full(COL_QUESTION)) if part
        )
        lines = [heading, self.tr("Change: {change}").format(change=full(COL_CHANGE))]
        if full(COL_REASON):
            lines.append(self.tr("Reason: {reason}").format(reason=full(COL_REASON)))
        self.detail.setPlainText("\n".join(lines))
