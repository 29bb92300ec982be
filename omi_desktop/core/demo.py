"""The demo (training) inspection: a fictional area, 100 synthetic cases, optionally answered.

Everything here is invented and labelled as training data wherever it appears: the area and region do not
exist, and the people's names are plainly made up ("Sampleford", "Testwood"). With ``answered=N``, N cases
get varied, plausible answers drawn from the framework itself (so any framework works) and are finalised;
the area-level assessment is then about two-thirds answered (not finalised) and a handful of questionnaire
responses are entered, most of them finalised.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from sqlmodel import select

from omi_desktop.core.clock import today as clock_today
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.fictional import fictional_name, weighted
from omi_desktop.core.framework.conditions import Environment, as_date, operand_getter
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import Question
from omi_desktop.core.framework.registry import latest
from omi_desktop.core.inspections import InspectionInfo, list_cases
from omi_desktop.core.progress import Operation, Progress, run_to_end
from omi_desktop.core.review import AnswerItem, answer_many, finalise, open_case_review
from omi_desktop.core.review.evaluate import effective_answers
from omi_desktop.core.review.values import rule_errors
from omi_desktop.core.settings import (
    CURRENT_INSPECTION,
    IDENTITY_ID,
    IDENTITY_NAME,
    get_setting,
    put_setting,
    read_setting,
)
from omi_desktop.core.setup import InspectorSpec
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Inspection
from omi_desktop.core.sync.training import set_up_training

DEMO_AREA = ("TRN-EM", "Eastmarsh (training)")
DEMO_REGION = ("TRN-NM", "Northmoor Region (training)")
DEMO_TITLE = "Eastmarsh Offender Management Inspection"
DEMO_INSPECTOR = InspectorSpec("TRN-INS-01", "Training Inspector One", experienced=True)
DEMO_TEAM = (
    DEMO_INSPECTOR,
    InspectorSpec("TRN-INS-02", "Training Inspector Two", experienced=True),
    InspectorSpec("TRN-INS-03", "Training Inspector Three"),
    InspectorSpec("TRN-LA-01", "Training Local Assessor", role="local_assessor", home_team="Team C"),
)
DEMO_LEAD = InspectorSpec("TRN-LEAD-01", "Training Lead Inspector", role="lead", experienced=True)
CASE_COUNT = 100

_POSITIVE_NOTES = (
    "Clear, well-evidenced work recorded in the case file.",
    "Good use of information from the police and previous records.",
    "Completed on time and discussed with the individual.",
    "Thorough and proportionate; the offender manager explained the reasoning well.",
    "Well recorded, with a clear link to the assessed risks.",
)
_NEGATIVE_NOTES = (
    "Completed late, and without reference to previous convictions.",
    "No evidence in the record; the offender manager could not say why.",
    "Not reviewed after the change of address in month two.",
    "Generic wording; risks to known victims were not analysed.",
    "Actions agreed but not followed up or recorded.",
)
_TEXT_ANSWERS = (
    "Interview held with the offender manager in the office.",
    "Discussed at the case interview; record supports the judgement.",
    "See case record entries for months one to three.",
)


@dataclass(frozen=True)
class DemoResult:
    inspection: InspectionInfo
    cases: int
    finalised: int
    identity: str
    training_hq: Path | None = None  # the training head office's data folder (core/sync/training.py)
    questionnaires: int = 0  # questionnaire responses entered (some finalised)
    questionnaires_finalised: int = 0


def synthetic_cases(rng: random.Random, anchor: date, count: int = CASE_COUNT) -> list[dict[str, Any]]:
    """Case facts with a realistic mix of orders, Risk of Harm levels, PPO status and tiers."""
    managers = [" ".join(fictional_name(rng)) for _ in range(14)]
    teams = ("Team A", "Team B", "Team C", "Team D")
    cases = []
    for n in range(1, count + 1):
        first, family = fictional_name(rng)
        rosh = weighted(rng, {"low": 38, "medium": 42, "high": 17, "very_high": 3})
        order = weighted(
            rng, {"community_order": 45, "suspended_sentence_order": 20, "licence": 30, "custody": 5}
        )
        manager = managers[(n * 7) % len(managers)]
        cases.append(
            {
                "reference": f"TRN{n:05d}",
                "pnc": f"TRN/{rng.randint(10000, 99999)}X",
                "family_name": family,
                "first_name": first,
                "date_of_birth": anchor - timedelta(days=rng.randint(18 * 365, 60 * 365)),
                "gender": weighted(rng, {"male": 84, "female": 15, "other": 1}),
                "order_type": order,
                "commencement_date": anchor - timedelta(days=rng.randint(182, 213)),
                "end_date": anchor + timedelta(days=rng.randint(60, 700)),
                "tier": weighted(rng, {1: 15, 2: 35, 3: 35, 4: 15}),
                "rosh_level": rosh,
                "ppo": rng.random() < 0.1,
                "mappa_level": rng.choice((1, 2))
                if rosh in ("high", "very_high") and rng.random() < 0.5
                else None,
                "ldu": "Eastmarsh North" if n % 2 else "Eastmarsh South",
                "cluster": "Eastmarsh",
                "team": teams[n % len(teams)],
                "offender_manager": manager,
            }
        )
    return cases


class PlausibleAnswers:
    """Answers a careful but imperfect area might earn: quality varies by case and by thread."""

    THREAD_QUALITY: ClassVar[dict[str, float]] = {"RoH": 0.66, "LoR": 0.70, "CE": 0.76}

    def __init__(self, framework: Framework, rng: random.Random, anchor: date) -> None:
        self.framework = framework
        self.rng = rng
        self.anchor = anchor

    def for_review(
        self, instrument: str, facts: dict[str, Any], active: tuple[str, ...], given: dict[str, Any]
    ) -> list[AnswerItem]:
        rng = self.rng
        # Work on a case is correlated: a well-managed case tends to be done well throughout.
        well_managed = rng.random() < 0.35
        base = rng.uniform(0.93, 0.99) if well_managed else rng.betavariate(5, 3.5)
        quality = {
            t: min(0.99, max(0.05, base + (q - 0.70) + rng.gauss(0, 0.03)))
            for t, q in self.THREAD_QUALITY.items()
        }
        answers = dict(given)
        items: list[AnswerItem] = []
        order = self.framework.question_ids(instrument, active)
        for qid in order:
            if qid in answers:
                continue
            effective, relevant, _env = effective_answers(self.framework, order, facts, answers, self.anchor)
            if not relevant[qid]:
                continue
            question = self.framework.questions[qid]
            value = self._valid_value(question, facts, effective, quality)
            if value is None:
                continue
            answers[qid] = value
            note, feedback = self._note(question, value)
            items.append(AnswerItem(qid, value, note, feedback))
        return items

    def _valid_value(
        self, question: Question, facts: dict[str, Any], effective: dict[str, Any], quality: dict[str, float]
    ) -> Any:
        if not question.required and self.rng.random() < 0.5:
            return None
        for attempt in range(9):
            value = self._value(question, facts, effective, quality, lowest=attempt == 8)
            trial = dict(effective)
            trial[question.id] = value
            if not rule_errors(self.framework, question, value, Environment(trial, facts, self.anchor)):
                return value
        return None

    def _value(
        self,
        q: Question,
        facts: dict[str, Any],
        effective: dict[str, Any],
        quality: dict[str, float],
        lowest: bool,
    ) -> Any:
        """A random value of the question's type; ``lowest`` asks for the smallest sensible one."""
        rng = self.rng
        if q.type == "judgement":
            allowed = q.allowed_judgements()
            threads = q.threads if q.scored else []
            good = sum(quality.get(t, 0.7) for t in threads) / len(threads) if threads else 0.6
            negative = "no" if q.positive == "yes" else "yes"
            weights = {q.positive: good, negative: (1 - good) * 0.55, "partly": (1 - good) * 0.45, "na": 0.04}
            return weighted(rng, {v: w for v, w in weights.items() if v in allowed})
        if q.type == "date":
            env = Environment(effective, facts, self.anchor)
            rules = q.validation
            low = as_date(operand_getter(rules.on_or_after)(env)) if rules and rules.on_or_after else None
            high = as_date(operand_getter(rules.on_or_before)(env)) if rules and rules.on_or_before else None
            low = low or as_date(facts.get("commencement_date")) or self.anchor - timedelta(days=200)
            high = min(high or self.anchor, self.anchor)
            span = 0 if lowest else max(0, min((high - low).days, 90))
            return (low + timedelta(days=rng.randint(0, span))).isoformat()
        if q.type == "number":
            rules = q.validation
            low = int(rules.min) if rules and rules.min is not None else 0
            high = int(rules.max) if rules and rules.max is not None else low + 12
            return low if lowest else min(high, low + int(rng.expovariate(0.45)))
        if q.type == "choice":
            options = [o.value for o in q.options]
            return rng.choices(options, weights=[1 / (i + 1) for i in range(len(options))])[0]
        if q.type == "multi_choice":
            options = [o.value for o in q.options]
            return sorted(rng.sample(options, k=min(len(options), rng.randint(1, 3))), key=options.index)
        return rng.choice(_TEXT_ANSWERS)

    def _note(self, question: Question, value: Any) -> tuple[str | None, str | None]:
        if not question.feedback or value == "na" or self.rng.random() > 0.45:
            return None, None
        if value == question.positive:
            return self.rng.choice(_POSITIVE_NOTES), "strength"
        return self.rng.choice(_NEGATIVE_NOTES), "improvement"


def existing_demo(store: Store) -> str | None:
    with store.read() as session:
        row = session.exec(select(Inspection).where(Inspection.training.is_(True))).first()
        return row.id if row else None


def build_demo(
    store: Store,
    *,
    seed: int = 2006,
    answered: int = 0,
    anchor: date | None = None,
    reset: bool = False,
    framework_id: str = "omi-2006",
    other_instruments: bool = True,
    passphrase: bytes | None = None,
) -> Operation[DemoResult]:
    """Create the training inspection (yields progress; returns a ``DemoResult``).

    With ``answered``, the area assessment and some questionnaires are filled in too, unless
    ``other_instruments`` is False (benchmarks that count case reviews only). ``passphrase``: of this
    installation's private keys, when they are protected by one (the assignment is imported with them).
    """
    if not 0 <= answered <= CASE_COUNT:
        raise RefusedError(f"--answered must be between 0 and {CASE_COUNT}")
    previous = existing_demo(store)
    if previous is not None and not reset:
        raise RefusedError(
            "this data folder already has the training inspection; use --reset to build it again "
            "(its answers are deleted)"
        )
    rng = random.Random(seed)
    anchor = anchor or clock_today()
    fieldwork = anchor - timedelta(days=anchor.weekday())  # the Monday of this week
    framework = latest(store, framework_id)
    yield Progress(0, answered + 1, "Creating the training inspection")
    cases = synthetic_cases(rng, fieldwork)
    for i, case in enumerate(cases):
        case["inspector_id"] = DEMO_TEAM[i % len(DEMO_TEAM)].id
    # The training inspection arrives as a real assignment from a training head office (core/sync/training),
    # so export, receipts and purge can all be tried on it.
    set_up = set_up_training(
        store,
        previous=previous,
        lead=DEMO_LEAD,
        team=DEMO_TEAM,
        cases=cases,
        inspection={
            "title": DEMO_TITLE,
            "area_code": DEMO_AREA[0],
            "area_name": DEMO_AREA[1],
            "region_code": DEMO_REGION[0],
            "region_name": DEMO_REGION[1],
            "framework_id": framework.id,
            "framework_version": framework.version,
            "fieldwork_start": fieldwork,
            "fieldwork_end": fieldwork + timedelta(days=4),
        },
        passphrase=passphrase,
    )
    inspection = set_up.inspection
    with store.write() as session:
        if not read_setting(session, IDENTITY_ID):
            put_setting(session, IDENTITY_ID, set_up.identity.id)
            put_setting(session, IDENTITY_NAME, set_up.identity.name)
        put_setting(session, CURRENT_INSPECTION, inspection.id)
    actor = str(get_setting(store, IDENTITY_ID))
    finalised = yield from _answer_cases(store, inspection, framework, rng, fieldwork, answered, actor)
    entered, done = (0, 0)
    if answered and other_instruments:
        # Their own random stream, so the cases (and the scores) are the same with or without them.
        from omi_desktop.core.demo_instruments import answer_instruments  # it imports this module

        others = random.Random(seed * 31 + 7)
        entered, done = answer_instruments(store, inspection, framework, others, fieldwork, actor)
    return DemoResult(inspection, len(cases), finalised, actor, set_up.training_hq, entered, done)


def _answer_cases(
    store: Store,
    inspection: InspectionInfo,
    framework: Framework,
    rng: random.Random,
    anchor: date,
    count: int,
    actor: str,
) -> Operation[int]:
    generator = PlausibleAnswers(framework, rng, anchor)
    finalised = 0
    for n, case in enumerate(list_cases(store, inspection.id)[:count], start=1):
        view = open_case_review(store, case.id, actor=actor)
        given = {qid: a.value for qid, a in view.answers.items()}
        items = generator.for_review("case", view.facts, view.active_modules, given)
        view = answer_many(store, view.review.id, items, actor=actor)
        if view.evaluation.complete:
            finalise(store, view.review.id, actor=actor)
            finalised += 1
        yield Progress(n, count + 1, f"Answering case {case.reference}")
    return finalised


def make_demo(store: Store, **options: Any) -> DemoResult:
    """``build_demo`` without progress reporting."""
    return run_to_end(build_demo(store, **options))
