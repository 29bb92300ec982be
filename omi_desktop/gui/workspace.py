"""The open data folder: its store, the lock that keeps a second app away, and who is working."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from omi_desktop.core.datadir import ensure_data_dir
from omi_desktop.core.errors import RefusedError, StoreError
from omi_desktop.core.inspections import InspectionInfo, list_inspections
from omi_desktop.core.settings import CURRENT_INSPECTION, current_actor, get_setting, set_setting
from omi_desktop.core.store import Store
from omi_desktop.core.store.lock import InstanceLock

log = logging.getLogger("omi_desktop.gui")


class AlreadyOpenError(RefusedError):
    """Another OMI Desktop has this data folder open."""


def tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


class Workspace:
    """One data folder opened by this app. ``Workspace.open`` takes the lock, then opens the store."""

    def __init__(self, data_dir: Path, store: Store, lock: InstanceLock) -> None:
        self.data_dir = data_dir
        self.store = store
        self.lock = lock
        self.actor = current_actor(store)

    @classmethod
    def open(cls, data_dir: Path) -> Workspace:
        data_dir = ensure_data_dir(data_dir)
        lock = InstanceLock(data_dir)
        if not lock.acquire():
            pid = lock.holder_pid()
            holder = tr(" (process {pid})").format(pid=pid) if pid else ""
            raise AlreadyOpenError(
                tr(
                    "OMI Desktop is already open on this data folder{holder}. Switch to that window, "
                    "or close it first. Data folder: {folder}"
                ).format(holder=holder, folder=data_dir)
            )
        store = None
        try:
            store = Store.open(data_dir)
            return cls(data_dir, store, lock)
        except BaseException:  # e.g. the acting user cannot be read: let go of the folder for others
            try:
                if store is not None:
                    store.close()
            finally:
                lock.release()
            raise

    def refresh_actor(self) -> None:
        self.actor = current_actor(self.store)

    def inspections(self) -> list[InspectionInfo]:
        return list_inspections(self.store)

    def current_inspection(self) -> InspectionInfo | None:
        """The inspection to show: the one last chosen, else the newest; None if there is none."""
        inspections = self.inspections()
        if not inspections:
            return None
        # What resolve_inspection(store) picks, without listing the inspections a second time.
        current = get_setting(self.store, CURRENT_INSPECTION)
        return next((i for i in inspections if i.id == current), inspections[-1])

    def choose_inspection(self, inspection_id: str) -> None:
        set_setting(self.store, CURRENT_INSPECTION, inspection_id)

    def close(self) -> str | None:
        """Close the store (backing it up if this program changed data) and let go of the folder.

        A close backup that cannot be made (a full disk, an unwritable backups folder) does not stop the
        closing: every answer was committed when it was given, so nothing is lost. The reason is logged and
        returned as a one-line warning for the person; None when all went well.
        """
        try:
            self.store.close()
        except StoreError as exc:
            log.warning("the closing backup of %s could not be made: %s", self.data_dir, exc)
            return tr(
                "The closing backup could not be made: {reason}. Nothing is lost: your work is saved in "
                "the data folder."
            ).format(reason=str(exc).rstrip("."))
        finally:
            self.lock.release()
        return None
