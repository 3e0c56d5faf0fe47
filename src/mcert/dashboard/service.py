"""Daily figures for the console dashboard, counted by the database (GROUP BY day).

Days are UTC calendar days (timestamps are stored as UTC); every day of the window is
present, with zeros where nothing happened, so a chart needs no gap filling. ``date()``
of a timestamp is the same expression on SQLite (text → ``YYYY-MM-DD``) and PostgreSQL
(``timestamp`` → ``date``); the result is normalised to ISO text here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from mcert.cert.models import HolderCertificate
from mcert.cert.states import HolderCertStatus
from mcert.order.models import Order, PaymentAttempt, Refund
from mcert.order.states import OrderKind, PaymentStatus
from mcert.review import queues
from mcert.runtime import Runtime
from mcert.scan.models import ScanSession
from mcert.scan.states import ScanStatus

MAX_DAYS = 366


def _day(column: Any) -> Any:
    return func.date(column)


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def _window(now: datetime, days: int) -> tuple[datetime, list[str]]:
    first = (now - timedelta(days=days - 1)).date()
    start = datetime(first.year, first.month, first.day, tzinfo=now.tzinfo)
    return start, [(first + timedelta(days=i)).isoformat() for i in range(days)]


def _fill(
    days: list[str], counts: dict[str, dict[str, int]], keys: tuple[str, ...]
) -> list[dict[str, Any]]:
    return [{"day": d, **{k: int(counts.get(d, {}).get(k, 0)) for k in keys}} for d in days]


def certificates(db: Session, start: datetime, days: list[str]) -> list[dict[str, Any]]:
    """Per day: certificates issued (downloaded: new, claimed, changed, reissued), renewed,
    and revoked."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    renewal = case((Order.kind == OrderKind.RENEWAL, 1), else_=0)
    day = _day(HolderCertificate.downloaded_at)
    rows = db.execute(
        select(day, func.count(), func.sum(renewal))
        .join(Order, Order.id == HolderCertificate.order_id)
        .where(HolderCertificate.downloaded_at >= start)
        .group_by(day)
    ).all()
    for d, total, renewed in rows:
        counts[_iso(d)]["issued"] = int(total) - int(renewed or 0)
        counts[_iso(d)]["renewed"] = int(renewed or 0)
    day = _day(HolderCertificate.ended_at)
    for d, n in db.execute(
        select(day, func.count())
        .where(
            HolderCertificate.status == HolderCertStatus.REVOKED,
            HolderCertificate.ended_at >= start,
        )
        .group_by(day)
    ).all():
        counts[_iso(d)]["revoked"] = int(n)
    return _fill(days, counts, ("issued", "renewed", "revoked"))


def scans(db: Session, start: datetime, days: list[str]) -> list[dict[str, Any]]:
    """Per day, sessions by how they ended: completed, rejected by the holder, expired,
    failed (cancelled by the platform, certificate unusable, bad signature)."""
    ended = case(
        (ScanSession.status == ScanStatus.COMPLETE, "completed"),
        (ScanSession.failure_reason == "user_cancel", "rejected"),
        (ScanSession.failure_reason == "expired", "expired"),
        (ScanSession.status == ScanStatus.FAILED, "failed"),
        else_="pending",
    )
    day = _day(ScanSession.created_at)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for d, outcome, n in db.execute(
        select(day, ended, func.count()).where(ScanSession.created_at >= start).group_by(day, ended)
    ).all():
        counts[_iso(d)][outcome] = int(n)
    return _fill(days, counts, ("completed", "rejected", "expired", "failed"))


def payments(db: Session, start: datetime, days: list[str]) -> list[dict[str, Any]]:
    """Per day: payments received (count, fen) and refunds completed (fen)."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    day = _day(PaymentAttempt.paid_at)
    for d, n, fen in db.execute(
        select(day, func.count(), func.coalesce(func.sum(PaymentAttempt.amount_fen), 0))
        .where(PaymentAttempt.status == PaymentStatus.PAID, PaymentAttempt.paid_at >= start)
        .group_by(day)
    ).all():
        counts[_iso(d)].update(count=int(n), amount_fen=int(fen))
    day = _day(Refund.refunded_at)
    for d, fen in db.execute(
        select(day, func.coalesce(func.sum(Refund.amount_fen), 0))
        .where(Refund.refunded_at.is_not(None), Refund.refunded_at >= start)
        .group_by(day)
    ).all():
        counts[_iso(d)]["refunded_fen"] = int(fen)
    return _fill(days, counts, ("count", "amount_fen", "refunded_fen"))


def dashboard(db: Session, rt: Runtime, days: int) -> dict[str, Any]:
    start, window = _window(rt.clock.now(), days)
    return {
        "days": days,
        "queues": [
            {
                "kind": s.kind.value,
                "label": queues.LABELS[s.kind],
                "count": s.count,
                "oldest_age_seconds": s.oldest_age_seconds,
                "overdue": s.overdue,
            }
            for s in queues.summary(db, rt)
        ],
        "certificates": certificates(db, start, window),
        "scans": scans(db, start, window),
        "payments": payments(db, start, window),
    }
