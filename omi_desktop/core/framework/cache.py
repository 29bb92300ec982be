"""A disk cache of checked frameworks, so a stored framework is not parsed again at every start.

Reading a framework's text (TOML), validating it and checking its references takes about 40 ms the first
time in a process, and the window does it before it can show the first review. A framework version never
changes (a changed text needs a new version number, and the store keeps each text with its digest), so the
validated result can be kept: ``<data folder>/cache/framework-<digest of the text>.pickle``.

A cache file is used only if everything it was made with is still the same: the text's digest (its name),
this program's version, the pydantic version, the shape of the framework models and the source of this
package. It holds a framework as a store's text is read (``parse_framework(..., stored=True)``). Anything
else (another version, a truncated or corrupt file, a file that is not ours) is ignored and made again from
the text, and a cache that cannot be written is simply not kept. The file is read with an unpickler that can
only make the framework models and dates: it cannot call anything else, whatever the file holds.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

import pydantic
from pydantic import BaseModel

from omi_desktop import __version__
from omi_desktop.core.framework import model
from omi_desktop.core.framework.model import FrameworkFile

CACHE_DIRNAME = "cache"
MAGIC = b"OMI framework cache 1\n"


def cache_file(folder: Path, digest: str) -> Path:
    return folder / f"framework-{digest}.pickle"


@cache
def _code_fingerprint() -> str:
    """What decides how a text is checked: the framework models' names and fields, and the source of the
    framework package (where it is on disk; a frozen build changes it only with its version number). A
    cache made before either changed is not used."""
    shape = sorted(
        (name, sorted((field, repr(info.annotation)) for field, info in cls.model_fields.items()))
        for name, cls in vars(model).items()
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__ == model.__name__
    )
    digest = hashlib.sha256(repr(shape).encode("utf-8"))
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        try:
            digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()


def _header(digest: str, payload: bytes) -> dict[str, str]:
    return {
        "sha256": digest,
        "program": __version__,
        "pydantic": pydantic.VERSION,
        "code": _code_fingerprint(),
        "payload": hashlib.sha256(payload).hexdigest(),
    }


class _FrameworkUnpickler(pickle.Unpickler):
    """Makes framework models and dates, and refuses every other global a file may name."""

    def find_class(self, module: str, name: str) -> type:
        if module == model.__name__:
            found = getattr(model, name, None)
            if isinstance(found, type) and issubclass(found, BaseModel) and found.__module__ == module:
                return found
        elif module == "datetime" and name == "date":
            return datetime.date
        raise pickle.UnpicklingError(f"a framework cache may not name {module}.{name}")


def load(folder: Path, digest: str) -> FrameworkFile | None:
    """The checked framework whose text has ``digest``, from the cache; None if it is not usable."""
    try:
        data = cache_file(folder, digest).read_bytes()
    except OSError:
        return None
    try:
        if not data.startswith(MAGIC):
            return None
        header_line, _, payload = data[len(MAGIC) :].partition(b"\n")
        if json.loads(header_line) != _header(digest, payload):
            return None
        spec = _FrameworkUnpickler(io.BytesIO(payload)).load()
    except Exception:  # any damage means: not usable, parse the text again
        return None
    return spec if isinstance(spec, FrameworkFile) else None


def save(folder: Path, digest: str, spec: FrameworkFile) -> None:
    """Keep ``spec`` (checked, from the text with ``digest``); a cache that cannot be written is not kept."""
    payload = pickle.dumps(spec, protocol=pickle.HIGHEST_PROTOCOL)
    data = MAGIC + json.dumps(_header(digest, payload)).encode("utf-8") + b"\n" + payload
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=".framework-", suffix=".partial")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, cache_file(folder, digest))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
