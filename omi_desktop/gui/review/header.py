"""The review panel's header: what the review is about, its status and its progress.

A case review shows the case facts; an area assessment its title and who records it; a questionnaire
response its label and questionnaire.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from omi_desktop.core.inspections import CaseInfo, InspectionInfo
from omi_desktop.core.review.state import ReviewView
from omi_desktop.gui import labels

if TYPE_CHECKING:  # (core.instruments reads the sync tables: not needed to show a case's review)
    from omi_desktop.core.instruments import InstrumentReview


def escape(text: str) -> str:
    """Text shown in a rich-text label as written (``html.escape`` would import the html package, about
    8 ms, while the first review is being put on screen)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def tr(text: str) -> str:
    return QCoreApplication.translate("ReviewPanel", text)


def show(
    ui: Any,
    view: ReviewView,
    case: CaseInfo | None,
    entry: InstrumentReview | None,
    inspection: InspectionInfo | None,
) -> None:
    """Fill the header of the review panel (``ui``: its ``Ui_ReviewPanel``)."""
    if case is not None:
        _case(ui, case)
    elif entry is not None:
        _instrument(ui, view, entry, inspection)
    ui.statusLabel.setText(labels.review_status(view.review.status))
    evaluation = view.evaluation
    ui.progressBar.setValue(evaluation.progress)
    ui.progressBar.setFormat(tr("%p% answered"))
    missing = len(evaluation.missing)
    ui.progressLabel.setText(tr("{n} still needed").format(n=missing) if missing else tr("Ready to finalise"))
    if view.review.finalised:
        ui.progressLabel.setText(tr("Read-only"))


def _case(ui: Any, case: CaseInfo) -> None:
    ui.headerTitle.setText(
        tr("<b>{reference}</b> · {manager}").format(
            reference=case.reference, manager=case.offender_manager or tr("no offender manager")
        )
    )
    facts = [
        labels.order_type(case.order_type),
        tr("RoH {level}").format(level=labels.rosh_level(case.rosh_level) or "—"),
        tr("Tier {tier}").format(tier=case.tier if case.tier is not None else "—"),
        tr("PPO") if case.ppo else tr("Not PPO"),
        tr("MAPPA level {n}").format(n=case.mappa_level) if case.mappa_level else "",
        tr("from {date}").format(date=case.commencement_date.strftime("%d/%m/%Y"))
        if case.commencement_date
        else "",
        case.team or "",
    ]
    ui.headerFacts.setText("  ·  ".join(f for f in facts if f))
    ui.headerTitle.setAccessibleName(
        tr("Case {reference}, offender manager {manager}").format(
            reference=case.reference, manager=case.offender_manager or "—"
        )
    )
    ui.headerFacts.setAccessibleName(tr("Case facts: {facts}").format(facts=", ".join(f for f in facts if f)))


def _instrument(
    ui: Any, view: ReviewView, entry: InstrumentReview, inspection: InspectionInfo | None
) -> None:
    if entry.respondent:
        ui.headerTitle.setText(
            tr("<b>{label}</b> · {instrument}").format(
                label=escape(entry.respondent), instrument=escape(entry.instrument_title)
            )
        )
        started = view.review.created_at.astimezone().strftime("%d/%m/%Y")
        facts = [tr("Questionnaire response"), tr("started {date}").format(date=started)]
        if entry.origin != "local":
            facts.append(tr("returned by a team member"))
        name = tr("Questionnaire {label}, {instrument}").format(
            label=entry.respondent, instrument=entry.instrument_title
        )
    else:
        ui.headerTitle.setText(
            tr("<b>{instrument}</b> · area assessment").format(instrument=escape(entry.instrument_title))
        )
        lead = inspection.lead_inspector_id if inspection else None
        facts = [
            inspection.area_name if inspection else "",
            tr("recorded once by the lead inspector ({lead}) from documents and meetings").format(
                lead=lead or tr("not named")
            ),
        ]
        name = tr("Area assessment: {instrument}").format(instrument=entry.instrument_title)
    ui.headerFacts.setText("  ·  ".join(f for f in facts if f))
    ui.headerTitle.setAccessibleName(name)
    ui.headerFacts.setAccessibleName(", ".join(f for f in facts if f))
