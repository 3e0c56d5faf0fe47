"""Usage records (使用记录): one row for every session a holder acted on, success or failure,
written in the transaction that ends the session; read by the holder and by a company's
certificate admin."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mcert.ca.models import IssuedCertificate
from mcert.cert.models import HolderCertificate
from mcert.rp.models import RelyingParty
from mcert.scan.models import ScanSession, UsageRecord


def record_usage(
    db: Session,
    s: ScanSession,
    cert: HolderCertificate | None,
    sign: IssuedCertificate | None,
    result: str,
    now: datetime,
) -> None:
    rp = db.get(RelyingParty, s.rp_id)
    assert rp is not None
    assert s.user_id is not None
    db.add(
        UsageRecord(
            session_id=s.id,
            user_id=s.user_id,
            org_id=cert.org_id if cert else None,
            holder_cert_id=cert.id if cert else None,
            cert_serial=sign.serial if sign else None,
            holder_name=cert.subject_cn if cert else "",
            rp_id=rp.id,
            rp_name=rp.name,
            operation=s.type,
            result=result,
            created_at=now,
        )
    )


def usage(
    db: Session,
    *,
    user_id: str | None = None,
    org_id: str | None = None,
    cert_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[UsageRecord], int]:
    """Usage records of one holder, or (for a company's certificate admin) of a company."""
    if user_id is None and org_id is None:
        raise ValueError("a user or an organisation is required")
    q = select(UsageRecord)
    if user_id is not None:
        q = q.where(UsageRecord.user_id == user_id)
    if org_id is not None:
        q = q.where(UsageRecord.org_id == org_id)
    if cert_id:
        q = q.where(UsageRecord.holder_cert_id == cert_id)
    if since:
        q = q.where(UsageRecord.created_at >= since)
    if until:
        q = q.where(UsageRecord.created_at < until)
    total = db.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = db.scalars(
        q.order_by(UsageRecord.created_at.desc(), UsageRecord.id).limit(limit).offset(offset)
    ).all()
    return list(rows), int(total)
