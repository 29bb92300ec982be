"""Sync in the window, driven as a person does: the export dialog (contents, destination, fingerprint),
head office's import results per bundle, the receipt, removal of acknowledged data with confirmation, the
conflicts view, and a fresh laptop setting up its identity, trusting head office and importing its
assignment. Only the system file choosers are replaced. Screenshots of each dialog are written and checked
for size; look at them in the test's folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from omi_desktop.core.inspections import list_cases
from omi_desktop.core.instruments import list_instrument_reviews
from omi_desktop.core.review import answer, finalise, get_review, reopen
from omi_desktop.core.sync import keys as sync_keys
from omi_desktop.core.sync.receipts import issue_receipt
from omi_desktop.gui.actions import ActionId
from omi_desktop.gui.dialogs import sync_common
from omi_desktop.gui.dialogs.sync_conflicts import ConflictsDialog
from omi_desktop.gui.dialogs.sync_export import ExportDialog
from omi_desktop.gui.dialogs.sync_identity import IdentityDialog, PinDialog
from omi_desktop.gui.dialogs.sync_purge import PurgeDialog
from omi_desktop.gui.dialogs.sync_results import ImportResultsDialog
from tests.gui.conftest import DEMO_ANSWERED, open_window, settle
from tests.gui.helpers import active_dialog
from tests.helpers.sync_world import make_world


def shot(widget, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 5_000  # a real picture, not an empty widget
    return path


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def dismiss_message(qtbot) -> str:
    box = active_dialog(qtbot, QMessageBox)
    text = box.text()
    box.accept()
    return text


def export_from(qtbot, window, destination: Path, tmp_path: Path, name: str = "export") -> ExportDialog:
    window.actions[ActionId.EXPORT_RETURN].trigger()
    dialog = active_dialog(qtbot, ExportDialog)
    dialog.destination.clear()
    qtbot.keyClicks(dialog.destination, str(destination))
    shot(dialog, tmp_path, f"{name}-plan")
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=10_000)
    settle(qtbot, window)
    shot(dialog, tmp_path, f"{name}-done")
    return dialog


def test_export_import_at_hq_receipt_and_purge(qtbot, window, demo_dir, tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    # The finalised cases, and the training inspection's finalised questionnaire responses.
    responses = list_instrument_reviews(window.workspace.store, window.current_inspection().id)
    returned = DEMO_ANSWERED + sum(1 for r in responses if r.status == "finalised")
    # -- export: what is included, where it goes, the bundle's fingerprint ---------------------------------
    window.actions[ActionId.EXPORT_RETURN].trigger()
    dialog = active_dialog(qtbot, ExportDialog)
    assert dialog.contents.model().rowCount() == returned
    assert "TRN-HQ" in dialog.findChild(type(dialog.result_text), "exportSummary").text()
    dialog.reject()
    dialog = export_from(qtbot, window, stick / "return.omib", tmp_path)
    bundle = stick / "return.omib"
    digest = hashlib.sha256(bundle.read_bytes()).hexdigest()
    assert dialog.fingerprint.text() == sync_keys.display_fingerprint(digest)
    qtbot.waitUntil(lambda: window.status.field("export") == f"{returned} awaiting receipt")
    dialog.accept()

    # -- head office imports it in its own window: results per bundle --------------------------------------
    hq_window = open_window(qtbot, demo_dir / "training-hq")
    monkeypatch.setattr(sync_common, "ask_bundle_files", lambda parent, kind, many: [bundle, bundle])
    hq_window.actions[ActionId.HQ_IMPORT_RETURNS].trigger()
    results = active_dialog(qtbot, ImportResultsDialog)
    model = results.results.model()
    assert model.rowCount() == 2
    assert [model.index(0, c).data() for c in (1, 4)] == ["TRN-LEAD-01", str(returned)]
    assert model.index(1, 9).data() == "Already imported"
    assert model.index(0, 3).data() == sync_keys.display_fingerprint(digest)[:19]
    shot(results, tmp_path, "hq-import-results")
    results.accept()
    hq_window.close()

    # -- the receipt comes back; acknowledged data is removed after a deliberate confirmation ---------------
    from omi_desktop.core.store import Store

    with Store.open(demo_dir / "training-hq") as hq_store:
        receipt = issue_receipt(
            hq_store, sync_keys.load_private_keys(demo_dir / "training-hq"), inspector_id="TRN-LEAD-01",
            out=stick / "receipt.omir", inspection_ref=window.current_inspection().id,
        )  # fmt: skip
    monkeypatch.setattr(sync_common, "ask_bundle_files", lambda parent, kind, many: [receipt.path])
    window.actions[ActionId.IMPORT_RECEIPT].trigger()
    assert f"confirmed {returned} reviews" in dismiss_message(qtbot)
    settle(qtbot, window)
    window.actions[ActionId.PURGE_ACKNOWLEDGED].trigger()
    purge = active_dialog(qtbot, PurgeDialog)
    assert purge.items.model().rowCount() == returned
    assert not purge.remove_button.isEnabled()  # nothing is removed without the confirmation
    shot(purge, tmp_path, "purge")
    click(qtbot, purge.confirm)
    click(qtbot, purge.remove_button)
    settle(qtbot, window)
    store = window.workspace.store
    finalised = [c for c in list_cases(store, window.current_inspection().id) if c.status == "finalised"]
    assert len(finalised) == DEMO_ANSWERED
    assert all(get_review(store, c.review_id).answers == {} for c in finalised)
    qtbot.waitUntil(lambda: window.status.field("export") == "")


def test_conflicts_view_resolves_question_by_question(qtbot, tmp_path):
    world = make_world(tmp_path / "world", inspectors=("INS-A",), lead="LEAD", cases_each=1)
    for who in ("INS-A", "LEAD"):
        world.assign(who)
    a, lead = world["INS-A"], world["LEAD"]
    world.answer("INS-A")
    first = world.export("INS-A")
    from omi_desktop.core.progress import run_to_end
    from omi_desktop.core.sync.returns import import_returns

    run_to_end(import_returns(lead.store, [first], lead.keys, at="lead"))
    world.hq_import(first)
    review_id = list_cases(a.store, world.inspection_id)[0].review_id
    for party, value, note in ((lead, 3, "Moderated: three."), (a, 5, "Recounted: five.")):
        reopen(party.store, review_id, actor=party.id, reason="check")
        answer(party.store, review_id, "1.2.2", value, actor=party.id, note=note)
        finalise(party.store, review_id, actor=party.id)
    world.hq_import(world.export("LEAD"))
    world.hq_import(world.export("INS-A"))
    world.close()

    window = open_window(qtbot, world.hq.data_dir)
    window.actions[ActionId.HQ_CONFLICTS].trigger()
    dialog = active_dialog(qtbot, ConflictsDialog)
    assert dialog.listing.count() == 1 and dialog.questions.rowCount() == 1
    assert (
        "3" in dialog.questions.item(0, 1).text() and "Recounted: five." in dialog.questions.item(0, 2).text()
    )
    shot(dialog, tmp_path, "conflicts")
    choice = dialog.questions.cellWidget(0, 3)
    choice.setCurrentIndex(choice.findData("take"))
    assert not dialog.apply_button.isEnabled()  # a reason is needed
    qtbot.keyClicks(dialog.reason, "the case record shows five contacts")
    click(qtbot, dialog.apply_button)
    qtbot.waitUntil(lambda: dialog.listing.count() == 0, timeout=10_000)
    assert get_review(window.workspace.store, review_id).value("1.2.2") == 5
    dialog.reject()
    window.close()


def test_a_fresh_laptop_sets_up_its_identity_pins_hq_and_imports_its_assignment(qtbot, tmp_path, monkeypatch):
    from sqlmodel import select

    from omi_desktop.core.store.tables import Case
    from omi_desktop.core.sync import trust
    from omi_desktop.core.sync.assignment import issue_assignment

    world = make_world(tmp_path / "world", inspectors=("INS-A",), lead=None, cases_each=2)
    hq_pem = tmp_path / "hq.pem"
    hq_pem.write_bytes(world.hq.identity.public_pem())

    def assignment_from_hq(parent, kind, many):
        """Head office enrols the new key and allocates the cases to it (outside this window)."""
        me = sync_keys.load_identity(tmp_path / "new-laptop")
        trust.enrol(world.hq.store, me, confirm=me.fingerprint)
        with world.hq.store.write() as session:
            for case in session.exec(select(Case)).all():
                case.inspector_id = me.id
        out = tmp_path / "a.omia"
        issue_assignment(
            world.hq.store, world.hq.keys, inspector_id=me.id, out=out, inspection_ref=world.inspection_id
        )
        return [out]

    monkeypatch.setattr(sync_common, "ask_public_key", lambda parent: hq_pem)
    monkeypatch.setattr(sync_common, "ask_bundle_files", assignment_from_hq)
    window = open_window(qtbot, tmp_path / "new-laptop")
    # 1. Identity.
    window.actions[ActionId.IMPORT_ASSIGNMENT].trigger()
    identity = active_dialog(qtbot, IdentityDialog)
    qtbot.keyClicks(identity.name, "Inspector Sampleford")
    qtbot.keyClicks(identity.identity_id, "INS-NEW")
    shot(identity, tmp_path, "identity")
    click(qtbot, identity.buttons.button(identity.buttons.StandardButton.Ok))
    assert "fingerprint" in dismiss_message(qtbot)
    assert sync_keys.load_identity(tmp_path / "new-laptop").id == "INS-NEW"
    # 2. Trust head office's key after comparing the fingerprint; 3. the assignment is imported.
    pin = active_dialog(qtbot, PinDialog)
    assert pin.fingerprint.text() == sync_keys.display_fingerprint(world.hq.identity.fingerprint)
    shot(pin, tmp_path, "pin")
    ok = pin.findChild(type(identity.buttons)).button(identity.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # not without confirming the fingerprint
    pin.matches.setFocus()
    qtbot.keyClick(pin.matches, Qt.Key.Key_Space)  # ticked from the keyboard, as a person may
    click(qtbot, ok)
    assert "2 cases" in dismiss_message(qtbot)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.current_inspection() is not None)
    assert window.current_inspection().id == world.inspection_id
    assert len(list_cases(window.workspace.store, world.inspection_id)) == 2
    world.close()
    window.close()


def test_an_assignment_that_withdraws_the_case_on_screen_says_so_and_the_review_goes_aside(
    qtbot, tmp_path, monkeypatch
):
    """Head office reallocates a case the inspector has begun (and has open): the import says which case was
    withdrawn and what happens to the review; the case leaves the list; the export marks the review."""
    from omi_desktop.core.review import open_case_review
    from omi_desktop.core.sampling.allocation import assign
    from omi_desktop.core.sync.assignment import issue_assignment

    world = make_world(tmp_path / "world", inspectors=("INS-A", "INS-B"), lead=None, cases_each=2)
    for who in ("INS-A", "INS-B"):
        world.assign(who)
    a = world["INS-A"]
    moved = list_cases(a.store, world.inspection_id)[0]
    view = open_case_review(a.store, moved.id, actor="INS-A")
    answer(a.store, view.review.id, "1.2.2", 4, actor="INS-A", note="Four contacts so far.")
    assign(world.hq.store, world.inspection_id, moved.reference, "INS-B", actor="HQ", reason="workload")
    again = tmp_path / "a2.omia"
    issue_assignment(
        world.hq.store, world.hq.keys, inspector_id="INS-A", out=again, inspection_ref=world.inspection_id
    )
    world.close()

    window = open_window(qtbot, a.data_dir)
    settle(qtbot, window)
    assert window.current_case() is not None and window.current_case().reference == moved.reference
    monkeypatch.setattr(sync_common, "ask_bundle_files", lambda parent, kind, many: [again])
    window.actions[ActionId.IMPORT_ASSIGNMENT].trigger()
    box = active_dialog(qtbot, QMessageBox)
    shot(box, tmp_path, "assignment-withdraws")
    text = box.text()
    box.accept()
    assert "Head office has withdrawn 1 case from you" in text and "1 case allocated to you" in text
    assert f"{moved.reference}: allocated to another inspector" in text
    assert "goes to head office with your next export" in text
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 1)
    assert window.current_case() is None or window.current_case().reference != moved.reference
    qtbot.waitUntil(lambda: window.status.field("export") == "1 review of a withdrawn case to return")
    window.actions[ActionId.EXPORT_RETURN].trigger()
    dialog = active_dialog(qtbot, ExportDialog)
    model = dialog.contents.model()
    assert (model.index(0, 0).data(), model.index(0, 2).data()) == (
        moved.reference,
        "withdrawn from you: head office keeps it aside",
    )
    assert "head office keeps it aside" in dialog.findChild(type(dialog.result_text), "exportSummary").text()
    shot(dialog, tmp_path, "export-withdrawn")
    dialog.reject()
    window.close()
