"""End to end through the ``omi`` command, with separate data folders for head office, two inspectors and
a lead: keys, enrolment and pinning, assignment, answering, export, collation at the lead, HQ import,
receipt and purge. HQ's scores equal the scores computed over the inspectors' own stores."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import zipfile
from pathlib import Path

from omi_desktop.core.demo import PlausibleAnswers
from omi_desktop.core.framework import registry
from omi_desktop.core.inspections import list_cases
from omi_desktop.core.review import answer_many, finalise, open_case_review
from omi_desktop.core.scoring import ScoredAnswer, score
from omi_desktop.core.setup import InspectorSpec, create_inspection
from omi_desktop.core.store import Store
from tests.helpers.sync_world import ANCHOR, MINI, case_facts

TEAM = {"INS-A": 3, "INS-B": 3, "LEAD": 2}  # cases allocated to each


def ok(result):
    assert result.code == 0, result.err
    return result


def answer_allocated(data_dir: Path, me: str, inspection_id: str, seed: int) -> int:
    store = Store.open(data_dir)
    try:
        framework = registry.get_framework(store, "mini", 1)
        generator = PlausibleAnswers(framework, random.Random(seed), ANCHOR)
        done = 0
        for case in list_cases(store, inspection_id):
            if case.inspector_id != me:
                continue
            view = open_case_review(store, case.id, actor=me)
            items = generator.for_review("case", view.facts, view.active_modules, {})
            view = answer_many(store, view.review.id, items, actor=me)
            finalise(store, view.review.id, actor=me)
            done += 1
        return done
    finally:
        store.close()


def union_scores(data_dirs: list[Path]):
    """Scores over every finalised review in the inspectors' stores, read with sqlite3 directly."""
    answers, reviews = [], 0
    for data_dir in data_dirs:
        conn = sqlite3.connect(data_dir / "omi.sqlite3")
        rows = conn.execute(
            "SELECT a.review_id, a.question_id, json_extract(a.value, '$') FROM answer a "
            "JOIN review r ON r.id = a.review_id LEFT JOIN review_sync s ON s.review_id = r.id "
            "WHERE r.status = 'finalised' AND a.relevant = 1 AND a.value IS NOT NULL "
            "AND coalesce(s.origin, 'local') = 'local'"
        ).fetchall()
        reviews += conn.execute(
            "SELECT count(*) FROM review r LEFT JOIN review_sync s ON s.review_id = r.id "
            "WHERE r.status = 'finalised' AND coalesce(s.origin, 'local') = 'local'"
        ).fetchone()[0]
        conn.close()
        answers += [ScoredAnswer(r, q, v) for r, q, v in rows]
    from omi_desktop.core.framework.loader import load_framework_file

    framework = load_framework_file(MINI)
    scored = [a for a in answers if framework.questions[a.question_id].scored]
    return score(framework, scored, reviews).as_json()


def test_set_up_assign_answer_export_collate_import_receipt_purge(omi, tmp_path):
    dirs = {name: tmp_path / name for name in ("HQ", *TEAM)}
    stick = tmp_path / "stick"
    stick.mkdir()
    secret = tmp_path / "passphrase.txt"
    secret.write_text("correct horse battery staple\n")

    # -- identities: HQ and three laptops; INS-A protects its keys with a passphrase -------------------------
    ok(omi("keys", "init", "--role", "hq", "--id", "HQ", "--name", "Head office", "--data-dir", dirs["HQ"]))
    ok(omi("keys", "export-public", "--out", stick / "hq.pem", "--data-dir", dirs["HQ"]))
    hq_fp = ok(omi("keys", "show", "--json", "--data-dir", dirs["HQ"])).json()["fingerprint_display"]
    for name in TEAM:
        extra = ["--passphrase-file", secret] if name == "INS-A" else []
        ok(omi("keys", "init", "--id", name, "--name", f"Inspector {name}", *extra, "--data-dir", dirs[name]))
        ok(omi("keys", "export-public", "--out", stick / f"{name}.pem", "--data-dir", dirs[name]))
        shown = ok(omi("keys", "show", "--json", "--data-dir", dirs[name])).json()
        # Enrolment needs the fingerprint read out by the inspector: a wrong one is refused.
        wrong = omi("hq", "enrol", stick / f"{name}.pem", "--confirm", "0000 " * 8, "--data-dir", dirs["HQ"])
        assert wrong.code == 1 and "does not match" in wrong.err
        ok(
            omi(
                "hq",
                "enrol",
                stick / f"{name}.pem",
                "--confirm",
                shown["fingerprint_display"],
                "--data-dir",
                dirs["HQ"],
            )
        )
        ok(omi("keys", "pin-hq", stick / "hq.pem", "--confirm", hq_fp, "--data-dir", dirs[name]))
    assert json.loads((dirs["INS-A"] / "keys" / "identity.json").read_text())["protected"] is True
    assert (dirs["INS-A"] / "keys" / "signing-key.pem").stat().st_mode & 0o077 == 0

    # -- HQ sets the inspection up (sampling is another command's work) --------------------------------------
    store = Store.open(dirs["HQ"])
    registry.install(store, MINI)
    cases, n = [], 0
    for name, count in TEAM.items():
        for _ in range(count):
            n += 1
            cases.append(case_facts(f"C{n:03d}", name, n))
    inspection = create_inspection(
        store, title="End to end inspection", area_code="E2E", area_name="Testshire", region_code="TR",
        region_name="Test Region", framework_id="mini", fieldwork_start=ANCHOR,
        team=[InspectorSpec("INS-A", "Inspector INS-A"), InspectorSpec("INS-B", "Inspector INS-B")],
        lead=InspectorSpec("LEAD", "Inspector LEAD", role="lead"), cases=cases,
    )  # fmt: skip
    store.close()

    # -- assignments -----------------------------------------------------------------------------------------
    for name in TEAM:
        hq_secret = []
        ok(
            omi(
                "hq",
                "issue-assignment",
                "--inspector",
                name,
                "--out",
                stick / f"{name}.omia",
                *hq_secret,
                "--data-dir",
                dirs["HQ"],
            )
        )
        extra = ["--passphrase-file", secret] if name == "INS-A" else []
        if name == "INS-A":  # without the passphrase the private key cannot be used
            refused = omi("assignment", "import", stick / "INS-A.omia", "--data-dir", dirs[name])
            assert refused.code == 1 and "passphrase" in refused.err
        result = ok(
            omi("assignment", "import", stick / f"{name}.omia", *extra, "--json", "--data-dir", dirs[name])
        )
        assert result.json()["status"] == "imported"
        expected = len(cases) if name == "LEAD" else TEAM[name]
        assert result.json()["cases"] == expected
        listed = ok(omi("case", "list", "--json", "--data-dir", dirs[name])).json()
        assert len(listed["cases"]) == expected
        assert listed["inspection"]["id"] == inspection.id  # HQ's ids on every laptop
    # A laptop refuses another inspector's assignment (not addressed to it).
    wrong = omi("assignment", "import", stick / "INS-B.omia", "--data-dir", dirs["LEAD"])
    assert wrong.code == 1 and "not addressed to this installation" in wrong.err

    # -- answering and export --------------------------------------------------------------------------------
    for seed, name in enumerate(TEAM):
        assert answer_allocated(dirs[name], name, inspection.id, seed) == TEAM[name]
    for name in TEAM:
        extra = ["--passphrase-file", secret] if name == "INS-A" else []
        exported = ok(
            omi("export", "--out", stick / f"{name}-1.omib", *extra, "--json", "--data-dir", dirs[name])
        ).json()
        assert exported["reviews"] == TEAM[name] and exported["sequence"] == 1
        assert set(exported["recipients"]) == ({"HQ", "LEAD"} if name != "LEAD" else {"HQ"})

    # The signature verifies with openssl, an independent implementation.
    with zipfile.ZipFile(stick / "INS-B-1.omib") as z:
        (tmp_path / "manifest.json").write_bytes(z.read("manifest.json"))
        (tmp_path / "manifest.sig").write_bytes(z.read("manifest.sig"))
    checked = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", stick / "INS-B.pem", "-rawin",
         "-in", tmp_path / "manifest.json", "-sigfile", tmp_path / "manifest.sig"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0 and "Signature Verified Successfully" in checked.stdout

    # -- on-site collation at the lead -----------------------------------------------------------------------
    collated = ok(
        omi("collate", stick / "INS-A-1.omib", stick / "INS-B-1.omib", "--json", "--data-dir", dirs["LEAD"])
    )
    assert [b["counts"]["accepted"] for b in collated.json()["bundles"]] == [3, 3]
    lead_cases = ok(omi("case", "list", "--json", "--data-dir", dirs["LEAD"])).json()["cases"]
    assert all(c["status"] == "finalised" for c in lead_cases)

    # -- HQ import, in one go, and the scores ----------------------------------------------------------------
    files = [stick / f"{name}-1.omib" for name in TEAM]
    imported = ok(omi("hq", "import", *files, "--json", "--data-dir", dirs["HQ"])).json()["bundles"]
    assert [(b["status"], b["counts"]["accepted"], b["gaps"]) for b in imported] == [
        ("imported", 3, []), ("imported", 3, []), ("imported", 2, [])
    ]  # fmt: skip
    hq_scores = ok(omi("scores", "--json", "--data-dir", dirs["HQ"])).json()
    lead_scores = ok(omi("scores", "--json", "--data-dir", dirs["LEAD"])).json()
    independent = union_scores([dirs[name] for name in TEAM])
    assert hq_scores["reviews"] == 8
    assert hq_scores["threads"] == independent["threads"]
    assert lead_scores["threads"] == hq_scores["threads"]
    assert hq_scores["criteria"] == lead_scores["criteria"]

    # -- receipt and purge -----------------------------------------------------------------------------------
    ok(omi("hq", "receipt", "--inspector", "INS-A", "--out", stick / "INS-A.omir", "--data-dir", dirs["HQ"]))
    receipt = ok(
        omi(
            "receipt",
            "import",
            stick / "INS-A.omir",
            "--passphrase-file",
            secret,
            "--json",
            "--data-dir",
            dirs["INS-A"],
        )
    )
    assert receipt.json()["acknowledged"] == 3
    again = ok(
        omi(
            "receipt",
            "import",
            stick / "INS-A.omir",
            "--passphrase-file",
            secret,
            "--json",
            "--data-dir",
            dirs["INS-A"],
        )
    )
    assert again.json()["status"] == "duplicate"
    ok(omi("backup", "create", "--data-dir", dirs["INS-A"]))  # a manual backup holding the cases
    purged = ok(omi("purge", "--acknowledged", "--json", "--data-dir", dirs["INS-A"])).json()
    assert len(purged["reviews"]) == 3
    assert any("manual" in name for name in purged["copies"]["cleaned"])
    assert (dirs["INS-A"] / purged["copies"]["fresh_backup"]).is_file()
    conn = sqlite3.connect(dirs["INS-A"] / "omi.sqlite3")
    assert conn.execute("SELECT count(*) FROM answer").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM audit_event").fetchone()[0] == 0
    assert (
        conn.execute("SELECT count(*) FROM inspection_case WHERE family_name IS NOT NULL").fetchone()[0] == 0
    )
    tombstones = conn.execute(
        "SELECT c.reference, c.commencement_date, s.acknowledged_receipt_id, s.purged_at FROM review r "
        "JOIN inspection_case c ON c.id = r.case_id JOIN review_sync s ON s.review_id = r.id ORDER BY 1"
    ).fetchall()
    conn.close()
    assert [t[0] for t in tombstones] == ["C001", "C002", "C003"]
    assert all(t[1] and t[2] == receipt.json()["receipt_id"] and t[3] for t in tombstones)
    # No trace of the purged cases anywhere in the data folder: not in the database, its log, nor any backup.
    assert [b for b in (dirs["INS-A"] / "backups").iterdir() if b.name.endswith(".sqlite3")]
    holding = [
        str(f.relative_to(dirs["INS-A"]))
        for f in sorted(dirs["INS-A"].rglob("*"))
        if f.is_file() and any(f"Sampleford{n}".encode() in f.read_bytes() for n in (1, 2, 3))
    ]
    assert holding == []
    # Nothing is exported twice, and a purged review cannot be reopened.
    nothing = omi(
        "export", "--out", stick / "INS-A-2.omib", "--passphrase-file", secret, "--data-dir", dirs["INS-A"]
    )
    assert nothing.code == 1 and "nothing to export" in nothing.err
    reopen = omi("review", "reopen", "C001", "--reason", "look again", "--data-dir", dirs["INS-A"])
    assert reopen.code == 1 and "removed" in reopen.err
    # HQ still holds everything.
    assert ok(omi("scores", "--json", "--data-dir", dirs["HQ"])).json()["threads"] == hq_scores["threads"]


def test_bundle_verify_reports_a_valid_bundle_and_refuses_a_foreign_key(omi, tmp_path):
    ok(omi("demo", "--answered", "2", "--data-dir", tmp_path / "d"))
    ok(omi("export", "--out", tmp_path / "x.omib", "--data-dir", tmp_path / "d"))
    ok(omi("keys", "export-public", "--out", tmp_path / "me.pem", "--data-dir", tmp_path / "d"))
    ok(
        omi(
            "keys",
            "export-public",
            "--out",
            tmp_path / "hq.pem",
            "--data-dir",
            tmp_path / "d" / "training-hq",
        )
    )
    valid = ok(omi("bundle", "verify", tmp_path / "x.omib", "--trust", tmp_path / "me.pem", "--json"))
    assert valid.json()["valid"] is True and valid.json()["manifest"]["kind"] == "return"
    foreign = omi("bundle", "verify", tmp_path / "x.omib", "--trust", tmp_path / "hq.pem")
    # A valid bundle, but not signed by the key given: say that (not that "this installation" lacks a key).
    assert foreign.code == 1 and "is not signed by the key in" in foreign.err and "hq.pem" in foreign.err
    assert "claiming to be TRN-LEAD-01" in foreign.err and "does not know" not in foreign.err
    data = bytearray((tmp_path / "x.omib").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / "bad.omib").write_bytes(bytes(data))
    bad = omi("bundle", "verify", tmp_path / "bad.omib", "--trust", tmp_path / "me.pem")
    assert bad.code == 1 and bad.err.startswith("omi: ") and len(bad.err.splitlines()) == 1
