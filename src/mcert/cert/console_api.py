"""The console's certificates and CA pages (``/api/console/v1/certificates``, ``/ca``):
look-up needs ``lookup``, revoking ``revoke``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mcert.audit.service import Actor
from mcert.cert import console
from mcert.cert.schemas import CAItem, CertRow, ConsoleCertDetail, CRLInfo, HistoryItem, RevokeBody
from mcert.http.deps import RuntimeDep, SessionDep, require
from mcert.http.openapi import errors
from mcert.http.params import MAX_LIMIT
from mcert.http.routing import TransactionScopedRoute
from mcert.operator.models import Operator
from mcert.operator.roles import Permission
from mcert.pii import mask_name

router = APIRouter(
    prefix="/api/console/v1", tags=["console: certificates"], route_class=TransactionScopedRoute
)

Lookup = Annotated[Operator, require(Permission.LOOKUP)]
Revoker = Annotated[Operator, require(Permission.REVOKE)]


def _row(v: console.CertView) -> CertRow:
    c = v.cert
    return CertRow(
        id=c.id,
        serial_hex=v.sign.serial if v.sign else None,
        subject_cn=mask_name(c.subject_cn),
        kind="personal" if c.cert_type == "personal" else "company",
        holder_name_masked=mask_name(c.subject_cn),
        org_name=v.org.name if v.org else c.subject_org,
        status=v.status,
        not_before=v.sign.not_before if v.sign else None,
        not_after=c.not_after,
    )


def _detail(db: SessionDep, v: console.CertView) -> ConsoleCertDetail:
    return ConsoleCertDetail(
        **_row(v).model_dump(),
        ocsp_status=console.ocsp_status(v),
        revoked_at=v.sign.revoked_at if v.sign else None,
        revocation_reason=v.sign.revocation_reason if v.sign else None,
        history=[HistoryItem.model_validate(h) for h in console.history(db, v.cert)],
        pem=console.pem(v),
    )


@router.get("/certificates", response_model=list[CertRow], operation_id="searchCertificates")
def search(
    op: Lookup,
    db: SessionDep,
    rt: RuntimeDep,
    q: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    kind: Annotated[str | None, Query(max_length=10)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> list[CertRow]:
    """Search holder certificates.

    Newest first; `q` is a serial (hex), a holder's name or a company name. Names are
    masked. Needs `lookup`.
    """
    views = console.search(db, rt, q=q, status=status, kind=kind, limit=limit, offset=offset)
    return [_row(v) for v in views]


@router.get(
    "/certificates/{cert_id}",
    response_model=ConsoleCertDetail,
    operation_id="getConsoleCertificate",
    responses=errors(404),
)
def detail(cert_id: str, op: Lookup, db: SessionDep, rt: RuntimeDep) -> ConsoleCertDetail:
    """One certificate.

    Its OCSP status, its history (first issue, renewals, reissues, changes) and the PEM.
    Needs `lookup`.
    """
    return _detail(db, console.get(db, rt, cert_id))


@router.post(
    "/certificates/{cert_id}/revoke",
    response_model=ConsoleCertDetail,
    operation_id="revokeConsoleCertificate",
    responses=errors(404, 409),
)
def revoke(
    cert_id: str, body: RevokeBody, op: Revoker, db: SessionDep, rt: RuntimeDep
) -> ConsoleCertDetail:
    """Revoke a certificate.

    The signing and encryption pair; OCSP answers revoked at once and the CRL is reissued.
    Needs `revoke`; 409 when already revoked.
    """
    v = console.revoke(
        db, rt, cert_id, reason=body.reason, note=body.note, actor=Actor("operator", op.id)
    )
    return _detail(db, v)


@router.get("/ca", response_model=list[CAItem], operation_id="getCAStatus")
def ca_status(op: Lookup, db: SessionDep, rt: RuntimeDep) -> list[CAItem]:
    """The CA's own certificates.

    Root, issuing, OCSP signer and TSA, with the days each has left. Needs `lookup`.
    """
    return [CAItem.model_validate(r) for r in console.ca_certificates(db, rt.clock.now())]


@router.get("/ca/crl", response_model=CRLInfo, operation_id="getCRLStatus")
def crl_status(op: Lookup, db: SessionDep) -> CRLInfo:
    """The issuing CA's current CRL.

    Its number, validity and how many entries. Needs `lookup`.
    """
    crl = console.current_crl(db)
    if crl is None:
        return CRLInfo(number=None, this_update=None, next_update=None, revoked_count=0)
    return CRLInfo(
        number=crl.crl_number,
        this_update=crl.this_update,
        next_update=crl.next_update,
        revoked_count=crl.entries,
    )
