"""Helpers for report tests: read PDFs back with pypdf, and give answers to mini-framework cases."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from omi_desktop.core.inspections import find_case
from omi_desktop.core.review import AnswerItem, answer_many, finalise, open_case_review
from omi_desktop.core.store import Store
from tests.helpers.engine import ACTOR


def reader(pdf: bytes | Path) -> PdfReader:
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def page_texts(pdf: bytes | Path) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def flat(text: str) -> str:
    """Text with every run of white space made one space (table cells wrap across lines)."""
    return re.sub(r"\s+", " ", text)


def fonts(pdf: bytes | Path) -> dict[str, bool]:
    """Every font the pages use -> whether its font program is embedded in the file."""
    found: dict[str, bool] = {}
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def answer_case(
    store: Store,
    inspection_id: str,
    reference: str,
    answers: dict[str, Any],
    *,
    notes: dict[str, str] | None = None,
    feedback: dict[str, str] | None = None,
    final: bool = True,
) -> str:
    """Answer a mini-framework case (``answers``: question id -> value) and finalise it; the review id."""
    case = find_case(store, reference, inspection_id)
    view = open_case_review(store, case.id, actor=ACTOR)
    notes, feedback = notes or {}, feedback or {}
    items = [AnswerItem(qid, value, notes.get(qid), feedback.get(qid)) for qid, value in answers.items()]
    view = answer_many(store, view.review.id, items, actor=ACTOR)
    if final:
        finalise(store, view.review.id, actor=ACTOR)
    return view.review.id


def complete(roh: str | None, lor: str, **extra: Any) -> dict[str, Any]:
    """Answers that complete a mini-framework case review: RoH on 1.1.2 (None: no full analysis)."""
    answers: dict[str, Any] = {"1.1.1": "no" if roh is None else "yes"}
    if roh is not None:
        answers |= {"1.1.2": roh, "1.1.3": "2026-06-01"}
    return answers | {"1.2.1": lor, "1.2.2": 4} | extra
