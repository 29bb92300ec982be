"""Keeping a sample: the draw, every row's fate and the sampled cases, written in one transaction.

Personal data is kept to what the sample needs: sampled rows become cases of the inspection (with the facts
a review needs); buffer rows keep their identifying details so that a replacement can become a case; every
other row keeps its CRN, its fate, its start date and the facts the analysis shows, and no name, PNC or date
of birth.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, update
from sqlmodel import Session, col, delete, select

from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import inspection_from_session
from omi_desktop.core.progress import Operation, Progress
from omi_desktop.core.sampling.draw import Draw, draw_sample
from omi_desktop.core.sampling.longlist import LongList, Record
from omi_desktop.core.sampling.parameters import ALGORITHM, SampleParameters
from omi_desktop.core.sampling.strata import case_gender
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import Case, Review, Sample, SampleRow
from omi_desktop.core.store.types import new_id

_ROW_COLUMNS = tuple(c.name for c in SampleRow.__table__.columns)
_EMPTY_ROW = dict.fromkeys(_ROW_COLUMNS)


@dataclass(frozen=True)
class SampleInfo:
    id: str
    inspection_id: str
    status: str
    algorithm: str
    seed: int
    parameters: dict[str, Any]
    source_name: str
    source_sha256: str
    source_encoding: str
    rows: int
    summary: dict[str, Any]
    created_at: datetime
    created_by: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "inspection_id": self.inspection_id,
            "status": self.status,
            "algorithm": self.algorithm,
            "seed": self.seed,
            "parameters": self.parameters,
            "source": {
                "name": self.source_name,
                "sha256": self.source_sha256,
                "encoding": self.source_encoding,
            },
            "rows": self.rows,
            "summary": self.summary,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
        }


def _info(sample: Sample) -> SampleInfo:
    return SampleInfo(
        id=sample.id,
        inspection_id=sample.inspection_id,
        status=sample.status,
        algorithm=sample.algorithm,
        seed=sample.seed,
        parameters=dict(sample.parameters or {}),
        source_name=sample.source_name,
        source_sha256=sample.source_sha256,
        source_encoding=sample.source_encoding,
        rows=sample.rows,
        summary=dict(sample.summary or {}),
        created_at=sample.created_at,
        created_by=sample.created_by,
    )


def current_sample_row(session: Session, inspection_id: str) -> Sample | None:
    return session.exec(
        select(Sample).where(Sample.inspection_id == inspection_id, Sample.status == "current")
    ).first()


def current_sample(store: Store, inspection_id: str) -> SampleInfo:
    with store.read() as session:
        sample = current_sample_row(session, inspection_id)
        if sample is None:
            raise NotFoundError(_("this inspection has no sample yet (draw one with 'omi hq sample')"))
        return _info(sample)


def case_facts(record: Record) -> dict[str, Any]:
    """The facts of a case of the inspection, from its long-list row."""
    return {
        "reference": record.crn,
        "pnc": record.pnc or None,
        "family_name": record.family_name or None,
        "first_name": record.first_name or None,
        "date_of_birth": record.date_of_birth,
        "gender": case_gender(record.gender),  # the framework's options: female, male, other, not_recorded
        "order_type": record.sentence_type,
        "commencement_date": record.start_date,
        "end_date": record.end_date,
        "tier": record.tier,
        "rosh_level": record.rosh_level,
        "ppo": record.ppo,
        "cluster": record.cluster or None,
        "ldu": record.ldu,
        "team": record.team or None,
        "offender_manager": record.responsible_officer,
    }


def summary_json(draw: Draw, longlist: LongList) -> dict[str, Any]:
    reasons: dict[str, int] = {}
    for excluded in draw.excluded.values():
        reasons[excluded.reason] = reasons.get(excluded.reason, 0) + 1
    return {
        "counts": {
            "rows": longlist.rows,
            "invalid": len(longlist.invalid_rows),
            "excluded": len(draw.excluded),
            "excluded_by_reason": reasons,
            "duplicates": len(draw.duplicates),
            "frame": len(draw.frame),
            "sampled": len(draw.sampled),
            "buffer": len(draw.buffer),
        },
        "strata": [s.as_json() for s in draw.strata],
        "minimums": [m.as_json() for m in draw.minimums],
        "shortfalls": list(draw.shortfalls),
        "notices": [str(n) for n in longlist.notices],
    }


def row_values(draw: Draw, longlist: LongList, sample_id: str) -> list[dict[str, Any]]:
    """One ``sample_row`` per long-list row (invalid rows included), in row order."""
    window = (draw.parameters.window_start, draw.parameters.window_end)
    rows = []
    problems = longlist.problems_by_row()
    for number in longlist.invalid_rows:
        detail = "; ".join(f"{p.column}: {p.message}" if p.column else p.message for p in problems[number])
        values = {**_EMPTY_ROW, "sample_id": sample_id, "row": number, "crn": longlist.invalid_crns[number]}
        values.update(fate="invalid", drawn_fate="invalid", reason="invalid", detail=detail)
        rows.append(values)
    for record in longlist.records:
        values = {**_EMPTY_ROW, "sample_id": sample_id, "row": record.row, "crn": record.crn}
        excluded = draw.excluded.get(record.row)
        duplicate = draw.duplicates.get(record.row) if excluded is None else None
        if excluded is not None:
            detail = excluded.describe(window)
            values.update(
                fate="excluded", reason=excluded.reason, detail=detail, start_date=record.start_date
            )
        elif duplicate is not None:
            values.update(
                fate="duplicate", reason="duplicate", detail=duplicate.detail, duplicate_of=duplicate.kept_row
            )
        else:
            values.update(
                fate=draw.fate(record.row),
                stratum=draw.stratum_of[record.row],
                priority=draw.priority[record.row],
                buffer_rank=draw.buffer.get(record.row),
                gender=record.gender,
                sentence_type=record.sentence_type,
                rosh_level=record.rosh_level,
                ppo=record.ppo,
                tier=record.tier,
                start_date=record.start_date,
                cluster=record.cluster or None,
                ldu=record.ldu,
                team=record.team or None,
                responsible_officer=record.responsible_officer,
            )
            if record.row in draw.buffer:
                values.update(
                    pnc=record.pnc or None,
                    family_name=record.family_name or None,
                    first_name=record.first_name or None,
                    date_of_birth=record.date_of_birth,
                    end_date=record.end_date,
                )
        values["drawn_fate"] = values["fate"]
        rows.append(values)
    return rows


def sample_operation(
    store: Store,
    inspection_id: str,
    longlist: LongList,
    parameters: SampleParameters,
    *,
    actor: str,
    skip_invalid_rows: bool = False,
    redraw: bool = False,
) -> Operation[tuple[SampleInfo, Draw]]:
    """Draw the sample and keep it, with its cases, in one transaction (yields progress)."""
    longlist.usable(skip_invalid_rows=skip_invalid_rows)
    yield Progress(0, 3, _("Drawing the sample"))
    draw = draw_sample(longlist.records, parameters)
    yield Progress(1, 3, _("Saving the sample"))
    with store.write() as session:
        inspection_from_session(session, inspection_id)
        _clear_for_sample(session, inspection_id, redraw)
        sample = Sample(
            inspection_id=inspection_id,
            algorithm=ALGORITHM,
            seed=parameters.seed,
            parameters=parameters.as_json(),
            source_name=longlist.source,
            source_sha256=longlist.sha256,
            source_encoding=longlist.encoding,
            rows=longlist.rows,
            summary=summary_json(draw, longlist),
            created_by=actor,
        )
        session.add(sample)
        session.flush()
        session.execute(insert(SampleRow), row_values(draw, longlist, sample.id))
        cases = [
            {"id": new_id(), "inspection_id": inspection_id, "mappa_level": None, **case_facts(r)}
            for r in longlist.records
            if r.row in draw.sampled
        ]
        if cases:
            session.execute(insert(Case), cases)
        info = _info(sample)
    yield Progress(3, 3, _("Sample saved"))
    return info, draw


def _clear_for_sample(session: Session, inspection_id: str, redraw: bool) -> None:
    """Make room for a new sample, or refuse when that would lose work."""
    previous = current_sample_row(session, inspection_id)
    cases = session.exec(
        select(func.count()).select_from(Case).where(Case.inspection_id == inspection_id)
    ).one()
    if previous is None:
        if cases:
            raise RefusedError(
                _("this inspection already has {n} cases that did not come from a sample").format(n=cases)
            )
        return
    if not redraw:
        raise RefusedError(
            _(
                "this inspection already has a sample (drawn {when} by {who}); draw again only to replace it"
            ).format(when=previous.created_at.date(), who=previous.created_by)
        )
    reviews = session.exec(
        select(func.count())
        .select_from(Review)
        .join(Case, col(Review.case_id) == Case.id)
        .where(Case.inspection_id == inspection_id)
    ).one()
    if reviews:
        raise RefusedError(
            _(
                "{n} case reviews of this inspection have begun; the sample can no longer be drawn again"
            ).format(n=reviews)
        )
    session.exec(delete(Case).where(col(Case.inspection_id) == inspection_id))
    # The superseded sample stays for the record, without the identifying details its buffer kept.
    session.exec(
        update(SampleRow)
        .where(col(SampleRow.sample_id) == previous.id)
        .values(pnc=None, family_name=None, first_name=None, date_of_birth=None, end_date=None)
    )
    previous.status = "superseded"
    session.add(previous)
    session.flush()
