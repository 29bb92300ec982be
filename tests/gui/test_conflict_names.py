"""Head office's conflicts view names what each conflict is about: the case, the questionnaire response
(its label and questionnaire) or the area assessment, never "case —"."""

from __future__ import annotations

from omi_desktop.core import review
from omi_desktop.core.instruments import add_questionnaire, open_area_review
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.sync.returns import import_returns
from omi_desktop.gui.actions import ActionId
from omi_desktop.gui.dialogs.sync_conflicts import ConflictsDialog
from tests.gui.conftest import open_window
from tests.gui.helpers import active_dialog
from tests.helpers.instruments import FRAMEWORK
from tests.helpers.sync_world import make_world


def diverge(world, review_id: str, question_id: str, values: dict[str, str]) -> None:
    """The lead (who collated the review) and its author both reopen and change it, then both return it."""
    for who, value in values.items():
        store = world[who].store
        review.reopen(store, review_id, actor=who, reason="check")
        review.answer(store, review_id, question_id, value, actor=who)
        review.finalise(store, review_id, actor=who)


def test_questionnaire_and_area_assessment_conflicts_are_named(qtbot, tmp_path):
    world = make_world(
        tmp_path / "world", inspectors=("INS-A",), lead="LEAD", cases_each=1, framework=FRAMEWORK
    )
    for who in ("INS-A", "LEAD"):
        world.assign(who)
    ins, lead = world["INS-A"], world["LEAD"]
    response = add_questionnaire(ins.store, world.inspection_id, "client", "CS-004", actor="INS-A").review.id
    for qid, value in {"CS.1.1": "yes", "CS.1.2": "quite", "CS.1.3": ["housing"], "CS.1.4": "no"}.items():
        review.answer(ins.store, response, qid, value, actor="INS-A")
    review.finalise(ins.store, response, actor="INS-A")
    area = open_area_review(lead.store, world.inspection_id, actor="LEAD").review.id
    for qid, value in {"G.1.1": "yes", "G.1.2": "partly", "G.2.1": "no"}.items():
        review.answer(lead.store, area, qid, value, actor="LEAD")
    review.finalise(lead.store, area, actor="LEAD")
    first = world.export("INS-A")
    run_to_end(import_returns(lead.store, [first], lead.keys, at="lead"))
    world.hq_import(first)
    world.hq_import(world.export("LEAD"))
    # The questionnaire: changed by its author and by the lead. The area assessment: changed at head office
    # (a moderation) and by the lead.
    diverge(world, response, "CS.1.4", {"LEAD": "yes", "INS-A": "no"})
    hq = world.hq.store
    review.reopen(hq, area, actor="HQ", reason="moderation")
    review.answer(hq, area, "G.2.1", "partly", actor="HQ")
    review.finalise(hq, area, actor="HQ")
    review.reopen(lead.store, area, actor="LEAD", reason="more evidence")
    review.answer(lead.store, area, "G.1.1", "no", actor="LEAD")
    review.finalise(lead.store, area, actor="LEAD")
    world.hq_import(world.export("LEAD"))
    world.hq_import(world.export("INS-A"))
    world.close()

    window = open_window(qtbot, world.hq.data_dir)
    window.actions[ActionId.HQ_CONFLICTS].trigger()
    dialog = active_dialog(qtbot, ConflictsDialog)
    rows = sorted(dialog.listing.item(row).text().splitlines() for row in range(dialog.listing.count()))
    assert rows == [
        ["Area assessment (Governance review)", "from LEAD · questions that differ: 2"],
        ["Questionnaire CS-004 (Client survey)", "from INS-A · questions that differ: 1"],
    ]
    dialog.reject()
    window.close()
