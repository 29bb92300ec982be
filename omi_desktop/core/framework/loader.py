"""Read a framework TOML file, validate it, and check how its parts refer to each other.

Every problem names the file, the item (question id, section id, ...) and what is wrong; all problems are
collected and reported together so an author can fix a file in one pass.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.framework.conditions import as_date
from omi_desktop.core.framework.facts import CASE_FACTS
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import (
    JUDGEMENT_VALUES,
    Condition,
    FrameworkFile,
    Operand,
    Question,
)

_ENTITY_KEYS = {
    "instrument": "instrument",
    "module": "module",
    "thread": "thread",
    "section": "section",
    "criterion": "criterion",
    "question": "question",
    "options": "option",
}
_FACT_KINDS_FOR_TYPE = {
    "judgement": {"boolean"},
    "date": {"date"},
    "number": {"number"},
    "choice": {"choice", "number", "text"},
    "text": {"text", "choice", "number"},
    "multi_choice": set(),
}


class FrameworkError(RefusedError):
    """A framework file is not valid; ``problems`` lists every problem found, one sentence each."""

    def __init__(self, origin: str, problems: list[str]) -> None:
        self.origin = origin
        lines = [f"{origin}: {p}" for p in problems]
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        super().__init__(f"{origin} is not a valid framework ({count}):\n" + "\n".join(lines))
        self.problems = lines


def load_framework_file(path: Path) -> Framework:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError(path.name, [f"cannot be read: {exc}"]) from exc
    return parse_framework(source, origin=path.name)


def parse_framework(source: str, origin: str = "<framework>", *, stored: bool = False) -> Framework:
    """Validate the TOML text ``source`` and return the framework it defines.

    ``stored``: the text is a framework a store already holds (pinned by this or an earlier version of the
    program, with reviews on it), read again rather than checked for installing. Its validation rules were
    accepted then, so the rules this version checks more strictly do not make it unreadable: a rule that can
    never be met (on another instrument's or an unknown answer, against a value its question cannot take,
    a date bound that is not a date) is left out, so it never refuses an answer; a rule on a later answer is
    kept, as it worked before. Every other problem is refused as for any file.
    """
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(origin, [f"not valid TOML: {exc}"]) from exc
    spec, problems = _validated(raw, origin)
    rules = list(_check_validation(spec))
    if stored and not problems and any(rule.never_holds for rule in rules):
        spec, problems = _validated(_without_rules(raw, [r for r in rules if r.never_holds]), origin)
        rules = list(_check_validation(spec))
    if stored:
        rules = [rule for rule in rules if rule.never_holds]  # rules on later answers worked: kept
    problems += _cross_check(spec, rules)
    if problems:
        raise FrameworkError(origin, problems)
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return Framework(spec, source=source, sha256=digest, origin=origin)


def _validated(raw: dict[str, Any], origin: str) -> tuple[FrameworkFile, list[str]]:
    """The file's shape checked: its model, and the bare TOML dates found (the rest is still checked)."""
    dates = list(_toml_dates(raw))
    problems = [
        _describe(raw, {"loc": loc, "msg": _date_as_text(v), "type": "toml_date"}) for loc, v in dates
    ]
    try:
        spec = FrameworkFile.model_validate(_dates_as_text(raw, dates) if dates else raw)
    except PydanticValidationError as exc:
        raise FrameworkError(origin, problems + [_describe(raw, err) for err in exc.errors()]) from None
    return spec, problems


# -- shape errors ------------------------------------------------------------------------------------------
def _describe(raw: dict[str, Any], error: dict[str, Any]) -> str:
    """Turn a pydantic error into "question 1.2.3: type: unknown value 'x' (expected ...)"."""
    loc = error["loc"]
    node: Any = raw
    entity = "framework"
    fields: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            child = node[part]
            if part in _ENTITY_KEYS and isinstance(child, list) and i + 1 < len(loc):
                idx = loc[i + 1]
                if isinstance(idx, int) and idx < len(child) and isinstance(child[idx], dict):
                    item = child[idx]
                    label = item.get("id") or item.get("value") or f"#{idx + 1}"
                    entity = f"{_ENTITY_KEYS[part]} {label}"
                    fields = []
            elif not isinstance(part, int):
                fields.append(part)
            node = child
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif isinstance(part, str) and not part.startswith(("function-", "tagged-")):
            fields.append(part)
    where = f"{entity}: " + (f"{'.'.join(fields)}: " if fields else "")
    message = error["msg"]
    if error["type"] == "literal_error" and fields and fields[-1] == "type":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{where}unknown answer type {error.get('input')!r} (expected {expected})"
    if error["type"] == "extra_forbidden":
        return f"{where}unknown key (check the spelling; see docs/framework-format.md)"
    if error["type"] == "missing":
        return f"{where}is required"
    if error["type"] == "value_error":
        message = message.removeprefix("Value error, ")
    return f"{where}{message}"


# -- TOML dates ------------------------------------------------------------------------------------------
def _toml_dates(node: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every bare TOML date or time, except the file's ``published`` date: values are written as text."""
    if isinstance(node, date | time) and loc != ("published",):
        yield loc, node
    elif isinstance(node, dict):
        for key, child in node.items():
            yield from _toml_dates(child, (*loc, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _toml_dates(child, (*loc, index))


def _date_as_text(value: date | time) -> str:
    text = value.isoformat() if not isinstance(value, datetime) else value.date().isoformat()
    return f'write dates as text, in quotes: "{text}"'


def _dates_as_text(raw: dict[str, Any], dates: list[tuple[tuple[str | int, ...], Any]]) -> dict[str, Any]:
    """``raw`` with each bare date as text, so that the rest of the file is still checked."""
    fixed = copy.deepcopy(raw)
    for loc, value in dates:
        node: Any = fixed
        for part in loc[:-1]:
            node = node[part]
        node[loc[-1]] = value.isoformat()
    return fixed


# -- reference checks --------------------------------------------------------------------------------------
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


def _cross_check(spec: FrameworkFile, rules: list[RuleProblem]) -> Iterator[str]:
    """Every reference problem; ``rules`` are the validation rules' problems (see ``_check_validation``)."""
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


def _check_validation(spec: FrameworkFile) -> Iterator[RuleProblem]:
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


def _without_rules(raw: dict[str, Any], unusable: list[RuleProblem]) -> dict[str, Any]:
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
