"""Queue sizes for ``/metrics``: read-only counts of work waiting in the database.

Called by the metrics collector only when ``/metrics`` is scraped: one statement of counts
on a raw DBAPI connection, so on SQLite a scrape never takes the write lock every session
transaction takes (``BEGIN IMMEDIATE``). Never on a request path, never writing.
docs/operations.md says what each queue means.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.sql import ColumnElement

from mcert.order.models import Order, Refund
from mcert.order.states import OrderStatus, RefundStatus
from mcert.runtime import Runtime
from mcert.scan.callbacks import CALLBACK_MAX_ATTEMPTS
from mcert.scan.models import CallbackDelivery, ScanSession
from mcert.scan.states import ScanStatus


def queue_sizes(rt: Runtime) -> Iterable[tuple[str, str, float]]:
    """``(queue, meaning, size)`` for every queue, counted now."""
    queries: list[tuple[str, str, type, ColumnElement[bool]]] = [
        (
            "reviews_pending",
            "orders waiting for an operator's review",
            Order,
            Order.status == OrderStatus.PENDING_REVIEW,
        ),
        (
            "orders_pending_payment",
            "approved orders waiting for payment",
            Order,
            Order.status == OrderStatus.PENDING_PAYMENT,
        ),
        (
            "refunds_open",
            "refunds not yet confirmed by the gateway",
            Refund,
            Refund.status.in_([RefundStatus.PENDING, RefundStatus.PROCESSING]),
        ),
        (
            "scan_sessions_open",
            "scan sessions neither completed nor failed (expired ones included until read)",
            ScanSession,
            ScanSession.status == ScanStatus.PENDING,
        ),
        (
            "rp_callbacks_pending",
            "callbacks to relying parties not yet delivered and still retried",
            CallbackDelivery,
            CallbackDelivery.delivered_at.is_(None)
            & (CallbackDelivery.attempts < CALLBACK_MAX_ATTEMPTS),
        ),
        (
            "rp_callbacks_abandoned",
            "callbacks given up after every retry failed",
            CallbackDelivery,
            CallbackDelivery.delivered_at.is_(None)
            & (CallbackDelivery.attempts >= CALLBACK_MAX_ATTEMPTS),
        ),
    ]
    assert rt.engine is not None
    stmt = select(
        *(
            select(func.count()).select_from(model).where(where).scalar_subquery().label(name)
            for name, _meaning, model, where in queries
        )
    )
    sql = str(stmt.compile(dialect=rt.engine.dialect, compile_kwargs={"literal_binds": True}))
    conn = rt.engine.raw_connection()
    try:
        cur = conn.cursor()
        try:
            cur.execute(sql)
            row: tuple[Any, ...] = tuple(cur.fetchone() or ())
        finally:
            cur.close()
    finally:
        conn.close()  # back to the pool, which rolls back whatever the driver began
    return [
        (name, meaning, float(value or 0))
        for (name, meaning, _model, _where), value in zip(queries, row, strict=True)
    ]
