"""The review commands as a script would use them: exit codes, messages, JSON."""

from __future__ import annotations


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
