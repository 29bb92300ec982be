"""Head office's (and the lead's) side of sync in the window: importing returned bundles, conflicts, and
issuing assignments. Used by features/sync.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog

from omi_desktop.gui.changes import Change, Changes
from omi_desktop.gui.dialogs import sync_common as files

if TYPE_CHECKING:
    from omi_desktop.gui.main_window import MainWindow

# Imports may replace a review a window shows (an empty one opened here gives way to the returned
# one): announce them as a new inspection state, so windows reopen what they show rather than reload it.
ALL = Changes(Change.INSPECTIONS | Change.CASES | Change.BUNDLES)


def tr(text: str) -> str:
    return QCoreApplication.translate("Sync", text)


def import_returns(window: MainWindow, *, at: str) -> None:
    from omi_desktop.core.sync.keys import load_private_keys
    from omi_desktop.core.sync.returns import import_returns as core_import
    from omi_desktop.gui.dialogs.sync_results import ImportResultsDialog
    from omi_desktop.gui.features.sync import with_keys

    def go(passphrase: bytes | None) -> None:
        paths = files.ask_bundle_files(window, "return", many=True)
        if not paths:
            return
        store, data_dir = window.workspace.store, window.workspace.data_dir

        def show(reports: Any) -> None:
            dialog = ImportResultsDialog(window, reports, collation=at == "lead")
            window.sync_dialog = dialog
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        window.review.flush()
        window.tasks.run_operation(
            lambda: core_import(store, paths, load_private_keys(data_dir, passphrase), at=at),
            title=tr("Checking and importing bundles…"),
            parent=window,
            success=show,
            changes=ALL,
        )

    with_keys(window, go)


def conflicts(window: MainWindow) -> None:
    from omi_desktop.core.sync import conflicts as core
    from omi_desktop.gui.dialogs.sync_conflicts import ConflictsDialog

    store = window.workspace.store

    def listing() -> tuple[Any, dict[str, str]]:
        found = core.list_conflicts(store)
        return found, review_names(store, found)

    def show(found: Any) -> None:
        dialog = ConflictsDialog(window, *found)
        window.sync_dialog = dialog

        def resolve(conflict_id: str, decisions: dict, reason: str) -> None:
            def work() -> Any:
                core.resolve(store, conflict_id, decisions, actor=window.workspace.actor, reason=reason)
                return listing()

            window.tasks.run(
                work, parent=dialog, success=lambda again: dialog.load(*again), failure=None, changes=ALL
            )

        dialog.resolve_requested.connect(resolve)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    window.tasks.run(listing, parent=window, success=show)


def review_names(store: Any, conflicts: Any) -> dict[str, str]:
    """How people name the reviews of conflicts that are not a case's: "Questionnaire CS-004 (Client
    survey)", "Area assessment (Governance review)" (read on the worker, with the conflicts)."""
    from omi_desktop.core.instruments import list_instrument_reviews

    names: dict[str, str] = {}
    for inspection_id in {c.inspection_id for c in conflicts if c.case_reference is None}:
        for entry in list_instrument_reviews(store, inspection_id):
            if entry.review_id is None:
                continue
            if entry.respondent:
                names[entry.review_id] = tr("Questionnaire {label} ({title})").format(
                    label=entry.respondent, title=entry.instrument_title
                )
            else:
                names[entry.review_id] = tr("Area assessment ({title})").format(title=entry.instrument_title)
    return names


def issue(window: MainWindow) -> None:
    """Head office → Issue assignments…: one signed assignment per enrolled member of the team."""
    from omi_desktop.core.errors import OmiError
    from omi_desktop.core.sync.assignment import issue_assignment
    from omi_desktop.core.sync.keys import load_private_keys
    from omi_desktop.core.sync.trust import list_keys
    from omi_desktop.gui.features.sync import with_keys

    inspection = window.current_inspection()
    if inspection is None:
        return
    store, data_dir = window.workspace.store, window.workspace.data_dir
    enrolled = sorted(
        {k.identity.id for k in list_keys(store) if k.source == "enrolled" and k.status == "active"}
    )
    if not enrolled:
        window.sync_message = files.inform(
            window, tr("Issue assignments"), tr("No inspector is enrolled yet.")
        )
        return
    everyone = tr("Everyone enrolled")
    who, ok = QInputDialog.getItem(
        window, tr("Issue assignments"), tr("For whom?"), [everyone, *enrolled], 0, False
    )
    if not ok:
        return
    folder = files.ask_folder(window, tr("Folder to write the assignments to"))
    if folder is None:
        return
    chosen = enrolled if who == everyone else [who]

    def go(passphrase: bytes | None) -> None:
        def work() -> list[Any]:
            keys = load_private_keys(data_dir, passphrase)
            issued, skipped = [], []
            for inspector in chosen:
                out = folder / f"assignment-{inspection.area_code}-{inspector}.omia"
                try:
                    issued.append(
                        issue_assignment(
                            store, keys, inspector_id=inspector, out=out, inspection_ref=inspection.id
                        )
                    )
                except OmiError as error:  # reported per inspector; the others are still issued
                    skipped.append(f"{inspector}: {error}")
            return [issued, skipped]

        def done(found: list[Any]) -> None:
            issued, skipped = found
            lines = [
                files.trn(
                    "Wrote {n} assignment to {folder}.",
                    "Wrote {n} assignments to {folder}.",
                    len(issued),
                    folder=folder,
                )
            ]
            lines += [
                files.trn(
                    "The assignment of {who} withdraws {n} case they had: {refs}.",
                    "The assignment of {who} withdraws {n} cases they had: {refs}.",
                    len(i.withdrawn),
                    who=i.recipient,
                    refs=", ".join(i.withdrawn),
                )
                for i in issued
                if i.withdrawn
            ]
            lines += [tr("Not issued — {why}").format(why=s) for s in skipped]
            window.sync_message = files.inform(window, tr("Issue assignments"), "\n".join(lines))

        window.tasks.run(work, parent=window, success=done, changes=Changes(Change.BUNDLES))

    with_keys(window, go)
