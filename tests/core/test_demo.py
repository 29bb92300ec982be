"""The demo inspection, and its scores against an independent computation from the stored answers."""

from __future__ import annotations

import sqlite3
import tomllib
from collections import defaultdict

from omi_desktop.paths import data_path


def test_demo_answered_100_scores_equal_an_independent_computation(omi, data_dir):
    made = omi("demo", "--answered", "100", "--seed", "7", "--data-dir", data_dir, "--json")
    assert made.code == 0, made.err
    assert made.json()["finalised"] == 100
    result = omi("scores", "--data-dir", data_dir, "--json")
    assert result.code == 0, result.err
    reported = {t["thread"]: t for t in result.json()["threads"]}

    # Independent: the framework file read with tomllib, the answers read with sqlite3.
    spec = tomllib.loads(data_path("frameworks", "omi-2006.toml").read_text(encoding="utf-8"))
    feeds: dict[str, list[str]] = defaultdict(list)
    positive_value: dict[str, str] = {}
    for section in spec["section"]:
        for criterion in section["criterion"]:
            for question in criterion["question"]:
                for thread in question.get("threads", []):
                    feeds[question["id"]].append(thread)
                positive_value[question["id"]] = question.get("positive", "yes")
    assert spec["scoring"]["partly"] == "zero"
    conn = sqlite3.connect(data_dir / "omi.sqlite3")
    rows = conn.execute(
        "SELECT a.question_id, json_extract(a.value, '$') FROM answer a JOIN review r ON r.id = a.review_id "
        "WHERE r.status = 'finalised' AND a.relevant = 1 AND a.value IS NOT NULL"
    ).fetchall()
    conn.close()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for question_id, value in rows:
        for thread in feeds.get(question_id, []):
            if value == "na":
                continue
            totals[thread][1] += 1
            totals[thread][0] += value == positive_value[question_id]
    assert set(reported) == {"RoH", "LoR", "CE"}
    for thread, (positive, applicable) in totals.items():
        assert reported[thread]["applicable"] == applicable
        assert reported[thread]["positive"] == positive
        assert reported[thread]["percent"] == round(100 * positive / applicable, 2)
        assert reported[thread]["ci_low"] < reported[thread]["percent"] < reported[thread]["ci_high"]


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
