"""Scoring against hand-computed examples (pure functions), and through a store."""

from __future__ import annotations

import math

import pytest

from omi_desktop.core import review
from omi_desktop.core.framework import parse_framework
from omi_desktop.core.inspections import find_case
from omi_desktop.core.scoring import ScoredAnswer, inspection_scores, score, wilson_interval
from tests.helpers.engine import ACTOR, MINI, mini_store


def mini(partly: str = "zero", extra: str = "") -> object:
    source = MINI.read_text(encoding="utf-8").replace('partly = "zero"', f'partly = "{partly}"\n{extra}')
    return parse_framework(source, "mini.toml")


def answers(*rows: tuple[str, str, str]) -> list[ScoredAnswer]:
    return [ScoredAnswer(*row) for row in rows]


EXAMPLE = answers(
    ("R1", "1.1.2", "yes"),
    ("R1", "1.2.1", "no"),
    ("R2", "1.1.2", "partly"),
    ("R2", "1.2.1", "yes"),
    ("R3", "1.1.2", "na"),
    ("R3", "1.2.1", "yes"),
)


def test_wilson_interval_matches_published_values():
    low, high = wilson_interval(7, 10)
    assert (round(low, 4), round(high, 4)) == (0.3968, 0.8922)
    low, high = wilson_interval(0, 1)
    assert low == 0 and math.isclose(high, 1.959963984540054**2 / (1 + 1.959963984540054**2))
    low, high = wilson_interval(50, 100)
    assert (round(low, 4), round(high, 4)) == (0.4038, 0.5962)
    with pytest.raises(ValueError):
        wilson_interval(0, 0)


def test_partly_counts_zero_by_default():
    scores = score(mini(), EXAMPLE)
    roh, lor = scores.thread("RoH"), scores.thread("LoR")
    # RoH: yes (1) + partly (0) over 2 applicable; na leaves the denominator.
    assert (roh.answers.positive, roh.answers.applicable) == (1.0, 2)
    assert roh.answers.percent == 50.0
    assert (lor.answers.positive, lor.answers.applicable) == (2.0, 3)
    assert lor.answers.percent == pytest.approx(200 / 3)
    low, high = wilson_interval(2, 3)
    assert lor.answers.ci_low == pytest.approx(100 * low)
    assert lor.answers.ci_high == pytest.approx(100 * high)
    assert scores.reviews == 3


def test_partly_half_and_excluded():
    assert score(mini("half"), EXAMPLE).thread("RoH").answers.percent == 75.0
    excluded = score(mini("exclude"), EXAMPLE).thread("RoH").answers
    assert (excluded.positive, excluded.applicable, excluded.percent) == (1.0, 1, 100.0)


def test_per_case_view_all_positive_and_threshold():
    scores = score(mini(), EXAMPLE)
    # RoH: R1 all positive; R2 partly is not positive; R3 has no applicable RoH answer and is not counted.
    assert (scores.thread("RoH").cases.positive, scores.thread("RoH").cases.applicable) == (1, 2)
    assert (scores.thread("LoR").cases.positive, scores.thread("LoR").cases.applicable) == (2, 3)
    threshold = score(mini("half", 'case_rule = "threshold"\ncase_threshold = 0.5'), EXAMPLE)
    assert threshold.thread("RoH").cases.positive == 2  # R2 is 0.5 of 1, which meets 0.5


def test_all_not_applicable_and_empty():
    all_na = score(mini(), answers(("R1", "1.1.2", "na"), ("R1", "1.2.1", "na")))
    for thread in all_na.threads:
        assert thread.answers.applicable == 0
        assert thread.answers.percent is None and thread.answers.ci_low is None
        assert thread.cases.applicable == 0
    empty = score(mini(), [])
    assert empty.reviews == 0
    assert [t.answers.applicable for t in empty.threads] == [0, 0]
    assert empty.criteria == ()


def test_positive_no_questions_count_no_as_done_well():
    framework = parse_framework(
        MINI.read_text(encoding="utf-8").replace(
            'type = "judgement"\nthreads = ["LoR"]', 'type = "judgement"\nthreads = ["LoR"]\npositive = "no"'
        ),
        "mini.toml",
    )
    lor = score(framework, EXAMPLE).thread("LoR").answers
    assert (lor.positive, lor.applicable) == (1.0, 3)


def test_per_criterion_summary():
    scores = score(mini(), EXAMPLE)
    by_id = {c.criterion: c.answers for c in scores.criteria}
    assert (by_id["1.1"].positive, by_id["1.1"].applicable) == (1.0, 2)
    assert (by_id["1.2"].positive, by_id["1.2"].applicable) == (2.0, 3)


def test_json_has_the_contracted_keys():
    document = score(mini(), EXAMPLE).as_json()
    thread, criterion = document["threads"][0], document["criteria"][0]
    assert {"thread", "positive", "applicable", "percent", "ci_low", "ci_high", "cases"} <= set(thread)
    # Added with the intervals from the cases: the cases n and the n the interval used.
    assert {"cases_n", "interval_n"} <= set(thread) and {"cases_n", "interval_n"} <= set(criterion)


def test_only_finalised_reviews_count_unless_asked(data_dir):
    store, inspection_id = mini_store(data_dir)
    try:
        first = review.open_case_review(store, find_case(store, "C001").id, actor=ACTOR).review.id
        second = review.open_case_review(store, find_case(store, "C002").id, actor=ACTOR).review.id
        for review_id, value in ((first, "yes"), (second, "no")):
            for qid, answer in (("1.1.1", "no"), ("1.2.1", value), ("1.2.2", "3")):
                review.answer(store, review_id, qid, answer, actor=ACTOR)
        review.finalise(store, first, actor=ACTOR)
        finalised = inspection_scores(store, inspection_id)
        assert finalised.reviews == 1
        assert finalised.thread("LoR").answers.percent == 100.0
        everything = inspection_scores(store, inspection_id, finalised_only=False)
        assert everything.reviews == 2
        assert everything.thread("LoR").answers.percent == 50.0
        # An answer kept for a question that no longer applies does not count.
        review.answer(store, second, "1.1.1", "yes", actor=ACTOR)
        review.answer(store, second, "1.1.2", "no", actor=ACTOR)
        assert (
            inspection_scores(store, inspection_id, finalised_only=False).thread("RoH").answers.applicable
            == 1
        )
        review.answer(store, second, "1.1.1", "no", actor=ACTOR)
        assert (
            inspection_scores(store, inspection_id, finalised_only=False).thread("RoH").answers.applicable
            == 0
        )
    finally:
        store.close()


def test_no_reviews_gives_zero_n_for_every_thread(data_dir):
    store, inspection_id = mini_store(data_dir)
    try:
        scores = inspection_scores(store, inspection_id)
        assert scores.reviews == 0
        assert [t.thread for t in scores.threads] == ["RoH", "LoR"]
        assert all(t.answers.percent is None for t in scores.threads)
    finally:
        store.close()
