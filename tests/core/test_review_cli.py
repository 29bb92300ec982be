"""The review commands as a script would use them: exit codes, messages, JSON."""

from __future__ import annotations

from omi_desktop.core import review
from tests.helpers.engine import mini_store


def test_answer_finalise_reopen_through_the_cli(omi, data_dir):
    assert omi("demo", "--data-dir", data_dir).code == 0
    d = ("--data-dir", data_dir)
    result = omi("review", "answer", "TRN00001", "1.1.4", "n", "--note", "Low risk throughout", *d, "--json")
    assert result.code == 0, result.err
    document = result.json()
    state = {q["id"]: q for q in document["questions"]}
    assert state["1.1.4"]["value"] == "no" and state["1.1.4"]["note"] == "Low risk throughout"
    assert state["1.1.5"]["state"] == "skipped"

    refused = omi("review", "finalise", "TRN00001", *d)
    assert refused.code == 1
    assert refused.err.startswith("omi: the review cannot be finalised")
    assert "unanswered" in refused.err and "Traceback" not in refused.err

    bad = omi("review", "answer", "TRN00001", "1.1.6", "2026-01-01", *d)
    assert bad.code == 1 and "does not apply" in bad.err
    bad = omi("review", "answer", "TRN00001", "1.2.1", "perhaps", *d)
    assert bad.code == 1 and "not an answer" in bad.err
    missing = omi("review", "answer", "NOPE", "1.2.1", "y", *d)
    assert missing.code == 1 and "no case 'NOPE'" in missing.err
    usage = omi("review", "answer", "TRN00001", *d)
    assert usage.code == 2

    history = omi("review", "history", "TRN00001", *d, "--json")
    assert [e["action"] for e in history.json()][-2:] == ["answer", "note"]


def test_reopen_needs_a_reason(omi, data_dir):
    assert omi("demo", "--answered", "1", "--data-dir", data_dir).code == 0
    d = ("--data-dir", data_dir)
    assert omi("review", "reopen", "TRN00001", *d).code == 2  # --reason is required
    empty = omi("review", "reopen", "TRN00001", "--reason", " ", *d)
    assert empty.code == 1 and "reason" in empty.err
    done = omi("review", "reopen", "TRN00001", "--reason", "Plan found in the paper file", *d, "--json")
    assert done.code == 0, done.err
    assert done.json()["review"]["status"] in ("complete", "in_progress")
    history = omi("review", "history", "TRN00001", *d, "--json").json()
    assert history[-1]["action"] == "reopen" and history[-1]["reason"] == "Plan found in the paper file"


def test_scores_on_an_empty_data_folder_says_what_to_do(omi, data_dir):
    result = omi("scores", "--data-dir", data_dir)
    assert result.code == 1
    assert "omi demo" in result.err


def test_finalise_refused_lists_every_missing_item_in_text_and_in_json(omi, data_dir):
    assert omi("demo", "--data-dir", data_dir).code == 0
    d = ("--data-dir", data_dir)
    expected = omi("review", "show", "TRN00001", *d, "--json").json()["missing"]
    assert len(expected) > 12  # more than the short message names

    refused = omi("review", "finalise", "TRN00001", *d)
    assert refused.code == 1 and refused.out == ""
    lines = refused.err.splitlines()
    needed = f"{len(expected)} questions still need an answer or a correction"
    assert lines[0] == f"omi: the review cannot be finalised: {needed}:"
    assert [line.split()[0] for line in lines[1:]] == [m["question_id"] for m in expected]
    assert all(line.endswith("— unanswered") for line in lines[1:])
    assert "more" not in refused.err

    as_json = omi("review", "finalise", "TRN00001", *d, "--json")
    assert as_json.code == 1
    document = as_json.json()
    assert document["error"] == lines[0].removeprefix("omi: ").removesuffix(":")
    assert document["missing"] == expected
    assert set(document["missing"][0]) == {"question_id", "text", "reason"}
    assert as_json.err.strip() == "omi: " + document["error"]
    assert omi("review", "show", "TRN00001", *d, "--json").json()["review"]["status"] != "finalised"


def test_show_says_whether_the_inspection_is_training_data(omi, data_dir, tmp_path):
    assert omi("demo", "--data-dir", data_dir).code == 0
    training = omi("review", "show", "TRN00001", "--data-dir", data_dir)
    assert training.code == 0, training.err
    assert training.out.splitlines()[0].endswith("— TRAINING DATA")
    assert omi("review", "show", "TRN00001", "--data-dir", data_dir, "--json").json()["training"] is True

    real_dir = tmp_path / "real"
    store, _inspection = mini_store(real_dir)
    store.close()
    real = omi("review", "show", "C001", "--data-dir", real_dir)
    assert real.code == 0, real.err
    assert real.out.splitlines()[0] == "Test inspection"
    assert "TRAINING" not in real.out
    assert omi("review", "show", "C001", "--data-dir", real_dir, "--json").json()["training"] is False


def test_one_missing_question_is_said_in_words():
    error = review.IncompleteError([review.MissingItem("1.1.1", "Was it done?", "unanswered")])
    assert (
        error.summary == "the review cannot be finalised: one question still needs an answer or a correction"
    )
    assert "1.1.1 (unanswered)" in str(error)
