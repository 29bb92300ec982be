"""``omi backup create | list | restore FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path

from omi_desktop.cli import Context
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.store import DB_FILENAME
from omi_desktop.core.store.backup import restore_backup
from omi_desktop.core.store.lock import InstanceLock, UseLock


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup = commands.add_parser("backup", parents=[common], help="back up and restore the local database")
    actions = backup.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    create = actions.add_parser("create", parents=[common], help="make a backup now")
    create.set_defaults(handler=_create)
    listing = actions.add_parser("list", parents=[common], help="list backups, newest first")
    listing.set_defaults(handler=_list)
    restore = actions.add_parser(
        "restore", parents=[common], help="replace the database with a verified backup"
    )
    restore.add_argument("file", type=Path, help="a backup file (see 'omi backup list')")
    restore.set_defaults(handler=_restore)


def _create(ctx: Context, args: argparse.Namespace) -> None:
    info = ctx.store.backup_now("manual")
    ctx.emit(info.as_json(), f"Backup written: {info.path} ({info.size:,} bytes)")


def _list(ctx: Context, args: argparse.Namespace) -> None:
    backups = ctx.store.list_backups()

    def human() -> str:
        if not backups:
            return "No backups yet."
        lines = [f"{'created (UTC)':<20} {'reason':<12} {'size':>12}  file"]
        for b in backups:
            lines.append(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.reason:<12} {b.size:>12,}  {b.path.name}")
        return "\n".join(lines)

    ctx.emit([b.as_json() for b in backups], human)


def _restore(ctx: Context, args: argparse.Namespace) -> None:
    data_dir = ctx.data_dir
    if not data_dir.is_dir():
        raise RefusedError(f"there is no data folder {data_dir} to restore into")
    # Both held for the whole restore: the window cannot open the folder half-way through (InstanceLock),
    # and no other omi command or window has the database open, nor can open it, until it is done (UseLock).
    with InstanceLock(data_dir) as window, UseLock(data_dir) as use:
        if not window.acquire():
            raise RefusedError(
                "OMI Desktop is running on this data folder; close it before restoring a backup"
            )
        try:
            in_use = not use.acquire(exclusive=True)
        except OSError as exc:
            raise RefusedError(f"cannot lock the data folder {data_dir}: {exc.strerror or exc}") from exc
        if in_use:
            raise RefusedError(
                "another OMI Desktop program (an omi command or the window) is using this data folder; "
                "let it finish or close it before restoring a backup"
            )
        aside = restore_backup(data_dir / DB_FILENAME, args.file.expanduser().resolve())
    kept = f"\nThe replaced database was kept in {aside}" if aside is not None else ""
    ctx.emit(
        {"restored": str(args.file), "replaced_files": None if aside is None else str(aside)},
        f"Restored {args.file}.{kept}",
    )
