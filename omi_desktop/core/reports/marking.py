"""What a store says about the documents it prints: the protective marking, the author, the inspection."""

from __future__ import annotations

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import InspectionInfo
from omi_desktop.core.reports.document import DEFAULT_MARKING, DocumentInfo
from omi_desktop.core.reports.fonts import has_glyphs
from omi_desktop.core.reports.text import date_range
from omi_desktop.core.settings import IDENTITY_ID, IDENTITY_NAME, PROTECTIVE_MARKING, get_setting, set_setting
from omi_desktop.core.store import Store

MAX_MARKING = 60


def protective_marking(store: Store) -> str:
    """The marking printed at the top and bottom of every page (``OFFICIAL-SENSITIVE`` unless changed)."""
    value = get_setting(store, PROTECTIVE_MARKING)
    return str(value).strip() if value and str(value).strip() else DEFAULT_MARKING


def set_protective_marking(store: Store, marking: str | None) -> str:
    """Change the marking; ``None`` (or an empty text) goes back to the default. Returns the marking."""
    text = " ".join((marking or "").split())
    if len(text) > MAX_MARKING:
        raise RefusedError(_("a protective marking has at most {n} characters").format(n=MAX_MARKING))
    if text and not has_glyphs(text):
        raise RefusedError(_("the protective marking has characters the document font cannot print"))
    set_setting(store, PROTECTIVE_MARKING, text or None)
    return text or DEFAULT_MARKING


def author(store: Store) -> str:
    """Who produces the document: the installation's identity, named if it has a name."""
    name = get_setting(store, IDENTITY_NAME)
    identity = get_setting(store, IDENTITY_ID)
    if name and identity:
        return f"{name} ({identity})"
    return str(name or identity or _("OMI Desktop"))


def fieldwork(inspection: InspectionInfo) -> str:
    dates = date_range(inspection.fieldwork_start, inspection.fieldwork_end)
    return _("Fieldwork {dates}").format(dates=dates) if dates else ""


def document_info(
    store: Store, inspection: InspectionInfo, title: str, *, subject: str = "", draft: bool = False
) -> DocumentInfo:
    """The page furniture and metadata of a document about ``inspection``."""
    return DocumentInfo(
        title=title,
        inspection=inspection.label,
        inspection_dates=fieldwork(inspection),
        author=author(store),
        subject=subject or f"{inspection.area_name} — {inspection.label}",
        marking=protective_marking(store),
        draft=draft,
    )
