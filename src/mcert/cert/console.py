"""Certificates and the CA as operators see them in the console (look-up, revoke, CA status).

Holder names are personal data: the console gets them masked (``subject_cn`` too — a
holder certificate's CN is its holder's name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mcert.audit.service import Actor, record
from mcert.ca.models import CertificateAuthority, CRLRecord, IssuedCertificate, ServiceCertificate
from mcert.ca.service import OCSP_PURPOSE, TSA_PURPOSE, SerialInvalid, parse_serial
from mcert.ca.states import IssuedCertStatus
from mcert.cert import service as certs
from mcert.cert.models import HolderCertificate
from mcert.cert.service import effective_status
from mcert.cert.states import HolderCertStatus
from mcert.errors import InvalidInput, NotFound
from mcert.order.models import Order
from mcert.order.states import OrderKind
from mcert.org.models import Organization
from mcert.pki.crl import RevocationReason
from mcert.runtime import Runtime
from mcert.text import clean_text

_ACTIONS = {
    OrderKind.RENEWAL: "renewed",
    OrderKind.REISSUE: "reissued",
    OrderKind.CHANGE: "changed",
}


class ConsoleCertNotFound(NotFound):
    code = "certificate_not_found"
    default_message = "证书不存在"


@dataclass
class CertView:
    cert: HolderCertificate
    sign: IssuedCertificate | None
    org: Organization | None
    status: str


def _view(db: Session, rt: Runtime, cert: HolderCertificate) -> CertView:
    sign = db.get(IssuedCertificate, cert.sign_cert_id) if cert.sign_cert_id else None
    org = db.get(Organization, cert.org_id) if cert.org_id else None
    return CertView(cert, sign, org, effective_status(cert, rt.clock.now()).value)


def search(
    db: Session,
    rt: Runtime,
    *,
    q: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[CertView]:
    """Holder certificates, newest first; ``q`` is a serial (hex), a name or a company name."""
    query = select(HolderCertificate).outerjoin(
        Organization, Organization.id == HolderCertificate.org_id
    )
    if q:
        q = q.strip()
        terms = [HolderCertificate.subject_cn == q, Organization.name.contains(q)]
        try:
            serial = parse_serial(q)
        except SerialInvalid:  # not a serial: name terms only
            serial = None
        if serial:
            refs = select(IssuedCertificate.holder_ref).where(IssuedCertificate.serial == serial)
            terms.append(HolderCertificate.id.in_(refs))
        query = query.where(or_(*terms))
    if kind in ("personal", "company"):
        query = query.where(
            HolderCertificate.cert_type == ("personal" if kind == "personal" else "org")
        )
    now = rt.clock.now()
    if status == HolderCertStatus.EXPIRED:  # shown, never stored: active past not_after
        query = query.where(
            HolderCertificate.status == HolderCertStatus.ACTIVE, HolderCertificate.not_after < now
        )
    elif status == HolderCertStatus.ACTIVE:
        query = query.where(
            HolderCertificate.status == HolderCertStatus.ACTIVE,
            or_(HolderCertificate.not_after.is_(None), HolderCertificate.not_after >= now),
        )
    elif status:
        query = query.where(HolderCertificate.status == status)
    query = query.order_by(HolderCertificate.created_at.desc(), HolderCertificate.id.desc())
    rows = db.scalars(query.limit(limit).offset(offset)).all()
    return [_view(db, rt, c) for c in rows]


def get(db: Session, rt: Runtime, cert_id: str) -> CertView:
    cert = db.get(HolderCertificate, cert_id)
    if cert is None:
        raise ConsoleCertNotFound()
    return _view(db, rt, cert)


def ocsp_status(view: CertView) -> str:
    """What the OCSP responder answers for the signing certificate (its CA record)."""
    if view.sign is None:
        return "unknown"
    if view.sign.status == IssuedCertStatus.REVOKED:
        return "revoked"
    return "good"


def history(db: Session, cert: HolderCertificate) -> list[dict[str, object]]:
    """The certificate's line: first issue, then each renewal, reissue or change, oldest first."""
    first = cert
    seen = {cert.id}
    while first.predecessor_id and first.predecessor_id not in seen:
        prev = db.get(HolderCertificate, first.predecessor_id)
        if prev is None:
            break
        seen.add(prev.id)
        first = prev
    line = [first]
    while True:
        nxt = db.scalars(
            select(HolderCertificate)
            .where(HolderCertificate.predecessor_id == line[-1].id)
            .order_by(HolderCertificate.created_at)
        ).first()
        if nxt is None or nxt.id in {c.id for c in line}:
            break
        line.append(nxt)
    out: list[dict[str, object]] = []
    for i, c in enumerate(line):
        sign = db.get(IssuedCertificate, c.sign_cert_id) if c.sign_cert_id else None
        order = db.get(Order, c.order_id)
        action = "issued"
        if i > 0 and order is not None:
            action = _ACTIONS.get(OrderKind(order.kind), "issued")
        out.append(
            {
                "id": c.id,
                "serial_hex": sign.serial if sign else None,
                "action": action,
                "at": sign.not_before if sign else c.created_at,
            }
        )
    return out


def pem(view: CertView) -> str | None:
    if view.sign is None:
        return None
    cert = x509.load_der_x509_certificate(view.sign.cert_der)
    return cert.public_bytes(Encoding.PEM).decode()


def revoke(
    db: Session,
    rt: Runtime,
    cert_id: str,
    *,
    reason: str,
    note: str | None,
    actor: Actor,
) -> CertView:
    """Revoke a holder certificate (both of its pair); OCSP and the CRL answer revoked."""
    try:
        why = RevocationReason(reason)
    except ValueError as exc:
        raise InvalidInput("吊销原因无效", code="revocation_reason_invalid") from exc
    note = clean_text(note or "", max_length=200, min_length=0, field="note")
    view = get(db, rt, cert_id)
    if view.sign is None:
        raise ConsoleCertNotFound("证书尚未签发", code="certificate_not_issued")
    now = rt.clock.now()
    certs.revoke(db, rt, view.sign.serial, reason=why, now=now, actor=actor)
    record(
        db,
        at=now,
        actor=actor,
        action="holder_cert.revoked_by_operator",
        target_type="holder_cert",
        target_id=view.cert.id,
        details={"serial": view.sign.serial, "reason": why.value, "note": note},
    )
    db.commit()
    return get(db, rt, cert_id)


# ------------------------------------------------------------------------------ the CA


def ca_certificates(db: Session, now: datetime) -> list[dict[str, object]]:
    """The CA's own certificates: root, issuing, the current OCSP signer and TSA."""
    out: list[dict[str, object]] = []
    for ca in db.scalars(select(CertificateAuthority).order_by(CertificateAuthority.created_at)):
        if ca.name in ("root", "issuing"):
            out.append(_ca_row(ca.name, ca.cert_der, now))
    for purpose in (OCSP_PURPOSE, TSA_PURPOSE):
        svc = db.scalars(
            select(ServiceCertificate)
            .where(ServiceCertificate.purpose == purpose)
            .order_by(ServiceCertificate.created_at.desc())
        ).first()
        if svc is not None:
            out.append(_ca_row(purpose, svc.cert_der, now))
    return out


def _ca_row(kind: str, der: bytes, now: datetime) -> dict[str, object]:
    c = x509.load_der_x509_certificate(der)
    return {
        "kind": kind,
        "subject": c.subject.rfc4514_string(),
        "serial_hex": format(c.serial_number, "x"),
        "not_before": c.not_valid_before_utc,
        "not_after": c.not_valid_after_utc,
        "days_left": (c.not_valid_after_utc - now).days,
    }


def current_crl(db: Session) -> CRLRecord | None:
    issuing = db.scalars(
        select(CertificateAuthority).where(CertificateAuthority.name == "issuing")
    ).first()
    if issuing is None:
        return None
    return db.scalars(
        select(CRLRecord).where(CRLRecord.ca_id == issuing.id).order_by(CRLRecord.crl_number.desc())
    ).first()
