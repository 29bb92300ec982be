"""The ``omi`` command: a thin layer over ``omi_desktop.core``.

Conventions (DESIGN.md section 5): every command takes ``--data-dir``; human text by default and one JSON
document with ``--json``; exit 0 on success, 1 when an input is refused (reason on stderr, one line), 2 on a
usage error. A traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from omi_desktop import __version__
from omi_desktop.core.errors import OmiError

if TYPE_CHECKING:  # imported lazily at run time so that --help and --version stay fast
    from omi_desktop.core.progress import Operation
    from omi_desktop.core.store import Store

T = TypeVar("T")

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


class Context:
    """What a command needs: options, the store (opened on first use), and output helpers."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.json: bool = bool(getattr(args, "json", False))
        self._data_dir: str | None = getattr(args, "data_dir", None)
        self._store: Store | None = None
        self.emitted = False  # a command printed its result (or its refusal's details) already

    @property
    def data_dir(self) -> Path:
        from omi_desktop.core.datadir import resolve_data_dir

        return resolve_data_dir(self._data_dir)

    @property
    def store(self) -> Store:
        if self._store is None:
            from omi_desktop.core.store import Store

            self._store = Store.open(self.data_dir)
        return self._store

    def close(self) -> None:
        """Close the store. Its close backup failing is a warning: the command's own changes are saved."""
        if self._store is None:
            return
        store, self._store = self._store, None
        try:
            store.close(coalesce=True)
        except (OmiError, OSError) as error:
            if getattr(self.args, "debug", False):
                traceback.print_exc()
            reason = str(error) if isinstance(error, OmiError) else (error.strerror or str(error))
            print(
                f"omi: warning: the changes were saved, but the automatic backup was not made: {reason}",
                file=sys.stderr,
            )

    def run(self, operation: Operation[T]) -> T:
        """Drive a long operation to its end, showing its progress on a terminal (never with --json)."""
        interactive = sys.stderr.isatty() and not self.json
        while True:
            try:
                progress = next(operation)
            except StopIteration as stop:
                if interactive:
                    print(file=sys.stderr)
                return stop.value
            if interactive:
                print(
                    f"\r{progress.message[:50]:<50} {progress.done}/{progress.total}", end="", file=sys.stderr
                )

    def emit(self, document: Any, human: str | Callable[[], str]) -> None:
        """Print ``document`` as JSON with ``--json``, otherwise the human text."""
        self.emitted = True
        if self.json:
            print(json.dumps(document, indent=2, ensure_ascii=False, default=str))
        else:
            text = human() if callable(human) else human
            if text:
                print(text)


def _common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="data folder (default: $OMI_DATA_DIR, else the per-user data folder)",
    )
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS if suppress else False, help="print JSON"
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="show a traceback on errors",
    )


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser for ``argv``: the command being run is registered in full, the others by name."""
    from omi_desktop.commands import register_all

    parser = argparse.ArgumentParser(
        prog="omi",
        description="OMI Desktop: offline fieldwork for Offender Management Inspections.",
    )
    parser.add_argument("--version", action="version", version=f"omi {__version__}")
    _common_options(parser, suppress=False)
    # Sub-commands accept the same options after their name: ``omi scores --json`` and ``omi --json scores``.
    common = argparse.ArgumentParser(add_help=False)
    _common_options(common, suppress=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    register_all(commands, common, argv)
    return parser


def _report(ctx: Context, error: OmiError) -> None:
    """A refusal: its reason on stderr, then each problem it lists (unless the command has shown them).

    With ``--json`` a command that printed nothing gets one document on stdout: the reason and the problems.
    """
    problems = [p for p in getattr(error, "problems", []) if p not in error.message]
    shown = ctx.emitted
    print(f"omi: {error}", file=sys.stderr)
    if problems and not shown:
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
    if ctx.json and not shown:
        print(json.dumps({"error": error.message, "problems": problems}, indent=2, ensure_ascii=False))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    ctx = Context(args)
    if args.data_dir is not None:  # an explicit --data-dir "" is a usage error, before anything runs
        from omi_desktop.core.datadir import resolve_data_dir

        try:
            resolve_data_dir(args.data_dir)
        except OmiError as error:
            print(f"omi: {error}", file=sys.stderr)
            return error.exit_code
    try:
        try:
            result = args.handler(ctx, args)
        finally:
            ctx.close()
    except OmiError as error:
        if args.debug:
            traceback.print_exc()
        _report(ctx, error)
        return error.exit_code
    except KeyboardInterrupt:
        print("omi: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. ``omi case list | head``): not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # the last line of defence: one clear line, details only on request
        if args.debug:
            traceback.print_exc()
        print(f"omi: unexpected error: {error} (run again with --debug for details)", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK if result is None else int(result)


if __name__ == "__main__":
    sys.exit(main())
