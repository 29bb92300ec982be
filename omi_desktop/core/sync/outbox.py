"""Writing a bundle file safely, and numbering bundles per sender.

A bundle is written to a temporary file beside its destination, flushed and synced, read back and verified,
and only then renamed into place. Its sequence number is reserved in the store first (state ``pending``)
and marked ``complete`` after the rename; a pending reservation left by a crash is settled on the next
write: completed if its file is in place and verifies, otherwise marked ``abandoned``. A number is never
handed out twice (the file may yet exist where this installation cannot see it, on a removed stick); the
sender's next return lists its abandoned numbers so that the receiver does not report them as missing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import OmiError, RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import InspectionInfo
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import ReceivedBundle, SentBundle
from omi_desktop.core.sync.bundle import open_bundle, read_file, write_bundle
from omi_desktop.core.sync.keys import PrivateKeys, PublicIdentity
from omi_desktop.core.sync.schema import EXTENSIONS
from omi_desktop.core.sync.trust import fixed_signer

PARTIAL_SUFFIX = ".partial"
ABANDONED = "abandoned"  # a reserved number whose bundle was never completed here


@dataclass(frozen=True)
class IssuedBundle:
    path: Path
    bundle_id: str
    sequence: int
    sha256: str
    items: int
    recipient: str
    withdrawn: tuple[str, ...] = ()  # an assignment: the cases it withdraws from its recipient, by reference

    def as_json(self) -> dict[str, Any]:
        return {k: str(v) if isinstance(v, Path) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class Reservation:
    bundle_id: str
    sequence: int
    path: Path


def destination(out: Path | str, kind: str) -> Path:
    """The absolute destination path, with the kind's extension added when the name has none."""
    path = Path(out).expanduser()
    wanted = EXTENSIONS[kind]
    if not path.suffix:
        path = path.with_name(path.name + wanted)
    elif path.suffix.lower() != wanted:
        raise RefusedError(
            _("a {kind} bundle is named *{ext}, not {name}").format(kind=kind, ext=wanted, name=path.name)
        )
    if not path.parent.is_dir():
        raise RefusedError(_("the folder {folder} does not exist").format(folder=path.parent))
    if path.exists():
        raise RefusedError(
            _("{path} already exists; choose another name (bundles are never overwritten)").format(path=path)
        )
    return path.resolve()


def reserve(
    store: Store, *, kind: str, inspection_id: str, subject: str, path: Path, contents: Any
) -> Reservation:
    """Take the next sequence number for (kind, inspection, subject) and record the bundle as pending."""
    bundle_id = str(uuid.uuid4())
    with store.write() as session:
        highest = session.execute(
            select(func.max(SentBundle.sequence)).where(
                SentBundle.kind == kind,
                SentBundle.inspection_id == inspection_id,
                SentBundle.subject == subject,
            )
        ).scalar()
        sequence = (highest or 0) + 1
        session.add(
            SentBundle(
                bundle_id=bundle_id,
                kind=kind,
                inspection_id=inspection_id,
                subject=subject,
                sequence=sequence,
                path=str(path),
                contents=contents,
            )
        )
    return Reservation(bundle_id, sequence, path)


def release(store: Store, reservation: Reservation) -> None:
    """Abandon a sequence number whose bundle was not written (nothing was renamed into place)."""
    if reservation.path.exists():
        return  # settled on the next write, from the file itself
    with store.write() as session:
        row = session.get(SentBundle, reservation.bundle_id)
        if row is not None and row.state == "pending":
            row.state = ABANDONED
            session.add(row)


def abandoned_sequences(store: Store, *, kind: str, inspection_id: str, subject: str) -> list[int]:
    """The numbers of bundles this installation reserved but never completed (never to be used again).

    Left out: the numbers below the last return a receipt from head office says arrived there. The return
    that arrived after them listed them already, so the receiver does not count them as missing.
    """
    with store.read() as session:
        numbers = session.execute(
            select(SentBundle.sequence)
            .where(
                SentBundle.kind == kind,
                SentBundle.inspection_id == inspection_id,
                SentBundle.subject == subject,
                SentBundle.state == ABANDONED,
            )
            .order_by(SentBundle.sequence)
        ).scalars()
        receipts = session.execute(
            select(ReceivedBundle.outcome).where(
                ReceivedBundle.kind == "receipt",
                ReceivedBundle.inspection_id == inspection_id,
                ReceivedBundle.subject == subject,
            )
        ).scalars()
        through = max(
            (r.get("returns_through", 0) for r in receipts if isinstance(r, dict) and kind == "return"),
            default=0,
        )
        return [n for n in numbers if n > through]


def write_atomically(path: Path, data: bytes, verify: Callable[[bytes], None]) -> None:
    """Write ``data`` to ``path`` so that ``path`` either does not exist or holds all of it, verified."""
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{PARTIAL_SUFFIX}")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        written = partial.read_bytes()
        if written != data:
            raise RefusedError(
                _("the bundle read back from {path} differs from what was written").format(path=partial)
            )
        verify(written)
        if path.exists():
            raise RefusedError(_("{path} appeared while the bundle was being written").format(path=path))
        os.replace(partial, path)
    except OSError as exc:
        raise RefusedError(
            _("could not write {path}: {why}").format(path=path, why=exc.strerror or exc)
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some systems cannot open folders; the rename is still atomic
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def self_check(identity: PublicIdentity, kind: str) -> Callable[[bytes], None]:
    """Verify a freshly written bundle as a receiver would, short of decrypting it."""

    def verify(data: bytes) -> None:
        open_bundle(data, signer=fixed_signer(identity), me=None, kinds=(kind,))

    return verify


def complete(
    store: Store, reservation: Reservation, sha256: str, mark: Callable[[Any], None] | None = None
) -> None:
    """Record the bundle as complete (and, in the same transaction, whatever ``mark`` records)."""
    with store.write() as session:
        row = session.get(SentBundle, reservation.bundle_id)
        row.state = "complete"
        row.sha256 = sha256
        row.completed_at = utcnow()
        session.add(row)
        if mark is not None:
            mark(session)


def issue(
    store: Store,
    keys: PrivateKeys,
    *,
    kind: str,
    inspection: InspectionInfo,
    recipient: PublicIdentity,
    subject: str,
    path: Path,
    payload: dict[str, Any],
    items: int,
    contents: Any = None,
    withdrawn: tuple[str, ...] = (),
) -> IssuedBundle:
    """Write one head-office bundle (assignment or receipt) to ``recipient``: numbered, signed, verified."""
    reservation = reserve(
        store, kind=kind, inspection_id=inspection.id, subject=subject, path=path, contents=contents
    )
    written = write_bundle(
        kind=kind,
        keys=keys,
        recipients=[recipient],
        inspection_id=inspection.id,
        framework=(inspection.framework_id, inspection.framework_version),
        subject=subject,
        sequence=reservation.sequence,
        payload=payload,
        items=items,
        bundle_id=reservation.bundle_id,
    )
    try:
        write_atomically(path, written.data, self_check(keys.identity, kind))
    except BaseException:
        release(store, reservation)
        raise
    complete(store, reservation, written.sha256)
    return IssuedBundle(
        path, reservation.bundle_id, reservation.sequence, written.sha256, items, subject, withdrawn
    )


def settle_pending(
    store: Store, identity: PublicIdentity, mark: Callable[[Any, SentBundle], None] | None = None
) -> list[str]:
    """Settle reservations a crash left pending; returns the ids of bundles found complete after all."""
    with store.read() as session:
        pending = [
            (r.bundle_id, r.kind, r.path)
            for r in session.execute(select(SentBundle).where(SentBundle.state == "pending")).scalars()
        ]
    completed = []
    for bundle_id, kind, path in pending:
        _remove_partials(Path(path))
        found = _verified_file(Path(path), identity, kind, bundle_id)
        with store.write() as session:
            row = session.get(SentBundle, bundle_id)
            if row is None or row.state != "pending":
                continue
            if found is None:
                row.state = ABANDONED  # never finished here; its number is not used again
                session.add(row)
                continue
            row.state = "complete"
            row.sha256 = found
            row.completed_at = utcnow()
            session.add(row)
            if mark is not None:
                mark(session, row)
            completed.append(bundle_id)
    return completed


def _remove_partials(path: Path) -> None:
    """Delete the temporary files an interrupted write left beside ``path`` (never a finished bundle)."""
    try:
        for partial in path.parent.glob(f".{glob_escape(path.name)}.*{PARTIAL_SUFFIX}"):
            partial.unlink(missing_ok=True)
    except OSError:
        pass  # the folder is not there (a stick taken out): nothing to tidy now


def _verified_file(path: Path, identity: PublicIdentity, kind: str, bundle_id: str) -> str | None:
    if not path.exists():
        return None
    try:
        data = read_file(path)
        opened = open_bundle(data, signer=fixed_signer(identity), me=None, kinds=(kind,))
    except OmiError:
        return None
    return opened.file_sha256 if opened.manifest.bundle_id == bundle_id else None
