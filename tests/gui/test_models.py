"""Item models over plain core rows, tested through model.data() without a window (STYLE.md 8)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from omi_desktop.core.framework.loader import load_framework_file
from omi_desktop.core.inspections import CaseInfo
from omi_desktop.core.review.evaluate import evaluate
from omi_desktop.core.review.state import AuditEntry
from omi_desktop.gui.models.audit import COL_CHANGE, COL_QUESTION, COL_REASON, COL_WHAT, AuditTableModel
from omi_desktop.gui.models.cases import (
    CASE_ROLE,
    COL_ORDER,
    COL_PPO,
    COL_PROGRESS,
    COL_REFERENCE,
    COL_ROSH,
    COL_STATUS,
    STATUS_ROLE,
    CaseFilterModel,
    CaseTableModel,
)
from omi_desktop.gui.models.questions import (
    ID_ROLE,
    KIND_ROLE,
    STATE_ROLE,
    FlowFilterModel,
    QuestionTreeModel,
)
from tests.helpers.engine import MINI

DISPLAY = Qt.ItemDataRole.DisplayRole


def case(reference, **overrides):
    base = CaseInfo(
        id=f"id-{reference}",
        inspection_id="insp",
        reference=reference,
        order_type="community_order",
        rosh_level="medium",
        ppo=False,
        tier=2,
        mappa_level=None,
        gender="male",
        commencement_date=date(2026, 5, 1),
        end_date=None,
        offender_manager="Sam Testwood",
        team="Team A",
        ldu=None,
        cluster=None,
        inspector_id="TRN-INS-01",
        review_id=None,
        status="not_started",
        progress=0,
    )
    return replace(base, **overrides)


@pytest.fixture
def cases(qapp):
    model = CaseTableModel()
    model.set_rows(
        [
            case("C003", rosh_level="very_high", status="finalised", progress=100, ppo=True),
            case("C001", rosh_level="low", status="in_progress", progress=40, order_type="licence"),
            case("C002", rosh_level="high", status="complete", progress=100, offender_manager="Rowan Mockby"),
        ]
    )
    return model


def cell(model, row, column, role=DISPLAY):
    return model.data(model.index(row, column), role)


def test_case_rows_show_facts_status_and_progress(cases):
    assert cases.rowCount() == 3 and cases.columnCount() == 7
    assert cell(cases, 0, COL_REFERENCE) == "C003"
    assert cell(cases, 1, COL_ORDER) == "Licence"
    assert cell(cases, 0, COL_ROSH) == "Very high"
    assert cell(cases, 0, COL_PPO) == "PPO" and cell(cases, 1, COL_PPO) == ""
    assert cell(cases, 0, COL_STATUS) == "Finalised"
    assert cell(cases, 2, COL_STATUS) == "Complete"
    assert cell(cases, 1, COL_PROGRESS) == "40%"
    assert cell(cases, 1, 0, STATUS_ROLE) == "in_progress"
    assert cell(cases, 1, 0, CASE_ROLE).reference == "C001"
    # Status has a shape as well as a word: an icon per status.
    assert not cell(cases, 0, COL_STATUS, Qt.ItemDataRole.DecorationRole).isNull()
    assert "Suspended" not in cell(cases, 0, COL_REFERENCE, Qt.ItemDataRole.ToolTipRole)


def test_one_row_is_replaced_in_place(cases, qtbot):
    with qtbot.waitSignal(cases.dataChanged):
        cases.update_case(case("C001", status="finalised", progress=100))
    assert cell(cases, 1, COL_STATUS) == "Finalised"
    assert cell(cases, 1, COL_PROGRESS) == "100%"


def test_sorting_uses_meaningful_order(cases):
    proxy = CaseFilterModel()
    proxy.setSourceModel(cases)
    proxy.sort(COL_ROSH, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["C001", "C002", "C003"]  # low, high, very high
    proxy.sort(COL_PROGRESS, Qt.SortOrder.DescendingOrder)
    assert proxy.index(2, 0).data() == "C001"
    proxy.sort(COL_REFERENCE, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["C001", "C002", "C003"]


def test_filter_by_words_and_by_status(cases):
    proxy = CaseFilterModel()
    proxy.setSourceModel(cases)
    proxy.set_text("rowan")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["C002"]
    proxy.set_text("licence low")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["C001"]
    proxy.set_text("")
    proxy.set_status("open")
    assert sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount())) == ["C001", "C002"]
    proxy.set_status("finalised")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["C003"]
    proxy.set_text("ppo")
    assert proxy.rowCount() == 1
    proxy.set_text("nobody")
    assert proxy.rowCount() == 0


@pytest.fixture
def mini(qapp):
    return load_framework_file(MINI)


def states(model):
    return {qid: model.index_of(qid).data(STATE_ROLE) for qid in model.question_ids()}


def test_navigator_states_follow_the_evaluation(mini):
    model = QuestionTreeModel()
    model.build(mini, "case", (), "en")
    sections = [model.index(r, 0) for r in range(model.rowCount())]
    assert [s.data(ID_ROLE) for s in sections] == ["0", "1"]  # the inactive custody module is left out
    assert sections[1].data(KIND_ROLE) == "section"
    assert model.index(0, 0, sections[1]).data(KIND_ROLE) == "criterion"

    today = date(2026, 11, 2)
    answers = {"0.1.1": "licence", "0.1.2": "2026-05-01", "1.1.1": "no", "1.2.1": "na"}
    model.set_evaluation(evaluate(mini, "case", answers, today=today), answers)
    got = states(model)
    assert got["0.1.1"] == "answered"
    assert got["1.1.2"] == "skipped" and got["1.1.3"] == "skipped"
    assert got["1.2.1"] == "not_applicable"
    assert got["1.2.2"] == "unanswered"
    assert sections[0].data(STATE_ROLE) == "answered"
    assert sections[1].data(STATE_ROLE) == "unanswered"
    accessible = model.index_of("1.1.2").data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible.endswith("Skipped (does not apply)"), "state in words too, not only an icon"

    answers |= {"1.1.1": "yes", "1.1.3": "2026-04-01"}  # before commencement: breaks a rule
    model.set_evaluation(evaluate(mini, "case", answers, today=today), answers)
    got = states(model)
    assert got["1.1.2"] == "unanswered"
    assert got["1.1.3"] == "invalid"
    assert model.index(0, 0, sections[1]).data(STATE_ROLE) == "invalid"  # criterion 1.1


def test_flow_filter_hides_skipped_questions_unless_asked(mini):
    model = QuestionTreeModel()
    model.build(mini, "case", (), "en")
    flow = FlowFilterModel()
    flow.setSourceModel(model)
    answers = {"1.1.1": "no"}
    model.set_evaluation(evaluate(mini, "case", answers, today=date(2026, 11, 2)), answers)
    flow.refresh()
    assert not flow.mapFromSource(model.index_of("1.1.2")).isValid()
    assert flow.mapFromSource(model.index_of("1.1.1")).isValid()
    flow.set_show_skipped(True)
    assert flow.mapFromSource(model.index_of("1.1.2")).isValid()


def entry(n, action, qid=None, old=None, new=None, actor="TRN-INS-01", reason=None):
    at = datetime(2026, 5, 14, 9, 0, tzinfo=UTC) + timedelta(seconds=n)
    return AuditEntry(n, action, qid, old, new, actor, at, reason)


def test_history_rows_merge_note_saves_and_show_reasons(qapp):
    model = AuditTableModel()
    model.set_entries(
        [
            entry(1, "start", new={"framework": "omi-2006", "version": 1}),
            entry(2, "answer", "1.1.1", None, "yes"),
            entry(3, "note", "1.1.1", "", "Plan"),
            entry(4, "note", "1.1.1", "Plan", "Plan sent"),
            entry(5, "note", "1.1.1", "Plan sent", "Plan sent late"),
            entry(6, "note", "1.1.2", "", "Other"),
            entry(7, "finalise", old="complete", new="finalised"),
            entry(8, "reopen", old="finalised", new="in_progress", reason="New evidence"),
        ]
    )
    assert model.rowCount() == 6
    assert cell(model, 1, COL_CHANGE) == "— → Yes"
    assert cell(model, 2, COL_WHAT) == "Evidence note (3 saves while typing)"
    assert cell(model, 2, COL_CHANGE) == "— → Plan sent late"
    assert cell(model, 3, COL_QUESTION) == "1.1.2"
    assert cell(model, 5, COL_WHAT) == "Reopened"
    assert cell(model, 5, COL_REASON) == "New evidence"
