"""Small pieces the sync dialogs share: choosing bundle files, asking for the key passphrase, tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)

KIND_FILTERS = {
    "assignment": "Assignment bundles (*.omia)",
    "return": "Return bundles (*.omib)",
    "receipt": "Receipts (*.omir)",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("Sync", text)


def trn(singular: str, plural: str, n: int, *, context: str = "Sync", **values: object) -> str:
    """The form that suits ``n`` ("1 review", "3 reviews"), translated, with ``{n}`` and ``values`` in."""
    return QCoreApplication.translate(context, singular if n == 1 else plural).format(n=n, **values)


def ask_bundle_files(parent: QWidget | None, kind: str, *, many: bool) -> list[Path]:
    """Bundle files to import; empty when the person cancels."""
    title = tr("Choose the bundles to import") if many else tr("Choose the bundle to import")
    pattern = tr(KIND_FILTERS[kind])
    if many:
        names, _chosen = QFileDialog.getOpenFileNames(parent, title, str(Path.home()), pattern)
        return [Path(n) for n in names]
    name, _chosen = QFileDialog.getOpenFileName(parent, title, str(Path.home()), pattern)
    return [Path(name)] if name else []


def ask_save_bundle(parent: QWidget | None, suggested: str) -> Path | None:
    name, _chosen = QFileDialog.getSaveFileName(
        parent, tr("Where to write the return bundle"), suggested, tr(KIND_FILTERS["return"])
    )
    return Path(name) if name else None


def ask_public_key(parent: QWidget | None) -> Path | None:
    name, _chosen = QFileDialog.getOpenFileName(
        parent, tr("Head office's public key file"), str(Path.home()), tr("Public key files (*.pem)")
    )
    return Path(name) if name else None


def ask_folder(parent: QWidget | None, title: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(name) if name else None


def ask_passphrase(parent: QWidget | None) -> bytes | None:
    """The passphrase of this installation's private keys; None when the person cancels."""
    text, ok = QInputDialog.getText(
        parent,
        tr("Passphrase"),
        tr("Your keys are protected by a passphrase. Type it to sign and open bundles:"),
        QLineEdit.EchoMode.Password,
    )
    return text.encode("utf-8") if ok and text else None


def inform(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A message shown without a nested event loop (window-modal, closes itself)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("syncMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def table(parent: QWidget, header: Sequence[str], rows: Sequence[Sequence[str]], name: str) -> QTableView:
    """A read-only table of text, first column stretched."""
    model = QStandardItemModel(len(rows), len(header), parent)
    model.setHorizontalHeaderLabels(list(header))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QStandardItem(text)
            item.setEditable(False)
            item.setToolTip(text)
            model.setItem(r, c, item)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header_view = view.horizontalHeader()
    header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header_view.setStretchLastSection(True)
    return view


def display(value: object) -> str:
    """An answer value as people read it."""
    if value is None:
        return tr("(no answer)")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    labels = {"yes": tr("Yes"), "no": tr("No"), "partly": tr("Partly"), "na": tr("Not applicable")}
    return labels.get(value, str(value)) if isinstance(value, str) else str(value)
