"""The demo brings its own training head office and arrives as a real assignment: export, receipt and
purge can all be tried on it, and it stays obviously training data."""

from __future__ import annotations

import json


def test_demo_export_receipt_purge_with_the_training_head_office(omi, data_dir, tmp_path):
    made = omi("demo", "--answered", "3", "--data-dir", data_dir, "--json")
    assert made.code == 0, made.err
    hq = data_dir / "training-hq"
    assert (hq / "omi.sqlite3").exists() and (hq / "keys" / "identity.json").exists()
    me = json.loads((data_dir / "keys" / "identity.json").read_text())["id"]
    assert me.startswith("TRN-")
    shown = omi("keys", "show", "--data-dir", data_dir)
    assert "TRN-HQ" in shown.out and "(training)" in shown.out
    listing = omi("case", "list", "--json", "--data-dir", data_dir).json()
    assert listing["inspection"]["training"] is True and len(listing["cases"]) == 100

    exported = omi("export", "--out", tmp_path / "training", "--json", "--data-dir", data_dir)
    assert exported.code == 0, exported.err
    returned = 3 + made.json()["questionnaires_finalised"]  # the finalised cases and questionnaires
    assert made.json()["questionnaires_finalised"] > 0
    assert exported.json()["reviews"] == returned and exported.json()["recipients"] == ["TRN-HQ"]
    bundle = exported.json()["path"]
    imported = omi("hq", "import", bundle, "--json", "--data-dir", hq).json()["bundles"][0]
    assert imported["counts"]["accepted"] == returned
    hq_scores = omi("scores", "--json", "--data-dir", hq).json()
    laptop_scores = omi("scores", "--json", "--data-dir", data_dir).json()
    assert hq_scores["threads"] == laptop_scores["threads"] and hq_scores["training"] is True

    receipt = tmp_path / "training.omir"
    assert omi("hq", "receipt", "--inspector", me, "--out", receipt, "--data-dir", hq).code == 0
    acknowledged = omi("receipt", "import", receipt, "--json", "--data-dir", data_dir).json()
    assert acknowledged["acknowledged"] == returned
    purged = omi("purge", "--acknowledged", "--json", "--data-dir", data_dir).json()
    assert len(purged["reviews"]) == returned

    # Rebuilding the demo replaces the training head office and its inspection.
    again = omi("demo", "--reset", "--answered", "1", "--data-dir", data_dir, "--json")
    assert again.code == 0, again.err
    assert omi("export", "--out", tmp_path / "again.omib", "--data-dir", data_dir).code == 0


def test_demo_on_passphrase_protected_keys_takes_the_passphrase_file(omi, data_dir, tmp_path):
    """The refusal names --passphrase-file; omi demo must then accept it."""
    secret = tmp_path / "passphrase.txt"
    secret.write_text("correct horse battery staple\n")
    keys = ["keys", "init", "--name", "Inspector Demo", "--id", "INS-DEMO", "--passphrase-file", secret]
    assert omi(*keys, "--data-dir", data_dir).code == 0
    refused = omi("demo", "--data-dir", data_dir)
    assert refused.code == 1 and "give --passphrase-file FILE" in refused.err
    assert "--passphrase-file" in omi("demo", "--help").out
    made = omi("demo", "--passphrase-file", secret, "--json", "--data-dir", data_dir)
    assert made.code == 0, made.err
    assert made.json()["identity"] == "INS-DEMO" and len(made.json()["inspection"]["id"]) == 36


def test_head_office_without_keys_is_told_to_create_head_office_keys(omi, data_dir, tmp_path):
    issued = omi(
        "hq", "issue-assignment", "--inspector", "INS-A", "--out", tmp_path / "a", "--data-dir", data_dir
    )
    assert issued.code == 1 and "omi keys init --name NAME --id ID --role hq" in issued.err
    imported = omi("hq", "import", tmp_path / "x.omib", "--data-dir", data_dir)
    assert imported.code == 1 and "--role hq" in imported.err
    laptop = omi("assignment", "import", tmp_path / "x.omia", "--data-dir", data_dir)
    assert laptop.code == 1 and "--role" not in laptop.err and "omi keys init" in laptop.err
