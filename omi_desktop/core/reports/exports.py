"""Data exports for analysts: answers (one row per review × question) and per-case summaries, CSV or XLSX.

CSV is UTF-8 with a byte-order mark, so spreadsheet programs read Welsh letters correctly. Every text cell
whose first character is ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a single
quote in front, so a spreadsheet shows it as text and never runs it as a formula (numbers stay numbers).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import list_inspections, resolve_inspection
from omi_desktop.core.progress import Operation, Progress, run_to_end
from omi_desktop.core.reports.document import write_file
from omi_desktop.core.reports.rows import ANSWER_COLUMNS, answer_rows, case_columns, case_rows, reviews_of
from omi_desktop.core.store import Store

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")


def neutralise(value: Any) -> Any:
    """A cell value safe for a spreadsheet: risky text gets a leading single quote; others unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    inspections: int
    format: str


def export_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise RefusedError(_("export to a .csv or .xlsx file (not {name})").format(name=path.name))
    return suffix


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> tuple[bytes, int]:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
        count += 1
    return text.getvalue().encode("utf-8-sig"), count


def xlsx_bytes(sheet: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> tuple[bytes, int]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    worksheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for name in header:
        cell = WriteOnlyCell(worksheet, value=neutralise(name))
        cell.font = bold
        cells.append(cell)
    worksheet.append(cells)
    count = 0
    for row in rows:
        worksheet.append([_xlsx_value(v) for v in row])
        count += 1
    worksheet.auto_filter.ref = f"A1:{_column_letter(len(header))}{count + 1}"
    target = io.BytesIO()
    workbook.save(target)
    return target.getvalue(), count


def _xlsx_value(value: Any) -> Any:
    value = neutralise(value)
    if isinstance(value, str):
        # Characters XML 1.0 cannot hold (control characters other than tab, line feed, return) are dropped.
        return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
    return value


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _inspection_ids(store: Store, inspection_ref: str | None, all_inspections: bool) -> list[str]:
    if all_inspections:
        found = [i.id for i in list_inspections(store)]
        if not found:
            raise RefusedError(_("there is no inspection in this data folder yet"))
        return found
    return [resolve_inspection(store, inspection_ref).id]


def _write(out: Path, sheet: str, header: Sequence[str], rows: Iterator[Sequence[Any]]) -> tuple[str, int]:
    kind = export_format(out)
    data, count = csv_bytes(header, rows) if kind == "csv" else xlsx_bytes(sheet, header, rows)
    write_file(out, data)
    return kind, count


def export_answers(
    store: Store,
    out: Path | str,
    inspection_ref: str | None = None,
    *,
    all_inspections: bool = False,
    finalised_only: bool = False,
) -> Operation[ExportResult]:
    """Every review × question of the chosen inspection(s) to CSV or XLSX (by the file's extension)."""
    out = Path(out)
    export_format(out)
    ids = _inspection_ids(store, inspection_ref, all_inspections)
    reviews = reviews_of(store, ids, finalised_only=finalised_only)
    rows: list[list[Any]] = []
    for number, review in enumerate(reviews, start=1):
        rows.extend(answer_rows(store, review))
        if number % 10 == 0 or number == len(reviews):
            yield Progress(
                number,
                len(reviews) + 1,
                _("Reading review {n} of {total}").format(n=number, total=len(reviews)),
            )
    kind, count = _write(out, _("Answers"), ANSWER_COLUMNS, iter(rows))
    yield Progress(len(reviews) + 1, len(reviews) + 1, _("Written"))
    return ExportResult(out, count, len(ids), kind)


def export_cases(
    store: Store,
    out: Path | str,
    inspection_ref: str | None = None,
    *,
    all_inspections: bool = False,
) -> Operation[ExportResult]:
    """One row per case (facts, review state, thread outcomes, criterion judgements) to CSV or XLSX."""
    out = Path(out)
    export_format(out)
    ids = _inspection_ids(store, inspection_ref, all_inspections)
    header, rows = case_columns(store, ids), []
    for number, inspection_id in enumerate(ids, start=1):
        yield Progress(
            number - 1, len(ids) + 1, _("Reading inspection {n} of {total}").format(n=number, total=len(ids))
        )
        rows.extend(case_rows(store, inspection_id, header))
    kind, count = _write(out, _("Cases"), header, iter(rows))
    yield Progress(len(ids) + 1, len(ids) + 1, _("Written"))
    return ExportResult(out, count, len(ids), kind)


def export_answers_file(
    store: Store, out: Path | str, inspection_ref: str | None = None, **options: Any
) -> ExportResult:
    return run_to_end(export_answers(store, out, inspection_ref, **options))


def export_cases_file(
    store: Store, out: Path | str, inspection_ref: str | None = None, **options: Any
) -> ExportResult:
    return run_to_end(export_cases(store, out, inspection_ref, **options))
