"""Cases withdrawn after an assignment was issued, end to end with real stores, keys and bundles: head office
replaces or reallocates a case an inspector already holds, issues new assignments, and returns keep flowing.

- Replacement: the withdrawn case leaves the laptop (its personal data at once when nothing was started);
  a begun or finalised review of it travels in the next return, head office keeps it aside, the receipt
  acknowledges it and purge removes it. Later returns are never blocked.
- Reallocation after issue: the first inspector's begun review is kept aside at head office; the second
  inspector's review of the same case is accepted as the case's review, whatever the order of arrival.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from omi_desktop.core.demo import PlausibleAnswers
from omi_desktop.core.framework import registry
from omi_desktop.core.inspections import list_cases
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.review import answer_many, finalise, open_case_review
from omi_desktop.core.sampling.allocation import allocate, assign
from omi_desktop.core.sampling.records import sample_operation
from omi_desktop.core.sampling.replace import replace_case
from omi_desktop.core.setup import InspectorSpec, create_inspection
from omi_desktop.core.sync import keys as sync_keys
from omi_desktop.core.sync import trust
from omi_desktop.core.sync.assignment import import_assignment, issue_assignment
from omi_desktop.core.sync.export import sync_status
from omi_desktop.core.sync.returns import import_returns
from omi_desktop.core.sync.setaside import set_aside_reviews
from omi_desktop.core.sync.withdrawal import withdrawn_cases
from tests.helpers.sampling import FIELDWORK, generated, parameters
from tests.helpers.sync_world import ANCHOR, World, _party

TEAM = ("INS-A", "INS-B")


def ok(result):
    assert result.code == 0, result.err
    return result


@pytest.fixture
def world(tmp_path):
    """Head office with a sampled inspection (buffer kept for replacements), allocated to INS-A and INS-B;
    every laptop has imported its first assignment."""
    hq = _party(tmp_path, "HQ", "Head office (test)", "hq")
    inspection = create_inspection(
        hq.store,
        title="Testshire Offender Management Inspection",
        area_code="TST",
        area_name="Testshire (fictional)",
        fieldwork_start=FIELDWORK,
        lead=InspectorSpec("LEAD", "Inspector LEAD", role="lead", experienced=True),
        team=[InspectorSpec(i, f"Inspector {i}", experienced=True) for i in TEAM],
    )
    run_to_end(
        sample_operation(
            hq.store,
            inspection.id,
            generated(400, seed=5),
            parameters(size=10, buffer_percent=60, max_per_officer=None),
            actor="HQ",
        )
    )
    allocate(hq.store, inspection.id, actor="HQ", without=("LEAD",))
    w = World(tmp_path, hq, lead="LEAD", framework_id="omi-2006", inspection_id=inspection.id)
    for identity_id in (*TEAM, "LEAD"):
        party = _party(tmp_path, identity_id, f"Inspector {identity_id}", "inspector")
        w.people[identity_id] = party
        trust.enrol(hq.store, party.identity, confirm=party.identity.fingerprint)
        trust.pin_hq(party.store, hq.identity, confirm=sync_keys.display_fingerprint(hq.identity.fingerprint))
    for identity_id in (*TEAM, "LEAD"):
        w.assign(identity_id)
    yield w
    w.close()


def mine(world: World, who: str) -> list:
    return [c for c in list_cases(world[who].store, world.inspection_id) if c.inspector_id == who]


def work(world: World, who: str, case, *, finalised: bool) -> str:
    """Answer a case's review (all of it and finalise, or only its first questions); returns the review id."""
    store = world[who].store
    framework = registry.get_framework(store, "omi-2006", 1)
    view = open_case_review(store, case.id, actor=who)
    items = PlausibleAnswers(framework, random.Random(case.reference), ANCHOR).for_review(
        "case", view.facts, view.active_modules, {}
    )
    view = answer_many(store, view.review.id, items if finalised else items[:3], actor=who)
    if finalised:
        finalise(store, view.review.id, actor=who)
    return view.review.id


def reissue(world: World, who: str) -> Path:
    out = world.root / "outbox" / f"assignment-{who}-{len(list((world.root / 'outbox').glob('*')))}.omia"
    issue_assignment(
        world.hq.store, world.hq.keys, inspector_id=who, out=out, inspection_ref=world.inspection_id
    )
    return out


def laptop(world: World, who: str) -> list[str]:
    return ["--data-dir", world[who].data_dir]


def hq_dir(world: World) -> list[str]:
    return ["--data-dir", world.hq.data_dir]


def test_replaced_cases_leave_the_laptop_and_their_reviews_never_block_a_return(world, omi):
    a = world["INS-A"]
    first, second, third, fourth = mine(world, "INS-A")[:4]
    finalised_id = work(world, "INS-A", first, finalised=True)
    begun_id = work(world, "INS-A", second, finalised=False)
    open_case_review(a.store, third.id, actor="INS-A")  # opened, nothing answered: a placeholder
    assert sync_status(a.store, world.inspection_id).not_exported == 1

    # Head office replaces three of INS-A's cases (it cannot know the laptop began two of them).
    for case in (first, second, third):
        replace_case(
            world.hq.store, world.inspection_id, case.reference, reason="cannot be inspected", actor="HQ"
        )
    allocated = {
        c.reference for c in list_cases(world.hq.store, world.inspection_id) if c.inspector_id == "INS-A"
    }
    issued = ok(
        omi("hq", "issue-assignment", "--inspector", "INS-A", "--out", world.root / "a2.omia", *hq_dir(world))
    )
    assert "It withdraws 3 cases they had:" in issued.out and first.reference in issued.out

    imported = ok(omi("assignment", "import", world.root / "a2.omia", *laptop(world, "INS-A")))
    assert f"{len(allocated)} cases allocated to you" in imported.out
    assert "It withdraws 3 cases from you:" in imported.out
    lines = {line.split(":")[0].strip(): line for line in imported.out.splitlines()[2:]}
    assert "goes to head office with your next export" in lines[first.reference]
    assert "goes to head office with your next export" in lines[second.reference]
    assert "its personal data was removed" in lines[third.reference]

    # The laptop's case list is the new allocation; the withdrawn cases' personal data has gone.
    assert {c.reference for c in list_cases(a.store, world.inspection_id)} == allocated
    conn = sqlite3.connect(a.data_dir / "omi.sqlite3")
    gone = (first.reference, second.reference, third.reference)
    assert (
        conn.execute("SELECT count(*) FROM inspection_case WHERE reference IN (?, ?, ?)", gone).fetchone()[0]
        == 0
    )
    assert (
        conn.execute("SELECT count(*) FROM review WHERE id IN (?, ?)", (finalised_id, begun_id)).fetchone()[0]
        == 0
    )
    tombstones = conn.execute(
        "SELECT reference, disposition, review_status, review IS NOT NULL FROM case_withdrawal"
    ).fetchall()
    assert sorted(tombstones) == sorted(
        [
            (first.reference, "kept", "finalised", 1),
            (second.reference, "kept", "in_progress", 1),
            (third.reference, "removed", "not_started", 0),
        ]
    )
    # Withdrawn reviews count in no progress figure, only as reviews to return.
    status = sync_status(a.store, world.inspection_id)
    assert (status.finalised, status.not_exported, status.withdrawn_to_return) == (0, 0, 2)
    listing = ok(omi("assignment", "withdrawn", *laptop(world, "INS-A"))).out
    assert "3 cases withdrawn from you" in listing and "by assignment 2" in listing

    # INS-A goes on with a case still theirs; the return carries it and the two withdrawn reviews.
    work(world, "INS-A", fourth, finalised=True)
    dry = ok(omi("export", "--out", world.root / "x.omib", "--dry-run", *laptop(world, "INS-A"))).out
    assert "3 reviews would be exported" in dry and dry.count("head office keeps it aside") == 2
    exported = ok(omi("export", "--out", world.root / "a-1.omib", *laptop(world, "INS-A"))).out
    assert (
        "Exported 3 reviews" in exported and "2 of them are reviews of cases withdrawn from you" in exported
    )

    # Head office imports it: nothing refused; the withdrawn reviews are kept aside, never merged.
    hq_import = ok(omi("hq", "import", world.root / "a-1.omib", *hq_dir(world))).out
    assert "1 review accepted, 2 kept aside" in hq_import
    assert f"{first.reference}: kept aside: the case is no longer in the inspection" in hq_import
    aside = set_aside_reviews(world.hq.store)
    assert {(i.case_reference, i.status, i.reason) for i in aside} == {
        (first.reference, "finalised", "removed"),
        (second.reference, "in_progress", "removed"),
    }
    hq_cases = {c.reference: c for c in list_cases(world.hq.store, world.inspection_id)}
    assert first.reference not in hq_cases and hq_cases[fourth.reference].status == "finalised"
    shown = ok(omi("hq", "set-aside", aside[0].id[:8], *hq_dir(world))).out
    assert "kept aside on" in shown and "Why: the case is no longer in the inspection" in shown

    # Receipt and purge: the kept reviews are acknowledged and removed; tombstones stay.
    ok(omi("hq", "receipt", "--inspector", "INS-A", "--out", world.root / "a.omir", *hq_dir(world)))
    receipt = ok(omi("receipt", "import", world.root / "a.omir", "--json", *laptop(world, "INS-A"))).json()
    assert receipt["acknowledged"] == 3 and receipt["unknown"] == 0
    purged = ok(omi("purge", "--acknowledged", *laptop(world, "INS-A"))).out
    assert "Removed the personal data of 3 acknowledged reviews" in purged
    assert conn.execute("SELECT count(*) FROM case_withdrawal WHERE review IS NOT NULL").fetchone()[0] == 0
    assert sync_status(a.store, world.inspection_id).withdrawn_to_return == 0

    # Nothing waits now; a later review goes through as usual (no bundle is ever blocked).
    nothing = omi("export", "--out", world.root / "a-2.omib", *laptop(world, "INS-A"))
    assert nothing.code == 1 and "every finalised review has been acknowledged" in nothing.err
    work(world, "INS-A", mine(world, "INS-A")[1], finalised=True)
    later = ok(omi("hq", "import", world.export("INS-A"), *hq_dir(world))).out
    assert "1 review accepted" in later and "REFUSED" not in later
    conn.close()


def test_a_case_reallocated_after_issue_goes_to_the_second_inspector_and_the_first_review_is_kept_aside(
    world,
):
    moved, sent_early, kept = mine(world, "INS-A")[:3]
    begun = work(world, "INS-A", moved, finalised=False)
    work(world, "INS-A", sent_early, finalised=True)
    early_bundle = world.export("INS-A")  # head office has not imported it yet
    lead = world["LEAD"]
    run_to_end(import_returns(lead.store, [early_bundle], lead.keys, at="lead"))  # the lead collates it
    work(world, "INS-A", kept, finalised=True)

    # Head office moves two of INS-A's cases to INS-B (one begun, one already on its way back).
    for case in (moved, sent_early):
        assign(world.hq.store, world.inspection_id, case.reference, "INS-B", actor="HQ", reason="workload")
    for who in ("INS-A", "INS-B", "LEAD"):
        report = import_assignment(world[who].store, reissue(world, who), world[who].keys)
        assert report.status == "imported"
        if who == "INS-A":
            assert {(w.reference, w.reason, w.standing) for w in report.withdrawn} == {
                (moved.reference, "reallocated", "to_return"),
                (sent_early.reference, "reallocated", "awaiting_receipt"),  # it went in bundle 1
            }
    # The lead lets go of INS-A's collated review of the case now INS-B's (INS-A returns it to head office).
    at_lead = {c.reference: c for c in list_cases(lead.store, world.inspection_id)}
    assert at_lead[sent_early.reference].inspector_id == "INS-B"
    assert at_lead[sent_early.reference].status == "not_started"
    b_cases = {c.reference for c in mine(world, "INS-B")}
    assert {moved.reference, sent_early.reference} <= b_cases
    assert moved.reference not in {c.reference for c in list_cases(world["INS-A"].store, world.inspection_id)}

    # INS-B reviews the moved case; INS-A's later return still carries its begun review of it.
    b_review = work(
        world,
        "INS-B",
        next(c for c in mine(world, "INS-B") if c.reference == moved.reference),
        finalised=True,
    )
    a_bundle = world.export("INS-A")
    b_bundle = world.export("INS-B")

    # The lead's collation does not stop at them either: it leaves them for head office.
    collated = run_to_end(import_returns(lead.store, [a_bundle], lead.keys, at="lead"))[0]
    assert collated.status == "imported" and collated.counts()["set_aside"] == 2

    # Head office: INS-A's early bundle and later bundle are accepted; the moved cases' reviews by INS-A are
    # kept aside; INS-B's review is the case's review, with no conflict, whichever arrives first.
    reports = world.hq_import(a_bundle, early_bundle, b_bundle)
    assert [r.status for r in reports] == ["imported", "imported", "imported"]
    outcomes = {(r.case_reference, r.outcome) for report in reports for r in report.reviews}
    assert (moved.reference, "set_aside") in outcomes and (sent_early.reference, "set_aside") in outcomes
    assert (moved.reference, "accepted") in outcomes and (kept.reference, "accepted") in outcomes
    hq_case = next(
        c for c in list_cases(world.hq.store, world.inspection_id) if c.reference == moved.reference
    )
    assert hq_case.inspector_id == "INS-B" and hq_case.review_id == b_review and hq_case.status == "finalised"
    assert {(i.case_reference, i.reason) for i in set_aside_reviews(world.hq.store)} == {
        (moved.reference, "reallocated"),
        (sent_early.reference, "reallocated"),
    }
    assert {i.review_id for i in set_aside_reviews(world.hq.store)} >= {begun}
    hq = sqlite3.connect(world.hq.data_dir / "omi.sqlite3")
    assert hq.execute("SELECT count(*) FROM sync_conflict").fetchone()[0] == 0
    hq.close()


def test_an_inspector_whose_every_case_moved_gets_an_empty_assignment_that_withdraws_them(world):
    held = {c.reference for c in mine(world, "INS-B")}
    for reference in held:
        assign(world.hq.store, world.inspection_id, reference, "INS-A", actor="HQ", reason="illness")
    report = import_assignment(world["INS-B"].store, reissue(world, "INS-B"), world["INS-B"].keys)
    assert report.cases == 0
    assert {(w.reference, w.reason, w.standing) for w in report.withdrawn} == {
        (reference, "reallocated", "removed") for reference in held
    }
    assert list_cases(world["INS-B"].store, world.inspection_id) == []
    assert len(withdrawn_cases(world["INS-B"].store, world.inspection_id)) == len(held)
