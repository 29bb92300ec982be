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


def test_the_lead_is_told_what_is_theirs_and_does_not_collate_their_own_return(omi, tmp_path):
    from sqlmodel import select

    from omi_desktop.core.store.tables import Case

    world = make_world(tmp_path / "w", inspectors=("INS-A", "INS-B"), lead="LEAD", cases_each=1)
    try:
        with world.hq.store.write() as session:  # the lead reviews one case too
            session.exec(select(Case).where(Case.reference == "C002")).one().inspector_id = "LEAD"
        lead = world["LEAD"]
        path = world.root / "outbox" / "assignment-LEAD.omia"
        path.parent.mkdir()
        from omi_desktop.core.sync.assignment import issue_assignment

        issue_assignment(
            world.hq.store, world.hq.keys, inspector_id="LEAD", out=path, inspection_ref=world.inspection_id
        )
        imported = omi("assignment", "import", path, "--data-dir", lead.data_dir)
        assert imported.code == 0, imported.err
        assert "1 case allocated to you and 1 of your team's to collate." in imported.out
        world.answer("LEAD")
        own = world.export("LEAD")
        collated = omi("collate", own, "--data-dir", lead.data_dir)
        assert collated.code == 1 and "REFUSED (own-bundle)" in collated.out
        assert "this installation's own return (bundle 1 of LEAD)" in collated.out
        assert "does not know" not in collated.out
    finally:
        world.close()


def test_hq_import_on_a_laptop_says_it_is_not_head_office(world, omi):
    world.answer("INS-A")
    bundle = world.export("INS-A")
    refused = omi("hq", "import", bundle, "--data-dir", world["LEAD"].data_dir)
    assert refused.code == 1
    assert "this is not a head-office installation (LEAD is an inspector's)" in refused.err
    assert "omi collate" in refused.err


def test_a_pinned_head_office_key_is_replaced_by_unpinning_it_first(world, omi, tmp_path):
    from omi_desktop.core.sync import keys as sync_keys

    a = ["--data-dir", world["INS-A"].data_dir]
    new_hq = tmp_path / "new-hq"
    sync_keys.create_keys(new_hq, identity_id="HQ", name="Head office (new key)", role="hq")
    assert omi("keys", "export-public", "--out", tmp_path / "new.pem", "--data-dir", new_hq).code == 0
    new_fp = sync_keys.display_fingerprint(sync_keys.load_identity(new_hq).fingerprint)
    old_fp = sync_keys.display_fingerprint(world.hq.identity.fingerprint)
    blocked = omi("keys", "pin-hq", tmp_path / "new.pem", "--confirm", new_fp, *a)
    assert blocked.code == 1 and "first run 'omi keys unpin-hq' and confirm its fingerprint" in blocked.err
    unconfirmed = omi("keys", "unpin-hq", *a)  # not at a terminal: the fingerprint is required
    assert unconfirmed.code == 1 and "pass its fingerprint with --confirm FINGERPRINT" in unconfirmed.err
    assert old_fp not in unconfirmed.err  # to be looked up on purpose, not pasted from the refusal
    wrong = omi("keys", "unpin-hq", "--confirm", new_fp, *a)
    assert wrong.code == 1
    assert "does not match the pinned key; nothing was changed" in wrong.err and old_fp not in wrong.err
    unpinned = omi("keys", "unpin-hq", "--confirm", old_fp, *a)
    assert unpinned.code == 0 and "unpinned" in unpinned.out and "omi keys pin-hq" in unpinned.out
    assert omi("keys", "pin-hq", tmp_path / "new.pem", "--confirm", new_fp, *a).code == 0
    listed = omi("keys", "list", "--json", *a).json()["keys"]
    assert [k["name"] for k in listed if k["source"] == "pinned"] == ["Head office (new key)"]


def test_unpinning_at_a_terminal_asks_for_the_fingerprint_without_showing_it(world, omi, monkeypatch):
    import builtins
    import sys

    from omi_desktop.core.sync import keys as sync_keys

    a = ["--data-dir", world["INS-A"].data_dir]
    fp = sync_keys.display_fingerprint(world.hq.identity.fingerprint)
    typed: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)  # the user at a terminal
    replies = iter(["0000 1111 2222 3333 4444 5555 6666 7777", fp])
    monkeypatch.setattr(builtins, "input", lambda prompt="": typed.append(prompt) or next(replies))
    wrong = omi("keys", "unpin-hq", *a)
    assert wrong.code == 1 and "does not match the pinned key" in wrong.err
    assert fp not in wrong.out + wrong.err + "".join(typed)
    assert "Type its fingerprint to unpin it" in typed[0]
    right = omi("keys", "unpin-hq", *a)
    assert right.code == 0 and "unpinned" in right.out
    assert [k for k in omi("keys", "list", "--json", *a).json()["keys"] if k["source"] == "pinned"] == []
