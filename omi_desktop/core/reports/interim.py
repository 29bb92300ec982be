"""Interim area feedback ("emerging findings"), printed by the lead inspector at the end of fieldwork.

It reports what the store holds for the inspection (on a lead inspector's collation: the team's returns):
a clear "interim — based on N of M cases" statement (N finalised case reviews, M cases in the
inspection), the three headline scores with n and 95% interval, a bar chart, the lead inspector's themes,
the area-level assessment and the service users' perspective (``instrument_sections.py``), scores by
criterion, the sample's composition and a list of the cases.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from omi_desktop.core.clock import today
from omi_desktop.core.i18n import _
from omi_desktop.core.progress import Operation, Progress, run_to_end
from omi_desktop.core.reports.blocks import (
    cases_table,
    chart_caption,
    composition_table,
    criterion_table,
    headline_chart,
    headline_table,
    outcome_key,
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
from omi_desktop.core.reports.styles import (
    boxed,
    facts_table,
    gap,
    heading,
    keep,
    markup,
    para,
    section,
    styles,
)
from omi_desktop.core.reports.text import format_date
from omi_desktop.core.reports.themes import Theme, kind_label, list_themes
from omi_desktop.core.store import Store


def statement(finalised: int, cases: int) -> str:
    """The words printed in the box at the top, e.g. "INTERIM — based on 40 of 100 cases"."""
    return _("INTERIM — based on {n} of {m} cases").format(n=finalised, m=cases)


def _statement_box(figures: InspectionFigures) -> Flowable:
    s = styles()
    n, m = len(figures.finalised), len(figures.cases)
    remaining = m - n
    detail = (
        _(
            "Emerging findings from the case reviews finalised so far. The figures count finalised reviews "
            "only and will change as the remaining {r} cases are finalised and checked."
        ).format(r=remaining)
        if remaining
        else _("Every case in the sample is finalised; the figures may still change after quality assurance.")
    )
    content = [para(statement(n, m), s.statement), para(detail, s.body)]
    if figures.inspection.training:
        content.append(para(_("TRAINING DATA: fictional cases, not a real inspection."), s.statement))
    return boxed(content)


def _facts(figures: InspectionFigures) -> Flowable:
    inspection = figures.inspection
    lead = inspection.lead_inspector_id
    lead_name = figures.inspectors.get(lead, lead) if lead else _("Not recorded")
    return facts_table(
        [
            (_("Area"), inspection.area_name),
            (_("Region"), inspection.region_name or _("Not recorded")),
            (_("Inspection"), inspection.label),
            (_("Fieldwork"), fieldwork(inspection).removeprefix(_("Fieldwork")).strip() or _("Not recorded")),
            (_("Lead inspector"), lead_name),
            (_("Printed"), format_date(today())),
            (_("Cases in sample"), str(len(figures.cases))),
            (_("Finalised"), str(len(figures.finalised))),
        ]
    )


def themes_story(themes: list[Theme]) -> list[Flowable]:
    s = styles()
    title = heading(_("Themes from the lead inspector"))
    if not themes:
        return [keep(title, para(_("No themes have been recorded for this inspection yet.")))]
    story: list[Flowable] = []
    for number, theme in enumerate(themes, start=1):
        head = Paragraph(
            f"{number}. {markup(theme.heading)} <font size='9'>({markup(kind_label(theme.kind))})</font>",
            s.h3,
        )
        above = [title] if number == 1 else []  # the section's heading never sits alone at a page's foot
        if len(theme.text) < 1200:
            story.append(keep(*above, head, para(theme.text or "", s.body)))
        else:
            story += [keep(*above, head), para(theme.text, s.body)]
    return story


def interim_story(
    figures: InspectionFigures,
    themes: list[Theme],
    leadership: LeadershipSummary | None = None,
    service_users: ServiceUsersSummary | None = None,
) -> list[Flowable]:
    s = styles()
    inspection = figures.inspection
    story: list[Flowable] = [
        para(_("Emerging findings"), s.title),
        para(
            _("Interim area feedback — {area}").format(area=inspection.area_name),
            s.subtitle,
        ),
        _statement_box(figures),
        gap(4),
        _facts(figures),
        keep(
            heading(_("Headline scores")),
            headline_table(figures),
            gap(4),
            headline_chart(figures),
            chart_caption(),
        ),
    ]
    story += themes_story(themes)
    story += leadership_story(leadership) if leadership else []
    story += service_users_story(service_users) if service_users else []
    story += [
        *section(_("Scores by criterion"), criterion_table(figures)),
        *section(_("Sample composition"), composition_table(figures)),
        *section(_("Cases in the sample"), outcome_key(figures), gap(1), cases_table(figures)),
    ]
    return story


def interim_report(
    store: Store, inspection_ref: str | None = None, out: Path | str | None = None
) -> Operation[Rendered]:
    """Build the interim report (yields progress; returns the rendered document)."""
    yield Progress(0, 3, _("Reading the inspection's reviews"))
    figures = inspection_figures(store, inspection_ref)
    themes = list_themes(store, figures.inspection.id)
    leadership = leadership_summary(store, figures.inspection.id)
    service_users = service_users_summary(store, figures.inspection.id)
    yield Progress(1, 3, _("Laying out the report"))
    info = document_info(
        store,
        figures.inspection,
        _("Emerging findings — interim — {area}").format(area=figures.inspection.area_name),
        subject=statement(len(figures.finalised), len(figures.cases)),
    )
    rendered = render_pdf(info, interim_story(figures, themes, leadership, service_users), out)
    yield Progress(3, 3, _("Done"))
    return rendered


def interim_pdf(store: Store, inspection_ref: str | None = None, out: Path | str | None = None) -> Rendered:
    return run_to_end(interim_report(store, inspection_ref, out))
