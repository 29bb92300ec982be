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
from typing import Any

from sqlmodel import select

from omi_desktop.core.clock import today as clock_today
from omi_desktop.core.demo_answers import PlausibleAnswers
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.fictional import fictional_name, weighted
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.registry import latest
from omi_desktop.core.inspections import InspectionInfo, list_cases
from omi_desktop.core.progress import Operation, Progress, run_to_end
from omi_desktop.core.review import answer_many, finalise, open_case_review
from omi_desktop.core.sampling.balance import CaseSlot, InspectorSlot, balance
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
__all__ = ["PlausibleAnswers", "build_demo", "make_demo", "synthetic_cases"]  # PlausibleAnswers: demo_answers


@dataclass(frozen=True)
class DemoResult:
    inspection: InspectionInfo
    cases: int
    finalised: int
    identity: str
    training_hq: Path | None = None  # the training head office's data folder (core/sync/training.py)
    questionnaires: int = 0  # questionnaire responses entered (some finalised)
    questionnaires_finalised: int = 0


# The fictional area's probation structure: two local delivery units of three teams each, three or four
# offender managers a team. Within the sampling rule (no more than six cases from one responsible officer).
DEMO_LDUS = {
    "Eastmarsh North": ("Team A", "Team B", "Team C"),
    "Eastmarsh South": ("Team D", "Team E", "Team F"),
}
MAX_CASES_PER_MANAGER = 6


def demo_managers(rng: random.Random) -> dict[tuple[str, str], list[str]]:
    """(LDU, team) -> its offender managers (distinct fictional names), three or four a team."""
    used: set[str] = set()
    staff: dict[tuple[str, str], list[str]] = {}
    for ldu, teams in DEMO_LDUS.items():
        for team in teams:
            names = []
            while len(names) < rng.choice((3, 4, 4)):
                name = " ".join(fictional_name(rng))
                if name not in used:
                    used.add(name)
                    names.append(name)
            staff[(ldu, team)] = names
    return staff


def _responsible_officer(
    rng: random.Random, staff: dict[tuple[str, str], list[str]], load: dict[str, int]
) -> tuple[str, str, str]:
    """(LDU, team, manager) for the next case: a team in proportion to its staff, then one of its managers
    with fewer than six cases in the sample."""
    open_places = [
        (ldu, team, name)
        for (ldu, team), names in staff.items()
        for name in names
        if load[name] < MAX_CASES_PER_MANAGER
    ]
    ldu, team, name = rng.choice(open_places)
    load[name] += 1
    return ldu, team, name


def synthetic_cases(rng: random.Random, anchor: date, count: int = CASE_COUNT) -> list[dict[str, Any]]:
    """Case facts with a realistic mix of orders, Risk of Harm levels, PPO status and tiers, spread over the
    area's LDUs, teams and offender managers (at most six cases each)."""
    staff = demo_managers(rng)
    capacity = sum(len(names) for names in staff.values()) * MAX_CASES_PER_MANAGER
    if count > capacity:
        raise RefusedError(f"the training area's offender managers can hold at most {capacity} cases")
    load = {name: 0 for names in staff.values() for name in names}
    cases = []
    for n in range(1, count + 1):
        first, family = fictional_name(rng)
        rosh = weighted(rng, {"low": 38, "medium": 42, "high": 17, "very_high": 3})
        order = weighted(
            rng, {"community_order": 45, "suspended_sentence_order": 20, "licence": 30, "custody": 5}
        )
        ldu, team, manager = _responsible_officer(rng, staff, load)
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
                "mappa_level": _mappa_level(rng, rosh),
                "ldu": ldu,
                "cluster": "Eastmarsh",
                "team": team,
                "offender_manager": manager,
            }
        )
    return cases


def _mappa_level(rng: random.Random, rosh: str) -> int | None:
    """Most high and very high RoH cases are MAPPA cases (mostly level 1 or 2, a very high one sometimes
    level 3); a few medium ones are level 1; low RoH cases are not MAPPA cases."""
    if rosh == "very_high":
        return weighted(rng, {1: 2, 2: 5, 3: 3})
    if rosh == "high":
        return weighted(rng, {None: 4, 1: 3, 2: 3})
    if rosh == "medium":
        return 1 if rng.random() < 0.08 else None
    return None


def allocate_demo_cases(cases: list[dict[str, Any]], team: tuple[InspectorSpec, ...]) -> None:
    """Each case's ``inspector_id``, by the programme's own rules (core/sampling/balance): high RoH to an
    experienced inspector, never a local assessor's own team, loads as even as those allow."""
    slots = [InspectorSlot(i.id, i.name, i.experienced, i.home_team) for i in team]
    chosen = balance([CaseSlot(c["reference"], c["rosh_level"], c["team"], c["ldu"]) for c in cases], slots)
    for case in cases:
        case["inspector_id"] = chosen.assignment[case["reference"]]


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
    allocate_demo_cases(cases, DEMO_TEAM)
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
