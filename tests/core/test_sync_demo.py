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
