"""``omi case list``, and ``omi review``: answer, clear, note, feedback, finalise, reopen, show, history.

The review actions are one set of handlers that serve any review: ``add_review_actions`` attaches them to a
command group with a ``Target`` that says how the command line names the review (a case reference here; the
area assessment and questionnaire labels in ``instruments.py``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from omi_desktop.cli import Context
from omi_desktop.core import review
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.inspections import find_case, list_cases, resolve_inspection
from omi_desktop.core.review.values import display_value
from omi_desktop.core.settings import current_actor
from omi_desktop.core.sync.purged import purged_reviews


@dataclass(frozen=True)
class Target:
    """How a group of review commands finds its review, and how output lines name it."""

    #: Positional arguments that name the review, as (name, help), e.g. ("case", "case reference").
    arguments: tuple[tuple[str, str], ...]
    #: (review id, actor) of the review the command line names; may start it (a write).
    resolve: Callable[[Context, argparse.Namespace], tuple[str, str]]
    #: How output lines name the review, e.g. the case reference.
    name: Callable[[argparse.Namespace], str]


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    case = commands.add_parser("case", parents=[common], help="the cases of an inspection")
    case_actions = case.add_subparsers(dest="action", metavar="ACTION")
    case_actions.required = True
    listing = case_actions.add_parser("list", parents=[common], help="cases with facts, status and progress")
    listing.add_argument("inspection", nargs="?", help="inspection id, area code or title (default: current)")
    listing.set_defaults(handler=_case_list)

    parser = commands.add_parser("review", parents=[common], help="answer and finalise case reviews")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    scope = argparse.ArgumentParser(add_help=False)
    scope.add_argument("--inspection", help="the inspection, when the case reference is not unique")
    target = Target((("case", "case reference"),), _case_review, lambda args: args.case)
    add_review_actions(actions, common, scope, target)


def add_review_actions(
    actions: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
    scope: argparse.ArgumentParser,
    target: Target,
) -> None:
    """answer, clear, note, feedback, finalise, reopen, show and history for the reviews ``target`` names."""
    parents = [common, scope]

    def add(name: str, help_text: str, handler: Callable[..., None]) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, parents=parents, help=help_text)
        for argument, argument_help in target.arguments:
            parser.add_argument(argument, help=argument_help)
        parser.set_defaults(handler=partial(handler, target))
        return parser

    answer = add("answer", "answer one question", _answer)
    answer.add_argument("question", help="question id, e.g. 1.1.2")
    answer.add_argument("value", help="yes/partly/no/na (or y/p/n/a, 1-4), a date, a number, an option")
    answer.add_argument("--note", help="evidence note")
    answer.add_argument("--reason", help="why the answer changed (kept in the audit trail)")

    clear = add("clear", "remove an answer (its note stays)", _clear)
    clear.add_argument("question")
    clear.add_argument("--reason")

    note = add("note", "set the evidence note of a question", _note)
    note.add_argument("question")
    note.add_argument("text")

    feedback = add("feedback", "mark a note as a strength or an area for improvement", _feedback)
    feedback.add_argument("question")
    feedback.add_argument("kind", choices=[*review.FEEDBACK_KINDS, "none"])

    add("finalise", "finalise a complete review", _finalise)
    reopen = add("reopen", "reopen a finalised review", _reopen)
    reopen.add_argument("--reason", required=True, help="why it is reopened (kept in the audit trail)")
    add("show", "a review's answers and what is missing", _show)
    add("history", "the audit trail of a review", _history)


# -- helpers -----------------------------------------------------------------------------------------------
def _inspection_id(ctx: Context, args: argparse.Namespace) -> str | None:
    ref = getattr(args, "inspection", None)
    return resolve_inspection(ctx.store, ref).id if ref else None


def _case_review(ctx: Context, args: argparse.Namespace) -> tuple[str, str]:
    """(review id, actor) for the case named on the command line, starting its review if needed."""
    case = find_case(ctx.store, args.case, _inspection_id(ctx, args))
    actor = current_actor(ctx.store)
    if case.review_id is not None:
        return case.review_id, actor
    return review.open_case_review(ctx.store, case.id, actor=actor).review.id, actor


SHOW_LEGEND = "[x] answered   [ ] not answered   [-] does not apply (kept, not counted)   [!] breaks a rule"


def _display(view: review.ReviewView, qid: str) -> str:
    value = view.value(qid)
    return "" if value is None else display_value(value, view.framework.questions[qid])


def view_json(view: review.ReviewView) -> dict[str, Any]:
    evaluation = view.evaluation
    return {
        "review": {
            "id": view.review.id,
            "case_id": view.review.case_id,
            "instrument": view.review.instrument,
            "respondent": view.review.respondent,
            "framework": {"id": view.review.framework_id, "version": view.review.framework_version},
            "status": view.review.status,
            "progress": view.review.progress,
            "revision": view.review.revision,
            "finalised_at": view.review.finalised_at.isoformat() if view.review.finalised_at else None,
            "finalised_by": view.review.finalised_by,
        },
        "questions": [
            {
                "id": qid,
                "state": evaluation.state(qid, view.value(qid)),
                "value": view.value(qid),
                "note": view.note(qid),
                "feedback": view.answers[qid].feedback if qid in view.answers else None,
                "errors": list(evaluation.statuses[qid].errors),
            }
            for qid in evaluation.order
        ],
        "missing": [m.__dict__ for m in review.missing_items(view)],
    }


def _summary_line(view: review.ReviewView) -> str:
    r = view.review
    return (
        f"{r.status.replace('_', ' ')}, {r.progress}% of required questions answered, revision {r.revision}"
    )


# -- handlers ----------------------------------------------------------------------------------------------
def _case_list(ctx: Context, args: argparse.Namespace) -> None:
    inspection = resolve_inspection(ctx.store, args.inspection)
    cases = list_cases(ctx.store, inspection.id)

    purged = purged_reviews(ctx.store, [c.review_id for c in cases if c.review_id])

    def human() -> str:
        lines = [f"{inspection.label}: {len(cases)} cases", ""]
        lines.append(
            f"{'case':<10} {'order':<26} {'RoH':<10} {'PPO':<4} {'offender manager':<24} {'status':<12} %"
        )
        for c in cases:
            if c.review_id in purged:  # its facts and answers were removed: say so rather than show blanks
                lines.append(f"{c.reference:<10} {purged[c.review_id].text()}")
                continue
            lines.append(
                f"{c.reference:<10} {(c.order_type or '').replace('_', ' '):<26} "
                f"{(c.rosh_level or '').replace('_', ' '):<10} {'yes' if c.ppo else 'no':<4} "
                f"{(c.offender_manager or '')[:24]:<24} {c.status.replace('_', ' '):<12} {c.progress}"
            )
        return "\n".join(lines)

    listed = [
        c.as_json() | ({"purged": purged[c.review_id].as_json()} if c.review_id in purged else {})
        for c in cases
    ]
    ctx.emit({"inspection": inspection.as_json(), "cases": listed}, human)


def _answer(target: Target, ctx: Context, args: argparse.Namespace) -> None:
    review_id, actor = target.resolve(ctx, args)
    view = review.answer(
        ctx.store, review_id, args.question, args.value, actor=actor, note=args.note, reason=args.reason
    )
    ctx.emit(
        view_json(view),
        f"{target.name(args)} {args.question} = {_display(view, args.question)}; {_summary_line(view)}",
    )


def _clear(target: Target, ctx: Context, args: argparse.Namespace) -> None:
    review_id, actor = target.resolve(ctx, args)
    view = review.clear(ctx.store, review_id, args.question, actor=actor, reason=args.reason)
    ctx.emit(view_json(view), f"{target.name(args)} {args.question} cleared; {_summary_line(view)}")


def _note(target: Target, ctx: Context, args: argparse.Namespace) -> None:
    review_id, actor = target.resolve(ctx, args)
    view = review.set_note(ctx.store, review_id, args.question, args.text, actor=actor)
    ctx.emit(view_json(view), f"{target.name(args)} {args.question}: note saved")


def _feedback(target: Target, ctx: Context, args: argparse.Namespace) -> None:
    review_id, actor = target.resolve(ctx, args)
    kind = None if args.kind == "none" else args.kind
    view = review.set_feedback(ctx.store, review_id, args.question, kind, actor=actor)
    ctx.emit(view_json(view), f"{target.name(args)} {args.question}: feedback {args.kind}")


def _short(text: str, width: int = 70) -> str:
    """``text`` cut at a word to fit ``width`` characters, with an ellipsis when cut."""
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _missing_line(m: review.MissingItem) -> str:
    return f"  {m.question_id:<8} {_short(m.text)} — {m.reason}"


def _finalise(target: Target, ctx: Context, args: argparse.Namespace) -> None:
    review_id, actor = target.resolve(ctx, args)
    try:
        view = review.finalise(ctx.store, review_id, actor=actor)
    except review.IncompleteError as refused:
        # Every missing item, in reading order: as JSON on standard output with --json (the reason also goes
        # to standard error, as for any refusal), otherwise listed under the reason on standard error.
        if ctx.json:
            ctx.emit({"error": refused.summary, "missing": [m.__dict__ for m in refused.missing]}, "")
            raise RefusedError(refused.summary) from None
        lines = [f"{refused.summary}:", *(_missing_line(m) for m in refused.missing)]
        raise RefusedError("\n".join(lines)) from None
    ctx.emit(view_json(view), f"{target.name(args)} finalised (revision {view.review.revision})")


def _reopen(target: Target, ctx: Context, args: argparse.Namespace) -> None:
    review_id, actor = target.resolve(ctx, args)
    view = review.reopen(ctx.store, review_id, actor=actor, reason=args.reason)
    ctx.emit(view_json(view), f"{target.name(args)} reopened; {_summary_line(view)}")


def _show(target: Target, ctx: Context, args: argparse.Namespace) -> None:
    review_id, _actor = target.resolve(ctx, args)
    view = review.get_review(ctx.store, review_id)
    inspection = resolve_inspection(ctx.store, view.review.inspection_id)
    gone = purged_reviews(ctx.store, [review_id]).get(review_id)
    if gone is not None:  # purged: no answers to list (they were not lost; head office holds them)
        status = f"{view.review.status.replace('_', ' ')}, revision {view.review.revision}"
        ctx.emit(
            {"review": view_json(view)["review"], "purged": gone.as_json(), "training": inspection.training},
            f"{inspection.label}\n{target.name(args)}: {status}; {gone.text()}",
        )
        return

    def human() -> str:
        # The inspection's label says TRAINING DATA on a training inspection, as everywhere else.
        lines = [inspection.label, f"{target.name(args)}: {_summary_line(view)}", SHOW_LEGEND, ""]
        for qid in view.evaluation.order:
            state = view.evaluation.state(qid, view.value(qid))
            question = view.framework.questions[qid]
            mark = {"skipped": "-", "invalid": "!", "unanswered": " "}.get(state, "x")
            lines.append(f" [{mark}] {qid:<8} {_short(question.text.en):<70} {_display(view, qid)}")
            for error in view.evaluation.statuses[qid].errors:
                lines.append(f"           ! {error}")
        missing = review.missing_items(view)
        if missing:
            lines += ["", f"Still needed before finalising ({len(missing)}):"]
            lines += [_missing_line(m) for m in missing]
        return "\n".join(lines)

    ctx.emit({**view_json(view), "training": inspection.training}, human)


def _history(target: Target, ctx: Context, args: argparse.Namespace) -> None:
    review_id, _actor = target.resolve(ctx, args)
    trail = review.audit_trail(ctx.store, review_id)

    questions = review.get_review(ctx.store, review_id).framework.questions

    def change_of(e: review.AuditEntry) -> str:
        question = questions.get(e.question_id) if e.question_id else None
        if e.action in ("note", "feedback"):
            question = None  # a note or a feedback mark is shown as it is, not as an answer
        new = display_value(e.new_value, question)
        if e.action in ("start", "prefill", "finalise") or e.old_value in (None, "", []):
            return new
        return f"{display_value(e.old_value, question)} → {new}"

    def human() -> str:
        lines = [f"{'rev':>4}  {'when (UTC)':<19}  {'who':<12} {'what':<9} {'question':<9} change"]
        for e in trail:
            change = change_of(e)
            reason = f"  (reason: {e.reason})" if e.reason else ""
            lines.append(
                f"{e.revision:>4}  {e.at:%Y-%m-%d %H:%M:%S}  {e.actor:<12} {e.action:<9} "
                f"{e.question_id or '':<9} {change}{reason}"
            )
        return "\n".join(lines)

    ctx.emit([e.as_json() for e in trail], human)
