"""Finalise, reopen and history for the review panel (the dialogs, and the writes through the session).
They serve any review: a case's, the area assessment, a questionnaire response."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from omi_desktop.core import review as core_review
from omi_desktop.core.review.lifecycle import IncompleteError, missing_items
from omi_desktop.gui.dialogs.error import show_error

# The dialogs are imported when first opened: the window does not need them to start.
if TYPE_CHECKING:
    from omi_desktop.gui.dialogs.finalise import FinaliseDialog
    from omi_desktop.gui.dialogs.reopen import ReopenDialog
    from omi_desktop.gui.review.panel import ReviewPanel


def tr(text: str) -> str:
    return QCoreApplication.translate("ReviewPanel", text)


def _reference(panel: ReviewPanel) -> str:
    """The case reference, or the questionnaire response or area assessment shown."""
    return panel.label()


def finalise(panel: ReviewPanel) -> FinaliseDialog | None:
    """Show what is missing (choose one to go there), or ask to confirm and finalise."""
    from omi_desktop.gui.dialogs.finalise import FinaliseDialog

    panel.flush()
    view = panel.view
    if view is None or view.review.finalised:
        return None
    dialog = FinaliseDialog(_reference(panel), missing_items(view), panel.window)
    dialog.go_to.connect(lambda qid: (panel.go_to(qid), panel.focus_answer()))
    if not dialog.missing:
        dialog.accepted.connect(lambda: _finalise_now(panel))
    dialog.open()
    return dialog


def _finalise_now(panel: ReviewPanel) -> None:
    def done(_view: object) -> None:
        panel.window.statusBar().showMessage(
            tr("{reference} finalised.").format(reference=_reference(panel)), 8000
        )

    def failed(error: BaseException) -> None:
        from omi_desktop.gui.dialogs.finalise import FinaliseDialog

        if isinstance(error, IncompleteError) and error.missing:
            dialog = FinaliseDialog(_reference(panel), error.missing, panel.window)
            dialog.go_to.connect(lambda qid: (panel.go_to(qid), panel.focus_answer()))
            dialog.open()
        else:
            show_error(panel.window, error)

    panel.session.finalise(done, failed)


def reopen(panel: ReviewPanel) -> ReopenDialog | None:
    from omi_desktop.gui.dialogs.reopen import ReopenDialog

    view = panel.view
    if view is None or not view.review.finalised:
        return None
    dialog = ReopenDialog(_reference(panel), panel.window)

    def accepted() -> None:
        panel.session.reopen(dialog.reason(), lambda _view: panel.focus_answer())

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


def history(panel: ReviewPanel) -> None:
    view = panel.view
    if view is None:
        return
    panel.flush()
    store = panel.window.workspace.store
    review_id = view.review.id
    reference = _reference(panel)

    def show(entries: list[core_review.AuditEntry]) -> None:
        from omi_desktop.gui.dialogs.history import HistoryDialog

        HistoryDialog(reference, entries, panel.window).open()

    if panel.session.unstarted:
        show([])  # not started: nothing has been recorded
        return

    panel.window.tasks.run(
        lambda: core_review.audit_trail(store, review_id), parent=panel.window, success=show, changes=None
    )
