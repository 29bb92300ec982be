"""The wheel works outside the checkout: built from this tree, installed in a fresh venv, run from elsewhere.

No network: the wheel is built without build isolation (hatchling comes from the test environment) and
installed with ``--no-deps``. The dependencies come from this interpreter's site-packages through
PYTHONPATH, which (unlike site-packages) processes no ``.pth`` files, so nothing can point the program back
at the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from omi_desktop import __version__
from omi_desktop.core.store.migrate import head_revisions
from tests.conftest import REPO_ROOT

SHOW_INSTALL = """
import json, sys
import omi_desktop
from omi_desktop.paths import data_path, resource_path, ui_path
from omi_desktop.core.store import migrate
print(json.dumps({
    "package": omi_desktop.__file__,
    "data": str(data_path()),
    "frameworks": str(data_path("frameworks")),
    "frameworks_is_dir": data_path("frameworks").is_dir(),
    "ui": str(ui_path()),
    "resources": str(resource_path()),
    "migrations": str(migrate.MIGRATIONS_DIR),
    "sys_path": sys.path,
}))
"""
SHOW_REVISIONS = """
import json, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT version_num FROM alembic_version")
print(json.dumps([row[0] for row in rows]))
"""


def run(*argv: object, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )
    assert proc.returncode == 0, f"{argv} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, Path]:
    """Build the wheel and install it into a fresh venv; return the venv and a folder outside the checkout."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    run(
        sys.executable, "-m", "pip", "wheel", REPO_ROOT,
        "--no-deps", "--no-build-isolation", "--no-index", "-w", dist,
        cwd=root,
    )  # fmt: skip
    wheels = list(dist.glob("omi_desktop-*.whl"))
    assert len(wheels) == 1, wheels
    venv = root / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        wheels[0],
        cwd=root,
    )
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    return {"venv": venv, "python": python, "bin": python.parent, "cwd": elsewhere, "root": root}


def outside_env(installed: dict[str, Path]) -> dict[str, str]:
    paths = sysconfig.get_paths()
    dependencies = dict.fromkeys([paths["purelib"], paths["platlib"]])  # ordered, without duplicates
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(installed["root"] / "home"),
        "PYTHONPATH": os.pathsep.join(dependencies),
        "PYTHONNOUSERSITE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMI_DATA_DIR": str(installed["root"] / "data"),
    }
    if os.name == "nt":
        env["SYSTEMROOT"] = os.environ["SYSTEMROOT"]
    return env


@pytest.mark.slow
def test_the_wheel_works_outside_the_checkout(installed):
    env = outside_env(installed)
    venv, cwd = installed["venv"], installed["cwd"]
    omi = installed["bin"] / "omi"

    version = run(omi, "--version", cwd=cwd, env=env)
    assert version.stdout.strip() == f"omi {__version__}"
    assert "backup" in run(omi, "--help", cwd=cwd, env=env).stdout

    shown = json.loads(run(installed["python"], "-c", SHOW_INSTALL, cwd=cwd, env=env).stdout)
    package_dir = Path(shown["package"]).parent
    assert package_dir.is_relative_to(venv), shown["package"]
    assert package_dir.parent.name == "site-packages"
    assert not any(Path(p).resolve() == REPO_ROOT for p in shown["sys_path"] if p)
    # The shipped folders travel inside the installed package.
    assert Path(shown["data"]) == package_dir / "_shipped" / "data"
    assert Path(shown["ui"]) == package_dir / "_shipped" / "ui"
    assert Path(shown["resources"]) == package_dir / "_shipped" / "resources"
    assert shown["frameworks_is_dir"]
    assert Path(shown["frameworks"]).is_relative_to(venv)
    # A command that reads data/: the shipped frameworks are listed and a demo inspection is built from them.
    listed = json.loads(run(omi, "framework", "list", "--json", cwd=cwd, env=env).stdout)
    assert {(f["id"], f["where"]) for f in listed} >= {("omi-2006", "shipped"), ("rohaa", "shipped")}
    demo = json.loads(run(omi, "demo", "--answered", "2", "--json", cwd=cwd, env=env).stdout)
    assert demo["finalised"] == 2

    # The Alembic migrations ship inside the package and create a store from there.
    assert Path(shown["migrations"]).is_relative_to(venv)
    data_dir = installed["root"] / "data-from-wheel"
    created = json.loads(
        run(omi, "backup", "create", "--data-dir", data_dir, "--json", cwd=cwd, env=env).stdout
    )
    assert Path(created["file"]).is_file()
    listed = json.loads(run(omi, "backup", "list", "--data-dir", data_dir, "--json", cwd=cwd, env=env).stdout)
    assert [b["file"] for b in listed] == [created["file"]]
    revisions = run(installed["python"], "-c", SHOW_REVISIONS, data_dir / "omi.sqlite3", cwd=cwd, env=env)
    assert set(json.loads(revisions.stdout)) == head_revisions()
