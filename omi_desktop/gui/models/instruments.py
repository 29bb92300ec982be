"""The area assessment and questionnaire lists: ``InstrumentTableModel`` over ``core.instruments``
``InstrumentReview`` rows (one model class; its columns follow the subject)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from omi_desktop.core.instruments import RESPONDENT, InstrumentReview
from omi_desktop.gui import labels
from omi_desktop.gui.icons import icon
from omi_desktop.gui.models.cases import STATUS_ICONS

Index = QModelIndex | QPersistentModelIndex

#: The ``InstrumentReview`` of a row.
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1

LABEL, INSTRUMENT, ASSESSMENT, STATUS, PROGRESS = "label", "instrument", "assessment", "status", "progress"
HEADERS = {
    LABEL: QT_TRANSLATE_NOOP("InstrumentTableModel", "Label"),
    INSTRUMENT: QT_TRANSLATE_NOOP("InstrumentTableModel", "Questionnaire"),
    ASSESSMENT: QT_TRANSLATE_NOOP("InstrumentTableModel", "Assessment"),
    STATUS: QT_TRANSLATE_NOOP("InstrumentTableModel", "Status"),
    PROGRESS: QT_TRANSLATE_NOOP("InstrumentTableModel", "Done"),
}


def entry_key(entry: InstrumentReview) -> str:
    """A row's identity across reloads: the review id, or the instrument for an area assessment (which is
    one per inspection, and has no review id until it is started)."""
    return entry.review_id if entry.subject == RESPONDENT and entry.review_id else f"area:{entry.instrument}"


def tr(text: str) -> str:
    return QCoreApplication.translate("InstrumentTableModel", text)


class InstrumentTableModel(QAbstractTableModel):
    def __init__(self, subject: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.subject = subject
        self.columns = (
            (LABEL, INSTRUMENT, STATUS, PROGRESS) if subject == RESPONDENT else (ASSESSMENT, STATUS, PROGRESS)
        )
        self._rows: list[InstrumentReview] = []
        self._row_of: dict[str, int] = {}

    def set_rows(self, rows: Sequence[InstrumentReview]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {entry_key(r): n for n, r in enumerate(self._rows)}
        self.endResetModel()

    def entry_at(self, row: int) -> InstrumentReview:
        return self._rows[row]

    def row_of(self, key: str) -> int | None:
        return self._row_of.get(key)

    @property
    def entries(self) -> list[InstrumentReview]:
        return list(self._rows)

    # -- Qt model API ----------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADERS[self.columns[section]])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return icon(STATUS_ICONS.get(entry.status, "status-not-started"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == PROGRESS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, entry: InstrumentReview, column: str) -> str:
        if column == LABEL:
            return entry.respondent or ""
        if column in (INSTRUMENT, ASSESSMENT):
            return entry.instrument_title
        if column == STATUS:
            return tr("Removed after receipt") if entry.purged else labels.review_status(entry.status)
        return f"{entry.progress}%"

    def _tooltip(self, entry: InstrumentReview) -> str:
        text = f"{entry.label}: {labels.review_status(entry.status)}, {entry.progress}%"
        if entry.finalised_at is not None:
            text += " — " + tr("finalised {when} by {who}").format(
                when=entry.finalised_at.astimezone().strftime("%d/%m/%Y %H:%M"), who=entry.finalised_by or ""
            )
        if entry.origin != "local":
            text += " — " + tr("returned by a team member")
        return text
