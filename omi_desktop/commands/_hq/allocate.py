"""``omi hq allocate``, ``omi hq assign``, ``omi hq allocation``: cases to inspectors."""

from __future__ import annotations

import argparse
from datetime import datetime

from omi_desktop.cli import Context
from omi_desktop.core.i18n import _, ngettext
from omi_desktop.core.inspections import resolve_inspection
from omi_desktop.core.sampling.allocation import (
    AllocationView,
    allocate,
    allocation_history,
    allocation_view,
    assign,
)
from omi_desktop.core.settings import current_actor


def register_hq(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    auto = actions.add_parser(
        "allocate",
        parents=[common],
        help="allocate the cases to the team, as evenly as the constraints allow",
    )
    auto.add_argument("inspection", nargs="?", help="inspection id, area code or title (default: current)")
    auto.add_argument("--redo", action="store_true", help="start again (cases under review stay put)")
    auto.add_argument(
        "--without", action="append", default=[], metavar="ID", help="leave this team member out"
    )
    auto.set_defaults(handler=_allocate)

    by_hand = actions.add_parser("assign", parents=[common], help="allocate one case by hand")
    by_hand.add_argument("case", help="the case reference (CRN)")
    by_hand.add_argument("inspector", help="the inspector's id, or 'none' to take the case back")
    by_hand.add_argument("--reason", help="why (kept in the record)")
    by_hand.add_argument("--inspection", help="inspection id, area code or title (default: current)")
    by_hand.set_defaults(handler=_assign)

    show = actions.add_parser("allocation", parents=[common], help="who has which case")
    show.add_argument("inspection", nargs="?", help="inspection id, area code or title (default: current)")
    show.add_argument("--history", action="store_true", help="every change, oldest first")
    show.set_defaults(handler=_show)


def view_text(view: AllocationView) -> str:
    lines = [f"{'Inspector':<32} {'Cases':>5}  Attributes"]
    for i in view.inspectors:
        notes = [i.role.replace("_", " ")]
        if i.experienced:
            notes.append("experienced")
        if i.home_team:
            notes.append(f"home team {i.home_team}")
        lines.append(f"{i.name + ' (' + i.id + ')':<32} {i.load:>5}  {', '.join(notes)}")
    names = {i.id: f"{i.name} ({i.id})" for i in view.inspectors}
    if view.left_out:
        lines.append("left out of this allocation: " + ", ".join(names.get(i, i) for i in view.left_out))
    lines.append(f"spread between the busiest and the least busy: {view.spread}")
    lines += [f"  because {e}" for e in view.explanations]
    if view.unallocated:
        lines.append(f"not allocated: {', '.join(view.unallocated)}")
    lines += [f"BREAKS A RULE: {v}" for v in view.violations]
    return "\n".join(lines)


def _allocate(ctx: Context, args: argparse.Namespace) -> None:
    inspection = resolve_inspection(ctx.store, args.inspection)
    view = allocate(
        ctx.store, inspection.id, actor=current_actor(ctx.store), redo=args.redo, without=tuple(args.without)
    )
    changed = ngettext("{n} case allocated or moved.", "{n} cases allocated or moved.", view.changed)
    ctx.emit(view.as_json(), lambda: f"{changed.format(n=view.changed)}\n{view_text(view)}")


def _assign(ctx: Context, args: argparse.Namespace) -> None:
    inspection = resolve_inspection(ctx.store, args.inspection)
    target = None if args.inspector.lower() == "none" else args.inspector
    view = assign(
        ctx.store, inspection.id, args.case, target, actor=current_actor(ctx.store), reason=args.reason
    )
    ctx.emit(view.as_json(), lambda: f"{args.case} -> {target or _('nobody')}.\n{view_text(view)}")


def _moment(text: str) -> str:
    """An ISO timestamp as dd/mm/yyyy hh:mm, local time."""
    moment = datetime.fromisoformat(text)
    return (moment.astimezone() if moment.tzinfo else moment).strftime("%d/%m/%Y %H:%M")


def _show(ctx: Context, args: argparse.Namespace) -> None:
    inspection = resolve_inspection(ctx.store, args.inspection)
    if args.history:
        changes = allocation_history(ctx.store, inspection.id)
        ctx.emit(
            changes,
            lambda: (
                "\n".join(
                    f"{_moment(c['at'])} {c['case']:<10} "
                    f"{c['from'] or _('nobody')} -> {c['to'] or _('nobody')} "
                    f"({c['method']}, {c['actor']}){': ' + c['reason'] if c['reason'] else ''}"
                    for c in changes
                )
                or "No allocation changes yet."
            ),
        )
        return
    view = allocation_view(ctx.store, inspection.id)
    ctx.emit(view.as_json(), lambda: view_text(view))
