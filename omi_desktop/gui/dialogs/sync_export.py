"""File → Export finalised reviews…: what goes in the bundle, where it goes, and its fingerprint after."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from omi_desktop.core.sync.export import ExportItem, ExportPlan, ExportResult, SyncStatus
from omi_desktop.gui.dialogs.sync_common import ask_save_bundle, table, trn


class ExportDialog(QDialog):
    """Shows the plan; emits ``export_requested(path)``; then shows the result (``show_result``)."""

    export_requested = Signal(object)

    def __init__(self, parent: QWidget | None, plan: ExportPlan, status: SyncStatus, suggested: Path) -> None:
        super().__init__(parent)
        self.setObjectName("syncExportDialog")
        self.setWindowTitle(
            self.tr("Export finalised reviews — {inspection}").format(inspection=plan.inspection.label)
        )
        self.plan = plan
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)
        self.pages.addWidget(self._plan_page(plan, status, suggested))
        self.pages.addWidget(self._result_page())
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.setEnabled(bool(plan.items))
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self._export)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 560)

    def _plan_page(self, plan: ExportPlan, status: SyncStatus, suggested: Path) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        recipients = ", ".join(f"{r.name} ({r.id})" for r in plan.recipients)
        again = sum(1 for i in plan.items if i.previously_exported)
        withdrawn = sum(1 for i in plan.items if i.withdrawn)
        text = trn(
            "{n} review will be signed with your key and encrypted so that only {recipients} can open it.",
            "{n} reviews will be signed with your key and encrypted so that only {recipients} can open them.",
            len(plan.items),
            context="ExportDialog",
            recipients=recipients,
        )
        if again:
            text += " " + trn(
                "{n} of them was exported before and head office has not acknowledged it yet: it goes again "
                "(a copy that arrives twice is recognised).",
                "{n} of them were exported before and head office has not acknowledged them yet: they go "
                "again (a copy that arrives twice is recognised).",
                again,
                context="ExportDialog",
            )
        if withdrawn:
            text += " " + trn(
                "Of these, {n} is your review of a case head office withdrew from you: it goes as it stood, "
                "and head office keeps it aside.",
                "Of these, {n} are your reviews of cases head office withdrew from you: they go as they "
                "stood, and head office keeps them aside.",
                withdrawn,
                context="ExportDialog",
            )
        if status.acknowledged or status.purged:
            text += " " + self.tr("Already acknowledged by head office: {ack}.").format(
                ack=status.acknowledged + status.purged
            )
        summary = QLabel(text, page)
        summary.setObjectName("exportSummary")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        rows = [[i.label, str(i.revision), self._state(i)] for i in plan.items]
        self.contents = table(
            page, [self.tr("Case"), self.tr("Revision"), self.tr("State")], rows, "exportContents"
        )
        layout.addWidget(self.contents, 1)
        where = QHBoxLayout()
        where.addWidget(QLabel(self.tr("Write to:"), page))
        self.destination = QLineEdit(str(suggested), page)
        self.destination.setObjectName("exportDestination")
        self.destination.setAccessibleName(self.tr("Destination file"))
        where.addWidget(self.destination, 1)
        choose = QPushButton(self.tr("&Choose…"), page)
        choose.clicked.connect(self._choose)
        where.addWidget(choose)
        layout.addLayout(where)
        return page

    def _state(self, item: ExportItem) -> str:
        if item.withdrawn:
            return self.tr("withdrawn from you: head office keeps it aside")
        return self.tr("sent before, awaiting receipt") if item.previously_exported else self.tr("new")

    def _result_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.result_text = QLabel(page)
        self.result_text.setObjectName("exportResult")
        self.result_text.setWordWrap(True)
        layout.addWidget(self.result_text)
        self.fingerprint = QLabel(page)
        self.fingerprint.setObjectName("exportFingerprint")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font.pointSize() + 6)
        self.fingerprint.setFont(font)
        layout.addWidget(self.fingerprint)
        hint = QLabel(
            self.tr(
                "When you hand the bundle over, read this fingerprint to head office: the same "
                "fingerprint at their end means the file arrived exactly as written. The reviews stay "
                "on this laptop until head office's receipt comes back."
            ),
            page,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        return page

    def _choose(self) -> None:
        path = ask_save_bundle(self, self.destination.text())
        if path is not None:
            self.destination.setText(str(path))

    def _export(self) -> None:
        text = self.destination.text().strip()
        if text:
            self.export_button.setEnabled(False)
            self.export_requested.emit(Path(text))

    def export_failed(self) -> None:
        self.export_button.setEnabled(bool(self.plan.items))

    def show_result(self, result: ExportResult) -> None:
        text = trn(
            "Wrote {n} review to {path} (bundle {seq}, for {recipients}), and checked it.",
            "Wrote {n} reviews to {path} (bundle {seq}, for {recipients}), and checked it.",
            result.reviews,
            context="ExportDialog",
            path=result.path,
            seq=result.sequence,
            recipients=", ".join(result.recipients),
        )
        self.result_text.setText(text)
        self.fingerprint.setText(result.fingerprint)
        self.pages.setCurrentIndex(1)
        self.export_button.hide()
        self.close_button.setText(self.tr("Close"))
