"""Closing the window after work writes a close backup that holds that work, and lets go of the folder."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt

from omi_desktop.core import review as core_review
from omi_desktop.core.inspections import find_case
from omi_desktop.core.store import Store
from omi_desktop.core.store.backup import list_backups
from omi_desktop.core.store.lock import InstanceLock, UseLock
from tests.gui.conftest import open_window, settle
from tests.gui.helpers import click_question, open_case, press


def test_closing_the_window_backs_up_the_work_done(qtbot, demo_dir):
    assert not (demo_dir / "backups").exists()  # the prepared folder comes without backups
    window = open_window(qtbot, demo_dir)
    open_case(qtbot, window, "TRN00020")
    click_question(qtbot, window, "1.1.1")
    press(qtbot, Qt.Key.Key_Y)
    settle(qtbot, window)

    window.close()

    backups = list_backups(demo_dir / "backups")
    assert [b.reason for b in backups] == ["close"]
    # The backup holds the answer given just before closing.
    check = demo_dir.parent / "restored-from-backup"
    check.mkdir()
    (check / "omi.sqlite3").write_bytes(backups[0].path.read_bytes())
    with Store.open(check) as store:
        case = find_case(store, "TRN00020")
        assert core_review.get_review(store, case.review_id).value("1.1.1") == "yes"
    # The window let go of the folder: a restore could take it now.
    assert not InstanceLock(demo_dir).held_elsewhere()
    with UseLock(demo_dir) as use:
        assert use.acquire(exclusive=True)


def test_a_failed_close_backup_still_closes_the_window_and_says_why(qtbot, demo_dir, caplog):
    window = open_window(qtbot, demo_dir)
    open_case(qtbot, window, "TRN00020")
    click_question(qtbot, window, "1.1.1")
    press(qtbot, Qt.Key.Key_Y)
    settle(qtbot, window)
    # A file where the backups folder should be: the closing backup cannot be written.
    (demo_dir / "backups").write_text("not a folder", encoding="utf-8")

    with caplog.at_level(logging.WARNING, logger="omi_desktop"):
        assert window.close()

    assert not window.isVisible()
    warning = window.close_warning
    assert warning is not None and warning.isVisible() and not warning.isModal()
    assert "closing backup could not be made" in warning.text()
    assert "Nothing is lost" in warning.text()
    assert "\n" not in warning.text()
    assert any("closing backup" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
    # The folder was let go of, and the answer given before closing is in it.
    assert not InstanceLock(demo_dir).held_elsewhere()
    with Store.open(demo_dir) as store:
        case = find_case(store, "TRN00020")
        assert core_review.get_review(store, case.review_id).value("1.1.1") == "yes"
    warning.close()
