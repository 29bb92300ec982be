"""Head office in the window: the set-up wizard from an empty data folder to a drawn sample, a long list with
problems, and the allocation dialog (automatic, by hand, refused by the rules). Only the system file dialog
is replaced."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QWizard
from shiboken6 import isValid

from omi_desktop.core.inspections import list_cases
from omi_desktop.core.sampling import team
from omi_desktop.core.sampling.allocation import allocation_history
from omi_desktop.core.sampling.analysis import sample_analysis
from omi_desktop.core.sampling.records import current_sample
from omi_desktop.core.sampling.synthetic import synthetic_long_list, write_long_list_csv
from omi_desktop.core.setup import InspectorSpec
from omi_desktop.gui.actions import ActionId
from omi_desktop.gui.dialogs.error import ErrorDialog
from omi_desktop.gui.dialogs.hq_allocation import AllocationDialog, CasesModel
from omi_desktop.gui.dialogs.hq_setup import InspectorDialog, SetupWizard
from tests.gui.conftest import settle
from tests.gui.helpers import active_dialog

FIELDWORK = date(2026, 11, 2)
TEAM = (
    InspectorSpec("INS-01", "Inspector Sampleford", experienced=True),
    InspectorSpec("INS-02", "Inspector Testwood", experienced=True),
    InspectorSpec("INS-03", "Inspector Mockby"),
)


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wizard_button(wizard, which):
    return wizard.button(which)


def open_editor(qtbot, view) -> QComboBox:
    """F2 on the current cell, once any earlier editor has gone: the inspector list to choose from."""
    qtbot.waitUntil(lambda: view.findChild(QComboBox, "inspectorEditor") is None)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QComboBox, "inspectorEditor")
    assert editor is not None and editor.isVisible()
    return editor


def choose(qtbot, editor: QComboBox, inspector_id: str) -> None:
    """Pick an inspector in the open editor and press Enter; returns once the delegate has committed it
    (it does so on the next turn of the event loop, then closes the editor)."""
    editor.setCurrentIndex(editor.findData(inspector_id))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(editor) or not editor.isVisible())


def open_wizard(qtbot, window) -> SetupWizard:
    window.actions[ActionId.HQ_NEW_INSPECTION].trigger()
    return active_dialog(qtbot, SetupWizard)


def add_team(store) -> None:
    for spec in TEAM:
        team.add_inspector(store, spec)


def test_from_an_empty_folder_to_a_drawn_sample(qtbot, empty_window, tmp_path, monkeypatch):
    window = empty_window
    wizard = open_wizard(qtbot, window)
    ui = wizard.inspection_page.ui
    # Nobody is known yet: add an inspector from the wizard, as a person would.
    for spec in TEAM:
        click(qtbot, ui.addInspectorButton)
        dialog = active_dialog(qtbot, InspectorDialog)
        qtbot.keyClicks(dialog.ui.idEdit, spec.id)
        qtbot.keyClicks(dialog.ui.nameEdit, spec.name)
        if spec.experienced:
            dialog.ui.experiencedCheck.click()
        click(qtbot, dialog.ui.buttons.button(dialog.ui.buttons.StandardButton.Ok))
        qtbot.waitUntil(
            lambda spec=spec: ui.teamList.count() and spec.id in wizard.inspection_page.team_ids()
        )
        settle(qtbot, window)
    assert wizard_button(wizard, QWizard.WizardButton.CommitButton).isEnabled() is False  # no area yet
    qtbot.keyClicks(ui.areaCodeEdit, "EX")
    qtbot.keyClicks(ui.areaNameEdit, "Exampleshire (fictional)")
    assert ui.titleEdit.text() == "Exampleshire (fictional) Offender Management Inspection"
    ui.fieldworkStartEdit.setDate(QDate(2026, 11, 2))
    ui.fieldworkEndEdit.setDate(QDate(2026, 11, 6))
    ui.leadCombo.setCurrentIndex(ui.leadCombo.findData("INS-01"))
    click(qtbot, wizard_button(wizard, QWizard.WizardButton.CommitButton))
    qtbot.waitUntil(lambda: wizard.currentId() == 1, timeout=10_000)
    store = window.workspace.store
    inspection = window.current_inspection()
    assert (
        inspection is not None and inspection.area_code == "EX" and inspection.lead_inspector_id == "INS-01"
    )
    assert {m.id for m in team.team_of(store, inspection.id)} == {"INS-01", "INS-02", "INS-03"}

    # The long list: typed path, then Next reads and checks it.
    path = write_long_list_csv(
        tmp_path / "longlist.csv", synthetic_long_list(1200, seed=4, fieldwork_start=FIELDWORK)
    )
    page = wizard.longlist_page
    qtbot.keyClicks(page.path_edit, str(path))
    click(qtbot, wizard_button(wizard, QWizard.WizardButton.NextButton))
    qtbot.waitUntil(lambda: wizard.currentId() == 2, timeout=10_000)
    assert "1,200 case rows (UTF-8); no problems." in page.summary.text()

    # The sample: a fixed seed, a smaller size, a minimum.
    sample = wizard.sample_page.ui
    sample.seedEdit.clear()
    qtbot.keyClicks(sample.seedEdit, "-5")  # a minus sign cannot be typed: seeds are 0 or more
    assert sample.seedEdit.text() == "5"
    sample.seedEdit.setText("-5")  # pasted past the field's check, it is still refused
    assert not wizard_button(wizard, QWizard.WizardButton.CommitButton).isEnabled()
    assert sample.hint.text() == "The seed is a whole number, 0 or more (press New seed for one)."
    sample.seedEdit.clear()
    qtbot.keyClicks(sample.seedEdit, "42")
    sample.sizeSpin.setValue(40)
    sample.asOfEdit.setDate(QDate(2026, 10, 1))
    sample.highRoshSpin.setValue(10)
    assert sample.windowStartEdit.date() == QDate(2026, 4, 2) and sample.windowEndEdit.date() == QDate(
        2026, 5, 2
    )
    click(qtbot, wizard_button(wizard, QWizard.WizardButton.CommitButton))
    qtbot.waitUntil(lambda: wizard.currentId() == 3, timeout=20_000)
    qtbot.waitUntil(lambda: wizard.analysis_page.analysis is not None, timeout=10_000)
    drawn = current_sample(store, inspection.id)
    assert (
        drawn.seed == 42 and drawn.parameters["size"] == 40 and drawn.parameters["minimums"][0]["count"] == 10
    )
    assert len(list_cases(store, inspection.id)) == 40
    analysis = sample_analysis(store, inspection.id)
    strata = wizard.analysis_page.strata.model()
    assert strata.rowCount() == 5
    assert [strata.item(r, 4).text() for r in range(5)] == [str(s.sampled) for s in analysis.strata]
    assert "40 cases sampled (seed 42)" in wizard.analysis_page.summary.text()
    now = analysis.minimums[0]["now"]
    assert (
        f"Minimum high or very high RoSH: {now} (at least 10 required)."
        in wizard.analysis_page.details.text()
    )

    # Save the analysis as PDF (the system file dialog replaced by the person's choice).
    target = tmp_path / "analysis.pdf"
    monkeypatch.setattr(
        "omi_desktop.gui.dialogs.hq_sample.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    click(qtbot, wizard.analysis_page.pdf_button)
    qtbot.waitUntil(lambda: "Saved" in wizard.analysis_page.details.text(), timeout=10_000)
    assert target.read_bytes().startswith(b"%PDF")
    with qtbot.waitSignal(wizard.finished):
        click(qtbot, wizard_button(wizard, QWizard.WizardButton.FinishButton))
    settle(qtbot, window)
    assert window.current_inspection().id == inspection.id  # the window shows the new inspection


def test_a_long_list_with_problems_needs_the_choice_to_leave_rows_out(qtbot, empty_window, tmp_path):
    window = empty_window
    store = window.workspace.store
    add_team(store)
    wizard = open_wizard(qtbot, window)
    ui = wizard.inspection_page.ui
    qtbot.keyClicks(ui.areaCodeEdit, "EX")
    qtbot.keyClicks(ui.areaNameEdit, "Exampleshire")
    ui.fieldworkStartEdit.setDate(QDate(2026, 11, 2))
    ui.fieldworkEndEdit.setDate(QDate(2026, 11, 6))
    click(qtbot, wizard_button(wizard, QWizard.WizardButton.CommitButton))
    qtbot.waitUntil(lambda: wizard.currentId() == 1, timeout=10_000)
    rows = synthetic_long_list(300, seed=5, quirks=False, fieldwork_start=FIELDWORK)
    rows[3]["start_date"] = "31/02/2026"
    path = write_long_list_csv(tmp_path / "bad.csv", rows)
    page = wizard.longlist_page
    qtbot.keyClicks(page.path_edit, str(path))
    click(qtbot, page.check_button)
    qtbot.waitUntil(lambda: wizard.longlist is not None, timeout=10_000)
    assert page.problems.item(0).text() == "row 5, column start_date: '31/02/2026' is not a date"
    next_button = wizard_button(wizard, QWizard.WizardButton.NextButton)
    assert page.skip_check.isVisible() and not next_button.isEnabled()
    page.skip_check.click()
    assert next_button.isEnabled()
    click(qtbot, next_button)
    qtbot.waitUntil(lambda: wizard.currentId() == 2, timeout=10_000)
    wizard.sample_page.ui.sizeSpin.setValue(20)
    wizard.sample_page.ui.asOfEdit.setDate(QDate(2026, 10, 1))
    click(qtbot, wizard_button(wizard, QWizard.WizardButton.CommitButton))
    qtbot.waitUntil(lambda: wizard.currentId() == 3, timeout=20_000)
    analysis = sample_analysis(store, window.current_inspection().id)
    assert analysis.counts["invalid"] == 1 and analysis.invalid[0].row == 5
    wizard.accept()


@pytest.fixture
def sampled_window(qtbot, empty_window, tmp_path):
    """A window on an inspection with a drawn sample of 60 cases and a team with a local assessor."""
    members = (
        *TEAM,
        InspectorSpec("LA-01", "Assessor Fictionham", role="local_assessor", home_team="Nowhere Team"),
    )
    return window_with_sample(qtbot, empty_window, tmp_path, members)


def window_with_sample(qtbot, window, tmp_path, members, size=60):
    from omi_desktop.core.progress import run_to_end
    from omi_desktop.core.sampling.longlist import read_long_list
    from omi_desktop.core.sampling.parameters import parameters_for
    from omi_desktop.core.sampling.records import sample_operation
    from omi_desktop.core.settings import CURRENT_INSPECTION, set_setting
    from omi_desktop.core.setup import create_inspection
    from omi_desktop.gui.changes import Change, Changes

    store = window.workspace.store
    inspection = create_inspection(
        store,
        title="Exampleshire OMI",
        area_code="EX",
        area_name="Exampleshire",
        fieldwork_start=FIELDWORK,
        team=members,
    )
    path = write_long_list_csv(
        tmp_path / "list.csv", synthetic_long_list(1500, seed=6, fieldwork_start=FIELDWORK)
    )
    parameters = parameters_for(FIELDWORK, size=size, seed=3, as_of=date(2026, 10, 1))
    run_to_end(sample_operation(store, inspection.id, read_long_list(path), parameters, actor="HQ"))
    set_setting(store, CURRENT_INSPECTION, inspection.id)
    window.bus.announce(Changes(Change.ALL))
    settle(qtbot, window)
    return window, inspection


def test_allocation_automatic_by_hand_and_refused(qtbot, sampled_window):
    window, inspection = sampled_window
    store = window.workspace.store
    assert window.actions[ActionId.HQ_ALLOCATE].isEnabled()
    window.actions[ActionId.HQ_ALLOCATE].trigger()
    dialog = active_dialog(qtbot, AllocationDialog)
    qtbot.waitUntil(lambda: dialog.cases.rowCount() == 60)
    assert "60 not allocated" in dialog.ui.summary.text()
    click(qtbot, dialog.ui.autoButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "0 not allocated" in dialog.ui.summary.text())
    loads = sorted(dialog.loads.index(r, 2).data() for r in range(dialog.loads.rowCount()))
    assert loads[-1] - loads[0] <= 1 and sum(loads) == 60

    # By hand: a low RoSH case moves to the inspector without experience, with the keyboard.
    cases = list_cases(store, inspection.id)
    low = next(c for c in cases if c.rosh_level == "low" and c.inspector_id != "INS-03")
    row = next(r for r, c in enumerate(dialog.cases.rows) if c.reference == low.reference)
    view = dialog.ui.casesView
    view.setFocus()
    view.setCurrentIndex(dialog.cases.index(row, CasesModel.INSPECTOR))
    choose(qtbot, open_editor(qtbot, view), "INS-03")
    settle(qtbot, window)  # the change, then the table read again
    assert (
        dialog.cases.rows[row].reference == low.reference and dialog.cases.rows[row].inspector_id == "INS-03"
    )
    assert (
        next(c for c in list_cases(store, inspection.id) if c.reference == low.reference).inspector_id
        == "INS-03"
    )
    last = allocation_history(store, inspection.id)[-1]
    assert (last["case"], last["to"], last["method"]) == (low.reference, "INS-03", "manual")

    # A high RoSH case cannot go to that inspector: refused with the rule, nothing changes.
    high = next(c for c in list_cases(store, inspection.id) if c.rosh_level in ("high", "very_high"))
    row = next(r for r, c in enumerate(dialog.cases.rows) if c.reference == high.reference)
    view.setCurrentIndex(dialog.cases.index(row, CasesModel.INSPECTOR))
    choose(qtbot, open_editor(qtbot, view), "INS-03")
    error = active_dialog(qtbot, ErrorDialog)
    assert error.message.text() == (
        f"Case {high.reference} cannot go to INS-03: "
        "a high or very high RoSH case needs an experienced inspector."
    )
    error.close()
    settle(qtbot, window)
    assert (
        next(c for c in list_cases(store, inspection.id) if c.reference == high.reference).inspector_id
        == high.inspector_id
    )
    dialog.close()


def test_an_allocation_the_rules_forbid_lists_each_case_and_the_rule(qtbot, empty_window, tmp_path):
    novices = (InspectorSpec("INS-03", "Inspector Mockby"), InspectorSpec("INS-04", "Inspector Exampleton"))
    window, inspection = window_with_sample(qtbot, empty_window, tmp_path, novices, size=150)
    high = sorted(
        c.reference
        for c in list_cases(window.workspace.store, inspection.id)
        if c.rosh_level in ("high", "very_high")
    )
    assert len(high) > 15  # more than the dialog lists under its sentence
    window.actions[ActionId.HQ_ALLOCATE].trigger()
    dialog = active_dialog(qtbot, AllocationDialog)
    qtbot.waitUntil(lambda: dialog.cases.rowCount() == 150)
    click(qtbot, dialog.ui.autoButton)
    error = active_dialog(qtbot, ErrorDialog)
    lines = error.message.text().splitlines()
    assert lines[0] == f"{len(high)} cases cannot be allocated; nothing was changed."
    listed = [line for line in lines if line.startswith("• ")]
    assert [line.split()[2] for line in listed] == high[:15]
    assert all(
        line.endswith("none of the 2 inspectors may have it, because a high or very high RoSH case needs an "
                      "experienced inspector.")
        for line in listed
    )  # fmt: skip
    assert lines[-1] == f"…and {len(high) - 15} more (every one is in the details)."
    assert all(f"• case {ref} (" in error.details for ref in high)  # the full list, behind the button
    assert "Traceback" in error.details  # still there for support, after the list
    assert error.details.index(f"• case {high[-1]} (") < error.details.index("Traceback")
    error.close()
    dialog.close()
    assert {c.inspector_id for c in list_cases(window.workspace.store, inspection.id)} == {None}
