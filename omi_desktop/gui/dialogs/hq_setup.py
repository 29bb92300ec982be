"""Head office → New inspection… / Draw a sample…: the set-up wizard.

Four steps: the inspection (area, region, dates, framework and modules, lead and team), the long list
(read and checked, every problem shown by row and column), the sample (size, buffer, cap, window, minimums,
seed) and its analysis. Every read and write runs on the window's worker through ``window.tasks``; the
wizard only gathers choices and shows what core returns. The long-list, sample and analysis steps live in
``hq_sample.py``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget, QWizard, QWizardPage
from shiboken6 import isValid

from omi_desktop.core.framework.registry import available, get_framework
from omi_desktop.core.i18n import current_language
from omi_desktop.core.inspections import InspectionInfo
from omi_desktop.core.sampling import team
from omi_desktop.core.settings import CURRENT_INSPECTION, set_setting
from omi_desktop.core.setup import InspectorSpec, create_inspection
from omi_desktop.gui.changes import Change, Changes
from omi_desktop.gui.forms.ui_hq_inspection_page import Ui_HqInspectionPage
from omi_desktop.gui.forms.ui_hq_inspector_dialog import Ui_HqInspectorDialog

if TYPE_CHECKING:
    from omi_desktop.core.sampling.longlist import LongList
    from omi_desktop.gui.main_window import MainWindow

INSPECTION_PAGE, LONG_LIST_PAGE, SAMPLE_PAGE, ANALYSIS_PAGE = range(4)
ROLE_LABELS = {
    "inspector": "Inspector",
    "lead": "Lead inspector",
    "local_assessor": "Local assessor",
    "hq": "Head office",
}


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def alive(widget: QWidget) -> bool:
    """False once the person has closed the dialog: a late callback then has nothing to show."""
    return isValid(widget)


def describe(inspector: team.InspectorInfo, tr: Any) -> str:
    notes = [tr(ROLE_LABELS.get(inspector.role, inspector.role))]
    if inspector.experienced:
        notes.append(tr("experienced"))
    if inspector.home_team:
        notes.append(tr("home team {team}").format(team=inspector.home_team))
    return f"{inspector.name} ({inspector.id}) — {', '.join(notes)}"


class SetupWizard(QWizard):
    """The set-up wizard; ``start`` is ``INSPECTION_PAGE`` for a new inspection, else ``LONG_LIST_PAGE``."""

    def __init__(self, window: MainWindow, start: int = INSPECTION_PAGE) -> None:
        super().__init__(window)
        from omi_desktop.gui.dialogs.hq_sample import AnalysisPage, LongListPage, SamplePage

        self.setObjectName("hqSetupWizard")
        self.main_window = window
        self.inspection: InspectionInfo | None = (
            None if start == INSPECTION_PAGE else window.current_inspection()
        )
        self.longlist: LongList | None = None
        self.setWindowTitle(
            self.tr("New inspection") if start == INSPECTION_PAGE else self.tr("Draw a sample")
        )
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.inspection_page = InspectionPage(self)
        self.longlist_page = LongListPage(self)
        self.sample_page = SamplePage(self)
        self.analysis_page = AnalysisPage(self)
        for number, page in enumerate(
            (self.inspection_page, self.longlist_page, self.sample_page, self.analysis_page)
        ):
            self.setPage(number, page)
        self.setStartId(start)
        self.resize(860, 640)

    @property
    def store(self) -> Any:
        return self.main_window.workspace.store

    @property
    def tasks(self) -> Any:
        return self.main_window.tasks


class WizardStep(QWizardPage):
    """A page whose Next runs work on the worker first: Next waits, then moves on by itself."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setup = wizard
        self.busy = False
        self.done = False

    def isComplete(self) -> bool:
        return not self.busy and self.ready()

    def ready(self) -> bool:
        return True

    def validatePage(self) -> bool:
        if self.done:
            return True
        if not self.busy:
            self.set_busy(True)
            self.start()
        return False

    def start(self) -> None:  # runs the work; calls finished() on success, failed() on failure
        self.finished()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.completeChanged.emit()

    def finished(self) -> None:
        if not alive(self):
            return
        self.set_busy(False)
        self.done = True
        self.setup.next()

    def failed(self, _error: BaseException | None = None) -> None:
        if alive(self):
            self.set_busy(False)


class InspectionPage(WizardStep):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("hqInspectionPage")
        self.ui = Ui_HqInspectionPage()
        self.ui.setupUi(self)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create the inspection"))
        ui = self.ui
        monday = date.today() + timedelta(days=(7 - date.today().weekday()) % 7 or 7)
        ui.fieldworkStartEdit.setDate(to_qdate(monday + timedelta(days=28)))
        ui.fieldworkEndEdit.setDate(to_qdate(monday + timedelta(days=32)))
        for edit in (ui.areaCodeEdit, ui.areaNameEdit):
            edit.textChanged.connect(self.completeChanged)
        ui.areaNameEdit.textChanged.connect(self._suggest_title)
        ui.fieldworkStartEdit.dateChanged.connect(self.completeChanged)
        ui.fieldworkEndEdit.dateChanged.connect(self.completeChanged)
        ui.frameworkCombo.currentIndexChanged.connect(self._show_modules)
        ui.addInspectorButton.clicked.connect(self._add_inspector)
        self._title_touched = False
        ui.titleEdit.textEdited.connect(lambda _text: setattr(self, "_title_touched", True))
        self._frameworks = [f for f in available(wizard.store)]
        for f in self._frameworks:
            ui.frameworkCombo.addItem(self.tr("{title} — version {v}").format(title=f.title, v=f.version))
        latest = max(
            (i for i, f in enumerate(self._frameworks) if f.id == "omi-2006"),
            key=lambda i: self._frameworks[i].version,
            default=0,
        )
        ui.frameworkCombo.setCurrentIndex(latest)
        self._show_modules()
        self.load_inspectors()

    def load_inspectors(self, tick: str | None = None) -> None:
        ui = self.ui
        chosen = self.team_ids() | ({tick} if tick else set())
        lead = ui.leadCombo.currentData()
        ui.leadCombo.clear()
        ui.leadCombo.addItem(self.tr("— none yet —"), None)
        ui.teamList.clear()
        for inspector in team.list_inspectors(self.setup.store):
            label = describe(inspector, self.tr)
            ui.leadCombo.addItem(label, inspector.id)
            item = QListWidgetItem(label, ui.teamList)
            item.setData(Qt.ItemDataRole.UserRole, inspector.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if inspector.id in chosen else Qt.CheckState.Unchecked)
        if lead is not None:
            ui.leadCombo.setCurrentIndex(max(0, ui.leadCombo.findData(lead)))

    def team_ids(self) -> set[str]:
        found = set()
        for row in range(self.ui.teamList.count()):
            item = self.ui.teamList.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.add(item.data(Qt.ItemDataRole.UserRole))
        return found

    def _suggest_title(self, name: str) -> None:
        if not self._title_touched:
            self.ui.titleEdit.setText(
                self.tr("{area} Offender Management Inspection").format(area=name.strip())
                if name.strip()
                else ""
            )

    def _show_modules(self) -> None:
        self.ui.modulesList.clear()
        index = self.ui.frameworkCombo.currentIndex()
        if index < 0 or not self._frameworks:
            return
        summary = self._frameworks[index]
        framework = get_framework(self.setup.store, summary.id, summary.version)
        for module in framework.modules:
            item = QListWidgetItem(module.title.get(current_language()), self.ui.modulesList)
            item.setData(Qt.ItemDataRole.UserRole, module.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = Qt.CheckState.Checked if module.active_by_default else Qt.CheckState.Unchecked
            item.setCheckState(checked)
        self.ui.modulesList.setEnabled(bool(framework.modules))

    def ready(self) -> bool:
        ui = self.ui
        problem = ""
        if not ui.areaCodeEdit.text().strip() or not ui.areaNameEdit.text().strip():
            problem = self.tr("The area's code and name are needed.")
        elif ui.fieldworkEndEdit.date() < ui.fieldworkStartEdit.date():
            problem = self.tr("Fieldwork cannot end before it starts.")
        ui.hint.setText(problem)
        return not problem

    def _add_inspector(self) -> None:
        dialog = InspectorDialog(self)

        def accepted() -> None:
            spec = dialog.spec()
            self.setup.tasks.run(
                lambda: team.add_inspector(self.setup.store, spec),
                parent=self,
                success=lambda info: alive(self) and self.load_inspectors(tick=info.id),
                changes=Changes(Change.SAMPLE),
            )

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def start(self) -> None:
        ui = self.ui
        summary = self._frameworks[ui.frameworkCombo.currentIndex()]
        modules = [
            ui.modulesList.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(ui.modulesList.count())
            if ui.modulesList.item(r).checkState() == Qt.CheckState.Checked
        ]
        people = {i.id: i for i in team.list_inspectors(self.setup.store)}
        lead_id = ui.leadCombo.currentData()
        members = [people[i].spec for i in sorted(self.team_ids())]
        options = {
            "title": ui.titleEdit.text().strip() or ui.areaNameEdit.text().strip(),
            "area_code": ui.areaCodeEdit.text().strip(),
            "area_name": ui.areaNameEdit.text().strip(),
            "region_code": ui.regionCodeEdit.text().strip() or None,
            "region_name": ui.regionNameEdit.text().strip() or None,
            "framework_id": summary.id,
            "framework_version": summary.version,
            "active_modules": modules,
            "fieldwork_start": from_qdate(ui.fieldworkStartEdit.date()),
            "fieldwork_end": from_qdate(ui.fieldworkEndEdit.date()),
            "lead": people[lead_id].spec if lead_id else None,
            "team": members,
        }
        store = self.setup.store

        def create() -> InspectionInfo:
            info = create_inspection(store, **options)
            set_setting(store, CURRENT_INSPECTION, info.id)
            return info

        def created(info: InspectionInfo) -> None:
            if alive(self):
                self.setup.inspection = info
                self.finished()

        self.setup.tasks.run(
            create,
            parent=self,
            success=created,
            failure=self._refused,
            changes=Changes(Change.INSPECTIONS | Change.CASES),
        )

    def _refused(self, error: BaseException) -> None:
        if alive(self):
            self.failed(error)
            self.ui.hint.setText(str(error))


class InspectorDialog(QDialog):
    """A new inspector: identity id, name, role, experienced, home team."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hqInspectorDialog")
        self.ui = Ui_HqInspectorDialog()
        self.ui.setupUi(self)
        for role in team.ROLES:
            self.ui.roleCombo.addItem(self.tr(ROLE_LABELS[role]), role)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    def spec(self) -> InspectorSpec:
        ui = self.ui
        return InspectorSpec(
            ui.idEdit.text().strip(),
            ui.nameEdit.text().strip(),
            ui.roleCombo.currentData(),
            ui.experiencedCheck.isChecked(),
            ui.homeTeamEdit.text().strip() or None,
        )
