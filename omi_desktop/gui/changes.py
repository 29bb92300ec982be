"""The one app-level "data changed" signal (STYLE.md 7).

After every write, the task runner emits ``ChangeBus.data_changed(changes, initiator)``. Each view looks at
``changes`` and decides for itself whether to refresh; ``initiator`` is the object that asked for the write
(a view can skip refreshing what it has just shown itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Flag, auto

from PySide6.QtCore import QObject, Signal


class Change(Flag):
    """What kind of data a write touched."""

    NONE = 0
    INSPECTIONS = auto()  # inspections added or removed, or the current inspection switched
    CASES = auto()  # case rows: facts, allocation, or the status/progress of their reviews
    REVIEW = auto()  # answers, notes, feedback marks, lifecycle (finalise/reopen) of a review
    SETTINGS = auto()  # identity, language, protective marking, ...
    BUNDLES = auto()  # exports, imports, receipts (sync)
    SAMPLE = auto()  # head office: long list, sample, allocation
    ALL = INSPECTIONS | CASES | REVIEW | SETTINGS | BUNDLES | SAMPLE


@dataclass(frozen=True)
class Changes:
    """What a write changed; ``review_id`` / ``case_id`` narrow it down when only one was touched."""

    what: Change
    review_id: str | None = None
    case_id: str | None = None

    def touches(self, kinds: Change) -> bool:
        return bool(self.what & kinds)


class ChangeBus(QObject):
    """Owned by the app; every view connects to ``data_changed``."""

    data_changed = Signal(object, object)  # (Changes, initiator or None)
    #: Emitted after the store was opened, switched or closed (a new data folder).
    store_switched = Signal()

    def announce(self, changes: Changes, initiator: object | None = None) -> None:
        self.data_changed.emit(changes, initiator)
