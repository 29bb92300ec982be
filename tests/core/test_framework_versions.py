"""A review stays pinned to the framework version it was started with."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from omi_desktop.core import review
from omi_desktop.core.errors import ValidationError
from omi_desktop.core.framework import FrameworkError, parse_framework, registry
from omi_desktop.core.inspections import find_case
from omi_desktop.core.scoring import inspection_scores
from omi_desktop.core.setup import create_inspection
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import FrameworkDefinition
from tests.helpers.engine import ACTOR, MINI, mini_store
from tests.helpers.instruments import FRAMEWORK as INSTRUMENTS


def version_two(tmp_path):
    source = MINI.read_text(encoding="utf-8")
    source = source.replace("version = 1", "version = 2")
    # Version 2 rewords a question and adds a required one: reviews on version 1 must not see either.
    source = source.replace(
        "Was the likelihood of reoffending assessed on time?", "Was LoR assessed within 15 days?"
    )
    source += (
        '\n[[section.criterion.question]]\nid = "C.1.2"\ntext.en = "Was the release address checked?"\n'
        'type = "judgement"\nthreads = ["RoH"]\n'
    )
    path = tmp_path / "mini-v2.toml"
    path.write_text(source, encoding="utf-8")
    return path


def test_review_on_version_1_opens_and_scores_after_version_2_is_installed(data_dir, tmp_path, omi):
    store, inspection_id = mini_store(data_dir)
    try:
        review_id = review.open_case_review(store, find_case(store, "C001").id, actor=ACTOR).review.id
        for qid, value in (
            ("1.1.1", "yes"),
            ("1.1.2", "yes"),
            ("1.1.3", "2026-06-01"),
            ("1.2.1", "no"),
            ("1.2.2", "2"),
        ):
            review.answer(store, review_id, qid, value, actor=ACTOR)
        review.finalise(store, review_id, actor=ACTOR)
        before = inspection_scores(store, inspection_id)

        registry.install(store, version_two(tmp_path))
        assert [f.version for f in registry.available(store) if f.id == "mini"] == [1, 2]
        assert registry.latest(store, "mini").version == 2

        view = review.get_review(store, review_id)
        assert (view.framework.id, view.framework.version) == ("mini", 1)
        assert (
            view.framework.questions["1.2.1"].text.en == "Was the likelihood of reoffending assessed on time?"
        )
        assert view.review.status == "finalised"
        assert inspection_scores(store, inspection_id) == before

        # A new inspection picks the newest version; its reviews see version 2.
        newer = create_inspection(
            store,
            title="Later",
            area_code="A2",
            area_name="Area Two",
            framework_id="mini",
            cases=[{"reference": "N1"}],
        )
        assert newer.framework_version == 2
        new_view = review.open_case_review(store, find_case(store, "N1").id, actor=ACTOR)
        assert new_view.framework.questions["1.2.1"].text.en == "Was LoR assessed within 15 days?"
    finally:
        store.close()
    # The CLI shows the old review too, after the program restarts.
    result = omi("review", "show", "C001", "--data-dir", data_dir, "--json")
    assert result.code == 0, result.err
    assert result.json()["review"]["framework"] == {"id": "mini", "version": 1}


def test_same_version_with_different_content_is_refused(data_dir, tmp_path, omi):
    store, _ = mini_store(data_dir)
    store.close()
    changed = tmp_path / "mini-changed.toml"
    changed.write_text(MINI.read_text(encoding="utf-8").replace("Mini framework", "Mini framework (edited)"))
    result = omi("framework", "install", changed, "--data-dir", data_dir)
    assert result.code == 1
    assert "needs a new version number" in result.err


# -- frameworks pinned by an earlier version, whose rules this version checks more strictly --------------
# Accepted by earlier versions: 1.1.3's upper bound is the order type (a choice, not a date), and a check
# compares 1.1.1 with a value it cannot take. Both rules can never be met: this version's check refuses them.
OLD_RULES = (
    "validation.on_or_before = { today = true }",
    'validation.on_or_before = { question = "0.1.1" }\n'
    'validation.checks = [{ condition = { equals = { question = "1.1.1", value = "ja" } },'
    ' message.en = "Only when the analysis was required." }]',
)


def pin_as_an_earlier_version_did(store: Store, source: str) -> None:
    """The definition row as 'framework install' wrote it before the stricter checks."""
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    with store.write() as session:
        session.add(
            FrameworkDefinition(
                framework_id="mini", version=1, title="Mini framework", sha256=digest, source=source
            )
        )


def test_a_stored_framework_with_rules_now_refused_still_opens_and_its_impossible_rules_never_fire(
    data_dir, tmp_path, omi
):
    source = MINI.read_text(encoding="utf-8").replace(*OLD_RULES)
    (tmp_path / "old.toml").write_text(source, encoding="utf-8")
    checked = omi("framework", "check", tmp_path / "old.toml")
    assert checked.code == 1  # a file being checked or installed is refused, with both rules named
    assert "validation on_or_before refers to question 0.1.1, a choice question, not a date" in checked.err
    assert "compares question 1.1.1 with 'ja', which it cannot take" in checked.err

    store = Store.open(data_dir)
    try:
        pin_as_an_earlier_version_did(store, source)
        create_inspection(
            store,
            title="Pinned long ago",
            area_code="A1",
            area_name="Area One",
            framework_id="mini",
            fieldwork_start=date(2026, 11, 2),
            cases=[{"reference": "C001", "order_type": "licence", "commencement_date": date(2026, 5, 1)}],
        )
        review_id = review.open_case_review(store, find_case(store, "C001").id, actor=ACTOR).review.id
        review.answer(store, review_id, "1.1.1", "yes", actor=ACTOR)
        view = review.answer(store, review_id, "1.1.3", "2026-06-01", actor=ACTOR)
        assert view.answers["1.1.3"].value == "2026-06-01"  # neither rule refused it
        assert view.framework.sha256 == hashlib.sha256(source.encode("utf-8")).hexdigest()
        assert view.framework.questions["1.1.3"].validation.on_or_after.question == "0.1.2"  # kept
        with pytest.raises(ValidationError, match="must be on or after"):  # the sound rule still works
            review.answer(store, review_id, "1.1.3", "2026-01-01", actor=ACTOR)
    finally:
        store.close()
    shown = omi("review", "show", "C001", "--data-dir", data_dir, "--json")
    assert shown.code == 0, shown.err


def test_a_stored_rule_on_another_instrument_is_left_out_and_one_on_a_later_answer_kept():
    source = INSTRUMENTS.read_text(encoding="utf-8")
    other = 'id = "G.1.2"\ntext.en = "Is the plan known to staff?"\ntype = "judgement"'
    assert other in source
    source = source.replace(
        other,
        other + "\nvalidation.checks = ["
        '{ condition = { equals = { question = "1.1.1", value = "yes" } }, message.en = "x" }]',
        1,
    )
    with pytest.raises(FrameworkError, match="of another instrument"):
        parse_framework(source, "instruments.toml")
    assert "G.1.2" not in parse_framework(source, "stored", stored=True).checks

    later = MINI.read_text(encoding="utf-8").replace(
        "validation.on_or_before = { today = true }",
        "validation.on_or_before = { today = true }\nvalidation.checks = ["
        '{ condition = { answered = "1.2.2" }, message.en = "Count the contacts first." }]',
    )
    with pytest.raises(FrameworkError, match="which comes later"):
        parse_framework(later, "mini.toml")
    assert len(parse_framework(later, "stored", stored=True).checks["1.1.3"]) == 1  # it worked: kept


def test_a_stored_framework_is_still_refused_for_what_no_version_accepted():
    source = MINI.read_text(encoding="utf-8").replace('id = "1.2.2"', 'id = "1.2.1"')
    with pytest.raises(FrameworkError, match="duplicate id"):
        parse_framework(source, "stored", stored=True)
