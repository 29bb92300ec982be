"""Shared set-up for engine tests: a real store on disk with the small test framework installed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from omi_desktop.core.framework import registry
from omi_desktop.core.setup import create_inspection
from omi_desktop.core.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI = FIXTURES / "frameworks" / "mini.toml"
ACTOR = "INS-T1"


def mini_store(data_dir: Path, cases: list[dict] | None = None, **options) -> tuple[Store, str]:
    """A store holding one inspection on the mini framework; returns (store, inspection id)."""
    store = Store.open(data_dir)
    registry.install(store, MINI)
    inspection = create_inspection(
        store,
        title="Test inspection",
        area_code="A1",
        area_name="Area One",
        region_code="R1",
        region_name="Region One",
        framework_id="mini",
        fieldwork_start=date(2026, 11, 2),
        cases=cases
        or [
            {
                "reference": "C001",
                "order_type": "licence",
                "commencement_date": date(2026, 5, 1),
                "rosh_level": "high",
            },
            {"reference": "C002", "order_type": "community_order", "commencement_date": date(2026, 5, 20)},
        ],
        **options,
    )
    return store, inspection.id
