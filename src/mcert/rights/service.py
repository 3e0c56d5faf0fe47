"""Exports (下载我的信息) as requests, and the operators' report of data-subject requests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.audit.service import Actor, record
from mcert.errors import InvalidInput
from mcert.rights import export
from mcert.rights.models import PrivacyRequest
from mcert.rights.states import KIND_LABELS, LABELS, RequestKind, RequestStatus
from mcert.runtime import Runtime

FORMATS = {"json": "application/json", "html": "text/html; charset=utf-8"}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    media_type: str
    filename: str


def summary(db: Session, rt: Runtime, user: User) -> list[dict[str, Any]]:
    """The categories and how many records each holds (the 我的信息 page); not a request."""
    return export.summary(export.collect(db, rt, user))


def export_file(db: Session, rt: Runtime, user: User, fmt: str) -> ExportFile:
    """Everything mCert holds about the holder, as a file; recorded and audited."""
    if fmt not in FORMATS:
        raise InvalidInput("格式只能是 json 或 html", code="export_format_invalid")
    now = rt.clock.now()
    doc = export.document(export.collect(db, rt, user), now)
    req = PrivacyRequest(
        user_id=user.id,
        kind=RequestKind.EXPORT.value,
        status=RequestStatus.COMPLETED.value,
        format=fmt,
        requested_at=now,
        completed_at=now,
        outcome=json.dumps({c["key"]: len(c["records"]) for c in doc["categories"]}),
    )
    db.add(req)
    db.flush()
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="privacy.exported",
        target_type="privacy_request",
        target_id=req.id,
        details={"format": fmt, "categories": [c["key"] for c in doc["categories"]]},
    )
    db.commit()
    content = export.as_json(doc) if fmt == "json" else export.render_html(doc).encode()
    stamp = now.strftime("%Y%m%d")
    return ExportFile(content, FORMATS[fmt], f"mcert-my-data-{stamp}.{fmt}")


def requests(
    db: Session, *, kind: str | None = None, status: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Data-subject requests, newest first (operators: ``mcert privacy requests``, console)."""
    query = select(PrivacyRequest).order_by(PrivacyRequest.requested_at.desc(), PrivacyRequest.id)
    if kind:
        query = query.where(PrivacyRequest.kind == kind)
    if status:
        query = query.where(PrivacyRequest.status == status)
    rows = db.scalars(query.limit(limit)).all()
    return [
        {
            "id": r.id,
            "user_id": r.user_id,
            "kind": r.kind,
            "kind_label": KIND_LABELS[RequestKind(r.kind)],
            "status": r.status,
            "status_label": LABELS[RequestStatus(r.status)],
            "format": r.format,
            "requested_at": r.requested_at,
            "due_at": r.due_at,
            "withdrawn_at": r.withdrawn_at,
            "completed_at": r.completed_at,
            "outcome": json.loads(r.outcome) if r.outcome else None,
        }
        for r in rows
    ]
