"""The features' tables are made when first named: opening a store and reading a case's review does not make
them, naming one does, and load_all_tables() registers every table the migrations create."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import subprocess_env

FEATURE_MODULES = (
    "omi_desktop.core.store.tables.sync",
    "omi_desktop.core.store.tables.sampling",
    "omi_desktop.core.store.tables.reports",
)

CHILD = """
import sys
from pathlib import Path
from omi_desktop.core.inspections import list_cases, list_inspections
from omi_desktop.core.review.lifecycle import preview_case_review
from omi_desktop.core.settings import current_actor
from omi_desktop.core.store import Store

FEATURES = {features!r}
store = Store.open(Path(sys.argv[1]))
inspection = list_inspections(store)[-1]
case = list_cases(store, inspection.id)[0]
view = preview_case_review(store, case.id, actor=current_actor(store))
print("review read", view.review.case_id == case.id)
print("features made", [m for m in FEATURES if m in sys.modules])

from omi_desktop.core.store.tables import SampleRow, TrustedKey
print("named", SampleRow.__tablename__, TrustedKey.__tablename__)
from omi_desktop.core.store.tables import load_all_tables
from sqlmodel import SQLModel
load_all_tables()
print("features made", [m for m in FEATURES if m in sys.modules])
print("tables", len(SQLModel.metadata.tables))
with store.read() as session:
    names = {{row[0] for row in session.connection().exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'")}}
print("same as the file", names == set(SQLModel.metadata.tables))
store.close()
"""


def test_feature_tables_are_made_when_first_named(data_dir):
    from omi_desktop.core.demo import make_demo
    from omi_desktop.core.store import Store

    store = Store.open(data_dir)
    try:
        make_demo(store, answered=1)
    finally:
        store.close()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD.format(features=FEATURE_MODULES), str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env=subprocess_env(),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert lines[0] == "review read True"
    assert lines[1] == "features made []"
    assert lines[2] == "named sample_row trusted_key"
    assert lines[3] == f"features made {list(FEATURE_MODULES)}"
    assert lines[5] == "same as the file True"


def test_an_unknown_table_name_is_an_attribute_error():
    from omi_desktop.core.store import tables

    with pytest.raises(AttributeError, match="NoSuchTable"):
        tables.NoSuchTable  # noqa: B018
