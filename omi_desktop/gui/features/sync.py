"""Sync in the window: import assignments, receipts and team bundles, export returns, remove acknowledged
data (laptops); import returned bundles, resolve conflicts, issue assignments (head office)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from omi_desktop.gui.actions import ActionId
from omi_desktop.gui.changes import Change, Changes
from omi_desktop.gui.dialogs import sync_common as files
from omi_desktop.gui.features._sync_texts import assignment_text, receipt_text

if TYPE_CHECKING:
    from omi_desktop.gui.main_window import MainWindow

LAPTOP = (
    ActionId.IMPORT_ASSIGNMENT,
    ActionId.IMPORT_RECEIPT,
    ActionId.EXPORT_RETURN,
    ActionId.PURGE_ACKNOWLEDGED,
)
HQ = (ActionId.HQ_IMPORT_RETURNS, ActionId.HQ_CONFLICTS, ActionId.HQ_ISSUE_ASSIGNMENTS)
# Imports may replace a review a window shows (an empty one opened here gives way to the returned
# one): announce them as a new inspection state, so windows reopen what they show rather than reload it.
ALL = Changes(Change.INSPECTIONS | Change.CASES | Change.BUNDLES)


def tr(text: str) -> str:
    return QCoreApplication.translate("Sync", text)


def install(window: MainWindow) -> None:
    from omi_desktop.gui.features import _sync_hq as sync_hq

    connect = window.actions.connect
    connect(ActionId.IMPORT_ASSIGNMENT, lambda: import_assignment(window))
    connect(ActionId.IMPORT_RECEIPT, lambda: import_receipt(window))
    connect(ActionId.IMPORT_BUNDLE, lambda: sync_hq.import_returns(window, at="lead"))
    connect(ActionId.EXPORT_RETURN, lambda: export(window))
    connect(ActionId.PURGE_ACKNOWLEDGED, lambda: purge(window))
    connect(ActionId.HQ_IMPORT_RETURNS, lambda: sync_hq.import_returns(window, at="hq"))
    connect(ActionId.HQ_CONFLICTS, lambda: sync_hq.conflicts(window))
    connect(ActionId.HQ_ISSUE_ASSIGNMENTS, lambda: sync_hq.issue(window))

    def update(*_args: object) -> None:
        role = identity_role(window)
        inspection = window.current_inspection()
        for action_id in LAPTOP:
            needs_inspection = action_id in (ActionId.EXPORT_RETURN, ActionId.IMPORT_RECEIPT)
            window.actions.set_enabled(
                action_id, role != "hq" and (inspection is not None or not needs_inspection)
            )
        window.actions.set_enabled(ActionId.IMPORT_BUNDLE, role == "inspector" and inspection is not None)
        for action_id in HQ:
            window.actions.set_enabled(action_id, role == "hq")
        update_status(window)

    window.bus.data_changed.connect(update)
    window.bus.store_switched.connect(update)
    window.case_list.case_selected.connect(update)
    update()


def identity_role(window: MainWindow) -> str | None:
    from omi_desktop.core.errors import OmiError
    from omi_desktop.core.sync.keys import has_identity, load_identity

    data_dir = window.workspace.data_dir
    try:
        return load_identity(data_dir).role if has_identity(data_dir) else None
    except OmiError:
        return None


def update_status(window: MainWindow) -> None:
    """The status-bar field "export": how many finalised reviews wait for export or for a receipt."""
    from omi_desktop.core.sync.export import sync_status

    inspection = window.current_inspection()
    if not window.isVisible() or inspection is None or identity_role(window) != "inspector":
        window.status.set_field("export", "")
        return
    status = sync_status(window.workspace.store, inspection.id)  # one small read, like the case list's
    parts = []
    # Reviews, not cases: finalised questionnaires and the area assessment travel in the return too.
    if status.not_exported:
        parts.append(
            files.trn("{n} review not yet exported", "{n} reviews not yet exported", status.not_exported)
        )
    if status.awaiting_receipt:
        parts.append(tr("{n} awaiting receipt").format(n=status.awaiting_receipt))
    if status.withdrawn_to_return:
        parts.append(
            files.trn(
                "{n} review of a withdrawn case to return",
                "{n} reviews of withdrawn cases to return",
                status.withdrawn_to_return,
            )
        )
    tip = tr(
        "Finalised reviews (cases, questionnaire responses and the area assessment) whose latest version "
        "is not in a return bundle yet, or waits for head office's receipt. File → Export finalised reviews…"
    )
    window.status.set_field("export", ", ".join(parts), tip=tip if parts else None)


# -- keys ---------------------------------------------------------------------------------------------------
def with_keys(window: MainWindow, then: Callable[[bytes | None], None]) -> None:
    """Make sure this installation has keys, ask for the passphrase if they need one, then ``then``."""
    from omi_desktop.core.errors import OmiError
    from omi_desktop.core.sync.keys import has_identity, is_protected, read_passphrase_file
    from omi_desktop.gui.dialogs.error import show_error

    data_dir = window.workspace.data_dir
    if not has_identity(data_dir):
        set_up_identity(window, lambda: with_keys(window, then))
        return
    try:
        passphrase = read_passphrase_file(None)
    except OmiError as error:
        show_error(window, error)
        return
    if passphrase is None and is_protected(data_dir):
        passphrase = files.ask_passphrase(window)
        if passphrase is None:
            return
    then(passphrase)


def set_up_identity(window: MainWindow, then: Callable[[], None]) -> None:
    from omi_desktop.gui.dialogs.sync_identity import IdentityDialog

    dialog = IdentityDialog(window)
    window.sync_dialog = dialog
    data_dir, store = window.workspace.data_dir, window.workspace.store

    def create() -> Any:
        from omi_desktop.core.settings import IDENTITY_ID, IDENTITY_NAME, put_setting
        from omi_desktop.core.sync.keys import create_keys

        name, identity_id, passphrase = dialog.values()
        identity = create_keys(data_dir, identity_id=identity_id, name=name, passphrase=passphrase)
        with store.write() as session:
            put_setting(session, IDENTITY_ID, identity.id)
            put_setting(session, IDENTITY_NAME, identity.name)
        public = data_dir / "keys" / "public-identity.pem"
        public.write_bytes(identity.public_pem())
        return identity, public

    def created(found: Any) -> None:
        from omi_desktop.core.sync.keys import display_fingerprint

        identity, public = found
        window.workspace.refresh_actor()
        box = window.sync_message = files.inform(
            window,
            tr("Identity created"),
            tr(
                "Your fingerprint is {fp}.\n\nGive head office your public key file, {file}, and read them "
                "this fingerprint so they can enrol you."
            ).format(fp=display_fingerprint(identity.fingerprint), file=public),
        )
        box.finished.connect(lambda _result: then())  # go on once the person has read it

    dialog.accepted.connect(
        lambda: window.tasks.run(create, parent=window, success=created, changes=Changes(Change.SETTINGS))
    )
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def ensure_hq_pinned(window: MainWindow, then: Callable[[], None]) -> None:
    """Laptops trust one head-office key; ask for its file and a confirmed fingerprint the first time."""
    from omi_desktop.core.sync import trust
    from omi_desktop.core.sync.keys import read_public_file
    from omi_desktop.gui.dialogs.error import show_error
    from omi_desktop.gui.dialogs.sync_identity import PinDialog

    store = window.workspace.store
    if trust.pinned_hq(store) is not None:
        then()
        return
    chosen = files.ask_public_key(window)
    if chosen is None:
        return
    try:
        identity = read_public_file(chosen)
    except Exception as error:  # a readable sentence from core, shown with its details
        show_error(window, error)
        return
    dialog = PinDialog(window, identity, chosen)
    window.sync_dialog = dialog
    dialog.accepted.connect(
        lambda: window.tasks.run(
            lambda: trust.pin_hq(store, identity, confirm=identity.fingerprint),
            parent=window,
            success=lambda _info: then(),
            changes=Changes(Change.SETTINGS),
        )
    )
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


# -- laptop actions -----------------------------------------------------------------------------------------
def import_assignment(window: MainWindow) -> None:
    def chosen_file(passphrase: bytes | None) -> None:
        ensure_hq_pinned(window, lambda: _import_assignment(window, passphrase))

    with_keys(window, chosen_file)


def _import_assignment(window: MainWindow, passphrase: bytes | None) -> None:
    from omi_desktop.core.sync.assignment import import_assignment as core_import
    from omi_desktop.core.sync.keys import load_private_keys

    paths = files.ask_bundle_files(window, "assignment", many=False)
    if not paths:
        return
    store, data_dir = window.workspace.store, window.workspace.data_dir

    def done(report: Any) -> None:
        if report.inspection is not None and report.status == "imported":
            window.workspace.choose_inspection(report.inspection.id)
            window.bus.data_changed.emit(Changes(Change.INSPECTIONS | Change.CASES), None)
        window.sync_message = files.inform(window, tr("Assignment"), assignment_text(report))

    window.tasks.run(
        lambda: core_import(store, paths[0], load_private_keys(data_dir, passphrase)),
        parent=window,
        success=done,
        changes=ALL,
    )


def import_receipt(window: MainWindow) -> None:
    from omi_desktop.core.sync.keys import load_private_keys
    from omi_desktop.core.sync.receipts import import_receipt as core_import

    def go(passphrase: bytes | None) -> None:
        paths = files.ask_bundle_files(window, "receipt", many=False)
        if not paths:
            return
        store, data_dir = window.workspace.store, window.workspace.data_dir

        def done(r: Any) -> None:
            window.sync_message = files.inform(window, tr("Receipt"), receipt_text(r))

        window.tasks.run(
            lambda: core_import(store, paths[0], load_private_keys(data_dir, passphrase)),
            parent=window,
            success=done,
            changes=ALL,
        )

    with_keys(window, go)


def export(window: MainWindow) -> None:
    from omi_desktop.core.sync.export import plan_export, sync_status
    from omi_desktop.gui.dialogs.sync_export import ExportDialog

    inspection = window.current_inspection()
    if inspection is None:
        return
    window.review.flush()
    store = window.workspace.store
    folder = Path.home() / "Documents"
    suggested = (folder if folder.is_dir() else Path.home()) / f"return-{inspection.area_code}.omib"

    def show(found: Any) -> None:
        plan, status = found
        dialog = ExportDialog(window, plan, status, suggested)
        window.sync_dialog = dialog
        dialog.export_requested.connect(lambda path: _run_export(window, dialog, path, inspection.id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    window.tasks.run(
        lambda: (plan_export(store, inspection.id), sync_status(store, inspection.id)),
        parent=window,
        success=show,
    )


def _run_export(window: MainWindow, dialog: Any, path: Path, inspection_id: str) -> None:
    from omi_desktop.core.sync.export import export_return
    from omi_desktop.core.sync.keys import load_private_keys
    from omi_desktop.gui.dialogs.error import show_error

    store, data_dir = window.workspace.store, window.workspace.data_dir

    def failed(error: BaseException) -> None:
        dialog.export_failed()
        show_error(dialog, error)

    def go(passphrase: bytes | None) -> None:
        window.tasks.run_operation(
            lambda: export_return(store, load_private_keys(data_dir, passphrase), path, inspection_id),
            title=tr("Exporting finalised reviews…"),
            parent=dialog,
            success=dialog.show_result,
            failure=failed,
            changes=Changes(Change.BUNDLES),
        )

    with_keys(window, go)


def purge(window: MainWindow) -> None:
    from omi_desktop.core.sync.receipts import purge as core_purge
    from omi_desktop.core.sync.receipts import purgeable
    from omi_desktop.gui.dialogs.sync_purge import PurgeDialog

    store = window.workspace.store

    def find() -> tuple[list[Any], list[Any]]:
        """The installation's own acknowledged reviews, and (a lead's) the team's collated copies."""
        own = purgeable(store)
        mine = {i.review_id for i in own}
        return own, [i for i in purgeable(store, collated=True) if i.review_id not in mine]

    def show(found: Any) -> None:
        own, collated = found
        dialog = PurgeDialog(window, own, collated)
        window.sync_dialog = dialog

        def removed(done: Any) -> None:
            window.statusBar().showMessage(
                files.trn(
                    "Removed the personal data of {n} review.",
                    "Removed the personal data of {n} reviews.",
                    len(done),
                ),
                8000,
            )

        def accepted() -> None:
            collated_too = dialog.include_collated()
            window.tasks.run(
                lambda: core_purge(store, collated=collated_too).items,
                parent=window,
                success=removed,
                changes=ALL,
            )

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    window.review.flush()
    window.tasks.run(find, parent=window, success=show)
