"""Regional comparison: an area's headline figures beside the region's inspections to date and the nation.

Published OMI reports put the area's figure beside the Lowest, Highest and Average of the region's
inspected areas to date. Here (see docs/reports.md):

- an inspection's figure on a thread is its headline score (positive / applicable answers, finalised
  reviews only), as ``omi scores`` prints it;
- the region's inspections "to date" are the inspections of areas in the same region that have a figure
  on that thread now, i.e. at least one finalised review with an applicable answer on it; the inspection
  itself is one of them;
- Lowest and Highest are the smallest and largest of those figures; Average is their plain mean (each
  area counts once, however many cases it had);
- National is the plain mean over every inspection in the store with a figure on that thread;
- training (demo) inspections are compared only with training inspections, and real ones only with real
  ones, so fictional data never reaches a real comparison.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from statistics import fmean

from sqlalchemy import select

from omi_desktop.core.errors import NotFoundError
from omi_desktop.core.scoring.compute import Scores
from omi_desktop.core.scoring.queries import inspection_scores, scores_by_inspection
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Area, Inspection, Region


@dataclass(frozen=True)
class Place:
    """Where an inspection sits for comparison."""

    region_id: str | None
    training: bool


@dataclass(frozen=True)
class ThreadComparison:
    thread: str
    title: str
    area: float | None  # the inspection's own figure (percent)
    lowest: float | None
    highest: float | None
    average: float | None
    regional_count: int  # inspections in the region with a figure (the inspection included)
    national: float | None
    national_count: int


@dataclass(frozen=True)
class RegionalComparison:
    inspection_id: str
    region_code: str | None
    region_name: str | None
    threads: tuple[ThreadComparison, ...]
    regional_inspections: tuple[str, ...]  # ids with a figure on at least one thread, the inspection included

    def thread(self, thread_id: str) -> ThreadComparison:
        for comparison in self.threads:
            if comparison.thread == thread_id:
                return comparison
        raise KeyError(thread_id)


def _figure(scores: Scores, thread: str) -> float | None:
    for item in scores.threads:
        if item.thread == thread:
            return item.answers.percent
    return None


def compare(
    inspection_id: str, scores: Mapping[str, Scores], places: Mapping[str, Place]
) -> tuple[tuple[ThreadComparison, ...], tuple[str, ...]]:
    """The comparison of ``inspection_id`` with the others (pure: scores and places given)."""
    own = places[inspection_id]
    peers = [i for i, place in places.items() if place.training == own.training and i in scores]
    regional = [i for i in peers if own.region_id is not None and places[i].region_id == own.region_id]
    result = []
    for thread in scores[inspection_id].threads:
        in_region = [f for i in regional if (f := _figure(scores[i], thread.thread)) is not None]
        nationally = [f for i in peers if (f := _figure(scores[i], thread.thread)) is not None]
        result.append(
            ThreadComparison(
                thread=thread.thread,
                title=thread.title,
                area=thread.answers.percent,
                lowest=min(in_region) if in_region else None,
                highest=max(in_region) if in_region else None,
                average=fmean(in_region) if in_region else None,
                regional_count=len(in_region),
                national=fmean(nationally) if nationally else None,
                national_count=len(nationally),
            )
        )
    with_figure = tuple(
        i
        for i in regional
        if any(_figure(scores[i], t.thread) is not None for t in scores[inspection_id].threads)
    )
    return tuple(result), with_figure


def regional_comparison(store: Store, inspection_id: str) -> RegionalComparison:
    """Compare one inspection with its region's inspections to date and with every inspection here."""
    with store.read() as session:
        rows = session.execute(
            select(Inspection.id, Inspection.training, Area.region_id, Region.code, Region.name)
            .join(Area, Area.id == Inspection.area_id)
            .join(Region, Region.id == Area.region_id, isouter=True)
        ).all()
    places = {row.id: Place(row.region_id, bool(row.training)) for row in rows}
    if inspection_id not in places:
        raise NotFoundError(f"no inspection {inspection_id!r}")
    region = next((row for row in rows if row.id == inspection_id), None)
    scores = scores_by_inspection(store)  # finalised reviews of every inspection
    if inspection_id not in scores or not scores[inspection_id].threads:
        scores = {**scores, inspection_id: inspection_scores(store, inspection_id)}
    threads, regional = compare(inspection_id, scores, places)
    return RegionalComparison(
        inspection_id=inspection_id,
        region_code=region.code if region else None,
        region_name=region.name if region else None,
        threads=threads,
        regional_inspections=regional,
    )
