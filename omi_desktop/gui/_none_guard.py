"""Keep ``None`` alive under PySide6 6.12 on Python 3.11.

PySide6 6.12.0 hands ``None`` back from every Qt call that returns nothing without taking a reference to it
(on Python 3.12 and later ``None`` is immortal, so there the slip is harmless). Each such call therefore
lowers ``None``'s reference count by one; a window that moves through questions for an hour (tens of
thousands of ``setText`` calls) brings it to zero, and the interpreter aborts with "deallocating None".

On an interpreter where ``None`` is mortal, ``protect_none()`` adds a very large number to its count once,
so the count cannot reach zero in any session; the count is only a number here (``None`` is never freed
on purpose), so nothing else changes. It first checks that the count sits where CPython keeps it.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 48  # ~2.8e14 lost references: centuries of calls
_done = False


def protect_none() -> bool:
    """Raise ``None``'s reference count far out of reach of the leak; True when it was raised."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    count = ctypes.c_ssize_t.from_address(id(None))
    if abs(count.value - (sys.getrefcount(None) - 1)) > 16:  # not where CPython keeps it: do nothing
        return False
    count.value += _MARGIN
    _done = True
    return True
