"""Muted text is still readable: enabled, and dark enough against the window (WCAG AA, 4.5:1)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from omi_desktop.gui.style import apply_style
from tests.gui.helpers import open_case


@pytest.fixture(autouse=True)
def _house_style(qapp):
    """The program's style sheet, as the program applies it at start-up (the other tests run without)."""
    apply_style(qapp)
    yield
    qapp.setStyleSheet("")


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def _text_contrast(label) -> float:
    """Contrast between the darkest pixel of the label as drawn (its text) and the window background."""
    image = label.grab().toImage()
    darkest = min(
        (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())),
        key=_luminance,
    )
    background = label.window().palette().color(QPalette.ColorRole.Window)
    lighter, darker = sorted((_luminance(background), _luminance(darkest)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_criterion_and_the_position_read_clearly(qtbot, window):
    open_case(qtbot, window, "TRN00014")
    ui = window.review.page.ui
    for label in (ui.criterionLabel, ui.positionLabel):
        assert label.text()
        assert label.isEnabled(), "context is muted, not disabled"
        assert _text_contrast(label) >= 4.5, label.objectName()
