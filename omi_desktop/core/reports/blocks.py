"""Blocks the area documents share: sample composition, headline scores, chart, criterion and case tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from omi_desktop.core.framework.facts import ORDER_TYPES, ROSH_LEVELS
from omi_desktop.core.i18n import _, current_language
from omi_desktop.core.inspections import CaseInfo
from omi_desktop.core.reports.charts import Bar, bar_chart
from omi_desktop.core.reports.figures import InspectionFigures
from omi_desktop.core.reports.judgements import DONE, NOT_DONE, SYMBOLS
from omi_desktop.core.reports.styles import data_table, para, styles
from omi_desktop.core.reports.text import (
    count,
    gender_label,
    interval,
    order_type_label,
    rosh_label,
    status_label,
    whole_percent,
    yes_no,
)


def _share(part: int, whole: int) -> str:
    return f"{part} ({whole_percent(100 * part / whole)})" if whole else str(part)


def _tier_label(tier: int | None) -> str:
    return _("Tier {n}").format(n=tier) if tier else _("Not recorded")


def composition_table(figures: InspectionFigures) -> Flowable:
    """How the sample is made up, and how much of each group is finalised so far."""
    cases, finalised = figures.cases, figures.finalised
    # Each characteristic: how to read it from a case, how to print it, and the order of its groups.
    groups: list[tuple[str, Callable[[CaseInfo], Any], Callable[[Any], str], tuple[Any, ...]]] = [
        (_("Order or licence"), lambda c: c.order_type, order_type_label, ORDER_TYPES),
        (_("Risk of Harm level"), lambda c: c.rosh_level, rosh_label, ROSH_LEVELS),
        (_("Gender"), lambda c: c.gender, gender_label, ("male", "female", "other")),
        (_("PPO"), lambda c: c.ppo, yes_no, (True, False)),
        (_("Tier"), lambda c: c.tier, _tier_label, (1, 2, 3, 4)),
    ]
    rows = []
    for title, key, label, order in groups:
        in_sample = Counter(key(c) for c in cases)
        done = Counter(key(c) for c in finalised)
        others = sorted((v for v in in_sample if v not in order), key=str)
        for number, value in enumerate([v for v in order if v in in_sample] + others):
            rows.append(
                [
                    title if number == 0 else "",
                    label(value),
                    _share(in_sample[value], len(cases)),
                    _share(done[value], len(finalised)),
                ]
            )
    header = [
        _("Characteristic"),
        _("Group"),
        _("Cases in sample ({n})").format(n=len(cases)),
        _("Finalised ({n})").format(n=len(finalised)),
    ]
    return data_table(header, rows, [0.26, 0.3, 0.22, 0.22], align="LLRR", bold_first_column=True)


def headline_table(figures: InspectionFigures) -> Flowable:
    rows = []
    for t in figures.scores.threads:
        a, c = t.answers, t.cases
        rows.append(
            [
                figures.thread_title(t.thread),
                whole_percent(a.percent),
                f"{count(a.positive)} / {a.applicable}",
                interval(a.ci_low, a.ci_high),
                f"{whole_percent(c.percent)} ({count(c.positive)} / {c.applicable})",
            ]
        )
    header = [
        _("Headline thread"),
        _("Done well enough"),
        _("Positive / applicable answers (n)"),
        _("95% interval (from the cases)"),
        _("Cases done well enough"),
    ]
    return data_table(header, rows, [0.3, 0.14, 0.2, 0.14, 0.22], align="LRRRR", bold_first_column=True)


def headline_chart(figures: InspectionFigures) -> Flowable:
    bars = [
        Bar(
            figures.thread_title(t.thread),
            t.answers.percent,
            t.answers.ci_low,
            t.answers.ci_high,
            t.answers.applicable,
            t.answers.cases,
        )
        for t in figures.scores.threads
    ]
    return bar_chart(bars)


def chart_caption() -> Flowable:
    return para(
        _(
            "Bars: share of applicable answers where the work was done well enough. Lines across the bars: "
            "the 95% interval, the range the figure could plausibly take given the number of cases. Answers "
            "within one case are alike (one case record, one offender manager), so the interval is worked "
            "out from the cases, not from the answers as if each were independent."
        ),
        styles().small,
    )


def criterion_table(figures: InspectionFigures) -> Flowable:
    rows = [
        [
            f"{c.criterion} {figures.criterion_title(c.criterion)}",
            whole_percent(c.answers.percent),
            f"{count(c.answers.positive)} / {c.answers.applicable}",
            interval(c.answers.ci_low, c.answers.ci_high),
        ]
        for c in figures.scores.criteria
    ]
    header = [
        _("Criterion"),
        _("Done well enough"),
        _("Positive / applicable (n)"),
        _("95% interval (from the cases)"),
    ]
    return data_table(header, rows, [0.5, 0.16, 0.18, 0.16], align="LRRR")


def _outcome(figures: InspectionFigures, case: CaseInfo, thread: str) -> str:
    outcomes = figures.outcomes.get(case.id)
    if outcomes is None:
        return ""
    for outcome in outcomes:
        if outcome.thread == thread:
            return SYMBOLS["not_applicable"] if outcome.done is None else (DONE if outcome.done else NOT_DONE)
    return ""


def _symbol(text: str) -> Paragraph:
    return Paragraph(text, styles().symbol)


def cases_table(figures: InspectionFigures) -> Flowable:
    """Every case of the inspection with its state and, once finalised, its outcome on each thread."""
    threads = [t.thread for t in figures.scores.threads]
    rows = []
    for case in figures.cases:
        rows.append(
            [
                case.reference,
                order_type_label(case.order_type),
                rosh_label(case.rosh_level),
                case.inspector_id or "",
                status_label(case.status),
                *[_symbol(_outcome(figures, case, t)) for t in threads],
            ]
        )
    header = [_("Case"), _("Order or licence"), _("RoH level"), _("Inspector"), _("Review"), *threads]
    fixed = [0.13, 0.25, 0.12, 0.15, 0.14]
    each = (1 - sum(fixed)) / max(1, len(threads))
    return data_table(header, rows, fixed + [each] * len(threads), align="LLLLL" + "C" * len(threads))


def outcome_key(figures: InspectionFigures) -> Flowable:
    """The key under "Cases in the sample": the symbols, and every abbreviation in its header spelled out."""
    language = current_language()
    names = {"RoH": _("Risk of Harm")} | {t.id: t.title.get(language) for t in figures.framework.threads}
    abbreviations = ", ".join(f"{short} = {name}" for short, name in names.items() if short != name)
    return para(
        _(
            "{done} done well enough · {not_done} not done well enough · {na} no applicable answer · "
            "blank: not finalised yet. {abbreviations}."
        ).format(done=DONE, not_done=NOT_DONE, na=SYMBOLS["not_applicable"], abbreviations=abbreviations),
        styles().small,
    )
