"""The area assessment and a questionnaire end to end through the ``omi`` command, with separate data folders
for head office, an inspector and the lead: entered, finalised, exported, collated by the lead, imported at
head office, reported, acknowledged and purged."""

from __future__ import annotations

import sqlite3

from omi_desktop.core.framework import registry
from omi_desktop.core.setup import InspectorSpec, create_inspection
from omi_desktop.core.store import Store
from tests.helpers.instruments import FRAMEWORK
from tests.helpers.reports import flat, page_texts
from tests.helpers.sync_world import ANCHOR

PEOPLE = ("INS-A", "LEAD")


def ok(result):
    assert result.code == 0, result.err
    return result


def set_up(omi, tmp_path):
    dirs = {name: tmp_path / name for name in ("HQ", *PEOPLE)}
    stick = tmp_path / "stick"
    stick.mkdir()
    ok(omi("keys", "init", "--role", "hq", "--id", "HQ", "--name", "Head office", "--data-dir", dirs["HQ"]))
    ok(omi("keys", "export-public", "--out", stick / "hq.pem", "--data-dir", dirs["HQ"]))
    hq_fp = ok(omi("keys", "show", "--json", "--data-dir", dirs["HQ"])).json()["fingerprint_display"]
    for name in PEOPLE:
        ok(omi("keys", "init", "--id", name, "--name", f"Inspector {name}", "--data-dir", dirs[name]))
        ok(omi("keys", "export-public", "--out", stick / f"{name}.pem", "--data-dir", dirs[name]))
        fp = ok(omi("keys", "show", "--json", "--data-dir", dirs[name])).json()["fingerprint_display"]
        ok(omi("hq", "enrol", stick / f"{name}.pem", "--confirm", fp, "--data-dir", dirs["HQ"]))
        ok(omi("keys", "pin-hq", stick / "hq.pem", "--confirm", hq_fp, "--data-dir", dirs[name]))
    with Store.open(dirs["HQ"]) as store:
        registry.install(store, FRAMEWORK)
        create_inspection(
            store, title="Instruments end to end", area_code="IE2E", area_name="Instrumentshire",
            framework_id="mini-instruments", fieldwork_start=ANCHOR,
            team=[InspectorSpec("INS-A", "Inspector A")],
            lead=InspectorSpec("LEAD", "Inspector LEAD", role="lead"),
            cases=[{"reference": "C001", "inspector_id": "INS-A"}],
        )  # fmt: skip
    for name in PEOPLE:
        ok(
            omi(
                "hq",
                "issue-assignment",
                "--inspector",
                name,
                "--out",
                stick / f"{name}.omia",
                "--data-dir",
                dirs["HQ"],
            )
        )
        ok(omi("assignment", "import", stick / f"{name}.omia", "--data-dir", dirs[name]))
    return dirs, stick


def test_area_assessment_and_questionnaire_from_laptops_to_head_office_and_back(omi, tmp_path):
    dirs, stick = set_up(omi, tmp_path)
    a, lead, hq = (("--data-dir", dirs[n]) for n in ("INS-A", "LEAD", "HQ"))

    # The inspector enters a questionnaire; the area assessment is the lead's, not theirs.
    ok(omi("questionnaire", "add", "client", "CS-001", *a))
    for qid, value in (("CS.1.1", "y"), ("CS.1.2", "very"), ("CS.1.3", "work"), ("CS.1.5", "Private words")):
        ok(omi("questionnaire", "answer", "CS-001", qid, value, *a))
    ok(omi("questionnaire", "finalise", "CS-001", *a))
    refused = omi("area", "answer", "G.1.1", "y", *a)
    assert refused.code == 1 and "recorded by the lead inspector, LEAD" in refused.err
    exported = ok(omi("export", "--out", stick / "INS-A-1.omib", "--json", *a)).json()
    assert exported["reviews"] == 1 and set(exported["recipients"]) == {"HQ", "LEAD"}

    # The lead records the area assessment and collates the inspector's return.
    for qid, value in (("G.1.1", "y"), ("G.1.2", "n"), ("G.2.1", "p")):
        ok(omi("area", "answer", qid, value, "--note", f"Evidence for {qid}", *lead))
    ok(omi("area", "finalise", *lead))
    collated = ok(omi("collate", stick / "INS-A-1.omib", "--json", *lead)).json()["bundles"][0]
    assert collated["counts"]["accepted"] == 1
    users = ok(omi("report", "service-users", "--json", *lead)).json()["questionnaires"]
    assert [(q["instrument"], q["finalised"]) for q in users] == [("client", 1), ("partner", 0)]
    interim = ok(omi("report", "interim", "--out", tmp_path / "interim.pdf", *lead))
    text = flat(" ".join(page_texts(tmp_path / "interim.pdf")))
    assert interim.code == 0 and "Governance review Recorded by the lead inspector" in text
    assert "Client survey 1 finalised responses counted" in text and "Private words" not in text
    ok(omi("export", "--out", stick / "LEAD-1.omib", *lead))

    # Head office: both returns merge; its reports show the assessment and the questionnaire.
    imported = ok(omi("hq", "import", stick / "INS-A-1.omib", stick / "LEAD-1.omib", "--json", *hq)).json()
    assert [(b["status"], b["counts"]["accepted"]) for b in imported["bundles"]] == [("imported", 1)] * 2
    leadership = ok(omi("report", "leadership", "IE2E", "--json", *hq)).json()["assessments"]
    assert leadership[0]["status"] == "finalised" and leadership[0]["finalised_by"] == "LEAD"
    assert [c["verdict"] for c in leadership[0]["criteria"]] == ["partly_met", "partly_met"]
    ok(omi("report", "area", "IE2E", "--out", tmp_path / "area.pdf", *hq))
    assert "G.2 Partnerships ◐ Partly met 0 of 1" in flat(" ".join(page_texts(tmp_path / "area.pdf")))

    # The receipt lets the inspector remove the questionnaire's answers; a tombstone stays.
    ok(omi("hq", "receipt", "--inspector", "INS-A", "--out", stick / "INS-A.omir", *hq))
    assert ok(omi("receipt", "import", stick / "INS-A.omir", "--json", *a)).json()["acknowledged"] == 1
    purged = ok(omi("purge", "--acknowledged", "--json", *a)).json()["reviews"]
    assert [(p["instrument"], p["respondent"]) for p in purged] == [("client", "CS-001")]
    [row] = ok(omi("questionnaire", "list", "--json", *a)).json()["questionnaires"]
    assert (row["label"], row["status"], row["purged"]) == ("CS-001", "finalised", True)
    conn = sqlite3.connect(dirs["INS-A"] / "omi.sqlite3")
    assert conn.execute("SELECT count(*) FROM answer").fetchone()[0] == 0
    conn.close()
    again = omi("questionnaire", "reopen", "CS-001", "--reason", "look again", *a)
    assert again.code == 1 and "removed here after head office confirmed receipt" in again.err
