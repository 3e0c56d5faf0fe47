"""Account cancellation (注销账号): request, cooling-off, withdrawal, completion.

The holder asks from 我的 after an SMS code to their own phone; nothing happens for
``MCERT_CANCELLATION_COOLING_OFF_DAYS`` (they may withdraw, 撤销注销), then the job
(``jobs.account_cancellations``) completes it in one transaction:

1. every live certificate is revoked with reason ``cessationOfOperation`` through the CA
   (so OCSP and the CRL say revoked), which voids the seals bound to it; any other live
   seal is voided;
2. company memberships end (their phone, name and ID number are cleared);
3. personal data is deleted or anonymised: the identity, names, ID and card numbers of the
   real-name attempts, face captures (the hashes stay), device keys, sessions and refresh
   tokens, codes, messages, saved invoice titles, invoice e-mail addresses, the holder's
   name on usage records, and the server's key shares of the certificates;
4. orders, invoices and usage records stay (accounting law; the CA practice statement),
   linked to the now anonymous account row; the issued certificates stay in the CA's
   records (电子签名法 art. 24: five years after the certificate ends);
5. the account's phone index is replaced: a login with the same phone makes a new, empty
   account.

A company's last certificate admin must hand over first (409 ``cancel_last_admin``), and
an order still under way must be finished or cancelled (409 ``cancel_order_open``), both
when asking and again at completion (a blocked completion waits and is retried).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from mcert.account import service as accounts
from mcert.account.models import AuthSession, Device, RefreshToken, SMSCode, User
from mcert.account.states import UserStatus, move_user
from mcert.audit.service import Actor, record
from mcert.ca.models import IssuedCertificate
from mcert.cert import service as certs
from mcert.cert.models import HolderCertificate
from mcert.cert.states import HolderCertStatus, move_cert
from mcert.clock import CHINA_TZ
from mcert.consent.models import ConsentRecord
from mcert.db.base import lock_row
from mcert.errors import Conflict
from mcert.invoice.models import Invoice, InvoiceTitle
from mcert.notify.models import Message
from mcert.notify.service import notify, queue_sms
from mcert.order.models import Order
from mcert.order.states import OrderStatus
from mcert.org import service as orgs
from mcert.org.models import Organization, OrgMember
from mcert.org.states import MemberRole, MemberStatus, move_member
from mcert.pki.crl import RevocationReason
from mcert.providers.sms import SMSTemplate
from mcert.realname.models import FaceCheck, Identity, RealnameAttempt
from mcert.rights import retention
from mcert.rights.models import PrivacyRequest
from mcert.rights.states import RequestKind, RequestStatus, move_request
from mcert.runtime import Runtime
from mcert.scan.models import UsageRecord
from mcert.seal import service as seals

log = logging.getLogger(__name__)

SMS_PURPOSE = "cancel_account"
ANONYMOUS = "已注销用户"
LIVE_CERTS = (HolderCertStatus.ACTIVE, HolderCertStatus.PENDING_DOWNLOAD)
OPEN_ORDERS = (OrderStatus.PENDING_REVIEW, OrderStatus.REJECTED, OrderStatus.PENDING_PAYMENT)

#: What the holder is told before confirming (the app and ``mcert-device`` show it).
CONSEQUENCES = (
    "您名下所有证书将被吊销（原因：停止使用），吊销后无法恢复，依赖证书的签名、登录将无法使用",
    "您的电子印章将作废",
    "您的实名信息、手机号、人脸照片、银行卡号、登录设备和消息将被删除",
    "订单和发票记录依会计法规定保留，与您的个人信息脱离关联",
    "证书使用记录和已签发的证书依电子认证业务规则保留（证书失效后至少五年）",
    "注销完成后，使用同一手机号登录将注册为新账号，原账号数据无法恢复",
)


class CancellationPending(Conflict):
    code = "cancel_pending"
    default_message = "您已申请注销账号，冷静期内可撤销"


class NoCancellationPending(Conflict):
    code = "cancel_not_pending"
    default_message = "没有进行中的注销申请"


class LastAdminMustHandOver(Conflict):
    code = "cancel_last_admin"
    default_message = "您是单位唯一的证书管理员，请先授权其他成员为证书管理员后再注销账号"


class OpenOrders(Conflict):
    code = "cancel_order_open"
    default_message = "您有进行中的订单，请先完成或取消后再注销账号"


@dataclass(frozen=True)
class Status:
    pending: PrivacyRequest | None
    cooling_off_days: int
    blockers: list[str]  # Chinese sentences; empty when the holder may ask


def pending_of(db: Session, user_id: str, *, lock: bool = False) -> PrivacyRequest | None:
    query = select(PrivacyRequest).where(
        PrivacyRequest.user_id == user_id,
        PrivacyRequest.kind == RequestKind.CANCELLATION,
        PrivacyRequest.status == RequestStatus.PENDING,
    )
    return db.scalars(query.with_for_update() if lock else query).first()


def blockers(db: Session, user_id: str) -> list[Conflict]:
    """Why this holder may not cancel now (each a 409 with a Chinese message)."""
    found: list[Conflict] = []
    memberships = db.scalars(
        select(OrgMember).where(
            OrgMember.user_id == user_id,
            OrgMember.role == MemberRole.ADMIN,
            OrgMember.status == MemberStatus.ACTIVE,
        )
    ).all()
    for m in memberships:
        if orgs.active_admin_count(db, m.org_id) <= 1:
            org = db.get(Organization, m.org_id)
            name = org.name if org else m.org_id
            found.append(
                LastAdminMustHandOver(
                    f"您是“{name}”唯一的证书管理员，请先在“授权管理”中授权其他成员为"
                    "证书管理员（移交管理权限）后再注销账号",
                    details={"org_id": m.org_id},
                )
            )
    open_orders = db.scalars(
        select(Order.order_no).where(Order.user_id == user_id, Order.status.in_(OPEN_ORDERS))
    ).all()
    if open_orders:
        found.append(
            OpenOrders(
                f"您有进行中的订单（{'、'.join(open_orders)}），请先完成或取消后再注销账号",
                details={"orders": list(open_orders)},
            )
        )
    return found


def status(db: Session, rt: Runtime, user: User) -> Status:
    return Status(
        pending=pending_of(db, user.id),
        cooling_off_days=rt.settings.cancellation_cooling_off_days,
        blockers=[b.message for b in blockers(db, user.id)],
    )


def send_code(db: Session, rt: Runtime, user: User, client_ip: str | None) -> accounts.CodeIssued:
    """The re-verification code, to the account's own phone."""
    return accounts.request_code(
        db,
        rt,
        accounts.user_phone(rt, user),
        client_ip,
        purpose=SMS_PURPOSE,
        template=SMSTemplate.VERIFY_CODE,
        actor=Actor("user", user.id),
    )


def _date(when: datetime) -> str:
    return when.astimezone(CHINA_TZ).strftime("%Y年%m月%d日 %H:%M")


def request(
    db: Session, rt: Runtime, user: User, code: str, client_ip: str | None
) -> PrivacyRequest:
    """Ask for cancellation: SMS code first, then the blockers, then the cooling-off."""
    now = rt.clock.now()
    accounts.consume_code(
        db, rt, user.phone_bidx, code, now, purpose=SMS_PURPOSE, client_ip=client_ip
    )
    lock_row(db, User, user.id)  # one request at a time per account
    if pending_of(db, user.id) is not None:
        raise CancellationPending()
    found = blockers(db, user.id)
    if found:
        db.commit()  # the code is spent: asking again needs a new one
        raise found[0]
    due = now + timedelta(days=rt.settings.cancellation_cooling_off_days)
    req = PrivacyRequest(
        user_id=user.id,
        kind=RequestKind.CANCELLATION.value,
        status=RequestStatus.PENDING.value,
        requested_at=now,
        due_at=due,
    )
    db.add(req)
    db.flush()
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="account.cancellation.requested",
        target_type="privacy_request",
        target_id=req.id,
        details={"due_at": due.isoformat()},
    )
    notify(
        db,
        user=user,
        rt=rt,
        kind="account_cancel_requested",
        now=now,
        title="注销账号申请已提交",
        body=f"您已申请注销账号，将于{_date(due)}完成注销。在此之前可在“我的-注销账号”中撤销。",
        sms=(SMSTemplate.ACCOUNT_CANCEL_REQUESTED, {"date": _date(due)}),
    )
    db.commit()
    return req


def withdraw(db: Session, rt: Runtime, user: User) -> PrivacyRequest:
    """撤销注销: the account stays as it is."""
    now = rt.clock.now()
    req = pending_of(db, user.id, lock=True)
    if req is None:
        raise NoCancellationPending()
    move_request(req, RequestStatus.WITHDRAWN)
    req.withdrawn_at = now
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="account.cancellation.withdrawn",
        target_type="privacy_request",
        target_id=req.id,
    )
    notify(
        db,
        user=user,
        rt=rt,
        kind="account_cancel_withdrawn",
        now=now,
        title="已撤销注销账号",
        body="您已撤销注销账号申请，账号可继续正常使用。",
        sms=(SMSTemplate.ACCOUNT_CANCEL_WITHDRAWN, {}),
    )
    db.commit()
    return req


# ----------------------------------------------------------------------------- completion


def _revoke_certificates(
    db: Session, rt: Runtime, user: User, actor: Actor, now: datetime
) -> list[str]:
    serials: list[str] = []
    ids = db.scalars(
        select(HolderCertificate.id).where(
            HolderCertificate.user_id == user.id,
            HolderCertificate.status.in_(
                (HolderCertStatus.ACTIVE, HolderCertStatus.PENDING_DOWNLOAD)
            ),
        )
    ).all()
    for cert_id in ids:
        cert = lock_row(db, HolderCertificate, cert_id)
        assert cert is not None
        if cert.status == HolderCertStatus.ACTIVE and cert.sign_cert_id:
            sign = db.get(IssuedCertificate, cert.sign_cert_id)
            assert sign is not None
            # Revokes the pair in the CA (OCSP, CRL), marks the certificate, fails its open
            # uses and voids its seals (cert.service listeners).
            certs.revoke(
                db, rt, sign.serial,
                reason=RevocationReason.CESSATION_OF_OPERATION, now=now, actor=actor,
            )  # fmt: skip
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
                details={"reason": RevocationReason.CESSATION_OF_OPERATION.value},
            )
    # Without the server's share the private key cannot be used again, revoked or not.
    db.execute(
        update(HolderCertificate)
        .where(HolderCertificate.user_id == user.id)
        .values(server_share_enc=None, verifier=None)
    )
    return serials


def _end_memberships(db: Session, user: User, actor: Actor, now: datetime) -> int:
    rows = db.scalars(select(OrgMember).where(OrgMember.user_id == user.id)).all()
    for m in rows:
        if m.status != MemberStatus.REVOKED:
            move_member(m, MemberStatus.REVOKED)
            m.revoked_at, m.revoked_by = now, user.id
        # A later invitation of the same phone makes a new row for the new account.
        m.phone_bidx = f"cancelled:{m.id}"
        m.phone_enc = m.name_enc = m.id_number_enc = m.id_number_bidx = None
        m.updated_at = now
        record(
            db, at=now, actor=actor, action="org_member.revoked", target_type="org_member",
            target_id=m.id, details={"reason": "account_cancelled"},
        )  # fmt: skip
    return len(rows)


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _erase(db: Session, rt: Runtime, user: User, now: datetime) -> dict[str, int]:
    """Delete or anonymise the holder's personal data; returns counts (for the audit)."""
    counts: dict[str, int] = {}
    faces = 0
    for a in db.scalars(select(RealnameAttempt).where(RealnameAttempt.user_id == user.id)).all():
        if a.face_object_key:
            a.face_sha256 = retention.delete_face(rt, a.face_object_key, a.face_sha256)
            a.face_object_key, a.face_deleted_at = None, now
            faces += 1
        a.name_enc = a.id_number_enc = ""
        if a.card_deleted_at is None and (a.card_enc or a.bank_phone_enc):
            a.card_deleted_at = now
        a.card_enc = a.bank_phone_enc = None
    for c in db.scalars(select(FaceCheck).where(FaceCheck.user_id == user.id)).all():
        if c.object_key:
            c.face_sha256 = retention.delete_face(rt, c.object_key, c.face_sha256)
            c.object_key, c.face_deleted_at = None, now
            faces += 1
    counts["face_images"] = faces
    counts["identity"] = _count(db.execute(delete(Identity).where(Identity.user_id == user.id)))
    session_ids = select(AuthSession.id).where(AuthSession.user_id == user.id)
    counts["refresh_tokens"] = _count(
        db.execute(delete(RefreshToken).where(RefreshToken.session_id.in_(session_ids)))
    )
    counts["sessions"] = _count(
        db.execute(
            update(AuthSession)
            .where(AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None))
            .values(revoked_at=now, revoke_reason="account_cancelled")
        )
    )
    devices = db.scalars(select(Device).where(Device.user_id == user.id)).all()
    for d in devices:
        d.device_key = d.id
        d.public_key = d.key_thumbprint = d.name = d.user_agent = None
    counts["devices"] = len(devices)
    db.execute(delete(SMSCode).where(SMSCode.phone_bidx == user.phone_bidx))
    counts["messages"] = _count(db.execute(delete(Message).where(Message.user_id == user.id)))
    # What was agreed to, and when, stays as the record of consent; where from does not.
    counts["consent_addresses"] = _count(
        db.execute(
            update(ConsentRecord)
            .where(ConsentRecord.user_id == user.id, ConsentRecord.client_ip_enc.is_not(None))
            .values(client_ip_enc=None)
        )
    )
    counts["invoice_titles"] = _count(
        db.execute(delete(InvoiceTitle).where(InvoiceTitle.user_id == user.id))
    )
    db.execute(update(Invoice).where(Invoice.user_id == user.id).values(email_enc=None))
    counts["usage_records"] = _count(
        db.execute(
            update(UsageRecord).where(UsageRecord.user_id == user.id).values(holder_name=ANONYMOUS)
        )
    )
    move_user(user, UserStatus.CANCELLED)
    user.phone_bidx = f"cancelled:{user.id}"
    user.phone_enc = rt.cipher.encrypt("", aad=b"users.phone")
    return counts


def complete(db: Session, rt: Runtime, request_id: str) -> bool:
    """Carry out one due cancellation; False when it is gone, not due or blocked."""
    now = rt.clock.now()
    req = lock_row(db, PrivacyRequest, request_id)
    if req is None or req.status != RequestStatus.PENDING or req.due_at is None or req.due_at > now:
        db.rollback()
        return False
    user = lock_row(db, User, req.user_id)
    assert user is not None
    found = blockers(db, user.id)
    if found:
        log.warning("cancellation %s waits: %s", req.id, found[0].code)
        db.rollback()
        return False
    actor = Actor.system("cancellation")
    serials = _revoke_certificates(db, rt, user, actor, now)
    voided = seals.void_of_user(db, rt, user.id, seals.VOID_CANCELLED, now)
    members = _end_memberships(db, user, actor, now)
    # Queued with the phone encrypted inside the task, before the phone is erased.
    queue_sms(db, rt, accounts.user_phone(rt, user), SMSTemplate.ACCOUNT_CANCELLED, {})
    db.flush()
    counts = _erase(db, rt, user, now)
    outcome = {"revoked": len(serials), "seals_voided": voided, "memberships": members, **counts}
    move_request(req, RequestStatus.COMPLETED)
    req.completed_at = now
    req.outcome = json.dumps(outcome, sort_keys=True)
    record(
        db,
        at=now,
        actor=actor,
        action="account.cancelled",
        target_type="user",
        target_id=user.id,
        details={"request": req.id, "revoked_serials": serials, **outcome},
    )
    db.commit()
    return True


def complete_due(db: Session, rt: Runtime) -> str:
    """The scheduled job: every cancellation past its cooling-off."""
    now = rt.clock.now()
    ids = db.scalars(
        select(PrivacyRequest.id)
        .where(
            PrivacyRequest.kind == RequestKind.CANCELLATION,
            PrivacyRequest.status == RequestStatus.PENDING,
            PrivacyRequest.due_at <= now,
        )
        .order_by(PrivacyRequest.due_at)
        .limit(100)
    ).all()
    db.rollback()
    done = 0
    for request_id in ids:
        try:
            done += complete(db, rt, request_id)
        except Exception:
            db.rollback()
            log.exception("cancellation %s failed", request_id)
    return f"completed {done} of {len(ids)} due"
