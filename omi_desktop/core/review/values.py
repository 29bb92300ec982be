"""Answer values: turning what a person typed into the stored value, and checking it against the rules."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from omi_desktop.core.framework.conditions import Environment, as_date, operand_getter
from omi_desktop.core.framework.facts import fact_label
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import Operand, Question
from omi_desktop.core.i18n import _, current_language

_JUDGEMENT_WORDS = {
    "y": "yes",
    "yes": "yes",
    "1": "yes",
    "p": "partly",
    "partly": "partly",
    "2": "partly",
    "n": "no",
    "no": "no",
    "3": "no",
    "a": "na",
    "na": "na",
    "n/a": "na",
    "not applicable": "na",
    "4": "na",
}


class ValueRefused(ValueError):
    """A value that cannot be stored for a question; the message says why, for the person who typed it."""


def judgement_label(value: str) -> str:
    return {
        "yes": _("Yes"),
        "partly": _("Partly"),
        "no": _("No"),
        "na": _("Not applicable"),
    }.get(value, value)


def parse_date(text: str) -> date:
    """ISO ``2026-05-14`` or British ``14/05/2026``."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueRefused(_("{text!r} is not a date (use dd/mm/yyyy or yyyy-mm-dd)").format(text=text))


def coerce(question: Question, raw: Any) -> Any:
    """The stored value for ``raw`` (a typed string, or an already-typed value); None clears."""
    if raw is None or (isinstance(raw, str) and not raw.strip() and question.type != "text"):
        return None
    kind = question.type
    if kind == "judgement":
        if isinstance(raw, bool):
            value = "yes" if raw else "no"
        else:
            value = _JUDGEMENT_WORDS.get(str(raw).strip().lower())
        allowed = question.allowed_judgements()
        if value not in allowed:
            words = ", ".join(judgement_label(v) for v in allowed)
            raise ValueRefused(
                _("{raw!r} is not an answer to this question (expected {words})").format(raw=raw, words=words)
            )
        return value
    if kind == "date":
        if isinstance(raw, datetime):
            return raw.date().isoformat()
        if isinstance(raw, date):
            return raw.isoformat()
        return parse_date(str(raw)).isoformat()
    if kind == "number":
        return _number(raw)
    if kind == "choice":
        return _option(question, raw)
    if kind == "multi_choice":
        items = raw if isinstance(raw, list | tuple | set) else str(raw).split(",")
        chosen = {_option(question, item) for item in items if str(item).strip()}
        return [o.value for o in question.options if o.value in chosen]
    text = str(raw)
    return text if text.strip() else None


def _number(raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise ValueRefused(_("expected a number"))
    if isinstance(raw, int | float):
        value = raw
    else:
        text = str(raw).strip().replace(",", "")
        try:
            value = int(text)
        except ValueError:
            try:
                value = float(text)
            except ValueError:
                raise ValueRefused(_("{raw!r} is not a number").format(raw=raw)) from None
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueRefused(_("{raw!r} is not a number").format(raw=raw))
        if value.is_integer():
            value = int(value)
    return value


def _option(question: Question, raw: Any) -> str:
    text = str(raw).strip()
    for option in question.options:
        if text == option.value:
            return option.value
    lowered = text.lower()
    for option in question.options:
        if lowered in (option.value.lower(), option.label.en.lower(), (option.label.cy or "").lower()):
            return option.value
    choices = ", ".join(o.value for o in question.options)
    raise ValueRefused(_("{raw!r} is not one of the options ({choices})").format(raw=text, choices=choices))


def _operand_label(framework: Framework, operand: Operand) -> str:
    if operand.fact is not None:
        return fact_label(operand.fact)
    if operand.question is not None:
        other = framework.questions.get(operand.question)
        title = other.text.get(current_language()) if other else operand.question
        return _("the answer to {id} ({title})").format(id=operand.question, title=title)
    if operand.today:
        return _("today")
    return str(operand.value)


def _fmt_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def rule_errors(framework: Framework, question: Question, value: Any, env: Environment) -> list[str]:
    """Every validation rule that ``value`` breaks, as messages (``env`` holds the answers that count)."""
    rules = question.validation
    if rules is None or value is None:
        return []
    errors: list[str] = []
    if question.type == "number":
        if rules.integer and not isinstance(value, int):
            errors.append(_("must be a whole number"))
        if rules.min is not None and value < rules.min:
            errors.append(_("must be at least {min:g}").format(min=rules.min))
        if rules.max is not None and value > rules.max:
            errors.append(_("must be at most {max:g}").format(max=rules.max))
    if question.type == "text" and rules.max_length is not None and len(value) > rules.max_length:
        errors.append(_("must be at most {n} characters").format(n=rules.max_length))
    if question.type == "multi_choice":
        if rules.min_choices is not None and len(value) < rules.min_choices:
            errors.append(_("choose at least {n}").format(n=rules.min_choices))
        if rules.max_choices is not None and len(value) > rules.max_choices:
            errors.append(_("choose at most {n}").format(n=rules.max_choices))
    if question.type == "date":
        errors.extend(_date_order(framework, value, rules.on_or_after, rules.on_or_before, env))
    for predicate, message in framework.checks.get(question.id, []):
        if not predicate(env):
            errors.append(message.get(current_language()))
    return errors


def _date_order(
    framework: Framework, value: Any, after: Operand | None, before: Operand | None, env: Environment
) -> list[str]:
    errors = []
    day = as_date(value)
    if day is None:
        return [_("is not a date")]
    if after is not None:
        bound = as_date(operand_getter(after)(env))
        if bound is not None and day < bound:
            errors.append(
                _("must be on or after {what} ({when})").format(
                    what=_operand_label(framework, after), when=_fmt_date(bound)
                )
            )
    if before is not None:
        bound = as_date(operand_getter(before)(env))
        if bound is not None and day > bound:
            errors.append(
                _("must be on or before {what} ({when})").format(
                    what=_operand_label(framework, before), when=_fmt_date(bound)
                )
            )
    return errors


def display_value(value: Any, question: Question | None = None, language: str | None = None) -> str:
    """A stored value as a person reads it: "Yes", "14/05/2026", option labels, "(none)"."""
    if value is None or value == "" or value == []:
        return _("(none)")
    lang = language or current_language()
    if question is not None:
        if question.type == "judgement" and isinstance(value, str):
            return judgement_label(value)
        if question.type == "date" and isinstance(value, str):
            day = as_date(value)
            return _fmt_date(day) if day else value
        if question.type in ("choice", "multi_choice"):
            labels = {o.value: o.label.get(lang) for o in question.options}
            items = value if isinstance(value, list) else [value]
            return ", ".join(labels.get(str(v), str(v)) for v in items)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)
