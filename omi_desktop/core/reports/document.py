"""The document base every printed document is built on: A4, protective marking, page furniture, metadata.

Each page carries the protective marking centred at the top and bottom, the document title and the
inspection in the header, and the inspection dates, the generation time and "Page x of y" in the footer.
The total page count needs the whole document laid out first, so the canvas keeps each finished page and
draws the furniture when it is saved (the "numbered canvas" technique). Fonts are embedded (TrueType
subsets); PDF title, author, subject and language are set. A draft carries a diagonal watermark under the
content of every page. See ``docs/developing.md`` ("Reports") for how to write a new document.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from omi_desktop import __version__
from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.i18n import _, current_language
from omi_desktop.core.reports.fonts import BOLD, REGULAR, register_fonts
from omi_desktop.core.reports.styles import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE_GREY,
)
from omi_desktop.core.reports.text import format_moment

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
FURNITURE_SIZE = 9
MIN_FURNITURE_SIZE = 7.5  # a long inspection title shrinks to this before it is shortened
MARKING_SIZE = 10.5
# How near the page's edges anything is drawn (left, top, right, bottom; points), measured on every kind of
# document (tests/core/test_reports_margins.py): at the sides, the frame's edge less 1 mm, as the lines of
# boxes, tables and charts are centred on the edge (half a line's width, about 0.4 mm with anti-aliasing,
# lies outside) and charts keep their figures inside the frame; at the top the marking, its baseline 11 mm
# from the edge (its capitals reach about 8.1 mm); at the foot the marking, its baseline 7 mm (lowest ink
# about 6.9 mm). Printing keeps the page at full size on a printer whose unprintable margins fit inside.
INK_MARGINS = (MARGIN_LEFT - 1 * mm, 8 * mm, MARGIN_RIGHT - 1 * mm, 6 * mm)
WATERMARK_GREY = colors.Color(0.85, 0.85, 0.85)


@dataclass(frozen=True)
class DocumentInfo:
    """What the page furniture and the PDF metadata say about a document."""

    title: str  # the document's title: PDF title and the left of every page header
    inspection: str = ""  # the inspection's label (training data says so), right of the header
    inspection_dates: str = ""  # e.g. "Fieldwork 2 to 6 November 2026", in the footer
    author: str = ""  # PDF author: the person or office producing it
    subject: str = ""
    marking: str = DEFAULT_MARKING
    generated: datetime = field(default_factory=utcnow)
    draft: bool = False  # a diagonal DRAFT watermark on every page


@dataclass(frozen=True)
class Rendered:
    """A finished PDF: its bytes, its page count, and where it was written (if it was)."""

    data: bytes
    pages: int
    path: Path | None = None


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class PartStart(Flowable):
    """Starts a part of a combined document (e.g. one feedback sheet of many printed as one job).

    Each part has its own title in the page header, its own "Page x of y" and an entry in the PDF's
    outline. Put a ``PageBreak`` before every part but the first.
    """

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        canvas = self.canv
        number = getattr(canvas, "_omi_parts", 0) + 1
        canvas._omi_parts = number
        canvas._omi_part = (number, self.title)
        key = f"part-{number}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(self.title, key, level=0)


def _draw_furniture(canvas: Canvas, info: DocumentInfo, title: str, page: int, pages: int) -> None:
    left, right = MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT
    canvas.saveState()
    canvas.setFillColor(colors.black)
    # Header: marking centred, then title (left) and inspection (right) above a rule.
    canvas.setFont(BOLD, MARKING_SIZE)
    canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 11 * mm, info.marking)
    title = title + (f" — {_('DRAFT')}" if info.draft else "")
    # The title takes what it needs up to half the width; the inspection (with its training label) the rest.
    title_width = min(stringWidth(title, BOLD, FURNITURE_SIZE), FRAME_WIDTH / 2)
    canvas.setFont(BOLD, FURNITURE_SIZE)
    canvas.drawString(left, PAGE_HEIGHT - 18 * mm, _fit(title, BOLD, FURNITURE_SIZE, title_width))
    room = FRAME_WIDTH - title_width - 6 * mm
    size = FURNITURE_SIZE
    while size > MIN_FURNITURE_SIZE and stringWidth(info.inspection, REGULAR, size) > room:
        size -= 0.5
    canvas.setFont(REGULAR, size)
    canvas.drawRightString(right, PAGE_HEIGHT - 18 * mm, _fit(info.inspection, REGULAR, size, room))
    canvas.setFont(REGULAR, FURNITURE_SIZE)
    canvas.setStrokeColor(RULE_GREY)
    canvas.setLineWidth(0.6)
    canvas.line(left, PAGE_HEIGHT - 20 * mm, right, PAGE_HEIGHT - 20 * mm)
    # Footer: a rule, dates (left) and page number (right), then the marking centred.
    canvas.line(left, 18 * mm, right, 18 * mm)
    generated = _("Generated {moment}").format(moment=format_moment(info.generated))
    footer = f"{info.inspection_dates} · {generated}" if info.inspection_dates else generated
    page_text = _("Page {page} of {pages}").format(page=page, pages=pages)
    canvas.drawRightString(right, 13.5 * mm, page_text)
    room = FRAME_WIDTH - stringWidth(page_text, REGULAR, FURNITURE_SIZE) - 6 * mm
    canvas.drawString(left, 13.5 * mm, _fit(footer, REGULAR, FURNITURE_SIZE, room))
    canvas.setFont(BOLD, MARKING_SIZE)
    canvas.drawCentredString(PAGE_WIDTH / 2, 7 * mm, info.marking)
    canvas.restoreState()


def _canvas_class(info: DocumentInfo, counted: list[int]) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Holds each page until the end, when the total is known, then draws the furniture."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            parts = [state.get("_omi_part", (0, info.title)) for state in self._pages]
            totals: dict[int, int] = {}
            for number, _title in parts:
                totals[number] = totals.get(number, 0) + 1
            seen: dict[int, int] = {}
            for state, (number, title) in zip(self._pages, parts, strict=True):
                seen[number] = seen.get(number, 0) + 1
                self.__dict__.update(state)
                _draw_furniture(self, info, title, seen[number], totals[number])
                super().showPage()
            counted.append(len(self._pages))
            super().save()

    return NumberedCanvas


def _watermark(canvas: Canvas, info: DocumentInfo) -> None:
    """Drawn first on each page, so the content prints over it."""
    if not info.draft:
        return
    canvas.saveState()
    canvas.setFillColor(WATERMARK_GREY)
    canvas.setFont(BOLD, 110)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, -35, _("DRAFT"))
    canvas.restoreState()


def _template(info: DocumentInfo, target: io.BytesIO) -> BaseDocTemplate:
    language = current_language()
    doc = BaseDocTemplate(
        target,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=info.title,
        author=info.author or _("OMI Desktop"),
        subject=info.subject or info.inspection,
        creator=f"OMI Desktop {__version__}",
        keywords=info.marking,
        lang={"cy": "cy-GB"}.get(language, "en-GB"),
        displayDocTitle=1,
        initialFontName=REGULAR,
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=lambda c, d: _watermark(c, info))])
    return doc


def render_pdf(info: DocumentInfo, story: Sequence[Flowable], out: Path | str | None = None) -> Rendered:
    """Lay out ``story`` on A4 pages with the furniture of ``info``; write it to ``out`` when given.

    The file is written whole or not at all: a temporary file beside it is renamed over it at the end.
    """
    if not info.marking.strip():
        raise RefusedError(_("a document needs a protective marking"))
    register_fonts()
    target = io.BytesIO()
    counted: list[int] = []
    doc = _template(info, target)
    doc.build(list(story), canvasmaker=_canvas_class(info, counted))
    data = target.getvalue()
    path = None if out is None else write_file(Path(out), data)
    return Rendered(data, counted[-1] if counted else 0, path)


def write_file(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; a clear refusal if the folder is missing or read-only."""
    folder = path.parent if str(path.parent) else Path(".")

    def refused(reason: object) -> RefusedError:
        return RefusedError(_("cannot write {path}: {reason}").format(path=path, reason=reason))

    try:
        if not folder.is_dir():
            raise refused(_("the folder {folder} does not exist").format(folder=folder))
        if path.is_dir():
            raise refused(_("it is a folder"))
        handle, temporary = tempfile.mkstemp(prefix=".omi-", suffix=".part", dir=folder)
    except OSError as error:
        raise refused(error.strerror or error) from error
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise refused(error.strerror or error) from error
    return path
