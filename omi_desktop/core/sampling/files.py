"""Turning a long-list file's bytes into a table of text cells: CSV (UTF-8, with or without a byte-order
mark, or Windows-1252 as Excel writes it; comma, semicolon or tab separated) or an XLSX workbook."""

from __future__ import annotations

import csv
import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.sampling.values import cell_text, header_key

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
BOM = b"\xef\xbb\xbf"


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Building 100,000 rows of fresh tuples makes the cyclic collector rescan them again and again; they
    hold no cycles, so it is paused while they are built (this alone halves the time of a large import)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def decode(data: bytes, source: str) -> tuple[str, str]:
    if data.startswith(BOM):
        try:
            return data[len(BOM) :].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError as exc:
            raise RefusedError(_bad_encoding(data, exc, source)) from exc
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise RefusedError(_bad_encoding(data, exc, source)) from exc


def _bad_encoding(data: bytes, exc: UnicodeDecodeError, source: str) -> str:
    row = data.count(b"\n", 0, exc.start) + 1
    return _(
        "{source}: row {row} holds bytes that are neither UTF-8 nor Windows-1252 text; "
        "save the file as CSV UTF-8 or as .xlsx"
    ).format(source=source, row=row)


def csv_rows(text: str, source: str = "the long list") -> list[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else "\t" if "\t" in first_line else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        raise RefusedError(_csv_problem(text, delimiter, source)) from None


def _csv_problem(text: str, delimiter: str, source: str) -> str:
    """Read the file again, row by row, to say in plain words where the CSV breaks and how to mend it.

    Rows are counted as a spreadsheet shows them (a cell holding a line break stays in its row), so the
    row named is the one to look at; a quote that is never closed is named at the row where it opens."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row = 1
    try:
        for _cells in reader:
            row += 1
    except csv.Error as exc:
        error = str(exc)
    else:  # pragma: no cover - the first reading failed, so this one does too
        error = ""
    if "expected after" in error:
        why = _(
            "has a quote inside a cell; put the whole cell in quotes and write each quote inside it twice"
        )
    elif "unexpected end of data" in error:
        why = _("opens a quoted cell that is never closed; add the closing quote")
    elif "field larger than field limit" in error:
        why = _(
            "has a cell longer than {n:,} characters, usually a quote that is never closed; "
            "add the closing quote"
        ).format(n=csv.field_size_limit())
    else:
        why = _("cannot be read as CSV ({error})").format(error=error)
    return _("{source}: row {row} {why}").format(source=source, row=row, why=why)


def xlsx_rows(data: bytes, source: str) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RefusedError(_("{source} is not a readable .xlsx workbook").format(source=source)) from exc
    try:
        chosen = None
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # exports often record wrong dimensions; read what is there
            rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(min_row=1, values_only=True)]
            header = next((r for r in rows if any(c.strip() for c in r)), [])
            if "crn" in {header_key(c) for c in header}:
                return rows
            chosen = chosen if chosen is not None else rows
        return chosen or []
    finally:
        workbook.close()
