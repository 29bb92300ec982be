"""The printed documents say which n a score's interval uses: the cases."""

from __future__ import annotations

from datetime import date

from omi_desktop.core.reports.area import area_pdf
from omi_desktop.core.reports.interim import interim_pdf
from omi_desktop.core.scoring import wilson_interval
from tests.helpers.engine import mini_store
from tests.helpers.reports import answer_case, complete, flat, page_texts


def test_interim_and_area_report_give_the_cases_behind_each_interval(data_dir, tmp_path):
    cases = [
        {"reference": f"C00{n}", "order_type": "licence", "commencement_date": date(2026, 5, 1)}
        for n in (1, 2, 3)
    ]
    store, inspection_id = mini_store(data_dir, cases)
    try:
        for reference, roh, lor in (("C001", "yes", "yes"), ("C002", "no", "yes"), ("C003", "yes", "no")):
            answer_case(store, inspection_id, reference, complete(roh, lor))
        # Risk of Harm: one answer in each of 3 cases, 2 positive. The spread between cases gives
        # var = 3/2 · (1/9 + 4/9 + 1/9) / 9 = 1/9 and n = (2/9)/(1/9) = 2 < k, so n = k = 3: 21–94%.
        low, high = wilson_interval(2, 3)
        assert (round(100 * low), round(100 * high)) == (21, 94)
        interim = flat(" ".join(page_texts(interim_pdf(store, None, tmp_path / "i.pdf").data)))
        assert "95% interval (from the cases)" in interim
        assert "Risk of Harm 67% 2 / 3 21–94%" in interim
        assert "67% (21–94%, 3 cases)" in interim  # beside the bar
        assert "given the number of cases" in interim
        area = flat(" ".join(page_texts(area_pdf(store, inspection_id, tmp_path / "a.pdf").data)))
        assert "(2 of 3 answers in 3 cases; 95% interval, from the cases, 21–94%)" in area
    finally:
        store.close()
