"""CSV and XLSX exports round-trip the stored answers; risky cells are neutralised so no formula runs."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from openpyxl import load_workbook

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.inspections import list_cases
from omi_desktop.core.reports.exports import export_answers_file, export_cases_file, neutralise
from omi_desktop.core.reports.rows import ANSWER_COLUMNS
from omi_desktop.core.review import answer, get_review
from tests.helpers.engine import ACTOR, mini_store
from tests.helpers.reports import answer_case, complete

RISKY_NOTE = '=HYPERLINK("http://example.invalid/x","click")'
CASES = [
    {
        "reference": "C001",
        "order_type": "licence",
        "commencement_date": date(2026, 5, 1),
        "rosh_level": "high",
        "offender_manager": "-Owain Samplewood",  # a name that starts like a formula
    },
    {"reference": "C002", "order_type": "community_order", "commencement_date": date(2026, 5, 20)},
    {"reference": "C003", "order_type": "licence", "commencement_date": date(2026, 5, 2)},
]
NOTES = {
    "1.1.2": RISKY_NOTE,
    "1.2.1": "+44 plan; @risk; Gŵyr a Llŷn",
    "1.2.2": "\tstarts with a tab",
    "1.2.4": "\rstarts with a return",
}


@pytest.fixture
def store(data_dir):
    store, inspection_id = mini_store(data_dir, CASES)
    answer_case(
        store,
        inspection_id,
        "C001",
        complete("no", "partly", **{"1.2.3": ["accommodation", "drugs"], "1.2.4": "@SUM(1,2)"}),
        notes=NOTES,
        feedback={"1.1.2": "improvement"},
    )
    review_id = answer_case(store, inspection_id, "C002", complete("yes", "yes"), final=False)
    answer(store, review_id, "1.1.1", "no", actor=ACTOR)  # 1.1.2 and 1.1.3 kept but skipped
    store.inspection_id = inspection_id
    return store


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, so spreadsheet programs read Welsh letters
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def read_xlsx(path):
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate  # no formula anywhere
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def unneutralised(value):
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_answers_round_trip_with_case_facts(store, tmp_path, kind):
    out = tmp_path / f"answers.{kind}"
    result = export_answers_file(store, out)
    rows = read_csv(out) if kind == "csv" else read_xlsx(out)
    assert list(rows[0]) == ANSWER_COLUMNS
    cases = {c.reference: c for c in list_cases(store, store.inspection_id)}
    reviewed = [c for c in cases.values() if c.review_id]
    questions = len(get_review(store, reviewed[0].review_id).evaluation.order)
    assert result.rows == len(rows) == questions * len(reviewed)  # one row per review x question
    for case in reviewed:
        view = get_review(store, case.review_id)
        mine = {r["question_id"]: r for r in rows if r["review_id"] == case.review_id}
        assert list(mine) == list(view.evaluation.order)
        for qid, row in mine.items():
            assert row["case_reference"] == case.reference
            assert row["review_status"] == view.review.status
            stored = view.answers.get(qid)
            if stored is None or not stored.relevant:
                assert row["value"] in (None, ""), qid
                continue
            value = unneutralised(row["value"])
            expected = "; ".join(stored.value) if isinstance(stored.value, list) else stored.value
            if kind == "csv":
                expected = str(expected)
            assert value == expected, qid
            note = stored.note if kind == "csv" else stored.note.replace("\r", "\n")  # XML keeps no lone CR
            assert unneutralised(row["note"] or "") == note, qid


def test_risky_cells_are_neutralised_and_skipped_answers_show_no_value(store, tmp_path):
    export_answers_file(store, tmp_path / "a.csv")
    export_answers_file(store, tmp_path / "a.xlsx")
    for rows in (read_csv(tmp_path / "a.csv"), read_xlsx(tmp_path / "a.xlsx")):
        first = {r["question_id"]: r for r in rows if r["case_reference"] == "C001"}
        assert first["1.1.2"]["note"] == "'" + RISKY_NOTE
        assert first["1.1.2"]["feedback"] == "improvement"
        assert first["1.2.1"]["note"] == "'+44 plan; @risk; Gŵyr a Llŷn"
        assert first["1.2.2"]["note"] == "'\tstarts with a tab"
        assert first["1.2.4"]["value"] == "'@SUM(1,2)"
        assert first["1.1.2"]["offender_manager"] == "'-Owain Samplewood"
        assert first["1.2.3"]["value_label"] == "Accommodation; Drug misuse"
        assert str(first["1.2.1"]["counts_as"]) == "0"  # "Partly" counts 0 in this framework; never "0.0"
        second = {r["question_id"]: r for r in rows if r["case_reference"] == "C002"}
        assert str(second["1.2.1"]["counts_as"]) == "1"  # as docs/reports.md shows it, never "1.0"
        assert second["1.1.2"]["state"] == "skipped" and second["1.1.2"]["value"] in (None, "")
        assert second["1.1.1"]["value"] == "no"
    # The XLSX keeps numbers as numbers.
    numbers = [r for r in read_xlsx(tmp_path / "a.xlsx") if r["question_id"] == "1.2.2"]
    assert {r["value"] for r in numbers} == {4}


def test_neutralise_leaves_safe_values_alone():
    assert neutralise("Plain text") == "Plain text"
    assert neutralise(-3) == -3 and neutralise(2.5) == 2.5 and neutralise(None) is None
    assert [neutralise(s) for s in ("=1", "+1", "-1", "@a", "\tx", "\rx")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\tx",
        "'\rx",
    ]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_case_summaries(store, tmp_path, kind):
    out = tmp_path / f"cases.{kind}"
    result = export_cases_file(store, out)
    rows = read_csv(out) if kind == "csv" else read_xlsx(out)
    assert result.rows == 3 and [r["case_reference"] for r in rows] == ["C001", "C002", "C003"]
    first = rows[0]
    assert str(first["RoH_positive"]) == "0" and str(first["RoH_applicable"]) == "1"
    assert str(rows[1]["LoR_positive"]) == "1" and str(rows[1]["LoR_percent"]) == "100"
    assert str(first["RoH_done"]) == "0" and str(first["LoR_done"]) == "0"
    assert first["criterion_1.1"] == "not_met" and first["criterion_1.2"] == "partly_met"
    assert (
        str(first["improvements"]) == "1"
    )  # the marked note; 1.2.1's note is not feedback in this framework
    assert rows[2]["review_status"] == "not_started" and rows[2]["criterion_1.1"] in (None, "")


def test_a_review_in_progress_exports_unanswered_criteria_as_not_answered(store, tmp_path):
    """Nothing judged yet is not the same as "Not applicable": a draft's unanswered criteria say so."""
    answer_case(store, store.inspection_id, "C003", {"1.1.1": "yes"}, final=False)  # 1.1.2 now applies
    export_cases_file(store, tmp_path / "cases.csv")
    rows = {r["case_reference"]: r for r in read_csv(tmp_path / "cases.csv")}
    assert rows["C003"]["criterion_1.1"] == "not_answered" and rows["C003"]["criterion_1.2"] == "not_answered"
    assert rows["C003"]["RoH_done"] == "" and rows["C003"]["RoH_applicable"] == "0"
    # C002 (in progress too): 1.1.1 "No" leaves its RoH questions out, so criterion 1.1 is not applicable.
    assert rows["C002"]["criterion_1.1"] == "not_applicable" and rows["C002"]["criterion_1.2"] == "met"


def test_export_refusals_and_the_commands(store, omi, data_dir, tmp_path):
    with pytest.raises(RefusedError, match=r"\.csv or \.xlsx"):
        export_answers_file(store, tmp_path / "answers.txt")
    store.close()
    made = omi("report", "answers", "--out", tmp_path / "a.xlsx", "--data-dir", data_dir, "--json")
    assert made.code == 0, made.err
    assert made.json()["rows"] > 0
    cases = omi("report", "cases", "--all", "--out", tmp_path / "c.csv", "--data-dir", data_dir)
    assert cases.code == 0 and "3 rows" in cases.out
    for argv, message in [
        (["report", "answers", "--out", tmp_path / "a.txt"], ".csv or .xlsx"),
        (["report", "answers", "A1", "--all", "--out", tmp_path / "b.csv"], "not both"),
        (["report", "cases", "--out", tmp_path / "no" / "c.csv"], "does not exist"),
        (["report", "cases", "ZZ", "--out", tmp_path / "c2.csv"], "no inspection 'ZZ'"),
    ]:
        result = omi(*argv, "--data-dir", data_dir)
        assert result.code == 1 and message in result.err and result.err.count("\n") == 1, (argv, result.err)
    assert sorted(p.name for p in tmp_path.iterdir() if p != data_dir) == ["a.xlsx", "c.csv"]
