"""``omi scores [INSPECTION]``: headline scores with n and 95% interval, and per criterion."""

from __future__ import annotations

import argparse

from omi_desktop.cli import Context
from omi_desktop.core.inspections import resolve_inspection
from omi_desktop.core.scoring import Proportion, inspection_scores
from omi_desktop.core.sync.purged import purged_case_ids


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("scores", parents=[common], help="headline scores with n and 95%% interval")
    parser.add_argument("inspection", nargs="?", help="inspection id, area code or title (default: current)")
    parser.add_argument(
        "--include-unfinalised", action="store_true", help="count reviews that are not finalised yet"
    )
    parser.set_defaults(handler=_scores)


def _fmt(p: Proportion) -> str:
    if p.percent is None:
        return f"{'—':>6}  n={p.applicable:<5}"
    share = f"{p.positive:g}/{p.applicable}"
    if p.cases is not None:  # answers pooled over cases: the interval comes from the cases
        share = f"{share + f' in {p.cases} cases':<23}"
    return f"{p.percent:5.1f}%  {share:<7} (95% CI {p.ci_low:.1f}–{p.ci_high:.1f})"


def _scores(ctx: Context, args: argparse.Namespace) -> None:
    inspection = resolve_inspection(ctx.store, args.inspection)
    scores = inspection_scores(ctx.store, inspection.id, finalised_only=not args.include_unfinalised)
    purged = len(purged_case_ids(ctx.store, inspection.id))

    def human() -> str:
        counted = "reviews counted" if args.include_unfinalised else "finalised reviews counted"
        removed = f"; {purged} removed after receipt (held at head office)" if purged else ""
        lines = [f"{inspection.label}: {scores.reviews} {counted}{removed}", ""]
        lines.append("Headline scores — work done well enough (answers; cases):")
        for t in scores.threads:
            lines.append(f"  {t.thread:<4} {t.title:<28} {_fmt(t.answers)}   cases {_fmt(t.cases)}")
        lines += [
            "",
            "The 95% intervals of answers are computed from the cases: answers within one case are alike,",
            "so the case is the unit sampled (see 'in N cases').",
        ]
        if scores.criteria:
            lines += ["", "By criterion:"]
            lines += [f"  {c.criterion:<5} {c.title[:40]:<40} {_fmt(c.answers)}" for c in scores.criteria]
        return "\n".join(lines)

    ctx.emit(
        {"inspection": inspection.id, "training": inspection.training, **scores.as_json(), "purged": purged},
        human,
    )
