"""OS file locks in the data folder, which die with their process (never stale).

``InstanceLock`` (``omi.lock``, exclusive): one running window per data folder.
``UseLock`` (``omi-in-use.lock``): every program with the store open holds it shared; restoring a backup
takes it exclusive, so a restore never replaces the database under a running ``omi`` command or window.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from omi_desktop.core.errors import StoreError

LOCK_FILENAME = "omi.lock"
USE_LOCK_FILENAME = "omi-in-use.lock"


class InstanceLock:
    """An exclusive, non-blocking lock on ``<data dir>/omi.lock``."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILENAME
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the lock; False if another process holds it.

        Raises StoreError if the file system cannot lock files (that is not a window running elsewhere).
        """
        if self._handle is not None:
            return True
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (kept open while the lock is held)
        if not _taken(handle, self.path, lambda: _lock(handle)):
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None

    def held_elsewhere(self) -> bool:
        """True if another process holds the lock right now."""
        if self._handle is not None:
            return False
        if self.acquire():
            self.release()
            return False
        return True

    def holder_pid(self) -> int | None:
        try:
            text = self.path.read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class UseLock:
    """A non-blocking lock on ``<data dir>/omi-in-use.lock``: shared while using the store, exclusive to
    replace it. Locks taken through different ``UseLock`` objects conflict even inside one process."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / USE_LOCK_FILENAME
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self, *, exclusive: bool = False) -> bool:
        """Take the lock; False if another holder's lock conflicts (an exclusive one, or any for exclusive).

        Raises OSError if the lock file cannot be opened at all, and StoreError if the file system cannot
        lock files (a lock that cannot be taken is not a lock someone else holds).
        """
        if self._handle is not None:
            return True
        handle = open(self.path, "ab")  # noqa: SIM115 (kept open while the lock is held)
        if not _taken(handle, self.path, lambda: _lock_range(handle, exclusive=exclusive)):
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock_range(self._handle)
        except OSError:
            pass  # closing the file below lets go of the lock in any case
        finally:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> UseLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


# The answers of a non-blocking lock call that mean "another process holds a conflicting lock".
_HELD_ERRNOS = frozenset({errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES})
_HELD_WINERRORS = frozenset({32, 33})  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def _taken(handle: IO[Any], path: Path, lock: Callable[[], None]) -> bool:
    """Run ``lock`` on the open lock file: True when taken; False (file closed) when another holder has it.

    Any other failure means the file system cannot lock files, which is not someone else holding the lock.
    """
    try:
        lock()
    except OSError as exc:
        handle.close()
        if _held_elsewhere(exc):
            return False
        raise StoreError(
            f"file locking is not available on this file system: {path}: {exc.strerror or exc}"
        ) from exc
    return True


def _held_elsewhere(exc: OSError) -> bool:
    winerror = getattr(exc, "winerror", None)
    if winerror is not None:
        return winerror in _HELD_WINERRORS
    return exc.errno in _HELD_ERRNOS


if sys.platform == "win32":
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = (
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        )

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _LOCKFILE_FAIL_IMMEDIATELY = 0x1
    _LOCKFILE_EXCLUSIVE_LOCK = 0x2

    def _lock_range(handle: IO[bytes], *, exclusive: bool) -> None:
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0)
        overlapped = _Overlapped()
        os_handle = wintypes.HANDLE(msvcrt.get_osfhandle(handle.fileno()))
        if not _kernel32.LockFileEx(os_handle, flags, 0, 1, 0, ctypes.byref(overlapped)):
            raise ctypes.WinError(ctypes.get_last_error())

    def _unlock_range(handle: IO[bytes]) -> None:
        overlapped = _Overlapped()
        os_handle = wintypes.HANDLE(msvcrt.get_osfhandle(handle.fileno()))
        if not _kernel32.UnlockFileEx(os_handle, 0, 1, 0, ctypes.byref(overlapped)):
            raise ctypes.WinError(ctypes.get_last_error())

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _lock_range(handle: IO[bytes], *, exclusive: bool) -> None:
        fcntl.flock(handle.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)

    def _unlock_range(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
