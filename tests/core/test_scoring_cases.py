"""The headline intervals come from the cases, not from the answers as if independent (worked by hand)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from omi_desktop.core import review
from omi_desktop.core.framework import parse_framework
from omi_desktop.core.inspections import find_case
from omi_desktop.core.scoring import ScoredAnswer, combine, inspection_scores, score, wilson_interval
from tests.helpers.engine import ACTOR, MINI, mini_store

# Two more Risk of Harm questions in criterion 1.1 of the mini framework, so a case can give three answers
# on the thread (1.1.2, 1.1.4, 1.1.5).
EXTRA = """
[[section.criterion.question]]
id = "1.1.4"
text.en = "Were the risks to victims analysed?"
type = "judgement"
threads = ["RoH"]

[[section.criterion.question]]
id = "1.1.5"
text.en = "Was a risk management plan in place?"
type = "judgement"
threads = ["RoH"]

[[section.criterion]]
id = "1.2"
"""


def framework(partly: str = "zero") -> object:
    source = MINI.read_text(encoding="utf-8").replace('partly = "zero"', f'partly = "{partly}"')
    return parse_framework(source.replace('\n[[section.criterion]]\nid = "1.2"\n', EXTRA, 1), "mini.toml")


def cases(**by_case: str) -> list[ScoredAnswer]:
    """``A="yes no na"``: case A's answers to 1.1.2, 1.1.4 and 1.1.5."""
    return [
        ScoredAnswer(case, question, value)
        for case, values in by_case.items()
        for question, value in zip(("1.1.2", "1.1.4", "1.1.5"), values.split(), strict=True)
    ]


def interval(positive: float, n: float) -> tuple[float, float]:
    low, high = wilson_interval(positive, n)
    return 100 * low, 100 * high


MIXED = cases(A="yes yes no", B="yes no na", C="yes yes yes", D="no yes partly", E="yes no no")


def test_thread_interval_uses_the_spread_between_cases():
    # Partly counts 0. Per case (y = positive, m = applicable): A 2/3, B 1/2, C 3/3, D 1/3, E 1/3.
    # k = 5, Σy = 8, Σm = 14, p = 8/14 = 4/7.
    # y - p·m: A 2 - 12/7 = 2/7; B 1 - 8/7 = -1/7; C 3 - 12/7 = 9/7; D 1 - 12/7 = -5/7; E -5/7.
    # Σ squares = (4 + 1 + 81 + 25 + 25) / 49 = 136/49.
    # var(p) = k/(k-1) · Σ squares / (Σm)² = 5/4 · 136/49 / 196 = 680/38416.
    # n = p(1-p) / var = (12/49) / (680/38416) = 9408/680 = 1176/85 ≈ 13.84, between k = 5 and Σm = 14.
    roh = score(framework(), MIXED).thread("RoH").answers
    assert (roh.positive, roh.applicable, roh.cases) == (8.0, 14, 5)
    assert roh.percent == pytest.approx(100 * 4 / 7)
    n = Fraction(1176, 85)
    assert roh.interval_n == pytest.approx(float(n))
    low, high = interval(float(Fraction(4, 7) * n), float(n))
    assert (roh.ci_low, roh.ci_high) == (pytest.approx(low), pytest.approx(high))
    # Wider than the answers taken as 14 independent ones.
    naive_low, naive_high = interval(8, 14)
    assert roh.ci_low < naive_low and roh.ci_high > naive_high


def test_per_criterion_interval_is_computed_from_the_cases_too():
    # Two criteria on the one thread, with different patterns per case: 1.1.2 and 1.1.4 (criterion 1.1),
    # and C.1.1 (criterion C.1), all Risk of Harm.
    by_case = {"A": "yes yes no", "B": "yes no no", "C": "yes yes yes", "D": "no no yes", "E": "yes no yes"}
    answers = [
        ScoredAnswer(case, question, value)
        for case, values in by_case.items()
        for question, value in zip(("1.1.2", "1.1.4", "C.1.1"), values.split(), strict=True)
    ]
    scores = score(framework(), answers)
    by_criterion = {c.criterion: c.answers for c in scores.criteria}
    # Criterion 1.1: A 2/2, B 1/2, C 2/2, D 0/2, E 1/2. k = 5, Σy = 6, Σm = 10, p = 3/5.
    # y - p·m: 4/5, -1/5, 4/5, -6/5, -1/5; Σ squares = 70/25; var = 5/4 · 70/25 / 100 = 7/200;
    # n = (6/25) / (7/200) = 48/7 ≈ 6.86, between k = 5 and Σm = 10.
    first = by_criterion["1.1"]
    assert (first.positive, first.applicable, first.cases) == (6.0, 10, 5)
    assert first.interval_n == pytest.approx(48 / 7)
    assert (first.ci_low, first.ci_high) == pytest.approx(interval(0.6 * 48 / 7, 48 / 7))
    # Criterion C.1: one answer a case, A 0, B 0, C 1, D 1, E 1. p = 3/5; y - p·m: -3/5, -3/5, 2/5, 2/5, 2/5;
    # Σ squares = 30/25; var = 5/4 · 30/25 / 25 = 3/50; n = (6/25) / (3/50) = 4 < k: floor k = 5.
    second = by_criterion["C.1"]
    assert (second.positive, second.applicable, second.cases, second.interval_n) == (3.0, 5, 5, 5)
    assert (second.ci_low, second.ci_high) == pytest.approx(interval(3, 5))
    # The thread: A 2/3, B 1/3, C 3/3, D 1/3, E 2/3. Σy = 9, Σm = 15, p = 3/5; y - p·m: 1/5, -4/5, 6/5,
    # -4/5, 1/5; Σ squares = 70/25; var = 5/4 · 70/25 / 225 = 7/450; n = (6/25) / (7/450) = 108/7 ≈ 15.4
    # > Σm: capped to 15.
    thread = scores.thread("RoH").answers
    assert (thread.positive, thread.applicable, thread.cases, thread.interval_n) == (9.0, 15, 5, 15)
    assert (thread.ci_low, thread.ci_high) == pytest.approx(interval(9, 15))
    # Same share, three different intervals: each is worked out from its own cases.
    assert len({first.ci_low, second.ci_low, thread.ci_low}) == 3


def test_partly_half_and_the_cap_at_the_answers():
    # Partly counts 0.5: D is 1.5/3. Σy = 8.5, Σm = 14, p = 17/28.
    # y - p·m (in 28ths): A 56 - 51 = 5; B 28 - 34 = -6; C 84 - 51 = 33; D 42 - 51 = -9; E 28 - 51 = -23.
    # Σ squares = (25 + 36 + 1089 + 81 + 529) / 784 = 1760/784; var = 5/4 · 1760/784 / 196 = 2200/153664.
    # n = (187/784) / (2200/153664) = 36652/2200 ≈ 16.7 > Σm: capped to 14, the answers' own n.
    roh = score(framework("half"), MIXED).thread("RoH").answers
    assert (roh.positive, roh.applicable, roh.cases, roh.interval_n) == (8.5, 14, 5, 14)
    assert (roh.ci_low, roh.ci_high) == interval(8.5, 14)


def test_partly_excluded_leaves_the_case_denominator():
    # D's partly leaves it: D is 1/2. Σy = 8, Σm = 13, p = 8/13.
    # y - p·m (in 13ths): A 26 - 24 = 2; B 13 - 16 = -3; C 39 - 24 = 15; D 13 - 16 = -3; E 13 - 24 = -11.
    # Σ squares = 368/169; var = 5/4 · 368/169 / 169 = 460/28561; n = (40/169)/(460/28561) = 14.7 > 13.
    roh = score(framework("exclude"), MIXED).thread("RoH").answers
    assert (roh.positive, roh.applicable, roh.cases, roh.interval_n) == (8.0, 13, 5, 13)


def test_answers_alike_within_each_case_count_as_one_per_case():
    # A and C all positive, B and D all negative: p = 6/12 = 1/2, k = 4.
    # y - p·m = ±1.5 each; Σ squares = 9; var = 4/3 · 9/144 = 1/12; n = (1/4)/(1/12) = 3 < k: floor k = 4.
    answers = cases(A="yes yes yes", B="no no no", C="yes yes yes", D="no no no")
    roh = score(framework(), answers).thread("RoH").answers
    assert (roh.positive, roh.applicable, roh.cases, roh.interval_n) == (6.0, 12, 4, 4)
    assert (roh.ci_low, roh.ci_high) == interval(2, 4)  # 15.0-85.0, not 21.1-78.9 from 12 "answers"
    assert (round(roh.ci_low, 1), round(roh.ci_high, 1)) == (15.0, 85.0)


def test_identical_cases_have_no_spread_and_count_one_each():
    # Each case 1 of 2: every y - p·m is 0, var = 0: nothing to estimate the spread from, n = k = 3.
    roh = score(framework(), cases(A="yes no na", B="no yes na", C="yes na no")).thread("RoH").answers
    assert (roh.positive, roh.applicable, roh.cases, roh.interval_n) == (3.0, 6, 3, 3)
    assert (roh.ci_low, roh.ci_high) == interval(1.5, 3)
    # Every answer positive: var is 0 as well; the interval is that of 3 cases out of 3, not 9 of 9.
    all_yes = score(framework(), cases(A="yes yes yes", B="yes yes yes", C="yes yes yes")).thread("RoH")
    assert (all_yes.answers.interval_n, all_yes.answers.ci_high) == (3, 100.0)
    assert all_yes.answers.ci_low == pytest.approx(interval(3, 3)[0])


def test_one_case_is_one_observation():
    # k = 1: no spread between cases can be estimated; n = 1 at p = 2/3.
    roh = score(framework(), cases(A="yes yes no")).thread("RoH").answers
    assert (roh.applicable, roh.cases, roh.interval_n) == (3, 1, 1)
    assert (roh.ci_low, roh.ci_high) == interval(2 / 3, 1)


def test_all_not_applicable_has_no_interval_and_says_so_in_json():
    scores = score(framework(), cases(A="na na na", B="na na na"))
    roh = scores.thread("RoH")
    assert (roh.answers.applicable, roh.answers.cases, roh.answers.interval_n) == (0, 0, None)
    assert roh.answers.percent is None and roh.answers.ci_low is None
    document = scores.as_json()["threads"][0]
    assert (document["applicable"], document["cases_n"], document["interval_n"]) == (0, 0, None)
    assert scores.criteria == ()  # no criterion with an applicable answer


def test_json_reports_answers_n_and_cases_n():
    document = score(framework(), MIXED).as_json()
    roh = document["threads"][0]
    assert roh["thread"] == "RoH"
    assert (roh["applicable"], roh["cases_n"], roh["interval_n"]) == (14, 5, round(1176 / 85, 2))
    assert set(roh["cases"]) == {"positive", "applicable", "percent", "ci_low", "ci_high"}
    criterion = document["criteria"][0]
    assert (criterion["criterion"], criterion["applicable"], criterion["cases_n"]) == ("1.1", 14, 5)


def test_combining_parts_equals_scoring_all_cases_at_once():
    # Cases A and B were reviewed on version 1, C, D and E on version 2 (which renames criterion 1.1).
    version_1 = framework()
    version_2 = parse_framework(
        version_1.source.replace("version = 1", "version = 2").replace(
            'title.en = "Risk of Harm"\n\n[[section.criterion.question]]',
            'title.en = "Risk of Harm (revised)"\n\n[[section.criterion.question]]',
        ),
        "mini-v2.toml",
    )
    assert version_2.key == ("mini", 2) and version_2.criteria()[1].title.en == "Risk of Harm (revised)"
    first, second = MIXED[:6], MIXED[6:]  # cases A, B | C, D, E
    together = score(version_1, MIXED)
    combined = combine([score(version_1, first), score(version_2, second)])
    ours, theirs = combined.thread("RoH").answers, together.thread("RoH").answers
    assert (ours.positive, ours.applicable, ours.cases) == (theirs.positive, theirs.applicable, theirs.cases)
    assert ours.interval_n == pytest.approx(theirs.interval_n)
    assert (ours.ci_low, ours.ci_high) == (pytest.approx(theirs.ci_low), pytest.approx(theirs.ci_high))
    assert [c.criterion for c in combined.criteria] == ["1.1"]  # one criterion across the two versions
    ours, theirs = combined.criteria[0].answers, together.criteria[0].answers
    assert (ours.positive, ours.applicable, ours.cases) == (8.0, 14, 5)
    assert (ours.ci_low, ours.ci_high) == (pytest.approx(theirs.ci_low), pytest.approx(theirs.ci_high))


def test_store_scores_use_the_cases(data_dir):
    store, inspection_id = mini_store(data_dir)
    try:
        # Two cases, one LoR answer each: yes and no. k = 2, p = 1/2, y - p·m = ±1/2, Σ squares = 1/2,
        # var = 2/1 · (1/2) / 4 = 1/4, n = (1/4)/(1/4) = 1 < k: floor k = 2.
        for reference, value in (("C001", "yes"), ("C002", "no")):
            review_id = review.open_case_review(store, find_case(store, reference).id, actor=ACTOR).review.id
            for qid, answer in (("1.1.1", "no"), ("1.2.1", value), ("1.2.2", "3")):
                review.answer(store, review_id, qid, answer, actor=ACTOR)
            review.finalise(store, review_id, actor=ACTOR)
        lor = inspection_scores(store, inspection_id).thread("LoR").answers
        assert (lor.positive, lor.applicable, lor.cases, lor.interval_n) == (1.0, 2, 2, 2)
        assert (lor.ci_low, lor.ci_high) == interval(1, 2)
    finally:
        store.close()
