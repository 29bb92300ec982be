"""The main window: the case list on the left, the review of the selected case on the right.

It composes parts that live in their own modules (welcome page, case list, review panel, status bar,
actions) and routes the app-level "data changed" signal to them. Features extend it from
``omi_desktop/gui/features/`` without editing this file.
"""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from omi_desktop.core.inspections import CaseInfo, InspectionInfo, find_case, list_cases
from omi_desktop.gui import layout_memory, window_actions
from omi_desktop.gui.actions import ActionId, Actions
from omi_desktop.gui.app import end_startup
from omi_desktop.gui.case_list import CaseListPanel
from omi_desktop.gui.changes import Change, ChangeBus, Changes
from omi_desktop.gui.forms.ui_main_window import Ui_MainWindow
from omi_desktop.gui.icons import app_icon
from omi_desktop.gui.review.panel import ReviewPanel
from omi_desktop.gui.status import StatusFields
from omi_desktop.gui.tasks import Tasks
from omi_desktop.gui.welcome import WelcomePage
from omi_desktop.gui.workspace import Workspace

BACKUP_CHECK_MS = 60_000
FEATURES_AFTER_MS = 1


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowIcon(app_icon())
        self.workspace = workspace
        self.bus = ChangeBus(self)
        self.tasks = Tasks(self.bus, self)
        self.actions = Actions(self)
        self.menus = self.actions.build_menus(self.menuBar())
        self.status = StatusFields(self.statusBar())
        self.inspection: InspectionInfo | None = None
        self._closed = False
        #: The warning shown when a data folder closed without its closing backup (see _warn).
        self.close_warning: QWidget | None = None
        #: False while a feature's list (area assessment, questionnaires) takes the case list's place.
        self.case_list_shown = True

        self.welcome = WelcomePage(self.actions, self)
        self.ui.welcomeLayout.addWidget(self.welcome)
        self.case_list = CaseListPanel(self)
        self.ui.caseHostLayout.addWidget(self.case_list)
        self.review = ReviewPanel(self)
        self.ui.reviewHostLayout.addWidget(self.review)
        self.ui.splitter.setStretchFactor(0, 0)
        self.ui.splitter.setStretchFactor(1, 1)
        self.ui.splitter.setSizes([490, 790])  # the review gets the room: its questions are long
        self.ui.trainingBanner.setObjectName("trainingBanner")

        self.case_list.case_selected.connect(self._case_selected)
        # (after the list has filtered itself: it connected first)
        self.case_list.ui.filterEdit.textChanged.connect(lambda _text: self._explain_no_case())
        self.case_list.ui.statusCombo.currentIndexChanged.connect(lambda _index: self._explain_no_case())
        self.case_list.open_requested.connect(lambda _case: self.review.focus_answer())
        self.bus.data_changed.connect(self._data_changed)
        window_actions.connect_all(self)
        self.feature_failures: list[tuple[str, BaseException]] = []
        #: Seconds spent installing feature modules, in all and in the longest one (benchmarks/bench_gui.py).
        self.feature_install_s = 0.0
        self.feature_install_longest_s = 0.0
        self.features_installed = False
        self._features_left: list[str] | None = None
        # The first case's review, and then the features, load right after the window first appears, so it
        # is on screen without waiting for them; features install one per turn of the event loop.
        self._painted = False
        self._case_after_paint: list[CaseInfo | None] = []
        self._first_paint_seen = False
        self.ui.centralwidget.installEventFilter(self)

        layout_memory.restore(self)
        self._backup_timer = QTimer(self)
        self._backup_timer.timeout.connect(self._maybe_backup)
        self._backup_timer.start(BACKUP_CHECK_MS)
        self.show_current_inspection()

    def install_features(self) -> None:
        """Install the feature modules now (once); after the first paint they install by themselves."""
        self._show_case_after_paint()
        while not self.features_installed and not self._closed:
            self._install_next_feature()

    def _install_next_feature(self) -> None:
        if self.features_installed or self._closed:
            return
        from omi_desktop.gui.features import feature_modules, install_feature  # not needed before

        if self._features_left is None:
            self._features_left = feature_modules()
        if self._features_left:
            name = self._features_left.pop(0)
            started = time.perf_counter()
            focused = self.focusWidget()
            error = install_feature(self, name)
            self._keep_focus(focused)
            spent = time.perf_counter() - started
            self.feature_install_s += spent
            self.feature_install_longest_s = max(self.feature_install_longest_s, spent)
            if error is not None:
                self.feature_failures.append((name, error))
        if self._features_left:
            QTimer.singleShot(0, self, self._install_next_feature)
            return
        self.features_installed = True
        self.report_feature_failures()

    def _keep_focus(self, focused: QWidget | None) -> None:
        """Give the keyboard back to ``focused`` if installing a feature moved it.

        A feature that re-parents a widget holding the focus takes the focus away from it: to the next widget,
        or to none at all when nothing else can take it yet (the review still loading).
        """
        if focused is None or self.focusWidget() is focused or not self.isAncestorOf(focused):
            return
        moved_to = self.focusWidget()
        if focused.isVisible():
            focused.setFocus(Qt.FocusReason.OtherFocusReason)
            return

        def later() -> None:  # re-parented widgets are shown again on the next turn of the event loop
            if self.focusWidget() is moved_to and focused.isVisible() and self.isAncestorOf(focused):
                focused.setFocus(Qt.FocusReason.OtherFocusReason)

        QTimer.singleShot(0, self, later)

    def _after_first_paint(self) -> None:
        end_startup()
        self.ui.centralwidget.removeEventFilter(self)
        self._show_case_after_paint()
        if self.tasks.busy:  # the features wait until the first review is on screen
            self.tasks.busy_changed.connect(self._install_features_when_idle)
        else:
            self._install_next_feature()

    def _install_features_when_idle(self, busy: bool) -> None:
        if busy:
            return
        self.tasks.busy_changed.disconnect(self._install_features_when_idle)
        # The worker's result is shown right after this signal; a timer (unlike a zero delay, which is
        # queued before that result's repaint) starts the features once it has been painted.
        QTimer.singleShot(FEATURES_AFTER_MS, self, self._install_next_feature)

    def _show_case_after_paint(self) -> None:
        if self._painted:
            return
        self._painted = True
        if self._case_after_paint:
            self.review.show_case(self._case_after_paint.pop())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.ui.centralwidget
            and event.type() == QEvent.Type.Paint
            and not self._first_paint_seen
        ):
            self._first_paint_seen = True
            QTimer.singleShot(0, self, self._after_first_paint)
        return super().eventFilter(watched, event)

    def report_feature_failures(self) -> None:
        """Tell the person about a feature module that could not be loaded (the rest still works)."""
        from omi_desktop.gui.dialogs.error import show_error

        for name, error in self.feature_failures:
            show_error(self, error, f"feature {name}: {error!r}")

    # -- what the window shows -----------------------------------------------------------------------------
    def current_inspection(self) -> InspectionInfo | None:
        return self.inspection

    def current_case(self) -> CaseInfo | None:
        return self.case_list.selected_case() if self.case_list_shown else None

    def current_review_id(self) -> str | None:
        return self.review.review_id

    def show_current_inspection(self) -> None:
        """Show the workspace's current inspection, or the welcome screen when there is none."""
        inspection = self.workspace.current_inspection()
        self.inspection = inspection
        self.ui.trainingBanner.setVisible(bool(inspection and inspection.training))
        self._update_title()
        has_inspection = inspection is not None
        for action_id in (
            ActionId.FILTER_CASES,
            ActionId.FOCUS_CASE_LIST,
            ActionId.NEXT_CASE,
            ActionId.PREVIOUS_CASE,
            ActionId.CHOOSE_INSPECTION,
        ):
            self.actions.set_enabled(action_id, has_inspection)
        if inspection is None:
            self.welcome.set_data_folder(self.workspace.data_dir)
            self.review.clear()
            self.ui.pages.setCurrentWidget(self.ui.welcomePage)
            self.welcome.focus_first()
            self._update_status()
            return
        self.case_list.load(inspection, list_cases(self.workspace.store, inspection.id))
        self.ui.pages.setCurrentWidget(self.ui.inspectionPage)
        if self.case_list.selected_case() is None:
            self.case_list.select_first()
        if not self.ui.inspectionPage.isAncestorOf(self.focusWidget()):
            self.case_list.focus_table()
        self._update_status()

    def switch_workspace(self, workspace: Workspace) -> None:
        """Use another data folder (the old one is saved and closed first)."""
        self.review.flush()
        self.tasks.wait()
        layout_memory.save(self)
        old, self.workspace = self.workspace, workspace
        self._warn(old.close())
        self.review.forget()
        self.case_list.forget_selection()
        self.bus.store_switched.emit()
        self.show_current_inspection()

    def _update_title(self) -> None:
        if self.inspection is None:
            self.setWindowTitle(self.tr("OMI Desktop"))
        else:
            self.setWindowTitle(
                self.tr("{inspection} — OMI Desktop").format(inspection=self.inspection.label)
            )

    def _update_status(self) -> None:
        inspection = self.inspection
        self.status.set_field("inspection", inspection.label if inspection else self.tr("No inspection open"))
        self.status.set_field("inspector", self.tr("Inspector: {actor}").format(actor=self.workspace.actor))
        cases = self.case_list.model.cases if inspection else []
        finalised = sum(1 for c in cases if c.status == "finalised")
        self.status.set_field(
            "finalised",
            self.tr("{finalised} of {total} cases finalised").format(finalised=finalised, total=len(cases))
            if inspection
            else "",
            tip=self.tr("Case reviews finalised, of the cases in this inspection"),
        )

    # -- reacting to changes -------------------------------------------------------------------------------
    def _case_selected(self, case: CaseInfo | None) -> None:
        if not self.case_list_shown:  # not on screen: its selection shows nothing
            return
        if not self._painted:  # shown just after the first paint
            self._case_after_paint[:] = [case]
            return
        self.review.show_case(case)
        self._explain_no_case()

    def _explain_no_case(self) -> None:
        """No case chosen because the filter hides every case: say so (not "choose a case")."""
        if not self.case_list_shown or self.review.view is not None or self.case_list.selected_case():
            return
        if self.case_list.model.rowCount() and not self.case_list.proxy.rowCount():
            self.review.clear(self.tr("No case matches the filter."))
        else:
            self.review.clear()

    def _data_changed(self, changes: Changes, _initiator: object) -> None:
        self.status.set_saved(datetime.now(), self)
        if changes.touches(Change.INSPECTIONS | Change.SETTINGS):
            self.workspace.refresh_actor()
            self.show_current_inspection()
            return
        if self.inspection is None:
            return
        if changes.touches(Change.CASES):
            if changes.case_id is not None:
                self.case_list.update_case(find_case(self.workspace.store, changes.case_id))
            else:
                self.case_list.load(self.inspection, list_cases(self.workspace.store, self.inspection.id))
            self._update_status()

    def _maybe_backup(self) -> None:
        store = self.workspace.store
        self.tasks.run(store.maybe_backup, parent=self)

    # -- closing -------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing loses nothing: a note being typed is saved, queued writes finish, then the store closes."""
        if self._closed:
            event.accept()
            return
        self._closed = True
        self._backup_timer.stop()
        layout_memory.save(self)
        self.review.flush()
        self.bus.blockSignals(True)  # nothing reacts to changes while the window goes away
        self.tasks.shutdown()
        self._warn(self.workspace.close())
        event.accept()

    def _warn(self, warning: str | None) -> None:
        """Show a warning from closing a data folder without holding anything up (the window may be going
        away: the message stays on screen on its own until read)."""
        if warning is None:
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("OMI Desktop"), warning, QMessageBox.StandardButton.Ok
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        self.close_warning = box  # kept alive while it is on screen
        box.show()
