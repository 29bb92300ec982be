"""The command catalogue matches the modules, and a command imports only what it needs."""

from __future__ import annotations

import argparse
import json
import pkgutil
import subprocess
import sys
from importlib import import_module

import omi_desktop.commands as commands_package
from omi_desktop.commands import CATALOGUE, command_in
from tests.conftest import subprocess_env


def test_catalogue_lists_exactly_what_each_module_registers():
    registered = []
    modules = [m.name for m in pkgutil.iter_modules(commands_package.__path__) if not m.name.startswith("_")]
    for name in modules:
        module = import_module(f"omi_desktop.commands.{name}")
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        module.register(sub, argparse.ArgumentParser(add_help=False))
        registered += [(action.dest, name, action.help) for action in sub._choices_actions]
    assert sorted(registered) == sorted(CATALOGUE)


def test_the_command_is_found_among_options():
    assert command_in(["--json", "--data-dir", "review", "scores", "--json"]) == "scores"
    assert command_in(["--data-dir=x", "case", "list"]) == "case"
    assert command_in(["--version"]) is None


PROBE = """
import json, sys
from omi_desktop.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("sqlalchemy", "sqlmodel", "reportlab", "cryptography", "openpyxl", "alembic", "PySide6")
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in heavy})))
"""


def loaded(*argv, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *argv, "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_help_and_version_load_no_heavy_library(tmp_path):
    assert loaded("--version", tmp_path=tmp_path) == []
    assert loaded("--help", tmp_path=tmp_path) == []


def test_a_review_command_loads_the_database_layer_but_not_reports_or_crypto(tmp_path):
    heavy = loaded("case", "list", tmp_path=tmp_path)
    assert "sqlalchemy" in heavy
    assert not {"reportlab", "cryptography", "openpyxl", "PySide6"} & set(heavy)
