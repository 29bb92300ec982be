"""Identities and keys: creation, owner-only files, passphrases, fingerprints, enrolment, pinning,
revocation."""

from __future__ import annotations

import stat

import pytest

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.store import Store
from omi_desktop.core.sync import keys as sync_keys
from omi_desktop.core.sync import trust


def test_keys_init_show_and_export_public(omi, data_dir, tmp_path):
    made = omi(
        "keys", "init", "--name", "Alex Sampleford", "--id", "INS-014", "--data-dir", data_dir, "--json"
    )
    assert made.code == 0, made.err
    identity = made.json()
    assert identity["id"] == "INS-014" and identity["role"] == "inspector" and identity["protected"] is False
    folder = data_dir / "keys"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("signing-key.pem", "encryption-key.pem", "identity.json"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    shown = omi("keys", "show", "--data-dir", data_dir)
    display = sync_keys.display_fingerprint(identity["fingerprint"])
    assert display in shown.out and len(display.split()) == 8
    assert "not passphrase-protected" in shown.out
    out = tmp_path / "alex.pem"
    assert omi("keys", "export-public", "--out", out, "--data-dir", data_dir).code == 0
    text = out.read_text()
    assert text.count("-----BEGIN PUBLIC KEY-----") == 2 and "Identity: INS-014" in text
    read = sync_keys.read_public_file(out)
    assert read.fingerprint == identity["fingerprint"] and read.name == "Alex Sampleford"
    # The settings identity follows the keys: changes are recorded as INS-014.
    assert omi("keys", "init", "--name", "Again", "--id", "INS-015", "--data-dir", data_dir).code == 1


def test_passphrase_protects_the_private_keys(data_dir, tmp_path):
    sync_keys.create_keys(data_dir, identity_id="INS-1", name="One", passphrase=b"s3cret words")
    assert b"ENCRYPTED" in (data_dir / "keys" / "signing-key.pem").read_bytes()
    with pytest.raises(RefusedError, match="passphrase"):
        sync_keys.load_private_keys(data_dir)
    with pytest.raises(RefusedError, match="wrong passphrase"):
        sync_keys.load_private_keys(data_dir, b"not it")
    assert sync_keys.load_private_keys(data_dir, b"s3cret words").identity.id == "INS-1"
    secret = tmp_path / "pass.txt"
    secret.write_bytes(b"s3cret words\n")
    assert sync_keys.read_passphrase_file(secret) == b"s3cret words"


def test_passphrase_file_from_the_environment(monkeypatch, tmp_path):
    secret = tmp_path / "p"
    secret.write_text("from env\n")
    monkeypatch.setenv("OMI_PASSPHRASE_FILE", str(secret))
    assert sync_keys.read_passphrase_file(None) == b"from env"
    (tmp_path / "empty").write_text("\n")
    with pytest.raises(RefusedError, match="empty"):
        sync_keys.read_passphrase_file(tmp_path / "empty")


@pytest.mark.parametrize("bad", ["", "has space", "../x", "a" * 65])
def test_identity_ids_are_checked(data_dir, bad):
    with pytest.raises(RefusedError):
        sync_keys.create_keys(data_dir, identity_id=bad, name="X")


def test_enrol_pin_and_revoke(omi, tmp_path):
    hq, laptop = tmp_path / "hq", tmp_path / "laptop"
    assert (
        omi("keys", "init", "--role", "hq", "--id", "HQ", "--name", "Head office", "--data-dir", hq).code == 0
    )
    assert omi("keys", "init", "--id", "INS-1", "--name", "One", "--data-dir", laptop).code == 0
    omi("keys", "export-public", "--out", tmp_path / "hq.pem", "--data-dir", hq)
    omi("keys", "export-public", "--out", tmp_path / "one.pem", "--data-dir", laptop)
    # Without --confirm and no terminal: refused, with the fingerprint to compare.
    unconfirmed = omi("hq", "enrol", tmp_path / "one.pem", "--data-dir", hq)
    assert unconfirmed.code == 1 and "--confirm" in unconfirmed.err
    one = sync_keys.read_public_file(tmp_path / "one.pem")
    assert sync_keys.display_fingerprint(one.fingerprint) in unconfirmed.err
    assert (
        omi("hq", "enrol", tmp_path / "one.pem", "--confirm", one.fingerprint[:32], "--data-dir", hq).code
        == 0
    )
    # An inspector's key is not a head-office key, and vice versa.
    assert (
        "not a head-office"
        in omi("keys", "pin-hq", tmp_path / "one.pem", "--confirm", one.fingerprint, "--data-dir", laptop).err
    )
    hq_id = sync_keys.read_public_file(tmp_path / "hq.pem")
    assert (
        omi("keys", "pin-hq", tmp_path / "hq.pem", "--confirm", hq_id.fingerprint, "--data-dir", laptop).code
        == 0
    )
    assert "HQ" in omi("keys", "show", "--data-dir", laptop).out
    # Revocation needs a reason, is listed, and a revoked key cannot be enrolled again.
    assert omi("hq", "revoke", "INS-1", "--data-dir", hq).code == 2
    assert omi("hq", "revoke", "INS-1", "--reason", "laptop stolen", "--data-dir", hq).code == 0
    assert "REVOKED laptop stolen" in omi("hq", "keys", "--data-dir", hq).out
    again = omi("hq", "enrol", tmp_path / "one.pem", "--confirm", one.fingerprint, "--data-dir", hq)
    assert again.code == 1 and "revoked" in again.err


def test_a_second_hq_key_is_not_pinned_silently(data_dir, tmp_path):
    first = sync_keys.create_keys(tmp_path / "a", identity_id="HQ", name="HQ", role="hq")
    second = sync_keys.create_keys(tmp_path / "b", identity_id="HQ", name="HQ impostor", role="hq")
    with Store.open(data_dir) as store:
        trust.pin_hq(store, first, confirm=first.fingerprint)
        with pytest.raises(RefusedError, match="already pinned"):
            trust.pin_hq(store, second, confirm=second.fingerprint)
        with pytest.raises(RefusedError, match="does not match"):
            trust.pin_hq(store, second, confirm=first.fingerprint)


def test_a_file_that_is_not_a_public_identity_is_refused(tmp_path):
    (tmp_path / "x.pem").write_text("hello")
    with pytest.raises(RefusedError, match="not an OMI Desktop public identity"):
        sync_keys.read_public_file(tmp_path / "x.pem")
    with pytest.raises(RefusedError, match="cannot read"):
        sync_keys.read_public_file(tmp_path / "missing.pem")
