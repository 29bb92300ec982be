"""Printing from the window: feedback sheet preview and print, today's sheets as one job, area feedback.

Every document is made by core on the worker thread (with a progress dialog if it takes a while); the
preview shows it with QtPdf; printing paints its pages on the printer chosen in the system print dialog,
also on the worker thread. "Save as PDF" writes the same bytes to a file the person chooses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox

from omi_desktop.core.clock import today
from omi_desktop.gui.actions import ActionId

# The documents (ReportLab) and the preview and printing dialogs (QtPdf, QtPrintSupport) are imported when
# one is asked for: the window installs this feature just after it first appears and must not wait for them.
if TYPE_CHECKING:
    from omi_desktop.core.inspections import CaseInfo
    from omi_desktop.core.progress import Operation
    from omi_desktop.core.reports.document import Rendered
    from omi_desktop.gui.dialogs.printing import PdfPreviewDialog
    from omi_desktop.gui.main_window import MainWindow

STATUS_MS = 8000


def tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


def install(window: MainWindow) -> None:
    printing = Printing(window)
    window.printing = printing  # features reach it here (e.g. the review screen's own button)
    actions = window.actions
    actions.connect(ActionId.PREVIEW_FEEDBACK, printing.preview_feedback)
    actions.connect(ActionId.PRINT_FEEDBACK, printing.print_feedback)
    actions.connect(ActionId.PRINT_TODAYS_FEEDBACK, printing.print_todays_feedback)
    actions.connect(ActionId.PRINT_AREA_FEEDBACK, printing.preview_area_feedback)
    window.case_list.case_selected.connect(lambda _case: printing.update_actions())
    window.bus.data_changed.connect(lambda _changes, _initiator: printing.update_actions())
    window.bus.store_switched.connect(printing.update_actions)
    printing.update_actions()


class Printing(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.preview: PdfPreviewDialog | None = None

    # -- what can be printed now -----------------------------------------------------------------------------
    def update_actions(self) -> None:
        case = self.window.current_case() if self.window.current_inspection() else None
        reviewed = case is not None and case.review_id is not None and case.status != "not_started"
        for action_id in (ActionId.PREVIEW_FEEDBACK, ActionId.PRINT_FEEDBACK):
            self.window.actions.set_enabled(action_id, reviewed)
        has_inspection = self.window.current_inspection() is not None
        for action_id in (ActionId.PRINT_AREA_FEEDBACK, ActionId.PRINT_TODAYS_FEEDBACK):
            self.window.actions.set_enabled(action_id, has_inspection)

    def _reviewed_case(self) -> CaseInfo | None:
        case = self.window.current_case()
        if case is None:
            self._inform(tr("Choose a case in the list first."))
            return None
        if case.review_id is None or case.status == "not_started":
            self._inform(
                tr("Case {ref} has not been reviewed yet, so there is no feedback to print.").format(
                    ref=case.reference
                )
            )
            return None
        self.window.review.flush()  # a note still being typed is saved (queued) before the sheet is made
        return case

    # -- the actions ---------------------------------------------------------------------------------------
    def preview_feedback(self) -> None:
        from omi_desktop.core.reports.feedback import feedback_sheet

        case = self._reviewed_case()
        if case is not None:
            store = self.window.workspace.store
            self._make(
                lambda: feedback_sheet(store, case.id),
                tr("Preparing the feedback sheet for {ref}…").format(ref=case.reference),
                lambda rendered: self.show_preview(
                    tr("Feedback sheet — {ref}").format(ref=case.reference),
                    rendered,
                    f"feedback-{case.reference}.pdf",
                ),
            )

    def print_feedback(self) -> None:
        from omi_desktop.core.reports.feedback import feedback_sheet

        case = self._reviewed_case()
        if case is not None:
            store = self.window.workspace.store
            name = tr("Feedback sheet — {ref}").format(ref=case.reference)
            self._make(
                lambda: feedback_sheet(store, case.id),
                tr("Preparing the feedback sheet for {ref}…").format(ref=case.reference),
                lambda rendered: self.print_document(name, rendered),
            )

    def print_todays_feedback(self) -> None:
        from omi_desktop.core.reports.feedback import feedback_sheets, finalised_on

        inspection = self.window.current_inspection()
        if inspection is None:
            return
        self.window.review.flush()
        store = self.window.workspace.store

        def found(cases: list[CaseInfo]) -> None:
            if not cases:
                self._inform(
                    tr("No case review was finalised today, so there are no feedback sheets to print.")
                )
                return
            name = tr("Feedback sheets finalised today ({n})").format(n=len(cases))
            self._make(
                lambda: feedback_sheets(store, cases),
                tr("Preparing {n} feedback sheets…").format(n=len(cases)),
                lambda rendered: self.print_document(name, rendered),
            )

        self.window.tasks.run(
            lambda: finalised_on(store, today(), inspection.id), parent=self.window, success=found
        )

    def preview_area_feedback(self) -> None:
        from omi_desktop.core.reports.interim import interim_report

        inspection = self.window.current_inspection()
        if inspection is None:
            return
        self.window.review.flush()
        store = self.window.workspace.store
        self._make(
            lambda: interim_report(store, inspection.id),
            tr("Preparing the interim area feedback…"),
            lambda rendered: self.show_preview(
                tr("Interim area feedback — {area}").format(area=inspection.area_name),
                rendered,
                f"interim-feedback-{inspection.area_code}.pdf",
            ),
        )

    # -- steps -----------------------------------------------------------------------------------------------
    def _make(
        self, operation: Callable[[], Operation[Rendered]], title: str, then: Callable[[Rendered], None]
    ) -> None:
        self.window.tasks.run_operation(operation, title=title, parent=self.window, success=then)

    def show_preview(self, title: str, rendered: Rendered, suggested: str) -> PdfPreviewDialog:
        from omi_desktop.gui.dialogs.printing import PdfPreviewDialog

        dialog = PdfPreviewDialog(self.window, title, rendered.data, rendered.pages)
        dialog.print_requested.connect(lambda: self.print_document(title, rendered, parent=dialog))
        dialog.save_requested.connect(lambda: self.save_document(rendered, suggested, parent=dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.preview = dialog
        dialog.open()
        return dialog

    def print_document(self, name: str, rendered: Rendered, parent: QObject | None = None) -> None:
        """Ask for a printer (the system dialog), then print every page as one job on the worker."""
        from omi_desktop.gui.dialogs import printing as dialogs

        owner = parent or self.window
        printer = dialogs.choose_printer(owner, name, rendered.pages)
        if printer is None:
            return

        def printed(pages: int) -> None:
            self.window.statusBar().showMessage(
                tr("Sent {pages} pages of “{name}” to {printer}.").format(
                    pages=pages, name=name, printer=printer.printerName() or printer.outputFileName()
                ),
                STATUS_MS,
            )

        self.window.tasks.run_operation(
            lambda: dialogs.print_pdf(rendered.data, printer),
            title=tr("Printing {name}…").format(name=name),
            parent=owner,
            success=printed,
        )

    def save_document(self, rendered: Rendered, suggested: str, parent: QObject | None = None) -> None:
        from omi_desktop.core.reports.document import write_file
        from omi_desktop.gui.dialogs import printing as dialogs

        owner = parent or self.window
        folder = Path.home() / "Documents"
        path = dialogs.ask_pdf_path(owner, str((folder if folder.is_dir() else Path.home()) / suggested))
        if path is None:
            return
        self.window.tasks.run(
            lambda: write_file(path, rendered.data),
            parent=owner,
            success=lambda written: self.window.statusBar().showMessage(
                tr("Saved {path}.").format(path=written), STATUS_MS
            ),
        )

    def _inform(self, text: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information, tr("Printing"), text, QMessageBox.StandardButton.Ok, self.window
        )
        box.setObjectName("printingMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, no nested event loop
        return box
