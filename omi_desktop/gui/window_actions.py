"""Handlers of the window's own actions: data folders, the training inspection, backups, help."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from omi_desktop import __version__
from omi_desktop.core.errors import OmiError
from omi_desktop.core.settings import CURRENT_INSPECTION, set_setting
from omi_desktop.gui.actions import ActionId
from omi_desktop.gui.changes import Change, Changes
from omi_desktop.gui.workspace import Workspace

# The dialogs (the error dialog, Qt's file and message boxes) are imported when first used: the window
# does not need them to start.

if TYPE_CHECKING:
    from omi_desktop.gui.main_window import MainWindow

#: How many training cases arrive already answered and finalised, so every status can be seen.
DEMO_ANSWERED = 12


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def connect_all(window: MainWindow) -> None:
    actions = window.actions
    actions.connect(ActionId.OPEN_DATA_FOLDER, lambda: open_data_folder(window))
    actions.connect(ActionId.OPEN_DEMO, lambda: open_demo(window))
    actions.connect(ActionId.BACKUP_NOW, lambda: backup_now(window))
    actions.connect(ActionId.QUIT, window.close)
    actions.connect(ActionId.CHOOSE_INSPECTION, lambda: choose_inspection(window))
    actions.connect(ActionId.FILTER_CASES, window.case_list.focus_filter)
    actions.connect(ActionId.FOCUS_CASE_LIST, window.case_list.focus_table)
    actions.connect(ActionId.NEXT_CASE, lambda: window.case_list.step(+1))
    actions.connect(ActionId.PREVIOUS_CASE, lambda: window.case_list.step(-1))
    actions.connect(ActionId.SHORTCUTS, lambda: show_shortcuts(window))
    actions.connect(ActionId.ABOUT, lambda: show_about(window))


def open_data_folder(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog

    folder = QFileDialog.getExistingDirectory(
        window, tr("Open data folder"), str(window.workspace.data_dir.parent)
    )
    if folder:
        open_folder(window, Path(folder))


def open_folder(window: MainWindow, folder: Path) -> bool:
    """Switch to the data in ``folder``; errors are shown and the current folder stays open."""
    if folder.resolve() == window.workspace.data_dir.resolve():
        return True
    try:
        workspace = Workspace.open(folder)
    except OmiError as error:
        from omi_desktop.gui.dialogs.error import show_error

        show_error(window, error)
        return False
    window.switch_workspace(workspace)
    return True


def open_demo(window: MainWindow) -> None:
    """Open the training inspection, creating it (with progress) the first time. Looking for it and making
    it current are reads and a write: they run on the task worker, as every database access does."""
    store = window.workspace.store

    def make_current() -> bool:
        from omi_desktop.core.demo import existing_demo  # only needed here, and slow to import

        demo_id = existing_demo(store)
        if demo_id is None:
            return False
        set_setting(store, CURRENT_INSPECTION, demo_id)
        return True

    def then(existed: bool) -> None:
        if existed:
            return
        from omi_desktop.core.demo import build_demo

        window.tasks.run_operation(
            lambda: build_demo(store, answered=DEMO_ANSWERED),
            title=tr("Creating the training inspection…"),
            parent=window,
            changes=Changes(Change.ALL),
        )

    window.tasks.run(
        make_current,
        parent=window,
        success=then,
        changes=lambda existed: Changes(Change.INSPECTIONS) if existed else None,
    )


def backup_now(window: MainWindow) -> None:
    def done(info: object) -> None:
        window.statusBar().showMessage(tr("Backed up to {path}").format(path=getattr(info, "path", "")), 8000)

    window.tasks.run(lambda: window.workspace.store.backup_now("manual"), parent=window, success=done)


def choose_inspection(window: MainWindow) -> None:
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    inspections = window.workspace.inspections()
    if len(inspections) < 2:
        QMessageBox.information(
            window, tr("Choose inspection"), tr("This data folder holds only one inspection.")
        )
        return
    labels = [i.label for i in inspections]
    current = window.inspection.label if window.inspection else labels[0]
    label, ok = QInputDialog.getItem(
        window, tr("Choose inspection"), tr("Inspection:"), labels, labels.index(current), False
    )
    if ok:
        chosen = inspections[labels.index(label)]
        window.tasks.run(
            lambda: set_setting(window.workspace.store, CURRENT_INSPECTION, chosen.id),
            parent=window,
            changes=Changes(Change.INSPECTIONS),
        )


def show_shortcuts(window: MainWindow) -> None:
    from omi_desktop.gui.dialogs.shortcuts import ShortcutsDialog

    ShortcutsDialog(window.actions.shortcut_rows(), window).open()


def show_about(window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        window,
        tr("About OMI Desktop"),
        tr(
            "<p><b>OMI Desktop {version}</b></p><p>Offline fieldwork for Offender Management Inspections: "
            "case reviews, feedback, and signed bundles for head office.</p><p>Data folder: {folder}</p>"
        ).format(version=__version__, folder=window.workspace.data_dir),
    )
