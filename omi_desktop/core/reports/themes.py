"""The lead inspector's themes for the interim area feedback: short headed paragraphs, in order.

Each theme is a strength, an area for improvement or a general point. They live in the store beside the
inspection (table ``report_theme``), so a lead inspector's collation prints them with the team's returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, func, select

from omi_desktop.core.clock import utcnow
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import _
from omi_desktop.core.inspections import inspection_from_session
from omi_desktop.core.store import Store
from omi_desktop.core.store.tables import ReportTheme

THEME_KINDS = ("strength", "improvement", "general")
MAX_HEADING = 200
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Theme:
    id: str
    inspection_id: str
    position: int
    kind: str
    heading: str
    text: str
    author: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: ReportTheme) -> Theme:
        return cls(**{name: getattr(row, name) for name in cls.__dataclass_fields__})

    def as_json(self) -> dict[str, object]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return data | {"created_at": self.created_at.isoformat(), "updated_at": self.updated_at.isoformat()}


def kind_label(kind: str) -> str:
    return {
        "strength": _("Strength"),
        "improvement": _("Area for improvement"),
        "general": _("General"),
    }.get(kind, kind)


def _checked(kind: str | None, heading: str | None, text: str | None) -> None:
    if kind is not None and kind not in THEME_KINDS:
        raise RefusedError(_("a theme is one of: {kinds}").format(kinds=", ".join(THEME_KINDS)))
    if heading is not None:
        if not heading.strip():
            raise RefusedError(_("a theme needs a heading"))
        if len(heading) > MAX_HEADING:
            raise RefusedError(_("a theme heading has at most {n} characters").format(n=MAX_HEADING))
    if text is not None and len(text) > MAX_TEXT:
        raise RefusedError(_("a theme's text has at most {n} characters").format(n=MAX_TEXT))


def list_themes(store: Store, inspection_id: str) -> list[Theme]:
    with store.read() as session:
        rows = session.exec(
            select(ReportTheme)
            .where(ReportTheme.inspection_id == inspection_id)
            .order_by(ReportTheme.position, ReportTheme.created_at)
        ).all()
        return [Theme.of(r) for r in rows]


def add_theme(
    store: Store, inspection_id: str, heading: str, text: str = "", *, kind: str = "general", author: str = ""
) -> Theme:
    """Add a theme at the end of the inspection's list."""
    _checked(kind, heading, text)
    with store.write() as session:
        inspection_from_session(session, inspection_id)
        last = session.exec(
            select(func.max(ReportTheme.position)).where(ReportTheme.inspection_id == inspection_id)
        ).one()
        row = ReportTheme(
            inspection_id=inspection_id,
            position=(last or 0) + 1,
            kind=kind,
            heading=heading.strip(),
            text=text.strip(),
            author=author,
        )
        session.add(row)
        session.flush()
        return Theme.of(row)


def _theme(session: Session, theme_id: str, inspection_id: str | None = None) -> ReportTheme:
    rows = session.exec(select(ReportTheme).where(ReportTheme.id.startswith(theme_id))).all()
    if inspection_id is not None:
        rows = [r for r in rows if r.inspection_id == inspection_id]
    if not rows:
        raise NotFoundError(_("no theme {id}").format(id=theme_id))
    if len(rows) > 1:
        raise RefusedError(_("{id} names several themes; give more of its id").format(id=theme_id))
    return rows[0]


def edit_theme(
    store: Store,
    theme_id: str,
    *,
    heading: str | None = None,
    text: str | None = None,
    kind: str | None = None,
    position: int | None = None,
) -> Theme:
    """Change a theme (by id or a unique id prefix); ``position`` moves it (1 = first)."""
    _checked(kind, heading, text)
    with store.write() as session:
        row = _theme(session, theme_id)
        if heading is not None:
            row.heading = heading.strip()
        if text is not None:
            row.text = text.strip()
        if kind is not None:
            row.kind = kind
        row.updated_at = utcnow()
        if position is not None:
            _move(session, row, position)
        session.add(row)
        session.flush()
        return Theme.of(row)


def _move(session: Session, row: ReportTheme, position: int) -> None:
    siblings = session.exec(
        select(ReportTheme)
        .where(ReportTheme.inspection_id == row.inspection_id, ReportTheme.id != row.id)
        .order_by(ReportTheme.position, ReportTheme.created_at)
    ).all()
    index = min(max(position, 1), len(siblings) + 1) - 1
    ordered = [*siblings[:index], row, *siblings[index:]]
    for number, theme in enumerate(ordered, start=1):
        theme.position = number
        session.add(theme)


def remove_theme(store: Store, theme_id: str) -> Theme:
    with store.write() as session:
        row = _theme(session, theme_id)
        removed = Theme.of(row)
        session.delete(row)
        return removed
