"""The window's words for an imported assignment: a lead's own cases and the team's are told apart."""

from __future__ import annotations

from types import SimpleNamespace

from omi_desktop.gui.features._sync_texts import assignment_text


def report(**fields):
    inspection = SimpleNamespace(label="Eastmarsh Offender Management Inspection")
    base = dict(status="imported", inspection=inspection, cases=12, own=12, lead=False, withdrawn=[])
    return SimpleNamespace(**(base | fields))


def test_an_inspector_is_told_the_cases_to_review(qapp):
    text = assignment_text(report())
    assert "12 cases allocated to you are ready to review." in text
    assert "team" not in text


def test_a_lead_is_told_their_own_cases_and_the_team_cases_apart(qapp):
    text = assignment_text(report(own=4, lead=True))
    assert "4 cases allocated to you are ready to review." in text
    assert "8 cases of your team's are listed for collating their returns." in text
    one = assignment_text(report(cases=5, own=4, lead=True))
    assert "1 case of your team's is listed for collating their returns." in one
