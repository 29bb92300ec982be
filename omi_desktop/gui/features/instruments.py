"""The other instruments in the window: tabs above the left-hand list switch it between the cases, the
area assessment (recorded by the lead inspector) and the questionnaire responses; the review panel on the
right works on whichever review is chosen, with the same guided screen.

Inspection → Cases (Ctrl+1), Area assessment (Ctrl+2), Questionnaires (Ctrl+3), Add questionnaire…
(Ctrl+Shift+N). Which tabs appear follows the framework's instruments and their subjects. While another
list is shown, ``window.case_list_shown`` is False, so the window's current case is None and the case
actions (feedback sheet…) do not act on a case that is not on screen; the case actions that move in the
case list (Ctrl+L, Ctrl+F, Ctrl+PgDown/PgUp) bring the cases back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QTabWidget

from omi_desktop.core.instruments import (
    AREA,
    RESPONDENT,
    InstrumentInfo,
    InstrumentReview,
    add_questionnaire,
    inspection_instruments,
    list_instrument_reviews,
    may_start_area,
    next_label,
)
from omi_desktop.core.review.state import ReviewView
from omi_desktop.gui.actions import ActionId
from omi_desktop.gui.changes import Change, Changes
from omi_desktop.gui.instrument_list import InstrumentListPanel

if TYPE_CHECKING:
    from omi_desktop.gui.dialogs.add_questionnaire import AddQuestionnaireDialog
    from omi_desktop.gui.main_window import MainWindow

CASES_TAB, AREA_TAB, QUESTIONNAIRES_TAB = 0, 1, 2


def tr(text: str) -> str:
    return QCoreApplication.translate("Instruments", text)


def install(window: MainWindow) -> None:
    window.instruments = InstrumentsPane(window)


class InstrumentsPane(QObject):
    """The tabs of the left pane, the two lists besides the cases, and their actions."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.infos: list[InstrumentInfo] = []
        self.inspection_id: str | None = None
        self.dialog: AddQuestionnaireDialog | None = None
        layout = window.ui.caseHostLayout
        layout.removeWidget(window.case_list)
        self.tabs = QTabWidget(window.ui.caseHost)
        self.tabs.setObjectName("leftPaneTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(tr("Cases, area assessment or questionnaires"))
        # Reached with Ctrl+1, Ctrl+2, Ctrl+3 (and the Inspection menu); Tab keeps to the work itself.
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.tabs.tabBar().setAccessibleName(tr("Show cases, area assessment or questionnaires"))
        self.area = InstrumentListPanel(AREA, self.tabs)
        self.questionnaires = InstrumentListPanel(RESPONDENT, self.tabs)
        self.tabs.addTab(window.case_list, tr("Cases"))
        self.tabs.addTab(self.area, tr("Area assessment"))
        self.tabs.addTab(self.questionnaires, tr("Questionnaires"))
        layout.addWidget(self.tabs)
        self._connect()
        self.reload()

    def _connect(self) -> None:
        window, actions = self.window, self.window.actions
        self.tabs.currentChanged.connect(self._tab_changed)
        for panel in (self.area, self.questionnaires):
            panel.entry_selected.connect(lambda entry, panel=panel: self._selected(panel, entry))
            panel.open_requested.connect(self._open)
        assert self.questionnaires.add_button is not None
        self.questionnaires.add_button.clicked.connect(self.add_questionnaire)
        actions.connect(ActionId.SHOW_CASES, lambda: self.show_tab(CASES_TAB))
        actions.connect(ActionId.SHOW_AREA_ASSESSMENT, lambda: self.show_tab(AREA_TAB))
        actions.connect(ActionId.SHOW_QUESTIONNAIRES, lambda: self.show_tab(QUESTIONNAIRES_TAB))
        actions.connect(ActionId.ADD_QUESTIONNAIRE, self.add_questionnaire)
        # The case actions bring the cases back (their own handlers ran first, on the hidden list).
        actions.connect(ActionId.FOCUS_CASE_LIST, lambda: self._back_to_cases(window.case_list.focus_table))
        actions.connect(ActionId.FILTER_CASES, lambda: self._back_to_cases(window.case_list.focus_filter))
        actions.connect(ActionId.NEXT_CASE, lambda: self._back_to_cases(None))
        actions.connect(ActionId.PREVIOUS_CASE, lambda: self._back_to_cases(None))
        window.bus.data_changed.connect(self._data_changed)
        window.bus.store_switched.connect(self._store_switched)

    # -- what is shown -------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the inspection's instruments and both lists again (cheap: two small reads)."""
        inspection = self.window.current_inspection()
        moved = self.inspection_id is not None and (inspection is None or inspection.id != self.inspection_id)
        if moved and self.tabs.currentIndex() != CASES_TAB:  # another inspection: back to its cases
            self._quietly_show_cases()
            self.window.case_list.case_selected.emit(self.window.case_list.selected_case())
        self.inspection_id = inspection.id if inspection else None
        store = self.window.workspace.store
        self.infos = inspection_instruments(store, inspection.id) if inspection else []
        has_area = any(i.subject == AREA for i in self.infos)
        has_questionnaires = any(i.subject == RESPONDENT for i in self.infos)
        self.tabs.setTabVisible(AREA_TAB, has_area)
        self.tabs.setTabVisible(QUESTIONNAIRES_TAB, has_questionnaires)
        self.tabs.tabBar().setVisible(has_area or has_questionnaires)
        actions = self.window.actions
        actions.set_enabled(ActionId.SHOW_CASES, inspection is not None)
        actions.set_enabled(ActionId.SHOW_AREA_ASSESSMENT, has_area)
        actions.set_enabled(ActionId.SHOW_QUESTIONNAIRES, has_questionnaires)
        actions.set_enabled(ActionId.ADD_QUESTIONNAIRE, has_questionnaires)
        if inspection is None:
            return
        rows = list_instrument_reviews(store, inspection.id)
        area_rows = [r for r in rows if r.subject == AREA]
        self.area.load(inspection, area_rows, [i for i in self.infos if i.subject == AREA], self._area_hint())
        if self.tabs.currentIndex() == AREA_TAB:
            self._refresh_overview(inspection.id)
        responses = [r for r in rows if r.subject == RESPONDENT]
        finalised = sum(1 for r in responses if r.status == "finalised")
        hint = tr("{n} responses, {f} finalised. Add one as each form comes in (Ctrl+Shift+N).")
        self.questionnaires.load(
            inspection,
            responses,
            [i for i in self.infos if i.subject == RESPONDENT],
            hint.format(n=len(responses), f=finalised),
        )

    def _refresh_overview(self, inspection_id: str) -> None:
        store = self.window.workspace.store

        def read() -> object:
            from omi_desktop.core.reports.instrument_summaries import leadership_summary  # brings ReportLab

            return leadership_summary(store, inspection_id)

        self.window.tasks.run(read, parent=self.window, success=self.area.show_overview)

    def _area_hint(self) -> str:
        lead = self._lead()
        if lead is None or lead == self.window.workspace.actor:
            return tr(
                "Recorded once per inspection by the lead inspector, from the area's documents and meetings."
            )
        return tr(
            "Recorded once per inspection by the lead inspector, {lead}; shown here once it is returned."
        ).format(lead=lead)

    def _lead(self) -> str | None:
        inspection = self.window.current_inspection()
        return inspection.lead_inspector_id if inspection else None

    def show_tab(self, index: int) -> None:
        """Show the cases, the area assessment or the questionnaires, and put the keyboard in that list."""
        if not self.tabs.isTabVisible(index):
            return
        self.tabs.setCurrentIndex(index)
        if index == CASES_TAB:
            self.window.case_list.focus_table()
        else:
            self._panel(index).focus_table()

    def _panel(self, index: int) -> InstrumentListPanel:
        return self.area if index == AREA_TAB else self.questionnaires

    def _tab_changed(self, index: int) -> None:
        window = self.window
        window.case_list_shown = index == CASES_TAB
        # "The window's current case changed": the window shows it again, or (hidden) it counts as none.
        window.case_list.case_selected.emit(window.case_list.selected_case())
        if index == CASES_TAB:
            return
        self.reload()
        panel = self._panel(index)
        entry = panel.selected_entry()
        if entry is None:
            panel.select_first()  # shows it, through entry_selected
            if panel.selected_entry() is None:
                self._show(None)
        else:
            self._show(entry)

    def _selected(self, panel: InstrumentListPanel, entry: InstrumentReview | None) -> None:
        if self.tabs.currentWidget() is panel:
            self._show(entry)

    def _show(self, entry: InstrumentReview | None) -> None:
        review = self.window.review
        if entry is not None and entry.review_id == review.review_id and review.view is not None:
            return  # already shown
        if entry is not None and (
            entry.review_id is not None or may_start_area(self._lead(), self.window.workspace.actor)
        ):
            review.show_instrument_review(entry)
            return
        review.show_case(None)  # saves what was typed, and shows no review
        if entry is None:
            review.clear(
                tr("No questionnaire responses yet. Add one with Add questionnaire… (Ctrl+Shift+N).")
            )
        else:
            review.clear(
                tr("{title}: not started yet. Only the lead inspector, {lead}, records it.").format(
                    title=entry.instrument_title, lead=self._lead()
                )
            )

    def _open(self, entry: InstrumentReview) -> None:
        self._show(entry)
        self.window.review.focus_answer()

    def _back_to_cases(self, then: object) -> None:
        if self.tabs.currentIndex() == CASES_TAB:
            return
        self.tabs.setCurrentIndex(CASES_TAB)
        if callable(then):
            then()

    def _quietly_show_cases(self) -> None:
        """Back to the cases without showing anything (the window shows the new inspection's case itself)."""
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(CASES_TAB)
        self.tabs.blockSignals(False)
        self.window.case_list_shown = True

    # -- changes -------------------------------------------------------------------------------------------
    def _data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(Change.INSPECTIONS | Change.SETTINGS):
            self.reload()
        elif self.tabs.currentIndex() != CASES_TAB and changes.touches(
            Change.REVIEW | Change.CASES | Change.BUNDLES
        ):
            self.reload()  # (while the cases are shown, the lists are read again when they are shown)

    def _store_switched(self) -> None:
        self._quietly_show_cases()
        self.inspection_id = None

    # -- adding a questionnaire ------------------------------------------------------------------------------
    def add_questionnaire(self) -> None:
        from omi_desktop.gui.dialogs.add_questionnaire import AddQuestionnaireDialog

        inspection = self.window.current_inspection()
        infos = [i for i in self.infos if i.subject == RESPONDENT]
        if inspection is None or not infos:
            return
        self.tabs.setCurrentIndex(QUESTIONNAIRES_TAB)
        store = self.window.workspace.store
        next_labels = {i.id: next_label(store, inspection.id, i.id) for i in infos}
        taken = {e.respondent for e in self.questionnaires.model.entries if e.respondent}
        combo = self.questionnaires.instrument_combo
        chosen = self.questionnaires.selected_entry()
        current = (combo.currentData() if combo else None) or (chosen.instrument if chosen else None)
        dialog = AddQuestionnaireDialog(infos, next_labels, taken, current, self.window)
        dialog.accepted.connect(lambda: self._add(inspection.id, dialog.instrument(), dialog.label()))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _add(self, inspection_id: str, instrument: str, label: str) -> None:
        store, actor = self.window.workspace.store, self.window.workspace.actor

        def added(view: ReviewView) -> None:
            self.reload()
            if self.questionnaires.select_key(view.review.id):
                self.window.review.focus_answer()

        self.window.review.flush()
        self.window.tasks.run(
            lambda: add_questionnaire(store, inspection_id, instrument, label or None, actor=actor),
            parent=self.window,
            success=added,
            changes=Changes(Change.REVIEW),
        )
