"""Regional comparison against a hand computation over three inspections in one region, and the area
report that prints it."""

from __future__ import annotations

from datetime import date

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from omi_desktop.core.framework import registry
from omi_desktop.core.reports.area import area_pdf
from omi_desktop.core.reports.fonts import REGULAR
from omi_desktop.core.scoring.regional import regional_comparison
from omi_desktop.core.settings import IDENTITY_ID, IDENTITY_NAME, set_setting
from omi_desktop.core.setup import create_inspection
from omi_desktop.core.store import Store
from tests.helpers.engine import MINI
from tests.helpers.reports import answer_case, complete, flat, fonts, page_texts, reader


def inspection(store: Store, code: str, region: str, cases: int, *, training: bool = False) -> str:
    made = create_inspection(
        store,
        title=f"Inspection of {code}",
        area_code=code,
        area_name=f"Area {code}",
        region_code=region,
        region_name=f"Region {region}",
        framework_id="mini",
        fieldwork_start=date(2026, 11, 2),
        cases=[
            {"reference": f"{code}-{n}", "order_type": "licence", "commencement_date": date(2026, 5, 1)}
            for n in range(1, cases + 1)
        ],
        training=training,
    )
    return made.id


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    """Three inspections in region R1 with finalised reviews, plus ones that must be left out."""
    store = Store.open(tmp_path_factory.mktemp("regional") / "data")
    registry.install(store, MINI)
    ids = {
        "A": inspection(store, "A", "R1", 2),
        "B": inspection(store, "B", "R1", 3),
        "C": inspection(store, "C", "R1", 3),
        "D": inspection(store, "D", "R2", 1),  # another region: national only
        "E": inspection(store, "E", "R1", 1, training=True),  # training: never beside real inspections
        "F": inspection(store, "F", "R1", 1),  # nothing finalised: not "to date"
    }
    # RoH is question 1.1.2 (asked when 1.1.1 = yes), LoR is 1.2.1. "Partly" counts 0; "na" leaves out.
    answer_case(store, ids["A"], "A-1", complete("yes", "yes"))
    answer_case(store, ids["A"], "A-2", complete("no", "yes"))  # A: RoH 1/2 = 50%, LoR 2/2 = 100%
    answer_case(store, ids["B"], "B-1", complete("yes", "no"))
    answer_case(store, ids["B"], "B-2", complete("yes", "partly"))
    answer_case(store, ids["B"], "B-3", complete(None, "yes"))  # B: RoH 2/2 = 100%, LoR 1/3
    answer_case(store, ids["C"], "C-1", complete("partly", "yes"))
    answer_case(store, ids["C"], "C-2", complete("no", "na"))  # C: RoH 0/2 = 0%, LoR 1/1 = 100%
    answer_case(store, ids["C"], "C-3", complete("yes", "yes"), final=False)  # not finalised: not counted
    answer_case(store, ids["D"], "D-1", complete("yes", "no"))  # D: RoH 100%, LoR 0%
    answer_case(store, ids["E"], "E-1", complete("no", "no"))  # E (training): RoH 0%, LoR 0%
    answer_case(store, ids["F"], "F-1", complete("yes", "yes"), final=False)
    yield store, ids
    store.close()


def test_regional_and_national_figures_equal_a_hand_computation(region):
    store, ids = region
    comparison = regional_comparison(store, ids["A"])
    assert comparison.region_code == "R1"
    assert set(comparison.regional_inspections) == {ids["A"], ids["B"], ids["C"]}
    roh, lor = comparison.thread("RoH"), comparison.thread("LoR")
    # Risk of Harm: A 50, B 100, C 0 in the region; D 100 elsewhere.
    assert (roh.area, roh.lowest, roh.highest) == (50.0, 0.0, 100.0)
    assert roh.average == pytest.approx((50 + 100 + 0) / 3)
    assert roh.national == pytest.approx((50 + 100 + 0 + 100) / 4)
    assert (roh.regional_count, roh.national_count) == (3, 4)
    # Likelihood of reoffending: A 100, B 33.3, C 100 in the region; D 0 elsewhere.
    assert lor.area == 100.0
    assert lor.lowest == pytest.approx(100 / 3) and lor.highest == 100.0
    assert lor.average == pytest.approx((100 + 100 / 3 + 100) / 3)
    assert lor.national == pytest.approx((100 + 100 / 3 + 100 + 0) / 4)


def test_the_same_figures_seen_from_another_inspection_and_from_training_data(region):
    store, ids = region
    from_b = regional_comparison(store, ids["B"]).thread("RoH")
    assert (from_b.area, from_b.lowest, from_b.highest, from_b.regional_count) == (100.0, 0.0, 100.0, 3)
    training = regional_comparison(store, ids["E"]).thread("RoH")
    assert (training.area, training.lowest, training.highest, training.average) == (0.0, 0.0, 0.0, 0.0)
    assert (training.regional_count, training.national_count) == (1, 1)
    nothing_yet = regional_comparison(store, ids["F"]).thread("RoH")
    assert nothing_yet.area is None and nothing_yet.regional_count == 3


def test_the_area_report_prints_the_comparison_scores_and_criterion_tables(region, tmp_path):
    store, ids = region
    set_setting(store, IDENTITY_ID, "HQ-A1")
    set_setting(store, IDENTITY_NAME, "Head Office Analyst One")
    rendered = area_pdf(store, ids["A"], tmp_path / "area.pdf")
    texts = page_texts(rendered.data)
    text = flat(" ".join(texts))
    # This area, lowest, highest, average, national (whole percentages, half rounds up: 62.5 -> 63).
    assert "Risk of Harm 50% 0% 100% 50% 63%" in text
    assert "Likelihood of Reoffending 100% 33% 100% 78% 58%" in text
    assert "Region: Region R1; inspections to date, this one included: 3." in text
    # Scores (appendix style) with n and interval, and the criterion tables with each question.
    assert "Risk of Harm 50% 1 / 2" in text and "Likelihood of Reoffending 100% 2 / 2" in text
    assert "1.1.2 Was the full RoH analysis of sufficient quality? 50% 1 / 2" in text
    assert "Sample analysis" in text
    for number, page in enumerate(texts, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2 and f"Page {number} of {len(texts)}" in page
    assert all(fonts(rendered.data).values())  # every font embedded: the same on any printer
    meta = reader(rendered.data).metadata
    assert meta.title == "Area report — Area A" and meta.author == "Head Office Analyst One (HQ-A1)"
    assert meta.subject == "Area A — Inspection of A"


def test_an_area_with_nothing_finalised_is_not_counted_among_the_inspections_to_date(region):
    store, ids = region
    text = flat(" ".join(page_texts(area_pdf(store, ids["F"]).data)))
    assert "Region: Region R1; inspections to date: 3 (this one has no finalised case reviews yet)." in text
    assert "this one included" not in text
    assert text.count("no applicable answers yet") == 2  # one for each thread's empty bar


def test_an_empty_bar_writes_its_words_on_a_white_box_over_the_grid_lines():
    from reportlab.graphics.shapes import Line, Rect, String
    from reportlab.lib import colors

    from omi_desktop.core.reports.charts import Bar, bar_chart

    drawing = bar_chart([Bar("Risk of Harm", None, None, None, 0), Bar("Likelihood", 50, 40, 60, 10)])
    shapes = list(drawing.contents)
    words = next(s for s in shapes if isinstance(s, String) and s.text == "no applicable answers yet")
    where = shapes.index(words)
    box = shapes[where - 1]
    assert isinstance(box, Rect) and box.fillColor == colors.white and box.strokeColor is None
    assert box.x <= words.x and box.x + box.width >= words.x + stringWidth(words.text, REGULAR, 9)
    assert box.y <= words.y - 2 and box.y + box.height >= words.y + 7  # descenders to capitals
    grid = [s for s in shapes if isinstance(s, Line) and s.strokeDashArray]
    crossing = [g for g in grid if box.x < g.x1 < box.x + box.width]
    assert crossing and all(shapes.index(g) < shapes.index(box) for g in crossing)  # drawn over them


def test_the_comparison_command(region, omi):
    data_dir = region[0].data_dir
    result = omi("report", "comparison", "A", "--data-dir", data_dir, "--json")
    assert result.code == 0, result.err
    threads = {t["thread"]: t for t in result.json()["threads"]}
    assert threads["RoH"]["average"] == pytest.approx(50.0)
    text = omi("report", "comparison", "A", "--data-dir", data_dir).out
    assert "RoH" in text and "63%" in text
    missing = omi("report", "area", "ZZZ", "--out", "x.pdf", "--data-dir", data_dir)
    assert missing.code == 1 and "no inspection 'ZZZ'" in missing.err


def test_the_area_report_closes_with_the_sample_analysis_where_the_sample_was_drawn_here(data_dir):
    from omi_desktop.core.progress import run_to_end
    from omi_desktop.core.sampling.records import sample_operation
    from tests.helpers.sampling import generated, hq_store, parameters

    store, inspection_id = hq_store(data_dir)
    run_to_end(
        sample_operation(store, inspection_id, generated(600, seed=5), parameters(seed=9), actor="HQ-T")
    )
    text = flat(" ".join(page_texts(area_pdf(store, inspection_id).data)))
    assert "Sample analysis" in text and "Strata" in text and "Cases in the inspection" in text
    assert "based on 0 of" in text.lower() and "No case review is finalised yet" in text
    store.close()
