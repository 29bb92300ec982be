"""A sample kept in a real store: cases, every row's fate, reproducibility from what is stored, redraws,
replacements and the analysis; and the head-office commands that drive it."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlmodel import select

from omi_desktop.core import review
from omi_desktop.core.errors import NotFoundError, RefusedError, ValidationError
from omi_desktop.core.inspections import list_cases
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.sampling.analysis import sample_analysis
from omi_desktop.core.sampling.draw import draw_sample
from omi_desktop.core.sampling.longlist import parse_long_list
from omi_desktop.core.sampling.parameters import SampleParameters, parse_minimum
from omi_desktop.core.sampling.records import current_sample, sample_operation
from omi_desktop.core.sampling.replace import replace_case
from omi_desktop.core.sampling.synthetic import long_list_text, synthetic_long_list, write_long_list_csv
from omi_desktop.core.store import DB_FILENAME
from omi_desktop.core.store.tables import SampleReplacement, SampleRow
from tests.helpers.sampling import FIELDWORK, generated, hq_store, parameters


@pytest.fixture
def sampled(data_dir):
    store, inspection_id = hq_store(data_dir)
    longlist = generated(2400, seed=3)
    info, draw = run_to_end(
        sample_operation(store, inspection_id, longlist, parameters(seed=11), actor="HQ-TEST")
    )
    yield store, inspection_id, longlist, info, draw
    store.close()


def stored_rows(store, sample_id) -> dict[int, SampleRow]:
    with store.read() as session:
        return {r.row: r for r in session.exec(select(SampleRow).where(SampleRow.sample_id == sample_id))}


def test_sampled_rows_become_the_inspection_cases(sampled):
    store, inspection_id, longlist, _info, draw = sampled
    by_row = {r.row: r for r in longlist.records}
    cases = list_cases(store, inspection_id)
    assert sorted(c.reference for c in cases) == sorted(by_row[row].crn for row in draw.sampled)
    first = next(c for c in cases if c.reference == by_row[min(draw.sampled)].crn)
    record = by_row[min(draw.sampled)]
    assert (
        first.order_type,
        first.rosh_level,
        first.commencement_date,
        first.offender_manager,
        first.ldu,
    ) == (
        record.sentence_type,
        record.rosh_level,
        record.start_date,
        record.responsible_officer,
        record.ldu,
    )
    assert all(c.gender in ("male", "female", "other") for c in cases)  # the framework's vocabulary


def test_every_row_fate_is_stored_with_only_the_personal_data_it_needs(sampled):
    store, _inspection_id, longlist, info, draw = sampled
    rows = stored_rows(store, info.id)
    assert sorted(rows) == [r.row for r in longlist.records]
    fates = {row: r.fate for row, r in rows.items()}
    assert {row for row, f in fates.items() if f == "sampled"} == draw.sampled
    assert {row for row, f in fates.items() if f == "buffer"} == set(draw.buffer)
    assert {row for row, f in fates.items() if f == "excluded"} == set(draw.excluded)
    assert {row: rows[row].duplicate_of for row in draw.duplicates} == {
        row: d.kept_row for row, d in draw.duplicates.items()
    }
    named = {row for row, r in rows.items() if r.family_name or r.date_of_birth or r.pnc}
    assert named == set(draw.buffer)  # names and dates of birth only for possible replacements
    assert all(r.stratum is None for row, r in rows.items() if fates[row] in ("excluded", "duplicate"))


def test_the_stored_parameters_draw_the_same_sample_again(sampled):
    store, inspection_id, longlist, _info, draw = sampled
    stored = current_sample(store, inspection_id)
    again = draw_sample(longlist.records, SampleParameters.from_json(stored.parameters))
    assert again.sampled == draw.sampled and again.buffer == draw.buffer
    assert stored.seed == 11 and stored.source_sha256 == longlist.sha256 and stored.parameters["size"] == 100


def test_drawing_again_is_refused_unless_asked_and_never_once_reviews_begin(sampled):
    store, inspection_id, longlist, info, _draw = sampled
    with pytest.raises(RefusedError, match="already has a sample"):
        run_to_end(sample_operation(store, inspection_id, longlist, parameters(seed=12), actor="HQ"))
    second, _ = run_to_end(
        sample_operation(store, inspection_id, longlist, parameters(seed=12), actor="HQ", redraw=True)
    )
    assert current_sample(store, inspection_id).id == second.id != info.id
    assert len(list_cases(store, inspection_id)) == 100
    old_rows = stored_rows(store, info.id)
    assert len(old_rows) == longlist.rows  # kept for the record ...
    assert not any(r.family_name or r.date_of_birth or r.pnc for r in old_rows.values())  # ... without names
    case = list_cases(store, inspection_id)[0]
    review.open_case_review(store, case.id, actor="INS-01")
    with pytest.raises(RefusedError, match="case reviews of this inspection have begun"):
        run_to_end(
            sample_operation(store, inspection_id, longlist, parameters(seed=13), actor="HQ", redraw=True)
        )
    assert current_sample(store, inspection_id).id == second.id


def test_a_long_list_with_problems_changes_nothing(data_dir):
    store, inspection_id = hq_store(data_dir)
    rows = synthetic_long_list(300, seed=4)
    rows[10]["rosh_level"] = "extreme"
    longlist = parse_long_list(long_list_text(rows).encode(), "bad.csv")
    with pytest.raises(ValidationError) as refused:
        run_to_end(sample_operation(store, inspection_id, longlist, parameters(), actor="HQ"))
    assert refused.value.problems == [
        "row 12, column rosh_level: 'extreme' is not a RoSH level"
        " (expected one of: low, medium, high, very_high)"
    ]
    with pytest.raises(NotFoundError):
        current_sample(store, inspection_id)
    info, _draw = run_to_end(
        sample_operation(
            store, inspection_id, longlist, parameters(size=20), actor="HQ", skip_invalid_rows=True
        )
    )
    invalid = stored_rows(store, info.id)[12]
    assert (invalid.fate, invalid.crn) == ("invalid", rows[10]["crn"])
    assert invalid.detail.startswith("rosh_level: 'extreme' is not a RoSH level")
    assert info.rows == 300 and len(stored_rows(store, info.id)) == 300
    store.close()


def test_replacement_takes_the_next_buffer_case_of_the_same_stratum(sampled):
    store, inspection_id, longlist, info, draw = sampled
    by_row = {r.row: r for r in longlist.records}
    leaving_row = min(draw.sampled)
    stratum = draw.stratum_of[leaving_row]
    ranked = sorted((rank, row) for row, rank in draw.buffer.items() if draw.stratum_of[row] == stratum)
    done = replace_case(
        store,
        inspection_id,
        by_row[leaving_row].crn,
        reason="Case transferred out of the area",
        actor="HQ-TEST",
    )
    assert done.replacement == by_row[ranked[0][1]].crn and done.buffer_rank == 1 and done.stratum == stratum
    references = {c.reference for c in list_cases(store, inspection_id)}
    assert done.replacement in references and done.replaced not in references and len(references) == 100
    rows = stored_rows(store, info.id)
    assert (rows[leaving_row].fate, rows[ranked[0][1]].fate) == ("replaced", "sampled")
    assert rows[ranked[0][1]].drawn_fate == "buffer" and rows[ranked[0][1]].family_name is None
    with store.read() as session:
        (record,) = session.exec(select(SampleReplacement)).all()
    assert (record.reason, record.actor, record.replaced_row) == (
        "Case transferred out of the area",
        "HQ-TEST",
        leaving_row,
    )
    analysis = sample_analysis(store, inspection_id)
    assert analysis.counts["sampled"] == 100 and analysis.counts["replaced"] == 1
    assert [r.replacement_crn for r in analysis.replacements] == [done.replacement]
    assert sum(s.sampled for s in analysis.strata) == 100


def test_replacement_refusals(sampled):
    store, inspection_id, longlist, _info, draw = sampled
    by_row = {r.row: r for r in longlist.records}
    with pytest.raises(RefusedError, match="say why"):
        replace_case(store, inspection_id, by_row[min(draw.sampled)].crn, reason="  ", actor="HQ")
    with pytest.raises(NotFoundError, match="is not a sampled case"):
        replace_case(store, inspection_id, "NOPE", reason="gone", actor="HQ")
    started = by_row[max(draw.sampled)].crn
    case = next(c for c in list_cases(store, inspection_id) if c.reference == started)
    opened = review.open_case_review(store, case.id, actor="INS-01")
    question = opened.framework.question_ids("case", opened.active_modules)[-1]
    review.answer(store, opened.review.id, question, "yes", actor="INS-01")
    with pytest.raises(RefusedError, match="has begun"):
        replace_case(store, inspection_id, started, reason="gone", actor="HQ")
    # Use up one stratum's buffer; then the next replacement there is refused.
    stratum = draw.strata[0].id
    in_stratum = sorted(row for row in draw.sampled if draw.stratum_of[row] == stratum)
    for row in in_stratum[: draw.strata[0].buffer]:
        replace_case(store, inspection_id, by_row[row].crn, reason="unavailable", actor="HQ")
    with pytest.raises(RefusedError, match=r"buffer .* is used up"):
        replace_case(store, inspection_id, by_row[in_stratum[-1]].crn, reason="unavailable", actor="HQ")


def test_the_analysis_reports_strata_groups_exclusions_and_duplicates(sampled):
    store, inspection_id, longlist, _info, draw = sampled
    analysis = sample_analysis(store, inspection_id)
    assert analysis.counts["rows"] == longlist.rows
    assert (
        analysis.counts["frame"] + analysis.counts["excluded"] + analysis.counts["duplicates"]
        == longlist.rows
    )
    assert [(s.population, s.target, s.sampled) for s in analysis.strata] == [
        (s.population, s.target, s.drawn) for s in draw.strata
    ]
    assert round(sum(s.population_percent for s in analysis.strata)) == 100
    assert sum(g.sampled for g in analysis.ldus) == sum(g.sampled for g in analysis.officers) == 100
    assert analysis.most_per_officer <= 6
    assert len(analysis.exclusions) == len(draw.excluded) and len(analysis.duplicates) == len(draw.duplicates)
    assert {e.reason for e in analysis.exclusions} >= {
        "outside the eligibility window",
        "redacted (sensitive case)",
    }
    assert all(d.duplicate_of and d.detail for d in analysis.duplicates)
    assert analysis.other_genders and all(v["frame"] >= v["sampled"] for v in analysis.other_genders.values())
    document = analysis.as_json()
    assert document["sample"]["seed"] == 11 and document["shortfalls"] == []


# -- the commands --------------------------------------------------------------------------------------------
def test_head_office_set_up_sample_replace_and_analysis_through_the_cli(omi, data_dir, tmp_path):
    d = ("--data-dir", data_dir)
    for args in (
        ("INS-01", "--name", "Inspector Sampleford", "--experienced"),
        ("INS-02", "--name", "Inspector Testwood"),
        ("LA-01", "--name", "Assessor Mockby", "--role", "local_assessor", "--home-team", "Team Z"),
        ("LEAD-01", "--name", "Lead Fictionham", "--role", "lead", "--experienced"),
    ):
        result = omi("hq", "inspectors", "add", *args, *d)
        assert result.code == 0, result.err
    created = omi(
        "hq", "inspection", "create", "--area", "TST", "--area-name", "Testshire (fictional)",
        "--fieldwork-start", "02/11/2026", "--lead", "LEAD-01", "--team", "INS-01,INS-02", "--team", "LA-01",
        *d, "--json",
    )  # fmt: skip
    assert created.code == 0, created.err
    assert sorted(created.json()["team"]) == ["INS-01", "INS-02", "LA-01", "LEAD-01"]
    path = write_long_list_csv(
        tmp_path / "list.csv", synthetic_long_list(1500, seed=8, fieldwork_start=FIELDWORK)
    )
    drawn = omi(
        "hq", "sample", path, "--size", "60", "--seed", "5", "--as-of", "2026-10-01", "--min", "high_rosh=15",
        *d, "--json",
    )  # fmt: skip
    assert drawn.code == 0, drawn.err
    document = drawn.json()
    assert document["counts"]["sampled"] == 60 and document["sample"]["seed"] == 5
    assert document["minimums"][0]["now"] >= 15
    again = omi("hq", "sample", path, "--size", "60", *d)
    assert again.code == 1 and re.fullmatch(
        r"omi: this inspection already has a sample \(drawn \d{4}-\d\d-\d\d by .+\); "
        r"add --redraw to replace it\n",
        again.err,
    ), again.err
    case = omi("case", "list", *d, "--json").json()["cases"][0]["reference"]
    replaced = omi("hq", "replace", case, "--reason", "Offender manager on long-term leave", *d)
    assert replaced.code == 0, replaced.err
    assert replaced.out.startswith(f"Replaced {case} by ")
    assert (
        omi("hq", "replace", case, "--reason", "again", *d).err == f"omi: {case} has already been replaced\n"
    )
    shown = omi("hq", "analysis", *d)
    assert (
        shown.code == 0
        and "Replacements:" in shown.out
        and "Offender manager on long-term leave" in shown.out
    )
    assert "seed 5" in shown.out


def test_a_bad_long_list_through_the_cli_lists_every_problem_and_keeps_nothing(omi, data_dir, tmp_path):
    d = ("--data-dir", data_dir)
    assert omi("hq", "inspection", "create", "--area", "TST", "--area-name", "T", "--fieldwork-start",
               "2026-11-02", *d).code == 0  # fmt: skip
    rows = synthetic_long_list(200, seed=9, quirks=False)
    rows[4]["start_date"] = "31/02/2026"
    rows[7]["sentence_type"] = "fine"
    path = write_long_list_csv(tmp_path / "list.csv", rows)
    result = omi("hq", "sample", path, "--size", "20", *d)
    assert result.code == 1
    assert result.out.splitlines() == [
        "row 6, column start_date: '31/02/2026' is not a date",
        "row 9, column sentence_type: 'fine' is not a sentence type "
        "(expected one of: community_order, suspended_sentence_order, licence, custody)",
    ]
    assert result.err.splitlines() == [
        "omi: the long list list.csv has 2 problems in 2 rows; nothing was imported "
        "(correct the file, or add --skip-invalid-rows to continue without those rows)"
    ]
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    assert conn.execute("SELECT count(*) FROM sample").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM inspection_case").fetchone() == (0,)
    conn.close()
    checked = omi("hq", "longlist", "check", path, *d, "--json")
    assert checked.code == 1 and checked.json()["invalid_rows"] == [6, 9]
    skipped = omi("hq", "sample", path, "--size", "20", "--skip-invalid-rows", "--seed", "1", *d, "--json")
    assert skipped.code == 0, skipped.err
    assert skipped.json()["counts"]["invalid"] == 2


def test_bad_options_get_one_line(omi, data_dir, tmp_path):
    d = ("--data-dir", data_dir)
    path = write_long_list_csv(tmp_path / "list.csv", synthetic_long_list(50, seed=1))
    assert omi("hq", "sample", path, "--size", "10", *d).err.startswith("omi: there is no inspection")
    assert omi("hq", "inspection", "create", "--area", "NEW", "--fieldwork-start", "2026-11-02", *d).err == (
        "omi: area NEW is new here: give its name with --area-name\n"
    )
    assert omi("hq", "inspection", "create", "--area", "A", "--area-name", "A", "--fieldwork-start",
               "2026-11-02", "--team", "NOBODY", *d).err.startswith("omi: no inspector NOBODY")  # fmt: skip
    assert omi("hq", "inspection", "create", "--area", "A", "--area-name", "A", "--fieldwork-start",
               "30/02/2026", *d).code == 2  # fmt: skip
    assert omi("hq", "inspection", "create", "--area", "A", "--area-name", "A", "--fieldwork-start",
               "2026-11-02", *d).code == 0  # fmt: skip
    for option, message in (
        (("--size", "0"), "omi: the sample size must be at least 1"),
        (("--size", "10", "--min", "high_rosh"), "omi: a minimum is written CRITERION=N"),
        (("--size", "10", "--min", "colour:red=2"), "omi: unknown minimum 'colour:red=2'"),
        (("--size", "10", "--buffer", "150"), "omi: the buffer must be between 0 and 100 per cent"),
        (("--size", "10", "--window-start", "2026-06-01", "--window-end", "2026-05-01"),
         "omi: the eligibility window ends before it starts"),
    ):  # fmt: skip
        result = omi("hq", "sample", path, *option, *d)
        assert result.code == 1 and result.err.startswith(message), result.err
        assert len(result.err.splitlines()) == 1


def test_strata_minimums_and_window_options_are_stored(omi, data_dir, tmp_path):
    d = ("--data-dir", data_dir)
    omi(
        "hq", "inspection", "create", "--area", "A", "--area-name", "A", "--fieldwork-start", "2026-11-02", *d
    )
    path = write_long_list_csv(tmp_path / "list.csv", synthetic_long_list(900, seed=2))
    result = omi(
        "hq", "sample", path, "--size", "30", "--seed", "77", "--other-gender", "own", "--no-cap",
        "--buffer", "20", "--min", "ppo=3", "--window-start", "2026-03-20", "--as-of", "2026-10-01",
        *d, "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    stored = result.json()["sample"]["parameters"]
    assert stored["seed"] == 77 and stored["max_per_officer"] is None and stored["buffer_percent"] == 20
    assert stored["window_start"] == "2026-03-20" and stored["window_end"] == "2026-05-02"
    assert [s["id"] for s in stored["strata"]["strata"]][:2] == ["female", "other-gender"]
    assert stored["minimums"] == [parse_minimum("ppo=3").as_json()]
    assert SampleParameters.from_json(stored).minimums == (parse_minimum("ppo=3"),)


def test_long_list_genders_become_the_frameworks_gender_options_and_strata_are_unchanged(data_dir):
    """ "Not stated" is not a gender: the case says "Not recorded" (the framework's option), while the
    sample still places it with the other genders by the scheme's rule."""
    from omi_desktop.core.framework.registry import get_framework
    from omi_desktop.core.sampling.strata import case_gender, gender_group

    assert [case_gender(g) for g in ("male", "female", "not_stated", "unknown", "non_binary", None)] == [
        "male", "female", "not_recorded", "not_recorded", "other", None,
    ]  # fmt: skip
    assert gender_group("not_stated") == gender_group("non_binary") == "other"
    store, inspection_id = hq_store(data_dir)
    rows = synthetic_long_list(300, seed=8, fieldwork_start=FIELDWORK, quirks=False)
    plain = parse_long_list(long_list_text(rows).encode(), "plain.csv")
    eligible = [r.crn for r in draw_sample(plain.records, parameters(size=300, seed=1)).frame]
    written = {"Not stated": "not_recorded", "Non-binary": "other", "Prefer not to say": "not_recorded"}
    written |= {"F": "female", "male": "male"}
    chosen = dict(zip(eligible, written, strict=False))
    for row in rows:
        row["gender"] = chosen.get(row["crn"], row["gender"])
    longlist = parse_long_list(long_list_text(rows).encode(), "genders.csv")
    run_to_end(sample_operation(store, inspection_id, longlist, parameters(size=300, seed=1), actor="HQ"))
    genders = {c.reference: c.gender for c in list_cases(store, inspection_id)}
    assert {crn: genders[crn] for crn in chosen} == {crn: written[g] for crn, g in chosen.items()}
    options = {o.value for o in get_framework(store, "omi-2006", 1).questions["0.1.8"].options}
    assert set(genders.values()) <= options == {"female", "male", "other", "not_recorded"}
    # The sample's grouping is unchanged: the recorded genders as written, all in the other-genders group.
    analysis = sample_analysis(store, inspection_id)
    assert {"not_stated", "non_binary", "prefer_not_to_say"} <= set(analysis.other_genders)
    store.close()
