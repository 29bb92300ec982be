"""The window's Remove dialog says what happens to the older copies of the data, not only to the database."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from omi_desktop.core.sync.receipts import PurgeItem
from omi_desktop.gui.dialogs.sync_purge import PurgeDialog


def test_the_remove_dialog_says_older_copies_are_cleaned_and_a_fresh_backup_taken(qtbot, tmp_path):
    items = [PurgeItem(f"r{n}", f"C00{n}", 3, "1d91fedf0000") for n in (1, 2)]
    dialog = PurgeDialog(None, items)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "purgeSummary").text()
    assert "Older copies on this laptop that hold this data" in text
    assert "are cleaned of it, keeping any other work in them, and a fresh backup is taken." in text
    dialog.grab().save(str(tmp_path / "purge-dialog.png"))
