"""``omi area`` (the area-level assessment) and ``omi questionnaire`` (service-user questionnaires).

omi area show|finalise|history [--inspection I]            the inspection's area assessment
omi area answer QUESTION VALUE [--note T] [--reason R]     answer one of its questions (lead inspector)
omi area clear|note|feedback|reopen ...                    as ``omi review``
omi questionnaire add INSTRUMENT [LABEL]                   a new response, labelled (default: OQ-007 ...)
omi questionnaire list [INSTRUMENT]                        the responses of the inspection
omi questionnaire answer LABEL QUESTION VALUE ...          and clear, note, finalise, reopen, show, history

The review actions are the handlers of ``omi review`` (``review.add_review_actions``); only the way the
review is named differs. Which instruments exist comes from the inspection's framework.
"""

from __future__ import annotations

import argparse

from omi_desktop.cli import Context
from omi_desktop.commands.review import Target, add_review_actions
from omi_desktop.core.inspections import resolve_inspection
from omi_desktop.core.instruments import (
    RESPONDENT,
    add_questionnaire,
    find_questionnaire,
    inspection_instruments,
    list_instrument_reviews,
    open_area_review,
)
from omi_desktop.core.settings import current_actor


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    scope = argparse.ArgumentParser(add_help=False)
    scope.add_argument("--inspection", help="inspection id, area code or title (default: current)")

    area = commands.add_parser(
        "area", parents=[common], help="the area-level assessment (lead inspector; one per inspection)"
    )
    area_actions = area.add_subparsers(dest="action", metavar="ACTION")
    area_actions.required = True
    area_scope = argparse.ArgumentParser(add_help=False, parents=[scope])
    area_scope.add_argument(
        "--instrument", help="which area-level assessment, when the framework has several"
    )
    add_review_actions(area_actions, common, area_scope, Target((), _area_review, _area_name))

    questionnaire = commands.add_parser(
        "questionnaire", parents=[common], help="service-user questionnaires (many per inspection)"
    )
    actions = questionnaire.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    add = actions.add_parser("add", parents=[common, scope], help="start a new questionnaire response")
    add.add_argument("instrument", help="the questionnaire, e.g. offender (see 'omi questionnaire list')")
    add.add_argument("label", nargs="?", help="the response's label (default: the next free, e.g. OQ-007)")
    add.set_defaults(handler=_add)
    listing = actions.add_parser("list", parents=[common, scope], help="the questionnaire responses")
    listing.add_argument("instrument", nargs="?", help="only this questionnaire, e.g. offender")
    listing.set_defaults(handler=_list)
    target = Target((("label", "the response's label, e.g. OQ-001 (or its review id)"),), _response, _label)
    add_review_actions(actions, common, scope, target)


# -- naming the review -------------------------------------------------------------------------------------
def _inspection_id(ctx: Context, args: argparse.Namespace) -> str:
    return resolve_inspection(ctx.store, getattr(args, "inspection", None)).id


def _area_review(ctx: Context, args: argparse.Namespace) -> tuple[str, str]:
    actor = current_actor(ctx.store)
    view = open_area_review(ctx.store, _inspection_id(ctx, args), actor=actor, instrument=args.instrument)
    return view.review.id, actor


def _area_name(args: argparse.Namespace) -> str:
    return args.instrument or "area assessment"


def _response(ctx: Context, args: argparse.Namespace) -> tuple[str, str]:
    found = find_questionnaire(ctx.store, _inspection_id(ctx, args), args.label)
    assert found.review_id is not None  # questionnaires always exist as reviews
    return found.review_id, current_actor(ctx.store)


def _label(args: argparse.Namespace) -> str:
    return args.label


# -- handlers ----------------------------------------------------------------------------------------------
def _add(ctx: Context, args: argparse.Namespace) -> None:
    from omi_desktop.commands.review import view_json

    inspection_id = _inspection_id(ctx, args)
    view = add_questionnaire(
        ctx.store, inspection_id, args.instrument, args.label, actor=current_actor(ctx.store)
    )
    title = next(i.title for i in inspection_instruments(ctx.store, inspection_id) if i.id == args.instrument)
    ctx.emit(view_json(view), f"Added {view.review.respondent} ({title}).")


def _list(ctx: Context, args: argparse.Namespace) -> None:
    inspection = resolve_inspection(ctx.store, args.inspection)
    instruments = inspection_instruments(ctx.store, inspection.id, RESPONDENT)
    rows = list_instrument_reviews(ctx.store, inspection.id, subject=RESPONDENT, instrument=args.instrument)

    def human() -> str:
        if not instruments:
            return f"{inspection.label}: this inspection's framework has no questionnaires."
        finalised = sum(1 for r in rows if r.status == "finalised")
        lines = [f"{inspection.label}: {len(rows)} questionnaire responses, {finalised} finalised", ""]
        if rows:
            lines.append(f"{'label':<14} {'questionnaire':<28} {'status':<12} {'%':>4}  review id")
            for r in rows:
                status = "removed" if r.purged else r.status.replace("_", " ")
                title = r.instrument_title[:28]
                lines.append(f"{r.label[:14]:<14} {title:<28} {status:<12} {r.progress:>4}  {r.review_id}")
            lines.append("")
        lines.append("Questionnaires: " + ", ".join(f"{i.id} ({i.title})" for i in instruments))
        lines.append("Add a response with: omi questionnaire add INSTRUMENT [LABEL]")
        return "\n".join(lines)

    ctx.emit(
        {
            "inspection": inspection.id,
            "instruments": [i.as_json() for i in instruments],
            "questionnaires": [r.as_json() for r in rows],
        },
        human,
    )
