"""Allocation of cases to inspectors: every constraint respected, the most even loads the constraints allow
(checked against brute force), the constraint that cannot be met named, and every change recorded."""

from __future__ import annotations

import itertools
import random

import pytest

from omi_desktop.core import review
from omi_desktop.core.errors import NotFoundError, RefusedError, ValidationError
from omi_desktop.core.inspections import list_cases
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.sampling.allocation import allocate, allocation_history, allocation_view, assign
from omi_desktop.core.sampling.balance import CaseSlot, InspectorSlot, Unplaceable, balance, refusal
from omi_desktop.core.sampling.records import sample_operation
from omi_desktop.core.setup import InspectorSpec
from tests.helpers.sampling import TEAM, generated, hq_store, parameters

LEVELS = ("low", "medium", "high", "very_high")
TEAMS = ("Team A", "Team B", None)


def random_instance(rng: random.Random, cases: int, inspectors: int):
    slots = [
        InspectorSlot(
            f"I{k}",
            f"Inspector {k}",
            experienced=rng.random() < 0.5,
            home_team=rng.choice((None, None, "Team A", "Team B")),
        )
        for k in range(inspectors)
    ]
    work = [CaseSlot(f"C{n}", rng.choice(LEVELS), rng.choice(TEAMS), "L1") for n in range(cases)]
    return work, slots


def best_spread(cases, inspectors) -> int | None:
    """The smallest spread of loads over every allowed allocation, found by trying them all."""
    options = [[i.id for i in inspectors if refusal(i, c) is None] for c in cases]
    if not all(options):
        return None
    best = None
    for choice in itertools.product(*options):
        loads = [choice.count(i.id) for i in inspectors]
        spread = max(loads) - min(loads)
        best = spread if best is None else min(best, spread)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_balance_respects_every_constraint_and_is_as_even_as_possible(seed):
    rng = random.Random(seed)
    cases, inspectors = random_instance(rng, cases=rng.randint(4, 8), inspectors=rng.randint(2, 3))
    expected = best_spread(cases, inspectors)
    if expected is None:
        with pytest.raises(Unplaceable) as refused:
            balance(cases, inspectors)
        assert all(
            " may have it, because " in r or " may not have it, because " in r for r in refused.value.reasons
        )
        return
    result = balance(cases, inspectors)
    by_id = {i.id: i for i in inspectors}
    assert set(result.assignment) == {c.reference for c in cases}
    assert all(refusal(by_id[result.assignment[c.reference]], c) is None for c in cases)
    assert result.spread == expected
    assert bool(result.explanations) == (expected > 1)


def test_a_hundred_cases_for_five_inspectors_differ_by_at_most_one():
    rng = random.Random(5)
    inspectors = [InspectorSlot(f"I{k}", f"Inspector {k}", experienced=k < 3) for k in range(5)]
    inspectors.append(InspectorSlot("LA", "Local Assessor", home_team="Team A"))
    cases = [CaseSlot(f"C{n:03d}", rng.choice(LEVELS[:3]), rng.choice(TEAMS[:2]), "L1") for n in range(101)]
    result = balance(cases, inspectors)
    assert sorted(result.loads.values()) == [16, 17, 17, 17, 17, 17] and result.explanations == []
    assert all(
        refusal(next(i for i in inspectors if i.id == who), next(c for c in cases if c.reference == ref))
        is None
        for ref, who in result.assignment.items()
    )


def test_when_constraints_force_uneven_loads_the_reason_is_given():
    inspectors = [
        InspectorSlot("E", "Experienced One", experienced=True),
        InspectorSlot("N1", "Novice One"),
        InspectorSlot("N2", "Novice Two"),
    ]
    cases = [CaseSlot(f"H{n}", "high", "Team A") for n in range(12)] + [
        CaseSlot(f"L{n}", "low", "Team A") for n in range(6)
    ]
    result = balance(cases, inspectors)
    assert result.loads == {"E": 12, "N1": 3, "N2": 3}
    assert result.explanations == [
        "12 cases may go only to Experienced One"
        " (a high or very high RoSH case needs an experienced inspector)"
    ]


# -- in a store ----------------------------------------------------------------------------------------------
@pytest.fixture
def inspection(data_dir):
    store, inspection_id = hq_store(data_dir)
    run_to_end(
        sample_operation(store, inspection_id, generated(2400, seed=5), parameters(seed=9), actor="HQ")
    )
    yield store, inspection_id
    store.close()


def check_constraints(store, inspection_id) -> dict[str, int]:
    team = {s.id: s for s in (*TEAM,)}
    team["LEAD-01"] = InspectorSpec("LEAD-01", "Lead", role="lead", experienced=True)
    loads: dict[str, int] = {}
    for case in list_cases(store, inspection_id):
        who = team[case.inspector_id]
        if case.rosh_level in ("high", "very_high"):
            assert who.experienced, case
        if who.home_team:
            assert case.team and case.team != who.home_team, case
        loads[who.id] = loads.get(who.id, 0) + 1
    return loads


def test_automatic_allocation_in_a_store(inspection):
    store, inspection_id = inspection
    view = allocate(store, inspection_id, actor="HQ-TEST")
    assert view.changed == 100 and view.unallocated == [] and view.violations == []
    loads = check_constraints(store, inspection_id)
    assert sum(loads.values()) == 100 and max(loads.values()) - min(loads.values()) <= 1
    assert view.spread <= 1
    history = allocation_history(store, inspection_id)
    assert len(history) == 100 and {h["method"] for h in history} == {"automatic"}
    assert all(h["from"] is None and h["actor"] == "HQ-TEST" for h in history)
    again = allocate(store, inspection_id, actor="HQ-TEST")
    assert again.changed == 0  # allocations within the rules are kept


def test_manual_changes_keep_the_rules_and_are_recorded(inspection):
    store, inspection_id = inspection
    allocate(store, inspection_id, actor="HQ")
    cases = list_cases(store, inspection_id)
    high = next(c for c in cases if c.rosh_level in ("high", "very_high"))
    with pytest.raises(RefusedError, match="needs an experienced inspector"):
        assign(store, inspection_id, high.reference, "INS-03", actor="HQ")
    own = next(c for c in cases if c.team == "Samplewell Team A" and c.rosh_level in ("low", "medium"))
    with pytest.raises(RefusedError, match="own team \\(Samplewell Team A\\)"):
        assign(store, inspection_id, own.reference, "LA-01", actor="HQ")
    with pytest.raises(NotFoundError, match="not an inspector in this inspection's team"):
        assign(store, inspection_id, own.reference, "INS-99", actor="HQ")
    target = "INS-01" if own.inspector_id != "INS-01" else "INS-02"
    view = assign(store, inspection_id, own.reference, target, actor="HQ", reason="knows the office")
    assert own.reference in next(i for i in view.inspectors if i.id == target).cases
    last = allocation_history(store, inspection_id)[-1]
    assert (last["case"], last["from"], last["to"], last["method"], last["reason"]) == (
        own.reference,
        own.inspector_id,
        target,
        "manual",
        "knows the office",
    )
    # A review that has begun keeps its case where it is, even when starting again.
    opened = review.open_case_review(store, own.id, actor=target)
    review.answer(store, opened.review.id, opened.framework.question_ids("case", ())[-1], "yes", actor=target)
    with pytest.raises(RefusedError, match="has begun"):
        assign(store, inspection_id, own.reference, None, actor="HQ")
    allocate(store, inspection_id, actor="HQ", redo=True, without=(target,))
    assert (
        next(c for c in list_cases(store, inspection_id) if c.reference == own.reference).inspector_id
        == target
    )


def test_an_allocation_that_cannot_be_made_changes_nothing_and_says_why(data_dir):
    novices = (InspectorSpec("INS-03", "Inspector Mockby"), InspectorSpec("INS-04", "Inspector Exampleton"))
    store, inspection_id = hq_store(data_dir, team=novices, lead=None)
    run_to_end(
        sample_operation(store, inspection_id, generated(1500, seed=6), parameters(size=30), actor="HQ")
    )
    with pytest.raises(ValidationError) as refused:
        allocate(store, inspection_id, actor="HQ")
    high = [c.reference for c in list_cases(store, inspection_id) if c.rosh_level in ("high", "very_high")]
    assert str(refused.value) == f"{len(high)} cases cannot be allocated; nothing was changed"
    facts = {c.reference: (c.rosh_level.replace("_", " "), c.team) for c in list_cases(store, inspection_id)}
    assert refused.value.problems == [
        f"case {ref} ({facts[ref][0]} RoSH, {facts[ref][1]}): none of the 2 inspectors may have it, "
        "because a high or very high RoSH case needs an experienced inspector"
        for ref in sorted(high)
    ]
    assert allocation_view(store, inspection_id).unallocated == sorted(
        c.reference for c in list_cases(store, inspection_id)
    )
    store.close()


def test_leaving_members_out_says_who_and_measures_the_spread_over_the_others(inspection):
    store, inspection_id = inspection
    view = allocate(store, inspection_id, actor="HQ", without=("INS-01",))
    loads = {i.id: i.load for i in view.inspectors}
    assert loads["INS-01"] == 0 and view.left_out == ["INS-01"]
    others = [n for who, n in loads.items() if who != "INS-01"]
    assert view.spread == max(others) - min(others) <= 1 and view.as_json()["left_out"] == ["INS-01"]
    # Without every experienced member, the high RoSH cases cannot be placed: each is named, with the rule.
    before = {c.reference: c.inspector_id for c in list_cases(store, inspection_id)}
    with pytest.raises(ValidationError) as refused:
        allocate(store, inspection_id, actor="HQ", redo=True, without=("INS-01", "INS-02", "LEAD-01"))
    high = sorted(
        c.reference for c in list_cases(store, inspection_id) if c.rosh_level in ("high", "very_high")
    )
    assert str(refused.value) == (
        f"{len(high)} cases cannot be allocated with INS-01, INS-02, LEAD-01 left out; nothing was changed"
    )
    assert [p.split(" ")[1] for p in refused.value.problems] == high
    assert all(
        p.endswith("none of the 2 inspectors may have it, because a high or very high RoSH case needs an "
                   "experienced inspector")
        for p in refused.value.problems
    )  # fmt: skip
    assert {c.reference: c.inspector_id for c in list_cases(store, inspection_id)} == before


def test_allocation_through_the_cli(omi, data_dir, inspection):
    store, inspection_id = inspection
    store.close()
    d = ("--data-dir", data_dir)
    done = omi("hq", "allocate", inspection_id, *d, "--json")
    assert done.code == 0, done.err
    assert done.json()["spread"] <= 1 and done.json()["unallocated"] == []
    without = omi("hq", "allocate", inspection_id, "--redo", "--without", "INS-01", *d)
    assert without.code == 0, without.err
    assert "left out of this allocation: Inspector Sampleford (INS-01)" in without.out
    assert "spread between the busiest and the least busy: 1" in without.out or (
        "spread between the busiest and the least busy: 0" in without.out
    )
    case = done.json()["inspectors"][0]["cases"][0]
    moved = omi("hq", "assign", case, "none", "--reason", "held back", *d)
    assert moved.code == 0 and f"{case} -> nobody" in moved.out
    shown = omi("hq", "allocation", *d, "--json").json()
    assert shown["unallocated"] == [case]
    history = omi("hq", "allocation", "--history", *d)
    last = history.out.splitlines()[-1]
    assert f" {case} " in last and "(manual, " in last and last.endswith("): held back")
    bad = omi("hq", "assign", case, "NOBODY", *d)
    assert bad.code == 1 and bad.err == "omi: NOBODY is not an inspector in this inspection's team\n"


def test_a_refused_allocation_lists_every_case_and_rule_through_the_cli(omi, data_dir, inspection):
    store, inspection_id = inspection
    store.close()
    d = ("--data-dir", data_dir, inspection_id, "--redo")
    leave = ("--without", "INS-01", "--without", "INS-02", "--without", "LEAD-01")
    text = omi("hq", "allocate", *d, *leave)
    assert text.code == 1 and text.out == ""
    reason, *problems = text.err.splitlines()
    assert reason.startswith("omi: ") and reason.endswith("left out; nothing was changed")
    assert problems
    assert all(p.startswith("  - case ") and "needs an experienced inspector" in p for p in problems)
    as_json = omi("hq", "allocate", *d, *leave, "--json")
    assert as_json.code == 1 and as_json.err.splitlines()[0] == reason
    assert as_json.json() == {"error": reason.removeprefix("omi: "), "problems": [p[4:] for p in problems]}
