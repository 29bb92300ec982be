"""Shared set-up for the sampling tests: generated long lists, parameters, a head-office store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from omi_desktop.core.sampling.longlist import LongList, parse_long_list
from omi_desktop.core.sampling.parameters import SampleParameters, default_window
from omi_desktop.core.sampling.synthetic import Shape, long_list_text, synthetic_long_list
from omi_desktop.core.setup import InspectorSpec, create_inspection
from omi_desktop.core.store import Store

FIELDWORK = date(2026, 11, 2)
AS_OF = date(2026, 10, 1)
TEAM = (
    InspectorSpec("INS-01", "Inspector Sampleford", experienced=True),
    InspectorSpec("INS-02", "Inspector Testwood", experienced=True),
    InspectorSpec("INS-03", "Inspector Mockby"),
    InspectorSpec("LA-01", "Assessor Fictionham", role="local_assessor", home_team="Samplewell Team A"),
)
LEAD = InspectorSpec("LEAD-01", "Lead Demostead", role="lead", experienced=True)


def generated(rows: int, seed: int = 1, **options) -> LongList:
    """A generated long list, read back through the real CSV reader."""
    text = long_list_text(synthetic_long_list(rows, seed=seed, fieldwork_start=FIELDWORK, **options))
    return parse_long_list(text.encode("utf-8"), f"generated-{seed}.csv")


def parameters(**changes) -> SampleParameters:
    start, end = default_window(FIELDWORK)
    values = {"size": 100, "seed": 7, "window_start": start, "window_end": end, "as_of": AS_OF}
    values.update(changes)
    return SampleParameters(**values)


def hq_store(data_dir: Path, *, team=TEAM, lead=LEAD) -> tuple[Store, str]:
    """A head-office store with one inspection (fieldwork from ``FIELDWORK``) and its team."""
    store = Store.open(data_dir)
    inspection = create_inspection(
        store,
        title="Testshire Offender Management Inspection",
        area_code="TST",
        area_name="Testshire (fictional)",
        fieldwork_start=FIELDWORK,
        lead=lead,
        team=team,
    )
    return store, inspection.id


SMALL_AREA = Shape(clusters=1, ldus_per_cluster=2, teams_per_ldu=1, officers_per_team=3)
