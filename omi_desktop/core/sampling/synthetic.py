"""Fictional long lists for training, tests and benchmarks.

Every name is plainly invented ("Alex Sampleford", "Officer Testwood") and every reference is marked as
fictional (CRNs start with ``Z``, PNCs end in ``Z``). The mix of orders, Risk of Harm levels and genders is
plausible for a probation area; ``quirks`` adds what real lists contain: redacted names, cases not yet
started, repeated offenders, blank stratification data and a few people recorded as neither male nor female.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from omi_desktop.core.fictional import FIRST_NAMES, SURNAME_ENDS, SURNAME_STEMS, fictional_name, weighted
from omi_desktop.core.sampling.values import COLUMNS

# The demo's first names plus a few accented ones, so long lists exercise encodings (Windows-1252, BOM).
_FIRST = (*FIRST_NAMES, "Siân", "Zoë", "Renée")
_OTHER_GENDERS = ("non_binary", "other", "not_stated")


@dataclass(frozen=True)
class Shape:
    """How a fictional area is organised."""

    clusters: int = 2
    ldus_per_cluster: int = 2
    teams_per_ldu: int = 2
    officers_per_team: int = 6


def _organisation(rng: random.Random, shape: Shape) -> list[tuple[str, str, str, str]]:
    """(cluster, ldu, team, officer) for every officer of the area."""
    places = iter(f"{a}{b}" for a in SURNAME_STEMS for b in SURNAME_ENDS)
    seen: set[str] = set()
    officers = []
    for _c in range(shape.clusters):
        cluster = f"{next(places)} Cluster"
        for _ldu in range(shape.ldus_per_cluster):
            ldu = f"{next(places)} LDU"
            for t in range(shape.teams_per_ldu):
                team = f"{ldu.removesuffix(' LDU')} Team {chr(65 + t)}"
                for _o in range(shape.officers_per_team):
                    name = " ".join(fictional_name(rng, _FIRST))
                    while name in seen:
                        name = " ".join(fictional_name(rng, _FIRST)) + f" {len(seen)}"
                    seen.add(name)
                    officers.append((cluster, ldu, team, name))
    return officers


def synthetic_long_list(
    rows: int,
    *,
    seed: int = 1,
    fieldwork_start: date = date(2026, 11, 2),
    shape: Shape | None = None,
    quirks: bool = True,
    date_style: str = "mixed",  # "iso", "dmy" or "mixed"
) -> list[dict[str, str]]:
    """``rows`` long-list rows as the text an export would hold, about a quarter inside the usual window."""
    rng = random.Random(seed)
    officers = _organisation(rng, shape or Shape())
    # Officer caseloads are uneven, as they are in practice.
    weights = [rng.uniform(0.4, 1.6) for _ in officers]
    window_end = fieldwork_start - timedelta(days=182)
    out: list[dict[str, str]] = []
    for n in range(rows):
        cluster, ldu, team, officer = rng.choices(officers, weights=weights)[0]
        first, family = fictional_name(rng, _FIRST)
        in_window = rng.random() < 0.25
        start = window_end - timedelta(days=rng.randint(0, 29) if in_window else rng.randint(31, 700))
        birth = start - timedelta(days=rng.randint(18 * 365, 70 * 365))
        gender = weighted(rng, {"male": 83, "female": 15.5, "other": 1.5})
        if gender == "other":
            gender = rng.choice(_OTHER_GENDERS)
        row = {
            "crn": f"Z{100000 + n:06d}",
            "pnc": f"{birth.year + 18}/{rng.randint(0, 9999999):07d}Z",
            "family_name": family,
            "first_name": first,
            "date_of_birth": _date_text(rng, birth, date_style),
            "gender": gender,
            "sentence_type": weighted(
                rng, {"community_order": 45, "suspended_sentence_order": 20, "licence": 30, "custody": 5}
            ),
            "rosh_level": weighted(rng, {"low": 38, "medium": 42, "high": 17, "very_high": 3}),
            "start_date": _date_text(rng, start, date_style),
            "end_date": _date_text(rng, start + timedelta(days=rng.randint(180, 900)), date_style),
            "cluster": cluster,
            "ldu": ldu,
            "team": team,
            "responsible_officer": officer,
            "ppo": "yes" if rng.random() < 0.08 else "no",
            "tier": str(weighted(rng, {"1": 15, "2": 35, "3": 35, "4": 15})),
        }
        if quirks:
            _add_quirk(rng, row, out, fieldwork_start, date_style)
        out.append(row)
    return out


def _date_text(rng: random.Random, value: date, style: str) -> str:
    if style == "dmy" or (style == "mixed" and rng.random() < 0.5):
        return value.strftime("%d/%m/%Y")
    return value.isoformat()


def _add_quirk(
    rng: random.Random, row: dict[str, str], earlier: list[dict[str, str]], fieldwork: date, style: str
) -> None:
    roll = rng.random()
    if roll < 0.01:
        row["family_name"] = "*" * rng.randint(3, 8)  # redacted
    elif roll < 0.02:
        row["start_date"] = _date_text(rng, fieldwork + timedelta(days=rng.randint(1, 60)), style)
        row["end_date"] = ""
    elif roll < 0.03:
        row[rng.choice(("gender", "rosh_level", "sentence_type"))] = ""
    elif roll < 0.05 and earlier:
        other = rng.choice(earlier)
        kind = rng.randrange(3)
        if kind == 0:
            row["pnc"] = other["pnc"]
        elif kind == 1:
            row["family_name"], row["first_name"] = other["family_name"], other["first_name"]
            row["date_of_birth"] = other["date_of_birth"]
        else:  # a second case of the same person: another kind of order, so never a repeated row
            row["crn"] = other["crn"]
            if row["sentence_type"] == other["sentence_type"]:
                row["sentence_type"] = "licence" if other["sentence_type"] != "licence" else "community_order"


def long_list_text(rows: Sequence[dict[str, str]], columns: Iterable[str] = COLUMNS) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_long_list_csv(
    path: Path, rows: Sequence[dict[str, str]], *, encoding: str = "utf-8", columns: Iterable[str] = COLUMNS
) -> Path:
    """Write ``rows`` as CSV (``encoding`` "utf-8", "utf-8-sig" or "cp1252", as Excel would)."""
    path.write_bytes(long_list_text(rows, columns).encode(encoding))
    return path


def write_long_list_xlsx(
    path: Path, rows: Sequence[dict[str, str]], columns: Iterable[str] = COLUMNS
) -> Path:
    """Write ``rows`` as a workbook; ISO dates become real date cells, as in an Excel export."""
    from openpyxl import Workbook

    names = list(columns)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Long list"
    sheet.append(names)
    for row in rows:
        sheet.append([_xlsx_cell(name, row.get(name, "")) for name in names])
    workbook.save(path)
    return path


def _xlsx_cell(name: str, text: str) -> object:
    if name.endswith("date") or name == "date_of_birth":
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text or None
    if name == "tier" and text.isdigit():
        return int(text)
    return text or None
