"""The one place that finds the shipped folders ``data/``, ``ui/`` and ``resources/``.

They sit at the top of a checkout, inside the package as ``_shipped/`` in an installed wheel
(see ``pyproject.toml``), and at the root of a PyInstaller bundle (``sys._MEIPASS``, see ``build.spec``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

SHIPPED = ("data", "ui", "resources")
_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidate_roots() -> Iterator[Path]:
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        yield Path(bundle_root)
    yield _PACKAGE_DIR / "_shipped"
    yield _PACKAGE_DIR.parent


def shipped_dir(name: str) -> Path:
    """Return the directory holding the shipped folder ``name`` (one of ``SHIPPED``)."""
    if name not in SHIPPED:
        raise ValueError(f"unknown shipped folder {name!r}; expected one of {SHIPPED}")
    for root in _candidate_roots():
        candidate = root / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the program's {name}/ folder is missing; reinstall OMI Desktop (looked beside {_PACKAGE_DIR})"
    )


def data_path(*parts: str) -> Path:
    """A path inside the shipped ``data/`` folder, e.g. ``data_path("frameworks")``."""
    return shipped_dir("data").joinpath(*parts)


def ui_path(*parts: str) -> Path:
    return shipped_dir("ui").joinpath(*parts)


def resource_path(*parts: str) -> Path:
    return shipped_dir("resources").joinpath(*parts)
