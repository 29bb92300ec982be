"""The printable sample analysis, read back from the PDF."""

from __future__ import annotations

from omi_desktop.commands._hq.sample import summary_text
from omi_desktop.core.inspections import list_cases
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.reports.sample_analysis import write_sample_analysis
from omi_desktop.core.sampling.analysis import sample_analysis
from omi_desktop.core.sampling.parameters import parse_minimum
from omi_desktop.core.sampling.records import sample_operation
from omi_desktop.core.sampling.replace import replace_case
from tests.helpers.reports import flat, fonts, page_texts
from tests.helpers.sampling import generated, hq_store, parameters


def test_the_analysis_pdf_says_what_was_drawn_and_what_was_left_out(data_dir, tmp_path):
    store, inspection_id = hq_store(data_dir)
    longlist = generated(2400, seed=3)
    chosen = parameters(seed=11, minimums=(parse_minimum("high_rosh=25"),))
    _info, draw = run_to_end(sample_operation(store, inspection_id, longlist, chosen, actor="HQ-TEST"))
    leaving = next(r.crn for r in longlist.records if r.row == min(draw.sampled))
    done = replace_case(store, inspection_id, leaving, reason="File held by the court", actor="HQ-TEST")
    analysis = sample_analysis(store, inspection_id)
    rendered = write_sample_analysis(store, analysis, tmp_path / "analysis.pdf")
    store.close()

    assert rendered.path == tmp_path / "analysis.pdf" and rendered.pages >= 3
    pages = page_texts(rendered.path)
    text = flat(" ".join(pages))
    for page, content in enumerate(pages, start=1):
        assert content.count("OFFICIAL-SENSITIVE") == 2
        assert f"Page {page} of {len(pages)}" in content
    assert "100 cases sampled from 2,400 long-list rows" in text
    counts = analysis.counts
    assert f"{counts['frame']:,} in the sample frame; {counts['excluded']:,} excluded" in text
    assert "Seed 11" in text and "generated-3.csv (UTF-8)" in text and "high_rosh ≥ 25" in text
    for stratum in analysis.strata:
        assert f"{stratum.population_percent:.1f}%" in text
    assert "Female" in text and "post-custody, medium+ RoSH" in text
    assert done.replacement in text and "File held by the court" in text
    assert "No shortfall" in text
    before, after = analysis.outside_window["before"], analysis.outside_window["after"]
    assert f"{before:,} started before 2 April 2026, {after:,} after 2 May 2026" in text
    for duplicate in analysis.duplicates:
        assert duplicate.crn in text
    redacted = [e for e in analysis.exclusions if e.reason.startswith("redacted")]
    assert redacted and all(e.crn in text for e in redacted)
    assert all(embedded for embedded in fonts(rendered.path).values())


def test_a_minimum_that_replacements_took_below_its_count_is_a_shortfall(data_dir, tmp_path):
    store, inspection_id = hq_store(data_dir)
    chosen = parameters(seed=11, minimums=(parse_minimum("high_rosh=25"),))
    run_to_end(sample_operation(store, inspection_id, generated(2400, seed=3), chosen, actor="HQ-TEST"))
    assert sample_analysis(store, inspection_id).shortfalls == []  # met when drawn
    for _attempt in range(10):  # replace high RoSH cases until the minimum is no longer met
        analysis = sample_analysis(store, inspection_id)
        if analysis.minimums[0]["now"] < 25:
            break
        high = [
            c.reference for c in list_cases(store, inspection_id) if c.rosh_level in ("high", "very_high")
        ]
        replace_case(store, inspection_id, high[0], reason="File held by the court", actor="HQ-TEST")
    now = analysis.minimums[0]["now"]
    assert now < 25 and analysis.replacements
    expected = (
        f"minimum high or very high RoSH: {now} in the sample, 25 required "
        "(it was met when drawn; replacements since have taken it below)"
    )
    assert analysis.as_json()["shortfalls"] == [expected]
    text = summary_text(analysis)
    assert f"shortfalls: {expected}" in text
    assert f"minimum high or very high RoSH: {now} in the sample (at least 25 required)" in text
    rendered = write_sample_analysis(store, analysis, tmp_path / "analysis.pdf")
    store.close()
    pdf = flat(" ".join(page_texts(rendered.path)))
    assert "No shortfall" not in pdf and "Shortfalls:" in pdf and "NOT MET" in pdf
    assert flat(expected) in pdf
