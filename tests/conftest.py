"""Shared test set-up. Qt must never need a display: set the platform before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import contextlib
import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        import json

        return json.loads(self.out)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may touch the real per-user data folder."""
    monkeypatch.setenv("OMI_DATA_DIR", str(tmp_path / "default-data-dir"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, not yet created, data folder on a real disk."""
    return tmp_path / "data"


@pytest.fixture
def omi():
    """Run the ``omi`` command in this process: ``omi("backup", "list", "--data-dir", d)`` -> Result."""
    from omi_desktop.cli import main

    def run(*argv: object) -> Result:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in argv])
            except SystemExit as exit_:  # argparse usage errors
                code = int(exit_.code or 0)
        return Result(code, out.getvalue(), err.getvalue())

    return run


def subprocess_env(**extra: str) -> dict[str, str]:
    """Environment for a child Python that imports this checkout's ``omi_desktop``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


@pytest.fixture
def omi_process():
    """Run ``python -m omi_desktop ...`` as a separate process -> Result."""

    def run(*argv: object, timeout: float = 120, **kwargs: object) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "omi_desktop", *map(str, argv)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=subprocess_env(),
            **kwargs,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run
