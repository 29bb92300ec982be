"""What the sync and head-office commands print reads as English: counts with the right plural, values as a
person reads them (Yes, 14/05/2026, (none)), no Python reprs, no doubled words."""

from __future__ import annotations

import pytest

from omi_desktop.core.i18n import ngettext
from omi_desktop.core.inspections import list_cases
from omi_desktop.core.review import answer, clear, finalise, reopen
from tests.helpers.sync_world import make_world


@pytest.fixture
def world(tmp_path):
    w = make_world(tmp_path, inspectors=("INS-A",), lead="LEAD", cases_each=1)
    for who in ("INS-A", "LEAD"):
        w.assign(who)
    yield w
    w.close()


def test_ngettext_picks_the_form_for_the_number():
    forms = [ngettext("{n} review", "{n} reviews", n).format(n=n) for n in (0, 1, 2)]
    assert forms == ["0 reviews", "1 review", "2 reviews"]


def test_conflicts_show_values_as_read_and_counts_in_english(world, omi):
    a, lead = world["INS-A"], world["LEAD"]
    world.answer("INS-A")
    first = world.export("INS-A")
    from omi_desktop.core.progress import run_to_end
    from omi_desktop.core.sync.returns import import_returns

    run_to_end(import_returns(lead.store, [first], lead.keys, at="lead"))
    world.hq_import(first)
    review_id = list_cases(a.store, world.inspection_id)[0].review_id
    for party, value, date in ((lead, "yes", "2026-05-14"), (a, "no", None)):
        reopen(party.store, review_id, actor=party.id, reason="check")
        answer(party.store, review_id, "1.1.1", value, actor=party.id)
        if date:
            answer(party.store, review_id, "1.1.3", date, actor=party.id)
        else:
            clear(party.store, review_id, "1.1.3", actor=party.id, reason="not in the file")
        finalise(party.store, review_id, actor=party.id)
    world.hq_import(world.export("LEAD"))
    hq = ["--data-dir", world.hq.data_dir]
    imported = omi("hq", "import", world.export("INS-A"), *hq)
    assert "1 in conflict" in imported.out and "(s)" not in imported.out
    listing = omi("hq", "conflicts", *hq).out
    assert "2 questions differ, 2 undecided" in listing
    conflict_id = listing.split()[0]
    shown = omi("hq", "conflicts", conflict_id, *hq).out
    assert "head office: Yes" in shown and "INS-A      : No" in shown
    assert "14/05/2026" in shown and "(none)" in shown
    assert "'yes'" not in shown and "None" not in shown and "{" not in shown


def test_one_review_is_one_review_and_a_refusal_is_said_once(world, omi, tmp_path):
    world.answer("INS-A")
    a = ["--data-dir", world["INS-A"].data_dir]
    exported = omi("export", "--out", tmp_path / "one.omib", *a)
    assert exported.code == 0 and "Exported 1 review to" in exported.out
    hq = ["--data-dir", world.hq.data_dir]
    missing = omi("hq", "import", tmp_path / "no-such.omib", *hq)
    assert missing.code == 1 and "REFUSED: " in missing.out and "(refused)" not in missing.out
    receipt = omi("hq", "import", tmp_path / "one.omib", *hq)
    assert "1 review accepted" in receipt.out
    written = omi("hq", "receipt", "--inspector", "INS-A", "--out", tmp_path / "a.omir", *hq)
    assert "listing 1 version of their reviews" in written.out
    revoked = omi("hq", "revoke", "INS-A", "--reason", "laptop lost", *hq)
    assert "Revoked 1 key of INS-A: bundles signed with it are refused." in revoked.out
