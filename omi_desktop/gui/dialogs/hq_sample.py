"""The set-up wizard's later steps: the long list, the sample, and its analysis (see ``hq_setup.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizard,
)

from omi_desktop.core.clock import today
from omi_desktop.core.errors import NotFoundError, OmiError
from omi_desktop.core.sampling.analysis import SampleAnalysis, sample_analysis
from omi_desktop.core.sampling.eligibility import reason_label
from omi_desktop.core.sampling.longlist import LongList, problem_lines, read_long_list
from omi_desktop.core.sampling.parameters import default_window, new_seed, parameters_for, parse_minimum
from omi_desktop.core.sampling.records import current_sample, sample_operation
from omi_desktop.core.sampling.strata import default_strata
from omi_desktop.gui.changes import Change, Changes
from omi_desktop.gui.dialogs.hq_setup import SetupWizard, WizardStep, alive, from_qdate, to_qdate
from omi_desktop.gui.dialogs.sync_common import trn
from omi_desktop.gui.forms.ui_hq_sample_page import Ui_HqSamplePage

if TYPE_CHECKING:
    from omi_desktop.core.sampling.parameters import SampleParameters

MAX_SHOWN = 500  # problems listed on screen; 'omi hq longlist check' lists them all


class LongListPage(WizardStep):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("hqLongListPage")
        self.setTitle(self.tr("The long list"))
        self.setSubTitle(
            self.tr(
                "The area's list of cases, as CSV (UTF-8 or Windows-1252) or an Excel workbook (.xlsx). "
                "It is checked row by row; a file with problems is used only without the rows listed."
            )
        )
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        label = QLabel(self.tr("&File:"), self)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("longListPath")
        label.setBuddy(self.path_edit)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.check_button = QPushButton(self.tr("C&heck the file"), self)
        for widget in (label, self.path_edit, self.browse_button, self.check_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.summary = QLabel(self)
        self.summary.setObjectName("longListSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QListWidget(self)
        self.problems.setObjectName("longListProblems")
        self.problems.setAccessibleName(self.tr("Problems and notices in the long list"))
        layout.addWidget(self.problems, 1)
        self.skip_check = QCheckBox(self)
        self.skip_check.setObjectName("skipInvalidRows")
        self.skip_check.setVisible(False)
        layout.addWidget(self.skip_check)
        self.path_edit.textChanged.connect(self._forget)
        self.browse_button.clicked.connect(self._browse)
        self.check_button.clicked.connect(self.read)
        self.skip_check.toggled.connect(self.completeChanged)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open the long list"), "", self.tr("Long lists (*.csv *.xlsx);;All files (*)")
        )
        if path:
            self.path_edit.setText(path)
            self.read()

    def _forget(self) -> None:
        self.setup.longlist = None
        self.done = False
        self.summary.clear()
        self.problems.clear()
        self.skip_check.setVisible(False)
        self.skip_check.setChecked(False)
        self.completeChanged.emit()

    def ready(self) -> bool:
        if not self.path_edit.text().strip():
            return False
        found = self.setup.longlist
        return found is None or not found.problems or self.skip_check.isChecked()

    def read(self, then_next: bool = False) -> None:
        path = Path(self.path_edit.text().strip())
        self.set_busy(True)
        self.summary.setText(self.tr("Reading {name}…").format(name=path.name))

        def shown(longlist: LongList) -> None:
            if not alive(self):
                return
            self.set_busy(False)
            self.show_list(longlist)
            if then_next and self.ready():
                self.finished()

        def refused(error: BaseException) -> None:
            if alive(self):
                self.failed(error)
                self.summary.setText(str(error))

        self.setup.tasks.run(lambda: read_long_list(path), parent=self, success=shown, failure=refused)

    def show_list(self, longlist: LongList) -> None:
        self.setup.longlist = longlist
        problems, bad = len(longlist.problems), len(longlist.invalid_rows)
        if problems:
            found = trn(
                "{n} problem in {rows}.", "{n} problems in {rows}.", problems, context="LongListPage",
                rows=trn("{n} row", "{n} rows", bad, context="LongListPage"),
            )  # fmt: skip
        else:
            found = self.tr("no problems.")
        self.summary.setText(
            self.tr("{name}: {rows} case rows ({encoding}); {found}").format(
                name=longlist.source, rows=f"{longlist.rows:,}", encoding=longlist.encoding, found=found
            )
        )
        self.problems.clear()
        self.problems.addItems(problem_lines(longlist.problems, MAX_SHOWN))
        notices = problem_lines(longlist.notices, MAX_SHOWN)
        self.problems.addItems([self.tr("Notice: {text}").format(text=line) for line in notices])
        self.skip_check.setText(
            trn(
                "Continue &without the row that has problems (it is recorded as left out)",
                "Continue &without the {n} rows that have problems (they are recorded as left out)",
                bad,
                context="LongListPage",
            )
        )
        self.skip_check.setVisible(bool(longlist.problems))
        self.completeChanged.emit()

    def start(self) -> None:
        if self.setup.longlist is None:
            self.read(then_next=True)
        else:
            self.finished()


class SamplePage(WizardStep):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("hqSamplePage")
        self.ui = Ui_HqSamplePage()
        self.ui.setupUi(self)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Draw the sample"))
        ui = self.ui
        for rule, label in (
            ("male", self.tr("with the male strata, by order and RoSH")),
            ("female", self.tr("in the female stratum")),
            ("own", self.tr("in a stratum of their own")),
        ):
            ui.otherGenderCombo.addItem(label, rule)
        ui.noCapCheck.toggled.connect(lambda off: ui.capSpin.setEnabled(not off))
        ui.newSeedButton.clicked.connect(lambda: ui.seedEdit.setText(str(new_seed())))
        # A seed is 0 or more: the random generator ignores the sign, so -7 would draw the sample of 7.
        ui.seedEdit.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,18}"), ui.seedEdit))
        ui.seedEdit.textChanged.connect(self.completeChanged)
        ui.redrawCheck.toggled.connect(self.completeChanged)
        self.has_sample = False

    def initializePage(self) -> None:
        ui, inspection = self.ui, self.setup.inspection
        ui.seedEdit.setText(str(new_seed()))
        ui.asOfEdit.setDate(to_qdate(today()))
        if inspection is not None and inspection.fieldwork_start is not None:
            first, last = default_window(inspection.fieldwork_start)
            ui.windowStartEdit.setDate(to_qdate(first))
            ui.windowEndEdit.setDate(to_qdate(last))
        try:
            current_sample(self.setup.store, inspection.id if inspection else "")
            self.has_sample = True
        except NotFoundError:
            self.has_sample = False
        ui.redrawCheck.setVisible(self.has_sample)

    def ready(self) -> bool:
        seed = self.ui.seedEdit.text().strip()
        problem = ""
        if not (seed.isascii() and seed.isdigit()):
            problem = self.tr("The seed is a whole number, 0 or more (press New seed for one).")
        elif self.has_sample and not self.ui.redrawCheck.isChecked():
            problem = self.tr("This inspection already has a sample: tick the box to replace it.")
        self.ui.hint.setText(problem)
        return not problem

    def parameters(self) -> SampleParameters:
        ui, inspection = self.ui, self.setup.inspection
        minimums = []
        if ui.highRoshSpin.value():
            minimums.append(parse_minimum(f"high_rosh={ui.highRoshSpin.value()}"))
        if ui.ppoSpin.value():
            minimums.append(parse_minimum(f"ppo={ui.ppoSpin.value()}"))
        return parameters_for(
            inspection.fieldwork_start if inspection else None,
            size=ui.sizeSpin.value(),
            seed=int(ui.seedEdit.text().strip()),
            buffer_percent=ui.bufferSpin.value(),
            max_per_officer=None if ui.noCapCheck.isChecked() else ui.capSpin.value(),
            window_start=from_qdate(ui.windowStartEdit.date()),
            window_end=from_qdate(ui.windowEndEdit.date()),
            as_of=from_qdate(ui.asOfEdit.date()),
            strata=default_strata(ui.otherGenderCombo.currentData()),
            minimums=tuple(minimums),
        )

    def start(self) -> None:
        setup = self.setup
        try:
            parameters = self.parameters()
        except OmiError as error:
            self.failed(error)
            self.ui.hint.setText(str(error))
            return
        assert setup.inspection is not None and setup.longlist is not None
        store, inspection_id, longlist = setup.store, setup.inspection.id, setup.longlist
        skip = setup.longlist_page.skip_check.isChecked()
        redraw = self.ui.redrawCheck.isChecked()
        actor = setup.main_window.workspace.actor

        def refused(error: BaseException) -> None:
            if alive(self):
                self.failed(error)
                self.ui.hint.setText(str(error))

        setup.tasks.run_operation(
            lambda: sample_operation(
                store, inspection_id, longlist, parameters, actor=actor, skip_invalid_rows=skip, redraw=redraw
            ),
            title=self.tr("Drawing the sample…"),
            parent=self,
            success=lambda _result: self.finished(),
            failure=refused,
            changes=Changes(Change.SAMPLE | Change.CASES),
        )


class AnalysisPage(WizardStep):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("hqAnalysisPage")
        self.setTitle(self.tr("The sample"))
        self.setSubTitle(
            self.tr("What was drawn, and what was left out. Next: Head office → Allocate cases…")
        )
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("sampleSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.strata = QTableView(self)
        self.strata.setObjectName("strataTable")
        self.strata.setAccessibleName(self.tr("Strata: population and sample"))
        self.strata.verticalHeader().setVisible(False)
        self.strata.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.strata, 1)
        self.details = QLabel(self)
        self.details.setObjectName("sampleDetails")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        row = QHBoxLayout()
        self.pdf_button = QPushButton(self.tr("Save the analysis as &PDF…"), self)
        self.pdf_button.clicked.connect(self._save_pdf)
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.analysis: SampleAnalysis | None = None

    def validatePage(self) -> bool:
        return True  # the last step: Finish only closes the wizard

    def initializePage(self) -> None:
        inspection = self.setup.inspection
        assert inspection is not None
        store = self.setup.store
        self.summary.setText(self.tr("Reading the sample…"))
        self.setup.tasks.run(
            lambda: sample_analysis(store, inspection.id), parent=self, success=self.show_analysis
        )

    def show_analysis(self, analysis: SampleAnalysis) -> None:
        if not alive(self):
            return
        self.analysis = analysis
        c, info = analysis.counts, analysis.sample
        self.summary.setText(
            self.tr(
                "{sampled} cases sampled (seed {seed}) from {rows} rows: {frame} in the sample frame, "
                "{excluded} excluded, {duplicates} duplicates{invalid}."
            ).format(
                sampled=c["sampled"],
                seed=info.seed,
                rows=f"{c['rows']:,}",
                frame=f"{c['frame']:,}",
                excluded=f"{c['excluded']:,}",
                duplicates=c["duplicates"],
                invalid=self.tr(", {n} invalid rows left out").format(n=c["invalid"]) if c["invalid"] else "",
            )
        )
        header = [
            self.tr("Stratum"),
            self.tr("Frame"),
            self.tr("% of frame"),
            self.tr("Target"),
            self.tr("Sampled"),
            self.tr("% of sample"),
            self.tr("Buffer"),
        ]
        model = QStandardItemModel(len(analysis.strata), len(header), self)
        model.setHorizontalHeaderLabels(header)
        for r, s in enumerate(analysis.strata):
            values = [s.label, s.population, f"{s.population_percent:.1f}", s.target, s.sampled]
            values += [f"{s.sample_percent:.1f}", s.buffer_left]
            for col, value in enumerate(values):
                item = QStandardItem(str(value))
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                model.setItem(r, col, item)
        self.strata.setModel(model)
        heading = self.strata.horizontalHeader()
        heading.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        heading.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lines = [
            self.tr("Left out: {reasons}.").format(
                reasons="; ".join(
                    f"{reason_label(r)} {n:,}" for r, n in sorted(analysis.excluded_by_reason.items())
                )
                or self.tr("nothing")
            ),
            self.tr("Most cases from one responsible officer: {n}.").format(n=analysis.most_per_officer),
        ]
        lines += [
            self.tr("Minimum {label}: {now} (at least {required} required).").format(
                label=m.get("label", m["name"]), now=m["now"], required=m["required"]
            )
            for m in analysis.minimums
        ]
        lines.append(
            self.tr("Shortfalls: {text}").format(text="; ".join(analysis.shortfalls))
            if analysis.shortfalls
            else self.tr("No shortfall.")
        )
        self.details.setText("\n".join(lines))

    def _saved(self, rendered: Any) -> None:
        if alive(self):
            self.details.setText(
                self.details.text() + "\n" + self.tr("Saved {path}").format(path=rendered.path)
            )

    def _save_pdf(self) -> None:
        if self.analysis is None:
            return
        suggested = f"sample-analysis-{self.analysis.inspection.area_code}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the analysis"), suggested, "PDF (*.pdf)"
        )
        if not path:
            return
        from omi_desktop.core.reports.sample_analysis import write_sample_analysis

        store, analysis = self.setup.store, self.analysis
        self.setup.tasks.run(
            lambda: write_sample_analysis(store, analysis, path),
            parent=self,
            success=self._saved,
        )
