"""This installation's identity: an Ed25519 signing key and an X25519 key for HPKE, kept in files.

Private keys never enter the database. They live in ``<data folder>/keys/`` as PKCS#8 PEM files readable by
the owner only, encrypted with a passphrase when one is set. The public identity file (``.pem``) holds the
Ed25519 public key first (so ``openssl pkeyutl -verify -pubin -inkey FILE.pem`` uses it), then the X25519
public key, each as a SubjectPublicKeyInfo PEM block, with labelled lines naming the identity.
"""

from __future__ import annotations

import base64
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from omi_desktop.core.clock import iso, utcnow
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.sync.canonical import sha256_hex

KEYS_DIRNAME = "keys"
IDENTITY_FILE = "identity.json"
SIGNING_FILE = "signing-key.pem"
ENCRYPTION_FILE = "encryption-key.pem"
ROLES = ("inspector", "hq")
PASSPHRASE_ENV = "OMI_PASSPHRASE_FILE"
_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----\s+[A-Za-z0-9+/=\s]+?-----END PUBLIC KEY-----")
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def fingerprint(raw_public_key: bytes) -> str:
    """SHA-256 of the raw 32-byte public key, lower-case hex: the key's identity in bundles."""
    return sha256_hex(raw_public_key)


def display_fingerprint(hex_fingerprint: str) -> str:
    """The first 128 bits in eight groups of four, for two people to read to each other by phone."""
    head = hex_fingerprint[:32].upper()
    return " ".join(head[i : i + 4] for i in range(0, 32, 4))


def normalise_fingerprint(text: str) -> str:
    return re.sub(r"[\s:]", "", text).lower()


def check_identity_id(identity_id: str) -> str:
    identity_id = (identity_id or "").strip()
    if not _ID_PATTERN.match(identity_id):
        raise RefusedError(
            _("an identity id is 1-64 letters, digits, '.', '_' or '-' (e.g. INS-014), not {id!r}").format(
                id=identity_id
            )
        )
    return identity_id


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class PublicIdentity:
    """Who someone is and their two public keys (raw bytes)."""

    id: str
    name: str
    role: str
    signing_key: bytes
    encryption_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key)

    @property
    def encryption_fingerprint(self) -> str:
        return fingerprint(self.encryption_key)

    def verifier(self) -> ed25519.Ed25519PublicKey:
        return ed25519.Ed25519PublicKey.from_public_bytes(self.signing_key)

    def encryption_public(self) -> x25519.X25519PublicKey:
        return x25519.X25519PublicKey.from_public_bytes(self.encryption_key)

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "signing_key": b64(self.signing_key),
            "encryption_key": b64(self.encryption_key),
            "fingerprint": self.fingerprint,
            "fingerprint_display": display_fingerprint(self.fingerprint),
            "encryption_fingerprint": self.encryption_fingerprint,
        }

    def public_pem(self) -> bytes:
        signing = self.verifier().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        encryption = self.encryption_public().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        header = (
            "OMI Desktop public identity\n"
            f"Identity: {self.id}\n"
            f"Name: {self.name}\n"
            f"Role: {self.role}\n"
            f"Fingerprint: {display_fingerprint(self.fingerprint)}\n"
            "\nSigning key (Ed25519):\n"
        ).encode()
        return header + signing + b"\nEncryption key (X25519, for HPKE):\n" + encryption


@dataclass(frozen=True)
class PrivateKeys:
    identity: PublicIdentity
    signing: ed25519.Ed25519PrivateKey
    encryption: x25519.X25519PrivateKey


def keys_dir(data_dir: Path) -> Path:
    return Path(data_dir) / KEYS_DIRNAME


def has_identity(data_dir: Path) -> bool:
    return (keys_dir(data_dir) / IDENTITY_FILE).exists()


def _write_private(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def create_keys(
    data_dir: Path, *, identity_id: str, name: str, role: str = "inspector", passphrase: bytes | None = None
) -> PublicIdentity:
    """Create this installation's key pairs; refused if it already has them."""
    identity_id = check_identity_id(identity_id)
    name = (name or "").strip()
    if not name:
        raise RefusedError(_("a name is needed (e.g. --name 'Alex Example')"))
    if role not in ROLES:
        raise RefusedError(_("the role is 'inspector' or 'hq', not {role!r}").format(role=role))
    folder = keys_dir(data_dir)
    if has_identity(data_dir):
        raise RefusedError(
            _("this installation already has keys ({folder}); they are never replaced silently").format(
                folder=folder
            )
        )
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    signing = ed25519.Ed25519PrivateKey.generate()
    encryption = x25519.X25519PrivateKey.generate()
    protection: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    )
    for filename, key in ((SIGNING_FILE, signing), (ENCRYPTION_FILE, encryption)):
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, protection)
        _write_private(folder / filename, pem)
    identity = PublicIdentity(
        identity_id,
        name,
        role,
        signing.public_key().public_bytes(*_RAW),
        encryption.public_key().public_bytes(*_RAW),
    )
    record = identity.as_json() | {"created_at": iso(utcnow()), "protected": bool(passphrase)}
    _write_private(folder / IDENTITY_FILE, json.dumps(record, indent=2, ensure_ascii=False).encode("utf-8"))
    return identity


def _identity_record(data_dir: Path) -> dict:
    path = keys_dir(data_dir) / IDENTITY_FILE
    if not path.exists():
        raise NotFoundError(_("this installation has no keys yet (run 'omi keys init --name NAME --id ID')"))
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RefusedError(_("cannot read {path}: {why}").format(path=path, why=exc)) from None


def load_identity(data_dir: Path) -> PublicIdentity:
    """This installation's public identity (no passphrase needed)."""
    record = _identity_record(data_dir)
    return PublicIdentity(
        record["id"],
        record["name"],
        record["role"],
        unb64(record["signing_key"]),
        unb64(record["encryption_key"]),
    )


def is_protected(data_dir: Path) -> bool:
    return bool(_identity_record(data_dir).get("protected"))


def read_passphrase_file(path: Path | str | None) -> bytes | None:
    """The passphrase from ``path`` (else the file named by $OMI_PASSPHRASE_FILE): its first line."""
    path = path or os.environ.get(PASSPHRASE_ENV)
    if not path:
        return None
    try:
        text = Path(path).read_bytes()
    except OSError as exc:
        raise RefusedError(
            _("cannot read the passphrase file {path}: {why}").format(path=path, why=exc.strerror)
        ) from None
    passphrase = text.splitlines()[0] if text.strip() else b""
    if not passphrase:
        raise RefusedError(_("the passphrase file {path} is empty").format(path=path))
    return passphrase


def _load_private(path: Path, passphrase: bytes | None) -> object:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RefusedError(
            _("cannot read the private key {path}: {why}").format(path=path, why=exc.strerror)
        ) from None
    try:
        return serialization.load_pem_private_key(data, password=passphrase)
    except TypeError:
        if passphrase is None:
            raise RefusedError(
                _("the private keys are protected by a passphrase; give --passphrase-file FILE")
            ) from None
        raise RefusedError(_("the private keys are not protected by a passphrase; give none")) from None
    except ValueError:
        raise RefusedError(_("wrong passphrase for the private keys (or a damaged key file)")) from None


def load_private_keys(data_dir: Path, passphrase: bytes | None = None) -> PrivateKeys:
    identity = load_identity(data_dir)
    folder = keys_dir(data_dir)
    signing = _load_private(folder / SIGNING_FILE, passphrase)
    encryption = _load_private(folder / ENCRYPTION_FILE, passphrase)
    if not isinstance(signing, ed25519.Ed25519PrivateKey) or not isinstance(
        encryption, x25519.X25519PrivateKey
    ):
        raise RefusedError(_("the key files in {folder} are not OMI Desktop keys").format(folder=folder))
    if signing.public_key().public_bytes(*_RAW) != identity.signing_key:
        raise RefusedError(
            _("the signing key does not match identity.json in {folder}").format(folder=folder)
        )
    return PrivateKeys(identity, signing, encryption)


def read_public_file(path: Path) -> PublicIdentity:
    """Read a public identity file written by ``omi keys export-public``."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise RefusedError(_("cannot read {path}: {why}").format(path=path, why=exc.strerror)) from None
    blocks = _PEM_BLOCK.findall(data)
    if len(blocks) != 2:
        raise RefusedError(
            _("{path} is not an OMI Desktop public identity file (two public keys expected)").format(
                path=path
            )
        )
    try:
        signing = serialization.load_pem_public_key(blocks[0])
        encryption = serialization.load_pem_public_key(blocks[1])
    except ValueError:
        raise RefusedError(_("{path} holds a damaged public key").format(path=path)) from None
    if not isinstance(signing, ed25519.Ed25519PublicKey) or not isinstance(
        encryption, x25519.X25519PublicKey
    ):
        raise RefusedError(_("{path} must hold an Ed25519 key and then an X25519 key").format(path=path))
    fields = {}
    for line in data.decode("utf-8", "replace").splitlines():
        label, sep, value = line.partition(":")
        if sep and label in ("Identity", "Name", "Role"):
            fields[label] = value.strip()
    identity_id = check_identity_id(fields.get("Identity", ""))
    role = fields.get("Role", "inspector")
    if role not in ROLES:
        raise RefusedError(_("{path}: unknown role {role!r}").format(path=path, role=role))
    return PublicIdentity(
        identity_id,
        fields.get("Name") or identity_id,
        role,
        signing.public_bytes(*_RAW),
        encryption.public_bytes(*_RAW),
    )
