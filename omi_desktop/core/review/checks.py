"""The checks an answer must pass before it is stored, shared by ``answer`` and the screens' look-ahead.

One place, so a screen can refuse a value next to the question with exactly the message ``answer`` would
give, before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from omi_desktop.core.errors import RefusedError, ValidationError
from omi_desktop.core.framework.conditions import Environment
from omi_desktop.core.framework.describe import describe_condition
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.i18n import _
from omi_desktop.core.review.values import ValueRefused, coerce, rule_errors


def stored_value(framework: Framework, question_id: str, raw_value: Any) -> Any:
    """The value ``raw_value`` is stored as; refused if it is not an answer to the question at all."""
    try:
        value = coerce(framework.questions[question_id], raw_value)
    except ValueRefused as exc:
        raise ValidationError(
            _("answer to {qid} refused: {why}").format(qid=question_id, why=exc), [str(exc)]
        ) from None
    if value is None:
        raise RefusedError(
            _("no answer given for {qid}; use clear to remove an answer").format(qid=question_id)
        )
    return value


def check_applies_and_rules(
    framework: Framework,
    question_id: str,
    value: Any,
    relevance: tuple[dict[str, Any], Mapping[str, bool], Environment],
    facts: Mapping[str, Any],
) -> None:
    """Refuse ``value`` if its question does not apply, or if it breaks a validation rule.

    ``relevance`` is ``effective_answers`` worked out with ``value`` already among the answers.
    """
    question = framework.questions[question_id]
    effective, relevant, env = relevance
    if not relevant[question_id]:
        condition = describe_condition(question.relevant) if question.relevant else ""
        raise RefusedError(
            _("question {qid} does not apply to this case (it applies when {condition})").format(
                qid=question_id, condition=condition
            )
        )
    errors = rule_errors(framework, question, value, Environment(effective, facts, env.today))
    if errors:
        raise ValidationError(
            _("answer to {qid} refused: {errors}").format(qid=question_id, errors="; ".join(errors)), errors
        )
