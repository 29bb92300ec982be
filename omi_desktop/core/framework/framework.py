"""A loaded, checked framework with the look-ups the review engine and scoring need."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from omi_desktop.core.framework.conditions import Predicate, compile_condition
from omi_desktop.core.framework.model import (
    Criterion,
    FrameworkFile,
    Instrument,
    Module,
    Question,
    Section,
    Text,
    Thread,
)


@dataclass(frozen=True)
class Placement:
    """Where a question sits: its section and criterion, and its position in its instrument."""

    section: Section
    criterion: Criterion
    index: int


class Framework:
    """One version of one framework. Build it with ``loader.parse_framework``; treat it as immutable."""

    def __init__(self, spec: FrameworkFile, *, source: str, sha256: str, origin: str) -> None:
        self.spec = spec
        self.source = source
        self.sha256 = sha256
        self.origin = origin
        self.questions: dict[str, Question] = {}
        self.placement: dict[str, Placement] = {}
        self._order: dict[str, list[str]] = {i.id: [] for i in spec.instrument}
        self._question_ids: dict[tuple[str, frozenset[str] | None], tuple[str, ...]] = {}
        for section in spec.section:
            for criterion in section.criterion:
                for question in criterion.question:
                    order = self._order[section.instrument]
                    self.questions[question.id] = question
                    self.placement[question.id] = Placement(section, criterion, len(order))
                    order.append(question.id)

    # -- identity ---------------------------------------------------------------------------------------
    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def version(self) -> int:
        return self.spec.version

    @property
    def key(self) -> tuple[str, int]:
        return (self.spec.id, self.spec.version)

    def __repr__(self) -> str:
        return f"<Framework {self.id} v{self.version}>"

    # -- structure --------------------------------------------------------------------------------------
    def instrument(self, instrument_id: str) -> Instrument:
        for instrument in self.spec.instrument:
            if instrument.id == instrument_id:
                return instrument
        raise KeyError(f"framework {self.id} has no instrument {instrument_id!r}")

    @property
    def instruments(self) -> list[Instrument]:
        return list(self.spec.instrument)

    @property
    def modules(self) -> list[Module]:
        return list(self.spec.module)

    @property
    def threads(self) -> list[Thread]:
        return list(self.spec.thread)

    def default_modules(self) -> list[str]:
        return [m.id for m in self.spec.module if m.active_by_default]

    def sections(self, instrument_id: str, active_modules: Iterable[str] | None = None) -> list[Section]:
        """The sections of an instrument, leaving out those of modules that are not active."""
        active = set(self.default_modules() if active_modules is None else active_modules)
        return [
            s
            for s in self.spec.section
            if s.instrument == instrument_id and (s.module is None or s.module in active)
        ]

    def question_ids(self, instrument_id: str, active_modules: Iterable[str] | None = None) -> list[str]:
        """Question ids of an instrument in reading order (inactive modules left out)."""
        active = None if active_modules is None else frozenset(active_modules)
        ids = self._question_ids.get((instrument_id, active))
        if ids is None:  # worked out once per instrument and set of modules (every answer asks)
            ids = tuple(
                q.id for s in self.sections(instrument_id, active) for c in s.criterion for q in c.question
            )
            self._question_ids[(instrument_id, active)] = ids
        return list(ids)

    def criteria(self, instrument_id: str = "case") -> list[Criterion]:
        return [c for s in self.spec.section if s.instrument == instrument_id for c in s.criterion]

    @cached_property
    def thread_questions(self) -> dict[str, list[str]]:
        """For each thread, the ids of the questions that feed it."""
        result: dict[str, list[str]] = {t.id: [] for t in self.spec.thread}
        for qid, question in self.questions.items():
            for thread in question.threads:
                result[thread].append(qid)
        return result

    @cached_property
    def scored_instruments(self) -> list[str]:
        return sorted(
            {self.placement[q].section.instrument for q in self.questions if self.questions[q].scored}
        )

    # -- compiled rules (built once per framework) ---------------------------------------------------------
    @cached_property
    def relevance(self) -> dict[str, Predicate]:
        """For each question with a relevance condition, its compiled predicate."""
        return {
            qid: compile_condition(q.relevant) for qid, q in self.questions.items() if q.relevant is not None
        }

    @cached_property
    def checks(self) -> dict[str, list[tuple[Predicate, Text]]]:
        """For each question with validation checks, the compiled conditions and their messages."""
        return {
            qid: [(compile_condition(c.condition), c.message) for c in q.validation.checks]
            for qid, q in self.questions.items()
            if q.validation is not None and q.validation.checks
        }
