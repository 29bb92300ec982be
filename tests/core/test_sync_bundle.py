"""The bundle format: canonical container and manifest, signatures openssl can check, JSON Schemas that
match the models and validate real bundles, and the container checks made before anything is inflated."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile

import jsonschema
import pytest

from omi_desktop.core.sync import schema
from omi_desktop.core.sync.bundle import open_bundle
from omi_desktop.core.sync.canonical import canonical_json
from omi_desktop.core.sync.container import Limits, canonical_zip, read_container
from omi_desktop.core.sync.errors import BundleRefused
from omi_desktop.core.sync.trust import fixed_signer
from omi_desktop.paths import data_path
from tests.helpers.sync_world import make_world


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    root = tmp_path_factory.mktemp("format")
    world = make_world(root, inspectors=("INS-A",), lead="LEAD", cases_each=2)
    world.assign("INS-A")
    world.assign("LEAD")
    world.answer("INS-A")
    path = world.export("INS-A")
    yield world, path
    world.close()


@pytest.mark.parametrize("name", list(schema.SCHEMAS))
def test_committed_schemas_are_what_the_models_say(name):
    committed = data_path("schemas", f"bundle-{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema.render(name), "run: python -m omi_desktop.core.sync.schema"


def test_a_real_bundle_validates_against_the_committed_schemas(bundle):
    world, path = bundle
    opened = open_bundle(
        path.read_bytes(), signer=fixed_signer(world["INS-A"].identity), me=world.hq.keys, kinds=("return",)
    )
    manifest_schema = json.loads(data_path("schemas", "bundle-manifest.schema.json").read_text())
    return_schema = json.loads(data_path("schemas", "bundle-return.schema.json").read_text())
    jsonschema.validate(json.loads(opened.manifest_bytes), manifest_schema)
    jsonschema.validate(opened.payload.model_dump(mode="json"), return_schema)
    bad = json.loads(opened.manifest_bytes) | {"kind": "letter"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, manifest_schema)


def test_bundle_layout_manifest_and_openssl_signature(bundle, tmp_path):
    world, path = bundle
    raw = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        assert z.namelist() == ["manifest.json", "manifest.sig", "payload.json.enc"]
        manifest_bytes, signature = z.read("manifest.json"), z.read("manifest.sig")
        payload = z.read("payload.json.enc")
    manifest = json.loads(manifest_bytes)
    assert canonical_json(manifest) == manifest_bytes  # canonical UTF-8 JSON, byte for byte
    assert len(signature) == 64
    assert manifest["kind"] == "return" and manifest["sequence"] == 1 and manifest["subject"] == "INS-A"
    assert {r["id"] for r in manifest["recipients"]} == {"HQ", "LEAD"}
    assert manifest["files"][0]["size"] == len(payload)
    assert b"Sampleford" not in raw and b"C001" not in raw  # personal data only inside the encrypted payload
    assert (
        canonical_zip(
            [
                (n, zipfile.ZipFile(io.BytesIO(raw)).read(n))
                for n in ("manifest.json", "manifest.sig", "payload.json.enc")
            ]
        )
        == raw
    )
    (tmp_path / "m.json").write_bytes(manifest_bytes)
    (tmp_path / "m.sig").write_bytes(signature)
    (tmp_path / "sender.pem").write_bytes(world["INS-A"].identity.public_pem())
    command = [
        "openssl",
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        tmp_path / "sender.pem",
        "-rawin",
        "-in",
        tmp_path / "m.json",
        "-sigfile",
        tmp_path / "m.sig",
    ]
    assert subprocess.run(command, capture_output=True).returncode == 0
    (tmp_path / "m.json").write_bytes(manifest_bytes.replace(b'"sequence":1', b'"sequence":2'))
    assert subprocess.run(command, capture_output=True).returncode != 0


def test_the_lead_can_decrypt_and_a_third_party_cannot(bundle):
    world, path = bundle
    raw = path.read_bytes()
    signer = fixed_signer(world["INS-A"].identity)
    assert len(open_bundle(raw, signer=signer, me=world["LEAD"].keys, kinds=("return",)).payload.reviews) == 2
    with pytest.raises(BundleRefused) as refused:
        open_bundle(raw, signer=signer, me=world["INS-A"].keys, kinds=("return",))
    assert refused.value.code == "not-a-recipient"


def test_container_checks_come_before_inflating(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", b"\0" * (2 * 1024 * 1024))
    small = Limits(max_entry=1024 * 1024)
    with pytest.raises(BundleRefused) as refused:
        read_container(buffer.getvalue(), frozenset({"manifest.json"}), small)
    assert refused.value.code == "oversized-entry"
    with pytest.raises(BundleRefused) as refused:
        read_container(buffer.getvalue(), frozenset({"manifest.json"}))
    assert refused.value.code == "compression-ratio"
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as z:
        for n in range(9):
            z.writestr(f"f{n}", b"x")
    with pytest.raises(BundleRefused) as refused:
        read_container(many.getvalue(), frozenset(f"f{n}" for n in range(9)))
    assert refused.value.code == "too-many-entries"
