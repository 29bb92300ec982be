"""Pure look-ahead for screens: what a review would become with one more answer, and where to go next.

A screen uses these to move on the moment an answer is given (the durable write follows on a worker), to
show a refusal next to the question before anything is written, and to find the next question. The checks
are the ones ``answer`` makes, in the same order and with the same messages; nothing here touches a store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from omi_desktop.core import clock
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.review.checks import check_applies_and_rules, stored_value
from omi_desktop.core.review.evaluate import Evaluation, effective_answers, evaluate
from omi_desktop.core.review.state import ReviewView


@dataclass(frozen=True)
class Preview:
    """The stored form of an answer and the evaluation the review would have with it."""

    question_id: str
    value: Any
    evaluation: Evaluation
    answers: dict[str, Any]


def _answers(view: ReviewView) -> dict[str, Any]:
    return {qid: a.value for qid, a in view.answers.items()}


def _evaluate(view: ReviewView, answers: dict[str, Any]) -> Evaluation:
    return evaluate(
        view.framework,
        view.review.instrument,
        answers,
        facts=view.facts,
        active_modules=view.active_modules,
        today=clock.today(),
    )


def _editable(view: ReviewView, question_id: str) -> None:
    if view.review.finalised:
        raise RefusedError(_("the review is finalised; reopen it (with a reason) to change it"))
    if question_id not in view.evaluation.statuses:
        raise NotFoundError(_("there is no question {qid} in this review").format(qid=question_id))


def preview_answer(view: ReviewView, question_id: str, raw_value: Any) -> Preview:
    """Check ``raw_value`` as ``answer`` would and return the review as it would then be.

    Raises ``ValidationError`` (with ``problems``) or ``RefusedError`` exactly when ``answer`` would.
    """
    _editable(view, question_id)
    framework = view.framework
    value = stored_value(framework, question_id, raw_value)
    answers = _answers(view)
    answers[question_id] = value
    relevance = effective_answers(framework, view.evaluation.order, view.facts, answers, clock.today())
    check_applies_and_rules(framework, question_id, value, relevance, view.facts)
    return Preview(question_id, value, _evaluate(view, answers), answers)


def preview_clear(view: ReviewView, question_id: str) -> Preview:
    """The review as it would be with the answer to ``question_id`` removed."""
    _editable(view, question_id)
    answers = _answers(view)
    answers[question_id] = None
    return Preview(question_id, None, _evaluate(view, answers), answers)


def step_in_flow(evaluation: Evaluation, current: str | None, step: int) -> str | None:
    """The question ``step`` places after (or before, if negative) ``current`` among those that apply.

    ``current`` may itself no longer apply (an answer just made it skipped): the step is then counted from
    where it sits in reading order. None past either end.
    """
    flow = evaluation.flow
    if not flow:
        return None
    if current is None:
        return flow[0] if step > 0 else flow[-1]
    if current in flow:
        position = flow.index(current) + step
    else:
        order = evaluation.order
        at = order.index(current) if current in order else -1
        following = [q for q in flow if order.index(q) > at]
        position = len(flow) - len(following) + (step - 1 if step > 0 else step)
    return flow[position] if 0 <= position < len(flow) else None


def next_needed(evaluation: Evaluation, current: str | None) -> str | None:
    """The next question that still stops finalising (unanswered or breaking a rule), after ``current``
    in reading order and wrapping round to the start; None when nothing is missing."""
    missing = evaluation.missing
    if not missing:
        return None
    if current is None or current not in evaluation.order:
        return missing[0]
    order = evaluation.order
    at = order.index(current)
    for qid in missing:
        if order.index(qid) > at:
            return qid
    return missing[0]
