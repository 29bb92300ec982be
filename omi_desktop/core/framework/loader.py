"""Read a framework TOML file, validate it, and check how its parts refer to each other (``references``).

Every problem names the file, the item (question id, section id, ...) and what is wrong; all problems are
collected and reported together so an author can fix a file in one pass.
"""

from __future__ import annotations

import copy
import hashlib
import tomllib
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import FrameworkFile
from omi_desktop.core.framework.references import check_validation, cross_check, without_rules

_ENTITY_KEYS = {
    "instrument": "instrument",
    "module": "module",
    "thread": "thread",
    "section": "section",
    "criterion": "criterion",
    "question": "question",
    "options": "option",
}


class FrameworkError(RefusedError):
    """A framework file is not valid; ``problems`` lists every problem found, one sentence each."""

    def __init__(self, origin: str, problems: list[str]) -> None:
        self.origin = origin
        lines = [f"{origin}: {p}" for p in problems]
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        super().__init__(f"{origin} is not a valid framework ({count}):\n" + "\n".join(lines))
        self.problems = lines


def load_framework_file(path: Path) -> Framework:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError(path.name, [f"cannot be read: {exc}"]) from exc
    return parse_framework(source, origin=path.name)


def parse_framework(source: str, origin: str = "<framework>", *, stored: bool = False) -> Framework:
    """Validate the TOML text ``source`` and return the framework it defines.

    ``stored``: the text is a framework a store already holds (pinned by this or an earlier version of the
    program, with reviews on it), read again rather than checked for installing. Its validation rules were
    accepted then, so the rules this version checks more strictly do not make it unreadable: a rule that can
    never be met (on another instrument's or an unknown answer, against a value its question cannot take,
    a date bound that is not a date) is left out, so it never refuses an answer; a rule on a later answer is
    kept, as it worked before. Every other problem is refused as for any file.
    """
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(origin, [f"not valid TOML: {exc}"]) from exc
    spec, problems = _validated(raw, origin)
    rules = list(check_validation(spec))
    if stored and not problems and any(rule.never_holds for rule in rules):
        spec, problems = _validated(without_rules(raw, [r for r in rules if r.never_holds]), origin)
        rules = list(check_validation(spec))
    if stored:
        rules = [rule for rule in rules if rule.never_holds]  # rules on later answers worked: kept
    problems += cross_check(spec, rules)
    if problems:
        raise FrameworkError(origin, problems)
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return Framework(spec, source=source, sha256=digest, origin=origin)


def _validated(raw: dict[str, Any], origin: str) -> tuple[FrameworkFile, list[str]]:
    """The file's shape checked: its model, and the bare TOML dates found (the rest is still checked)."""
    dates = list(_toml_dates(raw))
    problems = [
        _describe(raw, {"loc": loc, "msg": _date_as_text(v), "type": "toml_date"}) for loc, v in dates
    ]
    try:
        spec = FrameworkFile.model_validate(_dates_as_text(raw, dates) if dates else raw)
    except PydanticValidationError as exc:
        raise FrameworkError(origin, problems + [_describe(raw, err) for err in exc.errors()]) from None
    return spec, problems


# -- shape errors ------------------------------------------------------------------------------------------
def _describe(raw: dict[str, Any], error: dict[str, Any]) -> str:
    """Turn a pydantic error into "question 1.2.3: type: unknown value 'x' (expected ...)"."""
    loc = error["loc"]
    node: Any = raw
    entity = "framework"
    fields: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            child = node[part]
            if part in _ENTITY_KEYS and isinstance(child, list) and i + 1 < len(loc):
                idx = loc[i + 1]
                if isinstance(idx, int) and idx < len(child) and isinstance(child[idx], dict):
                    item = child[idx]
                    label = item.get("id") or item.get("value") or f"#{idx + 1}"
                    entity = f"{_ENTITY_KEYS[part]} {label}"
                    fields = []
            elif not isinstance(part, int):
                fields.append(part)
            node = child
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif isinstance(part, str) and not part.startswith(("function-", "tagged-")):
            fields.append(part)
    where = f"{entity}: " + (f"{'.'.join(fields)}: " if fields else "")
    message = error["msg"]
    if error["type"] == "literal_error" and fields and fields[-1] == "type":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{where}unknown answer type {error.get('input')!r} (expected {expected})"
    if error["type"] == "extra_forbidden":
        return f"{where}unknown key (check the spelling; see docs/framework-format.md)"
    if error["type"] == "missing":
        return f"{where}is required"
    if error["type"] == "value_error":
        message = message.removeprefix("Value error, ")
    return f"{where}{message}"


# -- TOML dates ------------------------------------------------------------------------------------------
def _toml_dates(node: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every bare TOML date or time, except the file's ``published`` date: values are written as text."""
    if isinstance(node, date | time) and loc != ("published",):
        yield loc, node
    elif isinstance(node, dict):
        for key, child in node.items():
            yield from _toml_dates(child, (*loc, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _toml_dates(child, (*loc, index))


def _date_as_text(value: date | time) -> str:
    text = value.isoformat() if not isinstance(value, datetime) else value.date().isoformat()
    return f'write dates as text, in quotes: "{text}"'


def _dates_as_text(raw: dict[str, Any], dates: list[tuple[tuple[str | int, ...], Any]]) -> dict[str, Any]:
    """``raw`` with each bare date as text, so that the rest of the file is still checked."""
    fixed = copy.deepcopy(raw)
    for loc, value in dates:
        node: Any = fixed
        for part in loc[:-1]:
            node = node[part]
        node[loc[-1]] = value.isoformat()
    return fixed
