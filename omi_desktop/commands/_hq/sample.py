"""``omi hq sample``, ``omi hq longlist check``, ``omi hq analysis``, ``omi hq replace``: the case sample."""

from __future__ import annotations

import argparse
from pathlib import Path

from omi_desktop.cli import Context
from omi_desktop.commands._hq.setup import date_argument, day
from omi_desktop.core.errors import NotFoundError, RefusedError, ValidationError
from omi_desktop.core.i18n import _, ngettext
from omi_desktop.core.inspections import resolve_inspection
from omi_desktop.core.sampling.analysis import SampleAnalysis, sample_analysis
from omi_desktop.core.sampling.eligibility import reason_label
from omi_desktop.core.sampling.longlist import LongList, problem_lines, read_long_list
from omi_desktop.core.sampling.parameters import (
    DEFAULT_BUFFER_PERCENT,
    DEFAULT_MAX_PER_OFFICER,
    parameters_for,
    parse_minimum,
)
from omi_desktop.core.sampling.records import current_sample, sample_operation
from omi_desktop.core.sampling.replace import replace_case
from omi_desktop.core.sampling.strata import OTHER_GENDER_RULES, default_strata, load_strata
from omi_desktop.core.settings import current_actor
from omi_desktop.core.store import Store


def register_hq(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sample = actions.add_parser(
        "sample", parents=[common], help="draw the case sample from a long list (CSV or XLSX)"
    )
    sample.add_argument("longlist", type=Path, metavar="LONGLIST")
    sample.add_argument("--size", type=int, required=True, metavar="N", help="cases to sample, e.g. 100")
    sample.add_argument("--inspection", help="inspection id, area code or title (default: current)")
    sample.add_argument("--seed", type=int, metavar="N", help="default: a new random seed (it is printed)")
    sample.add_argument("--buffer", type=float, default=DEFAULT_BUFFER_PERCENT, metavar="PCT")
    cap = sample.add_mutually_exclusive_group()
    cap.add_argument("--max-per-officer", type=int, default=DEFAULT_MAX_PER_OFFICER, metavar="N")
    cap.add_argument("--no-cap", action="store_true", help="no limit on cases per responsible officer")
    sample.add_argument("--window-start", type=date_argument, metavar="DATE", help="default: 7 months before")
    sample.add_argument("--window-end", type=date_argument, metavar="DATE", help="default: 6 months before")
    sample.add_argument("--as-of", type=date_argument, metavar="DATE", help="later starts: not commenced")
    sample.add_argument(
        "--min",
        action="append",
        default=[],
        metavar="CRITERION=N",
        help="e.g. high_rosh=20, ppo=5, tier:4=10",
    )
    sample.add_argument("--strata", type=Path, metavar="FILE.toml", help="strata other than the default")
    sample.add_argument(
        "--other-gender",
        choices=OTHER_GENDER_RULES,
        default="male",
        help="default strata: where people recorded as neither male nor female go",
    )
    sample.add_argument(
        "--skip-invalid-rows", action="store_true", help="go on without the rows that have problems"
    )
    sample.add_argument("--redraw", action="store_true", help="replace this inspection's sample")
    sample.set_defaults(handler=_sample)

    longlist = actions.add_parser("longlist", parents=[common], help="check a long list without sampling")
    steps = longlist.add_subparsers(dest="longlist_action", metavar="ACTION")
    steps.required = True
    check = steps.add_parser("check", parents=[common], help="report every problem, by row and column")
    check.add_argument("file", type=Path)
    check.set_defaults(handler=_check)

    analysis = actions.add_parser("analysis", parents=[common], help="the analysis of the current sample")
    analysis.add_argument(
        "inspection", nargs="?", help="inspection id, area code or title (default: current)"
    )
    analysis.add_argument("--out", type=Path, metavar="FILE.pdf", help="also write the printable analysis")
    analysis.set_defaults(handler=_analysis)

    replace = actions.add_parser("replace", parents=[common], help="replace a case by the next buffer case")
    replace.add_argument("case", help="the case reference (CRN)")
    replace.add_argument("--reason", required=True, help="why it cannot be inspected (kept in the record)")
    replace.add_argument("--inspection", help="inspection id, area code or title (default: current)")
    replace.set_defaults(handler=_replace)


def _read(ctx: Context, path: Path, *, skip: bool) -> LongList:
    longlist = read_long_list(path)
    if longlist.problems and not skip:
        error = ValidationError(
            _(
                "{found}; nothing was imported (correct the file, or add --skip-invalid-rows to continue "
                "without those rows)"
            ).format(found=longlist.problems_found()),
            [str(p) for p in longlist.problems],
        )
        ctx.emit(
            {"long_list": longlist.summary_json(), "error": error.message},
            lambda: "\n".join(problem_lines(longlist.problems)),
        )
        raise error
    return longlist


def _refuse_a_second_sample(store: Store, inspection_id: str) -> None:
    """The core refuses too; here the refusal names the option that replaces the sample."""
    try:
        drawn = current_sample(store, inspection_id)
    except NotFoundError:
        return
    raise RefusedError(
        _("this inspection already has a sample (drawn {when} by {who}); add --redraw to replace it").format(
            when=drawn.created_at.date(), who=drawn.created_by
        )
    )


def _sample(ctx: Context, args: argparse.Namespace) -> None:
    store = ctx.store
    inspection = resolve_inspection(store, args.inspection)
    strata = load_strata(args.strata) if args.strata else default_strata(args.other_gender)
    parameters = parameters_for(
        inspection.fieldwork_start,
        size=args.size,
        seed=args.seed,
        buffer_percent=args.buffer,
        max_per_officer=None if args.no_cap else args.max_per_officer,
        window_start=args.window_start,
        window_end=args.window_end,
        as_of=args.as_of,
        strata=strata,
        minimums=tuple(parse_minimum(m) for m in args.min),
    )
    if not args.redraw:
        _refuse_a_second_sample(store, inspection.id)
    longlist = _read(ctx, args.longlist, skip=args.skip_invalid_rows)
    operation = sample_operation(
        store,
        inspection.id,
        longlist,
        parameters,
        actor=current_actor(store),
        skip_invalid_rows=args.skip_invalid_rows,
        redraw=args.redraw,
    )
    ctx.run(operation)
    analysis = sample_analysis(store, inspection.id)
    ctx.emit(analysis.as_json(), lambda: summary_text(analysis, brief=True))


def summary_text(analysis: SampleAnalysis, *, brief: bool = False) -> str:
    info, counts, p = analysis.sample, analysis.counts, analysis.sample.parameters
    cap = p["max_per_officer"]
    lines = [
        f"Sample for '{analysis.inspection.label}' from {info.source_name} ({info.source_encoding}), "
        f"seed {info.seed}, drawn {info.created_at.astimezone():%d/%m/%Y %H:%M} by {info.created_by}",
        f"  window: started {day(p['window_start'])} to {day(p['window_end'])} (as of {day(p['as_of'])}); "
        + (f"at most {cap} per responsible officer; " if cap else "no cap per officer; ")
        + f"buffer {p['buffer_percent']:g}%",
        f"  {counts['rows']} rows = {counts['frame']} in the sample frame + {counts['excluded']} excluded"
        f" + {counts['duplicates']} duplicates"
        + (f" + {counts['invalid']} invalid" if counts["invalid"] else ""),
    ]
    if analysis.excluded_by_reason:
        parts = [f"{reason_label(r)} {n}" for r, n in sorted(analysis.excluded_by_reason.items())]
        lines.append("  excluded: " + "; ".join(parts))
    lines += [
        "",
        f"  {'Stratum':<52} {'Frame':>6} {'%':>5} {'Target':>6} {'Sample':>6} {'%':>5} {'Buffer':>6}",
    ]
    for s in analysis.strata:
        lines.append(
            f"  {s.label[:52]:<52} {s.population:>6} {s.population_percent:>5.1f} {s.target:>6}"
            f" {s.sampled:>6} {s.sample_percent:>5.1f} {s.buffer_left:>6}"
        )
    lines.append(
        f"  {'Total':<52} {counts['frame']:>6} {'':>5} {p['size']:>6} {counts['sampled']:>6} {'':>5}"
        f" {counts['buffer_left']:>6}"
    )
    lines.append(f"  most cases from one responsible officer: {analysis.most_per_officer}")
    for other, n in sorted(analysis.other_genders.items()):
        recorded = other.replace("_", " ")
        lines.append(f"  gender recorded as {recorded}: {n['frame']} in the frame, {n['sampled']} sampled")
    for m in analysis.minimums:
        label = m.get("label", m["name"])
        lines.append(f"  minimum {label}: {m['now']} in the sample (at least {m['required']} required)")
    lines.append("  shortfalls: " + ("; ".join(analysis.shortfalls) if analysis.shortfalls else "none"))
    if analysis.replacements:
        lines.append(f"  replacements: {len(analysis.replacements)}")
    if brief:
        lines += ["", "Next: omi hq analysis (--out FILE.pdf to print it), omi hq allocate"]
    return "\n".join(lines)


def _details_text(analysis: SampleAnalysis) -> str:
    lines = [summary_text(analysis), "", "By LDU (frame / sampled):"]
    lines += [f"  {g.cluster} / {g.ldu}: {g.population} / {g.sampled}" for g in analysis.ldus]
    lines += ["", "Responsible officers with sampled cases (frame / sampled):"]
    lines += [
        f"  {g.ldu} / {g.officer}: {g.population} / {g.sampled}" for g in analysis.officers if g.sampled
    ]
    if analysis.replacements:
        lines += ["", "Replacements:"]
        lines += [
            f"  {r.replaced_crn} -> {r.replacement_crn} ({r.stratum}) {r.at[:16]} {r.actor}: {r.reason}"
            for r in analysis.replacements
        ]
    lines += ["", f"Duplicates ({len(analysis.duplicates)}):"]
    lines += [f"  row {d.row} {d.crn}: {d.detail}" for d in analysis.duplicates]
    lines += ["", f"Exclusions ({len(analysis.exclusions)}; the full list is in --json and the PDF):"]
    lines += [f"  row {e.row} {e.crn}: {e.reason}: {e.detail}" for e in analysis.exclusions[:20]]
    if len(analysis.exclusions) > 20:
        lines.append(f"  ... and {len(analysis.exclusions) - 20} more")
    return "\n".join(lines)


def _check(ctx: Context, args: argparse.Namespace) -> int:
    longlist = read_long_list(args.file)
    document = longlist.summary_json()

    def human() -> str:
        problems, rows = len(longlist.problems), len(longlist.invalid_rows)
        found = (
            ngettext("{n} problem in {rows}", "{n} problems in {rows}", problems).format(
                n=problems, rows=ngettext("{n} row", "{n} rows", rows).format(n=rows)
            )
            if problems
            else _("no problems")
        )
        lines = [f"{longlist.source}: {longlist.rows} case rows ({longlist.encoding}), {found}"]
        lines += problem_lines(longlist.problems)
        if longlist.notices:
            lines += ["Notices:", *problem_lines(longlist.notices)]
        return "\n".join(lines)

    ctx.emit(document, human)
    return 1 if longlist.problems else 0


def _analysis(ctx: Context, args: argparse.Namespace) -> None:
    analysis = sample_analysis(ctx.store, args.inspection)
    if args.out:
        from omi_desktop.core.reports.sample_analysis import write_sample_analysis

        write_sample_analysis(ctx.store, analysis, args.out)
    document = analysis.as_json()
    if args.out:
        document["pdf"] = str(args.out)
    ctx.emit(
        document,
        lambda: _details_text(analysis) + (f"\n\nWrote {args.out}" if args.out else ""),
    )


def _replace(ctx: Context, args: argparse.Namespace) -> None:
    inspection = resolve_inspection(ctx.store, args.inspection)
    info = replace_case(
        ctx.store, inspection.id, args.case, reason=args.reason, actor=current_actor(ctx.store)
    )
    allocated = f", allocated to {info.inspector_id}" if info.inspector_id else " (not allocated yet)"
    left = ngettext(
        "{n} buffer case left in that stratum", "{n} buffer cases left in that stratum", info.buffer_left
    ).format(n=info.buffer_left)
    ctx.emit(
        info.as_json(),
        f"Replaced {info.replaced} by {info.replacement} (buffer rank {info.buffer_rank} of "
        f"{info.stratum_label}){allocated}; {left}.\n"
        + _(
            "Issue the inspector a new assignment (omi hq issue-assignment): it withdraws {ref} from them."
        ).format(ref=info.replaced),
    )
