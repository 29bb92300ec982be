"""The training inspection's other instruments: the area-level assessment about two-thirds answered by the
lead inspector (not finalised), and a handful of questionnaire responses, most of them finalised. Driven by
the framework's instruments (their subjects), like the rest of the demo; all text is plainly fictional."""

from __future__ import annotations

import random
from datetime import date

from omi_desktop.core.demo import PlausibleAnswers
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.inspections import InspectionInfo
from omi_desktop.core.instruments import (
    AREA,
    RESPONDENT,
    add_questionnaire,
    instrument_infos,
    may_start_area,
    open_area_review,
)
from omi_desktop.core.review import AnswerItem, ReviewView, answer_many, finalise
from omi_desktop.core.store import Store

_AREA_NOTES = (
    "Seen in the business plan and confirmed by the senior management team.",
    "Managers described the priorities consistently; practitioners knew less of them.",
    "Minutes of the last three meetings show actions agreed and followed up.",
    "Evidence was partial: the policy exists but audits had lapsed since the spring.",
    "Partners at the meeting gave examples of joint work that changed practice.",
)
_AREA_TEXT = (
    "Documents read before fieldwork; meetings held with the chief officer, the board chair and team "
    "managers. Strengths and gaps recorded against each judgement above.",
    "Discussed with the performance manager; the quarterly reports were provided on request.",
)
_COMMENTS = (
    "The appointments were at times that fitted round my work.",
    "I had three different officers in a year, which did not help.",
    "I was kept informed and knew who to call.",
    "It would help to have letters that are easier to read.",
)


def instrument_items(
    generator: PlausibleAnswers, view: ReviewView, texts: tuple[str, ...], share: float
) -> list[AnswerItem]:
    """Plausible answers to the first ``share`` of the questions, with text fitting the instrument."""
    rng = generator.rng
    items = generator.for_review(view.review.instrument, view.facts, view.active_modules, {})
    items = items[: max(1, round(len(items) * share))]
    result = []
    for item in items:
        question = view.framework.questions[item.question_id]
        value = rng.choice(texts) if question.type == "text" else item.value
        note = item.note
        if view.review.respondent is None and question.type == "judgement" and rng.random() < 0.6:
            note = rng.choice(_AREA_NOTES)  # the lead inspector's evidence for an area judgement
        result.append(AnswerItem(item.question_id, value, note, item.feedback))
    return result


def answer_instruments(
    store: Store,
    inspection: InspectionInfo,
    framework: Framework,
    rng: random.Random,
    anchor: date,
    actor: str,
) -> tuple[int, int]:
    """The area assessment about two-thirds answered (by the lead), and a handful of questionnaires."""
    generator = PlausibleAnswers(framework, rng, anchor)
    infos = instrument_infos(framework, inspection.active_modules)
    if may_start_area(inspection.lead_inspector_id, actor):
        for info in (i for i in infos if i.subject == AREA):
            view = open_area_review(store, inspection.id, actor=actor, instrument=info.id)
            answer_many(
                store, view.review.id, instrument_items(generator, view, _AREA_TEXT, 0.65), actor=actor
            )
    entered = finalised = 0
    for number, info in enumerate(i for i in infos if i.subject == RESPONDENT):
        count = 6 if number == 0 else 3
        for n in range(count):
            view = add_questionnaire(store, inspection.id, info.id, actor=actor)
            complete = n < count - 1  # the last of each is still being entered
            items = instrument_items(generator, view, _COMMENTS, 1.0 if complete else 0.5)
            view = answer_many(store, view.review.id, items, actor=actor)
            entered += 1
            if complete and view.evaluation.complete:
                finalise(store, view.review.id, actor=actor)
                finalised += 1
    return entered, finalised
