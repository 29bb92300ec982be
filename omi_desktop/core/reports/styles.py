"""Paragraph styles and the building blocks every document uses: headings, text, tables, boxed statements.

Designed for plain A4 on an unfamiliar black-and-white office printer: body text 10.5 pt, tables 10 pt,
nothing smaller than 9 pt; black text, light grey only as a background behind black text, and meaning
carried by words and symbols, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from omi_desktop.core.reports.fonts import BOLD, REGULAR, register_fonts

# Page geometry (A4 portrait). The header and footer sit in the top and bottom margins.
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 24 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

# Only short blocks are kept whole: keeping a half-page table whole leaves up to half a page empty before
# it. A longer one starts on the current page, its header row repeated on the next (see section()).
WHOLE_BELOW = 0.2  # blocks shorter than this share of a page are not split across pages
START_LONG_BLOCK = 50 * mm  # a longer block starts on the current page if this much room is left

BODY_SIZE = 10.5
TABLE_SIZE = 10.0
SMALL_SIZE = 9.0
HEADER_GREY = colors.Color(0.86, 0.86, 0.86)  # behind black bold text: legible on any printer
RULE_GREY = colors.Color(0.45, 0.45, 0.45)
INK = colors.black


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle  # a quoted note from the user, indented
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_centre: ParagraphStyle
    header_cell: ParagraphStyle
    header_right: ParagraphStyle
    header_centre: ParagraphStyle
    statement: ParagraphStyle  # the text inside a boxed statement
    symbol: ParagraphStyle  # a judgement symbol alone in a table cell (with a key nearby)


@cache
def styles() -> Styles:
    """The shared styles (fonts registered on first use)."""
    register_fonts()

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base = {"fontName": REGULAR, "fontSize": BODY_SIZE, "leading": BODY_SIZE * 1.35, "textColor": INK}
        return ParagraphStyle(name, **(base | kw))

    cell = style("cell", fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25)
    return Styles(
        title=style("title", fontName=BOLD, fontSize=18, leading=22, spaceAfter=2 * mm),
        subtitle=style("subtitle", fontSize=12, leading=15, spaceAfter=4 * mm),
        h1=style("h1", fontName=BOLD, fontSize=14, leading=17, spaceBefore=5 * mm, spaceAfter=2.5 * mm),
        h2=style("h2", fontName=BOLD, fontSize=12, leading=15, spaceBefore=4 * mm, spaceAfter=2 * mm),
        h3=style("h3", fontName=BOLD, fontSize=BODY_SIZE, spaceBefore=3 * mm, spaceAfter=1 * mm),
        body=style("body", spaceAfter=2 * mm),
        small=style("small", fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.3),
        note=style("note", leftIndent=6 * mm, spaceAfter=3 * mm),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_centre=ParagraphStyle("cell_centre", parent=cell, alignment=TA_CENTER),
        header_cell=ParagraphStyle("header_cell", parent=cell, fontName=BOLD),
        header_right=ParagraphStyle("header_right", parent=cell, fontName=BOLD, alignment=TA_RIGHT),
        header_centre=ParagraphStyle("header_centre", parent=cell, fontName=BOLD, alignment=TA_CENTER),
        symbol=ParagraphStyle("symbol", parent=cell, fontName=BOLD, fontSize=11, alignment=TA_CENTER),
        statement=style("statement", fontName=BOLD, fontSize=12, leading=16, alignment=TA_LEFT),
    )


def markup(text: str | None) -> str:
    """User or framework text made safe for a Paragraph: XML escaped, line breaks kept."""
    if not text:
        return ""
    return escape(str(text)).replace("\r\n", "\n").replace("\n", "<br/>")


def para(text: str | None, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of plain text (escaped). Use ``Paragraph`` directly for trusted markup."""
    return Paragraph(markup(text), style or styles().body)


def heading(text: str, level: int = 1) -> Paragraph:
    s = styles()
    return Paragraph(markup(text), {1: s.h1, 2: s.h2}.get(level, s.h3))


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)


Align = str  # "L", "R" or "C"


def _cell(value: Any, align: Align, bold: bool = False) -> Any:
    if isinstance(value, Flowable):
        return value
    s = styles()
    style = s.cell_bold if bold else {"R": s.cell_right, "C": s.cell_centre}.get(align, s.cell)
    return Paragraph(markup("" if value is None else str(value)), style)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    align: str | None = None,
    total_width: float | None = None,
    bold_first_column: bool = False,
    min_row_height: float | None = None,
) -> Table:
    """A table whose header repeats on every page it runs onto, and whose rows split cleanly (at least
    two rows on each side of a page break).

    ``widths`` are fractions of ``total_width`` (the frame width when None) and should add up to 1;
    ``align`` gives one letter per column (``L``, ``R``, ``C``). Cells may be text (escaped) or flowables.
    ``min_row_height`` (points) leaves room in every body row, e.g. to sign by hand.
    """
    width = total_width or FRAME_WIDTH
    aligns = (align or "L" * len(header)).ljust(len(header), "L")
    s = styles()
    header_styles = {"R": s.header_right, "C": s.header_centre}
    data: list[list[Any]] = [
        [Paragraph(markup(h), header_styles.get(aligns[i], s.header_cell)) for i, h in enumerate(header)]
    ]
    for row in rows:
        data.append([_cell(v, aligns[i], bold=bold_first_column and i == 0) for i, v in enumerate(row)])
    table = Table(
        data,
        colWidths=[f * width for f in widths],
        repeatRows=1,
        splitByRow=1,
        splitInRow=1,  # a single very tall row (a long note) may continue on the next page
        # Where a table splits, at least two of its rows go on each side: never one row alone at the foot
        # of a page, nor a lone last row under a repeated header.
        rowSplitRange=(3, -2) if len(rows) >= 4 else None,
        hAlign="LEFT",
        minRowHeights=None if min_row_height is None else [0] + [min_row_height] * len(rows),
    )
    table.setStyle(table_style())
    return table


def table_style() -> TableStyle:
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY),
            ("LINEABOVE", (0, 0), (-1, 0), 1, INK),
            ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE_GREY),
            ("LINEBELOW", (0, -1), (-1, -1), 1, INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # the cell font, even where a cell is a paragraph
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
    )


def facts_table(
    pairs: Sequence[tuple[str, str]], *, columns: int = 2, total_width: float | None = None
) -> Table:
    """Label/value pairs in ``columns`` column pairs, labels in bold: the facts at the top of a document."""
    width = total_width or FRAME_WIDTH
    s = styles()
    cells = [(Paragraph(markup(k), s.cell_bold), Paragraph(markup(v or "—"), s.cell)) for k, v in pairs]
    rows: list[list[Any]] = []
    for start in range(0, len(cells), columns):
        row: list[Any] = []
        for label, value in cells[start : start + columns]:
            row += [label, value]
        row += [""] * (2 * columns - len(row))
        rows.append(row)
    label_w, value_w = 0.38 / columns, 0.62 / columns
    table = Table(
        rows, colWidths=[w * width for _ in range(columns) for w in (label_w, value_w)], hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, INK),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE_GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # the cell font, even where a cell is a paragraph
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def boxed(
    flowables: Sequence[Flowable] | str, *, total_width: float | None = None, thick: bool = True
) -> Table:
    """A statement in a box with a heavy border (e.g. "Interim — based on 40 of 100 cases")."""
    content: Any = para(flowables, styles().statement) if isinstance(flowables, str) else list(flowables)
    table = Table([[content]], colWidths=[total_width or FRAME_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2 if thick else 0.8, INK),
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def keep(*flowables: Flowable) -> KeepTogether:
    """Keep a heading with what follows it (or a short block) on one page."""
    return KeepTogether(list(flowables))


def section(
    title: str, *flowables: Flowable, level: int = 1, above: Sequence[Flowable] = ()
) -> list[Flowable]:
    """A heading and a block that may be long (e.g. a table that may run over pages).

    A block shorter than ``WHOLE_BELOW`` of a page starts on a new page rather than split; a longer one
    starts where it is if ``START_LONG_BLOCK`` is left, and runs on with its header row repeated. A heading
    never sits alone at the foot of a page; nor do the headings in ``above`` (e.g. the section a first
    criterion belongs to), which go with it.
    """
    height = sum(f.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] for f in flowables) + 15 * mm
    over = sum(f.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] for f in above)
    room = height if height <= WHOLE_BELOW * FRAME_HEIGHT else START_LONG_BLOCK
    return [CondPageBreak(room + over), *above, heading(title, level), *flowables]
