"""Head office: New inspection… and Draw a sample… (the set-up wizard), Allocate cases… (by hand too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from omi_desktop.gui.actions import ActionId

if TYPE_CHECKING:
    from omi_desktop.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    window.actions.connect(ActionId.HQ_NEW_INSPECTION, lambda: open_wizard(window, new=True))
    window.actions.connect(ActionId.HQ_SAMPLE, lambda: open_wizard(window, new=False))
    window.actions.connect(ActionId.HQ_ALLOCATE, lambda: open_allocation(window))

    def update(*_args: object) -> None:
        inspection = window.current_inspection()
        window.actions.set_enabled(ActionId.HQ_SAMPLE, inspection is not None and not inspection.training)
        window.actions.set_enabled(ActionId.HQ_ALLOCATE, inspection is not None and not inspection.training)

    window.bus.data_changed.connect(update)
    window.bus.store_switched.connect(update)
    window.case_list.case_selected.connect(update)
    update()


def open_wizard(window: MainWindow, *, new: bool) -> None:
    from omi_desktop.gui.dialogs.hq_setup import INSPECTION_PAGE, LONG_LIST_PAGE, SetupWizard

    if not new and window.current_inspection() is None:
        return
    window.review.flush()
    wizard = SetupWizard(window, INSPECTION_PAGE if new else LONG_LIST_PAGE)
    wizard.finished.connect(wizard.deleteLater)
    window.hq_wizard = wizard
    wizard.open()


def open_allocation(window: MainWindow) -> None:
    from omi_desktop.gui.dialogs.hq_allocation import AllocationDialog

    inspection = window.current_inspection()
    if inspection is None:
        return
    dialog = AllocationDialog(window, inspection)
    dialog.finished.connect(dialog.deleteLater)
    window.hq_allocation = dialog
    dialog.open()
