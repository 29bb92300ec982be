"""A review stays pinned to the framework version it was started with."""

from __future__ import annotations

from omi_desktop.core import review
from omi_desktop.core.framework import registry
from omi_desktop.core.inspections import find_case
from omi_desktop.core.scoring import inspection_scores
from omi_desktop.core.setup import create_inspection
from tests.helpers.engine import ACTOR, MINI, mini_store


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
