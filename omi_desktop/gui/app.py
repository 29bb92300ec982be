"""``omi-desktop``: start the GUI (or run ``--self-test``).

    omi-desktop [--data-dir DIR] [--demo] [--self-test]

Errors at start-up (a data folder that cannot be opened, a second instance on the same folder) are shown in
a dialog, never as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from omi_desktop import __version__

log = logging.getLogger("omi_desktop.gui")


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
    return parser.parse_args(argv)


def create_application(argv: Sequence[str] | None = None) -> object:
    """The QApplication with name, icon, translations and the house style sheet."""
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
