"""Which frameworks exist: those shipped in ``data/frameworks`` and those pinned in a store.

A store keeps the exact text of every framework version its reviews use (table ``framework_definition``),
so a review always opens with the version it was started on, whatever the program ships today.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam
from sqlmodel import Session, select

from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.framework import cache as framework_cache
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.loader import load_framework_file, parse_framework
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import FrameworkDefinition
from omi_desktop.paths import data_path

_parsed: dict[str, Framework] = {}
_parsed_lock = threading.Lock()
_STORED_DIGEST = select(FrameworkDefinition.sha256).where(
    FrameworkDefinition.framework_id == bindparam("framework_id"),
    FrameworkDefinition.version == bindparam("version"),
)


@dataclass(frozen=True)
class FrameworkSummary:
    id: str
    version: int
    title: str
    sha256: str
    where: str  # "shipped", "store" or "shipped, store"

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "sha256": self.sha256,
            "where": self.where,
        }


def parse_cached(
    source: str, origin: str, cache_dir: Path | None = None, *, stored: bool = False
) -> Framework:
    """Parse ``source`` once per distinct text (frameworks are immutable once parsed).

    With ``cache_dir`` (a data folder's cache) and ``stored``, a text checked in an earlier run is read from
    the disk cache there instead of being parsed again (see ``framework.cache``), and a text parsed now is
    kept in it. ``stored``: a text read back from a store (see ``parse_framework``); it parses as a checked
    file does unless it holds rules a new file may not have, which shipped files never do (a test checks
    them all).
    """
    import hashlib

    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    with _parsed_lock:
        found = _parsed.get(digest)
    if found is None:
        on_disk = cache_dir if stored else None
        spec = framework_cache.load(on_disk, digest) if on_disk is not None else None
        if spec is not None:
            found = Framework(spec, source=source, sha256=digest, origin=origin)
        else:
            found = parse_framework(source, origin, stored=stored)
            if on_disk is not None:
                framework_cache.save(on_disk, digest, found.spec)
        with _parsed_lock:
            _parsed[digest] = found
    return found


def _cache_dir(session: Session) -> Path | None:
    """The cache folder of the data folder whose database ``session`` reads (None for no file on disk)."""
    database = session.get_bind().engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).parent / framework_cache.CACHE_DIRNAME


def shipped_files() -> list[Path]:
    return sorted(data_path("frameworks").glob("*.toml"))


def shipped_frameworks() -> list[Framework]:
    result = []
    for path in shipped_files():
        result.append(parse_cached(path.read_text(encoding="utf-8"), path.name))
    return sorted(result, key=lambda f: f.key)


def latest_shipped(framework_id: str) -> Framework:
    versions = [f for f in shipped_frameworks() if f.id == framework_id]
    if not versions:
        known = ", ".join(sorted({f.id for f in shipped_frameworks()}))
        raise NotFoundError(f"no framework {framework_id!r} (known: {known})")
    return versions[-1]


def pin(session: Session, framework: Framework) -> None:
    """Keep ``framework``'s text in the store (inside the caller's transaction)."""
    existing = session.get(FrameworkDefinition, (framework.id, framework.version))
    if existing is None:
        session.add(
            FrameworkDefinition(
                framework_id=framework.id,
                version=framework.version,
                title=framework.spec.title.en,
                sha256=framework.sha256,
                source=framework.source,
            )
        )
    elif existing.sha256 != framework.sha256:
        raise RefusedError(
            f"framework {framework.id} version {framework.version} is already installed with different "
            "content; a changed framework needs a new version number"
        )


def install(store: Store, path: Path) -> Framework:
    """Check a framework file and keep it in the store so inspections and reviews can use it."""
    framework = load_framework_file(path)
    with store.write() as session:
        pin(session, framework)
    return framework


def framework_from_session(session: Session, framework_id: str, version: int) -> Framework:
    digest = session.exec(_STORED_DIGEST, params={"framework_id": framework_id, "version": version}).first()
    if digest is not None:
        # A stored framework is kept with the digest of its text (pin), so a text already parsed is known by
        # its digest alone: the text itself (tens of KB) is read and hashed only the first time.
        with _parsed_lock:
            found = _parsed.get(digest)
        if found is not None:
            return found
        row = session.get(FrameworkDefinition, (framework_id, version))
        if row is not None:
            # Read as stored: rules this version would refuse in a new file do not make it unreadable.
            return parse_cached(
                row.source, f"{framework_id} v{version} (stored)", _cache_dir(session), stored=True
            )
    for framework in shipped_frameworks():
        if framework.key == (framework_id, version):
            return framework
    raise NotFoundError(f"framework {framework_id} version {version} is not installed")


def get_framework(store: Store, framework_id: str, version: int) -> Framework:
    with store.read() as session:
        return framework_from_session(session, framework_id, version)


def available(store: Store | None = None) -> list[FrameworkSummary]:
    """Every framework version this installation knows, shipped or stored."""
    found: dict[tuple[str, int], FrameworkSummary] = {}
    for f in shipped_frameworks():
        found[f.key] = FrameworkSummary(f.id, f.version, f.spec.title.en, f.sha256, "shipped")
    if store is not None:
        with store.read() as session:
            for row in session.exec(select(FrameworkDefinition)):
                key = (row.framework_id, row.version)
                where = "shipped, store" if key in found else "store"
                found[key] = FrameworkSummary(row.framework_id, row.version, row.title, row.sha256, where)
    return [found[k] for k in sorted(found)]


def latest(store: Store, framework_id: str) -> Framework:
    """The newest version of ``framework_id`` this installation knows, shipped or stored."""
    versions = [f for f in available(store) if f.id == framework_id]
    if not versions:
        known = ", ".join(sorted({f.id for f in available(store)})) or "none"
        raise NotFoundError(f"no framework {framework_id!r} (known: {known})")
    return get_framework(store, framework_id, versions[-1].version)
