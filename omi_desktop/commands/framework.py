"""``omi framework list | show ID | check FILE | install FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path

from omi_desktop.cli import Context
from omi_desktop.core.framework import Framework, load_framework_file, registry
from omi_desktop.core.framework.describe import outline


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("framework", parents=[common], help="list, show and check frameworks")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    actions.add_parser("list", parents=[common], help="frameworks shipped and installed").set_defaults(
        handler=_list
    )
    show = actions.add_parser("show", parents=[common], help="print a framework's sections and questions")
    show.add_argument("id", help="framework id, e.g. omi-2006")
    show.add_argument("--version", type=int, dest="framework_version", help="default: the newest")
    show.add_argument(
        "--guidance", action="store_true", help="include the guidance of sections, criteria and questions"
    )
    show.set_defaults(handler=_show)
    check = actions.add_parser("check", parents=[common], help="validate a framework file")
    check.add_argument("file", type=Path)
    check.set_defaults(handler=_check)
    install = actions.add_parser(
        "install", parents=[common], help="check a framework file and add it to the store"
    )
    install.add_argument("file", type=Path)
    install.set_defaults(handler=_install)


def _summary(framework: Framework) -> dict[str, object]:
    questions = framework.questions.values()
    return {
        "id": framework.id,
        "version": framework.version,
        "title": framework.spec.title.en,
        "sha256": framework.sha256,
        "instruments": {
            i.id: len(framework.question_ids(i.id, [m.id for m in framework.modules]))
            for i in framework.instruments
        },
        "modules": {m.id: m.active_by_default for m in framework.modules},
        "threads": {t: len(q) for t, q in framework.thread_questions.items()},
        "questions": len(framework.questions),
        "scored_questions": sum(1 for q in questions if q.scored),
    }


def _list(ctx: Context, args: argparse.Namespace) -> None:
    found = registry.available(ctx.store)

    def human() -> str:
        lines = [f"{'id':<12} {'version':>7}  {'where':<15} title"]
        lines += [f"{f.id:<12} {f.version:>7}  {f.where:<15} {f.title}" for f in found]
        return "\n".join(lines)

    ctx.emit([f.as_json() for f in found], human)


def _show(ctx: Context, args: argparse.Namespace) -> None:
    if args.framework_version is None:
        versions = [f for f in registry.available(ctx.store) if f.id == args.id]
        framework = (
            registry.get_framework(ctx.store, args.id, versions[-1].version)
            if versions
            else registry.latest_shipped(args.id)
        )
    else:
        framework = registry.get_framework(ctx.store, args.id, args.framework_version)
    ctx.emit(
        framework.spec.model_dump(mode="json", by_alias=True, exclude_none=True),
        lambda: outline(framework, guidance=args.guidance),
    )


def _check(ctx: Context, args: argparse.Namespace) -> None:
    framework = load_framework_file(args.file)
    summary = _summary(framework)
    ctx.emit(
        {"valid": True, **summary},
        f"{args.file}: valid — {framework.id} version {framework.version}, "
        f"{summary['questions']} questions ({summary['scored_questions']} scored)",
    )


def _install(ctx: Context, args: argparse.Namespace) -> None:
    framework = registry.install(ctx.store, args.file)
    ctx.emit(_summary(framework), f"Installed {framework.id} version {framework.version}.")
