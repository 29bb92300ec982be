"""The demo inspection: its area's structure, answers that follow the case facts, and its scores against an
independent computation from the framework file (tomllib) and the stored answers (sqlite3)."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import tomllib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from omi_desktop.paths import data_path

SEED = "7"


def run_omi(*argv: object) -> tuple[int, str, str]:
    from omi_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def answered(tmp_path_factory) -> Path:
    """``omi demo --answered 100`` on a real data folder, built once for this module's tests."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    code, out, err = run_omi("demo", "--answered", "100", "--seed", SEED, "--data-dir", folder, "--json")
    assert code == 0, err
    assert json.loads(out)["finalised"] == 100
    return folder


def stored_cases(folder: Path) -> dict[str, dict[str, Any]]:
    """Each case's facts and its review's stored answers (value only), read with sqlite3."""
    conn = sqlite3.connect(folder / "omi.sqlite3")
    conn.row_factory = sqlite3.Row
    cases: dict[str, dict[str, Any]] = {}
    for row in conn.execute("SELECT * FROM inspection_case"):
        cases[row["id"]] = {"facts": dict(row), "answers": {}, "review": None, "status": None}
    for review_id, case_id, status in conn.execute(
        "SELECT id, case_id, status FROM review WHERE instrument = 'case'"
    ):
        cases[case_id]["review"], cases[case_id]["status"] = review_id, status
    by_review = {c["review"]: c for c in cases.values() if c["review"]}
    for review_id, question_id, value in conn.execute(
        "SELECT review_id, question_id, CAST(value AS TEXT) FROM answer"
    ):
        if review_id in by_review and value is not None:
            by_review[review_id]["answers"][question_id] = json.loads(value)
    conn.close()
    return {c["facts"]["reference"]: c for c in cases.values()}


# --- the area's structure ------------------------------------------------------------------------------


def test_the_demo_spreads_its_cases_over_many_offender_managers_teams_and_ldus(answered):
    cases = stored_cases(answered)
    per_manager = Counter(c["facts"]["offender_manager"] for c in cases.values())
    assert None not in per_manager
    assert max(per_manager.values()) <= 6  # the sampling rule: at most six cases per responsible officer
    assert len(per_manager) >= 17
    teams = {(c["facts"]["ldu"], c["facts"]["team"]) for c in cases.values()}
    assert len({ldu for ldu, _team in teams}) >= 2 and len(teams) >= 4
    # Each manager belongs to one team; the allocation follows the programme's own rules.
    homes = defaultdict(set)
    for c in cases.values():
        homes[c["facts"]["offender_manager"]].add(c["facts"]["team"])
    assert all(len(t) == 1 for t in homes.values())
    conn = sqlite3.connect(answered / "omi.sqlite3")
    inspectors = {
        i: (bool(e), h) for i, e, h in conn.execute("SELECT id, experienced, home_team FROM inspector")
    }
    conn.close()
    for c in cases.values():
        experienced, home_team = inspectors[c["facts"]["inspector_id"]]
        assert experienced or c["facts"]["rosh_level"] in ("low", "medium")
        assert c["facts"]["team"] != home_team


# --- answers that follow the case facts -----------------------------------------------------------------


def share(values: list[Any], wanted: Any) -> float:
    return sum(v == wanted for v in values) / len(values)


def test_demo_answers_follow_the_case_facts(answered):
    cases = list(stored_cases(answered).values())
    answers = [c["answers"] for c in cases]
    low = [c["answers"] for c in cases if c["facts"]["rosh_level"] == "low"]
    high = [c["answers"] for c in cases if c["facts"]["rosh_level"] in ("high", "very_high")]
    assert len(low) >= 20 and len(high) >= 10
    # New offending within about six months: a minority of cases, not two in three.
    assert 0.2 <= share([a["3.3.1"] for a in answers], "yes") <= 0.4
    # An English area: the interview is in English nearly always, Welsh rarely.
    languages = Counter(a.get("0.1.10") for a in answers)
    assert languages["english"] >= 90 and languages["welsh"] <= 3
    # The MAPPA level recorded is the case record's, 'Not MAPPA' where the record has none.
    for c in cases:
        level = c["facts"]["mappa_level"]
        assert c["answers"].get("0.1.7") == ("none" if level is None else str(level)), c["facts"]["reference"]
    # A full RoH analysis: rarely required for a low RoH case, always for a high or very high one.
    assert share([a["1.1.4"] for a in low], "yes") <= 0.3
    assert all(a["1.1.4"] == "yes" for a in high)
    # A home visit to manage the risk: rarely needed in a low RoH case, mostly in a high one.
    assert share([a["2.2.1"] for a in low], "yes") <= 0.3
    assert share([a["2.2.1"] for a in high], "yes") >= 0.7
    # The resulting headline scores are in a believable range.
    code, out, err = run_omi("scores", "--data-dir", answered, "--json")
    assert code == 0, err
    for thread in json.loads(out)["threads"]:
        assert 55 <= thread["percent"] <= 80, thread


# --- scores against an independent computation ---------------------------------------------------------


def holds(condition: dict[str, Any], answers: dict[str, Any], facts: dict[str, Any]) -> bool:
    """A framework relevance condition, evaluated here from its TOML form (a condition on an unanswered
    question is false, except under 'not')."""

    def subject(part: dict[str, Any]) -> Any:
        return answers.get(part["question"]) if "question" in part else facts.get(part["fact"])

    def same(actual: Any, expected: Any) -> bool:
        return actual is not None and (
            str(actual) == str(expected) if isinstance(actual, int) else actual == expected
        )

    def operand(part: dict[str, Any]) -> Any:
        return part["value"] if "value" in part else subject(part)

    ((kind, body),) = condition.items()
    if kind == "all":
        return all(holds(c, answers, facts) for c in body)
    if kind == "any":
        return any(holds(c, answers, facts) for c in body)
    if kind == "not":
        return not holds(body, answers, facts)
    if kind == "equals":
        return same(subject(body), body["value"])
    if kind == "in":
        return any(same(subject(body), v) for v in body["values"])
    if kind == "contains":
        return isinstance(answers.get(body["question"]), list) and body["value"] in answers[body["question"]]
    if kind == "answered":
        return answers.get(body) not in (None, "", [])
    assert kind == "compare", f"a condition form this test does not know: {kind}"
    left, right = operand(body["left"]), operand(body["right"])
    if left is None or right is None:
        return False
    assert isinstance(left, int | float) and isinstance(right, int | float), "only numbers are compared"
    ops = {
        "lt": left < right,
        "le": left <= right,
        "eq": left == right,
        "ne": left != right,
        "ge": left >= right,
        "gt": left > right,
    }
    return ops[body["op"]]


def case_questions(spec: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """The case review's questions of an inspection without modules, in order, each with its criterion."""
    result = []
    for section in spec["section"]:
        if section.get("instrument", "case") != "case" or section.get("module"):
            continue
        for criterion in section["criterion"]:
            result.extend((q, criterion["id"]) for q in criterion["question"] if not q.get("module"))
    return result


def case_interval(cases: list[tuple[int, int]]) -> tuple[float, float, float]:
    """95% Wilson interval (percent) with the effective n from the spread between cases, and that n."""
    k, y, m = len(cases), sum(c[0] for c in cases), sum(c[1] for c in cases)
    p = y / m
    variance = k / (k - 1) * sum((yi - p * mi) ** 2 for yi, mi in cases) / m**2
    n = min(m, max(k, p * (1 - p) / variance))
    z = 1.959963984540054
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5 / (1 + z * z / n)
    return 100 * (centre - half), 100 * (centre + half), n


def test_demo_answered_100_scores_equal_an_independent_computation(answered):
    code, out, err = run_omi("scores", "--data-dir", answered, "--json")
    assert code == 0, err
    engine = json.loads(out)
    reported = {t["thread"]: t for t in engine["threads"]}
    spec = tomllib.loads(data_path("frameworks", "omi-2006.toml").read_text(encoding="utf-8"))
    assert spec["scoring"] == {"partly": "zero", "case_rule": "all"}
    questions = case_questions(spec)
    gated = {q["id"] for q, _c in questions if "relevant" in q}
    assert {"1.1.5", "1.1.9", "3.3.3", "2.2.2", "3.3.2", "2.4.2"} <= gated

    per_thread: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_criterion: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    cases_done: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    thread_cases: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (positive, applicable) per case
    for case in stored_cases(answered).values():
        assert case["status"] == "finalised"
        facts = case["facts"]
        counted: dict[str, str] = {}  # the answers that count: those of relevant questions, in order
        mine: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for question, criterion in questions:
            qid = question["id"]
            if "relevant" in question and not holds(question["relevant"], counted, facts):
                continue
            value = case["answers"].get(qid)
            if value is None:
                assert not question.get("required", True), f"{case['facts']['reference']}: {qid} unanswered"
                continue
            counted[qid] = value
            if question["type"] != "judgement" or not question.get("threads") or value == "na":
                continue
            good = int(value == question.get("positive", "yes"))
            per_criterion[criterion][0] += good
            per_criterion[criterion][1] += 1
            for thread in question["threads"]:
                mine[thread][0] += good
                mine[thread][1] += 1
        for thread, (positive, applicable) in mine.items():
            per_thread[thread][0] += positive
            per_thread[thread][1] += applicable
            thread_cases[thread].append((positive, applicable))
            cases_done[thread][0] += positive == applicable
            cases_done[thread][1] += 1

    assert set(reported) == set(per_thread) == {"RoH", "LoR", "CE"}
    for thread, (positive, applicable) in per_thread.items():
        got = reported[thread]
        assert (got["positive"], got["applicable"]) == (positive, applicable), thread
        assert got["percent"] == round(100 * positive / applicable, 2)
        done, cases = cases_done[thread]
        assert (got["cases"]["positive"], got["cases"]["applicable"]) == (done, cases), thread
        assert got["cases"]["percent"] == round(100 * done / cases, 2)
        # The interval comes from the cases (docs/framework-format.md), not from the answers.
        low, high, n = case_interval([c for c in thread_cases[thread] if c[1]])
        assert (got["cases_n"], got["interval_n"]) == (cases, pytest.approx(n, abs=0.01)), thread
        assert (got["ci_low"], got["ci_high"]) == (
            pytest.approx(low, abs=0.01),
            pytest.approx(high, abs=0.01),
        )
        assert cases <= n < applicable / 2, thread  # answers within a case are alike in the demo
    criteria = {c["criterion"]: c for c in engine["criteria"]}
    assert set(criteria) == set(per_criterion)
    for criterion, (positive, applicable) in per_criterion.items():
        got = criteria[criterion]
        assert (got["positive"], got["applicable"]) == (positive, applicable), criterion
        assert got["percent"] == round(100 * positive / applicable, 2)


# --- the demo unanswered --------------------------------------------------------------------------------


def test_demo_is_training_data_with_fictional_people(omi, data_dir):
    assert omi("demo", "--data-dir", data_dir).code == 0
    listing = omi("case", "list", "--data-dir", data_dir)
    assert "TRAINING DATA" in listing.out
    cases = omi("case", "list", "--data-dir", data_dir, "--json").json()
    assert cases["inspection"]["training"] is True
    assert len(cases["cases"]) == 100
    orders = {c["order_type"] for c in cases["cases"]}
    assert orders == {"community_order", "suspended_sentence_order", "licence", "custody"}
    levels = {c["rosh_level"] for c in cases["cases"]}
    assert {"low", "medium", "high"} <= levels
    assert any(c["ppo"] for c in cases["cases"]) and not all(c["ppo"] for c in cases["cases"])
    assert all(c["reference"].startswith("TRN") for c in cases["cases"])
    again = omi("demo", "--data-dir", data_dir)
    assert again.code == 1 and "--reset" in again.err


def test_same_seed_same_demo(omi, tmp_path):
    first = omi("demo", "--seed", "3", "--data-dir", tmp_path / "a")
    second = omi("demo", "--seed", "3", "--data-dir", tmp_path / "b")
    assert first.code == second.code == 0
    a = omi("case", "list", "--json", "--data-dir", tmp_path / "a").json()["cases"]
    b = omi("case", "list", "--json", "--data-dir", tmp_path / "b").json()["cases"]
    strip = [{k: v for k, v in c.items() if k not in ("id", "inspection_id")} for c in a]
    assert strip == [{k: v for k, v in c.items() if k not in ("id", "inspection_id")} for c in b]
