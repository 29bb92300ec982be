"""How stored codes are shown to people (presentation only; the codes themselves come from core)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_ORDER_TYPES = {
    "community_order": QT_TRANSLATE_NOOP("Labels", "Community order"),
    "suspended_sentence_order": QT_TRANSLATE_NOOP("Labels", "Suspended sentence order"),
    "licence": QT_TRANSLATE_NOOP("Labels", "Licence"),
    "custody": QT_TRANSLATE_NOOP("Labels", "Custody (pre-release)"),
}
_ROSH = {
    "low": QT_TRANSLATE_NOOP("Labels", "Low"),
    "medium": QT_TRANSLATE_NOOP("Labels", "Medium"),
    "high": QT_TRANSLATE_NOOP("Labels", "High"),
    "very_high": QT_TRANSLATE_NOOP("Labels", "Very high"),
}
REVIEW_STATUSES = ("not_started", "in_progress", "complete", "finalised")
_STATUS = {
    "not_started": QT_TRANSLATE_NOOP("Labels", "Not started"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "complete": QT_TRANSLATE_NOOP("Labels", "Complete"),
    "finalised": QT_TRANSLATE_NOOP("Labels", "Finalised"),
}
_QUESTION_STATES = {
    "unanswered": QT_TRANSLATE_NOOP("Labels", "Unanswered"),
    "answered": QT_TRANSLATE_NOOP("Labels", "Answered"),
    "not_applicable": QT_TRANSLATE_NOOP("Labels", "Not applicable"),
    "skipped": QT_TRANSLATE_NOOP("Labels", "Skipped (does not apply)"),
    "invalid": QT_TRANSLATE_NOOP("Labels", "Needs correcting"),
}
_JUDGEMENTS = {
    "yes": QT_TRANSLATE_NOOP("Labels", "Yes"),
    "partly": QT_TRANSLATE_NOOP("Labels", "Partly"),
    "no": QT_TRANSLATE_NOOP("Labels", "No"),
    "na": QT_TRANSLATE_NOOP("Labels", "Not applicable"),
}


def _t(table: dict[str, str], code: str | None) -> str:
    if code is None:
        return ""
    text = table.get(code)
    return QCoreApplication.translate("Labels", text) if text else code.replace("_", " ").capitalize()


def order_type(code: str | None) -> str:
    return _t(_ORDER_TYPES, code)


_ORDER_TYPES_SHORT = {
    "community_order": QT_TRANSLATE_NOOP("Labels", "Community"),
    "suspended_sentence_order": QT_TRANSLATE_NOOP("Labels", "Suspended"),
    "licence": QT_TRANSLATE_NOOP("Labels", "Licence"),
    "custody": QT_TRANSLATE_NOOP("Labels", "Custody"),
}


def order_type_short(code: str | None) -> str:
    """For narrow columns; the full name goes in the tooltip."""
    return _t(_ORDER_TYPES_SHORT, code)


def rosh_level(code: str | None) -> str:
    return _t(_ROSH, code)


def review_status(code: str | None) -> str:
    return _t(_STATUS, code)


def question_state(code: str | None) -> str:
    return _t(_QUESTION_STATES, code)


def judgement(code: str | None) -> str:
    return _t(_JUDGEMENTS, code)


_FEEDBACK = {
    "strength": QT_TRANSLATE_NOOP("Labels", "Strength"),
    "improvement": QT_TRANSLATE_NOOP("Labels", "Area for improvement"),
}


def feedback_mark(code: str | None) -> str:
    return _t(_FEEDBACK, code) if code else QCoreApplication.translate("Labels", "not on the sheet")


def yes_no(flag: bool | None) -> str:
    if flag is None:
        return ""
    return QCoreApplication.translate("Labels", "Yes") if flag else QCoreApplication.translate("Labels", "No")
