"""Long-list import: encodings, XLSX, and every kind of bad input reported by row and column."""

from __future__ import annotations

import pytest

from omi_desktop.core.errors import RefusedError, ValidationError
from omi_desktop.core.sampling.longlist import parse_long_list, read_long_list
from omi_desktop.core.sampling.synthetic import (
    long_list_text,
    synthetic_long_list,
    write_long_list_csv,
    write_long_list_xlsx,
)
from omi_desktop.core.sampling.values import COLUMNS

HEADER = ",".join(COLUMNS)
GOOD = (
    "Z1,2001/0000001Z,Sampleford,Alex,1990-01-02,male,community_order,low,2026-04-10,2027-04-10,"
    "North Cluster,North LDU,North Team A,Officer Testwood,no,2"
)


def parse(*lines: str, name: str = "list.csv"):
    return parse_long_list("\r\n".join(lines).encode("utf-8"), name)


def only_problem(longlist) -> str:
    assert len(longlist.problems) == 1, [str(p) for p in longlist.problems]
    return str(longlist.problems[0])


def test_a_clean_row_is_read_into_typed_values():
    longlist = parse(HEADER, GOOD)
    assert longlist.problems == [] and longlist.rows == 1 and longlist.encoding == "UTF-8"
    record = longlist.records[0]
    assert record.row == 2  # as a spreadsheet numbers it
    assert record.start_date.isoformat() == "2026-04-10" and record.date_of_birth.year == 1990
    assert (record.gender, record.sentence_type, record.rosh_level, record.ppo, record.tier) == (
        "male",
        "community_order",
        "low",
        False,
        2,
    )


def test_columns_in_any_order_with_spaces_capitals_and_common_aliases():
    header = "Responsible Officer,CRN,Surname,Forename,DOB,Sex,Order Type,RoSH,Commencement Date,LDU,Extra"
    row = "Officer Testwood,z 55,Testwood,Sam,02/03/1980,F,CO,Very High,31/3/2026,South LDU,ignored"
    longlist = parse(header, row)
    assert longlist.problems == []
    record = longlist.records[0]
    assert record.crn == "Z55" and record.responsible_officer == "Officer Testwood"
    assert (record.gender, record.sentence_type, record.rosh_level) == (
        "female",
        "community_order",
        "very_high",
    )
    assert record.start_date.isoformat() == "2026-03-31" and record.date_of_birth.isoformat() == "1980-03-02"
    assert [str(n) for n in longlist.notices] == [
        "row 1, column Extra: this column is not used by the sample and is ignored"
    ]


def test_other_genders_are_kept_as_recorded():
    rows = [
        GOOD.replace(",male,", f",{g},").replace("Z1,", f"Z{n},") for n, g in enumerate(["Non-binary", "X"])
    ]
    longlist = parse(HEADER, *rows)
    assert [r.gender for r in longlist.records] == ["non_binary", "x"]


def test_missing_columns_refuse_the_file_naming_them():
    header = HEADER.replace("start_date,", "").replace(",responsible_officer", "")
    with pytest.raises(RefusedError) as refused:
        parse(header, GOOD)
    assert "no 'start_date', 'responsible_officer' columns" in str(refused.value)
    with pytest.raises(RefusedError, match="has no 'start_date' column \\(found"):
        parse(HEADER.replace("start_date,", ""), GOOD)
    assert "found: crn, pnc, family_name" in str(refused.value)


def test_a_column_given_twice_is_refused():
    with pytest.raises(RefusedError, match="two 'crn' columns \\(A and Q\\)"):
        parse(HEADER + ",CRN", GOOD + ",Z9")


def test_unknown_sentence_type_names_row_column_and_the_allowed_values():
    longlist = parse(HEADER, GOOD, GOOD.replace("Z1,", "Z2,").replace("community_order", "fine"))
    assert only_problem(longlist) == (
        "row 3, column sentence_type: 'fine' is not a sentence type "
        "(expected one of: community_order, suspended_sentence_order, licence, custody)"
    )
    assert longlist.invalid_rows == (3,) and [r.row for r in longlist.records] == [2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2026", "'31/02/2026' is not a date"),
        ("2026-13-01", "'2026-13-01' is not a date"),
        ("12/31/2026", "'12/31/2026' is not a date"),
        ("next week", "'next week' is not a date (write yyyy-mm-dd or dd/mm/yyyy)"),
        ("01/01/26", "'01/01/26' is not a date (write yyyy-mm-dd or dd/mm/yyyy)"),
    ],
)
def test_impossible_dates_are_reported_exactly(text, message):
    rows = [GOOD.replace("Z1,", f"Z{n},") for n in range(1, 12)]
    rows.append(GOOD.replace("Z1,", "Z99,").replace("2026-04-10,2027", f"{text},2027"))
    longlist = parse(HEADER, *rows)
    assert only_problem(longlist) == f"row 13, column start_date: {message}"


def test_an_end_before_the_start_and_a_birth_after_it():
    longlist = parse(
        HEADER,
        GOOD.replace("2027-04-10", "2026-01-01"),
        GOOD.replace("Z1,", "Z2,").replace("1990-01-02", "2026-05-01"),
    )
    assert [str(p) for p in longlist.problems] == [
        "row 2, column end_date: 2026-01-01 is before the start date 2026-04-10",
        "row 3, column date_of_birth: 2026-05-01 is not before the start date 2026-04-10",
    ]


def test_repeated_crn_rows_are_errors_and_second_cases_are_notices():
    second_case = GOOD.replace("2026-04-10,2027-04-10", "2025-01-05,2026-01-05")
    longlist = parse(HEADER, GOOD, GOOD, second_case)
    assert only_problem(longlist) == (
        "row 3, column crn: 'Z1' repeats row 2 (same start date and sentence type); remove one"
    )
    assert [str(n) for n in longlist.notices] == [
        "row 4, column crn: 'Z1' is also on row 2: another case of the same person"
    ]


def test_blank_crn_wrong_width_and_bad_flags():
    longlist = parse(
        HEADER,
        GOOD.replace("Z1,", ","),
        GOOD.replace("Z1,", "Z2,") + ",surplus",
        GOOD.replace("Z1,", "Z3,").replace(",no,2", ",maybe,7"),
        GOOD.replace("Z1,", "Z4,") + ",,",  # empty trailing cells, as spreadsheets write them
        ",,,,,,,,,,,,,,,",  # a blank row
    )
    assert [str(p) for p in longlist.problems] == [
        "row 2, column crn: the CRN is blank",
        "row 3: 17 values, but the header names 16 columns",
        "row 4, column ppo: 'maybe' is not yes or no",
        "row 4, column tier: '7' is not a tier (1 to 4)",
    ]
    assert [r.crn for r in longlist.records] == ["Z4"] and longlist.blank_rows == 1


def test_a_file_with_problems_imports_nothing_unless_the_rows_are_left_out():
    longlist = parse(HEADER, GOOD, GOOD.replace("Z1,", "Z2,").replace(",low,", ",lowish,"))
    with pytest.raises(ValidationError) as refused:
        longlist.usable()
    assert "1 problem in 1 row; nothing was imported" in str(refused.value)
    assert refused.value.problems == [
        "row 3, column rosh_level: 'lowish' is not a RoSH level"
        " (expected one of: low, medium, high, very_high)"
    ]
    assert [r.crn for r in longlist.usable(skip_invalid_rows=True).records] == ["Z1"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\r\n , ,\r\n", "is empty"),
        (HEADER.encode() + b"\r\n", "the long list list.csv has a header but no case rows"),
        (b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n,,,\r\n", "list.csv has a header but no case rows"),
        # Broken quoting: the row to look at (as a spreadsheet counts them) and how to mend it.
        (
            f'{HEADER}\r\n{GOOD}\r\n"Z2"x{GOOD[2:]}\r\n'.encode(),
            "list.csv: row 3 has a quote inside a cell; put the whole cell in quotes and write each quote",
        ),
        (
            f'{HEADER}\r\n"{GOOD[:2]}\r\nstill Z1"{GOOD[2:]}\r\n"Z2" {GOOD[2:]}\r\n'.encode(),
            "list.csv: row 3 has a quote inside a cell",  # row 2 holds a line break in a quoted cell
        ),
        (
            f'{HEADER}\r\n{GOOD}\r\nZ2,"never closed{GOOD[2:]}\r\n{GOOD}\r\n'.encode(),
            "list.csv: row 3 opens a quoted cell that is never closed; add the closing quote",
        ),
        (b"\xd0\xcf\x11\xe0 old excel", "old-style Excel file (.xls); save it as .xlsx or CSV"),
        (b"PK\x03\x04 not really a workbook", "is not a readable .xlsx workbook"),
        (HEADER.encode() + b"\r\n\x81\x8d\r\n", "row 2 holds bytes that are neither UTF-8 nor Windows-1252"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(content, message):
    with pytest.raises(RefusedError) as refused:
        parse_long_list(content, "list.csv")
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("cp1252", "Windows-1252")]
)
def test_encodings_excel_writes_keep_accented_names(tmp_path, encoding, name):
    rows = synthetic_long_list(40, seed=3, quirks=False)
    rows[0]["first_name"], rows[0]["family_name"] = "Siân", "Zoë-Renée Testwood"
    rows[1]["responsible_officer"] = "Officer Ffion Prétendby"
    longlist = read_long_list(write_long_list_csv(tmp_path / "list.csv", rows, encoding=encoding))
    assert longlist.encoding == name and longlist.problems == []
    assert (longlist.records[0].first_name, longlist.records[0].family_name) == ("Siân", "Zoë-Renée Testwood")
    assert longlist.records[1].responsible_officer == "Officer Ffion Prétendby"


def test_semicolon_separated_files_are_read():
    text = long_list_text(synthetic_long_list(5, seed=2, quirks=False)).replace(",", ";")
    longlist = parse_long_list(text.encode(), "semicolons.csv")
    assert longlist.problems == [] and longlist.rows == 5


def test_xlsx_with_real_date_cells_reads_as_the_csv_does(tmp_path):
    rows = synthetic_long_list(60, seed=4, date_style="iso")
    from_csv = read_long_list(write_long_list_csv(tmp_path / "list.csv", rows))
    from_xlsx = read_long_list(write_long_list_xlsx(tmp_path / "list.xlsx", rows))
    assert from_xlsx.encoding == "XLSX"
    assert from_xlsx.records == from_csv.records
    assert [str(p) for p in from_xlsx.problems] == [str(p) for p in from_csv.problems]


def test_xlsx_problems_name_the_spreadsheet_row(tmp_path):
    rows = synthetic_long_list(10, seed=5, quirks=False, date_style="iso")
    rows[6]["sentence_type"] = "caution"
    longlist = read_long_list(write_long_list_xlsx(tmp_path / "list.xlsx", rows))
    assert only_problem(longlist).startswith("row 8, column sentence_type: 'caution' is not a sentence type")


def test_a_100000_row_file_is_read_and_one_bad_cell_is_found(tmp_path):
    template = synthetic_long_list(500, seed=6, quirks=False)
    rows = []
    for n in range(100_000):
        row = dict(template[n % 500])
        row["crn"], row["pnc"] = f"Z{n:07d}", f"2000/{n:07d}Z"
        rows.append(row)
    rows[49_998]["start_date"] = "30/02/2026"
    longlist = read_long_list(write_long_list_csv(tmp_path / "big.csv", rows))
    assert longlist.rows == 100_000 and len(longlist.records) == 99_999
    assert only_problem(longlist) == "row 50000, column start_date: '30/02/2026' is not a date"
