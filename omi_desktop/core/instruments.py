"""The instruments besides the case review: area-level assessments and questionnaires.

Everything here is driven by the framework's instruments and their subjects, never by instrument ids:

- subject ``area``: one review per inspection (the OMI framework's Leadership and strategic planning
  assessment), recorded by the inspection's lead inspector from documents and meetings. Anyone may read
  it; only the lead starts it, because head office accepts it from the lead alone.
- subject ``respondent``: many reviews per inspection (the service-user questionnaires), each with a label
  such as ``OQ-001`` that is unique in the inspection. Any member of the team enters them.

Answering, finalising and reopening go through ``core.review`` like any review.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import Instrument
from omi_desktop.core.framework.registry import framework_from_session
from omi_desktop.core.i18n import _, current_language
from omi_desktop.core.inspections import inspection_from_session
from omi_desktop.core.review import ReviewView, get_review, start_review
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Inspection, Review, ReviewSync

AREA, RESPONDENT = "area", "respondent"
SUBJECTS = (AREA, RESPONDENT)
MAX_LABEL = 40
_LABEL_CHARS = re.compile(r"^[\w .,/()#+-]+$")


@dataclass(frozen=True)
class InstrumentInfo:
    """One instrument of the inspection's framework that is not the case review."""

    id: str
    title: str  # in the current language
    subject: str  # area | respondent
    label_prefix: str  # new questionnaires are labelled PREFIX-001, PREFIX-002, ...
    questions: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class InstrumentReview:
    """A row of the area or questionnaire list; ``review_id`` is None for an area assessment not started."""

    review_id: str | None
    inspection_id: str
    instrument: str
    instrument_title: str
    subject: str
    respondent: str | None
    status: str  # not_started | in_progress | complete | finalised
    progress: int
    revision: int
    created_at: datetime | None
    updated_at: datetime | None
    finalised_at: datetime | None
    finalised_by: str | None
    purged: bool  # its answers were removed after head office acknowledged it
    origin: str  # local | collated (from a team member, at the lead) | received (at head office)

    @property
    def label(self) -> str:
        """How people name it: the respondent label, or the instrument's title for an area assessment."""
        return self.respondent or self.instrument_title

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("created_at", "updated_at", "finalised_at"):
            data[name] = data[name].isoformat() if data[name] else None
        data["label"] = self.label
        return data


def _prefix(framework: Framework, instrument: Instrument) -> str:
    first = next((s.id for s in framework.spec.section if s.instrument == instrument.id), "")
    return first if first.isalpha() and len(first) <= 6 else instrument.id.upper()[:6]


def instrument_infos(
    framework: Framework, active_modules: tuple[str, ...], subject: str | None = None
) -> list[InstrumentInfo]:
    """The framework's area and respondent instruments that have questions, in framework order."""
    language = current_language()
    result = []
    for instrument in framework.instruments:
        if instrument.subject not in SUBJECTS or (subject is not None and instrument.subject != subject):
            continue
        count = len(framework.question_ids(instrument.id, active_modules))
        if count:
            result.append(
                InstrumentInfo(
                    instrument.id,
                    instrument.title.get(language),
                    instrument.subject,
                    _prefix(framework, instrument),
                    count,
                )
            )
    return result


def _framework(session: Session, inspection: Inspection) -> Framework:
    return framework_from_session(session, inspection.framework_id, inspection.framework_version)


def inspection_instruments(
    store: Store, inspection_id: str, subject: str | None = None
) -> list[InstrumentInfo]:
    with store.read() as session:
        inspection = inspection_from_session(session, inspection_id)
        framework = _framework(session, inspection)
        return instrument_infos(framework, tuple(inspection.active_modules or ()), subject)


def _natural(label: str | None) -> tuple[Any, ...]:
    """Sort key: OQ-2 before OQ-10."""
    return tuple(int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", label or ""))


def _not_started(info: InstrumentInfo, inspection_id: str) -> InstrumentReview:
    return InstrumentReview(
        review_id=None,
        inspection_id=inspection_id,
        instrument=info.id,
        instrument_title=info.title,
        subject=info.subject,
        respondent=None,
        status="not_started",
        progress=0,
        revision=0,
        created_at=None,
        updated_at=None,
        finalised_at=None,
        finalised_by=None,
        purged=False,
        origin="local",
    )


def _rows(session: Session, inspection_id: str, infos: list[InstrumentInfo]) -> list[InstrumentReview]:
    by_id = {i.id: i for i in infos}
    rows = session.execute(
        select(Review, ReviewSync.purged_at, ReviewSync.origin)
        .join(ReviewSync, ReviewSync.review_id == Review.id, isouter=True)
        .where(Review.inspection_id == inspection_id, Review.instrument.in_(list(by_id)))
    ).all()
    result = []
    for review, purged_at, origin in rows:
        info = by_id[review.instrument]
        result.append(
            InstrumentReview(
                review.id,
                inspection_id,
                info.id,
                info.title,
                info.subject,
                review.respondent,
                review.status,
                review.progress,
                review.revision,
                review.created_at,
                review.updated_at,
                review.finalised_at,
                review.finalised_by,
                purged_at is not None,
                origin or "local",
            )
        )
    started = {r.instrument for r in result}
    result += [_not_started(i, inspection_id) for i in infos if i.subject == AREA and i.id not in started]
    order = {info.id: n for n, info in enumerate(infos)}
    return sorted(result, key=lambda r: (order[r.instrument], _natural(r.respondent), r.review_id or ""))


def list_instrument_reviews(
    store: Store, inspection_id: str, *, subject: str | None = None, instrument: str | None = None
) -> list[InstrumentReview]:
    """The area assessments (one row per area instrument, started or not) and questionnaires."""
    with store.read() as session:
        inspection = inspection_from_session(session, inspection_id)
        infos = instrument_infos(
            _framework(session, inspection), tuple(inspection.active_modules or ()), subject
        )
        if instrument is not None:
            names = ", ".join(i.id for i in infos) or _("none")
            infos = [i for i in infos if i.id == instrument]
            if not infos:
                raise NotFoundError(
                    _("no instrument {id!r} to list here (there are: {names})").format(
                        id=instrument, names=names
                    )
                )
        return _rows(session, inspection_id, infos)


# -- the area assessment ------------------------------------------------------------------------------------
def _area_instrument(infos: list[InstrumentInfo], instrument: str | None) -> InstrumentInfo:
    areas = [i for i in infos if i.subject == AREA]
    if instrument is not None:
        for info in infos:
            if info.id == instrument:
                if info.subject != AREA:
                    raise RefusedError(_("{id} is not an area-level instrument").format(id=instrument))
                return info
        raise NotFoundError(_("this inspection has no instrument {id!r}").format(id=instrument))
    if not areas:
        raise NotFoundError(_("this inspection's framework has no area-level assessment"))
    if len(areas) > 1:
        raise RefusedError(
            _("name the assessment (--instrument): {ids}").format(ids=", ".join(a.id for a in areas))
        )
    return areas[0]


def may_start_area(inspection_lead: str | None, actor: str) -> bool:
    """Only the lead inspector starts the area assessment (any one may when no lead is recorded)."""
    return inspection_lead is None or inspection_lead == actor


def open_area_review(
    store: Store, inspection_id: str, *, actor: str, instrument: str | None = None
) -> ReviewView:
    """The inspection's area assessment; started (by the lead inspector only) if it does not exist yet."""
    with store.read() as session:
        inspection = inspection_from_session(session, inspection_id)
        infos = instrument_infos(_framework(session, inspection), tuple(inspection.active_modules or ()))
        info = _area_instrument(infos, instrument)
        existing = session.execute(
            select(Review.id).where(Review.inspection_id == inspection_id, Review.instrument == info.id)
        ).first()
        lead = inspection.lead_inspector_id
    if existing is not None:
        return get_review(store, existing[0])
    if not may_start_area(lead, actor):
        raise RefusedError(
            _(
                "the area assessment ({title}) is recorded by the lead inspector, {lead}; this installation "
                "is {actor}"
            ).format(title=info.title, lead=lead, actor=actor)
        )
    return start_review(store, inspection_id, actor=actor, instrument=info.id)


# -- questionnaires -----------------------------------------------------------------------------------------
def _respondent_instrument(infos: list[InstrumentInfo], instrument: str) -> InstrumentInfo:
    for info in infos:
        if info.id == instrument:
            if info.subject != RESPONDENT:
                raise RefusedError(_("{id} is not a questionnaire").format(id=instrument))
            return info
    names = ", ".join(i.id for i in infos if i.subject == RESPONDENT) or _("none")
    raise NotFoundError(
        _("no questionnaire {id!r} in this inspection's framework (there are: {names})").format(
            id=instrument, names=names
        )
    )


def _labels(session: Session, inspection_id: str, instruments: list[str]) -> list[str]:
    rows = session.execute(
        select(Review.respondent).where(
            Review.inspection_id == inspection_id,
            Review.instrument.in_(instruments),
            Review.respondent.is_not(None),
        )
    ).scalars()
    return [r for r in rows if r]


def _next_label(prefix: str, taken: list[str]) -> str:
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$", re.IGNORECASE)
    numbers = [int(m.group(1)) for m in map(pattern.match, taken) if m]
    return f"{prefix}-{max(numbers, default=0) + 1:03d}"


def next_label(store: Store, inspection_id: str, instrument: str) -> str:
    """The label a new questionnaire of ``instrument`` gets by default, e.g. ``OQ-007``."""
    with store.read() as session:
        inspection = inspection_from_session(session, inspection_id)
        infos = instrument_infos(_framework(session, inspection), tuple(inspection.active_modules or ()))
        info = _respondent_instrument(infos, instrument)
        return _next_label(info.label_prefix, _labels(session, inspection_id, [info.id]))


def check_label(label: str) -> str:
    """A label as stored (trimmed); refused when empty, too long or with unusual characters."""
    label = " ".join((label or "").split())
    if not label:
        raise RefusedError(_("a questionnaire needs a label, e.g. OQ-001"))
    if len(label) > MAX_LABEL:
        raise RefusedError(_("a questionnaire label has at most {n} characters").format(n=MAX_LABEL))
    if not _LABEL_CHARS.match(label):
        raise RefusedError(
            _(
                "a questionnaire label may hold letters, digits, spaces and . , / ( ) # + - only: {label!r}"
            ).format(label=label)
        )
    return label


def add_questionnaire(
    store: Store, inspection_id: str, instrument: str, label: str | None = None, *, actor: str
) -> ReviewView:
    """A new questionnaire response, labelled ``label`` (by default the next free ``PREFIX-NNN``).

    Labels are unique in the inspection (whatever the questionnaire), so a label names one response.
    """
    with store.read() as session:
        inspection = inspection_from_session(session, inspection_id)
        infos = instrument_infos(_framework(session, inspection), tuple(inspection.active_modules or ()))
        info = _respondent_instrument(infos, instrument)
        taken = _labels(session, inspection_id, [i.id for i in infos if i.subject == RESPONDENT])
    label = check_label(label) if label is not None else _next_label(info.label_prefix, taken)
    if label.lower() in {t.lower() for t in taken}:
        raise RefusedError(
            _("there is already a questionnaire labelled {label} in this inspection").format(label=label)
        )
    return start_review(store, inspection_id, actor=actor, instrument=info.id, respondent=label)


def find_questionnaire(store: Store, inspection_id: str, ref: str) -> InstrumentReview:
    """A questionnaire by its label (any case) or its review id (or the first 8+ characters of it)."""
    rows = list_instrument_reviews(store, inspection_id, subject=RESPONDENT)
    wanted = " ".join(ref.split()).lower()
    for test in (
        lambda r: (r.respondent or "").lower() == wanted,
        lambda r: r.review_id == ref,
        lambda r: len(ref) >= 8 and (r.review_id or "").startswith(ref),
    ):
        found = [r for r in rows if test(r)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            ids = ", ".join(f"{r.review_id} ({r.instrument_title})" for r in found)
            raise RefusedError(
                _("{ref!r} names several questionnaires; use the review id: {ids}").format(ref=ref, ids=ids)
            )
    raise NotFoundError(_("no questionnaire {ref!r} in this inspection").format(ref=ref))
