"""The first-run screen: open the training inspection, import an assignment, or open a data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from omi_desktop.gui.actions import ActionId, Actions, bind_button
from omi_desktop.gui.forms.ui_welcome import Ui_WelcomePage
from omi_desktop.gui.icons import icon
from omi_desktop.gui.keyboard_focus import give_keyboard_focus


def short_path(folder: Path) -> str:
    """``~/…`` for a folder in the person's home, the full path otherwise."""
    try:
        return str(Path("~") / folder.resolve().relative_to(Path.home().resolve()))
    except ValueError:
        return str(folder)


class WelcomePage(QWidget):
    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_WelcomePage()
        self.ui.setupUi(self)
        title_font = QFont(self.ui.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.8)
        title_font.setBold(True)
        self.ui.title.setFont(title_font)
        self.ui.demoButton.setIcon(icon("training"))
        self.ui.importButton.setIcon(icon("import"))
        self.ui.openFolderButton.setIcon(icon("folder-open"))
        for button in (self.ui.demoButton, self.ui.importButton, self.ui.openFolderButton):
            button.setMinimumWidth(520)
        # The buttons trigger registry actions: "Import assignment…" appears once sync installs a handler.
        bind_button(self.ui.demoButton, actions[ActionId.OPEN_DEMO])
        bind_button(self.ui.importButton, actions[ActionId.IMPORT_ASSIGNMENT])
        bind_button(self.ui.openFolderButton, actions[ActionId.OPEN_DATA_FOLDER])

    def set_data_folder(self, folder: Path) -> None:
        self.ui.folderLabel.setText(self.tr("Data folder: {folder}").format(folder=short_path(folder)))
        self.ui.folderLabel.setToolTip(str(folder))

    def focus_first(self) -> None:
        give_keyboard_focus(self.ui.demoButton)  # with its focus frame showing, not only after the first Tab
