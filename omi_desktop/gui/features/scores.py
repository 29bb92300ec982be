"""Inspection → Scores…: the headline scores, the regional comparison and the criteria, on screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from omi_desktop.gui.actions import ActionId

# The scoring (and the report code it shares) and the dialog are imported when the scores are asked for:
# the window installs this feature just after it first appears and must not wait for them.
if TYPE_CHECKING:
    from omi_desktop.core.inspections import InspectionInfo
    from omi_desktop.core.store import Store
    from omi_desktop.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    window.actions.connect(ActionId.INSPECTION_SCORES, lambda: show_scores(window))

    def update(*_args: object) -> None:
        window.actions.set_enabled(ActionId.INSPECTION_SCORES, window.current_inspection() is not None)

    window.case_list.case_selected.connect(update)  # also fires when an inspection's cases are shown
    window.bus.data_changed.connect(update)
    window.bus.store_switched.connect(update)
    update()


def figures(store: Store, inspection: InspectionInfo) -> dict[str, Any]:
    """What the dialog shows, read on the worker thread."""
    from omi_desktop.core.framework.registry import get_framework
    from omi_desktop.core.i18n import current_language
    from omi_desktop.core.scoring import inspection_scores
    from omi_desktop.core.scoring.regional import regional_comparison

    framework = get_framework(store, inspection.framework_id, inspection.framework_version)
    language = current_language()
    titles = {t.id: t.title.get(language) for t in framework.threads}
    for instrument in framework.scored_instruments:
        titles |= {c.id: c.title.get(language) for c in framework.criteria(instrument)}
    return {
        "scores": inspection_scores(store, inspection.id),
        "comparison": regional_comparison(store, inspection.id),
        "titles": titles,
    }


def show_scores(window: MainWindow) -> None:
    inspection = window.current_inspection()
    if inspection is None:
        return
    store = window.workspace.store

    def show(found: dict[str, Any]) -> None:
        from omi_desktop.gui.dialogs.scores import ScoresDialog

        dialog = ScoresDialog(window, inspection, found["scores"], found["comparison"], found["titles"])
        dialog.finished.connect(dialog.deleteLater)
        window.scores_dialog = dialog
        dialog.open()

    window.review.flush()
    window.tasks.run(lambda: figures(store, inspection), parent=window, success=show)
