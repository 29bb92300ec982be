"""Opening the data folder at start-up, with a clear dialog for every way that can fail."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from omi_desktop.core.errors import OmiError
from omi_desktop.gui.dialogs.error import sentence
from omi_desktop.gui.workspace import AlreadyOpenError, Workspace


def tr(text: str) -> str:
    return QCoreApplication.translate("Startup", text)


def open_workspace(data_dir: Path) -> Workspace | None:
    """Open ``data_dir``; on failure explain why and offer another folder. None: the person gave up."""
    while True:
        try:
            return Workspace.open(data_dir)
        except AlreadyOpenError as error:
            QMessageBox.information(None, tr("OMI Desktop is already open"), sentence(str(error)))
            return None
        except OmiError as error:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                tr("Cannot open the data folder"),
                tr("The data folder {folder} cannot be opened.").format(folder=data_dir),
            )
            # The reason as a sentence (core's messages are written to follow "omi: "), then what to do.
            reason = sentence(str(error))
            box.setInformativeText(
                tr("{reason}\n\nNothing was changed. You can choose another data folder, or quit.").format(
                    reason=reason[:1].upper() + reason[1:]
                )
            )
            choose = box.addButton(tr("Choose another folder…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not choose:
                return None
            folder = QFileDialog.getExistingDirectory(None, tr("Choose a data folder"), str(data_dir.parent))
            if not folder:
                return None
            data_dir = Path(folder)
