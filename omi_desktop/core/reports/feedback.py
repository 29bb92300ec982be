"""The case feedback sheet: for the offender manager after the case interview.

Case facts, the judgement on each criterion in words and symbols, the strengths and areas for improvement
the inspector gives as feedback, the case's outcome on each headline thread, and space for signatures.
A review that is not finalised prints as a draft (watermark and a boxed warning).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph

from omi_desktop.core.clock import today as clock_today
from omi_desktop.core.errors import RefusedError
from omi_desktop.core.i18n import _, current_language
from omi_desktop.core.inspections import CaseInfo, InspectionInfo, find_case, resolve_inspection
from omi_desktop.core.progress import Operation, Progress, run_to_end
from omi_desktop.core.reports.document import PartStart, Rendered, render_pdf
from omi_desktop.core.reports.judgements import (
    CriterionJudgement,
    FeedbackPoint,
    ThreadOutcome,
    case_rule_words,
    criterion_judgements,
    feedback_points,
    thread_outcomes,
    verdict_legend,
)
from omi_desktop.core.reports.marking import document_info
from omi_desktop.core.reports.styles import (
    INK,
    boxed,
    data_table,
    facts_table,
    gap,
    heading,
    keep,
    markup,
    para,
    styles,
)
from omi_desktop.core.reports.text import (
    count,
    format_date,
    order_type_label,
    rosh_label,
    status_label,
    yes_no,
)
from omi_desktop.core.review import ReviewView, get_review
from omi_desktop.core.review.values import judgement_label
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Inspector, ReviewSync

SIGNATURE_ROW = 14 * mm  # room to sign by hand
LONG_NOTE = 600  # characters: a longer note may start on one page and continue on the next


@dataclass(frozen=True)
class FeedbackSheet:
    """Everything one sheet shows, read from the store in one go."""

    inspection: InspectionInfo
    case: CaseInfo
    view: ReviewView
    inspector: str
    facts: tuple[tuple[str, str], ...]
    judgements: tuple[CriterionJudgement, ...]
    threads: tuple[ThreadOutcome, ...]
    points: tuple[FeedbackPoint, ...]
    printed_on: date

    @property
    def finalised(self) -> bool:
        return self.view.review.finalised

    @property
    def strengths(self) -> list[FeedbackPoint]:
        return [p for p in self.points if p.kind == "strength"]

    @property
    def improvements(self) -> list[FeedbackPoint]:
        return [p for p in self.points if p.kind == "improvement"]


def _answered_fact(view: ReviewView, fact: str) -> str | None:
    """The inspector's checked value of a case fact (a pre-filled, perhaps corrected, answer) as printed."""
    language = current_language()
    for qid in view.evaluation.order:
        question = view.framework.questions[qid]
        answer = view.answers.get(qid)
        if question.fact != fact or answer is None or not answer.relevant or answer.value in (None, ""):
            continue
        value = answer.value
        if question.type == "judgement":
            return judgement_label(value)
        if question.type == "choice":
            labels = {o.value: o.label.get(language) for o in question.options}
            return labels.get(str(value), str(value))
        if question.type == "date":
            return format_date(value)
        return str(value)
    return None


def _case_facts(view: ReviewView, case: CaseInfo, inspector: str, printed_on: date) -> list[tuple[str, str]]:
    def fact(name: str, from_record: str) -> str:
        return _answered_fact(view, name) or from_record

    not_recorded = _("Not recorded")
    review = view.review
    status = (
        _("Finalised on {date}").format(date=format_date(review.finalised_at))
        if review.finalised
        else _("DRAFT — {status}").format(status=status_label(review.status).lower())
    )
    return [
        (_("Case reference"), fact("reference", case.reference)),
        (_("Order or licence"), fact("order_type", order_type_label(case.order_type))),
        (_("Risk of Harm level"), fact("rosh_level", rosh_label(case.rosh_level))),
        (_("Tier"), fact("tier", str(case.tier) if case.tier else not_recorded)),
        (_("PPO"), fact("ppo", yes_no(case.ppo))),
        (
            _("MAPPA level"),
            fact("mappa_level", str(case.mappa_level) if case.mappa_level else _("Not MAPPA")),
        ),
        (_("Offender manager"), fact("offender_manager", case.offender_manager or not_recorded)),
        (_("Team"), case.team or not_recorded),
        (_("Inspector"), inspector),
        (_("Date"), format_date(printed_on)),
        (_("Review"), status),
        (_("Commenced"), fact("commencement_date", format_date(case.commencement_date) or not_recorded)),
    ]


def _inspector_name(store: Store, inspector_id: str | None) -> str:
    if not inspector_id:
        return _("Not allocated")
    with store.read() as session:
        row = session.get(Inspector, inspector_id)
        return f"{row.name} ({row.id})" if row is not None else inspector_id


def _purged_on(store: Store, review_id: str) -> datetime | None:
    with store.read() as session:
        row = session.get(ReviewSync, review_id)
        return row.purged_at if row is not None else None


def load_sheet(store: Store, case: CaseInfo, *, printed_on: date | None = None) -> FeedbackSheet:
    """The sheet of ``case``; refused when its review has not been started, or its data has been removed."""
    if case.review_id is None or case.status == "not_started":
        raise RefusedError(
            _("case {ref} has not been reviewed yet, so there is no feedback to print").format(
                ref=case.reference
            )
        )
    purged = _purged_on(store, case.review_id)
    if purged is not None:
        raise RefusedError(
            _(
                "the case data of {ref} was removed from this data folder after head office acknowledged its "
                "review (on {date}); its feedback sheet could be printed before that"
            ).format(ref=case.reference, date=format_date(purged))
        )
    view = get_review(store, case.review_id)
    inspection = resolve_inspection(store, case.inspection_id)
    inspector = _inspector_name(store, case.inspector_id)
    printed_on = printed_on or clock_today()
    return FeedbackSheet(
        inspection=inspection,
        case=case,
        view=view,
        inspector=inspector,
        facts=tuple(_case_facts(view, case, inspector, printed_on)),
        judgements=tuple(criterion_judgements(view)),
        threads=tuple(thread_outcomes(view)),
        points=tuple(feedback_points(view)),
        printed_on=printed_on,
    )


# -- layout ------------------------------------------------------------------------------------------------
def _legend(sheet: FeedbackSheet) -> Paragraph:
    return Paragraph(markup(verdict_legend("answer", draft=not sheet.finalised)), styles().small)


def _judgement_tables(sheet: FeedbackSheet) -> list[Flowable]:
    story: list[Flowable] = [heading(_("Judgements by criterion")), _legend(sheet), gap(2)]
    sections: dict[str, list[CriterionJudgement]] = {}
    for judgement in sheet.judgements:
        sections.setdefault(f"{judgement.section_id} {judgement.section_title}", []).append(judgement)
    for title, judgements in sections.items():
        rows = [[f"{j.criterion_id} {j.title}", j.label, _count_cell(j.count)] for j in judgements]
        widths = [0.58, 0.22, 0.2] if sheet.finalised else [0.5, 0.22, 0.28]  # room for "not answered yet"
        table = data_table([_("Criterion"), _("Judgement"), _("Positive answers")], rows, widths, align="LLR")
        story.append(keep(heading(title, 3), table))
    return story


def _thread_table(sheet: FeedbackSheet) -> list[Flowable]:
    rows = [[t.title, t.label, _count_cell(_thread_count(t))] for t in sheet.threads]
    widths = [0.4, 0.4, 0.2] if sheet.finalised else [0.38, 0.34, 0.28]
    table = data_table(
        [_("Thread"), _("Outcome for this case"), _("Positive answers")], rows, widths, align="LLR"
    )
    explanation = para(
        _("A thread is done well enough for a case when {rule}.").format(
            rule=case_rule_words(sheet.view.framework)
        ),
        styles().small,
    )
    return [keep(heading(_("Headline threads")), table), explanation]


def _count_cell(text: str) -> str | Paragraph:
    """A count, with "· N not answered yet" on a line of its own (it would break anywhere otherwise)."""
    counted, _dot, waiting = text.partition(" · ")
    if not waiting:
        return text
    return Paragraph(f"{markup(counted)}<br/>{markup(waiting)}", styles().cell_right)


def _thread_count(outcome: ThreadOutcome) -> str:
    waiting = _("{k} not answered yet").format(k=outcome.unanswered) if outcome.unanswered else ""
    if not outcome.applicable:
        return waiting or "—"
    text = _("{positive} of {n}").format(positive=count(outcome.positive), n=outcome.applicable)
    return f"{text} · {waiting}" if waiting else text


def _points(title: str, points: Sequence[FeedbackPoint], empty: str) -> list[Flowable]:
    s = styles()
    if not points:
        return [keep(heading(title), para(empty))]
    story: list[Flowable] = [heading(title)]
    for number, point in enumerate(points, start=1):
        judgement = f" — {point.judgement}" if point.judgement else ""
        line = Paragraph(
            f"<b>{number}. {markup(point.question_id)} {markup(point.question)}</b>{markup(judgement)}",
            s.body,
        )
        note = para(point.note, s.note)
        # A short point stays on one page; a note of pages flows on from its question line.
        story += [keep(line, note)] if len(point.note) < LONG_NOTE else [line, note]
    return story


def _signatures(sheet: FeedbackSheet) -> Flowable:
    s = styles()
    manager = sheet.case.offender_manager or ""
    rows = [
        [_("Inspector"), sheet.inspector, "", ""],
        [_("Offender manager"), manager, "", ""],
    ]
    table = data_table(
        [_("Role"), _("Name"), _("Signature"), _("Date")],
        rows,
        [0.2, 0.3, 0.32, 0.18],
        min_row_height=SIGNATURE_ROW,
    )
    table.setStyle(
        [
            ("BOX", (0, 0), (-1, -1), 0.8, INK),
            ("INNERGRID", (0, 0), (-1, -1), 0.6, INK),
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ]
    )
    note = para(_("Signed to confirm that this feedback was given and discussed."), s.small)
    return keep(heading(_("Signatures")), table, gap(1), note)


def sheet_story(sheet: FeedbackSheet) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        para(_("Case feedback sheet"), s.title),
        para(
            _("{area} — feedback to the offender manager after the case interview").format(
                area=sheet.inspection.area_name
            ),
            s.subtitle,
        ),
    ]
    if not sheet.finalised:
        story += [
            boxed(_("DRAFT: this case review is not finalised. Judgements may still change.")),
            gap(3),
        ]
    story += [facts_table(sheet.facts), gap(2)]
    story += _judgement_tables(sheet)
    story += _thread_table(sheet)
    story += _points(_("Strengths"), sheet.strengths, _("No strengths were recorded for feedback."))
    story += _points(
        _("Areas for improvement"),
        sheet.improvements,
        _("No areas for improvement were recorded for feedback."),
    )
    story.append(_signatures(sheet))
    return story


def sheet_title(sheet: FeedbackSheet) -> str:
    return _("Case feedback sheet — {ref}").format(ref=sheet.case.reference)


# -- entry points ------------------------------------------------------------------------------------------
def feedback_sheet(
    store: Store, case_ref: str, out: Path | str | None = None, *, inspection_id: str | None = None
) -> Operation[Rendered]:
    """The feedback sheet of one case as a long operation (yields progress; returns the document)."""
    yield Progress(0, 2, _("Reading case {ref}").format(ref=case_ref))
    rendered = feedback_pdf(store, case_ref, out, inspection_id=inspection_id)
    yield Progress(2, 2, _("Done"))
    return rendered


def feedback_pdf(
    store: Store, case_ref: str, out: Path | str | None = None, *, inspection_id: str | None = None
) -> Rendered:
    """The feedback sheet of one case (by reference or id), written to ``out`` when given."""
    sheet = load_sheet(store, find_case(store, case_ref, inspection_id))
    info = document_info(
        store,
        sheet.inspection,
        sheet_title(sheet),
        subject=_("Case feedback sheet"),
        draft=not sheet.finalised,
    )
    return render_pdf(info, sheet_story(sheet), out)


def finalised_on(store: Store, day: date, inspection_id: str | None = None) -> list[CaseInfo]:
    """Cases whose review was finalised on ``day`` (local date), by reference: "today's sheets"."""
    from omi_desktop.core.inspections import list_cases

    inspection = resolve_inspection(store, inspection_id)
    result = []
    for case in list_cases(store, inspection.id):
        if case.status != "finalised" or case.review_id is None or _purged_on(store, case.review_id):
            continue
        review = get_review(store, case.review_id).review
        if review.finalised_at is not None and review.finalised_at.astimezone().date() == day:
            result.append(case)
    return result


def feedback_sheets(
    store: Store, cases: Sequence[CaseInfo], out: Path | str | None = None
) -> Operation[Rendered]:
    """Several finalised cases' sheets as one document (one print job); each sheet numbers its own pages."""
    if not cases:
        raise RefusedError(_("there are no feedback sheets to print"))
    sheets = []
    for number, case in enumerate(cases, start=1):
        yield Progress(number - 1, len(cases) + 1, _("Reading case {ref}").format(ref=case.reference))
        sheet = load_sheet(store, case)
        if not sheet.finalised:
            raise RefusedError(
                _("case {ref} is not finalised; print its draft sheet on its own").format(ref=case.reference)
            )
        sheets.append(sheet)
    yield Progress(len(cases), len(cases) + 1, _("Laying out {n} feedback sheets").format(n=len(cases)))
    story: list[Flowable] = []
    for number, sheet in enumerate(sheets):
        if number:
            story.append(PageBreak())
        story.append(PartStart(sheet_title(sheet)))
        story += sheet_story(sheet)
    inspections = {sheet.inspection.id for sheet in sheets}
    if len(inspections) > 1:
        raise RefusedError(_("print the feedback sheets of one inspection at a time"))
    title = combined_title(sheets)
    info = document_info(store, sheets[0].inspection, title, subject=title)
    return render_pdf(info, story, out)


def combined_title(sheets: Sequence[FeedbackSheet]) -> str:
    """``Case feedback sheets — Area, finalised 27 November 2026`` (the day they were finalised, when one)."""
    area = sheets[0].inspection.area_name
    days = {s.view.review.finalised_at.astimezone().date() for s in sheets if s.view.review.finalised_at}
    if len(days) == 1:
        when = _("finalised {date}").format(date=format_date(days.pop()))
    else:
        when = _("printed {date}").format(date=format_date(sheets[0].printed_on))
    return _("Case feedback sheets — {area}, {when}").format(area=area, when=when)


def feedback_sheets_pdf(store: Store, cases: Sequence[CaseInfo], out: Path | str | None = None) -> Rendered:
    return run_to_end(feedback_sheets(store, cases, out))
