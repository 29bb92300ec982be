"""The draw on generated long lists: exact strata, the officer cap, duplicates, accounting, other genders,
reproducibility, minimums and the buffer; and the apportionment it rests on."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.sampling.apportion import apportion
from omi_desktop.core.sampling.draw import draw_sample
from omi_desktop.core.sampling.longlist import parse_long_list
from omi_desktop.core.sampling.parameters import months_before, parse_minimum
from omi_desktop.core.sampling.strata import default_strata, gender_group, load_strata
from omi_desktop.core.sampling.synthetic import Shape, long_list_text, synthetic_long_list
from omi_desktop.core.sampling.values import officer_key
from tests.helpers.sampling import FIELDWORK, generated, parameters


def hamilton(total: int, populations: list[int]) -> list[int]:
    """Largest remainder, written independently with fractions; ties: larger population, then earlier."""
    whole = sum(populations)
    quotas = [Fraction(total * p, whole) for p in populations]
    shares = [int(q) for q in quotas]
    order = sorted(range(len(populations)), key=lambda i: (-(quotas[i] - shares[i]), -populations[i], i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


HEADER = "crn,family_name,first_name,date_of_birth,gender,sentence_type,rosh_level,start_date,ldu," + (
    "responsible_officer"
)
ROW = "Sam,1980-01-01,male,licence,low"  # first name to RoSH level
LISTS = [(1500, 11), (2400, 12), (4000, 13)]


@pytest.fixture(scope="module", params=LISTS, ids=[f"{n}rows" for n, _ in LISTS])
def drawn(request):
    rows, seed = request.param
    longlist = generated(rows, seed=seed)
    return longlist, draw_sample(longlist.records, parameters(seed=seed))


def test_strata_counts_equal_the_largest_remainder_apportionment(drawn):
    _longlist, draw = drawn
    populations = [s.population for s in draw.strata]
    assert [s.target for s in draw.strata] == hamilton(100, populations)
    sampled = Counter(draw.stratum_of[row] for row in draw.sampled)
    assert [sampled[s.id] for s in draw.strata] == hamilton(100, populations)
    assert len(draw.sampled) == 100 and draw.shortfalls == []


def test_no_responsible_officer_above_the_cap(drawn):
    longlist, draw = drawn
    by_row = {r.row: r for r in longlist.records}
    per_officer = Counter(officer_key(by_row[row].responsible_officer) for row in draw.sampled)
    assert max(per_officer.values()) <= 6


def test_every_row_is_accounted_for(drawn):
    longlist, draw = drawn
    frame = {r.row for r in draw.frame}
    excluded, duplicates = set(draw.excluded), set(draw.duplicates)
    assert len(frame) + len(excluded) + len(duplicates) == longlist.rows == len(longlist.records)
    assert not (frame & excluded) and not (frame & duplicates) and not (excluded & duplicates)
    assert draw.sampled <= frame and set(draw.buffer) <= frame - draw.sampled
    reasons = Counter(e.reason for e in draw.excluded.values())
    assert set(reasons) == {"redacted", "not_commenced", "outside_window", "missing_data"}  # all kinds seen


def test_exclusions_are_the_right_rows(drawn):
    longlist, draw = drawn
    start, end = draw.parameters.window_start, draw.parameters.window_end
    for record in longlist.records:
        excluded = draw.excluded.get(record.row)
        if "*" in record.family_name + record.first_name:
            assert excluded.reason == "redacted"
        elif record.start_date is None or record.start_date > draw.parameters.as_of:
            assert excluded.reason == "not_commenced"
        elif not start <= record.start_date <= end:
            assert excluded.reason == "outside_window"
        elif not (record.gender and record.sentence_type and record.rosh_level):
            assert excluded.reason == "missing_data"
        else:
            assert excluded is None


def test_duplicates_resolve_to_the_earliest_case(drawn):
    longlist, draw = drawn
    assert draw.duplicates
    by_row = {r.row: r for r in longlist.records}
    frame = {r.row for r in draw.frame}
    groups = defaultdict(list)
    for duplicate in draw.duplicates.values():
        assert duplicate.kept_row in frame
        groups[duplicate.kept_row].append(duplicate.row)
    for kept, others in groups.items():
        for row in others:
            a, b = by_row[kept], by_row[row]
            assert (a.start_date, a.row) < (b.start_date, b.row)
    for duplicate in draw.duplicates.values():
        a, b = by_row[duplicate.kept_row], by_row[duplicate.row]
        shared = (
            a.crn == b.crn
            or (a.pnc and a.pnc == b.pnc)
            or (
                a.family_name.casefold() == b.family_name.casefold()
                and a.first_name.casefold() == b.first_name.casefold()
                and a.date_of_birth == b.date_of_birth
            )
        )
        assert shared or "through other rows" in duplicate.detail


def test_duplicate_chains_keep_one_person_and_the_earliest_case():
    header = HEADER.replace("crn,", "crn,pnc,")
    common = "male,licence,low"
    lines = [
        header,
        f"Z3,P1,Testwood,Sam,1980-01-01,{common},2026-04-20,L1,Officer A",  # row 2
        f"Z2,P1,Mockby,Alex,1981-01-01,{common},2026-04-10,L1,Officer A",  # row 3: same PNC as row 2
        f"Z1,,Mockby,Alex,1981-01-01,{common},2026-04-15,L1,Officer A",  # row 4: same name and DOB as row 3
        f"Z9,,Other,Person,1970-01-01,{common},2026-04-11,L1,Officer A",  # row 5: nobody else
    ]
    longlist = parse_long_list("\n".join(lines).encode(), "chain.csv")
    draw = draw_sample(longlist.records, parameters(size=2))
    assert {r.row for r in draw.frame} == {3, 5}
    assert {row: (d.kept_row, d.detail) for row, d in draw.duplicates.items()} == {
        2: (3, "same PNC as row 3"),
        4: (3, "same name and date of birth as row 3"),
    }


@pytest.mark.parametrize("rule", ["male", "female", "own"])
def test_other_genders_are_in_the_frame_under_every_rule(rule):
    longlist = generated(3000, seed=21)
    draw = draw_sample(longlist.records, parameters(strata=default_strata(rule)))
    others = [r for r in draw.frame if gender_group(r.gender) == "other"]
    assert others, "the generated list has people of other genders in the window"
    men = {"male-community-low", "male-community-non-low", "male-custody-low", "male-custody-non-low"}
    expected = {"male": men, "female": {"female"}, "own": {"other-gender"}}[rule]
    assert {draw.stratum_of[r.row] for r in others} <= expected
    in_list = [r for r in longlist.records if gender_group(r.gender) == "other"]
    assert all(
        r.row in draw.excluded or r.row in draw.duplicates or r.row in draw.stratum_of for r in in_list
    )


def _flat(ldus: dict) -> dict:
    """A cluster's officers' cases, every LDU together."""
    return {(ldu, officer): rows for ldu, officers in ldus.items() for officer, rows in officers.items()}


def test_each_stratum_share_is_spread_over_clusters_then_ldus_then_officers_in_proportion():
    """Without a cap, every level is a plain largest-remainder share of the level above, in name order, and
    each officer's cases are the ones with the lowest priorities."""
    shape = Shape(clusters=3, ldus_per_cluster=3, teams_per_ldu=2, officers_per_team=4)
    text = long_list_text(synthetic_long_list(3000, seed=61, fieldwork_start=FIELDWORK, shape=shape))
    longlist = parse_long_list(text.encode(), "nested.csv")
    draw = draw_sample(longlist.records, parameters(size=150, seed=8, max_per_officer=None))
    assert draw.shortfalls == []
    checked = Counter()
    for stratum in draw.strata:
        members = [r for r in draw.frame if draw.stratum_of[r.row] == stratum.id]
        tree: dict[str, dict[str, dict[str, list]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list))
        )
        for r in members:
            tree[r.cluster or "(no cluster)"][r.ldu][officer_key(r.responsible_officer)].append(r)
        clusters = sorted(tree, key=lambda name: (name.casefold(), name))
        cluster_sizes = [sum(map(len, officers.values())) for c in clusters for officers in [_flat(tree[c])]]
        for cluster, cluster_share in zip(clusters, hamilton(stratum.target, cluster_sizes), strict=True):
            ldus = sorted(tree[cluster], key=lambda name: (name.casefold(), name))
            ldu_shares = hamilton(cluster_share, [sum(map(len, tree[cluster][ldu].values())) for ldu in ldus])
            for ldu, ldu_share in zip(ldus, ldu_shares, strict=True):
                officers = sorted(tree[cluster][ldu])
                cases = tree[cluster][ldu]
                for officer, share in zip(
                    officers, hamilton(ldu_share, [len(cases[o]) for o in officers]), strict=True
                ):
                    lowest = sorted(cases[officer], key=lambda r: draw.priority[r.row])[:share]
                    drawn = {r.row for r in cases[officer] if r.row in draw.sampled}
                    assert drawn == {r.row for r in lowest}, (stratum.id, cluster, ldu, officer)
                    checked["officers"] += 1
                checked["ldus"] += 1
        checked["strata"] += 1
    assert len(draw.sampled) == 150
    assert checked["strata"] == 5 and checked["ldus"] >= 5 * 9 and checked["officers"] > 100


def test_a_negative_seed_is_refused():
    # random.Random ignores the sign, so -7 would silently draw the sample of 7.
    with pytest.raises(RefusedError, match=r"the seed must be a whole number, 0 or more \(not -7\)"):
        parameters(seed=-7)
    assert parameters(seed=0).seed == 0


def test_same_seed_same_sample_and_another_seed_another():
    longlist = generated(2400, seed=31)
    first = draw_sample(longlist.records, parameters(seed=5))
    again = draw_sample(generated(2400, seed=31).records, parameters(seed=5))
    other = draw_sample(longlist.records, parameters(seed=6))
    assert (
        first.sampled == again.sampled and first.buffer == again.buffer and first.priority == again.priority
    )
    assert first.sampled != other.sampled
    # Strata counts do not depend on the seed; only which cases are drawn does.
    assert [s.drawn for s in first.strata] == [s.drawn for s in other.strata]


def test_the_seed_drives_one_random_number_per_frame_row_in_row_order():
    longlist = generated(1500, seed=32)
    draw = draw_sample(longlist.records, parameters(seed=99))
    rng = random.Random(99)
    assert [draw.priority[r.row] for r in draw.frame] == [rng.random() for _ in draw.frame]
    assert [r.row for r in draw.frame] == sorted(r.row for r in draw.frame)


def test_minimum_counts_are_honoured_without_changing_strata_counts():
    longlist = generated(4000, seed=41)
    plain = draw_sample(longlist.records, parameters(seed=3))
    by_row = {r.row: r for r in longlist.records}
    high = sum(by_row[row].rosh_level in ("high", "very_high") for row in plain.sampled)
    ppo = sum(by_row[row].ppo for row in plain.sampled)
    wanted = (parse_minimum(f"high_rosh={high + 12}"), parse_minimum(f"ppo={ppo + 5}"))
    draw = draw_sample(longlist.records, parameters(seed=3, minimums=wanted))
    assert sum(by_row[row].rosh_level in ("high", "very_high") for row in draw.sampled) >= high + 12
    assert sum(by_row[row].ppo for row in draw.sampled) >= ppo + 5
    assert [s.drawn for s in draw.strata] == [s.drawn for s in plain.strata]
    assert max(Counter(officer_key(by_row[r].responsible_officer) for r in draw.sampled).values()) <= 6
    assert [m.achieved >= m.required for m in draw.minimums] == [True, True] and draw.shortfalls == []
    assert all(m.swaps for m in draw.minimums)


def test_an_impossible_minimum_is_a_stated_shortfall():
    longlist = generated(1500, seed=42)
    draw = draw_sample(longlist.records, parameters(minimums=(parse_minimum("tier:4=90"),)))
    (shortfall,) = draw.shortfalls
    assert shortfall.startswith("minimum tier:4: ") and "of 90" in shortfall
    assert len(draw.sampled) == 100


def test_the_cap_moves_overflow_to_other_officers_of_the_same_ldu():
    # One LDU where one officer holds most cases; without the cap they would get far more than 6.
    lines = [HEADER.replace(",ldu,", ",cluster,ldu,")]
    n = 0
    for officer, count in (
        ("Officer Busy", 60),
        ("Officer Two", 10),
        ("Officer Three", 10),
        ("Officer Four", 10),
    ):
        for _ in range(count):
            n += 1
            lines.append(f"Z{n},Mockby{n},{ROW},2026-04-{1 + n % 28:02d},C1,LDU One,{officer}")
    for k in range(30):
        n += 1
        lines.append(f"Z{n},Testwood{n},{ROW},2026-04-{1 + n % 28:02d},C1,LDU Two,Officer B{k % 6}")
    longlist = parse_long_list("\n".join(lines).encode(), "busy.csv")
    window = parameters(window_start=date(2026, 4, 1), window_end=date(2026, 4, 30))
    uncapped = draw_sample(
        longlist.records,
        parameters(
            size=30, max_per_officer=None, window_start=window.window_start, window_end=window.window_end
        ),
    )
    capped = draw_sample(
        longlist.records, parameters(size=30, window_start=window.window_start, window_end=window.window_end)
    )
    by_row = {r.row: r for r in longlist.records}

    def counts(draw):
        return Counter(by_row[row].responsible_officer for row in draw.sampled)

    def ldus(draw):
        return Counter(by_row[row].ldu for row in draw.sampled)

    # LDU One holds 90 of the 120 cases: 22.5 of 30, and the tie on .5 goes to the larger LDU.
    assert ldus(capped) == ldus(uncapped) == Counter({"LDU One": 23, "LDU Two": 7})
    assert counts(uncapped)["Officer Busy"] == 15  # two thirds of LDU One's 23
    assert counts(capped)["Officer Busy"] == 6
    others = [counts(capped)[f"Officer {n}"] for n in ("Two", "Three", "Four")]
    assert sorted(others) == [5, 6, 6]  # the overflow stayed in the LDU, within the cap
    assert capped.shortfalls == []


def test_a_cap_that_cannot_be_met_is_a_stated_shortfall():
    lines = [HEADER]
    lines += [
        f"Z{n},Mockby{n},Sam,1980-01-01,male,licence,low,2026-04-10,L1,Officer {n % 2}" for n in range(40)
    ]
    longlist = parse_long_list("\n".join(lines).encode(), "two-officers.csv")
    draw = draw_sample(longlist.records, parameters(size=20))
    assert len(draw.sampled) == 12
    assert draw.shortfalls == [
        "stratum Male and other genders, post-custody, low RoSH: 12 of 20 cases, because its responsible "
        "officers already have 6 cases each"
    ]


def test_a_small_frame_gives_every_case_and_says_so():
    longlist = generated(120, seed=51)
    draw = draw_sample(longlist.records, parameters(size=100, max_per_officer=None))
    assert 0 < len(draw.frame) < 100
    assert draw.sampled == {r.row for r in draw.frame} and draw.buffer == {}
    assert draw.shortfalls == [
        f"the sample frame holds only {len(draw.frame)} cases, fewer than the 100 asked for"
    ]


def test_the_buffer_is_ranked_per_stratum_and_sized_by_the_percentage():
    longlist = generated(2400, seed=61)
    draw = draw_sample(longlist.records, parameters(buffer_percent=15))
    assert len(draw.buffer) == 15
    assert [s.buffer for s in draw.strata] == hamilton(15, [s.population for s in draw.strata])
    for stratum in draw.strata:
        rows = sorted((rank, row) for row, rank in draw.buffer.items() if draw.stratum_of[row] == stratum.id)
        assert [rank for rank, _row in rows] == list(range(1, stratum.buffer + 1))


def test_months_before_keeps_the_day_or_takes_the_month_end():
    assert months_before(date(2026, 11, 2), 7) == date(2026, 4, 2)
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 15), 6) == date(2025, 9, 15)


def test_the_default_window_is_six_to_seven_months_before_fieldwork():
    draw = draw_sample(generated(300, seed=71).records, parameters())
    assert (draw.parameters.window_start, draw.parameters.window_end) == (date(2026, 4, 2), date(2026, 5, 2))
    assert date(2026, 11, 2) == FIELDWORK


# -- apportionment -----------------------------------------------------------------------------------------
@given(
    total=st.integers(0, 300),
    populations=st.lists(st.integers(0, 5000), min_size=1, max_size=12).filter(lambda p: sum(p) > 0),
)
@settings(max_examples=300, deadline=None)
def test_apportion_matches_the_independent_largest_remainder(total, populations):
    assert apportion(total, populations) == hamilton(total, populations)
    assert sum(apportion(total, populations)) == total


@given(
    total=st.integers(0, 200),
    sizes=st.lists(st.tuples(st.integers(1, 400), st.integers(0, 60)), min_size=1, max_size=10),
)
@settings(max_examples=300, deadline=None)
def test_capacities_are_never_exceeded_and_the_rest_is_shared(total, sizes):
    weights = [w for w, _c in sizes]
    capacities = [min(c, w) for w, c in sizes]
    shares = apportion(total, weights, capacities)
    assert all(0 <= s <= c for s, c in zip(shares, capacities, strict=True))
    assert sum(shares) == min(total, sum(capacities))


def test_apportion_ties_go_to_the_larger_population_then_the_earlier():
    assert apportion(1, [1, 3, 1, 3]) == [0, 1, 0, 0]
    assert apportion(2, [5, 5, 5]) == [1, 1, 0]
    assert apportion(10, [1, 1, 98], [5, 5, 0]) == [5, 5, 0]


# -- strata schemes ----------------------------------------------------------------------------------------
def test_a_strata_file_must_cover_everyone(tmp_path):
    gap = tmp_path / "gap.toml"
    gap.write_text(
        'other_gender = "with men"\n'
        '[[stratum]]\nid = "women"\ngender = ["female"]\n'
        '[[stratum]]\nid = "men"\ngender = ["male"]\n',
        encoding="utf-8",
    )
    with pytest.raises(RefusedError, match="leave out cases with gender other"):
        load_strata(gap)
    good = tmp_path / "good.toml"
    good.write_text(
        'other_gender = "people of other genders are placed with women"\n'
        '[[stratum]]\nid = "women"\nlabel = "Women and other genders"\ngender = ["female", "other"]\n'
        '[[stratum]]\nid = "men-high"\ngender = ["male"]\nrosh_level = ["high_or_above"]\n'
        '[[stratum]]\nid = "men-ppo"\nppo = true\n'
        '[[stratum]]\nid = "men"\nsupervision = ["community", "post_custody"]\n',
        encoding="utf-8",
    )
    scheme = load_strata(good)
    assert scheme.ids == ("women", "men-high", "men-ppo", "men")
    shadowed = tmp_path / "shadowed.toml"
    shadowed.write_text(good.read_text() + '[[stratum]]\nid = "never"\ngender = ["male"]\n', encoding="utf-8")
    with pytest.raises(RefusedError, match="stratum never can never be chosen"):
        load_strata(shadowed)


def test_custom_strata_drive_the_draw(tmp_path):
    path = tmp_path / "ppo.toml"
    path.write_text(
        'other_gender = "everyone is placed by PPO status alone"\n'
        '[[stratum]]\nid = "ppo"\nppo = true\n[[stratum]]\nid = "rest"\n',
        encoding="utf-8",
    )
    longlist = generated(3000, seed=81)
    draw = draw_sample(longlist.records, parameters(strata=load_strata(path)))
    by_row = {r.row: r for r in longlist.records}
    assert all(by_row[row].ppo == (draw.stratum_of[row] == "ppo") for row in draw.sampled)
    assert [s.drawn for s in draw.strata] == hamilton(100, [s.population for s in draw.strata])


def test_no_cluster_column_is_one_group():
    text = long_list_text(synthetic_long_list(800, seed=91, shape=Shape(clusters=1)))
    text = "\n".join(
        ",".join(c for i, c in enumerate(line.split(",")) if i != 10) for line in text.splitlines()
    )
    longlist = parse_long_list(text.encode(), "no-cluster.csv")
    assert "cluster" not in longlist.columns and longlist.problems == []
    assert len(draw_sample(longlist.records, parameters(size=40)).sampled) == 40
