"""A lead inspector in the window after head office's receipt: the message counts the team's reviews collated
here that are newer than head office holds and points to removing the collated copies; the Remove dialog
offers those copies (off by default, with their number) and removes them only when ticked, as
``omi purge --acknowledged --collated`` does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox

from omi_desktop.core.inspections import list_cases
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.review import answer, finalise, get_review, reopen
from omi_desktop.core.sync.receipts import PurgeItem, issue_receipt
from omi_desktop.core.sync.returns import import_returns
from omi_desktop.gui.actions import ActionId
from omi_desktop.gui.dialogs import sync_common
from omi_desktop.gui.dialogs.sync_purge import PurgeDialog
from tests.gui.conftest import open_window, settle
from tests.gui.helpers import active_dialog
from tests.helpers.sync_world import make_world


def _lead_with_a_receipt(tmp_path):
    """INS-A returns two reviews; the lead collates them; head office holds them; INS-A then changes one and
    the lead collates that newer version before head office has it. Head office's receipt to the lead."""
    world = make_world(tmp_path / "world", inspectors=("INS-A",), lead="LEAD", cases_each=2)
    for who in ("INS-A", "LEAD"):
        world.assign(who)
    a, lead = world["INS-A"], world["LEAD"]
    world.answer("INS-A")
    first = world.export("INS-A")
    run_to_end(import_returns(lead.store, [first], lead.keys, at="lead"))
    world.hq_import(first)
    changed = list_cases(a.store, world.inspection_id)[0].review_id
    reopen(a.store, changed, actor="INS-A", reason="late evidence")
    answer(a.store, changed, "1.2.4", "Late evidence seen.", actor="INS-A")
    finalise(a.store, changed, actor="INS-A")
    run_to_end(import_returns(lead.store, [world.export("INS-A")], lead.keys, at="lead"))
    receipt = issue_receipt(
        world.hq.store, world.hq.keys, inspector_id="LEAD", out=tmp_path / "lead.omir",
        inspection_ref=world.inspection_id,
    )  # fmt: skip
    [held] = [c.review_id for c in list_cases(lead.store, world.inspection_id) if c.review_id != changed]
    world.close()
    return lead.data_dir, receipt.path, changed, held


def _open_purge(qtbot, window) -> PurgeDialog:
    window.actions[ActionId.PURGE_ACKNOWLEDGED].trigger()
    return active_dialog(qtbot, PurgeDialog)


def test_a_lead_removes_the_collated_copies_head_office_holds_only_when_ticked(qtbot, tmp_path, monkeypatch):
    data_dir, receipt, changed, held = _lead_with_a_receipt(tmp_path)
    window = open_window(qtbot, data_dir)
    monkeypatch.setattr(sync_common, "ask_bundle_files", lambda parent, kind, many: [receipt])
    window.actions[ActionId.IMPORT_RECEIPT].trigger()
    box = active_dialog(qtbot, QMessageBox)
    message = box.text()
    box.grab().save(str(tmp_path / "receipt-message.png"))
    box.accept()
    assert "Head office confirmed 1 review." in message
    newer = "1 of the team's reviews collated here is newer than head office holds; its author returns it."
    assert newer in message
    assert "Remove acknowledged case data… (tick “Also remove the team's reviews collated here”)" in message
    assert "changed here since" not in message
    settle(qtbot, window)
    store = window.workspace.store

    # Offered with its number, off by default; accepted without it, nothing of the team's is removed.
    dialog = _open_purge(qtbot, window)
    option = dialog.findChild(QCheckBox, "purgeCollated")
    assert option is not None and not option.isChecked()
    assert "(1)" in option.text()
    note = dialog.findChild(QLabel, "purgeCollatedNote").text()
    assert "newer than the version head office holds is kept" in note and "Older backups are cleaned" in note
    assert dialog.items.model().rowCount() == 0
    assert not dialog.remove_button.isEnabled()
    dialog.accept()
    settle(qtbot, window)
    assert get_review(store, held).answers and get_review(store, changed).answers

    # Ticked: the copy head office holds goes; the newer one stays for its author to return.
    dialog = _open_purge(qtbot, window)
    option = dialog.findChild(QCheckBox, "purgeCollated")
    qtbot.mouseClick(option, Qt.MouseButton.LeftButton)
    assert dialog.items.model().rowCount() == 1
    assert "(collated from your team)" in dialog.items.model().index(0, 0).data()
    assert not dialog.remove_button.isEnabled()  # still needs the confirmation
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    dialog.grab().save(str(tmp_path / "purge-collated.png"))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert get_review(store, held).answers == {}
    assert get_review(store, changed).value("1.2.4") == "Late evidence seen."
    assert window.findChild(PurgeDialog) is None or not window.findChild(PurgeDialog).isVisible()
    window.close()


def test_the_dialog_keeps_the_collated_copies_out_unless_ticked(qtbot):
    own = [PurgeItem(f"r{n}", f"C00{n}", 2, "1d91fedf0000") for n in (1, 2)]
    team = [PurgeItem(f"t{n}", f"C01{n}", 1, "1d91fedf0000") for n in (1, 2, 3)]
    dialog = PurgeDialog(None, own, team)
    qtbot.addWidget(dialog)
    option = dialog.findChild(QCheckBox, "purgeCollated")
    assert "(3)" in option.text() and not dialog.include_collated()
    assert dialog.items.model().rowCount() == 2
    dialog.confirm.setChecked(True)
    assert dialog.remove_button.isEnabled()  # the own reviews alone
    option.setChecked(True)
    assert dialog.include_collated() and dialog.items.model().rowCount() == 5
    option.setChecked(False)
    assert dialog.items.model().rowCount() == 2
    plain = PurgeDialog(None, own)
    qtbot.addWidget(plain)
    assert plain.findChild(QCheckBox, "purgeCollated") is None and not plain.include_collated()
