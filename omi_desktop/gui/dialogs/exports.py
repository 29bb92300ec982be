"""Where to write a data export: the system save dialog, offering XLSX and CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("Exports", text)


def ask_export_path(parent: QWidget | None, suggested: str) -> Path | None:
    """The file to write; None when the person cancels. The chosen type's extension is added if left out."""
    xlsx, csv = tr("Excel workbook (*.xlsx)"), tr("CSV, UTF-8 (*.csv)")
    name, chosen = QFileDialog.getSaveFileName(parent, tr("Export for analysts"), suggested, f"{xlsx};;{csv}")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() in (".xlsx", ".csv"):
        return path
    return path.with_name(path.name + (".csv" if chosen == csv else ".xlsx"))
