"""``omi-desktop``: start the GUI (or run ``--self-test``).

    omi-desktop [--data-dir DIR] [--demo] [--self-test]

Errors at start-up (a data folder that cannot be opened, a second instance on the same folder) are shown in
a dialog, never as a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from omi_desktop import __version__

log = logging.getLogger("omi_desktop.gui")

#: Start-up (see pause_garbage_collection) ends when the window is first painted, or after this at most.
STARTUP_LIMIT_MS = 10_000
_collector_paused = False


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="omi-desktop", description="OMI Desktop (the window).")
    parser.add_argument("--version", action="version", version=f"omi-desktop {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (default: $OMI_DATA_DIR, else the per-user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="if the data folder holds no inspection yet, open the training inspection straight away",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="build the training inspection in a temporary folder, drive the window offscreen, exit 0",
    )
    args = parser.parse_args(argv)
    if args.data_dir is not None and not args.data_dir.strip():  # a script variable that came out empty
        parser.error("--data-dir is empty; give a folder, or leave the option out for the default one")
    return args


#: What the window needs from core before its first paint; see ``import_core_first``.
CORE_MODULES = (
    "omi_desktop.core.datadir",
    "omi_desktop.core.inspections",
    "omi_desktop.core.store.lock",
    "sqlalchemy.dialects.sqlite",  # loaded by the store's engine
    # The review engine: the first review is read on the worker right after the first paint. Imported there,
    # after PySide6, it cost that much more (see below) and the worker waited for it; imported here, the
    # first review is on screen about 10 ms sooner (the case list alone a few ms later).
    "omi_desktop.core.review",
)


def pause_garbage_collection() -> None:
    """Pause the cyclic garbage collector until the window is first on screen (``end_startup``).

    Starting makes a few hundred thousand objects that live as long as the program (modules, classes, the
    window) and the collector would walk them again and again while they are made: about 40 ms of every
    start. When it resumes they are set aside (``gc.freeze``), so later collections skip them too (a full
    collection of them takes about 50 ms; the few hundred objects of garbage start-up leaves stay with them).
    """
    global _collector_paused
    if gc.isenabled():
        gc.disable()
        _collector_paused = True


def end_startup() -> None:
    """The window is on screen (or start-up is taking too long): collect garbage again. Idempotent."""
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        gc.freeze()
        gc.enable()


def import_core_first() -> None:
    """Import the core (SQLModel, SQLAlchemy, pydantic) before PySide6, when PySide6 is not loaded yet.

    Once PySide6 is imported it reads the source of every module imported after it, looking for its
    ``__feature__`` switches; for the few hundred modules of the data layer, which never use them, that
    scan alone costs about 50 ms of every start. Imported first, they are not scanned.
    """
    if "PySide6" in sys.modules:
        return
    for name in CORE_MODULES:
        importlib.import_module(name)


def create_application(argv: Sequence[str] | None = None) -> object:
    """The QApplication with name, icon, translations and the house style sheet."""
    pause_garbage_collection()
    import_core_first()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from omi_desktop.gui.icons import app_icon
    from omi_desktop.gui.style import apply_style

    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("OMI Desktop")
    app.setApplicationDisplayName("OMI Desktop")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("OMI Desktop")
    app.setDesktopFileName("omi-desktop")
    app.setWindowIcon(app_icon())
    apply_style(app)
    QTimer.singleShot(STARTUP_LIMIT_MS, end_startup)  # in case no window ever says it is on screen
    return app


def install_excepthook() -> None:
    """An error nobody caught becomes a dialog with "Copy details" and a line in the log, not a traceback."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("unexpected error\n%s", details)
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        from PySide6.QtWidgets import QApplication

        from omi_desktop.gui.dialogs.error import show_error

        show_error(QApplication.activeWindow(), error, details)

    sys.excepthook = hook


def start_logging(data_dir: Path) -> None:
    """Technical details go to ``<data folder>/logs/desktop.log`` for support, never at the user."""
    try:
        folder = data_dir / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(folder / "desktop.log", encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("omi_desktop").addHandler(handler)
    logging.getLogger("omi_desktop").setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        from omi_desktop.gui.selftest import run_self_test

        return run_self_test()
    pause_garbage_collection()
    import_core_first()
    from omi_desktop.core.datadir import resolve_data_dir
    from omi_desktop.gui.startup import open_workspace

    app = create_application(sys.argv[:1])
    install_excepthook()
    workspace = open_workspace(resolve_data_dir(args.data_dir))
    if workspace is None:
        return 1
    start_logging(workspace.data_dir)
    from omi_desktop.gui.main_window import MainWindow

    window = MainWindow(workspace)
    window.show()
    if args.demo:
        open_demo_if_empty(window)
    return app.exec()  # type: ignore[attr-defined]


def open_demo_if_empty(window: object) -> bool:
    """``--demo``: on a data folder with no inspection, open (building it first) the training inspection."""
    from omi_desktop.gui import window_actions

    if window.current_inspection() is not None:  # type: ignore[attr-defined]
        return False
    window_actions.open_demo(window)  # type: ignore[arg-type]
    return True


if __name__ == "__main__":
    raise SystemExit(main())
