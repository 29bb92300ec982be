"""Opening a current store reads the revision graph without Alembic; it must agree with Alembic's own."""

from __future__ import annotations

import subprocess
import sys

from alembic.script import ScriptDirectory

from omi_desktop.core.store import migrate
from tests.conftest import subprocess_env


def test_the_fast_graph_agrees_with_alembic():
    graph = migrate._revision_graph()
    assert graph is not None, "every shipped migration states revision and down_revision as literals"
    alembic = ScriptDirectory.from_config(migrate._alembic_config())
    assert migrate.known_revisions() == {s.revision for s in alembic.walk_revisions()}
    assert migrate.head_revisions() == set(alembic.get_heads())


def test_opening_a_current_store_does_not_import_alembic(tmp_path):
    folder = str(tmp_path / "data")
    code = (
        "import sys; from pathlib import Path; from omi_desktop.core.store import Store\n"
        f"Store.open(Path({folder!r})).close()\n"  # creates and upgrades the store: Alembic is needed
        "loaded = [m for m in sys.modules if m == 'alembic' or m.startswith('alembic.')]\n"
        "for name in loaded: del sys.modules[name]\n"
        f"Store.open(Path({folder!r})).close()\n"
        "print(sorted(m for m in sys.modules if m == 'alembic' or m.startswith('alembic.')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env(), timeout=120
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.strip() == "[]"
