"""The bundle's ZIP container: written in one canonical form, read with checks before anything is inflated.

Writing: entries are stored (method 0), in a fixed order, with fixed header fields (docs/bundle-format.md,
"Container"), so the same entries always give the same bytes. Reading: the file size, entry count, names,
declared sizes and compression ratios are checked from the central directory before any entry is read;
entries are then read through a capped reader; finally the file must be byte for byte the canonical ZIP of
its entries, so no header byte can be changed unnoticed.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from omi_desktop.core.i18n import _
from omi_desktop.core.sync.canonical import sha256_hex
from omi_desktop.core.sync.errors import BundleRefused

MiB = 1024 * 1024
_DOS_DATE_1980_01_01 = 0x0021
_VERSION = 20  # 2.0: stored entries, no ZIP64


@dataclass(frozen=True)
class Limits:
    max_file: int = 300 * MiB
    max_entries: int = 8
    max_entry: int = 128 * MiB
    max_total: int = 256 * MiB
    max_ratio: int = 100  # uncompressed / compressed, for entries bigger than ratio_floor
    ratio_floor: int = 64 * 1024


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Container:
    """The entries of a bundle file that passed the container checks, in file order."""

    entries: dict[str, bytes]
    order: tuple[str, ...]
    file_sha256: str
    raw: bytes

    def is_canonical(self) -> bool:
        return canonical_zip([(name, self.entries[name]) for name in self.order]) == self.raw


def canonical_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """The one ZIP file (stored entries, fixed header fields) that holds ``entries`` in this order."""
    out = io.BytesIO()
    central = io.BytesIO()
    for name, data in entries:
        encoded = name.encode("ascii")
        crc = zlib.crc32(data) & 0xFFFFFFFF
        offset = out.tell()
        common = struct.pack(
            "<HHHHHIIIH", _VERSION, 0, 0, 0, _DOS_DATE_1980_01_01, crc, len(data), len(data), len(encoded)
        )
        out.write(b"PK\x03\x04" + common + struct.pack("<H", 0) + encoded + data)
        central.write(
            b"PK\x01\x02"
            + struct.pack("<H", _VERSION)
            + common
            + struct.pack("<HHHHII", 0, 0, 0, 0, 0, offset)
            + encoded
        )
    directory = central.getvalue()
    start = out.tell()
    out.write(directory)
    out.write(
        b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(directory), start, 0)
    )
    return out.getvalue()


def _check_name(name: str, allowed: frozenset[str]) -> None:
    if not name or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise BundleRefused("unsafe-name", _("the bundle holds an absolute path: {name!r}").format(name=name))
    if "\\" in name or ".." in PurePosixPath(name).parts or "\x00" in name:
        raise BundleRefused(
            "unsafe-name", _("the bundle holds an unsafe entry name: {name!r}").format(name=name)
        )
    if name not in allowed:
        raise BundleRefused(
            "unexpected-entry", _("the bundle holds an unexpected entry: {name!r}").format(name=name)
        )


def _check_directory(infos: list[zipfile.ZipInfo], allowed: frozenset[str], limits: Limits) -> None:
    if len(infos) > limits.max_entries:
        raise BundleRefused(
            "too-many-entries",
            _("the bundle has {n} entries; at most {limit} are allowed").format(
                n=len(infos), limit=limits.max_entries
            ),
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        _check_name(info.filename, allowed)
        if info.filename.lower() in seen:
            raise BundleRefused(
                "duplicate-entry",
                _("the bundle holds {name!r} more than once").format(name=info.filename),
            )
        seen.add(info.filename.lower())
        if info.flag_bits & 0x1:
            raise BundleRefused(
                "zip-encrypted", _("entry {name!r} uses ZIP encryption").format(name=info.filename)
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleRefused(
                "zip-method",
                _("entry {name!r} uses an unsupported compression method").format(name=info.filename),
            )
        if info.file_size > limits.max_entry:
            raise BundleRefused(
                "oversized-entry",
                _("entry {name!r} would inflate to {size} bytes; the limit is {limit}").format(
                    name=info.filename, size=info.file_size, limit=limits.max_entry
                ),
            )
        total += info.file_size
        if total > limits.max_total:
            raise BundleRefused(
                "oversized-bundle",
                _("the bundle would inflate to more than {limit} bytes").format(limit=limits.max_total),
            )
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise BundleRefused(
                "compression-ratio",
                _("entry {name!r} is compressed {ratio:.0f} to 1; more than {limit} to 1 is refused").format(
                    name=info.filename, ratio=ratio, limit=limits.max_ratio
                ),
            )


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError) as exc:
        raise BundleRefused(
            "damaged-entry",
            _("entry {name!r} is damaged ({why})").format(
                name=info.filename, why=str(exc) or type(exc).__name__
            ),
        ) from None
    if len(data) != info.file_size:
        raise BundleRefused(
            "damaged-entry",
            _("entry {name!r} does not have the size its header declares").format(name=info.filename),
        )
    return data


def read_container(raw: bytes, allowed: frozenset[str], limits: Limits = DEFAULT_LIMITS) -> Container:
    """Check and read a bundle file's bytes; raises ``BundleRefused`` with the first problem found."""
    if len(raw) > limits.max_file:
        raise BundleRefused(
            "oversized-file", _("the file is larger than {limit} bytes").format(limit=limits.max_file)
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        if raw.startswith(b"PK\x03\x04"):
            raise BundleRefused(
                "truncated", _("the file is a damaged or truncated ZIP (its directory is missing)")
            ) from None
        raise BundleRefused("not-a-zip", _("the file is not a bundle (it is not a ZIP file)")) from None
    with archive:
        infos = archive.infolist()
        _check_directory(infos, allowed, limits)
        entries = {info.filename: _read_entry(archive, info) for info in infos}
    return Container(entries, tuple(i.filename for i in infos), sha256_hex(raw), raw)
