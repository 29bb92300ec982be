"""``omi report leadership`` and ``omi report service-users``: the area documents' sections on the other
instruments, as text or ``--json`` (the same figures the PDFs print)."""

from __future__ import annotations

import argparse

from omi_desktop.cli import Context


def register_instruments(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    leadership = actions.add_parser(
        "leadership", parents=[common], help="the area-level assessment's judgements by criterion"
    )
    leadership.add_argument(
        "inspection", nargs="?", help="inspection id, area code or title (default: current)"
    )
    leadership.set_defaults(handler=_leadership)
    users = actions.add_parser(
        "service-users", parents=[common], help="the finalised questionnaires, summarised per question"
    )
    users.add_argument("inspection", nargs="?", help="inspection id, area code or title (default: current)")
    users.set_defaults(handler=_service_users)


def _leadership(ctx: Context, args: argparse.Namespace) -> None:
    from omi_desktop.core.reports.instrument_summaries import leadership_summary
    from omi_desktop.core.reports.judgements import verdict_label

    summary = leadership_summary(ctx.store, args.inspection)

    def human() -> str:
        if not summary.assessments:
            return "This inspection's framework has no area-level assessment."
        lines = []
        for a in summary.assessments:
            state = {
                "finalised": f"finalised {a.finalised_at:%Y-%m-%d} by {a.finalised_by}"
                if a.finalised_at
                else "",
                "not_started": "not started",
            }.get(a.status, f"NOT YET FINALISED ({a.progress}% answered)")
            lines += [f"{a.title}: {state}", ""]
            for c in a.criteria:
                verdict = "not judged yet" if not c.applicable and c.unanswered else verdict_label(c.verdict)
                lines.append(
                    f"  {c.criterion_id:<6} {c.title[:50]:<50} {verdict} ({c.positive} of {c.applicable})"
                )
            lines.append("")
        return "\n".join(lines).rstrip()

    ctx.emit(summary.as_json(), human)


def _service_users(ctx: Context, args: argparse.Namespace) -> None:
    from omi_desktop.core.reports.instrument_summaries import service_users_summary

    summary = service_users_summary(ctx.store, args.inspection)

    def human() -> str:
        if not summary.questionnaires:
            return "This inspection's framework has no questionnaires."
        lines = []
        for q in summary.questionnaires:
            lines += [f"{q.title}: {q.finalised} finalised responses ({q.not_finalised} not finalised)", ""]
            for question in (x for x in q.questions if x.applied):
                lines.append(f"  {question.question_id:<8} {question.text[:70]}  (n={question.n})")
                for o in question.options:
                    share = f"{o.percent:.0f}%" if o.percent is not None else "—"
                    lines.append(f"             {o.label[:40]:<40} {o.count:>4} {share:>5}")
                if question.type == "text":
                    lines.append(f"             {question.comments} comments (not shown)")
            lines.append("")
        return "\n".join(lines).rstrip()

    ctx.emit(summary.as_json(), human)
