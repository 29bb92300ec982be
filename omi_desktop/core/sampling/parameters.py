"""The parameters of a sample: everything that, with the long list, fixes the result.

They are stored with the sample (``as_json``), so the same long list and the same parameters give the same
sample again, on any machine.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from omi_desktop.core.clock import today
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.sampling.longlist import Record
from omi_desktop.core.sampling.strata import StrataScheme, default_strata, gender_group

ALGORITHM = "omi-sampler/1"  # changes whenever the same inputs could give a different sample
DEFAULT_BUFFER_PERCENT = 10.0
DEFAULT_MAX_PER_OFFICER = 6
DEFAULT_WINDOW_MONTHS = (7, 6)  # commenced between seven and six months before fieldwork starts

# Named criteria for minimum counts; any other is written FIELD:VALUE[,VALUE...].
NAMED_CRITERIA = {
    "high_rosh": ("rosh_level", ("high", "very_high")),
    "very_high_rosh": ("rosh_level", ("very_high",)),
    "ppo": ("ppo", (True,)),
    "female": ("gender", ("female",)),
    "licence": ("sentence_type", ("licence",)),
}
CRITERION_FIELDS = ("gender", "sentence_type", "rosh_level", "tier", "ppo", "cluster", "ldu")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the last day of a shorter month when needed)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_window(fieldwork_start: date) -> tuple[date, date]:
    earliest, latest = DEFAULT_WINDOW_MONTHS
    return months_before(fieldwork_start, earliest), months_before(fieldwork_start, latest)


@dataclass(frozen=True)
class Minimum:
    """At least ``count`` sampled cases whose ``field`` is one of ``values``."""

    name: str
    field: str
    values: tuple[Any, ...]
    count: int

    def matches(self, record: Record | Any) -> bool:
        """Whether a long-list record (or a stored sample row, which has the same fields) counts."""
        value = getattr(record, self.field)
        if self.field == "gender":
            value = gender_group(value)
        elif self.field in ("cluster", "ldu"):
            value = (value or "").casefold()
        return value in self.values

    @property
    def label(self) -> str:
        """The criterion in words ("high or very high RoSH"), or as written when it has no name."""
        labels = {
            "high_rosh": _("high or very high RoSH"),
            "very_high_rosh": _("very high RoSH"),
            "ppo": _("PPO"),
            "female": _("female"),
            "licence": _("on licence"),
        }
        return labels.get(self.name, self.name)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "field": self.field, "values": list(self.values), "count": self.count}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Minimum:
        return cls(data["name"], data["field"], tuple(data["values"]), int(data["count"]))


def parse_minimum(text: str) -> Minimum:
    """``high_rosh=20``, ``ppo=5`` or ``FIELD:VALUE[,VALUE]=N`` (e.g. ``tier:4=10``)."""
    criterion, equals, count_text = text.partition("=")
    criterion = criterion.strip()
    try:
        count = int(count_text)
    except ValueError:
        count = -1
    if not equals or count < 1:
        raise RefusedError(
            _("a minimum is written CRITERION=N with N at least 1, not {text!r}").format(text=text)
        )
    if criterion in NAMED_CRITERIA:
        field_name, values = NAMED_CRITERIA[criterion]
        return Minimum(criterion, field_name, values, count)
    field_name, colon, value_text = criterion.partition(":")
    if not colon or field_name not in CRITERION_FIELDS or not value_text.strip():
        raise RefusedError(
            _(
                "unknown minimum {text!r}: use one of {named}, or FIELD:VALUE with FIELD one of {fields}"
            ).format(text=text, named=", ".join(NAMED_CRITERIA), fields=", ".join(CRITERION_FIELDS))
        )
    values: list[Any] = []
    for word in value_text.split(","):
        word = word.strip()
        if field_name == "tier":
            if word not in ("1", "2", "3", "4"):
                raise RefusedError(_("tier must be 1 to 4, not {word!r}").format(word=word))
            values.append(int(word))
        elif field_name == "ppo":
            values.append(word.lower() in ("yes", "true", "1"))
        elif field_name in ("cluster", "ldu"):
            values.append(word.casefold())
        else:
            values.append(word)
    return Minimum(criterion, field_name, tuple(values), count)


@dataclass(frozen=True)
class SampleParameters:
    size: int
    seed: int
    window_start: date
    window_end: date
    as_of: date  # a case starting after this day has not commenced
    buffer_percent: float = DEFAULT_BUFFER_PERCENT
    max_per_officer: int | None = DEFAULT_MAX_PER_OFFICER
    strata: StrataScheme = field(default_factory=default_strata)
    minimums: tuple[Minimum, ...] = ()

    def __post_init__(self) -> None:
        if self.size < 1:
            raise RefusedError(_("the sample size must be at least 1"))
        if self.seed < 0:  # the random generator ignores the sign: -7 would draw the same sample as 7
            raise RefusedError(
                _("the seed must be a whole number, 0 or more (not {seed})").format(seed=self.seed)
            )
        if not 0 <= self.buffer_percent <= 100:
            raise RefusedError(_("the buffer must be between 0 and 100 per cent"))
        if self.max_per_officer is not None and self.max_per_officer < 1:
            raise RefusedError(_("the most cases per responsible officer must be at least 1"))
        if self.window_end < self.window_start:
            raise RefusedError(_("the eligibility window ends before it starts"))
        names = [m.name for m in self.minimums]
        if len(set(names)) != len(names):
            raise RefusedError(_("each minimum may be given once"))
        for minimum in self.minimums:
            if minimum.count > self.size:
                raise RefusedError(
                    _("the minimum {name}={count} is more than the sample size {size}").format(
                        name=minimum.name, count=minimum.count, size=self.size
                    )
                )

    def as_json(self) -> dict[str, Any]:
        return {
            "algorithm": ALGORITHM,
            "size": self.size,
            "seed": self.seed,
            "window_start": self.window_start.isoformat(),
            "window_end": self.window_end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "buffer_percent": self.buffer_percent,
            "max_per_officer": self.max_per_officer,
            "strata": self.strata.as_json(),
            "minimums": [m.as_json() for m in self.minimums],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SampleParameters:
        if data.get("algorithm") != ALGORITHM:
            raise RefusedError(
                _("this sample was drawn by {found}; this program draws with {ours}").format(
                    found=data.get("algorithm"), ours=ALGORITHM
                )
            )
        return cls(
            size=int(data["size"]),
            seed=int(data["seed"]),
            window_start=date.fromisoformat(data["window_start"]),
            window_end=date.fromisoformat(data["window_end"]),
            as_of=date.fromisoformat(data["as_of"]),
            buffer_percent=float(data["buffer_percent"]),
            max_per_officer=data["max_per_officer"],
            strata=StrataScheme.from_json(data["strata"]),
            minimums=tuple(Minimum.from_json(m) for m in data["minimums"]),
        )


def new_seed() -> int:
    """A fresh seed for a sample drawn without one (it is stored and shown, so the draw can be repeated)."""
    import secrets

    return secrets.randbelow(1_000_000_000)


def parameters_for(
    fieldwork_start: date | None,
    *,
    size: int,
    seed: int | None = None,
    buffer_percent: float = DEFAULT_BUFFER_PERCENT,
    max_per_officer: int | None = DEFAULT_MAX_PER_OFFICER,
    window_start: date | None = None,
    window_end: date | None = None,
    as_of: date | None = None,
    strata: StrataScheme | None = None,
    minimums: tuple[Minimum, ...] = (),
) -> SampleParameters:
    """Parameters with defaults filled in: the window from the fieldwork start; today as the as-of date."""

    if window_start is None or window_end is None:
        if fieldwork_start is None:
            raise RefusedError(
                _("the inspection has no fieldwork start date; give the eligibility window's start and end")
            )
        default_start, default_end = default_window(fieldwork_start)
        window_start = window_start or default_start
        window_end = window_end or default_end
    return SampleParameters(
        size=size,
        seed=new_seed() if seed is None else seed,
        window_start=window_start,
        window_end=window_end,
        as_of=as_of or today(),
        buffer_percent=buffer_percent,
        max_per_officer=max_per_officer,
        strata=strata or default_strata(),
        minimums=minimums,
    )
