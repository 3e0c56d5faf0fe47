"""Usage records (使用记录): one row for every session a holder acted on, success or failure,
written in the transaction that ends the session; read by the holder (their own) and by a
company's certificate admins (every member's, manual part 9), as pages or as a CSV export.

Company queries are served by ``(org_id, created_at, id)`` and ``(org_id, user_id,
created_at, id)`` indexes (docs/benchmarks.md has the measurements)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from mcert.ca.models import IssuedCertificate
from mcert.cert.models import HolderCertificate
from mcert.clock import CHINA_TZ
from mcert.errors import InvalidInput, PermissionDenied
from mcert.org import service as orgs
from mcert.org.models import Organization
from mcert.rp.models import RelyingParty
from mcert.scan.models import ScanSession, UsageRecord


def record_usage(
    db: Session,
    s: ScanSession,
    rp: RelyingParty,
    cert: HolderCertificate | None,
    sign: IssuedCertificate | None,
    result: str,
    now: datetime,
) -> None:
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


OPERATION_LABELS = {"login": "登录", "sign": "签章", "decrypt": "解密", "seal": "盖章"}
RESULT_LABELS = {
    "success": "成功",
    "user_cancel": "用户取消",
    "cancelled": "平台取消",
    "expired": "超时",
    "cert_revoked": "证书已吊销",
    "cert_locked": "证书已锁定",
    "cert_expired": "证书已过期",
    "not_eligible": "证书不符合要求",
    "no_seal": "无可用印章",
    "signature_invalid": "签名无效",
}
CSV_HEADER = ("时间（北京时间）", "单位", "使用人", "证书序列号", "操作类型", "使用平台", "结果")
EXPORT_CHUNK = 1000


class UsageCompanyForbidden(PermissionDenied):
    code = "usage_company_forbidden"
    default_message = "只有单位的证书管理员可以查看单位的使用记录，证书使用人仅可查看自己的使用记录"


class OrgRequired(InvalidInput):
    code = "org_id_required"
    default_message = "您是多个单位的证书管理员，请选择单位"


@dataclass(frozen=True)
class UsageQuery:
    """Whose records (a holder's own, or a whole company's) and the filters."""

    user_id: str | None = None
    org_id: str | None = None
    cert_id: str | None = None
    serial: str | None = None
    operation: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def where(self) -> list[ColumnElement[bool]]:
        if self.user_id is None and self.org_id is None:
            raise ValueError("a user or an organisation is required")
        conditions = []
        if self.org_id is not None:
            conditions.append(UsageRecord.org_id == self.org_id)
        if self.user_id is not None:
            conditions.append(UsageRecord.user_id == self.user_id)
        if self.cert_id:
            conditions.append(UsageRecord.holder_cert_id == self.cert_id)
        if self.serial:
            conditions.append(UsageRecord.cert_serial == self.serial.lower())
        if self.operation:
            conditions.append(UsageRecord.operation == self.operation)
        if self.since:
            conditions.append(UsageRecord.created_at >= self.since)
        if self.until:
            conditions.append(UsageRecord.created_at < self.until)
        return conditions


def company_query(
    db: Session, user_id: str, org_id: str | None, member_id: str | None, **filters: Any
) -> UsageQuery:
    """The company scope (使用记录 of every member): for the company's active admins only.

    Without ``org_id`` the one company the caller administers; a member filter is the
    member's account (a member who never claimed has no records).
    """
    if org_id is None:
        admin_of = [m.org_id for m in orgs.memberships(db, user_id) if m.role == orgs.ADMIN]
        if not admin_of:
            raise UsageCompanyForbidden()
        if len(admin_of) > 1:
            raise OrgRequired(details={"org_ids": admin_of})
        org_id = admin_of[0]
    if orgs.role_of(db, org_id, user_id) != orgs.ADMIN:
        raise UsageCompanyForbidden()
    member_user: str | None = None
    if member_id is not None:
        member = orgs.get_member(db, org_id, member_id)
        member_user = member.user_id or "-"  # never claimed: matches nothing
    return UsageQuery(user_id=member_user, org_id=org_id, **filters)


def usage(
    db: Session, query: UsageQuery, *, limit: int = 20, offset: int = 0
) -> tuple[list[UsageRecord], int]:
    """One page of records, newest first, and how many match."""
    q = select(UsageRecord).where(*query.where())
    total = db.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = db.scalars(
        q.order_by(UsageRecord.created_at.desc(), UsageRecord.id.desc()).limit(limit).offset(offset)
    ).all()
    return list(rows), int(total)


def export_csv(sessions: sessionmaker[Session], query: UsageQuery) -> Iterator[bytes]:
    """The matching records as CSV, oldest first, UTF-8 with a BOM (Excel reads Chinese).

    Streamed in chunks of :data:`EXPORT_CHUNK` rows, each read in its own short
    transaction from where the last ended (keyset on time and id): memory stays constant
    however long the export, and on SQLite no read holds the database for its duration.
    """
    yield "\ufeff".encode()
    yield _csv_lines([CSV_HEADER])
    after: tuple[datetime, str] | None = None
    org_names: dict[str | None, str] = {}
    u = UsageRecord
    columns = (u.created_at, u.id, u.org_id, u.holder_name, u.cert_serial, u.operation)
    while True:
        with sessions() as db:
            q = select(*columns, u.rp_name, u.result).where(*query.where())
            if after is not None:
                q = q.where(tuple_(u.created_at, u.id) > after)
            rows = db.execute(q.order_by(u.created_at, u.id).limit(EXPORT_CHUNK)).all()
            for org_id in {row.org_id for row in rows} - org_names.keys():
                org = db.get(Organization, org_id) if org_id else None
                org_names[org_id] = org.name if org else ""
        if rows:
            yield _csv_lines([_csv_row(row, org_names[row.org_id]) for row in rows])
        if len(rows) < EXPORT_CHUNK:
            return
        after = (rows[-1].created_at, rows[-1].id)


def _csv_row(r: Any, org_name: str) -> tuple[str, ...]:
    """One record (a row with the columns :func:`export_csv` reads) as CSV cells."""
    return (
        r.created_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S"),
        org_name,
        r.holder_name,
        r.cert_serial or "",
        OPERATION_LABELS.get(r.operation, r.operation),
        r.rp_name,
        RESULT_LABELS.get(r.result, r.result),
    )


def _csv_lines(rows: Sequence[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for values in rows:
        # A cell starting with = + - @ is a formula to a spreadsheet: quote it as text.
        writer.writerow(["'" + v if v[:1] in ("=", "+", "-", "@") else v for v in values])
    return out.getvalue().encode()


def usage_by_rp(db: Session, since: datetime) -> dict[str, dict[str, int]]:
    """Successful uses per relying party and operation since ``since`` (console RP list)."""
    rows = db.execute(
        select(UsageRecord.rp_id, UsageRecord.operation, func.count())
        .where(UsageRecord.created_at >= since, UsageRecord.result == "success")
        .group_by(UsageRecord.rp_id, UsageRecord.operation)
    ).all()
    out: dict[str, dict[str, int]] = {}
    for rp_id, operation, count in rows:
        out.setdefault(rp_id, {})[operation] = int(count)
    return out
