"""Child process of test_kill_durability.py: answer questions one durable write at a time, for ever.

    python answer_writer.py DATA_DIR BASE

Prints ``ready`` once the review exists, then after each committed write ``ack QUESTION VALUE`` (flushed),
with values BASE+1, BASE+2, ... Each write updates (or inserts) one answer and appends its audit event in the
same transaction, as the review code does. The parent kills this process at random moments.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlmodel import select

from omi_desktop.core.clock import utcnow
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Answer, Area, AuditEvent, Case, Inspection, Review

REVIEW_ID = "kill-test-review"
QUESTIONS = tuple(f"q{n}" for n in range(7))
MAX_WRITES = 100_000  # a child the parent somehow failed to kill still ends


def ensure_review(store: Store) -> None:
    with store.write() as session:
        if session.get(Review, REVIEW_ID) is not None:
            return
        area = Area(code="AR-KILL", name="Ardal Prawf (fictional)")
        inspection = Inspection(title="Kill test", area_id=area.id, framework_id="omi2", framework_version=1)
        case = Case(inspection_id=inspection.id, reference="CRN-KILL-1")
        review = Review(
            id=REVIEW_ID,
            inspection_id=inspection.id,
            case_id=case.id,
            framework_id="omi2",
            framework_version=1,
        )
        # The tables declare foreign keys but no ORM relationships, so the unit of work does not order these
        # inserts by dependency: flush each parent before its child.
        for row in (area, inspection, case, review):
            session.add(row)
            session.flush()


def answer(store: Store, question: str, value: int) -> None:
    with store.write() as session:
        row = session.exec(
            select(Answer).where(Answer.review_id == REVIEW_ID, Answer.question_id == question)
        ).first()
        old = None if row is None else row.value
        if row is None:
            row = Answer(review_id=REVIEW_ID, question_id=question)
        row.value = value
        row.updated_at = utcnow()
        row.updated_by = "kill-test"
        session.add(row)
        session.add(
            AuditEvent(
                review_id=REVIEW_ID,
                revision=value,
                action="answer",
                question_id=question,
                old_value=old,
                new_value=value,
                actor="kill-test",
            )
        )


def main(data_dir: Path, base: int) -> None:
    store = Store.open(data_dir)
    ensure_review(store)
    print("ready", flush=True)
    for n in range(1, MAX_WRITES + 1):
        question = QUESTIONS[n % len(QUESTIONS)]
        answer(store, question, base + n)
        print(f"ack {question} {base + n}", flush=True)  # only after the commit returned
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
