"""``omi hq inspection create|list``, ``omi hq inspectors add|update|list``, ``omi hq team``: setting up."""

from __future__ import annotations

import argparse
from datetime import date

from omi_desktop.cli import Context
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.framework.registry import latest
from omi_desktop.core.i18n import _, ngettext
from omi_desktop.core.inspections import list_cases, list_inspections, resolve_inspection
from omi_desktop.core.sampling import team
from omi_desktop.core.sampling.values import BadValue, read_date
from omi_desktop.core.settings import CURRENT_INSPECTION, set_setting
from omi_desktop.core.setup import InspectorSpec, create_inspection


def date_argument(text: str) -> date:
    """A date on the command line: yyyy-mm-dd or dd/mm/yyyy."""
    try:
        value = read_date(text)
    except BadValue as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value is None:
        raise argparse.ArgumentTypeError("a date is needed")
    return value


def day(value: date | str | None) -> str:
    """A date as people here write it, dd/mm/yyyy; "(none)" when there is none."""
    if value is None or value == "":
        return _("(none)")
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def _ids(values: list[str] | None) -> list[str]:
    return [i.strip() for v in values or [] for i in v.split(",") if i.strip()]


def register_hq(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    inspection = actions.add_parser("inspection", parents=[common], help="create and list inspections")
    steps = inspection.add_subparsers(dest="inspection_action", metavar="ACTION")
    steps.required = True
    create = steps.add_parser("create", parents=[common], help="set up an inspection (it becomes current)")
    create.add_argument("--area", required=True, metavar="CODE", help="the probation area's code")
    create.add_argument("--area-name", metavar="NAME", help="needed the first time an area is named")
    create.add_argument("--region", metavar="CODE", help="the region's code")
    create.add_argument("--region-name", metavar="NAME")
    create.add_argument("--title", help="default: '<area name> Offender Management Inspection'")
    create.add_argument("--fieldwork-start", required=True, type=date_argument, metavar="DATE")
    create.add_argument("--fieldwork-end", type=date_argument, metavar="DATE")
    create.add_argument("--framework", default="omi-2006", metavar="ID")
    create.add_argument("--framework-version", type=int, metavar="N", help="default: the newest")
    create.add_argument(
        "--modules", metavar="A,B", help="active modules (default: the framework's defaults); 'none' for none"
    )
    create.add_argument("--lead", metavar="ID", help="the lead inspector's id")
    create.add_argument("--team", action="append", metavar="ID[,ID...]", help="inspectors in the team")
    create.set_defaults(handler=_create)
    steps.add_parser("list", parents=[common], help="inspections in this data folder").set_defaults(
        handler=_list
    )

    inspectors = actions.add_parser("inspectors", parents=[common], help="add, update and list inspectors")
    acts = inspectors.add_subparsers(dest="inspectors_action", metavar="ACTION")
    acts.required = True
    add = acts.add_parser("add", parents=[common], help="add an inspector")
    add.add_argument("id", help="the identity id issued at head office, e.g. INS-014")
    add.add_argument("--name", required=True)
    add.add_argument("--role", default="inspector", choices=team.ROLES)
    add.add_argument("--experienced", action="store_true", help="may have high and very high RoSH cases")
    add.add_argument("--home-team", metavar="TEAM", help="a local assessor's own probation team")
    add.set_defaults(handler=_add)
    update = acts.add_parser("update", parents=[common], help="change an inspector's details")
    update.add_argument("id")
    update.add_argument("--name")
    update.add_argument("--role", choices=team.ROLES)
    update.add_argument("--experienced", action=argparse.BooleanOptionalAction, default=None)
    update.add_argument("--home-team", metavar="TEAM", help="'' to clear")
    update.set_defaults(handler=_update)
    acts.add_parser("list", parents=[common], help="every inspector").set_defaults(handler=_inspectors)

    members = actions.add_parser("team", parents=[common], help="show or change an inspection's team")
    members.add_argument("inspection", nargs="?", help="inspection id, area code or title (default: current)")
    members.add_argument("--add", action="append", metavar="ID[,ID...]")
    members.add_argument("--remove", action="append", metavar="ID[,ID...]")
    members.set_defaults(handler=_team)


def _create(ctx: Context, args: argparse.Namespace) -> None:
    store = ctx.store
    area_name = args.area_name or team.area_name(store, args.area)
    if area_name is None:
        raise RefusedError(f"area {args.area} is new here: give its name with --area-name")
    lead = team.find_inspectors(store, [args.lead])[0].spec if args.lead else None
    members = [i.spec for i in team.find_inspectors(store, _ids(args.team))]
    modules = None
    if args.modules is not None:
        modules = [] if args.modules.strip().lower() == "none" else _ids([args.modules])
    version = args.framework_version or latest(store, args.framework).version
    info = create_inspection(
        store,
        title=args.title or f"{area_name} Offender Management Inspection",
        area_code=args.area,
        area_name=area_name,
        region_code=args.region,
        region_name=args.region_name,
        framework_id=args.framework,
        framework_version=version,
        active_modules=modules,
        fieldwork_start=args.fieldwork_start,
        fieldwork_end=args.fieldwork_end,
        lead=lead,
        team=members,
    )
    set_setting(store, CURRENT_INSPECTION, info.id)
    ctx.emit(
        {"inspection": info.as_json(), "team": [m.id for m in team.team_of(store, info.id)]},
        lambda: "\n".join(
            [
                f"Created '{info.title}' ({info.id}), {info.framework_id} v{info.framework_version}",
                f"  area {info.area_code} {info.area_name}; fieldwork from {day(info.fieldwork_start)}"
                + (f" to {day(info.fieldwork_end)}" if info.fieldwork_end else ""),
                f"  modules: {', '.join(info.active_modules) or _('(none)')}",
                f"  lead: {info.lead_inspector_id or _('(none)')}",
                f"  team: {', '.join(m.id for m in team.team_of(store, info.id)) or _('(none)')}",
                "It is now the current inspection. Next: omi hq sample LONGLIST --size 100",
            ]
        ),
    )


def _list(ctx: Context, args: argparse.Namespace) -> None:
    inspections = list_inspections(ctx.store)
    rows = [(i, len(list_cases(ctx.store, i.id))) for i in inspections]
    ctx.emit(
        [{**i.as_json(), "cases": n} for i, n in rows],
        lambda: (
            "\n".join(
                f"{i.id[:8]}  {i.area_code:<8} {day(i.fieldwork_start):<10}  "
                + ngettext("{n} case", "{n} cases", n).format(n=f"{n:>4}")
                + f"  {i.label}"
                for i, n in rows
            )
            or "No inspections yet (omi hq inspection create ...)."
        ),
    )


def _describe(i: team.InspectorInfo) -> str:
    notes = [i.role.replace("_", " ")]
    if i.experienced:
        notes.append("experienced")
    if i.home_team:
        notes.append(f"home team {i.home_team}")
    return f"{i.id:<12} {i.name:<28} {', '.join(notes)}"


def _add(ctx: Context, args: argparse.Namespace) -> None:
    info = team.add_inspector(
        ctx.store, InspectorSpec(args.id, args.name, args.role, args.experienced, args.home_team)
    )
    ctx.emit(info.as_json(), f"Added {_describe(info)}")


def _update(ctx: Context, args: argparse.Namespace) -> None:
    info = team.update_inspector(
        ctx.store,
        args.id,
        name=args.name,
        role=args.role,
        experienced=args.experienced,
        home_team=args.home_team,
    )
    ctx.emit(info.as_json(), f"Updated {_describe(info)}")


def _inspectors(ctx: Context, args: argparse.Namespace) -> None:
    found = team.list_inspectors(ctx.store)
    ctx.emit(
        [i.as_json() for i in found],
        lambda: "\n".join(_describe(i) for i in found) or "No inspectors yet (omi hq inspectors add ...).",
    )


def _team(ctx: Context, args: argparse.Namespace) -> None:
    inspection = resolve_inspection(ctx.store, args.inspection)
    if args.add or args.remove:
        members = team.set_team(ctx.store, inspection.id, _ids(args.add), _ids(args.remove))
    else:
        members = team.team_of(ctx.store, inspection.id)
    ctx.emit(
        {"inspection": inspection.id, "team": [m.as_json() for m in members]},
        lambda: "\n".join(
            [
                ngettext("{title}: a team of {n}", "{title}: a team of {n}", len(members)).format(
                    title=inspection.label, n=len(members)
                ),
                *(_describe(m) for m in members),
            ]
        ),
    )
