"""Who may be sampled: exclusions, then duplicate offenders.

Exclusions are checked in this order and a row gets the first that applies, so each row has one reason:

1. ``redacted``: the family or first name contains an asterisk (a sensitive case the area has redacted);
2. ``not_commenced``: no start date, or a start date after the sampling date;
3. ``outside_window``: started before or after the eligibility window (both ends included);
4. ``missing_data``: no gender, sentence type, RoSH level, LDU or responsible officer (the data the sample is
   stratified and spread by). Rows without a cluster are not excluded: they form a "(no cluster)" group.

Duplicates are then found among the remaining rows: two rows are the same person when they share a PNC, a
CRN, or a family name, first name and date of birth (compared without case or extra spaces); sameness is
followed through chains (A~B, B~C makes A, B and C one person). Each person keeps the earliest case (earliest
start date, then the earlier row); the others are duplicates of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from omi_desktop.core.i18n import _
from omi_desktop.core.sampling.longlist import Record

REASONS = ("redacted", "not_commenced", "outside_window", "missing_data")
_NEEDED = {  # field -> how a message names it (translated when the message is made)
    "gender": "gender",
    "sentence_type": "sentence type",
    "rosh_level": "RoSH level",
    "ldu": "LDU",
    "responsible_officer": "responsible officer",
}


def reason_label(reason: str) -> str:
    return {
        "redacted": _("redacted (sensitive case)"),
        "not_commenced": _("not yet commenced"),
        "outside_window": _("outside the eligibility window"),
        "missing_data": _("missing stratification data"),
        "duplicate": _("duplicate offender"),
    }.get(reason, reason)


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Why a row is excluded: ``reason`` and the fact behind it (put into words by ``describe``)."""

    row: int
    reason: str
    fact: Any = None  # the redacted field; the start date; the missing fields

    def describe(self, window: tuple[date, date]) -> str:
        if self.reason == "redacted":
            which = _("family name") if self.fact == "family_name" else _("first name")
            return _("{which} redacted").format(which=which)
        if self.reason == "not_commenced":
            if self.fact is None:
                return _("no start date")
            return _("starts {start}").format(start=self.fact)
        if self.reason == "outside_window":
            if self.fact < window[0]:
                return _("started {start}, before {first}").format(start=self.fact, first=window[0])
            return _("started {start}, after {last}").format(start=self.fact, last=window[1])
        return _("no {fields}").format(fields=", ".join(_(_NEEDED[f]) for f in self.fact))


def exclusion(record: Record, window: tuple[date, date], as_of: date) -> Exclusion | None:
    """The first exclusion that applies to ``record``, if any."""
    if "*" in record.family_name:
        return Exclusion(record.row, "redacted", "family_name")
    if "*" in record.first_name:
        return Exclusion(record.row, "redacted", "first_name")
    start = record.start_date
    if start is None or start > as_of:
        return Exclusion(record.row, "not_commenced", start)
    if not window[0] <= start <= window[1]:
        return Exclusion(record.row, "outside_window", start)
    missing = tuple(name for name in _NEEDED if not getattr(record, name))
    if missing:
        return Exclusion(record.row, "missing_data", missing)
    return None


def exclusions(records: Sequence[Record], window: tuple[date, date], as_of: date) -> dict[int, Exclusion]:
    """Row number -> exclusion, for every excluded row."""
    first, last = window
    found = {}
    for record in records:
        start = record.start_date
        # The common cases (a clean row inside the window; a row outside it) are decided inline.
        if start is not None and start <= as_of and "*" not in record.family_name + record.first_name:
            if not first <= start <= last:
                found[record.row] = Exclusion(record.row, "outside_window", start)
                continue
            if (
                record.gender
                and record.sentence_type
                and record.rosh_level
                and record.ldu
                and record.responsible_officer
            ):
                continue
        excluded = exclusion(record, window, as_of)
        if excluded is not None:
            found[record.row] = excluded
    return found


@dataclass(frozen=True, slots=True)
class Duplicate:
    row: int
    kept_row: int
    detail: str


def duplicates(records: Sequence[Record]) -> dict[int, Duplicate]:
    """Row number -> duplicate, for every row that is a later case of a person already in ``records``."""
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    touched: set[int] = set()  # only rows that share a key can be in a group of more than one
    by_crn: dict[str, int] = {}
    by_pnc: dict[str, int] = {}
    by_name: dict[tuple[str, str, date], int] = {}
    for i, record in enumerate(records):
        found = [by_crn.setdefault(record.crn, i)]
        if record.pnc:
            found.append(by_pnc.setdefault(record.pnc, i))
        if record.family_name and record.first_name and record.date_of_birth is not None:
            key = (record.family_name.casefold(), record.first_name.casefold(), record.date_of_birth)
            found.append(by_name.setdefault(key, i))
        for j in found:
            if j != i:
                touched.update((i, j))
                a, b = root(i), root(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in sorted(touched):
        groups.setdefault(root(i), []).append(i)
    result = {}
    for members in groups.values():
        members.sort(key=lambda i: _earliest(records[i]))
        kept = records[members[0]]
        for i in members[1:]:
            record = records[i]
            how = _shared(record, kept)
            if how:
                detail = _("{how} as row {row}").format(how=_(how), row=kept.row)
            else:
                detail = _("the same person as row {row}, through other rows").format(row=kept.row)
            result[record.row] = Duplicate(record.row, kept.row, detail)
    return result


def _shared(a: Record, b: Record) -> str | None:
    if a.pnc and a.pnc == b.pnc:
        return "same PNC"
    if a.crn == b.crn:
        return "same CRN"
    if (
        a.family_name.casefold() == b.family_name.casefold()
        and a.first_name.casefold() == b.first_name.casefold()
        and a.date_of_birth == b.date_of_birth
    ):
        return "same name and date of birth"
    return None


def _earliest(record: Record) -> tuple[date, int]:
    return (record.start_date or date.max, record.row)
