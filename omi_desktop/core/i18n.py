"""The one translation function for fixed text in core and reports.

Qt code uses ``tr()``; everything else says ``_("text")``. Catalogues are gettext ``.mo`` files in
``resources/translations/<lang>/LC_MESSAGES/omi.mo``; English is the source language, so a missing
catalogue simply shows English.
"""

from __future__ import annotations

import gettext
from functools import cache

from omi_desktop.paths import resource_path

DOMAIN = "omi"
LANGUAGES = ("en", "cy")
_current = "en"


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    try:
        localedir = resource_path("translations")
    except FileNotFoundError:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=localedir, languages=[language], fallback=True)


def set_language(language: str) -> None:
    """Choose the language of fixed text ("en" or "cy")."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
    _current = language


def current_language() -> str:
    return _current


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _catalogue(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that suits the number ``n``, translated: ``ngettext("{n} review", "{n} reviews",
    n).format(n=n)``. English uses the singular for 1 only; a catalogue gives each language its own forms."""
    return _catalogue(_current).ngettext(singular, plural, n)


def localised(text: dict[str, str] | str | None, language: str | None = None) -> str:
    """Pick the text for ``language`` from a ``{"en": ..., "cy": ...}`` mapping, falling back to English."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    lang = language or _current
    return text.get(lang) or text.get("en") or next(iter(text.values()), "")
