"""``omi-desktop --self-test`` exits 0 with a one-line summary, in a child process, touching no real data."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import subprocess_env

RUN_APP = "from omi_desktop.gui.app import main; raise SystemExit(main())"


def test_self_test_passes_and_says_so_in_one_line(tmp_path):
    home = tmp_path / "default-data"
    run = subprocess.run(
        [sys.executable, "-c", RUN_APP, "--self-test"],
        capture_output=True,
        text=True,
        timeout=180,
        env=subprocess_env(OMI_DATA_DIR=str(home), QT_QPA_PLATFORM="xcb"),  # the self-test forces offscreen
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("omi-desktop self-test passed")
    assert "100 cases" in lines[0] and "given by keyboard and stored" in lines[0]
    assert "Traceback" not in run.stderr
    assert not home.exists(), "the self-test used a temporary folder, not the data folder"
