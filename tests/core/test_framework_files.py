"""Framework files: every shipped one loads; broken ones are refused with a precise message."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from omi_desktop.core.framework import FrameworkError, load_framework_file
from omi_desktop.core.framework.registry import shipped_files
from omi_desktop.core.framework.schema import render
from omi_desktop.paths import data_path
from tests.helpers.engine import MINI
from tests.helpers.instruments import FRAMEWORK as INSTRUMENTS


def test_every_shipped_framework_loads():
    files = shipped_files()
    assert {f.name for f in files} >= {"omi-2006.toml", "rohaa.toml"}
    for path in files:
        framework = load_framework_file(path)
        assert framework.questions
        assert all(framework.thread_questions[t.id] for t in framework.threads)


def test_omi_framework_has_what_the_programme_needs():
    omi = load_framework_file(data_path("frameworks", "omi-2006.toml"))
    assert {i.id: i.subject for i in omi.instruments} == {
        "case": "case",
        "area": "area",
        "offender": "respondent",
        "victim": "respondent",
        "sentencer": "respondent",
    }
    assert {t.id for t in omi.threads} == {"RoH", "LoR", "CE"}
    case_level = [q for q in omi.question_ids("case") if not q.startswith("0.")]
    assert len(case_level) >= 40
    custody = {m.id: m.active_by_default for m in omi.modules}
    assert custody == {"custody": False}
    assert not any(q.startswith("C.") for q in omi.question_ids("case"))
    assert any(q.startswith("C.") for q in omi.question_ids("case", ["custody"]))
    area = omi.question_ids("area")
    assert area and not any(omi.questions[q].threads for q in area)
    for question in omi.questions.values():
        assert question.text.en.strip()
    rohaa = load_framework_file(data_path("frameworks", "rohaa.toml"))
    assert [t.id for t in rohaa.threads] == ["RoH"]


def test_json_schema_in_data_matches_the_models_and_accepts_the_shipped_files():
    committed = data_path("schemas", "framework.schema.json").read_text(encoding="utf-8")
    assert committed == render(), "run: python -m omi_desktop.core.framework.schema"
    validator = jsonschema.Draft202012Validator(json.loads(committed))
    for path in shipped_files():
        document = json.loads(json.dumps(tomllib.loads(path.read_text(encoding="utf-8")), default=str))
        assert not list(validator.iter_errors(document)), path.name


def broken(tmp_path: Path, old: str, new: str, base: Path = MINI) -> Path:
    source = base.read_text(encoding="utf-8")
    assert old in source, old
    path = tmp_path / "broken.toml"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return path


CASES = {
    "duplicate id": ('id = "1.2.2"', 'id = "1.2.1"', "question 1.2.1: duplicate id"),
    "unknown question": (
        'relevant = { equals = { question = "1.1.1", value = "yes" } }\nfeedback',
        'relevant = { equals = { question = "9.9.9", value = "yes" } }\nfeedback',
        "question 1.1.2: condition refers to unknown question '9.9.9'",
    ),
    "later question": (
        'id = "1.2.1"\ntext.en = "Was the likelihood of reoffending assessed on time?"\ntype = "judgement"',
        'id = "1.2.1"\ntext.en = "Was the likelihood of reoffending assessed on time?"\ntype = "judgement"\n'
        'relevant = { answered = "1.2.4" }',
        "question 1.2.1: condition refers to question 1.2.4, which comes later",
    ),
    "cycle": (
        'id = "1.1.1"\ntext.en = "Was a full RoH analysis required?"\ntype = "judgement"',
        'id = "1.1.1"\ntext.en = "Was a full RoH analysis required?"\ntype = "judgement"\n'
        'relevant = { answered = "1.1.2" }',
        "conditions form a cycle: 1.1.1 -> 1.1.2 -> 1.1.1",
    ),
    "unknown answer type": (
        'type = "number"',
        'type = "numeric"',
        "question 1.2.2: type: unknown answer type 'numeric'",
    ),
    "thread without questions": (
        'threads = ["LoR"]',
        "threads = []",
        "thread LoR: no question feeds it",
    ),
    "misspelt key": (
        "required = false\noptions",
        "requird = false\noptions",
        "question 1.2.3: requird: unknown key",
    ),
    "impossible value": (
        'value = "yes" } }\nfeedback',
        'value = "ja" } }\nfeedback',
        "compares question 1.1.1 with 'ja', which it cannot take",
    ),
    "unknown fact": ('fact = "order_type"', 'fact = "offence_type"', "unknown case fact 'offence_type'"),
    "not TOML": ('id = "mini"', "id = mini", "not valid TOML"),
    "check on another instrument": (
        'id = "G.1.2"\ntext.en = "Is the plan known to staff?"\ntype = "judgement"',
        'id = "G.1.2"\ntext.en = "Is the plan known to staff?"\ntype = "judgement"\n'
        'validation.checks = [{ condition = { equals = { question = "1.1.1", value = "yes" } },'
        ' message.en = "x" }]',
        "question G.1.2: validation check refers to question 1.1.1 of another instrument (case)",
        INSTRUMENTS,
    ),
    "check on a later question": (
        "validation.on_or_before = { today = true }",
        "validation.on_or_before = { today = true }\n"
        'validation.checks = [{ condition = { answered = "1.2.2" }, message.en = "x" }]',
        "question 1.1.3: validation check refers to question 1.2.2, which comes later",
    ),
    "check on an unknown question": (
        "validation.on_or_before = { today = true }",
        "validation.on_or_before = { today = true }\n"
        'validation.checks = [{ condition = { answered = "9.9.9" }, message.en = "x" }]',
        "question 1.1.3: validation check refers to unknown question '9.9.9'",
    ),
    "check with an impossible value": (
        "validation.on_or_before = { today = true }",
        "validation.on_or_before = { today = true }\nvalidation.checks = ["
        '{ condition = { equals = { question = "1.1.1", value = "maybe" } }, message.en = "x" }]',
        "question 1.1.3: condition compares question 1.1.1 with 'maybe', which it cannot take",
    ),
    "bound on a later question": (
        'validation.on_or_after = { question = "0.1.2" }',
        'validation.on_or_after = { question = "1.2.4" }',
        "question 1.1.3: validation on_or_after refers to question 1.2.4, which comes later",
    ),
    "bound on a question that is not a date": (
        'validation.on_or_after = { question = "0.1.2" }',
        'validation.on_or_after = { question = "0.1.1" }',
        "question 1.1.3: validation on_or_after refers to question 0.1.1, a choice question, not a date",
    ),
    "bound on a fact that is not a date": (
        'validation.on_or_after = { question = "0.1.2" }',
        'validation.on_or_after = { fact = "tier" }',
        "question 1.1.3: validation on_or_after refers to the number fact 'tier', not a date",
    ),
    "bare TOML date": (
        'value = "yes" } }\nfeedback',
        "value = 2006-01-01 } }\nfeedback",
        'question 1.1.2: relevant.equals.value: write dates as text, in quotes: "2006-01-01"',
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_check_refuses_each_problem_precisely(name, tmp_path, omi):
    old, new, expected, *base = CASES[name]
    path = broken(tmp_path, old, new, *base)
    with pytest.raises(FrameworkError) as refused:
        load_framework_file(path)
    assert any(expected in problem for problem in refused.value.problems), refused.value.problems
    assert all(problem.startswith("broken.toml: ") for problem in refused.value.problems)
    result = omi("framework", "check", path)
    assert result.code == 1
    assert expected in result.err
    assert "Traceback" not in result.err


def test_a_bare_toml_date_is_one_problem_and_the_rest_of_the_file_is_still_checked(tmp_path):
    path = broken(
        tmp_path,
        "validation.on_or_before = { today = true }",
        "validation.on_or_before = { value = 2026-12-01 }\nrequird = true",
    )
    with pytest.raises(FrameworkError) as refused:
        load_framework_file(path)
    assert [p.removeprefix("broken.toml: question 1.1.3: ") for p in refused.value.problems] == [
        'validation.on_or_before.value: write dates as text, in quotes: "2026-12-01"',
        "requird: unknown key (check the spelling; see docs/framework-format.md)",
    ]


def test_rules_may_use_the_question_itself_earlier_questions_facts_and_text_dates(tmp_path):
    path = broken(
        tmp_path,
        'validation.on_or_after = { question = "0.1.2" }',
        'validation.on_or_after = { value = "2006-01-01" }\nvalidation.checks = [\n'
        '  { condition = { compare = { left = { question = "1.1.3" }, op = "ge",'
        ' right = { question = "0.1.2" } } }, message.en = "Not before the order began." },\n'
        '  { condition = { compare = { left = { question = "1.1.3" }, op = "le",'
        ' right = { fact = "fieldwork_start" } } }, message.en = "Not after fieldwork began." },\n]',
    )
    framework = load_framework_file(path)
    assert len(framework.checks["1.1.3"]) == 2


def test_check_accepts_a_valid_file(omi):
    result = omi("framework", "check", MINI, "--json")
    assert result.code == 0, result.err
    assert result.json()["valid"] is True
    assert result.json()["questions"] == 10


def test_show_prints_an_outline_with_conditions(omi, data_dir):
    result = omi("framework", "show", "omi-2006", "--data-dir", data_dir)
    assert result.code == 0, result.err
    assert "Offender Management Inspection" in result.out
    assert "1.1.5" in result.out and "if 1.1.4 = yes" in result.out


def test_show_says_which_modules_are_inactive_and_shows_guidance_on_request(omi, data_dir):
    omi_framework = load_framework_file(data_path("frameworks", "omi-2006.toml"))
    guidance = omi_framework.questions["1.1.1"].guidance.en
    custody = next(s for s in omi_framework.spec.section if s.module == "custody")

    short = omi("framework", "show", "omi-2006", "--data-dir", data_dir)
    assert short.code == 0, short.err
    assert "Module custody (Custody casework): inactive by default" in short.out
    assert f"  {custody.id} {custody.title.en}  (module custody, inactive by default)" in short.out
    assert "add --guidance" in short.out
    assert " ".join(guidance.split()[:6]) not in short.out

    full = omi("framework", "show", "omi-2006", "--guidance", "--data-dir", data_dir)
    assert full.code == 0, full.err
    lines = full.out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("      1.1.1 "))
    text_column = lines[at].index(omi_framework.questions["1.1.1"].text.en)
    wrapped = []
    for line in lines[at + 1 :]:
        if not line.startswith(" " * text_column) or not line[text_column:].strip():
            break
        assert len(line) <= 100
        wrapped.append(line.strip())
    assert " ".join(wrapped) == guidance
    assert "add --guidance" not in full.out
