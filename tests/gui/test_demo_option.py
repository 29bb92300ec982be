"""``omi-desktop --demo``: the quick start opens on the training inspection when there is no data yet."""

from __future__ import annotations

from omi_desktop.gui.app import open_demo_if_empty, parse_args

from .conftest import open_window, settle


def test_demo_option_opens_the_training_inspection_on_an_empty_folder(qtbot, tmp_path):
    assert parse_args(["--demo"]).demo is True
    window = open_window(qtbot, tmp_path / "fresh")
    try:
        assert window.current_inspection() is None
        assert open_demo_if_empty(window) is True
        qtbot.waitUntil(lambda: window.current_inspection() is not None, timeout=30_000)
        settle(qtbot, window)
        inspection = window.current_inspection()
        assert inspection.training
        assert window.ui.trainingBanner.isVisible()
        assert window.case_list.model.rowCount() == 100
    finally:
        window.close()


def test_demo_option_leaves_existing_data_alone(qtbot, window):
    before = window.current_inspection()
    assert open_demo_if_empty(window) is False
    assert window.current_inspection() == before
