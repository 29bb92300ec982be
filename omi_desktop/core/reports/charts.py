"""Bar charts drawn with ReportLab graphics, made for black-and-white printing.

Grey bars with a black outline on a 0–100% scale, the 95% interval as a black line with end caps across
each bar, and the figure written beside it: every value is readable as text, not only as a length.
Everything is drawn inside the drawing's width (the frame): the column of figures is as wide as its widest
figure needs, and the bars take what is left, so nothing reaches into the page's margins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from omi_desktop.core.i18n import _
from omi_desktop.core.reports.fonts import BOLD, REGULAR, register_fonts
from omi_desktop.core.reports.styles import FRAME_WIDTH
from omi_desktop.core.reports.text import interval, whole_percent

BAR_GREY = colors.Color(0.72, 0.72, 0.72)
GRID_GREY = colors.Color(0.7, 0.7, 0.7)
LABEL_SIZE = 10
ROW = 30
BAR = 15
VALUE_WIDTH = 118  # the least room for the figures beside the bars
VALUE_GAP = 8  # between a bar's 100% line and its figure
DETAIL_SIZE = 9


@dataclass(frozen=True)
class Bar:
    label: str
    percent: float | None
    low: float | None
    high: float | None
    n: int
    cases: int | None = None  # when set, the interval was worked out from this many cases


def _shorten(text: str, width: float) -> str:
    while text and stringWidth(text, REGULAR, LABEL_SIZE) > width:
        text = text[:-2] + "…"
    return text


def _value_texts(bar: Bar) -> tuple[str, str]:
    """The figure beside a bar, bold, and its interval and count: ``("75%", "(50–90%, 6 cases)")``."""
    counted = f"n={bar.n}" if bar.cases is None else _("{n} cases").format(n=bar.cases)
    return f"{whole_percent(bar.percent)}", f"({interval(bar.low, bar.high)}, {counted})"


def _value_width(value: str, detail: str) -> float:
    return stringWidth(value + " ", BOLD, LABEL_SIZE) + stringWidth(detail, REGULAR, DETAIL_SIZE)


def value_column(bars: Sequence[Bar]) -> float:
    """The width kept right of the bars for the figures: the widest figure, and never less than
    ``VALUE_WIDTH`` (so most charts of a document line up)."""
    widest = max((_value_width(*_value_texts(b)) for b in bars if b.percent is not None), default=0.0)
    return max(VALUE_WIDTH, VALUE_GAP + widest + 1)


def bar_chart(bars: Sequence[Bar], *, width: float = FRAME_WIDTH, label_width: float = 175) -> Drawing:
    """Horizontal bars, one per row, with their 95% intervals and values written out, all within ``width``."""
    register_fonts()
    axis_height = 22
    height = ROW * len(bars) + axis_height + 6
    drawing = Drawing(width, height, initialFontName=REGULAR, initialFontSize=LABEL_SIZE)
    x0 = label_width
    plot = width - label_width - value_column(bars)
    base = axis_height

    def x(percent: float) -> float:
        return x0 + plot * max(0.0, min(100.0, percent)) / 100

    for tick in (0, 25, 50, 75, 100):
        drawing.add(
            Line(
                x(tick),
                base,
                x(tick),
                height - 2,
                strokeColor=GRID_GREY,
                strokeWidth=0.5,
                strokeDashArray=[2, 2] if tick not in (0, 100) else None,
            )
        )
        drawing.add(String(x(tick), base - 12, f"{tick}%", fontName=REGULAR, fontSize=9, textAnchor="middle"))
    drawing.add(Line(x0, base, x0 + plot, base, strokeColor=colors.black, strokeWidth=0.8))
    for index, bar in enumerate(bars):
        middle = height - 2 - ROW * index - ROW / 2
        drawing.add(
            String(
                0, middle - 3.5, _shorten(bar.label, label_width - 8), fontName=REGULAR, fontSize=LABEL_SIZE
            )
        )
        if bar.percent is None:
            empty = _("no applicable answers yet")
            # A white box behind the words, so the dashed grid lines do not run through them.
            drawing.add(
                Rect(x0 + 1, middle - 7, stringWidth(empty, REGULAR, 9) + 6, 13, fillColor=colors.white,
                     strokeColor=None)
            )  # fmt: skip
            drawing.add(String(x0 + 4, middle - 3.5, empty, fontName=REGULAR, fontSize=9))
            continue
        drawing.add(
            Rect(
                x0,
                middle - BAR / 2,
                x(bar.percent) - x0,
                BAR,
                fillColor=BAR_GREY,
                strokeColor=colors.black,
                strokeWidth=0.8,
            )
        )
        if bar.low is not None and bar.high is not None:
            drawing.add(
                Line(x(bar.low), middle, x(bar.high), middle, strokeColor=colors.black, strokeWidth=1.2)
            )
            for end in (bar.low, bar.high):
                drawing.add(
                    Line(x(end), middle - 5, x(end), middle + 5, strokeColor=colors.black, strokeWidth=1.2)
                )
        value, detail = _value_texts(bar)
        drawing.add(String(x0 + plot + VALUE_GAP, middle - 3.5, value, fontName=BOLD, fontSize=LABEL_SIZE))
        drawing.add(
            String(
                x0 + plot + VALUE_GAP + stringWidth(value + " ", BOLD, LABEL_SIZE),
                middle - 3.5,
                detail,
                fontName=REGULAR,
                fontSize=DETAIL_SIZE,
            )
        )
    return drawing
