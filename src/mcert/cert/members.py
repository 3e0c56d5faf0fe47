"""A company's certificates as its membership changes: revoked with a member, renamed with
the company.

- A member whose authorisation is revoked loses every certificate of that company: the
  issued pair is revoked with reason ``affiliationChanged`` (RFC 5280), one waiting for
  download is revoked unissued, and every open scan session using one fails (the blocked
  listeners of :mod:`mcert.cert.service`).
- A company name change paid by an admin (a ``change`` order) moves every member's
  certificate to the new name: one waiting for download simply carries the new name; an
  active one gets a successor to download with the member's own password (like the admin's
  own change), and the member is told so.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.audit.service import Actor, record
from mcert.ca.models import IssuedCertificate
from mcert.cert.models import HolderCertificate
from mcert.cert.service import revoke
from mcert.cert.states import HolderCertStatus, move_cert
from mcert.db.base import lock_row
from mcert.notify.service import notify
from mcert.order import service as orders
from mcert.order.models import Order
from mcert.order.states import OrderKind
from mcert.pki.crl import RevocationReason
from mcert.providers.sms import SMSTemplate
from mcert.runtime import Runtime

LIVE = (HolderCertStatus.ACTIVE, HolderCertStatus.PENDING_DOWNLOAD)


def of_company(db: Session, org_id: str) -> list[HolderCertificate]:
    """Every certificate of the company, newest first."""
    return list(
        db.scalars(
            select(HolderCertificate)
            .where(HolderCertificate.org_id == org_id)
            .order_by(HolderCertificate.created_at.desc(), HolderCertificate.id)
        ).all()
    )


def live_of_member(db: Session, org_id: str, user_id: str) -> list[HolderCertificate]:
    """The member's company certificates that are active or waiting for download."""
    return list(
        db.scalars(
            select(HolderCertificate)
            .where(
                HolderCertificate.org_id == org_id,
                HolderCertificate.user_id == user_id,
                HolderCertificate.status.in_(LIVE),
            )
            .order_by(HolderCertificate.id)
        ).all()
    )


def revoke_member(
    db: Session, rt: Runtime, *, org_id: str, user_id: str, actor: Actor, now: datetime
) -> list[str]:
    """Revoke the member's certificates of this company (inside the caller's transaction);
    returns the serials revoked in the CA."""
    serials: list[str] = []
    for found in live_of_member(db, org_id, user_id):
        cert = lock_row(db, HolderCertificate, found.id)
        assert cert is not None
        if cert.status == HolderCertStatus.ACTIVE and cert.sign_cert_id:
            sign = db.get(IssuedCertificate, cert.sign_cert_id)
            assert sign is not None
            # Revokes the pair, marks the certificate and fails its open sessions.
            revoke(
                db,
                rt,
                sign.serial,
                reason=RevocationReason.AFFILIATION_CHANGED,
                now=now,
                actor=actor,
            )
            serials.append(sign.serial)
        elif cert.status == HolderCertStatus.PENDING_DOWNLOAD:
            move_cert(cert, HolderCertStatus.REVOKED)
            cert.ended_at = now
            record(
                db,
                at=now,
                actor=actor,
                action="holder_cert.revoked",
                target_type="holder_cert",
                target_id=cert.id,
                details={"status": cert.status, "reason": "affiliation_changed"},
            )
    return serials


def follow_rename(db: Session, rt: Runtime, order: Order, now: datetime) -> None:
    """A paid company name change: every other member's certificate follows the new name."""
    if order.kind != OrderKind.CHANGE or order.org_id is None or order.company_name is None:
        return
    new_name = order.company_name
    certs = [c for c in of_company(db, order.org_id) if c.id != order.target_cert_id]
    pending_successors = {
        c.predecessor_id for c in certs if c.status == HolderCertStatus.PENDING_DOWNLOAD
    }
    told: set[str] = set()
    for cert in certs:
        if cert.status == HolderCertStatus.PENDING_DOWNLOAD:
            if cert.subject_org != new_name:
                cert.subject_org = new_name  # issued later, under the new name
                _audit(db, cert, "holder_cert.renamed", now, order, new_name)
        elif cert.status == HolderCertStatus.ACTIVE and cert.id not in pending_successors:
            successor = HolderCertificate(
                user_id=cert.user_id,
                org_id=cert.org_id,
                cert_type=cert.cert_type,
                order_id=order.id,
                predecessor_id=cert.id,
                status=HolderCertStatus.PENDING_DOWNLOAD.value,
                subject_cn=cert.subject_cn,
                subject_org=new_name,
                years=0,
                not_after=cert.not_after,
                enc_key_id=cert.enc_key_id,
                created_at=now,
            )
            db.add(successor)
            db.flush()
            _audit(db, successor, "holder_cert.created", now, order, new_name, by_rename=cert.id)
        else:
            continue
        if cert.user_id not in told:
            told.add(cert.user_id)
            _tell(db, rt, cert.user_id, new_name, now)


orders.paid_listeners.append(follow_rename)


def _audit(
    db: Session,
    cert: HolderCertificate,
    action: str,
    now: datetime,
    order: Order,
    new_name: str,
    **details: object,
) -> None:
    record(
        db,
        at=now,
        actor=Actor.system("orders"),
        action=action,
        target_type="holder_cert",
        target_id=cert.id,
        details={
            "status": cert.status,
            "order": order.order_no,
            "kind": "org_renamed",
            "org_name": new_name,
            **details,
        },
    )


def _tell(db: Session, rt: Runtime, user_id: str, new_name: str, now: datetime) -> None:
    user = db.get(User, user_id)
    assert user is not None
    notify(
        db,
        user=user,
        rt=rt,
        kind="org_renamed",
        now=now,
        title="单位名称已变更",
        body=f"单位名称已变更为“{new_name}”。请在“证书-待下载”中输入原证书密码，"
        "下载新名称的单位证书；下载前原证书仍可使用。",
        sms=(SMSTemplate.ORG_RENAMED, {"company": new_name}),
    )
