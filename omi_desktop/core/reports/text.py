"""Words and numbers as printed: dates, case facts, statuses, percentages. Fixed text goes through ``_()``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from omi_desktop.core.i18n import _


def _month(number: int) -> str:
    return (
        _("January"),
        _("February"),
        _("March"),
        _("April"),
        _("May"),
        _("June"),
        _("July"),
        _("August"),
        _("September"),
        _("October"),
        _("November"),
        _("December"),
    )[number - 1]


def format_date(day: date | datetime | str | None) -> str:
    """``2 November 2026`` (from a date, a datetime or an ISO date text); empty for no date."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day[:10])
        except ValueError:
            return day
    if isinstance(day, datetime):
        day = day.astimezone().date() if day.tzinfo else day.date()
    return f"{day.day} {_month(day.month)} {day.year}"


def format_moment(moment: datetime) -> str:
    """``27 November 2026, 14:05`` in local time."""
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{format_date(local.date())}, {local:%H:%M}"


def date_range(start: date | None, end: date | None) -> str:
    """``2 to 6 November 2026``, ``30 October to 3 November 2026``, or whichever end is known."""
    if start is None or end is None:
        return format_date(start or end)
    if start == end:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        first = str(start.day)
    elif start.year == end.year:
        first = f"{start.day} {_month(start.month)}"
    else:
        first = format_date(start)
    return _("{start} to {end}").format(start=first, end=format_date(end))


def whole_percent(value: float | None) -> str:
    """``74%`` (half rounds up, as a reader rounding by hand would); ``—`` when there is no figure."""
    if value is None:
        return "—"
    return f"{Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def interval(low: float | None, high: float | None) -> str:
    """A 95% interval as ``72–76%``."""
    if low is None or high is None:
        return "—"
    return f"{whole_percent(low)[:-1]}–{whole_percent(high)}"


def count(value: float) -> str:
    """A count that may be fractional when "Partly" counts a half: ``12`` or ``12.5``."""
    return f"{value:g}"


def order_type_label(value: str | None) -> str:
    return {
        "community_order": _("Community order"),
        "suspended_sentence_order": _("Suspended sentence order"),
        "licence": _("Licence"),
        "custody": _("Custody (pre-release)"),
    }.get(value or "", value or _("Not recorded"))


def rosh_label(value: str | None) -> str:
    return {
        "low": _("Low"),
        "medium": _("Medium"),
        "high": _("High"),
        "very_high": _("Very high"),
    }.get(value or "", value or _("Not recorded"))


def gender_label(value: str | None) -> str:
    labels = {
        "male": _("Male"),
        "female": _("Female"),
        "other": _("Other"),
        "not_recorded": _("Not recorded"),
    }
    return labels.get(value or "", value or _("Not recorded"))


def status_label(value: str) -> str:
    return {
        "not_started": _("Not started"),
        "in_progress": _("In progress"),
        "complete": _("Complete, not finalised"),
        "finalised": _("Finalised"),
    }.get(value, value)


def yes_no(value: bool | None) -> str:
    if value is None:
        return _("Not recorded")
    return _("Yes") if value else _("No")
