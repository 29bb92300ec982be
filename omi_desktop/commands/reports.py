"""``omi feedback`` and ``omi report``: printed documents, the lead inspector's themes, data exports.

omi feedback CASE --out FILE.pdf                     the case feedback sheet (a draft until finalised)
omi feedback --finalised-today --out FILE.pdf        every sheet finalised today, as one print job
omi report interim [INSPECTION] --out FILE.pdf       interim area feedback ("emerging findings")
omi report area INSPECTION --out FILE.pdf            the head-office area report
omi report comparison INSPECTION                     the regional comparison, as text or JSON
omi report leadership|service-users [INSPECTION]     the area assessment and questionnaires, text or JSON
omi report answers|cases [INSPECTION] --out F.csv|F.xlsx   data exports
omi report theme list|add|edit|remove                the lead inspector's themes
omi report marking [TEXT | --reset]                  the protective marking on every page
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from omi_desktop.cli import Context
from omi_desktop.commands._report_data import register_data, register_themes
from omi_desktop.commands._report_instruments import register_instruments
from omi_desktop.core.errors import RefusedError


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument("--language", choices=("en", "cy"), help="language of the document's fixed text")

    feedback = commands.add_parser(
        "feedback", parents=[common, language], help="print the case feedback sheet (PDF)"
    )
    feedback.add_argument("case", nargs="?", help="case reference")
    feedback.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    feedback.add_argument("--inspection", help="the inspection, when the case reference is not unique")
    feedback.add_argument(
        "--finalised-today", action="store_true", help="every case finalised today, as one document"
    )
    feedback.set_defaults(handler=_feedback)

    report = commands.add_parser("report", parents=[common], help="area reports, themes, data exports")
    actions = report.add_subparsers(dest="report_action", metavar="ACTION")
    actions.required = True

    interim = actions.add_parser(
        "interim", parents=[common, language], help='interim area feedback ("emerging findings")'
    )
    interim.add_argument("inspection", nargs="?", help="inspection id, area code or title (default: current)")
    interim.add_argument("--out", required=True, metavar="FILE.pdf")
    interim.set_defaults(handler=_interim)

    area = actions.add_parser("area", parents=[common, language], help="the head-office area report")
    area.add_argument("inspection", help="inspection id, area code or title")
    area.add_argument("--out", required=True, metavar="FILE.pdf")
    area.set_defaults(handler=_area)

    comparison = actions.add_parser(
        "comparison", parents=[common], help="the area's figures beside its region's and the national"
    )
    comparison.add_argument(
        "inspection", nargs="?", help="inspection id, area code or title (default: current)"
    )
    comparison.set_defaults(handler=_comparison)

    marking = actions.add_parser("marking", parents=[common], help="show or set the protective marking")
    marking.add_argument("text", nargs="?", help="the new marking, e.g. OFFICIAL-SENSITIVE")
    marking.add_argument("--reset", action="store_true", help="go back to OFFICIAL-SENSITIVE")
    marking.set_defaults(handler=_marking)

    register_data(actions, common)
    register_themes(actions, common)
    register_instruments(actions, common)


# -- helpers -----------------------------------------------------------------------------------------------
def pdf_path(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != ".pdf":
        raise RefusedError(f"the output file must end in .pdf (not {path.name})")
    return path


@contextmanager
def _language(args: argparse.Namespace) -> Iterator[None]:
    """Print in the language asked for (``--language``), then go back to the one before."""
    from omi_desktop.core.i18n import current_language, set_language

    before = current_language()
    if getattr(args, "language", None):
        set_language(args.language)
    try:
        yield
    finally:
        set_language(before)


def _emit_pdf(ctx: Context, rendered: Any, what: str) -> None:
    ctx.emit(
        {"path": str(rendered.path), "pages": rendered.pages},
        f"Wrote {what} to {rendered.path} ({rendered.pages} page{'s' if rendered.pages != 1 else ''}).",
    )


# -- handlers ----------------------------------------------------------------------------------------------
def _feedback(ctx: Context, args: argparse.Namespace) -> None:
    out = pdf_path(args.out)
    with _language(args):
        _feedback_in_language(ctx, args, out)


def _feedback_in_language(ctx: Context, args: argparse.Namespace, out: Path) -> None:
    from omi_desktop.core.clock import today
    from omi_desktop.core.inspections import find_case, resolve_inspection
    from omi_desktop.core.reports.feedback import feedback_pdf, feedback_sheets, finalised_on

    if args.finalised_today == bool(args.case):
        raise RefusedError("name one case, or use --finalised-today (not both)")
    if args.case:
        inspection_id = resolve_inspection(ctx.store, args.inspection).id if args.inspection else None
        case = find_case(ctx.store, args.case, inspection_id)
        rendered = feedback_pdf(ctx.store, case.id, out, inspection_id=inspection_id)
        draft = " (DRAFT: the review is not finalised)" if case.status != "finalised" else ""
        _emit_pdf(ctx, rendered, f"the feedback sheet for {case.reference}{draft}")
        return
    cases = finalised_on(ctx.store, today(), args.inspection)
    if not cases:
        raise RefusedError("no case review was finalised today, so there is no feedback sheet to print")
    rendered = ctx.run(feedback_sheets(ctx.store, cases, out))
    refs = ", ".join(c.reference for c in cases[:8]) + (
        f" and {len(cases) - 8} more" if len(cases) > 8 else ""
    )
    ctx.emit(
        {"path": str(rendered.path), "pages": rendered.pages, "cases": [c.reference for c in cases]},
        f"Wrote {len(cases)} feedback sheets ({refs}) to {rendered.path} ({rendered.pages} pages).",
    )


def _interim(ctx: Context, args: argparse.Namespace) -> None:
    from omi_desktop.core.reports.interim import interim_report

    out = pdf_path(args.out)
    with _language(args):
        rendered = ctx.run(interim_report(ctx.store, args.inspection, out))
    _emit_pdf(ctx, rendered, "the interim area feedback")


def _area(ctx: Context, args: argparse.Namespace) -> None:
    from omi_desktop.core.reports.area import area_report

    out = pdf_path(args.out)
    with _language(args):
        rendered = ctx.run(area_report(ctx.store, args.inspection, out))
    _emit_pdf(ctx, rendered, "the area report")


def _comparison(ctx: Context, args: argparse.Namespace) -> None:
    from dataclasses import asdict

    from omi_desktop.core.inspections import resolve_inspection
    from omi_desktop.core.reports.text import whole_percent
    from omi_desktop.core.scoring.regional import regional_comparison

    inspection = resolve_inspection(ctx.store, args.inspection)
    comparison = regional_comparison(ctx.store, inspection.id)

    def human() -> str:
        lines = [
            f"{inspection.label}: region {comparison.region_name or 'not recorded'}, "
            f"inspections to date: {len(comparison.regional_inspections)}",
            "",
            f"{'thread':<6} {'area':>6} {'lowest':>7} {'highest':>8} {'average':>8} {'national':>9}",
        ]
        for c in comparison.threads:
            area, low, high, mean, national = (
                whole_percent(v) for v in (c.area, c.lowest, c.highest, c.average, c.national)
            )
            lines.append(f"{c.thread:<6} {area:>6} {low:>7} {high:>8} {mean:>8} {national:>9}")
        return "\n".join(lines)

    ctx.emit(
        {
            "inspection": inspection.id,
            "region": comparison.region_code,
            "regional_inspections": list(comparison.regional_inspections),
            "threads": [asdict(c) for c in comparison.threads],
        },
        human,
    )


def _marking(ctx: Context, args: argparse.Namespace) -> None:
    from omi_desktop.core.reports.marking import protective_marking, set_protective_marking

    if args.reset and args.text:
        raise RefusedError("give a new marking or --reset, not both")
    if args.text is not None and not args.text.strip():
        raise RefusedError("a protective marking cannot be empty (use --reset for OFFICIAL-SENSITIVE)")
    if args.reset or args.text is not None:
        marking = set_protective_marking(ctx.store, None if args.reset else args.text)
        ctx.emit({"marking": marking}, f"Documents are now marked {marking}.")
        return
    marking = protective_marking(ctx.store)
    ctx.emit({"marking": marking}, marking)
