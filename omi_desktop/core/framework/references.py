"""How a framework's parts refer to each other: ids, threads, facts, conditions and validation rules.

Each check yields its problems as sentences naming the item; validation rules' problems come as
``RuleProblem`` so that a stored framework (see ``loader.parse_framework``) can leave out a rule that could
never be met instead of being unreadable.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from omi_desktop.core.framework.conditions import as_date
from omi_desktop.core.framework.facts import CASE_FACTS
from omi_desktop.core.framework.model import (
    JUDGEMENT_VALUES,
    Condition,
    FrameworkFile,
    Operand,
    Question,
)

_FACT_KINDS_FOR_TYPE = {
    "judgement": {"boolean"},
    "date": {"date"},
    "number": {"number"},
    "choice": {"choice", "number", "text"},
    "text": {"text", "choice", "number"},
    "multi_choice": set(),
}


def _index(spec: FrameworkFile) -> tuple[dict[str, Question], dict[str, tuple[str, int]]]:
    """Each question (first of an id) and its place: (instrument, position in reading order)."""
    position: dict[str, tuple[str, int]] = {}
    questions: dict[str, Question] = {}
    for section in spec.section:
        for criterion in section.criterion:
            for question in criterion.question:
                if question.id not in position:
                    position[question.id] = (section.instrument, len(position))
                    questions[question.id] = question
    return questions, position


def cross_check(spec: FrameworkFile, rules: list[RuleProblem]) -> Iterator[str]:
    """Every reference problem; ``rules`` are the validation rules' problems (see ``check_validation``)."""
    yield from _duplicates(spec)
    instruments = {i.id for i in spec.instrument}
    modules = {m.id for m in spec.module}
    threads = {t.id for t in spec.thread}
    for section in spec.section:
        if section.instrument not in instruments:
            yield f"section {section.id}: unknown instrument {section.instrument!r}"
        if section.module is not None and section.module not in modules:
            yield f"section {section.id}: unknown module {section.module!r}"
    questions, position = _index(spec)
    for question in questions.values():
        yield from _check_question(question, threads)
    yield from _check_conditions(questions, position)
    yield from (rule.message for rule in rules)
    fed = {t for q in questions.values() for t in q.threads}
    for thread in spec.thread:
        if thread.id not in fed:
            yield f"thread {thread.id}: no question feeds it (every scored thread needs questions)"


def _duplicates(spec: FrameworkFile) -> Iterator[str]:
    groups = {
        "instrument": [i.id for i in spec.instrument],
        "module": [m.id for m in spec.module],
        "thread": [t.id for t in spec.thread],
        "section": [s.id for s in spec.section],
        "criterion": [c.id for s in spec.section for c in s.criterion],
        "question": [q.id for s in spec.section for c in s.criterion for q in c.question],
    }
    for kind, ids in groups.items():
        seen: set[str] = set()
        for item in ids:
            if item in seen:
                yield f"{kind} {item}: duplicate id"
            seen.add(item)


def _check_question(q: Question, threads: set[str]) -> Iterator[str]:
    where = f"question {q.id}"
    for thread in q.threads:
        if thread not in threads:
            yield f"{where}: unknown thread {thread!r}"
    if q.threads and q.type != "judgement":
        yield f"{where}: only judgement questions can feed threads ({q.type} cannot be scored)"
    if q.type in ("choice", "multi_choice"):
        values = [o.value for o in q.options]
        if len(values) < 2:
            yield f"{where}: a {q.type} question needs at least two options"
        if len(set(values)) != len(values):
            yield f"{where}: option values must be unique"
    elif q.options:
        yield f"{where}: only choice questions have options"
    if q.fact is not None:
        kind = CASE_FACTS.get(q.fact)
        if kind is None:
            yield f"{where}: unknown case fact {q.fact!r} (known: {', '.join(sorted(CASE_FACTS))})"
        elif kind not in _FACT_KINDS_FOR_TYPE[q.type]:
            yield f"{where}: a {q.type} answer cannot be pre-filled from the {kind} fact {q.fact!r}"
    if q.type == "judgement" and q.positive not in q.allowed_judgements():
        yield f"{where}: positive answer {q.positive!r} is not offered"
    v = q.validation
    if v is None:
        return
    if (v.min is not None or v.max is not None or v.integer) and q.type != "number":
        yield f"{where}: min, max and integer apply to number questions only"
    if (v.on_or_after or v.on_or_before) and q.type != "date":
        yield f"{where}: on_or_after and on_or_before apply to date questions only"
    if (v.min_choices or v.max_choices) and q.type != "multi_choice":
        yield f"{where}: min_choices and max_choices apply to multiple-choice questions only"
    for check in v.checks:
        yield from _check_facts(where, check.condition)


@dataclass(frozen=True)
class RuleProblem:
    """A problem with one validation rule of a question: ``rule`` is a bound's name or a check's index."""

    question: str
    rule: str | int
    message: str
    never_holds: bool  # the rule could never be met; False: it works, but badly (it looks forward)


def check_validation(spec: FrameworkFile) -> Iterator[RuleProblem]:
    """Rules may use the question itself, earlier questions of the same instrument, facts and values.

    A rule on another instrument's answer could never hold (that answer is in another review), and a rule
    on a later answer would refuse the answer until the later question is answered.
    """
    questions, position = _index(spec)
    for qid, question in questions.items():
        v = question.validation
        if v is None:
            continue
        where = f"question {qid}"
        for name, operand in (("on_or_after", v.on_or_after), ("on_or_before", v.on_or_before)):
            if operand is not None:
                for message, never in _check_bound(
                    f"{where}: validation {name}", operand, qid, questions, position
                ):
                    yield RuleProblem(qid, name, message, never)
        for number, check in enumerate(v.checks, start=1):
            label = (
                f"{where}: validation check {number}" if len(v.checks) > 1 else f"{where}: validation check"
            )
            for ref in dict.fromkeys(_condition_refs(check.condition)):
                for message, never in _check_ref(label, ref, qid, position):
                    yield RuleProblem(qid, number - 1, message, never)
            for message in _check_values(where, check.condition, questions):
                yield RuleProblem(qid, number - 1, message, True)


def without_rules(raw: dict[str, Any], unusable: list[RuleProblem]) -> dict[str, Any]:
    """``raw`` without the validation rules named in ``unusable`` (first question of each id)."""
    drop: dict[str, set[str | int]] = {}
    for problem in unusable:
        drop.setdefault(problem.question, set()).add(problem.rule)
    fixed = copy.deepcopy(raw)
    for section in fixed.get("section", []):
        for criterion in section.get("criterion", []):
            for question in criterion.get("question", []):
                rules = drop.pop(question.get("id"), None)
                validation = question.get("validation")
                if not rules or not isinstance(validation, dict):
                    continue
                for name in ("on_or_after", "on_or_before"):
                    if name in rules:
                        validation.pop(name, None)
                checks = validation.get("checks")
                if isinstance(checks, list):
                    validation["checks"] = [c for i, c in enumerate(checks) if i not in rules]
    return fixed


def _check_ref(
    label: str, ref: str, qid: str, position: dict[str, tuple[str, int]]
) -> Iterator[tuple[str, bool]]:
    """Problems with a rule's reference to question ``ref``, each with whether the rule can never hold."""
    if ref not in position:
        yield f"{label} refers to unknown question {ref!r}", True
    elif position[ref][0] != position[qid][0]:
        yield (
            (
                f"{label} refers to question {ref} of another instrument ({position[ref][0]}); "
                "a rule can only use answers of the same review"
            ),
            True,
        )
    elif position[ref][1] > position[qid][1]:
        yield (
            (
                f"{label} refers to question {ref}, which comes later "
                f"(rules look back: put the rule on {ref} instead)"
            ),
            False,
        )


def _check_bound(
    label: str,
    operand: Operand,
    qid: str,
    questions: dict[str, Question],
    position: dict[str, tuple[str, int]],
) -> Iterator[tuple[str, bool]]:
    """An on_or_after / on_or_before bound: a date question, a date fact, a date value or today."""
    if operand.question is not None:
        yield from _check_ref(label, operand.question, qid, position)
        other = questions.get(operand.question)
        if other is not None and other.type != "date":
            yield f"{label} refers to question {operand.question}, a {other.type} question, not a date", True
    if operand.fact is not None:
        kind = CASE_FACTS.get(operand.fact)
        if kind is None:
            yield f"{label} refers to unknown case fact {operand.fact!r}", True
        elif kind != "date":
            yield f"{label} refers to the {kind} fact {operand.fact!r}, not a date", True
    if operand.value is not None and as_date(operand.value) is None:
        yield f'{label}: {operand.value!r} is not a date (write it as text: "2006-01-01")', True


def _check_conditions(questions: dict[str, Question], position: dict[str, tuple[str, int]]) -> Iterator[str]:
    graph = {qid: _condition_refs(q.relevant) if q.relevant else [] for qid, q in questions.items()}
    in_cycle: set[tuple[str, str]] = set()
    for cycle in _cycles(graph):
        in_cycle.update(itertools.pairwise(cycle))
        yield f"question {cycle[0]}: conditions form a cycle: {' -> '.join(cycle)}"
    for qid, question in questions.items():
        if question.relevant is None:
            continue
        where = f"question {qid}"
        yield from _check_facts(where, question.relevant)
        for ref in graph[qid]:
            if (qid, ref) in in_cycle:
                continue
            if ref not in questions:
                yield f"{where}: condition refers to unknown question {ref!r}"
            elif position[ref][0] != position[qid][0]:
                yield f"{where}: condition refers to question {ref} of another instrument"
            elif position[ref][1] > position[qid][1]:
                yield f"{where}: condition refers to question {ref}, which comes later (conditions look back)"
        yield from _check_values(where, question.relevant, questions)


def _cycles(graph: dict[str, list[str]]) -> Iterator[list[str]]:
    """Each cycle once, as [a, b, ..., a], by depth-first search."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> Iterator[list[str]]:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, []):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                yield [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                yield from visit(nxt)
        path.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            yield from visit(node)


def _walk(condition: Condition) -> Iterator[Condition]:
    yield condition
    for child in (condition.all or []) + (condition.any or []):
        yield from _walk(child)
    if condition.not_ is not None:
        yield from _walk(condition.not_)


def _condition_refs(condition: Condition | None) -> list[str]:
    refs: list[str] = []
    if condition is None:
        return refs
    for c in _walk(condition):
        if c.equals and c.equals.question:
            refs.append(c.equals.question)
        if c.in_ and c.in_.question:
            refs.append(c.in_.question)
        if c.contains:
            refs.append(c.contains.question)
        if c.answered:
            refs.append(c.answered)
        if c.compare:
            refs.extend(op.question for op in (c.compare.left, c.compare.right) if op.question)
    return refs


def _check_facts(where: str, condition: Condition) -> Iterator[str]:
    for c in _walk(condition):
        facts = [x.fact for x in (c.equals, c.in_) if x is not None and x.fact is not None]
        if c.compare:
            facts += [op.fact for op in (c.compare.left, c.compare.right) if op.fact]
        for fact in facts:
            if fact not in CASE_FACTS:
                yield f"{where}: condition refers to unknown case fact {fact!r}"


def _allowed_values(question: Question) -> set[str] | None:
    if question.type == "judgement":
        return set(JUDGEMENT_VALUES)
    if question.type in ("choice", "multi_choice"):
        return {o.value for o in question.options}
    return None


def _check_values(where: str, condition: Condition, questions: dict[str, Question]) -> Iterator[str]:
    """A condition comparing an answer with a value that answer can never take is a typo."""
    for c in _walk(condition):
        pairs: list[tuple[str, object]] = []
        if c.equals and c.equals.question in questions:
            pairs.append((c.equals.question, c.equals.value))
        if c.in_ and c.in_.question in questions:
            pairs.extend((c.in_.question, v) for v in c.in_.values)
        if c.contains and c.contains.question in questions:
            pairs.append((c.contains.question, c.contains.value))
        for ref, value in pairs:
            allowed = _allowed_values(questions[ref])
            if allowed is not None and value not in allowed:
                yield f"{where}: condition compares question {ref} with {value!r}, which it cannot take"
