"""The head-office area report: scores (appendix style), regional comparison, criterion tables, the
area-level assessment and the service users' perspective, sample.

Printed at head office from the store that holds the returned reviews. Figures count finalised case
reviews only; the regional comparison follows ``core/scoring/regional.py``. Where the sample was drawn in
this store, its analysis (``sample_analysis.py``) closes the report.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, PageBreak

from omi_desktop.core.clock import today
from omi_desktop.core.errors import NotFoundError
from omi_desktop.core.i18n import _, current_language
from omi_desktop.core.progress import Operation, Progress, run_to_end
from omi_desktop.core.reports.blocks import (
    chart_caption,
    composition_table,
    headline_chart,
    headline_table,
)
from omi_desktop.core.reports.document import Rendered, render_pdf
from omi_desktop.core.reports.figures import InspectionFigures, inspection_figures
from omi_desktop.core.reports.instrument_sections import leadership_story, service_users_story
from omi_desktop.core.reports.instrument_summaries import (
    LeadershipSummary,
    ServiceUsersSummary,
    leadership_summary,
    service_users_summary,
)
from omi_desktop.core.reports.marking import document_info, fieldwork
from omi_desktop.core.reports.sample_analysis import analysis_story
from omi_desktop.core.reports.styles import (
    boxed,
    data_table,
    facts_table,
    gap,
    heading,
    keep,
    para,
    section,
    styles,
)
from omi_desktop.core.reports.text import count, format_date, interval, whole_percent
from omi_desktop.core.sampling.analysis import SampleAnalysis, sample_analysis
from omi_desktop.core.scoring.regional import RegionalComparison, regional_comparison
from omi_desktop.core.store import Store


def _facts(figures: InspectionFigures) -> Flowable:
    inspection = figures.inspection
    framework = figures.framework
    return facts_table(
        [
            (_("Area"), inspection.area_name),
            (_("Region"), inspection.region_name or _("Not recorded")),
            (_("Inspection"), inspection.label),
            (_("Fieldwork"), fieldwork(inspection).removeprefix(_("Fieldwork")).strip() or _("Not recorded")),
            (
                _("Framework"),
                _("{title}, version {version}").format(
                    title=framework.spec.title.get(current_language()), version=framework.version
                ),
            ),
            (_("Printed"), format_date(today())),
            (_("Cases in sample"), str(len(figures.cases))),
            (_("Finalised reviews"), str(len(figures.finalised))),
        ]
    )


def comparison_table(comparison: RegionalComparison, figures: InspectionFigures) -> Flowable:
    rows = [
        [
            figures.thread_title(c.thread),
            whole_percent(c.area),
            whole_percent(c.lowest),
            whole_percent(c.highest),
            whole_percent(c.average),
            whole_percent(c.national),
        ]
        for c in comparison.threads
    ]
    header = [
        _("Headline thread"),
        _("This area"),
        _("Region: lowest"),
        _("Region: highest"),
        _("Region: average"),
        _("National"),
    ]
    return data_table(
        header, rows, [0.3, 0.14, 0.14, 0.14, 0.14, 0.14], align="LRRRRR", bold_first_column=True
    )


def _comparison_note(comparison: RegionalComparison) -> Flowable:
    counts = {c.regional_count for c in comparison.threads}
    national = max((c.national_count for c in comparison.threads), default=0)
    region = comparison.region_name or _("no region recorded")
    regional = max(counts, default=0)
    if any(c.area is not None for c in comparison.threads):
        to_date = _("inspections to date, this one included: {k}").format(k=regional)
    else:  # this inspection has no finalised case review yet, so it has no figure to compare
        to_date = _("inspections to date: {k} (this one has no finalised case reviews yet)")
        to_date = to_date.format(k=regional)
    text = _(
        "Region: {region}; {to_date}. National: the average of the inspections held here ({n}). Lowest, "
        "highest and average are of the inspections' own figures, each counting once. All figures count "
        "finalised case reviews only."
    ).format(region=region, to_date=to_date, n=national)
    return para(text, styles().small)


def criterion_tables(figures: InspectionFigures) -> list[Flowable]:
    """Per criterion, its figure and the figure of each of its questions, section by section."""
    language = current_language()
    by_criterion = {c.criterion: c for c in figures.scores.criteria}
    story: list[Flowable] = []
    for instrument in figures.framework.scored_instruments:
        for section_ in figures.framework.sections(instrument, figures.inspection.active_modules):
            criteria = [c for c in section_.criterion if c.id in by_criterion]
            if not criteria:
                continue
            above = [heading(f"{section_.id} {section_.title.get(language)}", 2)]
            for criterion in criteria:
                title = criterion.title.get(language)
                story += _criterion_block(figures, criterion.id, title, by_criterion, above)
                above = []  # the section's heading goes with its first criterion, never alone
    return story


def _criterion_block(
    figures: InspectionFigures,
    criterion_id: str,
    title: str,
    by_criterion: dict,
    above: list[Flowable],
) -> list[Flowable]:
    score = by_criterion[criterion_id].answers
    summary = _(
        "{title} — {percent} done well enough ({positive} of {n} answers in {cases} cases; "
        "95% interval, from the cases, {ci})"
    ).format(
        title=f"{criterion_id} {title}",
        percent=whole_percent(score.percent),
        positive=count(score.positive),
        n=score.applicable,
        cases=score.cases,
        ci=interval(score.ci_low, score.ci_high),
    )
    rows = [
        [
            f"{q.question_id} {q.text}",
            whole_percent(q.answers.percent),
            f"{count(q.answers.positive)} / {q.answers.applicable}",
            interval(q.answers.ci_low, q.answers.ci_high),
        ]
        for q in figures.questions
        if q.criterion_id == criterion_id
    ]
    table = data_table(
        [_("Question"), _("Done well enough"), _("Positive / applicable"), _("95% interval")],
        rows,
        [0.56, 0.14, 0.16, 0.14],
        align="LRRR",
    )
    return section(summary, table, level=3, above=above)


def sample_story(figures: InspectionFigures, analysis: SampleAnalysis | None) -> list[Flowable]:
    """The sample analysis when head office drew the sample here; the make-up of the cases in any case."""
    if analysis is None:
        return section(
            _("Sample analysis"),
            para(_("No sample was drawn in this data folder; the table shows the cases of the inspection.")),
            composition_table(figures),
        )
    return [
        PageBreak(),
        *analysis_story(analysis),
        *section(_("Cases in the inspection"), composition_table(figures)),
    ]


def _analysis(store: Store, inspection_id: str) -> SampleAnalysis | None:
    try:
        return sample_analysis(store, inspection_id)
    except NotFoundError:
        return None


def area_story(
    figures: InspectionFigures,
    comparison: RegionalComparison,
    analysis: SampleAnalysis | None = None,
    leadership: LeadershipSummary | None = None,
    service_users: ServiceUsersSummary | None = None,
) -> list[Flowable]:
    s = styles()
    inspection = figures.inspection
    n, m = len(figures.finalised), len(figures.cases)
    story: list[Flowable] = [
        para(_("Area report"), s.title),
        para(_("Offender Management Inspection — {area}").format(area=inspection.area_name), s.subtitle),
    ]
    if n < m or inspection.training:
        lines = []
        if n < m:
            lines.append(_("Based on {n} of {m} cases: {r} are not finalised yet.").format(n=n, m=m, r=m - n))
        if inspection.training:
            lines.append(_("TRAINING DATA: fictional cases, not a real inspection."))
        story += [boxed([para(line, s.statement) for line in lines]), gap(4)]
    story += [
        _facts(figures),
        keep(heading(_("Scores")), headline_table(figures), gap(4), headline_chart(figures), chart_caption()),
        keep(
            heading(_("Regional comparison")),
            comparison_table(comparison, figures),
            gap(1),
            _comparison_note(comparison),
        ),
        heading(_("Criterion tables")),
        *(
            criterion_tables(figures)
            or [para(_("No case review is finalised yet, so there is nothing to show."))]
        ),
        *(leadership_story(leadership) if leadership else []),
        *(service_users_story(service_users) if service_users else []),
        *sample_story(figures, analysis),
    ]
    return story


def area_report(store: Store, inspection_ref: str, out: Path | str | None = None) -> Operation[Rendered]:
    """Build the area report (yields progress; returns the rendered document)."""
    yield Progress(0, 4, _("Reading the inspection's reviews"))
    figures = inspection_figures(store, inspection_ref)
    yield Progress(1, 4, _("Comparing with the region"))
    comparison = regional_comparison(store, figures.inspection.id)
    analysis = _analysis(store, figures.inspection.id)
    leadership = leadership_summary(store, figures.inspection.id)
    service_users = service_users_summary(store, figures.inspection.id)
    yield Progress(2, 4, _("Laying out the report"))
    info = document_info(
        store, figures.inspection, _("Area report — {area}").format(area=figures.inspection.area_name)
    )
    story = area_story(figures, comparison, analysis, leadership, service_users)
    rendered = render_pdf(info, story, out)
    yield Progress(4, 4, _("Done"))
    return rendered


def area_pdf(store: Store, inspection_ref: str, out: Path | str | None = None) -> Rendered:
    return run_to_end(area_report(store, inspection_ref, out))
