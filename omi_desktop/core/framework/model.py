"""The framework file format as validated models (documented in docs/framework-format.md).

A framework is data: instruments (case review, area assessment, questionnaires), optional modules, sections,
criteria and questions, with relevance conditions and validation as structured data, never code. These
models check the shape of one file; ``loader.py`` checks how its parts refer to each other.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=40)]
AnswerType = Literal["judgement", "date", "number", "choice", "multi_choice", "text"]
JUDGEMENT_VALUES = ("yes", "partly", "no", "na")
Scalar = str | int | float | bool


class _Strict(BaseModel):
    # defer_build: the validators are built when the first framework is read, not when this is imported
    # (the window imports it before its first paint and reads a framework only after).
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Text(_Strict):
    """Text in each language of the inspection; English is required, Welsh optional."""

    en: Annotated[str, StringConstraints(min_length=1)]
    cy: str | None = None

    def get(self, language: str) -> str:
        return (self.cy if language == "cy" else None) or self.en


class Operand(_Strict):
    """One side of a comparison: an answer, a case fact, a literal value, or today's date."""

    question: str | None = None
    fact: str | None = None
    value: Scalar | None = None
    today: bool | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Operand:
        given = [k for k in ("question", "fact", "value", "today") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("an operand names exactly one of: question, fact, value, today")
        return self


class Equals(_Strict):
    question: str | None = None
    fact: str | None = None
    value: Scalar

    @model_validator(mode="after")
    def _one_subject(self) -> Equals:
        if (self.question is None) == (self.fact is None):
            raise ValueError("'equals' names exactly one of: question, fact")
        return self


class Membership(_Strict):
    question: str | None = None
    fact: str | None = None
    values: list[Scalar] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_subject(self) -> Membership:
        if (self.question is None) == (self.fact is None):
            raise ValueError("'in' names exactly one of: question, fact")
        return self


class Contains(_Strict):
    """True when a multiple-choice answer includes ``value``."""

    question: str
    value: str


class Compare(_Strict):
    """``left op right + days``, for dates (days added to the right side) and numbers."""

    left: Operand
    op: Literal["lt", "le", "eq", "ne", "ge", "gt"]
    right: Operand
    days: int = 0


class Condition(_Strict):
    """Exactly one of the keys below. Conditions nest through ``all``, ``any`` and ``not``."""

    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")
    equals: Equals | None = None
    in_: Membership | None = Field(default=None, alias="in")
    contains: Contains | None = None
    answered: str | None = None
    compare: Compare | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Condition:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                "a condition has exactly one of: all, any, not, equals, in, contains, answered, compare"
            )
        return self


class Check(_Strict):
    """A rule that must hold whenever the question is answered, with the message shown when it does not."""

    condition: Condition
    message: Text


class Validation(_Strict):
    min: float | None = None
    max: float | None = None
    integer: bool = False
    max_length: int | None = None
    min_choices: int | None = None
    max_choices: int | None = None
    on_or_after: Operand | None = None
    on_or_before: Operand | None = None
    checks: list[Check] = Field(default_factory=list)


class Option(_Strict):
    value: Identifier
    label: Text


class Question(_Strict):
    id: Identifier
    text: Text
    guidance: Text | None = None
    type: AnswerType
    required: bool = True
    relevant: Condition | None = None
    validation: Validation | None = None
    options: list[Option] = Field(default_factory=list)
    allow_partly: bool = True  # judgement: offer "Partly"
    allow_na: bool = True  # judgement: offer "Not applicable"
    positive: Literal["yes", "no"] = "yes"  # judgement: which answer means the work was done well enough
    threads: list[Identifier] = Field(default_factory=list)
    feedback: bool = False  # the evidence note is feedback for the case manager
    fact: str | None = None  # pre-fill from this case fact when the review starts
    unit: Text | None = None  # number: e.g. "days"

    @property
    def scored(self) -> bool:
        return self.type == "judgement" and bool(self.threads)

    def allowed_judgements(self) -> tuple[str, ...]:
        return tuple(
            v
            for v in JUDGEMENT_VALUES
            if (v != "partly" or self.allow_partly) and (v != "na" or self.allow_na)
        )


class Criterion(_Strict):
    id: Identifier
    title: Text
    guidance: Text | None = None
    question: list[Question] = Field(min_length=1)


class Section(_Strict):
    id: Identifier
    title: Text
    instrument: Identifier = "case"
    module: Identifier | None = None
    guidance: Text | None = None
    criterion: list[Criterion] = Field(min_length=1)


class Instrument(_Strict):
    id: Identifier
    title: Text
    subject: Literal["case", "area", "respondent"]  # one per case, one per inspection, or many


class Module(_Strict):
    id: Identifier
    title: Text
    active_by_default: bool = False
    description: Text | None = None


class Thread(_Strict):
    id: Identifier
    title: Text
    description: Text | None = None


class Scoring(_Strict):
    partly: Literal["zero", "half", "exclude"] = "zero"
    case_rule: Literal["all", "threshold"] = "all"  # per-case view: when is a case "done well enough"
    case_threshold: float = Field(default=0.75, gt=0, le=1)


class FrameworkFile(_Strict):
    """The root of a framework TOML file."""

    id: Identifier
    version: int = Field(ge=1)
    title: Text
    description: Text | None = None
    published: date | None = None
    instrument: list[Instrument] = Field(min_length=1)
    module: list[Module] = Field(default_factory=list)
    thread: list[Thread] = Field(default_factory=list)
    scoring: Scoring = Field(default_factory=Scoring)
    section: list[Section] = Field(min_length=1)
