"""Agreements and separate consents in the app (隐私设置) under ``/api/app/v1``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Response
from sqlalchemy import select

from mcert.account.models import User
from mcert.account.service import devices
from mcert.audit.service import Actor, record
from mcert.consent import documents, service
from mcert.consent.documents import AGREEMENTS, CONSENTS, Document, Notice
from mcert.consent.models import ConsentRecord
from mcert.consent.schemas import (
    ConsentGrant,
    ConsentLookup,
    ConsentOverview,
    ConsentRecordRead,
    ConsentState,
    NoticeRead,
)
from mcert.errors import NotFound
from mcert.http.deps import AuthDep, ClientIP, RuntimeDep, SessionDep, require
from mcert.http.openapi import errors
from mcert.http.routing import TransactionScopedRoute
from mcert.operator.models import Operator
from mcert.operator.roles import Permission
from mcert.pii import mask_ip, mask_phone
from mcert.runtime import Runtime

router = APIRouter(prefix="/api/app/v1", tags=["app: privacy"], route_class=TransactionScopedRoute)
console_router = APIRouter(
    prefix="/api/console/v1", tags=["console: privacy"], route_class=TransactionScopedRoute
)


def _document(n: Notice) -> NoticeRead:
    return NoticeRead(
        document=n.document.value,
        title=n.title,
        version=n.version,
        content=n.content,
        purpose=n.purpose,
        retention=n.retention,
        recipients=n.recipients,
    )


@router.get("/agreements", response_model=list[NoticeRead], operation_id="listAgreements")
def agreements(rt: RuntimeDep) -> list[NoticeRead]:
    """The current 用户协议 and 隐私政策 (public).

    Login sends the versions the holder agreed to (`agreements`); Markdown content.
    """
    return [_document(documents.load(rt.settings, d)) for d in AGREEMENTS]


@router.get(
    "/consent-notices/{document}", response_model=NoticeRead, operation_id="getConsentNotice"
)
def notice(document: Document, rt: RuntimeDep) -> NoticeRead:
    """One current document (public): an agreement or a separate consent notice.

    A consent notice carries its purpose, retention and recipients.
    """
    return _document(documents.load(rt.settings, document))


def _current(rt: Runtime) -> dict[str, Notice]:
    return {d.value: documents.load(rt.settings, d) for d in Document}


def _record(
    rt: Runtime, row: ConsentRecord, notices: Mapping[str, Notice], names: Mapping[str, str]
) -> ConsentRecordRead:
    ip = service.client_ip_of(rt, row)
    latest = notices[row.document].version
    return ConsentRecordRead(
        id=row.id,
        document=row.document,
        title=notices[row.document].title,
        version=row.version,
        granted_at=row.granted_at,
        withdrawn_at=row.withdrawn_at,
        device_name=names.get(row.device_id or ""),
        client_ip_masked=mask_ip(ip) if ip else None,
        current=row.withdrawn_at is None and row.version == latest,
    )


@router.get("/consents", response_model=ConsentOverview, operation_id="getConsents")
def overview(auth: AuthDep, db: SessionDep, rt: RuntimeDep) -> ConsentOverview:
    """The holder's agreements and separate consents (隐私设置), with every grant.

    Each record names the version, time, device and the masked client address.
    """
    user = auth.user
    notices = _current(rt)
    names = {d.id: d.name or d.platform or d.device_key for d in devices(db, user)}
    rows = service.history(db, user.id)
    reads = [_record(rt, r, notices, names) for r in rows]

    def state(d: Document) -> ConsentState:
        mine = [r for r in reads if r.document == d.value]
        latest = next((r for r in mine if r.current), mine[0] if mine else None)
        return ConsentState(
            document=d.value,
            title=notices[d.value].title,
            version=notices[d.value].version,
            granted=latest is not None and latest.current,
            record=latest,
        )

    return ConsentOverview(
        consents=[state(d) for d in CONSENTS],
        agreements=[state(d) for d in AGREEMENTS],
        history=reads,
    )


@router.post(
    "/consents/{document}",
    response_model=ConsentRecordRead,
    operation_id="grantConsent",
    responses=errors(409),
)
def grant(
    document: Document,
    body: ConsentGrant,
    auth: AuthDep,
    db: SessionDep,
    rt: RuntimeDep,
    ip: ClientIP,
) -> ConsentRecordRead:
    """Give a separate consent (同意) to the current notice version.

    409 `consent_version_outdated` when the notice changed since it was shown.
    """
    user, session, _ = auth
    row = service.grant(
        db, rt, user.id, document, body.version, device_id=session.device_id, client_ip=ip
    )
    names = {d.id: d.name or d.platform or d.device_key for d in devices(db, user)}
    return _record(rt, row, _current(rt), names)


@router.post(
    "/consents/{document}/withdraw",
    status_code=204,
    operation_id="withdrawConsent",
    responses=errors(409),
)
def withdraw(
    document: Document, auth: AuthDep, db: SessionDep, rt: RuntimeDep, ip: ClientIP
) -> Response:
    """Withdraw a separate consent (撤回同意).

    Collecting that data is refused until consent is given again; 409
    `consent_not_withdrawable` for the agreements (cancel the account instead).
    """
    user, session, _ = auth
    service.withdraw(db, rt, user.id, document, device_id=session.device_id, client_ip=ip)
    return Response(status_code=204)


@console_router.post(
    "/consents/lookup",
    response_model=list[ConsentRecordRead],
    operation_id="lookupConsents",
    responses=errors(403, 404),
)
def lookup(
    body: ConsentLookup,
    op: Annotated[Operator, require(Permission.LOOKUP)],
    db: SessionDep,
    rt: RuntimeDep,
) -> list[ConsentRecordRead]:
    """A holder's agreement and consent records, newest first (needs `lookup`).

    Version, time, withdrawal, device and the masked address: what the holder agreed to and
    when. The phone goes in the body, not the URL; each look-up is audited.
    """
    user = db.scalars(
        select(User).where(User.phone_bidx == rt.blind_index.compute(body.phone))
    ).first()
    if user is None:
        raise NotFound("没有该手机号的账号", code="user_not_found")
    notices = _current(rt)
    names = {d.id: d.name or d.platform or d.device_key for d in devices(db, user)}
    rows = [_record(rt, r, notices, names) for r in service.history(db, user.id)]
    record(
        db,
        at=rt.clock.now(),
        actor=Actor("operator", op.id),
        action="consent.looked_up",
        target_type="user",
        target_id=user.id,
        details={"phone": mask_phone(body.phone)},
    )
    db.commit()
    return rows
