"""The area assessment and the questionnaires in the window, driven from the keyboard: the lead records and
finalises the area assessment; anyone adds and fills in questionnaire responses; the cases come back as
they were. (The training inspection has the area assessment two-thirds answered and a dozen responses.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlmodel import select

from omi_desktop.core import review as core_review
from omi_desktop.core.instruments import list_instrument_reviews
from omi_desktop.core.settings import IDENTITY_ID, set_setting
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Review
from omi_desktop.gui.dialogs.add_questionnaire import AddQuestionnaireDialog
from omi_desktop.gui.dialogs.finalise import FinaliseDialog
from omi_desktop.gui.features.instruments import AREA_TAB, CASES_TAB, QUESTIONNAIRES_TAB
from tests.gui.conftest import open_window, settle
from tests.gui.helpers import active_dialog, open_case, press, type_text
from tests.gui.keyboard import answer_by_keyboard

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def shown(qtbot, window, words):
    """Wait until the review panel shows a loaded review whose header holds ``words``."""
    panel = window.review
    qtbot.waitUntil(
        lambda: panel.view is not None and not panel.session.loading and words in panel.ui.headerTitle.text()
    )
    settle(qtbot, window)


def stored(window, subject):
    inspection = window.current_inspection()
    return list_instrument_reviews(window.workspace.store, inspection.id, subject=subject)


def test_the_lead_records_and_finalises_the_area_assessment(qtbot, window, tmp_path):
    open_case(qtbot, window, "TRN00001")
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert window.instruments.tabs.currentIndex() == AREA_TAB
    shown(qtbot, window, "Leadership and strategic planning")
    assert window.current_case() is None  # the case actions do not act on a case that is not shown
    assert not window.actions["case.print_feedback"].isEnabled()
    panel = window.review
    press(qtbot, Qt.Key.Key_Return)  # from the list into the answer
    while panel.view.evaluation.missing:
        press(qtbot, Qt.Key.Key_J, CTRL)  # the next question that still needs an answer
        answer_by_keyboard(qtbot, panel, panel.question_id)
        settle(qtbot, window)
    press(qtbot, Qt.Key.Key_E, CTRL)
    type_text(qtbot, "Supervision records seen for two teams.")
    press(qtbot, Qt.Key.Key_Escape)
    settle(qtbot, window)
    qid = panel.question_id
    window.grab().save(str(tmp_path / "area-assessment.png"))
    press(qtbot, Qt.Key.Key_F, CTRL_SHIFT)
    dialog = active_dialog(qtbot, FinaliseDialog)
    assert not dialog.missing
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, window)
    [area] = stored(window, "area")
    assert area.status == "finalised" and area.finalised_by == "TRN-LEAD-01"
    view = core_review.get_review(window.workspace.store, area.review_id)
    assert view.note(qid) == "Supervision records seen for two teams."
    assert panel.page.read_only and "Judgements</b>" in window.instruments.area.overview.text()
    assert window.instruments.area.model.data(window.instruments.area.model.index(0, 1)) == "Finalised"

    window.activateWindow()  # what the window manager does when a dialog closes (offscreen has none)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)  # back to the cases, as they were
    assert window.instruments.tabs.currentIndex() == CASES_TAB
    shown(qtbot, window, "TRN00001")
    assert window.current_case().reference == "TRN00001"
    assert window.actions["case.print_feedback"].isEnabled()


def test_questionnaires_are_added_and_answered_from_the_keyboard(qtbot, window, tmp_path):
    before = {r.label for r in stored(window, "respondent")}
    press(qtbot, Qt.Key.Key_N, CTRL_SHIFT)
    dialog = active_dialog(qtbot, AddQuestionnaireDialog)
    assert window.instruments.tabs.currentIndex() == QUESTIONNAIRES_TAB
    assert dialog.label() == "OQ-007"  # the next free label of the questionnaire shown first
    press(qtbot, Qt.Key.Key_Down)  # the questionnaire list has the keyboard: the victim questionnaire
    assert dialog.instrument() == "victim" and dialog.label() == "VQ-004"
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "oq-001")  # replaces the offered label (it is selected)
    assert (
        not dialog.add_button.isEnabled()
        and "already a questionnaire labelled oq-001" in dialog.problem.text()
    )
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "VQ-010")
    assert dialog.add_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    shown(qtbot, window, "VQ-010")
    window.activateWindow()  # what the window manager does when a dialog closes (offscreen has none)
    qtbot.waitUntil(window.isActiveWindow)
    panel = window.review
    assert "Victim questionnaire" in panel.ui.headerTitle.text()
    for _ in range(3):  # the keyboard is in the answer: each answer moves on to the next question
        answer_by_keyboard(qtbot, panel, panel.question_id)
        settle(qtbot, window)
    window.grab().save(str(tmp_path / "questionnaire.png"))
    new = [r for r in stored(window, "respondent") if r.label not in before]
    assert [(r.label, r.instrument, r.status) for r in new] == [("VQ-010", "victim", "in_progress")]
    answers = core_review.get_review(window.workspace.store, new[0].review_id).answers
    assert len(answers) == 3 and window.instruments.questionnaires.selected_entry().label == "VQ-010"

    press(qtbot, Qt.Key.Key_PageDown, CTRL)  # the case keys bring the cases back
    assert window.instruments.tabs.currentIndex() == CASES_TAB
    qtbot.waitUntil(lambda: window.current_case() is not None and window.review.view is not None)


def test_only_the_lead_starts_the_area_assessment(qtbot, demo_dir):
    store = Store.open(demo_dir)
    with store.write() as session:  # no area assessment yet, and this installation is not the lead
        session.delete(session.exec(select(Review).where(Review.instrument == "area")).one())
    set_setting(store, IDENTITY_ID, "TRN-INS-02")
    store.close()
    window = open_window(qtbot, demo_dir)
    settle(qtbot, window)
    press(qtbot, Qt.Key.Key_2, CTRL)
    settle(qtbot, window)
    panel = window.review
    qtbot.waitUntil(lambda: panel.ui.stack.currentWidget() is panel.ui.emptyPage)
    assert "not started yet. Only the lead inspector, TRN-LEAD-01, records it." in panel.ui.emptyLabel.text()
    assert stored(window, "area")[0].review_id is None  # nothing was started
    assert not window.actions["review.finalise"].isEnabled()
    window.close()


def test_the_list_model_shows_label_questionnaire_status_and_progress(qtbot):
    from datetime import UTC, datetime

    from omi_desktop.core.instruments import InstrumentReview
    from omi_desktop.gui.models.instruments import InstrumentTableModel, entry_key

    def row(label, status, progress, purged=False):
        moment = datetime(2026, 11, 4, 10, 30, tzinfo=UTC)
        return InstrumentReview(
            f"id-{label}", "i", "offender", "Offender questionnaire", "respondent", label, status, progress,
            3, moment, moment, moment if status == "finalised" else None, "INS-A", purged, "collated",
        )  # fmt: skip

    model = InstrumentTableModel("respondent")
    model.set_rows([row("OQ-002", "finalised", 100, purged=True), row("OQ-010", "in_progress", 40)])
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Label", "Questionnaire", "Status", "Done"
    ]  # fmt: skip
    assert shown == [
        ["OQ-002", "Offender questionnaire", "Removed after receipt", "100%"],
        ["OQ-010", "Offender questionnaire", "In progress", "40%"],
    ]
    assert "returned by a team member" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.row_of(entry_key(model.entry_at(1))) == 1
    area = InstrumentTableModel("area")
    assert area.columnCount() == 3
