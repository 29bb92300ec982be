"""The fonts of every printed document: DejaVu Sans, shipped in ``resources/fonts`` and registered once.

ReportLab embeds TrueType fonts as subsets, so a PDF looks the same on any printer. DejaVu Sans covers the
Welsh letters (ŵ, ŷ, Ŵ, Ŷ) and the symbols the documents use for judgements (✓ ✗ ◐ ○), so nothing falls back
to a missing glyph. The licence travels beside the files (``LICENSE-DejaVu.txt``).
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from omi_desktop.core.errors import OmiError
from omi_desktop.paths import resource_path

FAMILY = "OMISans"
REGULAR = "OMISans"
BOLD = "OMISans-Bold"
ITALIC = "OMISans-Oblique"
BOLD_ITALIC = "OMISans-BoldOblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
# Every character a document prints outside the framework and the user's own text.
REQUIRED_GLYPHS = "ŵŷŴŶ✓✗◐○–—•"

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the family with ReportLab (once per process; safe to call from any thread)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            try:
                path = resource_path("fonts", filename)
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except (FileNotFoundError, OSError) as error:
                raise OmiError(
                    f"the font {filename} is missing from the program's resources; reinstall OMI Desktop",
                    details=str(error),
                ) from error
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        # <b> and <i> inside paragraphs find the faces through these mappings.
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        _registered = True


def has_glyphs(text: str, font: str = REGULAR) -> bool:
    """Whether ``font`` has a glyph for every character of ``text`` (spaces and line ends aside)."""
    register_fonts()
    face = pdfmetrics.getFont(font).face
    return all(ord(ch) in face.charToGlyph for ch in text if not ch.isspace())
