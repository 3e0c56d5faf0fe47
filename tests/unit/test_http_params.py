"""Query datetimes: naive means Beijing time; the range never overflows (mcert.http.params)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcert.http.params import DatetimeInvalid, beijing_datetime


def test_naive_is_beijing_time() -> None:
    assert beijing_datetime(datetime(2026, 12, 1, 8)) == datetime(2026, 12, 1, tzinfo=UTC)
    aware = datetime(2026, 12, 1, 8, tzinfo=timezone(timedelta(hours=-5)))
    assert beijing_datetime(aware) == datetime(2026, 12, 1, 13, tzinfo=UTC)


@given(st.datetimes(timezones=st.one_of(st.none(), st.timezones())))
def test_any_datetime_is_accepted_as_utc_or_refused_never_overflows(value: datetime) -> None:
    try:
        out = beijing_datetime(value)
    except DatetimeInvalid:
        return
    assert out.tzinfo is UTC
    assert datetime(2000, 1, 1, tzinfo=UTC) <= out < datetime(2200, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("value", [datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59)])
def test_extremes_are_refused(value: datetime) -> None:
    with pytest.raises(DatetimeInvalid):
        beijing_datetime(value)
