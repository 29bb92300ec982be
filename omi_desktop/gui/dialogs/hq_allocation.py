"""Head office → Allocate cases…: who has which case, allocated automatically and changed by hand.

The rules (experienced inspectors for high RoSH, local assessors never on their own team) are core's: a
change by hand that breaks one is refused with the reason, and the table shows the store again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from omi_desktop.core.inspections import CaseInfo, InspectionInfo, list_cases
from omi_desktop.core.sampling.allocation import AllocationView, allocate, allocation_view, assign
from omi_desktop.core.sampling.replace import replace_case
from omi_desktop.gui.changes import Change, Changes
from omi_desktop.gui.dialogs.hq_setup import alive
from omi_desktop.gui.forms.ui_hq_allocation_dialog import Ui_HqAllocationDialog
from omi_desktop.gui.labels import order_type, rosh_level

if TYPE_CHECKING:
    from omi_desktop.gui.main_window import MainWindow

AnyIndex = QModelIndex | QPersistentModelIndex
CHANGES = Changes(Change.CASES | Change.SAMPLE)


@dataclass(frozen=True)
class Allocation:
    """What the dialog shows, read together on the worker."""

    view: AllocationView
    cases: list[CaseInfo]


def read_allocation(store: Any, inspection_id: str) -> Allocation:
    return Allocation(allocation_view(store, inspection_id), list_cases(store, inspection_id))


class LoadsModel(QAbstractTableModel):
    """Each inspector of the team, their attributes and how many cases they have."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, view: AllocationView) -> None:
        self.beginResetModel()
        self.rows = list(view.inspectors)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Inspector"), self.tr("May have"), self.tr("Cases"))[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return f"{row.name} ({row.id})"
            if index.column() == 1:
                limits = [self.tr("high RoSH") if row.experienced else self.tr("no high RoSH")]
                if row.home_team:
                    limits.append(self.tr("not {team}").format(team=row.home_team))
                return ", ".join(limits)
            return row.load
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class CasesModel(QAbstractTableModel):
    """The cases with their inspector; the inspector column is edited with ``InspectorDelegate``."""

    COLUMNS = ("reference", "order", "rosh", "team", "ldu", "inspector")
    INSPECTOR = 5
    #: A change asked for by hand: (case reference, inspector id or None).
    reassign_requested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CaseInfo] = []
        self.names: dict[str, str] = {}

    def set_rows(self, cases: list[CaseInfo], view: AllocationView) -> None:
        self.beginResetModel()
        self.rows = cases
        self.names = {i.id: f"{i.name} ({i.id})" for i in view.inspectors}
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Case"),
                self.tr("Order or licence"),
                self.tr("RoSH"),
                self.tr("Team"),
                self.tr("LDU"),
                self.tr("Inspector"),
            )[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.INSPECTOR:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case = self.rows[index.row()]
        if role == Qt.ItemDataRole.EditRole and index.column() == self.INSPECTOR:
            return case.inspector_id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = self.COLUMNS[index.column()]
        if column == "reference":
            return case.reference
        if column == "order":
            return order_type(case.order_type)
        if column == "rosh":
            return rosh_level(case.rosh_level)
        if column == "team":
            return case.team or "—"
        if column == "ldu":
            return case.ldu or "—"
        return self.names.get(case.inspector_id or "", case.inspector_id) or self.tr("— not allocated")

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == self.INSPECTOR and role == Qt.ItemDataRole.EditRole:
            case = self.rows[index.row()]
            if value != case.inspector_id:
                self.reassign_requested.emit(case.reference, value)
            return False  # the store decides; the table is read again once it has
        return False


class InspectorDelegate(QStyledItemDelegate):
    """A list of the team (and "not allocated") to choose a case's inspector from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices: list[tuple[str, str | None]] = []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        editor = QComboBox(parent)
        editor.setObjectName("inspectorEditor")
        for label, inspector_id in self.choices:
            editor.addItem(label, inspector_id)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class AllocationDialog(QDialog):
    def __init__(self, window: MainWindow, inspection: InspectionInfo) -> None:
        super().__init__(window)
        self.setObjectName("hqAllocationDialog")
        self.main_window = window
        self.inspection = inspection
        self.ui = Ui_HqAllocationDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(self.tr("Allocate cases — {inspection}").format(inspection=inspection.label))
        ui = self.ui
        self.loads = LoadsModel(self)
        self.cases = CasesModel(self)
        self.delegate = InspectorDelegate(self)
        ui.loadsView.setModel(self.loads)
        ui.casesView.setModel(self.cases)
        ui.casesView.setItemDelegateForColumn(CasesModel.INSPECTOR, self.delegate)
        ui.casesView.setEditTriggers(
            QTableView.EditTrigger.DoubleClicked
            | QTableView.EditTrigger.EditKeyPressed
            | QTableView.EditTrigger.SelectedClicked
        )
        for view in (ui.loadsView, ui.casesView):
            view.verticalHeader().setVisible(False)
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.setWordWrap(False)
        ui.loadsView.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        ui.casesView.horizontalHeader().setSectionResizeMode(
            CasesModel.INSPECTOR, QHeaderView.ResizeMode.Stretch
        )
        ui.splitter.setSizes([430, 750])
        self.cases.reassign_requested.connect(self.reassign)
        ui.autoButton.clicked.connect(lambda: self.allocate(redo=False))
        ui.redoButton.clicked.connect(self._confirm_redo)
        ui.replaceButton.clicked.connect(self._replace)
        ui.buttons.rejected.connect(self.reject)
        self.explanations: list[str] = []
        self.reload()

    @property
    def store(self) -> Any:
        return self.main_window.workspace.store

    def reload(self) -> None:
        store, inspection_id = self.store, self.inspection.id
        self.main_window.tasks.run(
            lambda: read_allocation(store, inspection_id), parent=self, success=self.show
        )

    def show_allocation(self, allocation: Allocation) -> None:
        if not alive(self):
            return
        view = allocation.view
        self.loads.set_rows(view)
        selected = self.selected_reference()
        self.cases.set_rows(allocation.cases, view)
        self.delegate.choices = [(f"{i.name} ({i.id})", i.id) for i in view.inspectors] + [
            (self.tr("— not allocated"), None)
        ]
        if selected:
            self.select(selected)
        lines = [
            self.tr(
                "{n} cases; {free} not allocated; the busiest inspector has {spread} more than the least busy"
                "."
            ).format(n=len(allocation.cases), free=len(view.unallocated), spread=view.spread)
        ]
        lines += [self.tr("Because {why}.").format(why=why) for why in self.explanations]
        lines += [self.tr("Breaks a rule: {text}").format(text=v) for v in view.violations]
        self.ui.summary.setText("\n".join(lines))
        self.ui.replaceButton.setEnabled(bool(allocation.cases))

    show = show_allocation  # the reload callback

    def selected_reference(self) -> str | None:
        index = self.ui.casesView.currentIndex()
        return self.cases.rows[index.row()].reference if index.isValid() and self.cases.rows else None

    def select(self, reference: str) -> None:
        for row, case in enumerate(self.cases.rows):
            if case.reference == reference:
                self.ui.casesView.setCurrentIndex(self.cases.index(row, CasesModel.INSPECTOR))
                return

    def allocate(self, *, redo: bool) -> None:
        store, inspection_id, actor = self.store, self.inspection.id, self.main_window.workspace.actor

        def done(view: AllocationView) -> None:
            if alive(self):
                self.explanations = view.explanations
                self.reload()

        self.main_window.tasks.run(
            lambda: allocate(store, inspection_id, actor=actor, redo=redo),
            parent=self,
            success=done,
            changes=CHANGES,
        )

    def _confirm_redo(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Start again"),
            self.tr(
                "Allocate every case again from the start? Cases whose review has begun stay where they are."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.allocate(redo=True)

    def reassign(self, reference: str, inspector_id: str | None) -> None:
        store, inspection_id, actor = self.store, self.inspection.id, self.main_window.workspace.actor
        self.main_window.tasks.run(
            lambda: assign(store, inspection_id, reference, inspector_id, actor=actor),
            parent=self,
            success=lambda _view: alive(self) and self.reload(),
            failure=self._refused,
            changes=CHANGES,
        )

    def _refused(self, error: BaseException) -> None:
        from omi_desktop.gui.dialogs.error import show_error

        if alive(self):
            self.reload()
            show_error(self, error)

    def _replace(self) -> None:
        reference = self.selected_reference()
        if reference is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Replace the case"),
            self.tr("Why can {ref} not be inspected? (kept in the record)").format(ref=reference),
        )
        if not ok:
            return
        store, inspection_id, actor = self.store, self.inspection.id, self.main_window.workspace.actor
        self.main_window.tasks.run(
            lambda: replace_case(store, inspection_id, reference, reason=reason, actor=actor),
            parent=self,
            success=lambda _info: alive(self) and self.reload(),
            changes=CHANGES,
        )
