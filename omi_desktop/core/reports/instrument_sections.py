"""The area documents' sections on the other instruments: the area-level assessment ("Leadership and
strategic planning") and the service users' perspective (questionnaires). Data: ``instrument_summaries``."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from omi_desktop.core.i18n import _
from omi_desktop.core.reports.fonts import REGULAR
from omi_desktop.core.reports.instrument_summaries import (
    AreaAssessment,
    AreaCriterion,
    LeadershipSummary,
    QuestionnaireSummary,
    QuestionSummary,
    ServiceUsersSummary,
)
from omi_desktop.core.reports.judgements import positive_count, verdict_label, verdict_legend
from omi_desktop.core.reports.styles import (
    FRAME_WIDTH,
    boxed,
    data_table,
    gap,
    heading,
    keep,
    markup,
    para,
    section,
    styles,
)
from omi_desktop.core.reports.text import format_date, whole_percent

ANSWERS_WIDTH = 0.44  # share of the frame for the answers column of a questionnaire table


# -- leadership and strategic planning ----------------------------------------------------------------------
def _state(assessment: AreaAssessment) -> Flowable:
    s = styles()
    if assessment.review_id is None:
        return para(_("Not recorded yet: the lead inspector has not started this assessment."), s.body)
    if assessment.purged:
        return para(_("The answers were removed from this data folder after head office confirmed receipt."))
    if not assessment.finalised:
        return boxed(
            [
                para(_("NOT YET FINALISED"), s.statement),
                para(
                    _(
                        "{percent}% of the required questions are answered; the lead inspector's "
                        "judgements may still change."
                    ).format(percent=assessment.progress),
                    s.body,
                ),
            ],
            thick=False,
        )
    return para(
        _("Recorded by the lead inspector from documents and meetings; finalised on {date} by {who}.").format(
            date=format_date(assessment.finalised_at), who=assessment.finalised_by or _("not recorded")
        ),
        s.body,
    )


def _legend() -> Paragraph:
    return Paragraph(markup(verdict_legend("judgement")), styles().small)


def _verdict(criterion: AreaCriterion) -> str:
    if criterion.applicable == 0 and criterion.unanswered:
        return _("Not judged yet")
    return verdict_label(criterion.verdict)


def _count(criterion: AreaCriterion) -> str:
    if criterion.applicable == 0:
        return "—"
    text = positive_count(criterion.positive, criterion.applicable, criterion.partly)
    if criterion.unanswered:
        text += " " + _("({k} not answered)").format(k=criterion.unanswered)
    return text


def _criteria_table(assessment: AreaAssessment) -> Flowable:
    rows = [[f"{c.criterion_id} {c.title}", _verdict(c), _count(c)] for c in assessment.criteria]
    header = [_("Criterion"), _("Judgement"), _("Positive judgements")]
    return data_table(header, rows, [0.56, 0.2, 0.24], align="LLR")


def _criterion_detail(criterion: AreaCriterion) -> list[Flowable]:
    s = styles()
    title = heading(f"{criterion.criterion_id} {criterion.title} — {_verdict(criterion)}", 3)
    story: list[Flowable] = []
    if criterion.answers:
        rows = [
            [f"{a.question_id} {a.text}", f"{a.mark} {a.words}".strip() if a.words else _("Not answered")]
            for a in criterion.answers
        ]
        story.append(data_table([_("Question"), _("The lead inspector's answer")], rows, [0.72, 0.28]))
    for n, note in enumerate(criterion.notes):
        lead = [gap(1.5)] if n == 0 and story else []
        story.append(
            keep(*lead, Paragraph(f"<b>{markup(note.heading)}</b>", s.small), para(note.text, s.note))
        )
    if not criterion.notes:
        story.append(para(_("No notes."), s.small))
    return [keep(title, *story[:1]), *story[1:], gap(1)]


def leadership_story(summary: LeadershipSummary) -> list[Flowable]:
    """One section per area-level assessment (none when the framework has none)."""
    story: list[Flowable] = []
    for assessment in summary.assessments:
        if assessment.review_id is None or assessment.purged:
            story += section(assessment.title, _state(assessment))
            continue
        # The state, the key and the criteria together: a short block that moves to the next page whole.
        story += section(
            assessment.title, _state(assessment), gap(2), _legend(), gap(2), _criteria_table(assessment)
        )
        for criterion in assessment.criteria:
            story += _criterion_detail(criterion)
    return story


# -- service users' perspective -----------------------------------------------------------------------------
def _answers_cell(question: QuestionSummary) -> Flowable:
    s = styles()
    if question.type == "text":
        return para(
            _("{n} wrote a comment (not printed: questionnaires may hold personal data)").format(
                n=question.comments
            ),
            s.cell,
        )
    if question.type == "number" and question.median is not None:
        return para(
            _("median {m:g} (from {low:g} to {high:g})").format(
                m=question.median, low=question.low, high=question.high
            ),
            s.cell,
        )
    if not question.options:
        return para(_("{n} answered").format(n=question.n), s.cell)
    width = ANSWERS_WIDTH * FRAME_WIDTH - 8
    rows = [
        [
            Paragraph(markup(o.label), s.cell),
            Paragraph(str(o.count), s.cell_right),
            Paragraph(whole_percent(o.percent), s.cell_right),
        ]
        for o in question.options
    ]
    table = Table(rows, colWidths=[width * 0.64, width * 0.14, width * 0.22], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _n_cell(question: QuestionSummary) -> str:
    text = str(question.n)
    if question.blank:
        text += "\n" + _("{k} left blank").format(k=question.blank)
    return text


def _questionnaire(summary: QuestionnaireSummary) -> list[Flowable]:
    s = styles()
    counted = _("{n} finalised responses counted").format(n=summary.finalised)
    if summary.not_finalised:
        counted += "; " + _("{k} not finalised yet (not counted)").format(k=summary.not_finalised)
    if summary.removed:
        counted += "; " + _("{k} removed after head office's receipt (not counted)").format(k=summary.removed)
    title = heading(summary.title, 2)
    if not summary.finalised:
        return [keep(title, para(counted + ".", s.body))]
    rows = [
        [f"{q.question_id} {q.text}", _n_cell(q), _answers_cell(q)] for q in summary.questions if q.applied
    ]
    table = data_table(
        [_("Question"), _("Answered (n)"), _("Answers: count and share of n")],
        rows,
        [0.42, 0.14, ANSWERS_WIDTH],
        align="LRL",
    )
    story: list[Flowable] = [keep(title, para(counted + ".", s.body)), table]
    if summary.notes:
        story.append(
            para(_("{n} notes recorded with the answers are not printed.").format(n=summary.notes), s.small)
        )
    return story


def service_users_story(summary: ServiceUsersSummary) -> list[Flowable]:
    """The questionnaires' summaries (nothing when the framework has no questionnaire)."""
    if not summary.questionnaires:
        return []
    intro = para(
        _(
            "Finalised questionnaire responses only. For each question: n, the responses that answered "
            "it (those left blank, and those the question did not apply to, are not counted), and for each "
            "answer the count and its share of n. Comments are counted, not printed."
        ),
        styles().small,
    )
    # Start where the heading, the note and the first questionnaire's first rows fit together.
    story: list[Flowable] = [CondPageBreak(90 * mm), *section(_("Service users' perspective"), intro)]
    for questionnaire in summary.questionnaires:
        story += _questionnaire(questionnaire)
    return story
