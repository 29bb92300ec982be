"""Strata: which group of the sample frame each case belongs to.

A scheme is an ordered list of strata; a case goes to the first stratum whose conditions it meets. A scheme is
refused unless every possible case (every gender group, sentence type, RoSH level and PPO flag) has a
stratum, so no one can silently fall out of the sample — in particular people recorded as neither male nor
female, whom the default scheme places by a stated rule (``other_gender``).
"""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.framework.facts import ORDER_TYPES, ROSH_LEVELS
from omi_desktop.core.i18n import _

GENDER_GROUPS = ("male", "female", "other")
SUPERVISION = {
    "community": ("community_order", "suspended_sentence_order"),
    "post_custody": ("licence", "custody"),
}
ROSH_GROUPS = {"non_low": ("medium", "high", "very_high"), "high_or_above": ("high", "very_high")}
OTHER_GENDER_RULES = ("male", "female", "own")
_CONDITION_KEYS = ("gender", "sentence_type", "supervision", "rosh_level", "ppo")


def gender_group(gender: str | None) -> str | None:
    """``male``, ``female``, ``other`` (any other recorded gender), or None when none is recorded.

    This is the sampling's grouping (strata, minimums): anyone not recorded as male or female is placed by
    the scheme's stated rule for other genders, whatever the long list says instead."""
    if gender is None:
        return None
    return gender if gender in ("male", "female") else "other"


# Long-list genders that say the gender is not known, rather than name one (compared as read_gender gives
# them: lower case, words joined by "_").
NOT_RECORDED_GENDERS = frozenset(
    {
        "not_recorded", "not_stated", "not_known", "unknown", "u", "prefer_not_to_say", "not_disclosed",
        "declined", "withheld", "not_given", "n_k", "nk",
    }
)  # fmt: skip


def case_gender(gender: str | None) -> str | None:
    """A long list's gender as the framework's case fact: ``female``, ``male``, ``other`` or ``not_recorded``.

    "Not stated", "unknown" and the like are *not recorded*, not another gender; any other gender the long
    list names is ``other``; a blank stays blank (such rows never reach the sample)."""
    if gender is None:
        return None
    if gender in ("male", "female"):
        return gender
    return "not_recorded" if gender in NOT_RECORDED_GENDERS else "other"


@dataclass(frozen=True)
class Stratum:
    id: str
    label: str
    gender: frozenset[str] | None = None  # gender groups; None: any
    sentence_type: frozenset[str] | None = None
    rosh_level: frozenset[str] | None = None
    ppo: bool | None = None

    def matches(self, group: str, sentence_type: str, rosh_level: str, ppo: bool) -> bool:
        return (
            (self.gender is None or group in self.gender)
            and (self.sentence_type is None or sentence_type in self.sentence_type)
            and (self.rosh_level is None or rosh_level in self.rosh_level)
            and (self.ppo is None or ppo == self.ppo)
        )

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "label": self.label}
        for key in ("gender", "sentence_type", "rosh_level"):
            value = getattr(self, key)
            if value is not None:
                data[key] = sorted(value)
        if self.ppo is not None:
            data["ppo"] = self.ppo
        return data


@dataclass(frozen=True)
class StrataScheme:
    strata: tuple[Stratum, ...]
    other_gender: str  # how people recorded as neither male nor female are placed, in words

    def __post_init__(self) -> None:
        self.check()

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.strata)

    def label(self, stratum_id: str) -> str:
        return next((s.label for s in self.strata if s.id == stratum_id), stratum_id)

    def check(self) -> None:
        """Refuse a scheme that leaves any possible case without a stratum, or has a stratum never used."""
        if not self.strata:
            raise RefusedError(_("a strata scheme needs at least one stratum"))
        ids = [s.id for s in self.strata]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise RefusedError(_("stratum ids must differ: {ids}").format(ids=", ".join(repeated)))
        used: set[str] = set()
        for combination in itertools.product(GENDER_GROUPS, ORDER_TYPES, ROSH_LEVELS, (False, True)):
            found = self._first(*combination)
            if found is None:
                group, sentence, rosh, ppo = combination
                raise RefusedError(
                    _(
                        "the strata leave out cases with gender {group}, sentence type {sentence}, "
                        "RoSH {rosh}{ppo}; every case must belong to a stratum"
                    ).format(group=group, sentence=sentence, rosh=rosh, ppo=", PPO" if ppo else "")
                )
            used.add(found.id)
        unused = [i for i in ids if i not in used]
        if unused:
            raise RefusedError(
                _("stratum {ids} can never be chosen (earlier strata take all its cases)").format(
                    ids=", ".join(unused)
                )
            )

    def _first(self, group: str, sentence: str, rosh: str, ppo: bool) -> Stratum | None:
        return next((s for s in self.strata if s.matches(group, sentence, rosh, ppo)), None)

    def classifier(self) -> dict[tuple[str, str, str, bool], str]:
        """(gender group, sentence type, RoSH level, PPO) -> stratum id, for every possible case."""
        table = {}
        for combination in itertools.product(GENDER_GROUPS, ORDER_TYPES, ROSH_LEVELS, (False, True)):
            found = self._first(*combination)
            assert found is not None  # check() guarantees it
            table[combination] = found.id
        return table

    def as_json(self) -> dict[str, Any]:
        return {"other_gender": self.other_gender, "strata": [s.as_json() for s in self.strata]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StrataScheme:
        return cls(
            strata=tuple(_stratum(entry, n) for n, entry in enumerate(data.get("strata", []), start=1)),
            other_gender=str(data.get("other_gender", "")),
        )


def default_strata(other_gender: str = "male") -> StrataScheme:
    """Female; male community low / non-low RoSH; male post-custody low / non-low RoSH.

    ``other_gender`` places people recorded as neither male nor female: "male" (by order and RoSH, with the
    male strata: the default), "female" (with the female stratum) or "own" (a stratum of their own).
    """
    if other_gender not in OTHER_GENDER_RULES:
        raise RefusedError(
            _("the rule for other genders must be one of: {rules}").format(
                rules=", ".join(OTHER_GENDER_RULES)
            )
        )
    female = frozenset({"female", "other"} if other_gender == "female" else {"female"})
    male = frozenset({"male", "other"} if other_gender == "male" else {"male"})
    men = _("Male and other genders") if other_gender == "male" else _("Male")
    community, custody = frozenset(SUPERVISION["community"]), frozenset(SUPERVISION["post_custody"])
    low, non_low = frozenset({"low"}), frozenset(ROSH_GROUPS["non_low"])
    strata = [
        Stratum("female", _("Female and other genders") if other_gender == "female" else _("Female"), female),
        Stratum("male-community-low", _("{men}, community, low RoSH").format(men=men), male, community, low),
        Stratum(
            "male-community-non-low",
            _("{men}, community, medium+ RoSH").format(men=men),
            male,
            community,
            non_low,
        ),
        Stratum("male-custody-low", _("{men}, post-custody, low RoSH").format(men=men), male, custody, low),
        Stratum(
            "male-custody-non-low",
            _("{men}, post-custody, medium+ RoSH").format(men=men),
            male,
            custody,
            non_low,
        ),
    ]
    if other_gender == "own":
        strata.insert(1, Stratum("other-gender", _("Other genders"), frozenset({"other"})))
    rules = {
        "male": _(
            "people recorded as neither male nor female are placed by order and RoSH, with the male strata"
        ),
        "female": _("people recorded as neither male nor female are placed in the female stratum"),
        "own": _("people recorded as neither male nor female form a stratum of their own"),
    }
    return StrataScheme(tuple(strata), rules[other_gender])


def load_strata(path: Path) -> StrataScheme:
    """A scheme from a TOML file: ``other_gender = "..."`` and ``[[stratum]]`` tables, tried in order."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RefusedError(
            _("cannot read the strata file {path}: {error}").format(path=path, error=exc)
        ) from exc
    entries = data.get("stratum")
    if not isinstance(entries, list) or not entries:
        raise RefusedError(_("the strata file {path} has no [[stratum]] tables").format(path=path.name))
    rule = data.get("other_gender")
    if not isinstance(rule, str) or not rule.strip():
        raise RefusedError(
            _('the strata file must say, in other_gender = "...", where people of other genders go')
        )
    return StrataScheme(tuple(_stratum(e, n) for n, e in enumerate(entries, start=1)), rule.strip())


def _stratum(entry: Any, number: int) -> Stratum:
    if not isinstance(entry, dict):
        raise RefusedError(_("stratum {n} is not a table").format(n=number))
    unknown = set(entry) - {"id", "label", *_CONDITION_KEYS}
    if unknown:
        raise RefusedError(
            _("stratum {n} has unknown keys: {keys}").format(n=number, keys=", ".join(sorted(unknown)))
        )
    stratum_id = str(entry.get("id") or "").strip()
    if not stratum_id:
        raise RefusedError(_("stratum {n} has no id").format(n=number))
    sentences = _values(entry, "sentence_type", ORDER_TYPES, {}, stratum_id)
    if "supervision" in entry:
        by_supervision = _values(entry, "supervision", tuple(SUPERVISION), {}, stratum_id) or frozenset()
        expanded = frozenset(t for s in by_supervision for t in SUPERVISION[s])
        sentences = expanded if sentences is None else sentences & expanded
    ppo = entry.get("ppo")
    if ppo is not None and not isinstance(ppo, bool):
        raise RefusedError(_("stratum {id}: ppo must be true or false").format(id=stratum_id))
    return Stratum(
        id=stratum_id,
        label=str(entry.get("label") or stratum_id),
        gender=_values(entry, "gender", GENDER_GROUPS, {}, stratum_id),
        sentence_type=sentences,
        rosh_level=_values(entry, "rosh_level", ROSH_LEVELS, ROSH_GROUPS, stratum_id),
        ppo=ppo,
    )


def _values(
    entry: dict[str, Any], key: str, allowed: tuple[str, ...], groups: dict[str, tuple[str, ...]], where: str
) -> frozenset[str] | None:
    if key not in entry:
        return None
    raw = entry[key]
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise RefusedError(_("stratum {id}: {key} must be a list of words").format(id=where, key=key))
    values: set[str] = set()
    for item in items:
        if item in groups:
            values.update(groups[item])
        elif item in allowed:
            values.add(item)
        else:
            raise RefusedError(
                _("stratum {id}: {key} cannot be '{value}' (expected one of: {allowed})").format(
                    id=where, key=key, value=item, allowed=", ".join((*allowed, *groups))
                )
            )
    return frozenset(values)
