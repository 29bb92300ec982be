"""Evaluate structured conditions (never ``eval``): compiled once per framework into small closures.

An environment gives the answers that currently count (answers to questions that are not relevant are left
out), the case facts and today's date. A condition on something unanswered is false, except ``not``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from omi_desktop.core.framework.model import Condition, Operand


@dataclass(frozen=True)
class Environment:
    answers: Mapping[str, Any]
    facts: Mapping[str, Any]
    today: date


Predicate = Callable[[Environment], bool]
Getter = Callable[[Environment], Any]

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt,
    "le": operator.le,
    "eq": operator.eq,
    "ne": operator.ne,
    "ge": operator.ge,
    "gt": operator.gt,
}


def as_date(value: Any) -> date | None:
    """A date from a date or an ISO ``YYYY-MM-DD`` string; None for anything else."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def operand_getter(operand: Operand) -> Getter:
    if operand.question is not None:
        qid = operand.question
        return lambda env: env.answers.get(qid)
    if operand.fact is not None:
        name = operand.fact
        return lambda env: env.facts.get(name)
    if operand.today:
        return lambda env: env.today
    literal = operand.value
    return lambda env: literal


def compare_values(left: Any, op: str, right: Any, days: int = 0) -> bool | None:
    """``left op right (+ days)``; None when the two cannot be compared (missing or different kinds)."""
    if left is None or right is None:
        return None
    left_date, right_date = as_date(left), as_date(right)
    if left_date is not None and right_date is not None:
        return _OPS[op](left_date, right_date + timedelta(days=days))
    if isinstance(left, int | float) and isinstance(right, int | float) and not isinstance(left, bool):
        return _OPS[op](left, right + days)
    if op in ("eq", "ne") and days == 0:
        return _OPS[op](left, right)
    return None


def _subject_getter(question: str | None, fact: str | None) -> Getter:
    """The getter of an ``equals`` or ``in`` subject: an answer or a case fact (the model allows one only).

    Made directly rather than through an ``Operand``: making the first model of a kind builds its pydantic
    validator, about 5 ms before the first review can be shown.
    """
    if question is not None:
        return lambda env: env.answers.get(question)
    return lambda env: env.facts.get(fact)


def compile_condition(condition: Condition) -> Predicate:
    if condition.all is not None:
        parts = [compile_condition(c) for c in condition.all]
        return lambda env: all(p(env) for p in parts)
    if condition.any is not None:
        parts = [compile_condition(c) for c in condition.any]
        return lambda env: any(p(env) for p in parts)
    if condition.not_ is not None:
        inner = compile_condition(condition.not_)
        return lambda env: not inner(env)
    if condition.equals is not None:
        eq = condition.equals
        get = _subject_getter(eq.question, eq.fact)
        expected = eq.value
        return lambda env: _same(get(env), expected)
    if condition.in_ is not None:
        member = condition.in_
        get = _subject_getter(member.question, member.fact)
        values = list(member.values)
        return lambda env: any(_same(get(env), v) for v in values)
    if condition.contains is not None:
        qid, wanted = condition.contains.question, condition.contains.value
        return lambda env: isinstance(env.answers.get(qid), list) and wanted in env.answers[qid]
    if condition.answered is not None:
        qid = condition.answered
        return lambda env: _is_answered(env.answers.get(qid))
    assert condition.compare is not None
    cmp = condition.compare
    left, right, op, days = operand_getter(cmp.left), operand_getter(cmp.right), cmp.op, cmp.days
    return lambda env: bool(compare_values(left(env), op, right(env), days))


def _same(actual: Any, expected: Any) -> bool:
    if actual is None:
        return False
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected or actual == expected
    if isinstance(actual, date):
        return actual == as_date(expected)
    if isinstance(actual, int | float) and isinstance(expected, str):
        return str(actual) == expected
    return actual == expected


def _is_answered(value: Any) -> bool:
    return value is not None and value != "" and value != []
