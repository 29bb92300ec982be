"""Where this installation keeps its data, and making that folder safely."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from omi_desktop.core.errors import RefusedError, StoreError

APP_NAME = "OMI Desktop"
ENV_VAR = "OMI_DATA_DIR"


class EmptyDataDirError(RefusedError):
    """A data folder was named explicitly, but the name is empty: a usage error, never "the default"."""

    exit_code = 2


def default_data_dir() -> Path:
    """``OMI_DATA_DIR`` if set, otherwise the platform's per-user data folder."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` wins over ``OMI_DATA_DIR``, which wins over the platform default.

    An explicit empty name is refused (``EmptyDataDirError``): a script whose variable came out empty must
    not quietly work on the person's own data folder. An empty ``OMI_DATA_DIR`` counts as not set.
    """
    if explicit is None:
        return default_data_dir().resolve()
    if not os.fspath(explicit).strip():
        raise EmptyDataDirError(
            "--data-dir is empty: name a folder, or leave the option out to use the default data folder"
        )
    return Path(explicit).expanduser().resolve()


def ensure_data_dir(path: Path) -> Path:
    """Create ``path`` owner-only (where the OS supports it) and prove that it can be written."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except FileExistsError as exc:
        raise StoreError(f"the data folder {path} is a file, not a folder") from exc
    except OSError as exc:
        raise StoreError(f"cannot create the data folder {path}: {exc.strerror or exc}") from exc
    probe = path / f".write-probe-{os.getpid()}"
    try:
        with open(probe, "wb") as handle:
            handle.write(b"ok")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise StoreError(f"the data folder {path} cannot be written: {exc.strerror or exc}") from exc
    finally:
        probe.unlink(missing_ok=True)
    return path
