"""The long-list columns and how each value is read.

Every reader here maps one cell's text to a value, or raises ``BadValue`` with the phrase that follows the
cell in a problem report ("row 12, column start_date: '31/02/2026' is not a date"). Readers are called once
per *distinct* text of a column (see ``longlist.py``), so they may be plain and careful rather than clever.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from omi_desktop.core.framework.facts import ORDER_TYPES, ROSH_LEVELS
from omi_desktop.core.i18n import _

# Header names in the order the documentation lists them. Required columns must be present (they may still
# hold blank cells: a blank stratification value excludes the row from the sample, with that reason).
COLUMNS = (
    "crn",
    "pnc",
    "family_name",
    "first_name",
    "date_of_birth",
    "gender",
    "sentence_type",
    "rosh_level",
    "start_date",
    "end_date",
    "cluster",
    "ldu",
    "team",
    "responsible_officer",
    "ppo",
    "tier",
)
REQUIRED_COLUMNS = frozenset(
    {
        "crn",
        "family_name",
        "first_name",
        "date_of_birth",
        "gender",
        "sentence_type",
        "rosh_level",
        "start_date",
        "ldu",
        "responsible_officer",
    }
)

# Other names case-management exports use for the same columns.
HEADER_ALIASES = {
    "case_reference": "crn",
    "case_reference_number": "crn",
    "pnc_number": "pnc",
    "surname": "family_name",
    "last_name": "family_name",
    "forename": "first_name",
    "given_name": "first_name",
    "dob": "date_of_birth",
    "sex": "gender",
    "order_type": "sentence_type",
    "sentence": "sentence_type",
    "rosh": "rosh_level",
    "roh": "rosh_level",
    "roh_level": "rosh_level",
    "commencement_date": "start_date",
    "start": "start_date",
    "termination_date": "end_date",
    "end": "end_date",
    "local_delivery_unit": "ldu",
    "offender_manager": "responsible_officer",
    "ro": "responsible_officer",
}

GENDERS = ("male", "female")
_GENDER_WORDS = {
    "m": "male",
    "male": "male",
    "man": "male",
    "f": "female",
    "female": "female",
    "woman": "female",
}
_SENTENCE_WORDS = {
    **{t: t for t in ORDER_TYPES},
    "co": "community_order",
    "community": "community_order",
    "sso": "suspended_sentence_order",
    "suspended_sentence": "suspended_sentence_order",
    "license": "licence",
    "lic": "licence",
    "prison": "custody",
}
_ROSH_WORDS = {**{r: r for r in ROSH_LEVELS}, "l": "low", "m": "medium", "h": "high", "vh": "very_high"}
_YES = frozenset({"y", "yes", "true", "1", "ppo"})
_NO = frozenset({"", "n", "no", "false", "0"})
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WORD_SEPARATORS = re.compile(r"[\s\-./]+")
EARLIEST_DATE = date(1900, 1, 1)


class BadValue(ValueError):
    """A cell's text cannot be read; ``str()`` is the phrase for the problem report."""


def header_key(text: str) -> str:
    """``" Date of Birth "`` -> ``"date_of_birth"``; then any alias is resolved."""
    key = _WORD_SEPARATORS.sub("_", text.strip().lstrip("\ufeff").strip().lower()).strip("_")
    return HEADER_ALIASES.get(key, key)


def _word(text: str) -> str:
    return _WORD_SEPARATORS.sub("_", text.strip().lower()).strip("_")


def read_text(text: str) -> str:
    return " ".join(text.split())


def officer_key(name: str) -> str:
    """Responsible officers are told apart by name, without case or extra spaces."""
    return " ".join(name.split()).casefold()


def read_reference(text: str) -> str:
    """CRN and PNC: compared without case or spaces, as exports disagree on both."""
    return "".join(text.split()).upper()


def read_date(text: str) -> date | None:
    """``2026-03-31``, ``31/03/2026`` or ``31/3/2026``; a blank cell is no date."""
    text = text.strip()
    if not text:
        return None
    match = _ISO.fullmatch(text)
    if match:
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        match = _DMY.fullmatch(text)
        if match is None:
            raise BadValue(_("'{text}' is not a date (write yyyy-mm-dd or dd/mm/yyyy)").format(text=text))
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    try:
        value = date(year, month, day)
    except ValueError:
        raise BadValue(_("'{text}' is not a date").format(text=text)) from None
    if value < EARLIEST_DATE:
        raise BadValue(_("'{text}' is before 1900").format(text=text))
    return value


def read_gender(text: str) -> str | None:
    """``male`` or ``female``; any other recorded gender is kept as written (lower case), never dropped."""
    word = _word(text)
    if not word:
        return None
    return _GENDER_WORDS.get(word, word)


def _choice(words: dict[str, str], allowed: tuple[str, ...], what: str) -> Callable[[str], str | None]:
    def read(text: str) -> str | None:
        word = _word(text)
        if not word:
            return None
        try:
            return words[word]
        except KeyError:
            raise BadValue(
                _("'{text}' is not a {what} (expected one of: {allowed})").format(
                    text=text.strip(), what=_(what), allowed=", ".join(allowed)
                )
            ) from None

    return read


# The kind of value is translated when a message is made (the language may change after import).
read_sentence_type = _choice(_SENTENCE_WORDS, ORDER_TYPES, "sentence type")
read_rosh_level = _choice(_ROSH_WORDS, ROSH_LEVELS, "RoSH level")


def read_ppo(text: str) -> bool:
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise BadValue(_("'{text}' is not yes or no").format(text=text.strip()))


def read_tier(text: str) -> int | None:
    word = _word(text).removeprefix("tier").removeprefix("t").strip("_")
    if not word:
        return None
    if word in ("1", "2", "3", "4"):
        return int(word)
    raise BadValue(_("'{text}' is not a tier (1 to 4)").format(text=text.strip()))


READERS: dict[str, Callable[[str], Any]] = {
    "crn": read_reference,
    "pnc": read_reference,
    "family_name": read_text,
    "first_name": read_text,
    "date_of_birth": read_date,
    "gender": read_gender,
    "sentence_type": read_sentence_type,
    "rosh_level": read_rosh_level,
    "start_date": read_date,
    "end_date": read_date,
    "cluster": read_text,
    "ldu": read_text,
    "team": read_text,
    "responsible_officer": read_text,
    "ppo": read_ppo,
    "tier": read_tier,
}

# The value of a column the file does not have.
ABSENT: dict[str, Any] = {
    name: ("" if READERS[name] in (read_text, read_reference) else None) for name in COLUMNS
}
ABSENT["ppo"] = False


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
