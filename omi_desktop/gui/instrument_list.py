"""The left pane's other lists: the area assessment (one row per area-level instrument) and the
questionnaire responses (with a choice of questionnaire and an "Add questionnaire…" button)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from omi_desktop.core.inspections import InspectionInfo
from omi_desktop.core.instruments import RESPONDENT, InstrumentInfo, InstrumentReview
from omi_desktop.gui.models.instruments import ENTRY_ROLE, InstrumentTableModel, entry_key

if TYPE_CHECKING:  # the summaries bring ReportLab with them: read on the worker, shown here
    from omi_desktop.core.reports.instrument_summaries import AreaCriterion, LeadershipSummary


class _InstrumentFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.instrument: str | None = None

    def set_instrument(self, instrument: str | None) -> None:
        self.beginFilterChange()
        self.instrument = instrument
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self.instrument is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, InstrumentTableModel)
        return model.entry_at(row).instrument == self.instrument


class InstrumentListPanel(QWidget):
    #: The selected row changed (an ``InstrumentReview``, or None when nothing is selected).
    entry_selected = Signal(object)
    #: Enter pressed on a row: go and work on it.
    open_requested = Signal(object)

    def __init__(self, subject: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject = subject
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.instrument_combo: QComboBox | None = None
        self.add_button: QPushButton | None = None
        if subject == RESPONDENT:
            row = QHBoxLayout()
            self.instrument_combo = QComboBox(self)
            self.instrument_combo.setAccessibleName(self.tr("Show which questionnaire"))
            self.instrument_combo.currentIndexChanged.connect(self._instrument_changed)
            self.add_button = QPushButton(self.tr("Add questionnaire…"), self)
            row.addWidget(self.instrument_combo, 1)
            row.addWidget(self.add_button)
            layout.addLayout(row)
        self.model = InstrumentTableModel(subject, self)
        self.proxy = _InstrumentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(
            self.tr("Questionnaire responses") if subject == RESPONDENT else self.tr("Area assessment")
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1 if subject == RESPONDENT else 0, QHeaderView.ResizeMode.Stretch)
        #: The area assessment's judgements by criterion, under its (one-row) list.
        self.overview = QLabel(self)
        self.overview.setObjectName("areaOverview")
        self.overview.setWordWrap(True)
        self.overview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.overview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if subject == RESPONDENT:
            layout.addWidget(self.table, 1)
            self.overview.hide()
        else:
            layout.addWidget(self.table)
            layout.addWidget(self.overview, 1)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.installEventFilter(self)
        self._selected: str | None = None

    # -- filling -------------------------------------------------------------------------------------------
    def load(
        self, inspection: InspectionInfo, rows: list[InstrumentReview], infos: list[InstrumentInfo], hint: str
    ) -> None:
        """Show ``rows``, keeping the selection where the row is still there."""
        self.title.setText(inspection.label)
        combo = self.instrument_combo
        if combo is not None:
            wanted = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All questionnaires"), None)
            for info in infos:
                combo.addItem(info.title, info.id)
            combo.setCurrentIndex(max(0, combo.findData(wanted)))
            combo.blockSignals(False)
            self.proxy.set_instrument(combo.currentData())
        keep = self._selected
        self.model.set_rows(rows)
        self.hint.setText(hint)
        if self.subject != RESPONDENT:  # a few rows: no empty table under them
            frame = 2 * self.table.frameWidth() + self.table.horizontalHeader().sizeHint().height()
            self.table.setFixedHeight(
                frame + max(1, len(rows)) * self.table.verticalHeader().defaultSectionSize()
            )
        if keep is not None and not self.select_key(keep):
            self._selected = None
            self.entry_selected.emit(None)

    def show_overview(self, summary: LeadershipSummary) -> None:
        """The judgements by criterion of each area assessment that has been started."""
        parts = []
        for assessment in summary.assessments:
            if assessment.review_id is None or assessment.purged:
                continue
            heading = self.tr("Judgements") if assessment.finalised else self.tr("Judgements so far")
            rows = "".join(
                f"<tr><td>{escape(c.criterion_id)}&nbsp;</td><td>{escape(c.title)}&nbsp;&nbsp;</td>"
                f"<td>{escape(self._verdict(c))}</td></tr>"
                for c in assessment.criteria
            )
            title = escape(assessment.title) if len(summary.assessments) > 1 else ""
            parts.append(f"<p><b>{heading}</b> {title}</p><table cellspacing='2'>{rows}</table>")
        self.overview.setText("".join(parts))
        self.overview.setAccessibleName(self.tr("Judgements by criterion"))

    def _verdict(self, criterion: AreaCriterion) -> str:
        if criterion.applicable == 0 and criterion.unanswered:
            return self.tr("not judged yet")
        symbol, words = {
            "met": ("✓", self.tr("Met")),
            "partly_met": ("◐", self.tr("Partly met")),
            "not_met": ("✗", self.tr("Not met")),
        }.get(criterion.verdict, ("–", self.tr("Not applicable")))
        text = f"{symbol} {words}"
        if criterion.unanswered:
            text += " " + self.tr("({k} to answer)").format(k=criterion.unanswered)
        return text

    # -- selection -----------------------------------------------------------------------------------------
    def selected_entry(self) -> InstrumentReview | None:
        index = self.table.currentIndex()
        return index.data(ENTRY_ROLE) if index.isValid() else None

    def select_key(self, key: str) -> bool:
        row = self.model.row_of(key)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid() and self.instrument_combo is not None:  # filtered out: show every one
            self.instrument_combo.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def select_first(self) -> None:
        if self.table.currentIndex().isValid() or self.proxy.rowCount() == 0:
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(self.proxy.index(0, 0), flags)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.select_first()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = current.data(ENTRY_ROLE) if current.isValid() else None
        key = entry_key(entry) if entry is not None else None
        if key != self._selected:
            self._selected = key
            self.entry_selected.emit(entry)

    def _instrument_changed(self, _index: int) -> None:
        assert self.instrument_combo is not None
        self.proxy.set_instrument(self.instrument_combo.currentData())

    # -- keys ----------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            entry = self.selected_entry()
            if entry is not None:
                self.open_requested.emit(entry)
                return True
        return super().eventFilter(watched, event)
