"""Writing and opening bundles: sign, encrypt, and verify in the documented order.

Opening order (docs/bundle-format.md, "Reading a bundle"): container checks before anything is inflated ->
manifest schema -> kind -> signature against a trusted key -> file digests -> canonical container ->
recipient and decryption -> payload schema. Each failure raises ``BundleRefused`` with its own code.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite
from pydantic import BaseModel, ValidationError

from omi_desktop.core.clock import utcnow
from omi_desktop.core.i18n import _
from omi_desktop.core.sync.canonical import canonical_json, sha256_hex
from omi_desktop.core.sync.container import DEFAULT_LIMITS, Limits, canonical_zip, read_container
from omi_desktop.core.sync.errors import BundleRefused
from omi_desktop.core.sync.keys import PrivateKeys, PublicIdentity, b64, unb64
from omi_desktop.core.sync.schema import (
    CONTENT_CIPHER,
    FORMAT,
    FORMAT_VERSION,
    KEY_WRAP,
    PAYLOAD_NAME,
    PAYLOADS,
    Manifest,
    timestamp,
)
from omi_desktop.core.sync.trust import SignerLookup, TrustedKeyInfo

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
ENTRY_NAMES = frozenset({MANIFEST_NAME, SIGNATURE_NAME, PAYLOAD_NAME})
MAX_MANIFEST = 1024 * 1024
HPKE = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.AES_256_GCM)


def wrap_info(bundle_id: str, recipient_id: str, encryption_fingerprint: str) -> bytes:
    """HPKE ``info``: binds each wrapped key to this bundle and this recipient."""
    return f"omi-bundle/1 content-key {bundle_id} {recipient_id} {encryption_fingerprint}".encode()


def payload_aad(bundle_id: str) -> bytes:
    return f"omi-bundle/1 {bundle_id} {PAYLOAD_NAME}".encode()


@dataclass(frozen=True)
class Written:
    data: bytes
    manifest: Manifest

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)


def write_bundle(
    *,
    kind: str,
    keys: PrivateKeys,
    recipients: list[PublicIdentity],
    inspection_id: str,
    framework: tuple[str, int],
    subject: str,
    sequence: int,
    payload: dict[str, Any],
    items: int,
    bundle_id: str | None = None,
    created_at: datetime | None = None,
) -> Written:
    """The bytes of a signed, encrypted bundle. ``payload`` must carry ``bundle_id`` when one is given."""
    bundle_id = bundle_id or str(uuid.uuid4())
    payload = {**payload, "bundle_id": bundle_id}
    content_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(12)
    ciphertext = AESGCM(content_key).encrypt(nonce, canonical_json(payload), payload_aad(bundle_id))
    unique = {r.id: r for r in recipients}
    manifest_value = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": kind,
        "bundle_id": bundle_id,
        "created_at": timestamp(created_at or utcnow()),
        "sender": {
            "id": keys.identity.id,
            "name": keys.identity.name,
            "role": keys.identity.role,
            "key_fingerprint": keys.identity.fingerprint,
        },
        "recipients": [
            {
                "id": r.id,
                "encryption_key_fingerprint": r.encryption_fingerprint,
                "wrapped_key": b64(
                    HPKE.encrypt(
                        content_key,
                        r.encryption_public(),
                        info=wrap_info(bundle_id, r.id, r.encryption_fingerprint),
                    )
                ),
            }
            for r in unique.values()
        ],
        "inspection_id": inspection_id,
        "framework": {"id": framework[0], "version": framework[1]},
        "subject": subject,
        "sequence": sequence,
        "encryption": {"content": CONTENT_CIPHER, "key_wrap": KEY_WRAP},
        "files": [
            {
                "name": PAYLOAD_NAME,
                "sha256": sha256_hex(ciphertext),
                "size": len(ciphertext),
                "encrypted": True,
                "nonce": b64(nonce),
                "media_type": "application/json",
            }
        ],
        "items": items,
    }
    manifest_bytes = canonical_json(manifest_value)
    signature = keys.signing.sign(manifest_bytes)
    data = canonical_zip(
        [(MANIFEST_NAME, manifest_bytes), (SIGNATURE_NAME, signature), (PAYLOAD_NAME, ciphertext)]
    )
    return Written(data, Manifest.model_validate(manifest_value))


@dataclass(frozen=True)
class OpenedBundle:
    """A bundle that passed every check; ``payload`` is None when it was not decrypted."""

    manifest: Manifest
    manifest_bytes: bytes
    signer: TrustedKeyInfo
    file_sha256: str
    payload: Any = None

    @property
    def kind(self) -> str:
        return self.manifest.kind


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "(top)"
    return f"{where}: {first.get('msg', 'invalid')}"


def _manifest(data: bytes) -> Manifest:
    if len(data) > MAX_MANIFEST:
        raise BundleRefused("manifest-invalid", _("manifest.json is larger than 1 MiB"))
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BundleRefused("manifest-invalid", _("manifest.json is not valid UTF-8 JSON")) from None
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise BundleRefused("manifest-invalid", _("manifest.json does not describe an OMI bundle"))
    if value.get("format_version") != FORMAT_VERSION:
        raise BundleRefused(
            "unknown-format-version",
            _("bundle format version {v!r} is not one this program reads (it reads version {mine})").format(
                v=value.get("format_version"), mine=FORMAT_VERSION
            ),
        )
    try:
        manifest = Manifest.model_validate(value)
    except ValidationError as exc:
        raise BundleRefused(
            "manifest-invalid", _("manifest.json breaks the schema: {why}").format(why=_first_error(exc))
        ) from None
    if canonical_json(value) != data:
        raise BundleRefused("manifest-invalid", _("manifest.json is not in canonical form"))
    return manifest


def _check_files(manifest: Manifest, entries: dict[str, bytes]) -> None:
    listed = {f.name for f in manifest.files}
    present = set(entries) - {MANIFEST_NAME, SIGNATURE_NAME}
    if listed != present:
        missing = ", ".join(sorted(listed - present)) or "-"
        extra = ", ".join(sorted(present - listed)) or "-"
        raise BundleRefused(
            "missing-entry" if listed - present else "unexpected-entry",
            _("the files do not match the manifest (missing: {missing}; not listed: {extra})").format(
                missing=missing, extra=extra
            ),
        )
    for entry in manifest.files:
        data = entries[entry.name]
        if len(data) != entry.size or sha256_hex(data) != entry.sha256:
            raise BundleRefused(
                "digest-mismatch",
                _("{name} does not match the SHA-256 in the signed manifest: it was changed").format(
                    name=entry.name
                ),
            )


def _decrypt(manifest: Manifest, entries: dict[str, bytes], me: PrivateKeys) -> bytes:
    mine = [
        r
        for r in manifest.recipients
        if r.id == me.identity.id and r.encryption_key_fingerprint == me.identity.encryption_fingerprint
    ]
    if not mine:
        names = ", ".join(r.id for r in manifest.recipients)
        raise BundleRefused(
            "not-a-recipient",
            _("the bundle is not addressed to this installation ({me}); it is for {names}").format(
                me=me.identity.id, names=names
            ),
        )
    recipient = mine[0]
    entry = manifest.files[0]
    try:
        content_key = HPKE.decrypt(
            unb64(recipient.wrapped_key),
            me.encryption,
            info=wrap_info(manifest.bundle_id, recipient.id, recipient.encryption_key_fingerprint),
        )
        return AESGCM(content_key).decrypt(
            unb64(entry.nonce), entries[entry.name], payload_aad(manifest.bundle_id)
        )
    except (InvalidTag, ValueError):
        raise BundleRefused(
            "decrypt-failed", _("the payload cannot be decrypted with this installation's key")
        ) from None


def _payload(kind: str, plaintext: bytes, manifest: Manifest) -> BaseModel:
    model = PAYLOADS[kind]
    try:
        payload = model.model_validate_json(plaintext)
    except ValidationError as exc:
        raise BundleRefused(
            "payload-invalid",
            _("the {kind} payload breaks the schema: {why}").format(kind=kind, why=_first_error(exc)),
        ) from None
    if payload.bundle_id != manifest.bundle_id:
        raise BundleRefused("payload-invalid", _("the payload belongs to another bundle"))
    return payload


def open_bundle(
    raw: bytes,
    *,
    signer: SignerLookup,
    me: PrivateKeys | None,
    kinds: tuple[str, ...],
    limits: Limits = DEFAULT_LIMITS,
) -> OpenedBundle:
    """Verify a bundle's bytes completely; decrypt and validate its payload when ``me`` is given."""
    container = read_container(raw, ENTRY_NAMES, limits)
    for name in (MANIFEST_NAME, SIGNATURE_NAME):
        if name not in container.entries:
            raise BundleRefused("missing-entry", _("the bundle has no {name}").format(name=name))
    manifest_bytes = container.entries[MANIFEST_NAME]
    manifest = _manifest(manifest_bytes)
    if manifest.kind not in kinds:
        raise BundleRefused(
            "wrong-kind",
            _("this is {a} {kind} bundle; expected {expected}").format(
                a="an" if manifest.kind[0] in "aeiou" else "a",
                kind=manifest.kind,
                expected=" or ".join(kinds),
            ),
        )
    trusted = signer(manifest)
    signature = container.entries[SIGNATURE_NAME]
    try:
        if len(signature) != 64:
            raise InvalidSignature
        trusted.identity.verifier().verify(signature, manifest_bytes)
    except InvalidSignature:
        raise BundleRefused(
            "signature-invalid",
            _("the signature does not verify with {id}'s key: the manifest was changed or forged").format(
                id=trusted.identity.id
            ),
        ) from None
    _check_files(manifest, container.entries)
    if not container.is_canonical():
        raise BundleRefused(
            "non-canonical",
            _("the ZIP container was altered (its headers are not the ones the sender wrote)"),
        )
    payload = None
    if me is not None:
        payload = _payload(manifest.kind, _decrypt(manifest, container.entries, me), manifest)
    return OpenedBundle(manifest, manifest_bytes, trusted, container.file_sha256, payload)


def read_file(path: os.PathLike[str] | str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a bundle file, refusing one too large to be a bundle before reading it."""
    from pathlib import Path

    from omi_desktop.core.errors import NotFoundError

    file = Path(path)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise NotFoundError(_("no such file: {path}").format(path=file)) from None
    except OSError as exc:
        raise BundleRefused(
            "unreadable", _("cannot read {path}: {why}").format(path=file, why=exc.strerror)
        ) from None
    if size > limits.max_file:
        raise BundleRefused(
            "oversized-file", _("the file is larger than {limit} bytes").format(limit=limits.max_file)
        )
    try:
        return file.read_bytes()
    except OSError as exc:
        raise BundleRefused(
            "unreadable", _("cannot read {path}: {why}").format(path=file, why=exc.strerror)
        ) from None
