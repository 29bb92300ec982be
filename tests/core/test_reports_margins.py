"""Nothing is drawn nearer the page's edges than ``INK_MARGINS`` says (printing keeps a page at full size on
a printer whose unprintable margins fit inside them): every kind of document is rendered with pdftoppm and
each pixel wholly outside the declared margins must be paper white, including a bar chart whose figures
are as wide as they get ("100% (34–100%, 2 cases)") and a draft's watermark."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from PIL import Image
from reportlab.lib.units import mm

from omi_desktop.core.inspections import list_cases
from omi_desktop.core.reports.area import area_pdf
from omi_desktop.core.reports.charts import Bar, bar_chart
from omi_desktop.core.reports.document import INK_MARGINS
from omi_desktop.core.reports.feedback import feedback_pdf, feedback_sheets_pdf
from omi_desktop.core.reports.interim import interim_pdf
from omi_desktop.core.reports.styles import FRAME_WIDTH
from tests.helpers.engine import mini_store
from tests.helpers.reports import answer_case, complete, reader

DPI = 100
INK = 230  # darker than this is ink (the draft watermark's light grey is about 217)


def ink_outside_margins(pdf: bytes) -> list[str]:
    """For each page with ink outside ``INK_MARGINS``: which edge, and how near it the ink comes (mm)."""
    pixel = 72 / DPI  # points per pixel
    found = []
    for page in range(1, len(reader(pdf).pages) + 1):
        png = subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(page), "-l", str(page), "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout
        image = Image.open(io.BytesIO(png)).convert("L")
        inked = image.point(lambda v: 255 if v < INK else 0).getbbox()
        if inked is None:
            continue
        width, height = image.size
        left, top, right, bottom = INK_MARGINS
        # A pixel lies wholly outside when its far side is nearer the edge than the margin.
        reach = {
            "left": inked[0] * pixel if (inked[0] + 1) * pixel <= left else None,
            "top": inked[1] * pixel if (inked[1] + 1) * pixel <= top else None,
            "right": (width - inked[2]) * pixel if (width - inked[2] + 1) * pixel <= right else None,
            "bottom": (height - inked[3]) * pixel if (height - inked[3] + 1) * pixel <= bottom else None,
        }
        found += [f"page {page}: ink {at / mm:.1f} mm from the {edge}" for edge, at in reach.items() if at]
    return found


@pytest.fixture
def inspection(data_dir):
    """Two cases finalised with every answer positive (bars at 100% on two cases: the widest figures) and
    one draft."""
    cases = [
        {"reference": f"C00{n}", "order_type": "licence", "commencement_date": date(2026, 5, n)}
        for n in (1, 2, 3)
    ]
    store, inspection_id = mini_store(data_dir, cases)
    for reference in ("C001", "C002"):
        answer_case(store, inspection_id, reference, complete("yes", "yes", **{"1.2.4": "Gŵyr a Llŷn"}))
    answer_case(store, inspection_id, "C003", {"1.1.1": "yes"}, final=False)
    yield store, inspection_id
    store.close()


def test_every_kind_of_document_keeps_its_ink_inside_the_declared_margins(inspection):
    store, inspection_id = inspection
    documents = {
        "feedback sheet": feedback_pdf(store, "C001").data,
        "draft feedback sheet": feedback_pdf(store, "C003").data,
        "interim report": interim_pdf(store, inspection_id).data,
        "area report": area_pdf(store, inspection_id).data,
        "combined sheets": feedback_sheets_pdf(store, list_cases(store, inspection_id)[:2]).data,
    }
    assert "100% (34–100%, 2 cases)" in " ".join(
        reader(documents["interim report"]).pages[0].extract_text().split()
    )
    for name, pdf in documents.items():
        assert ink_outside_margins(pdf) == [], name
    assert INK_MARGINS[0] <= 17 * mm and INK_MARGINS[2] <= 17 * mm  # a printer with 17 mm keeps full size


def test_a_bar_chart_keeps_its_widest_figures_inside_its_width():
    bars = [Bar("Risk of Harm", 100, 96, 100, 300, cases=100), Bar("None yet", None, None, None, 0)]
    chart = bar_chart(bars)
    x0, _y0, x1, _y1 = chart.getBounds()
    assert x0 >= 0 and x1 <= FRAME_WIDTH
