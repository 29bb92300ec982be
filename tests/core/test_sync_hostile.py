"""Hostile and broken bundles: each is refused with its own reason and head office's store is unchanged.
A property test flips every kind of byte of a valid bundle: import refuses it, and nothing changes."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import struct
import uuid
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omi_desktop.core.inspections import list_cases
from omi_desktop.core.sync import keys as sync_keys
from omi_desktop.core.sync import trust
from omi_desktop.core.sync.assignment import issue_assignment
from omi_desktop.core.sync.bundle import open_bundle, write_bundle
from omi_desktop.core.sync.canonical import canonical_json
from omi_desktop.core.sync.container import canonical_zip
from omi_desktop.core.sync.returns import import_return
from tests.helpers.sync_world import make_world

NAMES = ("manifest.json", "manifest.sig", "payload.json.enc")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    w = make_world(root, inspectors=("INS-A", "INS-B"), lead=None, cases_each=1)
    for who in ("INS-A", "INS-B"):
        w.assign(who)
        w.answer(who)
    w.valid = {who: w.export(who).read_bytes() for who in ("INS-A", "INS-B")}
    w.stranger = sync_keys.create_keys(root / "stranger", identity_id="INS-A", name="Not INS-A")
    w.stranger_keys = sync_keys.load_private_keys(root / "stranger")
    other_hq = sync_keys.create_keys(
        root / "other-hq", identity_id="HQ", name="Another head office", role="hq"
    )
    w.other_hq = other_hq
    yield w
    w.close()


def snapshot(world) -> str:
    """Every row of head office's store, as SQL text (read-only connection)."""
    path = world.hq.store.db_path
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def entries(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return {n: z.read(n) for n in z.namelist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    return canonical_zip(list(parts.items()))


def payload_of(world, raw: bytes) -> dict:
    opened = open_bundle(
        raw,
        signer=lambda m: trust.TrustedKeyInfo(
            world["INS-A"].identity if m.sender.id == "INS-A" else world["INS-B"].identity,
            "x",
            "active",
            None,
            None,
            None,
            None,
        ),
        me=world.hq.keys,
        kinds=("return",),
    )
    return opened.payload.model_dump(mode="json")


def resign(parts: dict[str, bytes], keys, edit) -> bytes:
    manifest = json.loads(parts["manifest.json"])
    edit(manifest)
    body = canonical_json(manifest)
    return rezip(
        {
            "manifest.json": body,
            "manifest.sig": keys.signing.sign(body),
            "payload.json.enc": parts["payload.json.enc"],
        }
    )


def rebuild(
    world, who: str, *, keys=None, payload_edit=None, recipients=None, framework=None, inspection_id=None
) -> bytes:
    """A new bundle from a valid one's payload, signed by ``keys`` (default: the real sender)."""
    raw = world.valid[who]
    payload = payload_of(world, raw)
    if payload_edit:
        payload_edit(payload)
    manifest = json.loads(entries(raw)["manifest.json"])
    written = write_bundle(
        kind="return",
        keys=keys or world[who].keys,
        recipients=recipients or [world.hq.identity],
        inspection_id=inspection_id or manifest["inspection_id"],
        framework=framework or (manifest["framework"]["id"], manifest["framework"]["version"]),
        subject=(keys or world[who].keys).identity.id,
        sequence=manifest["sequence"] + 10,
        payload={k: v for k, v in payload.items() if k != "bundle_id"},
        items=len(payload["reviews"]),
    )
    return written.data


def plain_zip(items: list[tuple[str, bytes]], method=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in items:
            z.writestr(name, data)
    return buffer.getvalue()


def flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def _oversized(world) -> bytes:
    raw = plain_zip([("manifest.json", b"{}")])
    # Declare 200 MiB in both headers; the data is two bytes. Nothing may be read to find out.
    local = raw.index(b"PK\x03\x04")
    central = raw.index(b"PK\x01\x02")
    raw = bytearray(raw)
    raw[local + 22 : local + 26] = struct.pack("<I", 200 * 1024 * 1024)
    raw[central + 24 : central + 28] = struct.pack("<I", 200 * 1024 * 1024)
    return bytes(raw)


def _cases(world) -> list[tuple[str, object, str]]:
    """(name, bundle bytes or builder, expected refusal code)."""
    a = world.valid["INS-A"]
    parts = entries(a)
    b_case = list_cases(world["INS-B"].store, world.inspection_id)

    def other_inspectors_case(p):  # INS-A claims INS-B's case, with INS-B's review content
        b_payload = payload_of(world, world.valid["INS-B"])
        p["reviews"] = b_payload["reviews"]
        p["sender"] = "INS-A"

    def withdrawn_claim(p):  # INS-A claims INS-B's case is one withdrawn from them: it never was theirs
        other_inspectors_case(p)
        for review in p["reviews"]:
            review["withdrawn"] = True

    def unfinished(p):  # only finalised reviews travel, unless their case was withdrawn from the sender
        p["reviews"][0]["status"] = "in_progress"

    def schema_break(p):
        del p["reviews"][0]["answers"]

    def content_change(p):
        answer = next(x for x in p["reviews"][0]["answers"] if x["question_id"] == "1.2.2")
        answer["value"] = 59

    stray = str(uuid.uuid4())

    def elsewhere(p):
        p["inspection_id"] = stray

    assert b_case
    return [
        (
            "payload byte flipped",
            lambda: rezip({**parts, "payload.json.enc": flip(parts["payload.json.enc"], 40)}),
            "digest-mismatch",
        ),
        (
            "manifest edited",
            lambda: rezip(
                {**parts, "manifest.json": parts["manifest.json"].replace(b'"sequence":1', b'"sequence":7')}
            ),
            "signature-invalid",
        ),
        (
            "signature from an unknown key",
            lambda: rebuild(world, "INS-A", keys=world.stranger_keys),
            "unknown-signer",
        ),
        (
            "cases allocated to someone else",
            lambda: rebuild(world, "INS-A", payload_edit=other_inspectors_case),
            "unauthorised",
        ),
        (
            "a case never given to the sender claimed as withdrawn",
            lambda: rebuild(world, "INS-A", payload_edit=withdrawn_claim),
            "unauthorised",
        ),
        (
            "an unfinished review not withdrawn",
            lambda: rebuild(world, "INS-A", payload_edit=unfinished),
            "payload-invalid",
        ),
        ("truncated zip", lambda: a[: len(a) // 2], "truncated"),
        ("not a zip", lambda: b"%PDF-1.7\nnot a bundle at all\n", "not-a-zip"),
        ("zip-slip name", lambda: plain_zip([("../manifest.json", b"{}")]), "unsafe-name"),
        ("absolute path", lambda: plain_zip([("/etc/manifest.json", b"{}")]), "unsafe-name"),
        (
            "duplicate entries",
            lambda: plain_zip([(n, parts[n]) for n in NAMES] + [("manifest.json", parts["manifest.json"])]),
            "duplicate-entry",
        ),
        ("oversized entry", lambda: _oversized(world), "oversized-entry"),
        (
            "high-ratio entry",
            lambda: plain_zip([("payload.json.enc", bytes(8 * 1024 * 1024))], zipfile.ZIP_DEFLATED),
            "compression-ratio",
        ),
        ("wrong recipient", lambda: rebuild(world, "INS-A", recipients=[world.other_hq]), "not-a-recipient"),
        (
            "unknown format version",
            lambda: resign(parts, world["INS-A"].keys, lambda m: m.update(format_version=2)),
            "unknown-format-version",
        ),
        ("framework mismatch", lambda: rebuild(world, "INS-A", framework=("mini", 2)), "framework-mismatch"),
        ("unexpected entry", lambda: rezip({**parts, "readme.txt": b"hello"}), "unexpected-entry"),
        (
            "manifest breaks the schema",
            lambda: resign(parts, world["INS-A"].keys, lambda m: m.pop("subject")),
            "manifest-invalid",
        ),
        (
            "payload breaks the schema",
            lambda: rebuild(world, "INS-A", payload_edit=schema_break),
            "payload-invalid",
        ),
        (
            "content does not match its hash",
            lambda: rebuild(world, "INS-A", payload_edit=content_change),
            "content-hash",
        ),
        (
            "container rewritten",
            lambda: plain_zip([(n, parts[n]) for n in NAMES], zipfile.ZIP_DEFLATED),
            "non-canonical",
        ),
        (
            "signature missing",
            lambda: rezip({n: parts[n] for n in ("manifest.json", "payload.json.enc")}),
            "missing-entry",
        ),
        (
            "unknown inspection",
            lambda: rebuild(world, "INS-A", inspection_id=stray, payload_edit=elsewhere),
            "unknown-inspection",
        ),
    ]


CASE_NAMES = [
    "payload byte flipped", "manifest edited", "signature from an unknown key",
    "cases allocated to someone else", "a case never given to the sender claimed as withdrawn",
    "an unfinished review not withdrawn",
    "truncated zip", "not a zip", "zip-slip name", "absolute path", "duplicate entries", "oversized entry",
    "high-ratio entry", "wrong recipient", "unknown format version", "framework mismatch", "unexpected entry",
    "manifest breaks the schema", "payload breaks the schema", "content does not match its hash",
    "container rewritten", "signature missing", "unknown inspection",
]  # fmt: skip


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("name", CASE_NAMES)
def test_hostile_bundle_is_refused_with_its_own_reason(world, name, tmp_path):
    cases = {n: (build, code) for n, build, code in _cases(world)}
    build, code = cases[name]
    path = tmp_path / "hostile.omib"
    path.write_bytes(build())
    before = snapshot(world)
    report = import_return(world.hq.store, path, world.hq.keys)
    assert (report.status, report.code) == ("refused", code), report.reason
    assert report.reason and "\n" not in report.reason
    assert snapshot(world) == before


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_every_case_in_the_corpus_has_its_own_reason(world):
    cases = _cases(world)
    assert [n for n, _, _ in cases] == CASE_NAMES
    codes = [c for _, _, c in cases]
    assert len(set(codes)) >= 18  # zip-slip and absolute path share "unsafe-name"; everything else differs


def test_a_revoked_key_is_refused_and_an_assignment_is_the_wrong_kind(world, tmp_path):
    path = tmp_path / "b.omib"
    path.write_bytes(world.valid["INS-B"])
    assignment = issue_assignment(
        world.hq.store,
        world.hq.keys,
        inspector_id="INS-A",
        out=tmp_path / "a.omia",
        inspection_ref=world.inspection_id,
    )
    before = snapshot(world)
    report = import_return(world.hq.store, assignment.path, world.hq.keys)
    assert report.code == "wrong-kind"
    assert snapshot(world) == before
    trust.revoke(world.hq.store, "INS-B", reason="laptop lost on the train")
    before = snapshot(world)
    report = import_return(world.hq.store, path, world.hq.keys)
    assert report.code == "revoked-signer"
    assert "laptop lost on the train" in report.reason
    assert snapshot(world) == before


def test_the_valid_bundle_is_accepted(world, tmp_path):
    """The corpus is made from a bundle that is itself fine (so each refusal is the tampering's doing)."""
    path = tmp_path / "a.omib"
    path.write_bytes(world.valid["INS-A"])
    report = import_return(world.hq.store, path, world.hq.keys)
    assert report.status in ("imported", "duplicate"), report.reason


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_flipping_any_byte_makes_import_refuse_and_changes_nothing(world, tmp_path, data):
    raw = world.valid["INS-A"]
    index = data.draw(st.integers(min_value=0, max_value=len(raw) - 1), label="byte")
    mask = data.draw(st.integers(min_value=1, max_value=255), label="xor")
    damaged = raw[:index] + bytes([raw[index] ^ mask]) + raw[index + 1 :]
    path = tmp_path / "flipped.omib"
    path.write_bytes(damaged)
    before = snapshot(world)
    report = import_return(world.hq.store, path, world.hq.keys)
    assert report.status == "refused", (index, mask)
    assert snapshot(world) == before
