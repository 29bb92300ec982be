"""The Risk of Harm Area Assessment is the inspection's Risk of Harm thread alone: every question that feeds
Risk of Harm in omi-2006, with the same id, text and guidance, so a re-inspection compares like for like."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from typing import Any

from omi_desktop.core.demo import make_demo
from omi_desktop.core.framework import load_framework_file
from omi_desktop.core.store import Store
from omi_desktop.paths import data_path

ROHAA = data_path("frameworks", "rohaa.toml")


def case_questions(name: str) -> dict[str, dict[str, Any]]:
    """Every case-review question of a shipped framework file (modules included), read with tomllib."""
    spec = tomllib.loads(data_path("frameworks", name).read_text(encoding="utf-8"))
    return {
        q["id"]: {**q, "module": section.get("module")}
        for section in spec["section"]
        if section.get("instrument", "case") == "case"
        for criterion in section["criterion"]
        for q in criterion["question"]
    }


def test_every_risk_of_harm_question_of_the_inspection_is_in_the_rohaa_unchanged():
    omi, rohaa = case_questions("omi-2006.toml"), case_questions("rohaa.toml")
    fed = {qid for qid, q in omi.items() if "RoH" in q.get("threads", [])}
    assert {"1.4.2", "1.4.4", "1.4.6", "2.1.2", "2.2.7", "2.2.8", "2.4.7", "3.3.2", "3.3.3", "C.1.2"} <= fed
    assert fed <= set(rohaa), sorted(fed - set(rohaa))
    for qid, question in rohaa.items():
        assert qid in omi, f"{qid} is not an inspection question"
        original = omi[qid]
        assert question["text"] == original["text"], qid
        for key in ("type", "options", "relevant", "validation", "fact", "allow_na", "allow_partly"):
            assert question.get(key) == original.get(key), (qid, key)
        assert question["module"] == original["module"], qid  # the custody questions stay in the module
        assert question.get("threads", []) == (["RoH"] if qid in fed else []), qid
        if question.get("guidance") != original.get("guidance"):
            # Only where the inspection's guidance names a question the RoHAA does not have.
            named = re.findall(r"\b[0-9C]\.\d+\.\d+\b", original["guidance"]["en"])
            assert any(n not in rohaa for n in named), qid


def test_the_rohaa_has_what_its_conditions_need_and_loads():
    framework = load_framework_file(ROHAA)
    assert framework.id == "rohaa" and framework.version >= 2  # version 1 had other questions
    assert [t.id for t in framework.threads] == ["RoH"]
    assert {m.id: m.active_by_default for m in framework.modules} == {"custody": False}
    plain, custody = framework.question_ids("case"), framework.question_ids("case", ["custody"])
    assert not any(q.startswith("C.") for q in plain)
    assert [q for q in custody if q.startswith("C.")] == ["C.1.2", "C.1.4", "C.1.6", "C.1.7"]
    # The case details its conditions ask about: order type, RoH level, MAPPA level (and the tier).
    assert {"0.1.2", "0.1.5", "0.1.7"} <= {q for q in plain if q.startswith("0.")}
    assert framework.questions["0.1.5"].fact == "rosh_level"


def test_omi_framework_check_accepts_the_rohaa(omi):
    result = omi("framework", "check", ROHAA, "--json")
    assert result.code == 0, result.err
    assert result.json()["valid"] is True


def test_a_rohaa_inspection_scores_risk_of_harm_by_the_inspections_criteria(omi, data_dir):
    store = Store.open(data_dir)
    try:
        made = make_demo(
            store, answered=8, seed=4, framework_id="rohaa", anchor=date(2026, 11, 4), other_instruments=False
        )
    finally:
        store.close()
    assert made.finalised == 8
    result = omi("scores", "--data-dir", data_dir, "--json")
    assert result.code == 0, result.err
    scores = result.json()
    assert [t["thread"] for t in scores["threads"]] == ["RoH"]
    assert scores["threads"][0]["applicable"] > 8 * 10
    criteria = {c["criterion"] for c in scores["criteria"]}
    assert {"1.1", "1.4", "2.2", "3.3"} <= criteria <= {"1.1", "1.4", "2.1", "2.2", "2.4", "2.5", "3.3"}
