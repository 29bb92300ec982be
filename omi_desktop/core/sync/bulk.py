"""Inserting many rows fast and portably: the statement is compiled for the store's dialect once, each
column's own bind processor (JSON, datetimes, booleans) converts the values column by column, and the
driver's executemany does the rest. This skips SQLAlchemy's per-row bookkeeping, which dominated large
imports (tens of thousands of answers and audit events per bundle)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlmodel import Session

from omi_desktop.core.store.types import UTCDateTime

Processor = Callable[[Any], Any] | None


def _processor(table: Table, name: str, dialect: Any, naive_utc: bool) -> Processor:
    column_type = table.c[name].type
    if naive_utc and isinstance(column_type, UTCDateTime):
        # The caller hands naive UTC datetimes: what UTCDateTime would make of aware ones. Go straight to
        # the dialect's own datetime processing.
        return column_type.impl_instance.bind_processor(dialect)
    processor = column_type.bind_processor(dialect)
    if processor is not None and isinstance(column_type, JSON):
        return _memoised(processor)
    return processor


def _memoised(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """JSON-encode with a cache for the small scalar values answers repeat endlessly ("yes", "no", 3)."""
    cache: dict[tuple[type, Any], Any] = {}

    def process(value: Any) -> Any:
        kind = type(value)
        if kind is str or kind is int or kind is bool:
            key = (kind, value)
            found = cache.get(key)
            if found is None:
                found = cache[key] = processor(value)
            return found
        return processor(value)

    return process


def bulk_insert(
    session: Session, table: Table, rows: list[dict[str, Any]], *, naive_utc: bool = False
) -> None:
    """INSERT ``rows`` (dicts with the same keys) into ``table`` inside the session's transaction.

    With ``naive_utc``, datetime values of UTC columns are naive datetimes already in UTC.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    order = list(compiled.positiontup or compiled.params)
    columns = []
    for name in order:
        step = _processor(table, name, dialect, naive_utc)
        if name in rows[0]:
            values = [row[name] for row in rows]
            columns.append([step(v) for v in values] if step else values)
        else:  # a Python-side default (e.g. a creation time): the same for every row
            value = _default(table, name)
            columns.append([step(value) if step else value] * len(rows))
    if compiled.positional:
        params: list[Any] = list(zip(*columns, strict=True))
    else:
        params = [dict(zip(order, values, strict=True)) for values in zip(*columns, strict=True)]
    connection.exec_driver_sql(compiled.string, params)


def _default(table: Table, name: str) -> Any:
    default = table.c[name].default
    if default is None:
        return None
    return default.arg(None) if default.is_callable else default.arg
