"""Interim area feedback ("emerging findings"): the 100-case demo lays out with repeated headers and the
same figures as ``omi scores``; "based on N of M"; the lead inspector's themes."""

from __future__ import annotations

import re
from datetime import date

import pytest

from omi_desktop.core.demo import make_demo
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.reports.area import area_pdf
from omi_desktop.core.reports.figures import inspection_figures
from omi_desktop.core.reports.interim import interim_pdf, interim_report
from omi_desktop.core.reports.styles import MARGIN_BOTTOM, MARGIN_TOP
from omi_desktop.core.reports.text import interval, whole_percent
from omi_desktop.core.reports.themes import add_theme, edit_theme, list_themes, remove_theme
from omi_desktop.core.scoring import inspection_scores
from omi_desktop.core.store import Store
from tests.helpers.engine import mini_store
from tests.helpers.reports import answer_case, complete, flat, fonts, page_texts, reader


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("interim") / "data")
    result = make_demo(store, answered=100, seed=11, anchor=date(2026, 11, 4))
    yield store, result.inspection
    store.close()


def test_the_100_case_interim_report_lays_out_with_the_scores_of_omi_scores(demo, tmp_path):
    store, inspection = demo
    add_theme(
        store,
        inspection.id,
        "Timely screening, thin analysis",
        "Screening on time; analysis thin.",
        kind="improvement",
    )
    add_theme(
        store,
        inspection.id,
        "Plans in Welsh in Gŵyr",
        "Plans written in Welsh where preferred (Llŷn).",
        kind="strength",
    )
    steps = []
    operation = interim_report(store, None, tmp_path / "interim.pdf")
    while True:
        try:
            steps.append(next(operation))
        except StopIteration as stop:
            rendered = stop.value
            break
    assert steps and steps[-1].fraction == 1.0
    texts = page_texts(rendered.data)
    text = flat(" ".join(texts))
    assert "INTERIM — based on 100 of 100 cases" in text
    assert "TRAINING DATA" in text
    scores = inspection_scores(store, inspection.id)
    for thread in scores.threads:
        a = thread.answers
        figure = f"{whole_percent(a.percent)} {a.positive:g} / {a.applicable} {interval(a.ci_low, a.ci_high)}"
        assert figure in text, figure
    for criterion in scores.criteria:
        assert f"{criterion.criterion} " in text and whole_percent(criterion.answers.percent) in text
    assert "1. Timely screening, thin analysis (Area for improvement)" in text
    assert "2. Plans in Welsh in Gŵyr (Strength)" in text and "(Llŷn)" in text
    assert all(f"TRN{n:05d}" in text for n in range(1, 101))
    case_pages = [t for t in texts if "TRN00050" in t or "TRN00099" in t]
    for page in case_pages:  # the case table's header repeats on every page it runs onto
        assert "Order or licence" in page and "Inspector" in page
    for number, page in enumerate(texts, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2 and f"Page {number} of {len(texts)}" in page
    assert all(fonts(rendered.data).values())
    # The facts: which area, region and lead inspector.
    figures = inspection_figures(store, inspection.id)
    info = figures.inspection
    lead = figures.inspectors[info.lead_inspector_id]
    assert f"Area {info.area_name}" in text and f"Region {info.region_name}" in text
    assert f"Lead inspector {lead}" in text and "Cases in sample 100" in text
    # The sample's composition, counted from the cases themselves.
    licences = sum(c.order_type == "licence" for c in figures.cases)
    high = sum(c.rosh_level == "high" for c in figures.cases)
    assert "Order or licence Community order" in text  # the first group of the first characteristic
    assert f"Licence {licences} ({licences}%) {licences} ({licences}%)" in text  # 100 cases, all finalised
    assert f"High {high} ({high}%)" in text
    # The bar chart is drawn: its scale, and each bar's value with its interval written beside it.
    assert "0% 25% 50% 75% 100%" in text
    for thread in scores.threads:
        a = thread.answers
        assert f"{whole_percent(a.percent)} ({interval(a.ci_low, a.ci_high)}," in text, thread.thread
    # The key under the case table spells out its abbreviations; the level column says what it holds.
    assert "RoH = Risk of Harm, LoR = Likelihood of Reoffending, CE = Compliance and Enforcement." in text
    assert "Case Order or licence RoH level Inspector Review RoH LoR CE" in text
    meta = reader(rendered.data).metadata
    assert meta.title == f"Emerging findings — interim — {info.area_name}"  # which area, in the file too
    assert meta.subject == "INTERIM — based on 100 of 100 cases"


def test_based_on_n_of_m_counts_finalised_reviews_only(data_dir, tmp_path):
    cases = [
        {"reference": f"C00{n}", "order_type": "licence", "commencement_date": date(2026, 5, 1)}
        for n in (1, 2, 3)
    ]
    store, inspection_id = mini_store(data_dir, cases)
    answer_case(store, inspection_id, "C001", complete("yes", "no"))
    answer_case(store, inspection_id, "C002", complete("no", "yes"), final=False)
    text = flat(" ".join(page_texts(interim_pdf(store, None, tmp_path / "i.pdf").data)))
    assert "INTERIM — based on 1 of 3 cases" in text
    assert "will change as the remaining 2 cases are finalised" in text
    assert "Risk of Harm 100% 1 / 1" in text  # C002 (not finalised) is not counted
    assert "No themes have been recorded for this inspection yet." in text


def test_themes_are_kept_in_order_and_checked(data_dir):
    store, inspection_id = mini_store(data_dir)
    first = add_theme(store, inspection_id, "First", "one", kind="strength", author="LEAD-1")
    second = add_theme(store, inspection_id, "Second", "two")
    third = add_theme(store, inspection_id, "Third")
    assert [t.heading for t in list_themes(store, inspection_id)] == ["First", "Second", "Third"]
    edit_theme(store, third.id[:8], position=1, heading="Third, now first", kind="improvement")
    assert [t.heading for t in list_themes(store, inspection_id)] == ["Third, now first", "First", "Second"]
    assert [t.position for t in list_themes(store, inspection_id)] == [1, 2, 3]
    assert list_themes(store, inspection_id)[1].author == "LEAD-1"
    remove_theme(store, second.id)
    assert [t.id for t in list_themes(store, inspection_id)] == [third.id, first.id]
    with pytest.raises(RefusedError, match="needs a heading"):
        add_theme(store, inspection_id, "   ")
    with pytest.raises(RefusedError, match="one of"):
        add_theme(store, inspection_id, "Heading", kind="opinion")
    with pytest.raises(NotFoundError):
        edit_theme(store, "nonexistent", heading="x")
    with pytest.raises(NotFoundError):
        add_theme(store, "no-such-inspection", "Heading")


def test_the_theme_and_interim_commands(omi, data_dir, tmp_path):
    store, _inspection_id = mini_store(data_dir)
    store.close()
    added = omi(
        "report",
        "theme",
        "add",
        "--heading",
        "Good plans",
        "--kind",
        "strength",
        "--text",
        "Detail",
        "--data-dir",
        data_dir,
        "--json",
    )
    assert added.code == 0, added.err
    listing = omi("report", "theme", "list", "--data-dir", data_dir)
    assert "1. [" in listing.out and "Good plans (Strength)" in listing.out
    theme_id = added.json()["id"]
    assert omi("report", "theme", "edit", theme_id[:8], "--text", "More", "--data-dir", data_dir).code == 0
    made = omi("report", "interim", "--out", tmp_path / "i.pdf", "--data-dir", data_dir)
    assert made.code == 0 and (tmp_path / "i.pdf").exists()
    assert "Good plans" in flat(" ".join(page_texts(tmp_path / "i.pdf")))
    assert omi("report", "theme", "remove", theme_id, "--data-dir", data_dir).code == 0
    gone = omi("report", "theme", "remove", theme_id, "--data-dir", data_dir)
    assert gone.code == 1 and "no theme" in gone.err
    bad = omi("report", "theme", "add", "--heading", " ", "--data-dir", data_dir)
    assert bad.code == 1 and "needs a heading" in bad.err


def _body_lines(page) -> list[tuple[float, str]]:
    """(height from the top of the frame as a share of it, text) of each line between header and footer."""
    height = float(page.mediabox.height)
    top, bottom = height - MARGIN_TOP, MARGIN_BOTTOM
    lines: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        y = tm[5] if not cm else tm[5] * cm[3] + cm[5]
        if text.strip() and bottom < y < top:
            lines.append(((top - y) / (top - bottom), text.strip()))

    page.extract_text(visitor_text=visit)
    return sorted(lines)


def test_the_area_report_fills_its_pages_and_splits_long_tables_with_their_headers(demo, tmp_path):
    """Only short blocks are kept whole: no page is left part empty before a long table, no heading is
    left alone at the foot of a page, and a table that runs on repeats its header row."""
    store, inspection = demo
    pages = reader(area_pdf(store, inspection.id).data).pages
    lines = [_body_lines(page) for page in pages]
    for number, page_lines in enumerate(lines[:-1], start=1):
        filled, last = page_lines[-1]
        assert filled > 0.75, f"page {number} is only {filled:.0%} full, ending with {last!r}"
        assert not re.fullmatch(r"\d+ [A-Z][a-z ,&]+", last), f"page {number} ends with the heading {last!r}"
    for number, page in enumerate(pages, start=1):
        text = flat(page.extract_text())
        if re.search(r"\b\d\.\d\.\d+ .*\d+% \d+ / \d+", text):  # criterion rows are on this page
            assert "Done well enough Positive / applicable 95% interval" in text, number


@pytest.mark.parametrize("room_mm", [12, 18, 24, 30])
def test_the_themes_heading_never_sits_alone_at_the_foot_of_a_page(room_mm):
    """Whatever room is left above the foot, the section's heading goes with its first theme."""
    import io
    from datetime import datetime

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from omi_desktop.core.reports.interim import themes_story
    from omi_desktop.core.reports.themes import Theme

    now = datetime(2026, 11, 5, 12, 0)
    themes = [
        Theme(str(n), "i", n, "strength", f"Theme number {n}", "A finding. " * 30, "LEAD-01", now, now)
        for n in range(1, 4)
    ]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, topMargin=20 * mm, bottomMargin=20 * mm)
    doc.build([Spacer(1, doc.height - room_mm * mm), *themes_story(themes)])
    first, *rest = [flat(page.extract_text()) for page in reader(out.getvalue()).pages]
    assert rest, "the filler leaves too little room for everything on one page"
    if "Themes from the lead inspector" in first:
        assert "1. Theme number 1" in first
