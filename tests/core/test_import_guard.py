"""Core, the CLI and every command load without Qt (STYLE.md rule 1).

Checked in a fresh interpreter, so nothing this test process has already imported can hide an import. Modules
are found with pkgutil, so a module added later is covered without touching this test. The child also opens a
store and runs commands, because imports done lazily inside functions (Alembic, the migrations, the store)
are exactly where an accidental Qt import would hide.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import subprocess_env

IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys, tempfile
from pathlib import Path

def walk(package_name):
    package = importlib.import_module(package_name)
    names = [package_name]
    def fail(name):
        raise ImportError(f"cannot import {name}")
    for info in pkgutil.walk_packages(package.__path__, package_name + ".", onerror=fail):
        names.append(info.name)
    for name in names:
        importlib.import_module(name)
    return names

modules = walk("omi_desktop.core") + ["omi_desktop.cli"] + walk("omi_desktop.commands")
importlib.import_module("omi_desktop.cli")

from omi_desktop.cli import main
data_dir = Path(tempfile.mkdtemp()) / "data"
codes = [main(["backup", action, "--data-dir", str(data_dir)]) for action in ("create", "list")]
sys.stdout.flush()
qt = sorted(name for name in sys.modules if name == "PySide6" or name.startswith("PySide6."))
print(json.dumps({"modules": modules, "codes": codes, "qt": qt}))
"""


def run_child(code: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env=subprocess_env(),
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


def test_core_cli_and_commands_load_no_qt():
    report = run_child(IMPORT_EVERYTHING)
    assert report["qt"] == []
    assert report["codes"] == [0, 0]
    # The walk really covered the code: the store, its migrations' caller, the CLI and its commands.
    for expected in (
        "omi_desktop.core",
        "omi_desktop.core.store.store",
        "omi_desktop.core.store.migrate",
        "omi_desktop.core.store.backup",
        "omi_desktop.core.datadir",
        "omi_desktop.cli",
        "omi_desktop.commands.backup",
    ):
        assert expected in report["modules"]


def test_the_guard_would_see_a_qt_import():
    report = run_child("import PySide6.QtCore\n" + IMPORT_EVERYTHING)
    assert "PySide6.QtCore" in report["qt"]
