"""Plausible answers for the training inspection: what a careful but imperfect area might earn.

Answers are drawn from the framework itself, so any framework gets some; the Offender Management Inspection
and the Risk of Harm Area Assessment (which keeps the inspection's question ids) also get answers that
follow the case: the case details agree with the case record, the questions that open others ("was a full
Risk of Harm analysis required?", "was a home visit needed?", "any new offending?") are answered as often as
the case's Risk of Harm level, MAPPA level, PPO status and tier make likely, and "Not applicable" is given
where the question's guidance says it often is. The interview language is English, Welsh only now and then,
unless the area is a Welsh one.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any, ClassVar

from omi_desktop.core.fictional import weighted
from omi_desktop.core.framework.conditions import Environment, as_date, operand_getter
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import Question
from omi_desktop.core.review import AnswerItem
from omi_desktop.core.review.evaluate import effective_answers
from omi_desktop.core.review.values import coerce, rule_errors

Facts = Mapping[str, Any]

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

# Frameworks whose case-review question ids are the Offender Management Inspection's.
OMI_FAMILY = ("omi-2006", "rohaa")
_ROSH_RANK = {"low": 0, "medium": 1, "high": 2, "very_high": 3}
# Case details with no value in the case record: the option that says so.
_NONE_OPTIONS = ("none", "not_recorded")


def _rank(facts: Facts) -> int:
    return _ROSH_RANK.get(str(facts.get("rosh_level")), 1)


def _tier(facts: Facts) -> int:
    try:
        return int(facts.get("tier") or 2)
    except (TypeError, ValueError):
        return 2


def _mappa(facts: Facts) -> int | None:
    level = facts.get("mappa_level")
    return int(level) if level not in (None, "", "none") else None


# The chance of "yes" to an unscored gate question of the inspection, given the case.
GATES: dict[str, Callable[[Facts], float]] = {
    # Full RoH analysis required: medium RoH and above nearly always, low RoH only with concerns on file.
    "1.1.4": lambda f: (0.15, 0.95, 1.0, 1.0)[_rank(f)],
    # Home visit needed: high RoH and domestic abuse cases, far fewer low RoH ones.
    "2.2.1": lambda f: (0.12, 0.45, 0.85, 0.95)[_rank(f)],
    # A significant change in six months: more often for PPOs and high RoH cases.
    "2.5.1": lambda f: 0.3 + 0.1 * (_rank(f) >= 2) + 0.2 * bool(f.get("ppo")),
    # New offending within about six months: a PPO often, tiers 3 and 4 more than 1 and 2.
    "3.3.1": lambda f: 0.2 + 0.35 * bool(f.get("ppo")) + 0.1 * (_tier(f) >= 3),
}
# The chance of "Not applicable" where the question's guidance expects it often (others: 4%).
NOT_APPLICABLE: dict[str, Callable[[Facts], float]] = {
    "2.2.3": lambda f: 0.1,  # police checks: nothing on file suggested police information mattered
    "2.2.4": lambda f: 0.45 if _rank(f) < 2 else 0.25,  # children's services: no concerns about children
    "2.2.6": lambda f: 0.6 if _mappa(f) in (None, 1) else 0.05,  # no MAPPA meeting at level 1
    "2.2.7": lambda f: 0.5,  # not eligible for victim contact
    "2.4.7": lambda f: 0.6,  # recall never considered
    "1.4.5": lambda f: 0.1,  # no other agency had a part
}


class PlausibleAnswers:
    """Answers a careful but imperfect area might earn: quality varies by case and by thread."""

    THREAD_QUALITY: ClassVar[dict[str, float]] = {"RoH": 0.66, "LoR": 0.70, "CE": 0.76}

    def __init__(
        self, framework: Framework, rng: random.Random, anchor: date, welsh_area: bool = False
    ) -> None:
        self.framework = framework
        self.rng = rng
        self.anchor = anchor
        self.welsh_area = welsh_area
        self.omi_ids = framework.id in OMI_FAMILY

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
        for qid in order:  # pre-filled from the case record when the review started: counted, not answered
            recorded = self._recorded(self.framework.questions[qid], facts)
            if recorded is not None:
                answers.setdefault(qid, recorded)
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
        if question.fact is not None:
            value = self._from_record(question, facts)
            if value is not None:
                return value
        if not question.required and self.rng.random() < 0.5:
            return None
        for attempt in range(9):
            value = self._value(question, facts, effective, quality, lowest=attempt == 8)
            trial = dict(effective)
            trial[question.id] = value
            if not rule_errors(self.framework, question, value, Environment(trial, facts, self.anchor)):
                return value
        return None

    @staticmethod
    def _recorded(question: Question, facts: dict[str, Any]) -> Any:
        """The value the review pre-fills from the case record (None when it pre-fills nothing)."""
        raw = facts.get(question.fact) if question.fact is not None else None
        if raw is None:
            return None
        try:
            return coerce(question, raw)
        except ValueError:
            return None

    @staticmethod
    def _from_record(question: Question, facts: dict[str, Any]) -> Any:
        """What the case record says where it has no value, so nothing was pre-filled: 'Not MAPPA' for a
        case with no MAPPA level, 'No' for a flag that is not set."""
        if facts.get(question.fact or "") is not None:
            return None
        if question.type == "choice":
            return next((o.value for o in question.options if o.value in _NONE_OPTIONS), None)
        if question.type == "judgement":
            return "no"
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
            return self._judgement(q, facts, quality)
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
            if {"english", "welsh"} <= set(options):
                return self._language(options)
            return rng.choices(options, weights=[1 / (i + 1) for i in range(len(options))])[0]
        if q.type == "multi_choice":
            options = [o.value for o in q.options]
            return sorted(rng.sample(options, k=min(len(options), rng.randint(1, 3))), key=options.index)
        return rng.choice(_TEXT_ANSWERS)

    def _judgement(self, q: Question, facts: dict[str, Any], quality: dict[str, float]) -> str:
        allowed = q.allowed_judgements()
        gate = GATES.get(q.id) if self.omi_ids and not q.scored else None
        if gate is not None:
            chance = min(1.0, max(0.0, gate(facts)))
            weights = {"yes": chance, "no": 1 - chance}
        else:
            threads = q.threads if q.scored else []
            good = sum(quality.get(t, 0.7) for t in threads) / len(threads) if threads else 0.6
            negative = "no" if q.positive == "yes" else "yes"
            na = NOT_APPLICABLE[q.id](facts) if self.omi_ids and q.id in NOT_APPLICABLE else 0.04
            rest = 1 - na
            weights = {
                q.positive: good * rest,
                negative: (1 - good) * 0.55 * rest,
                "partly": (1 - good) * 0.45 * rest,
                "na": na,
            }
        usable = {v: w for v, w in weights.items() if v in allowed and w > 0}
        return weighted(self.rng, usable) if usable else allowed[0]

    def _language(self, options: list[str]) -> str:
        """English mostly; Welsh now and then (often, in a Welsh area); another language a few times."""
        table = (
            {"english": 0.6, "welsh": 0.37, "other": 0.03}
            if self.welsh_area
            else {"english": 0.96, "welsh": 0.01, "other": 0.03}
        )
        return weighted(self.rng, {o: table.get(o, 0.01) for o in options})

    def _note(self, question: Question, value: Any) -> tuple[str | None, str | None]:
        if not question.feedback or value == "na" or self.rng.random() > 0.45:
            return None, None
        if value == question.positive:
            return self.rng.choice(_POSITIVE_NOTES), "strength"
        return self.rng.choice(_NEGATIVE_NOTES), "improvement"
