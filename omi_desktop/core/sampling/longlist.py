"""Reading an area's long list (CSV or XLSX) into records, with every problem named by row and column.

Row numbers are those a spreadsheet shows: the header is row 1, the first case row 2. A file with problems
yields no usable list unless the caller chooses to go on without the listed rows (``LongList.usable``).

Speed matters (an area may send 100,000 rows): cells are read column by column, and each distinct text of a
column is read once, so a column of 100,000 start dates costs a few hundred date parses, not 100,000.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from omi_desktop.core.errors import RefusedError, ValidationError
from omi_desktop.core.i18n import _, ngettext
from omi_desktop.core.sampling.files import (
    OLE_MAGIC,
    ZIP_MAGIC,
    csv_rows,
    cyclic_gc_paused,
    decode,
    xlsx_rows,
)
from omi_desktop.core.sampling.values import (
    ABSENT,
    COLUMNS,
    READERS,
    REQUIRED_COLUMNS,
    BadValue,
    header_key,
    read_reference,
)

MAX_PROBLEMS_SHOWN = 50


class Record(NamedTuple):
    """One case row of the long list, read and checked."""

    row: int
    crn: str
    pnc: str
    family_name: str
    first_name: str
    date_of_birth: date | None
    gender: str | None
    sentence_type: str | None
    rosh_level: str | None
    start_date: date | None
    end_date: date | None
    cluster: str
    ldu: str
    team: str
    responsible_officer: str
    ppo: bool
    tier: int | None


assert Record._fields[1:] == COLUMNS


@dataclass(frozen=True, order=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("row {row}").format(row=self.row))
        if self.column is not None:
            where.append(_("column {column}").format(column=self.column))
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


@dataclass
class LongList:
    """A long list as read: the good records, and every problem and notice found."""

    source: str  # the file's name (not its folder: the name is what people recognise)
    sha256: str
    encoding: str  # "UTF-8", "UTF-8 with BOM", "Windows-1252" or "XLSX"
    columns: tuple[str, ...]  # the recognised columns present in the file
    records: list[Record]  # rows without problems, in file order
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)  # worth knowing, not wrong (e.g. unused columns)
    invalid_rows: tuple[int, ...] = ()  # rows left out because of a problem
    invalid_crns: dict[int, str] = field(default_factory=dict)  # their CRNs, as far as they could be read
    blank_rows: int = 0

    @property
    def rows(self) -> int:
        """Case rows in the file (blank rows not counted)."""
        return len(self.records) + len(self.invalid_rows)

    def problems_found(self) -> str:
        """'the long list NAME has N problems in M rows'."""
        rows = len(self.invalid_rows)
        return _("the long list {source} has {problems} in {rows}").format(
            source=self.source,
            problems=ngettext("{n} problem", "{n} problems", len(self.problems)).format(n=len(self.problems)),
            rows=ngettext("{n} row", "{n} rows", rows).format(n=rows),
        )

    def usable(self, *, skip_invalid_rows: bool = False) -> LongList:
        """This list if it has no problems, or (when chosen) without the listed rows; else refuse."""
        if self.problems and not skip_invalid_rows:
            raise ValidationError(
                _(
                    "{found}; nothing was imported (correct the file, or choose to continue without "
                    "those rows)"
                ).format(found=self.problems_found()),
                [str(p) for p in self.problems],
            )
        if not self.records:
            raise RefusedError(_("the long list {source} has no usable rows").format(source=self.source))
        return self

    def problems_by_row(self) -> dict[int, list[Problem]]:
        found: dict[int, list[Problem]] = {}
        for problem in self.problems:
            if problem.row is not None:
                found.setdefault(problem.row, []).append(problem)
        return found

    def summary_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "columns": list(self.columns),
            "rows": self.rows,
            "usable_rows": len(self.records),
            "invalid_rows": list(self.invalid_rows),
            "blank_rows": self.blank_rows,
            "problems": [p.as_json() for p in self.problems],
            "notices": [p.as_json() for p in self.notices],
        }


# -- reading the file -------------------------------------------------------------------------------------
def read_long_list(path: Path, *, name: str | None = None) -> LongList:
    """Read ``path`` (CSV in UTF-8 or Windows-1252, or XLSX). Problems with the file as a whole refuse."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RefusedError(
            _("cannot read the long list {path}: {error}").format(path=path, error=exc)
        ) from exc
    return parse_long_list(data, name or path.name)


def parse_long_list(data: bytes, source: str) -> LongList:
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(OLE_MAGIC):
        raise RefusedError(
            _("{source} is an old-style Excel file (.xls); save it as .xlsx or CSV").format(source=source)
        )
    with cyclic_gc_paused():
        if data.startswith(ZIP_MAGIC):
            table, encoding = xlsx_rows(data, source), "XLSX"
        else:
            text, encoding = decode(data, source)
            table = csv_rows(text, source)
            del text
        result = _from_table(table, source=source, sha256=digest, encoding=encoding)
        del table  # freed while the collector is paused, so it never has to scan the raw cells
    return result


# -- checking the rows ------------------------------------------------------------------------------------
def _header(table: list[list[str]], source: str) -> tuple[int, dict[str, int], list[Problem]]:
    """(index of the header row, column name -> position, notices)."""
    start = next((i for i, row in enumerate(table) if any(c.strip() for c in row)), None)
    if start is None:
        raise RefusedError(_("the long list {source} is empty").format(source=source))
    positions: dict[str, int] = {}
    notices = []
    for position, text in enumerate(table[start]):
        key = header_key(text)
        if not key:
            continue
        if key in positions:
            raise RefusedError(
                _("the long list has two '{column}' columns ({a} and {b}); keep one").format(
                    column=key, a=_column_letter(positions[key]), b=_column_letter(position)
                )
            )
        if key in READERS:
            positions[key] = position
        else:
            notices.append(
                Problem(start + 1, text.strip(), _("this column is not used by the sample and is ignored"))
            )
    missing = [c for c in COLUMNS if c in REQUIRED_COLUMNS and c not in positions]
    if missing:
        raise RefusedError(
            ngettext(
                "the long list has no {columns} column (found: {found})",
                "the long list has no {columns} columns (found: {found})",
                len(missing),
            ).format(
                columns=", ".join(f"'{c}'" for c in missing),
                found=", ".join(h.strip() for h in table[start] if h.strip()) or _("nothing"),
            )
        )
    return start, positions, notices


def _column_letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _from_table(table: list[list[str]], *, source: str, sha256: str, encoding: str) -> LongList:
    start, positions, notices = _header(table, source)
    numbers, rows, problems, blank = _case_rows(table, start, source)
    columns = list(zip(*rows, strict=True))
    values: dict[str, Sequence[Any]] = {}
    for name in COLUMNS:
        if name in positions:
            values[name] = _read_column(columns[positions[name]], name, numbers, problems)
        else:
            values[name] = [ABSENT[name]] * len(rows)
    _cross_checks(values, numbers, problems, notices)
    bad = {p.row for p in problems}
    records = list(map(Record, numbers, *(values[c] for c in COLUMNS)))
    if bad:
        records = [r for r in records if r.row not in bad]
    return LongList(
        source=source,
        sha256=sha256,
        encoding=encoding,
        columns=tuple(c for c in COLUMNS if c in positions),
        records=records,
        problems=sorted(problems, key=lambda p: (p.row or 0, _column_order(p.column))),
        notices=sorted(notices, key=lambda p: (p.row or 0, _column_order(p.column))),
        invalid_rows=tuple(sorted(bad)),
        invalid_crns={n: str(c) for n, c in zip(numbers, values["crn"], strict=True) if n in bad},
        blank_rows=blank,
    )


def _case_rows(
    table: list[list[str]], start: int, source: str
) -> tuple[list[int], list[list[str]], list[Problem], int]:
    """(row numbers, rows cut or padded to the header's width, problems, blank rows) after the header."""
    width = len(table[start])
    data = table[start + 1 :]
    if all(map(any, data)) and set(map(len, data)) <= {width}:  # the usual case, checked at C speed
        if not data:
            raise RefusedError(_no_case_rows(source))
        return list(range(start + 2, start + 2 + len(data))), data, [], 0
    numbers: list[int] = []
    rows: list[list[str]] = []
    problems: list[Problem] = []
    blank = 0
    for index, row in enumerate(data, start=start + 2):
        if not any(row):
            blank += 1
            continue
        if len(row) < width:
            row = row + [""] * (width - len(row))
        elif len(row) > width:
            if any(c.strip() for c in row[width:]):
                message = _("{count} values, but the header names {width} columns").format(
                    count=len(row), width=width
                )
                problems.append(Problem(index, None, message))
            row = row[:width]
        numbers.append(index)
        rows.append(row)
    if not rows:
        raise RefusedError(_no_case_rows(source))
    return numbers, rows, problems, blank


def _no_case_rows(source: str) -> str:
    return _("the long list {source} has a header but no case rows").format(source=source)


def _column_order(column: str | None) -> int:
    return COLUMNS.index(column) if column in COLUMNS else -1


def _already_read(cells: Sequence[str], reader: Callable[[str], Any]) -> list[str] | None:
    """A column of references (nearly all distinct) read in one pass, when that changes nothing else."""
    if reader is read_reference:
        joined = "\n".join(cells).upper()
        tokens = joined.split()
        # Same count and same text: no cell was blank or held a space.
        return tokens if len(tokens) == len(cells) and "\n".join(tokens) == joined else None
    return None


def _read_column(
    cells: Sequence[str], name: str, numbers: list[int], problems: list[Problem]
) -> Sequence[Any]:
    reader = READERS[name]
    fast = _already_read(cells, reader)
    if fast is not None:
        return fast
    table: dict[str, Any] = {}
    bad: dict[str, str] = {}
    for text in set(cells):
        try:
            table[text] = reader(text)
        except BadValue as exc:
            bad[text] = str(exc)
    if not bad:
        if all(k is v for k, v in table.items()):  # text already as it should be: keep the cells
            return cells
        return list(map(table.__getitem__, cells))
    problems.extend(Problem(numbers[i], name, bad[c]) for i, c in enumerate(cells) if c in bad)
    return [table.get(c) for c in cells]


def _cross_checks(
    values: dict[str, Sequence[Any]], numbers: list[int], problems: list[Problem], notices: list[Problem]
) -> None:
    starts, ends, births = values["start_date"], values["end_date"], values["date_of_birth"]
    pairs = zip(starts, ends, strict=True)
    late = [i for i, (s, e) in enumerate(pairs) if e is not None and s is not None and e < s]
    for i in late:
        message = _("{end} is before the start date {start}").format(end=ends[i], start=starts[i])
        problems.append(Problem(numbers[i], "end_date", message))
    pairs = zip(starts, births, strict=True)
    unborn = [i for i, (s, b) in enumerate(pairs) if b is not None and s is not None and b >= s]
    for i in unborn:
        message = _("{birth} is not before the start date {start}").format(birth=births[i], start=starts[i])
        problems.append(Problem(numbers[i], "date_of_birth", message))
    crns = values["crn"]
    if "" not in crns and len(set(crns)) == len(crns):
        return
    first_row: dict[str, int] = {}
    sentences = values["sentence_type"]
    for i, crn in enumerate(crns):
        if not crn:
            problems.append(Problem(numbers[i], "crn", _("the CRN is blank")))
            continue
        earlier = first_row.setdefault(crn, i)
        if earlier == i:
            continue
        if starts[earlier] == starts[i] and sentences[earlier] == sentences[i]:
            message = _("'{crn}' repeats row {row} (same start date and sentence type); remove one").format(
                crn=crn, row=numbers[earlier]
            )
            problems.append(Problem(numbers[i], "crn", message))
        else:
            message = _("'{crn}' is also on row {row}: another case of the same person").format(
                crn=crn, row=numbers[earlier]
            )
            notices.append(Problem(numbers[i], "crn", message))


def problem_lines(problems: Sequence[Problem], limit: int = MAX_PROBLEMS_SHOWN) -> list[str]:
    """The problems as lines for a person, at most ``limit`` of them and a count of the rest."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(_("... and {count} more").format(count=len(problems) - limit))
    return lines
