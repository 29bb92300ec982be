"""Canonical JSON: one byte sequence for one value, so signatures and content hashes are reproducible.

UTF-8, object keys sorted by code point, no insignificant white space, no NaN or infinity. For the values a
bundle holds (strings, integers, booleans, null, arrays, objects and the occasional decimal number written
in shortest round-trip form) this is the output of RFC 8785 (JCS) as well.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
