"""The case history: ``AuditTableModel`` over ``core.review.AuditEntry`` rows, oldest first.

Consecutive saves of the same note by the same person (a note is saved while it is typed) are shown as one
row saying how many saves it took, from the text before the first to the text after the last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from omi_desktop.core.review.state import AuditEntry
from omi_desktop.gui import labels

Index = QModelIndex | QPersistentModelIndex
COL_WHEN, COL_WHO, COL_WHAT, COL_QUESTION, COL_CHANGE, COL_REASON = range(6)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_PREVIEW = 60

_ACTIONS = {
    "start": "Review started",
    "prefill": "Pre-filled",
    "answer": "Answer",
    "clear": "Answer cleared",
    "note": "Evidence note",
    "feedback": "Feedback mark",
    "finalise": "Finalised",
    "reopen": "Reopened",
}


@dataclass(frozen=True)
class HistoryRow:
    entry: AuditEntry  # the last of the merged entries
    first_old: Any
    saves: int = 1


def merge_note_saves(entries: Sequence[AuditEntry]) -> list[HistoryRow]:
    rows: list[HistoryRow] = []
    for entry in entries:
        last = rows[-1] if rows else None
        if (
            last is not None
            and entry.action == "note"
            and last.entry.action == "note"
            and last.entry.question_id == entry.question_id
            and last.entry.actor == entry.actor
        ):
            rows[-1] = HistoryRow(entry, last.first_old, last.saves + 1)
        else:
            rows.append(HistoryRow(entry, entry.old_value))
    return rows


def show_value(value: Any, limit: int | None = None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    elif isinstance(value, dict):
        text = ", ".join(f"{k} {v}" for k, v in value.items())
    elif value in ("yes", "partly", "no", "na"):
        text = labels.judgement(value)
    else:
        text = str(value)
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


class AuditTableModel(QAbstractTableModel):
    HEADERS: ClassVar[tuple[str, ...]] = ("When", "Who", "What", "Question", "Change", "Reason")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow] = []

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = merge_note_saves(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == ENTRY_ROLE:
            return row.entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (COL_CHANGE, COL_REASON):
            return self._display(row, index.column(), limit=None)
        return None

    def _display(self, row: HistoryRow, column: int, limit: int | None = NOTE_PREVIEW) -> str:
        entry = row.entry
        if column == COL_WHEN:
            return entry.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")
        if column == COL_WHO:
            return entry.actor
        if column == COL_WHAT:
            what = self.tr(_ACTIONS.get(entry.action, entry.action))
            if row.saves > 1:
                what = self.tr("{what} ({n} saves while typing)").format(what=what, n=row.saves)
            return what
        if column == COL_QUESTION:
            return entry.question_id or ""
        if column == COL_CHANGE:
            if entry.action == "start" and isinstance(entry.new_value, dict):
                return self.tr("framework {id} version {version}").format(
                    id=entry.new_value.get("framework", "?"), version=entry.new_value.get("version", "?")
                )
            if entry.action in ("finalise", "reopen"):
                old, new = labels.review_status(row.first_old), labels.review_status(entry.new_value)
                return f"{old or '—'} → {new or '—'}"
            if entry.action == "feedback":
                old, new = labels.feedback_mark(row.first_old), labels.feedback_mark(entry.new_value)
                return f"{old} → {new}"
            return f"{show_value(row.first_old, limit)} → {show_value(entry.new_value, limit)}"
        return entry.reason or ""
