"""The case list: ``CaseTableModel`` over ``core.inspections.CaseInfo`` rows, and its filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from omi_desktop.core.inspections import CaseInfo
from omi_desktop.gui import labels
from omi_desktop.gui.icons import icon

Index = QModelIndex | QPersistentModelIndex

COL_REFERENCE, COL_ORDER, COL_ROSH, COL_PPO, COL_MANAGER, COL_STATUS, COL_PROGRESS = range(7)
COLUMN_COUNT = 7

#: The ``CaseInfo`` of a row.
CASE_ROLE = Qt.ItemDataRole.UserRole + 1
#: The value a column sorts by (numbers sort as numbers, RoH from low to very high).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: The review status code of a row ("not_started" ... "finalised").
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

#: The roles ``data`` answers; the view asks for many more (font, colours, size hint...) for every cell it
#: sizes or paints, and those get None before any other work.
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        SORT_ROLE,
        CASE_ROLE,
        STATUS_ROLE,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
    }
)

_ROSH_ORDER = {"low": 0, "medium": 1, "high": 2, "very_high": 3}
_STATUS_ORDER = {"not_started": 0, "in_progress": 1, "complete": 2, "finalised": 3}
STATUS_ICONS = {
    "not_started": "status-not-started",
    "in_progress": "status-in-progress",
    "complete": "status-complete",
    "finalised": "status-finalised",
}


class CaseTableModel(QAbstractTableModel):
    HEADERS: ClassVar[tuple[str, ...]] = (
        "Case",
        "Order",
        "RoH",
        "PPO",
        "Manager",
        "Status",
        "Done",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseInfo] = []
        self._row_of: dict[str, int] = {}

    # -- filling ---------------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[CaseInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {case.id: n for n, case in enumerate(self._rows)}
        self.endResetModel()

    def update_case(self, case: CaseInfo) -> None:
        """Replace one row in place (after its review changed)."""
        row = self._row_of.get(case.id)
        if row is None:
            return
        self._rows[row] = case
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def display_text(self, row: int, column: int) -> str:
        """The text shown in a cell."""
        return self._display(self._rows[row], column)

    def case_at(self, row: int) -> CaseInfo:
        return self._rows[row]

    def row_of(self, case_id: str) -> int | None:
        return self._row_of.get(case_id)

    @property
    def cases(self) -> list[CaseInfo]:
        return list(self._rows)

    # -- Qt model API ----------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        case = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(case, column)
        if role == SORT_ROLE:
            return self._sort_key(case, column)
        if role == CASE_ROLE:
            return case
        if role == STATUS_ROLE:
            return case.status
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATUS:
            return icon(STATUS_ICONS.get(case.status, "status-not-started"))
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_REFERENCE, COL_ORDER, COL_MANAGER):
            return self.tr("{reference}: {order}, RoH {rosh}, tier {tier}").format(
                reference=case.reference,
                order=labels.order_type(case.order_type),
                rosh=labels.rosh_level(case.rosh_level),
                tier=case.tier if case.tier is not None else "—",
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PROGRESS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, case: CaseInfo, column: int) -> str:
        if column == COL_REFERENCE:
            return case.reference
        if column == COL_ORDER:
            return labels.order_type_short(case.order_type)
        if column == COL_ROSH:
            return labels.rosh_level(case.rosh_level)
        if column == COL_PPO:
            return self.tr("PPO") if case.ppo else ""
        if column == COL_MANAGER:
            return case.offender_manager or ""
        if column == COL_STATUS:
            return labels.review_status(case.status)
        return f"{case.progress}%"

    def _sort_key(self, case: CaseInfo, column: int) -> Any:
        if column == COL_ROSH:
            return _ROSH_ORDER.get(case.rosh_level or "", -1)
        if column == COL_PPO:
            return int(case.ppo)
        if column == COL_STATUS:
            return _STATUS_ORDER.get(case.status, -1)
        if column == COL_PROGRESS:
            return case.progress
        return self._display(case, column).casefold()


#: Status filter choices: (code, source label); "open" means anything not finalised.
STATUS_FILTERS: tuple[tuple[str | None, str], ...] = (
    (None, "All statuses"),
    ("open", "Not finalised"),
    ("not_started", "Not started"),
    ("in_progress", "In progress"),
    ("complete", "Complete, not finalised"),
    ("finalised", "Finalised"),
)


class CaseFilterModel(QSortFilterProxyModel):
    """Filters by free text (reference, manager, order type, RoH level, status) and by status."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._status: str | None = None
        self._pinned: str | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange()

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange()

    def set_pinned(self, case_id: str | None) -> None:
        """The case being worked on passes the status filter until another is chosen: its first answer (or
        finalising) changes its status, and the list must not take it away, and the next keys with it."""
        if case_id == self._pinned:
            return
        self.beginFilterChange()
        self._pinned = case_id
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._status is None and not self._words:
            return True
        model = self.sourceModel()
        case: CaseInfo = model.data(model.index(source_row, 0, source_parent), CASE_ROLE)
        if case.id != self._pinned:
            if self._status == "open" and case.status == "finalised":
                return False
            if self._status not in (None, "open") and case.status != self._status:
                return False
        if not self._words:
            return True
        haystack = " ".join(
            (
                case.reference,
                case.offender_manager or "",
                labels.order_type(case.order_type),
                labels.rosh_level(case.rosh_level),
                labels.review_status(case.status),
                "ppo" if case.ppo else "",
                case.team or "",
            )
        ).casefold()
        return all(word in haystack for word in self._words)
