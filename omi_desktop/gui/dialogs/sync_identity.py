"""Setting up this installation for sync: your identity (keys), and trusting head office's key after
comparing its fingerprint by phone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from omi_desktop.core.sync.keys import PublicIdentity, display_fingerprint


def _big(label: QLabel) -> None:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(font.pointSize() + 6)
    label.setFont(font)


class IdentityDialog(QDialog):
    """Name, identity id from head office, and an optional passphrase (typed twice)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIdentityDialog")
        self.setWindowTitle(self.tr("Set up your identity"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Bundles you send are signed with a key only this laptop holds, and bundles for you are "
                "encrypted so only it can open them. A passphrase protects the key if the laptop is lost."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("identityName")
        self.identity_id = QLineEdit(self)
        self.identity_id.setObjectName("identityId")
        self.identity_id.setPlaceholderText(self.tr("as head office gave it, e.g. INS-014"))
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("identityPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setObjectName("identityPassphraseAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Your &name:"), self.name)
        form.addRow(self.tr("Your &identity id:"), self.identity_id)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("Passphrase &again:"), self.again)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.name, self.identity_id, self.passphrase, self.again):
            edit.textChanged.connect(self._check)
        self._check()
        self.resize(520, 300)

    def _check(self) -> None:
        problem = ""
        if self.passphrase.text() != self.again.text():
            problem = self.tr("The two passphrases differ.")
        ok = bool(self.name.text().strip() and self.identity_id.text().strip()) and not problem
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> tuple[str, str, bytes | None]:
        secret = self.passphrase.text()
        return self.name.text().strip(), self.identity_id.text().strip(), secret.encode() if secret else None


class PinDialog(QDialog):
    """Shows head office's fingerprint; the person confirms it matches what head office read out."""

    def __init__(self, parent: QWidget | None, identity: PublicIdentity, path: Path) -> None:
        super().__init__(parent)
        self.setObjectName("syncPinDialog")
        self.setWindowTitle(self.tr("Trust head office's key"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "{name} ({id}), from {file}. Ask head office to read their fingerprint to you, by "
                "phone or in person, and compare it with this one:"
            ).format(name=identity.name, id=identity.id, file=path.name),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.fingerprint = QLabel(display_fingerprint(identity.fingerprint), self)
        self.fingerprint.setObjectName("pinFingerprint")
        _big(self.fingerprint)
        layout.addWidget(self.fingerprint)
        self.matches = QCheckBox(self.tr("It is exactly the fingerprint head office read to me"), self)
        self.matches.setObjectName("pinMatches")
        layout.addWidget(self.matches)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Trust this key"))
        ok.setEnabled(False)
        self.matches.toggled.connect(ok.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(680)
        self.resize(680, 240)
