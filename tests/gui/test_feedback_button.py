"""The review screen has its own "Feedback sheet…" button: the case's sheet in the preview."""

from __future__ import annotations

from PySide6.QtCore import Qt

from omi_desktop.gui.dialogs.printing import PdfPreviewDialog
from tests.gui.helpers import active_dialog, open_case


def test_the_review_screen_opens_the_feedback_sheet(qtbot, window):
    open_case(qtbot, window, "TRN00020")  # not started: no feedback to show yet
    button = window.review.ui.feedbackButton
    assert button.isVisible() and not button.isEnabled()
    open_case(qtbot, window, "TRN00003")  # finalised in the training data
    qtbot.waitUntil(button.isEnabled)
    assert button.text() == "Feedback sheet…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = active_dialog(qtbot, PdfPreviewDialog)
    assert "TRN00003" in dialog.windowTitle()
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 0, timeout=30_000)
    dialog.close()
