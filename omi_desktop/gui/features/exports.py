"""Inspection → Export answers / case summaries: the analysts' spreadsheets (core/reports/exports.py).

The exports (and the ReportLab and spreadsheet code they bring) are imported when one is asked for: the
window installs this feature just after it first appears and must not wait for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from omi_desktop.gui.actions import ActionId

if TYPE_CHECKING:
    from omi_desktop.core.reports.exports import ExportResult
    from omi_desktop.gui.main_window import MainWindow

STATUS_MS = 8000


def tr(text: str) -> str:
    return QCoreApplication.translate("Exports", text)


def install(window: MainWindow) -> None:
    window.actions.connect(ActionId.EXPORT_ANSWERS, lambda: export(window, "answers"))
    window.actions.connect(ActionId.EXPORT_CASE_SUMMARIES, lambda: export(window, "cases"))

    def update(*_args: object) -> None:
        for action_id in (ActionId.EXPORT_ANSWERS, ActionId.EXPORT_CASE_SUMMARIES):
            window.actions.set_enabled(action_id, window.current_inspection() is not None)

    window.case_list.case_selected.connect(update)
    window.bus.data_changed.connect(update)
    window.bus.store_switched.connect(update)
    update()


def export(window: MainWindow, what: str) -> None:
    """``what``: "answers" (one row per answer) or "cases" (one row per case)."""
    from omi_desktop.core.reports.exports import export_answers, export_cases
    from omi_desktop.gui.dialogs import exports as dialogs

    operation = export_answers if what == "answers" else export_cases
    inspection = window.current_inspection()
    if inspection is None:
        return
    folder = Path.home() / "Documents"
    suggested = (folder if folder.is_dir() else Path.home()) / f"{what}-{inspection.area_code}.xlsx"
    path = dialogs.ask_export_path(window, str(suggested))
    if path is None:
        return
    window.review.flush()
    store = window.workspace.store

    def done(result: ExportResult) -> None:
        window.statusBar().showMessage(
            tr("Wrote {rows} rows to {path}.").format(rows=result.rows, path=result.path), STATUS_MS
        )

    window.tasks.run_operation(
        lambda: operation(store, path, inspection.id),
        title=tr("Exporting for analysts…"),
        parent=window,
        success=done,
    )
