"""Feature modules add their GUI pieces to the main window without editing it.

Each module in this package defines ``install(window: MainWindow) -> None`` and is found automatically;
it is installed right after the window first appears on screen (so start-up does not wait for it). Keep
the module light: import heavy libraries (ReportLab, cryptography, …) inside the functions that use
them, because the window does not respond while features are being installed. A typical ``install``
connects handlers to registry actions (``window.actions``) and listens to ``window.bus.data_changed``;
dialogs live in ``omi_desktop/gui/dialogs/<feature>.py``. See the GUI section of docs/developing.md.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from omi_desktop.gui.main_window import MainWindow


def feature_modules() -> list[str]:
    return sorted(
        f"{__name__}.{info.name}" for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")
    )


def install_feature(window: MainWindow, name: str) -> Exception | None:
    """Install one feature module; the error if it failed (the caller reports it, the others still load)."""
    try:
        module = importlib.import_module(name)
        install = getattr(module, "install", None)
        if install is not None:
            install(window)
    except Exception as error:
        return error
    return None


def install_all(window: MainWindow) -> list[tuple[str, BaseException]]:
    """Install every feature; a feature that fails is reported, the others still load."""
    failures: list[tuple[str, BaseException]] = []
    for name in feature_modules():
        error = install_feature(window, name)
        if error is not None:
            failures.append((name, error))
    return failures
