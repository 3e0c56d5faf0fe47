"""Declarative base and column types shared by every domain's models.

Times are stored as naive UTC (SQLite has no time zones) and always come back aware.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import DateTime, MetaData, Select, String, TypeDecorator, bindparam, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


def new_id() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IdMixin:
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)


_M = TypeVar("_M", bound=Base)
_LOCKED_READS: dict[type[Base], Select[Any]] = {}


def lock_row(db: Session, model: type[_M], key: Any) -> _M | None:
    """``model``'s row ``key`` read afresh under a row lock, or None: ``SELECT … FOR UPDATE``
    on PostgreSQL (on SQLite the write transaction already holds the database's lock).

    The row is always refreshed: an object that an earlier read left in the session would
    otherwise keep what it held before the lock was taken, and a check made under the lock
    would read stale values. The statement is built once per model: the scan steps lock
    rows on every request, and building it anew cost more than running it.
    """
    stmt = _LOCKED_READS.get(model)
    if stmt is None:
        [pk] = sa_inspect(model).primary_key
        stmt = (
            select(model)
            .where(pk == bindparam("key"))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        _LOCKED_READS[model] = stmt
    return db.scalars(stmt, {"key": key}).first()
