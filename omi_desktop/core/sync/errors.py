"""Why a bundle was refused: a stable code for programs and one sentence for people."""

from __future__ import annotations

from omi_desktop.core.errors import RefusedError


class BundleRefused(RefusedError):
    """A bundle failed a check; nothing was changed. ``code`` names the check (see docs/bundle-format.md)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
