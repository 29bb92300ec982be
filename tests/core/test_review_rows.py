"""The rows the review engine writes for a day's answering, compared column by column with a recording.

``tests/fixtures/review_rows.json`` holds what the engine stored (the review, its answers and its audit
trail, as SQLite holds them: storage class and literal of every column) for the sequence below, recorded
before answering was rewritten to send its statements directly instead of through the ORM's unit of work.
Anything the engine writes differently now shows up here column by column. Only what differs from run to run
is masked: the random identities (review, inspection, case) and the clock readings, which are checked for
their form and order instead.

Regenerate (only when a change to the stored rows is intended): ``python -m tests.core.test_review_rows``.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from omi_desktop.core import review
from omi_desktop.core.errors import NotFoundError, RefusedError, StoreError, ValidationError
from omi_desktop.core.inspections import find_case
from omi_desktop.core.review import AnswerItem
from omi_desktop.core.store import Store
from tests.helpers.engine import ACTOR, mini_store

RECORDING = Path(__file__).resolve().parent.parent / "fixtures" / "review_rows.json"
TABLES = {"review": "id", "answer": "review_id", "audit_event": "review_id"}
TIMESTAMPS = {"created_at", "updated_at", "finalised_at", "at"}
STORED_TIME = re.compile(r"^'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}'$")
OTHER = "INS-T2"


def a_day_of_answering(store: Store, review_id: str, snapshot: Callable[[], None]) -> None:
    """Every kind of change the answering calls make, including the refused and the unchanged.

    ``snapshot`` is called after each call, so the relevance flags, progress and status written on the way
    are compared too, not only the last ones.
    """
    rid = review_id
    steps: list[Callable[[], object]] = [
        lambda: review.answer(store, rid, "1.1.1", "yes", actor=ACTOR),  # a new answer
        # with a note
        lambda: review.answer(store, rid, "1.1.2", "partly", actor=ACTOR, note="Thin analysis"),
        lambda: review.answer(store, rid, "1.1.3", "2026-06-01", actor=ACTOR),
        lambda: review.answer(store, rid, "1.1.1", "Yes", actor=ACTOR),  # unchanged: nothing written
        # 1.1.2 and 1.1.3 stop applying
        lambda: review.answer(store, rid, "1.1.1", "no", actor=OTHER, reason="re-read the record"),
        lambda: review.set_note(store, rid, "1.1.2", "Kept while it does not apply", actor=ACTOR),
        lambda: review.set_note(store, rid, "1.1.2", "Kept while it does not apply", actor=ACTOR),
        lambda: review.answer(store, rid, "1.1.1", "yes", actor=ACTOR),  # they apply again
        lambda: review.set_feedback(store, rid, "1.1.2", "strength", actor=ACTOR),
        lambda: review.set_feedback(store, rid, "1.1.2", "strength", actor=ACTOR),  # unchanged
        lambda: review.clear(store, rid, "1.1.3", actor=OTHER, reason="date not in the record"),
        lambda: review.clear(store, rid, "1.1.3", actor=OTHER),  # nothing left to clear
        lambda: review.set_note(store, rid, "1.2.1", "Note typed before any answer", actor=ACTOR),  # no value
        lambda: review.clear(store, rid, "1.2.1", actor=ACTOR),  # a note but no value: nothing to clear
        lambda: review.answer(store, rid, "1.2.2", "4", actor=ACTOR, note=""),  # an empty note is no change
        lambda: review.answer_many(
            store,
            rid,
            [
                AnswerItem("1.2.1", "yes", note="On time"),
                AnswerItem("1.2.3", "drugs, accommodation"),
                AnswerItem("1.2.1", "no", feedback="improvement"),  # the same question twice in one batch
                AnswerItem("1.1.1", "no"),
                AnswerItem("1.1.1", "yes", note="Full analysis on file", feedback="strength"),
                AnswerItem("1.2.4", "Plan reviewed monthly"),
                AnswerItem("1.1.3", "2026-06-02"),
            ],
            actor=OTHER,
        ),
        lambda: review.answer_many(store, rid, [AnswerItem("1.2.4", "Plan reviewed monthly")], actor=OTHER),
        lambda: review.set_feedback(store, rid, "1.2.1", None, actor=ACTOR),  # unmarked
        lambda: review.answer(store, rid, "0.1.1", "Community order", actor=ACTOR),  # a pre-filled fact
        lambda: review.finalise(store, rid, actor=ACTOR),
        lambda: review.reopen(store, rid, actor=ACTOR, reason="Missing contact found"),
        lambda: review.answer(store, rid, "1.2.2", "5", actor=ACTOR, note="One more", reason="Missing"),
        lambda: review.answer_many(store, rid, [AnswerItem("1.1.1", "no", feedback=None)], actor=ACTOR),
    ]
    refused: list[Callable[[], object]] = [
        lambda: review.answer(store, rid, "1.2.2", "-1", actor=ACTOR),
        lambda: review.answer(store, rid, "1.1.3", "2026-01-01", actor=ACTOR),  # before commencement
        lambda: review.answer(store, rid, "C.1.1", "yes", actor=ACTOR),  # module not active
        lambda: review.set_feedback(store, rid, "1.1.2", "praise", actor=ACTOR),
        lambda: review.answer_many(
            store, rid, [AnswerItem("1.2.4", "lost with the batch"), AnswerItem("1.2.2", "999")], actor=ACTOR
        ),
    ]
    for n, step in enumerate(steps):
        step()
        snapshot()
        if n == 14:  # between the single answers and the batches, every refusal: nothing changes
            for refuse in refused:
                with pytest.raises((ValidationError, RefusedError, NotFoundError)):
                    refuse()
            snapshot()
        if n == 19:  # finalised
            with pytest.raises(RefusedError):
                review.answer(store, rid, "1.2.2", "5", actor=ACTOR)
            snapshot()


def stored_rows(db_path: Path, review_id: str, masked: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Every column of the review's rows as SQLite stores it: ``[storage class, SQL literal]``."""
    conn = sqlite3.connect(db_path)
    try:
        rows: dict[str, list[dict[str, Any]]] = {}
        for table, key in TABLES.items():
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info({table})")]
            selected = ", ".join(f"typeof({c}), quote({c})" for c in columns)
            query = f"SELECT {selected} FROM {table} WHERE {key} = ? ORDER BY rowid"
            found = conn.execute(query, (review_id,))
            rows[table] = [
                {c: [t, masked.get(v, v)] for c, t, v in zip(columns, values[::2], values[1::2], strict=True)}
                for values in found
            ]
        return rows
    finally:
        conn.close()


def masked_times(rows: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Replace every clock reading by ``<time>`` (after checking its form); returns the audit's in order."""
    audit_times = []
    for table in TABLES:
        table_rows = rows[table]
        for row in table_rows:
            for column in TIMESTAMPS & row.keys():
                kind, literal = row[column]
                if kind == "null":
                    continue
                assert kind == "text" and STORED_TIME.match(literal), (table, column, row[column])
                if table == "audit_event":
                    audit_times.append(literal)
                row[column] = [kind, "<time>"]
    return audit_times


def state_of(db_path: Path, review_id: str) -> str:
    """One line: the review's revision, progress and status, and each answer's relevance flag."""
    conn = sqlite3.connect(db_path)
    try:
        revision, progress, status = conn.execute(
            "SELECT revision, progress, status FROM review WHERE id = ?", (review_id,)
        ).fetchone()
        flags = conn.execute(
            "SELECT question_id, relevant FROM answer WHERE review_id = ? ORDER BY id", (review_id,)
        ).fetchall()
    finally:
        conn.close()
    return f"r{revision} {progress}% {status}: " + " ".join(f"{q}={r}" for q, r in flags)


def record(data_dir: Path) -> dict[str, Any]:
    store, inspection_id = mini_store(data_dir)
    states: list[str] = []
    try:
        case = find_case(store, "C001")
        review_id = review.open_case_review(store, case.id, actor=ACTOR).review.id
        a_day_of_answering(store, review_id, lambda: states.append(state_of(store.db_path, review_id)))
    finally:
        store.close()
    quote = "'{}'".format
    masked = {quote(review_id): "<review>", quote(inspection_id): "<inspection>", quote(case.id): "<case>"}
    rows: dict[str, Any] = stored_rows(data_dir / "omi.sqlite3", review_id, masked)
    audit_times = masked_times(rows)
    assert audit_times == sorted(audit_times)  # the trail's clock readings never go back
    rows["states"] = states
    return rows


def test_the_rows_written_are_the_recorded_ones_column_by_column(data_dir):
    expected = json.loads(RECORDING.read_text(encoding="utf-8"))
    rows = record(data_dir)
    assert rows["states"] == expected["states"]
    for table in TABLES:
        assert len(rows[table]) == len(expected[table]), table
        for n, (row, wanted) in enumerate(zip(rows[table], expected[table], strict=True)):
            assert row == wanted, f"{table} row {n + 1}"
    assert rows == expected


def sql_text(literal: str) -> str | None:
    """The text a SQL literal of ``quote()`` stands for (None for NULL)."""
    return None if literal == "NULL" else literal[1:-1].replace("''", "'")


def test_answers_and_their_audit_agree(data_dir):
    """Each answer row holds what its audit trail last gave it; the review's revision is the trail's last."""
    rows = record(data_dir)
    fields = {"answer": "value", "clear": "value", "prefill": "value", "note": "note", "feedback": "feedback"}
    last: dict[tuple[str, str], str | None] = {}
    for event in rows["audit_event"]:
        field = fields.get(sql_text(event["action"][1]) or "")
        if field is not None:
            last[sql_text(event["question_id"][1]), field] = sql_text(event["new_value"][1])
    assert last, "the trail holds changes to answers"
    answers = {sql_text(a["question_id"][1]): a for a in rows["answer"]}
    for (question, field), audited in last.items():
        stored = sql_text(answers[question][field][1])
        if field == "value":  # both hold the value as JSON text
            assert stored == audited, (question, field)
        else:  # the audit holds the note or mark as JSON, the answer as plain text
            assert stored == (None if audited is None else json.loads(audited)), (question, field)
    revisions = [int(e["revision"][1]) for e in rows["audit_event"]]
    assert int(rows["review"][0]["revision"][1]) == max(revisions)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        recorded = record(Path(folder) / "data")
    RECORDING.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(f"recorded {sum(len(recorded[t]) for t in TABLES)} rows in {RECORDING.name}\n")


def test_a_database_error_mid_answer_is_reported_and_nothing_is_kept(data_dir):
    """A statement failing on the driver rolls the whole answer back and reads as a StoreError."""
    store, _inspection_id = mini_store(data_dir)
    try:
        review_id = review.open_case_review(store, find_case(store, "C001").id, actor=ACTOR).review.id
        review.answer(store, review_id, "1.2.1", "yes", actor=ACTOR)
        before = stored_rows(store.db_path, review_id, {})
        conn = sqlite3.connect(store.db_path)
        try:  # the audit event is the last statement of an answer: the answer and revision come before it
            refuse = "SELECT RAISE(ABORT, 'refused by the test')"
            conn.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON audit_event BEGIN {refuse}; END")
            conn.commit()
            with pytest.raises(StoreError, match="database error"):
                review.answer(store, review_id, "1.2.1", "no", actor=ACTOR)
            assert stored_rows(store.db_path, review_id, {}) == before
            conn.execute("DROP TRIGGER refuse")
            conn.commit()
        finally:
            conn.close()
        view = review.answer(store, review_id, "1.2.1", "no", actor=ACTOR)  # the store carries on
        assert view.value("1.2.1") == "no"
        assert view.review.revision == int(before["review"][0]["revision"][1]) + 1
    finally:
        store.close()
