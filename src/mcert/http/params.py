"""Bounded request parameters shared by the domain APIs: pagination and query datetimes.

Nothing a client sends may reach the database unbounded: PostgreSQL refuses a negative
OFFSET and both databases overflow on 2**63, which used to surface as 500s. Every list
endpoint takes :data:`PageDep`; every datetime in a query takes :data:`QueryDatetime`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Query
from pydantic import AfterValidator

from mcert.clock import CHINA_TZ
from mcert.errors import InvalidInput

__all__ = [
    "MAX_LIMIT",
    "MAX_OFFSET",
    "DatetimeInvalid",
    "Page",
    "PageDep",
    "QueryDatetime",
    "beijing_datetime",
]

MAX_LIMIT = 100
# Deeper pages than this are refused rather than scanned: narrow the query instead.
MAX_OFFSET = 100_000

# Datetimes a query may name: wide enough for any record mCert holds, narrow enough that
# converting between time zones can never overflow datetime's year 1-9999.
_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
_LATEST = datetime(2200, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Page:
    limit: int
    offset: int


async def page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page")] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip")] = 0,
) -> Page:
    return Page(limit=limit, offset=offset)


PageDep = Annotated[Page, Depends(page)]


class DatetimeInvalid(InvalidInput, ValueError):
    code = "datetime_invalid"
    default_message = "时间超出范围"


def beijing_datetime(value: datetime) -> datetime:
    """An aware datetime; one without an offset is Beijing time (UTC+8), as the app shows it.

    Beijing time rather than a refusal: holders and the app type local dates
    (``?from=2026-12-01``), and China has one time zone without daylight saving, so the
    reading is never ambiguous.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=CHINA_TZ)
    # Compare before converting: the conversion itself overflows near year 1 and 9999.
    if not datetime(1999, 12, 30) <= value.replace(tzinfo=None) <= datetime(2200, 1, 2):
        raise DatetimeInvalid(details={"earliest": _EARLIEST.isoformat()})
    utc = value.astimezone(UTC)
    if not _EARLIEST <= utc < _LATEST:
        raise DatetimeInvalid(details={"earliest": _EARLIEST.isoformat()})
    return utc


QueryDatetime = Annotated[datetime, AfterValidator(beijing_datetime)]
