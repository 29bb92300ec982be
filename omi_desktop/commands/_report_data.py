"""``omi report answers|cases`` (data exports) and ``omi report theme ...`` (the lead inspector's themes)."""

from __future__ import annotations

import argparse

from omi_desktop.cli import Context
from omi_desktop.core.reports.themes import THEME_KINDS


def register_data(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    scope = argparse.ArgumentParser(add_help=False)
    scope.add_argument("inspection", nargs="?", help="inspection id, area code or title (default: current)")
    scope.add_argument("--out", required=True, metavar="FILE", help="a .csv or .xlsx file")
    scope.add_argument("--all", action="store_true", help="every inspection in this data folder")

    answers = actions.add_parser(
        "answers", parents=[common, scope], help="export answers (one row per review and question)"
    )
    answers.add_argument("--finalised-only", action="store_true", help="finalised reviews only")
    answers.set_defaults(handler=_answers)

    cases = actions.add_parser("cases", parents=[common, scope], help="export per-case summaries")
    cases.set_defaults(handler=_cases)


def register_themes(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    theme = actions.add_parser("theme", parents=[common], help="the lead inspector's themes for the interim")
    theme_actions = theme.add_subparsers(dest="theme_action", metavar="ACTION")
    theme_actions.required = True

    listing = theme_actions.add_parser("list", parents=[common], help="the themes of an inspection")
    listing.add_argument("inspection", nargs="?", help="inspection id, area code or title (default: current)")
    listing.set_defaults(handler=_theme_list)

    add = theme_actions.add_parser("add", parents=[common], help="add a theme at the end")
    add.add_argument("--inspection", help="inspection id, area code or title (default: current)")
    add.add_argument("--heading", required=True)
    add.add_argument("--text", default="", help="the paragraph under the heading")
    add.add_argument("--kind", choices=THEME_KINDS, default="general")
    add.set_defaults(handler=_theme_add)

    edit = theme_actions.add_parser("edit", parents=[common], help="change or move a theme")
    edit.add_argument("theme", help="theme id (or the start of it)")
    edit.add_argument("--heading")
    edit.add_argument("--text")
    edit.add_argument("--kind", choices=THEME_KINDS)
    edit.add_argument("--position", type=int, help="move it to this place (1 = first)")
    edit.set_defaults(handler=_theme_edit)

    remove = theme_actions.add_parser("remove", parents=[common], help="delete a theme")
    remove.add_argument("theme", help="theme id (or the start of it)")
    remove.set_defaults(handler=_theme_remove)


def _export(ctx: Context, args: argparse.Namespace, what: str) -> None:
    from omi_desktop.core.errors import RefusedError
    from omi_desktop.core.reports.exports import export_answers, export_cases

    if args.all and args.inspection:
        raise RefusedError("name an inspection or use --all, not both")
    if what == "answers":
        operation = export_answers(
            ctx.store, args.out, args.inspection, all_inspections=args.all, finalised_only=args.finalised_only
        )
    else:
        operation = export_cases(ctx.store, args.out, args.inspection, all_inspections=args.all)
    result = ctx.run(operation)
    ctx.emit(
        {
            "path": str(result.path),
            "rows": result.rows,
            "inspections": result.inspections,
            "format": result.format,
        },
        f"Wrote {result.rows} rows ({what}) to {result.path}.",
    )


def _answers(ctx: Context, args: argparse.Namespace) -> None:
    _export(ctx, args, "answers")


def _cases(ctx: Context, args: argparse.Namespace) -> None:
    _export(ctx, args, "cases")


def _theme_list(ctx: Context, args: argparse.Namespace) -> None:
    from omi_desktop.core.inspections import resolve_inspection
    from omi_desktop.core.reports.themes import kind_label, list_themes

    inspection = resolve_inspection(ctx.store, args.inspection)
    themes = list_themes(ctx.store, inspection.id)

    def human() -> str:
        if not themes:
            return f"{inspection.label}: no themes yet (add one with 'omi report theme add --heading ...')"
        lines = [f"{inspection.label}: {len(themes)} themes", ""]
        for number, theme in enumerate(themes, start=1):
            lines.append(f"{number}. [{theme.id[:8]}] {theme.heading} ({kind_label(theme.kind)})")
            if theme.text:
                lines.append(f"   {theme.text}")
        return "\n".join(lines)

    ctx.emit({"inspection": inspection.id, "themes": [t.as_json() for t in themes]}, human)


def _theme_add(ctx: Context, args: argparse.Namespace) -> None:
    from omi_desktop.core.inspections import resolve_inspection
    from omi_desktop.core.reports.themes import add_theme
    from omi_desktop.core.settings import current_actor

    inspection = resolve_inspection(ctx.store, args.inspection)
    theme = add_theme(
        ctx.store, inspection.id, args.heading, args.text, kind=args.kind, author=current_actor(ctx.store)
    )
    ctx.emit(theme.as_json(), f"Added theme {theme.position} [{theme.id[:8]}]: {theme.heading}")


def _theme_edit(ctx: Context, args: argparse.Namespace) -> None:
    from omi_desktop.core.reports.themes import edit_theme

    theme = edit_theme(
        ctx.store, args.theme, heading=args.heading, text=args.text, kind=args.kind, position=args.position
    )
    ctx.emit(theme.as_json(), f"Theme {theme.position} [{theme.id[:8]}] is now: {theme.heading}")


def _theme_remove(ctx: Context, args: argparse.Namespace) -> None:
    from omi_desktop.core.reports.themes import remove_theme

    theme = remove_theme(ctx.store, args.theme)
    ctx.emit(theme.as_json(), f"Removed theme [{theme.id[:8]}]: {theme.heading}")
