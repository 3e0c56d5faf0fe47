"""The console's audit log (``/api/console/v1/audit``): browse with filters and keyset paging,
verify the hash chain (the code behind ``mcert audit verify``), export as JSONL or CSV.

Everything here needs ``Permission.AUDIT_READ``. An export is itself audited
(``audit.exported``, with its filters), since it takes the log out of the system.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.audit import service
from mcert.audit.models import AuditEntry
from mcert.audit.schemas import AuditItem, AuditPage, ChainVerification
from mcert.audit.service import Actor, AuditFilter, record
from mcert.http.deps import RuntimeDep, SessionDep, require
from mcert.http.openapi import errors
from mcert.http.routing import TransactionScopedRoute
from mcert.operator.models import Operator
from mcert.operator.roles import Permission
from mcert.runtime import Runtime

router = APIRouter(
    prefix="/api/console/v1", tags=["console: audit"], route_class=TransactionScopedRoute
)

Auditor = Annotated[Operator, require(Permission.AUDIT_READ)]
MAX_PAGE = 200


def _filter(
    action: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[
        str | None, Query(max_length=100, description="actor id, or `type:id`, or `type:`")
    ] = None,
    target: Annotated[
        str | None, Query(max_length=160, description="target id, or `type:id`, or `type:`")
    ] = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> AuditFilter:
    return AuditFilter(action=action, actor=actor, target=target, since=since, until=until)


def _names(db: Session, entries: list[AuditEntry]) -> dict[str, str]:
    ids = {e.actor_id for e in entries if e.actor_type == "operator" and e.actor_id}
    if not ids:
        return {}
    rows = db.execute(select(Operator.id, Operator.display_name).where(Operator.id.in_(ids)))
    return {i: n for i, n in rows.all()}


def _item(e: AuditEntry, names: dict[str, str]) -> AuditItem:
    return AuditItem(
        seq=e.seq,
        at=e.at,
        action=e.action,
        actor_type=e.actor_type,
        actor_id=e.actor_id,
        actor_name=names.get(e.actor_id or "") if e.actor_type == "operator" else None,
        target_type=e.target_type,
        target_id=e.target_id,
        details=json.loads(e.details or "{}"),
        ip=e.ip,
        request_id=e.request_id,
    )


@router.get("/audit", response_model=AuditPage, operation_id="listAudit", responses=errors(422))
def browse(
    op: Auditor,
    db: SessionDep,
    action: Annotated[str | None, Query(max_length=64, description="exact, or `prefix.`")] = None,
    actor: Annotated[
        str | None, Query(max_length=100, description="actor id, or `type:id`, or `type:`")
    ] = None,
    target: Annotated[
        str | None, Query(max_length=160, description="target id, or `type:id`, or `type:`")
    ] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    before_seq: Annotated[int | None, Query(ge=1)] = None,
) -> AuditPage:
    """The audit log, newest first.

    Filter by action, actor, target and time; page with `before_seq` (the previous page's
    `next_before_seq`), which costs the same however far back you go.
    """
    f = _filter(action, actor, target, since, until)
    rows, nxt = service.page(db, f, limit=limit, before_seq=before_seq)
    names = _names(db, rows)
    return AuditPage(items=[_item(e, names) for e in rows], next_before_seq=nxt)


@router.post("/audit/verify", response_model=ChainVerification, operation_id="verifyAudit")
def verify(op: Auditor, db: SessionDep) -> ChainVerification:
    """Verify the audit log's hash chain.

    The same check as `mcert audit verify`: names the first entry that was edited, deleted
    or moved.
    """
    report = service.verify(db)
    if report.ok:
        message = f"审计链完整：共 {report.entries} 条记录"
    else:
        message = f"审计链在第 {report.bad_seq} 条处断裂：{report.problem}"
    return ChainVerification(
        ok=report.ok,
        checked=report.entries,
        first_bad_seq=report.bad_seq,
        message=message,
        head=report.head,
    )


def _lines(rt: Runtime, f: AuditFilter, fmt: str) -> Iterator[bytes]:
    # Its own session: the response streams after the endpoint (and its session) returned.
    db = rt.sessions()
    try:
        for chunk in service.export_lines(db, f, fmt, lambda batch: _names(db, batch)):
            yield chunk.encode()
    finally:
        db.rollback()
        db.close()


@router.get(
    "/audit/export",
    response_class=StreamingResponse,
    operation_id="exportAudit",
    responses={
        200: {
            "description": "The matching entries, oldest first",
            "content": {"application/x-ndjson": {}, "text/csv": {}},
        },
        **errors(422),
    },
)
def export(
    op: Auditor,
    db: SessionDep,
    rt: RuntimeDep,
    format: Annotated[str, Query(pattern="^(jsonl|csv)$")] = "jsonl",
    action: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    target: Annotated[str | None, Query(max_length=160)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> StreamingResponse:
    """Download the audit log as JSON Lines or CSV.

    The same filters as the browser, oldest first, with each entry's chain hashes, streamed
    in batches; the export itself is audited (`audit.exported`).
    """
    f = _filter(action, actor, target, since, until)
    now = rt.clock.now()
    record(
        db,
        at=now,
        actor=Actor("operator", op.id),
        action="audit.exported",
        target_type="audit",
        details={
            "format": format,
            "filters": {
                k: (v.isoformat() if isinstance(v, datetime) else v)
                for k, v in vars(f).items()
                if v is not None
            },
        },
    )
    db.commit()
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    name = f"mcert-audit-{now:%Y%m%d%H%M%S}.{format}"
    return StreamingResponse(
        _lines(rt, f, format),
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
