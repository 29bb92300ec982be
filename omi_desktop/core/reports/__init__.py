"""Printed documents (ReportLab PDFs) and data exports (CSV, XLSX).

The document base (``document``, ``styles``, ``fonts``, ``marking``) is shared by every document; see
docs/developing.md ("Reports"). Documents: ``feedback`` (case feedback sheet), ``interim`` (emerging
findings), ``area`` (head-office area report); exports: ``exports``.
"""

from omi_desktop.core.reports.document import DEFAULT_MARKING, DocumentInfo, Rendered, render_pdf
from omi_desktop.core.reports.marking import document_info, protective_marking, set_protective_marking

__all__ = [
    "DEFAULT_MARKING",
    "DocumentInfo",
    "Rendered",
    "document_info",
    "protective_marking",
    "render_pdf",
    "set_protective_marking",
]
