"""The error dialog: one readable sentence, details on request, and a "Copy details" button.

No traceback is ever printed at the user: errors the person can act on (``OmiError``) show their message;
anything else says that something unexpected happened and keeps the technical details behind a button.
"""

from __future__ import annotations

import logging
import platform
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from omi_desktop import __version__
from omi_desktop.core.errors import OmiError


def tr(text: str) -> str:
    return QCoreApplication.translate("ErrorDialog", text)


def sentence(text: str) -> str:
    """Core messages are written to follow "omi: "; a dialog shows them as a sentence."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ")")) else text + "."


PROBLEMS_SHOWN = 15  # problems listed under the message; every one is in the details


def describe(error: BaseException, details: str | None = None) -> tuple[str, str]:
    """(message for the person, details for support).

    An error that lists its problems (a ``ValidationError``, a framework file's errors) shows the first
    ``PROBLEMS_SHOWN`` under its sentence, then how many more; the details hold them all."""
    problems: list[str] = []
    if isinstance(error, OmiError):
        problems = [str(p) for p in getattr(error, "problems", None) or []]
        text = str(error)
        if problems and "\n" in text and all(p in text for p in problems):
            text = text.split("\n", 1)[0].rstrip(" :")  # a message that already lists them: its first line
        message = sentence(text)
        extra = error.details or ""
    else:
        message = tr("Something unexpected went wrong: {error}").format(
            error=str(error) or type(error).__name__
        )
        extra = ""
    listed = ""
    if problems:
        lines = [f"• {sentence(p)}" for p in problems[:PROBLEMS_SHOWN]]
        if len(problems) > PROBLEMS_SHOWN:
            lines.append(
                tr("…and {n} more (every one is in the details).").format(n=len(problems) - PROBLEMS_SHOWN)
            )
        message = message + "\n\n" + "\n".join(lines)
        listed = "\n".join(f"• {p}" for p in problems)
    trace = details or "".join(traceback.format_exception(error))
    environment = f"OMI Desktop {__version__}, Python {platform.python_version()}, {platform.platform()}"
    head = message.split("\n\n", 1)[0]
    parts = [head, listed, extra, environment, trace]
    return message, "\n\n".join(p for p in parts if p)


class ErrorDialog(QDialog):
    def __init__(self, parent: QWidget | None, message: str, details: str, title: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(title or tr("OMI Desktop — problem"))
        self.details = details
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        self.message = QLabel(message, self)
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(640 if "\n• " in message else 380)  # a list of problems reads wider
        self.message.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.message.setAccessibleName(tr("Error message"))
        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addWidget(self.message, 1)
        self.details_view = QPlainTextEdit(details, self)
        self.details_view.setReadOnly(True)
        self.details_view.setAccessibleName(tr("Technical details"))
        self.details_view.setVisible(False)
        self.details_view.setMinimumHeight(180)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.toggle_button = QPushButton(tr("Show &details"), self)
        self.copy_button = QPushButton(tr("&Copy details"), self)
        buttons.addButton(self.toggle_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.toggle_button.clicked.connect(self._toggle)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_view, 1)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(tr("Copied"))

    def _toggle(self) -> None:
        visible = not self.details_view.isVisible()
        self.details_view.setVisible(visible)
        self.toggle_button.setText(tr("Hide &details") if visible else tr("Show &details"))
        self.adjustSize()


def show_error(parent: QWidget | None, error: BaseException, details: str | None = None) -> ErrorDialog:
    """Show ``error`` to the person (window-modal; returns at once, no nested event loop)."""
    message, full = describe(error, details)
    logging.getLogger("omi_desktop.gui").warning("%s\n%s", message, full)
    dialog = ErrorDialog(parent, message, full)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
