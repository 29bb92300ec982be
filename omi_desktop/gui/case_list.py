"""The left pane: the cases of the open inspection, sortable, with a filter box and a status filter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QWidget

from omi_desktop.core.inspections import CaseInfo, InspectionInfo
from omi_desktop.gui.forms.ui_case_list import Ui_CaseListPanel
from omi_desktop.gui.models.cases import (
    CASE_ROLE,
    COL_MANAGER,
    COL_REFERENCE,
    STATUS_FILTERS,
    CaseFilterModel,
    CaseTableModel,
)


class CaseListPanel(QWidget):
    #: The selected case changed (None when nothing is selected).
    case_selected = Signal(object)
    #: Enter pressed on a case: go and work on it.
    open_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CaseListPanel()
        self.ui.setupUi(self)
        self.model = CaseTableModel(self)
        self.proxy = CaseFilterModel(self)
        self.proxy.setSourceModel(self.model)
        table = self.ui.table
        table.setModel(self.proxy)
        table.sortByColumn(COL_REFERENCE, Qt.SortOrder.AscendingOrder)
        header = table.horizontalHeader()
        # Columns fit their contents each time the cases are loaded (_fit_columns): in ResizeToContents mode
        # the table would measure every row again at every layout, three times before it is first on screen
        # and at every move of the splitter.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_MANAGER, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        for code, label in STATUS_FILTERS:
            self.ui.statusCombo.addItem(self.tr(label), code)
        self.ui.filterEdit.textChanged.connect(self._filter_changed)
        self.ui.statusCombo.currentIndexChanged.connect(self._status_changed)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        table.installEventFilter(self)
        self.ui.filterEdit.installEventFilter(self)
        self._selected_id: str | None = None
        self._reselect: str | None = None

    # -- filling -------------------------------------------------------------------------------------------
    def load(self, inspection: InspectionInfo, cases: list[CaseInfo]) -> None:
        self.ui.inspectionTitle.setText(inspection.label)
        keep = self._selected_id if self._selected_id is not None else self._reselect
        self._reselect = None
        self.model.set_rows(cases)
        self._fit_columns()
        self._update_summary()
        if keep is not None and self.model.row_of(keep) is not None:
            self.select_case(keep)

    def update_case(self, case: CaseInfo) -> None:
        self.model.update_case(case)
        self._update_summary()

    def _fit_columns(self) -> None:
        """Each fixed column as wide as its widest cell: the row with the widest text is measured (every
        cell of a column has the same font and icon), not every row."""
        table, header = self.ui.table, self.ui.table.horizontalHeader()
        metrics = table.fontMetrics()
        grid = 1 if table.showGrid() else 0
        rows = self.model.rowCount()
        for column in range(self.model.columnCount()):
            if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Fixed:
                continue
            fit = header.sectionSizeHint(column)
            if rows:
                texts = [self.model.display_text(row, column) for row in range(rows)]
                widest = max(range(rows), key=lambda row: metrics.horizontalAdvance(texts[row]))
                index = self.proxy.mapFromSource(self.model.index(widest, column))
                if index.isValid():
                    fit = max(fit, table.sizeHintForIndex(index).width() + grid)
            header.resizeSection(column, max(fit, header.minimumSectionSize()))

    # -- selection -----------------------------------------------------------------------------------------
    def selected_case(self) -> CaseInfo | None:
        index = self.ui.table.currentIndex()
        return index.data(CASE_ROLE) if index.isValid() else None

    def select_case(self, case_id: str) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: clear the filters so the case can be shown
            self.ui.filterEdit.clear()
            self.ui.statusCombo.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self._set_current(index)
        return True

    def forget_selection(self) -> None:
        """Another data folder is open: the next case chosen is announced even if it has the same id (the
        case chosen before is chosen again if the folder has it)."""
        self._reselect = self._selected_id or self._reselect
        self._selected_id = None

    def select_first(self) -> None:
        if self.proxy.rowCount() > 0:
            self._set_current(self.proxy.index(0, 0))

    def step(self, delta: int) -> bool:
        """Move the selection ``delta`` rows in the shown order; False at either end."""
        current = self.ui.table.currentIndex()
        row = (current.row() + delta) if current.isValid() else 0
        if not 0 <= row < self.proxy.rowCount():
            return False
        self._set_current(self.proxy.index(row, 0))
        return True

    def focus_filter(self) -> None:
        self.ui.filterEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.filterEdit.selectAll()

    def focus_table(self) -> None:
        self.ui.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.ui.table.currentIndex().isValid():
            self.select_first()

    def _set_current(self, index: QModelIndex) -> None:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.ui.table.selectionModel().setCurrentIndex(index, flags)
        self.ui.table.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case = current.data(CASE_ROLE) if current.isValid() else None
        new_id = case.id if case is not None else None
        if new_id != self._selected_id:
            self._selected_id = new_id
            # After this turn: filtering again inside the selection model's own signal is not safe.
            QTimer.singleShot(0, self, lambda: self.proxy.set_pinned(self._selected_id))
            self.case_selected.emit(case)

    # -- filtering -----------------------------------------------------------------------------------------
    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_summary()

    def _status_changed(self, _index: int) -> None:
        self.proxy.set_status(self.ui.statusCombo.currentData())
        self._update_summary()

    def _update_summary(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        finalised = sum(1 for c in self.model.cases if c.status == "finalised")
        if shown == total:
            text = self.tr("{total} cases, {finalised} finalised").format(total=total, finalised=finalised)
        else:
            text = self.tr("Showing {shown} of {total} cases ({finalised} finalised)").format(
                shown=shown, total=total, finalised=finalised
            )
        self.ui.summaryLabel.setText(text)

    # -- keys ----------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.ui.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                case = self.selected_case()
                if case is not None:
                    self.open_requested.emit(case)
                    return True
            if watched is self.ui.filterEdit and key in (
                Qt.Key.Key_Down,
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                self.focus_table()
                return True
        return super().eventFilter(watched, event)
