"""Domain logic of OMI Desktop. Nothing in this package imports Qt (a test proves it)."""

from omi_desktop.core.errors import OmiError, RefusedError

__all__ = ["OmiError", "RefusedError"]
