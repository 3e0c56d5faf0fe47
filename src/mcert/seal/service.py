"""Electronic seals (电子印章): apply, review, claim with the certificate password, and
follow the certificate they are bound to.

- **Apply** (申请印章): a company seal (公章, 合同专用章, 财务专用章, 发票专用章) on a company
  certificate, by the company's certificate admin; a personal seal (私章) or handwritten
  signature (手写签名) on any certificate of the holder. A stamped seal is a photo of the
  stamp on white paper, cleaned by :mod:`mcert.seal.image`; a signature is the pad's PNG and
  strokes, cleaned by :mod:`mcert.seal.handwriting`. The original is kept for the reviewer.
- **Payment** (待支付, only when ``MCERT_SEAL_PRICE_FEN`` > 0): applying also creates an order
  of kind ``seal``; the order's payment (``order.service.paid_listeners``) sends the seal to
  review; the order closing or cancelled unpaid (``unpaid_end_listeners``) cancels it
  (已取消). A paid seal rejected by the reviewer, or voided before review, is refunded.
- **Review** (审核): approve or reject with a reason. Approval makes the signed seal data
  (:mod:`mcert.pki.seal`, GB/T 38540 ``SESeal``) with the seal-maker key at once.
- **Claim** (申领): on the phone holding the certificate, with the certificate password: the
  same check, counter and lock as every unlock (:func:`mcert.cert.service.verify_password`).
- **Following the certificate**: a renewal rebinds the seal (re-signed for the new
  certificate); a reissue rebinds it and asks for a claim again on the new phone; a
  company name change voids every seal of the company's certificates (企业名称变更) and tells
  the holder; a revoked certificate (also a revoked member's) voids its seals.

Every status change goes through :func:`mcert.seal.states.move_seal` and into the audit log.
The image work runs before any transaction is opened (it is slow) and never logs pixels.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.audit.service import Actor, record
from mcert.ca.models import IssuedCertificate
from mcert.ca.service import ca_service
from mcert.cert import service as certs
from mcert.cert.models import HolderCertificate
from mcert.cert.states import HolderCertStatus
from mcert.db.base import lock_row
from mcert.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from mcert.notify.service import notify
from mcert.operator.models import Operator
from mcert.order import payments
from mcert.order import service as orders
from mcert.order.models import Order
from mcert.order.states import OrderKind, OrderStatus
from mcert.org import service as orgs
from mcert.pki.seal import SealContent, build_seseal
from mcert.runtime import Runtime
from mcert.seal.models import Seal
from mcert.seal.states import LABELS, LIVE, SealStatus, move_seal
from mcert.text import clean_text
from mcert.uploads import (
    JPEG,
    PNG,
    SLOT_WAIT_SECONDS,
    FileTypeUnsupported,
    UploadBusy,
    UploadKind,
    clean_upload,
    policy_for,
)

VOID_RENAMED = "企业名称变更"
VOID_REVOKED = "证书已吊销"
VOID_CANCELLED = "账号已注销"


class SealType(StrEnum):
    COMPANY_OFFICIAL = "company_official"
    COMPANY_CONTRACT = "company_contract"
    COMPANY_FINANCE = "company_finance"
    COMPANY_INVOICE = "company_invoice"
    PERSONAL_STAMP = "personal_stamp"
    PERSONAL_SIGNATURE = "personal_signature"


@dataclass(frozen=True)
class TypeInfo:
    label: str  # shown to the holder
    suffix: str  # appended to the company's or person's name to make the seal's name
    company: bool
    size_mm: tuple[int, int]  # display size in the seal data (width, height)


TYPES: dict[SealType, TypeInfo] = {
    SealType.COMPANY_OFFICIAL: TypeInfo("企业公章", "公章", True, (42, 42)),
    SealType.COMPANY_CONTRACT: TypeInfo("合同专用章", "合同专用章", True, (40, 40)),
    SealType.COMPANY_FINANCE: TypeInfo("财务专用章", "财务专用章", True, (38, 38)),
    SealType.COMPANY_INVOICE: TypeInfo("发票专用章", "发票专用章", True, (40, 30)),
    SealType.PERSONAL_STAMP: TypeInfo("个人私章", "印", False, (20, 20)),
    SealType.PERSONAL_SIGNATURE: TypeInfo("个人手写签名", "", False, (40, 15)),
}


class SealNotFound(NotFound):
    code = "seal_not_found"
    default_message = "印章不存在"


class SealTypeUnknown(InvalidInput):
    code = "seal_type_unknown"
    default_message = "不支持的印章类型"


class SealNeedsCompanyCert(InvalidInput):
    code = "seal_needs_org_cert"
    default_message = "单位印章只能绑定单位证书，请选择单位证书"


class SealExists(Conflict):
    code = "seal_exists"
    default_message = "该证书已有同类印章在审核中或已生效，无需重复申请"


class SealNotApproved(Conflict):
    code = "seal_not_approved"
    default_message = "印章尚未审核通过，不能申领"


@dataclass(frozen=True)
class Prepared:
    """An upload checked and cleaned, ready to be stored with the application."""

    seal_type: SealType
    original: bytes
    original_type: str
    strokes: bytes | None
    image: bytes
    width: int
    height: int


def seal_type(value: str) -> SealType:
    try:
        return SealType(value)
    except ValueError:
        raise SealTypeUnknown(details={"allowed": [t.value for t in SealType]}) from None


def prepare(rt: Runtime, kind: SealType, data: bytes, strokes: str | None) -> Prepared:
    """Clean the upload and make the seal image. Blocking: outside any transaction.

    A stamped seal: a JPEG/PNG photo (re-encoded like every upload, then extracted).
    A signature: the pad's PNG and its strokes as JSON.
    """
    # OpenCV and numpy (~0.1 s to import) only here, not on every start of the server or CLI.
    from mcert.seal.handwriting import render_signature
    from mcert.seal.image import extract_seal

    policy = policy_for(UploadKind.DOCUMENT, rt.settings)
    clean = clean_upload(data, policy, filename="seal", slots=rt.image_slots)
    if clean.content_type not in (JPEG, PNG):
        raise FileTypeUnsupported("请上传 JPG 或 PNG 图片")
    if kind is SealType.PERSONAL_SIGNATURE:
        if clean.content_type != PNG:
            raise FileTypeUnsupported("手写签名请上传签名板生成的 PNG 图片")
        try:
            raw = json.loads(strokes or "[]")
        except (ValueError, RecursionError):  # a nesting bomb is malformed, not a crash
            raw = None
        with _slot(rt):
            sig = render_signature(clean.data, raw)
        encoded = json.dumps(raw, separators=(",", ":")).encode()
        return Prepared(kind, clean.data, PNG, encoded, sig.png, sig.width, sig.height)
    with _slot(rt):
        seal = extract_seal(clean.data)
    return Prepared(kind, clean.data, clean.content_type, None, seal.png, seal.width, seal.height)


class _slot:
    """One of the process's image-decoding slots (the same bound as every upload)."""

    def __init__(self, rt: Runtime) -> None:
        self.sem = rt.image_slots

    def __enter__(self) -> None:
        if not self.sem.acquire(timeout=SLOT_WAIT_SECONDS):
            raise UploadBusy()

    def __exit__(self, *exc: object) -> None:
        self.sem.release()


# ----------------------------------------------------------------------------- holder


def _audit(db: Session, seal: Seal, action: str, actor: Actor, now: datetime, **kw: object) -> None:
    record(
        db,
        at=now,
        actor=actor,
        action=action,
        target_type="seal",
        target_id=seal.id,
        details={"status": seal.status, "seal_type": seal.seal_type, "cert": seal.cert_id, **kw},
    )


def _tell(db: Session, rt: Runtime, user_id: str, kind: str, title: str, body: str) -> None:
    user = db.get(User, user_id)
    assert user is not None
    notify(
        db,
        user=user,
        rt=rt,
        kind=kind,
        title=title,
        body=body,
        now=rt.clock.now(),
    )


def _name(cert: HolderCertificate, kind: SealType) -> str:
    info = TYPES[kind]
    if info.company:
        return f"{cert.subject_org or ''}{info.suffix}"
    return f"{cert.subject_cn}{info.suffix}" if info.suffix else cert.subject_cn


def apply(db: Session, rt: Runtime, user: User, *, cert_id: str, prepared: Prepared) -> Seal:
    """申请印章: a seal record bound to the holder's certificate, in 待审核 — or, when seals
    cost money, in 待支付 with an order to pay (``seal.order_id``)."""
    now = rt.clock.now()
    kind = prepared.seal_type
    price = rt.settings.seal_price_fen
    cert = certs.get_own(db, user, cert_id, lock=True)
    if certs.effective_status(cert, now) != HolderCertStatus.ACTIVE:
        raise certs.CertNotActive("证书当前不可用，不能申请印章")
    if TYPES[kind].company:
        if cert.cert_type != "org" or cert.org_id is None:
            raise SealNeedsCompanyCert()
        if orgs.role_of(db, cert.org_id, user.id) != orgs.ADMIN:
            raise PermissionDenied("只有单位证书管理员可以申请单位印章", code="org_admin_required")
    existing = db.scalars(
        select(Seal.id).where(
            Seal.cert_id == cert.id, Seal.seal_type == kind.value, Seal.status.in_(LIVE)
        )
    ).first()
    if existing is not None:
        raise SealExists(details={"seal_id": existing})
    original = rt.storage.put(prepared.original, prepared.original_type, "seal_original")
    image = rt.storage.put(prepared.image, PNG, "seal_image")
    strokes = (
        rt.storage.put(prepared.strokes, "application/json", "seal_strokes").key
        if prepared.strokes is not None
        else None
    )
    width_mm, height_mm = TYPES[kind].size_mm
    seal = Seal(
        user_id=user.id,
        cert_id=cert.id,
        org_id=cert.org_id,
        seal_type=kind.value,
        name=_name(cert, kind)[:120],
        status=(SealStatus.UNPAID if price > 0 else SealStatus.PENDING_REVIEW).value,
        es_id=f"MCS{now:%Y%m%d}{secrets.token_hex(8).upper()}",
        original_key=original.key,
        original_type=prepared.original_type,
        strokes_key=strokes,
        image_key=image.key,
        image_width=prepared.width,
        image_height=prepared.height,
        width_mm=width_mm,
        height_mm=height_mm,
        price_fen=price,
        created_at=now,
        updated_at=now,
    )
    paying: dict[str, object] = {}
    if price > 0:
        order = orders.create_seal_order(
            db,
            rt,
            user,
            amount_fen=price,
            cert_type=cert.cert_type,
            org_id=cert.org_id,
        )
        seal.order_id = order.id
        paying = {"order_no": order.order_no, "amount_fen": price}
    db.add(seal)
    db.flush()
    _audit(db, seal, "seal.applied", Actor("user", user.id), now, es_id=seal.es_id, **paying)
    db.commit()
    return seal


def order_of(db: Session, seal: Seal) -> Order | None:
    """The order paying for a priced seal (None for a free one)."""
    return db.get(Order, seal.order_id) if seal.order_id else None


def on_paid(db: Session, rt: Runtime, order: Order, now: datetime) -> None:
    """A seal's order was paid (``order.service.paid_listeners``): 待支付 → 待审核."""
    if order.kind != OrderKind.SEAL:
        return
    seal = db.scalars(select(Seal).where(Seal.order_id == order.id).with_for_update()).first()
    assert seal is not None, "a seal order has its seal"
    # Only an unpaid seal can be paid: the others cancel their order when they end
    # (``void``), so money on that order arrives late and is refunded by the order domain.
    move_seal(seal, SealStatus.PENDING_REVIEW)
    seal.updated_at = now
    _audit(db, seal, "seal.paid", Actor.system("orders"), now, order_no=order.order_no)


def on_unpaid_end(db: Session, rt: Runtime, order: Order, reason: str, now: datetime) -> None:
    """A seal's order closed or was cancelled unpaid (``order.service.unpaid_end_listeners``):
    the application is cancelled (已取消); the holder may apply again."""
    if order.kind != OrderKind.SEAL:
        return
    seal = db.scalars(select(Seal).where(Seal.order_id == order.id).with_for_update()).first()
    if seal is None or seal.status != SealStatus.UNPAID:
        return  # voided already (and the void cancelled this order)
    move_seal(seal, SealStatus.CANCELLED)
    seal.updated_at = now
    _audit(db, seal, "seal.cancelled", Actor.system("orders"), now, reason=reason)


def _refund_if_paid(
    db: Session, rt: Runtime, seal: Seal, reason: str, actor: Actor, now: datetime
) -> str | None:
    """A paid seal that will never be made: its money goes back (the refund's id, to submit
    after the commit; one left pending is sent by the jobs)."""
    if seal.order_id is None:
        return None
    order = lock_row(db, Order, seal.order_id)
    if order is None or order.status != OrderStatus.COMPLETED or not order.amount_fen:
        return None
    return payments.refund_paid(db, rt, order, now, reason=reason, actor=actor).id


def list_own(db: Session, user: User, group: str | None = None) -> list[Seal]:
    """The holder's seals, newest first; ``group`` company | personal (企业章 / 个人章)."""
    query = select(Seal).where(Seal.user_id == user.id)
    if group in ("company", "personal"):
        wanted = [t.value for t, info in TYPES.items() if info.company == (group == "company")]
        query = query.where(Seal.seal_type.in_(wanted))
    return list(db.scalars(query.order_by(Seal.created_at.desc(), Seal.id)).all())


def get_own(db: Session, user: User, seal_id: str) -> Seal:
    seal = db.get(Seal, seal_id)
    if seal is None or seal.user_id != user.id:
        raise SealNotFound()
    return seal


def image(rt: Runtime, seal: Seal) -> bytes:
    return rt.storage.get(seal.image_key)


def original(rt: Runtime, seal: Seal) -> bytes:
    return rt.storage.get(seal.original_key)


def claim(
    db: Session, rt: Runtime, user: User, device_row_id: str, seal_id: str, *, prehash: bytes
) -> Seal:
    """申领: the certificate password (checked, counted, locking like every unlock) binds the
    approved seal to this phone's certificate."""
    now = rt.clock.now()
    seal = get_own(db, user, seal_id)
    if seal.status != SealStatus.APPROVED:
        # Refused before the password is looked at: no attempt is spent on a seal that
        # cannot be claimed.
        raise SealNotApproved(
            details={"status": seal.status, "status_label": LABELS[SealStatus(seal.status)]}
        )
    cert = certs.get_own(db, user, seal.cert_id, lock=True)
    seal = lock_row(db, Seal, seal_id)  # type: ignore[assignment]
    if certs.effective_status(cert, now) != HolderCertStatus.ACTIVE:
        raise certs.CertNotActive(details={"status": certs.effective_status(cert, now)})
    if cert.device_id != device_row_id:
        raise certs.BoundToAnotherDevice()
    certs.verify_password(db, rt, user, cert, prehash, now)
    move_seal(seal, SealStatus.CLAIMED)
    seal.claimed_at = now
    seal.claimed_device_id = device_row_id
    seal.updated_at = now
    _audit(db, seal, "seal.claimed", Actor("user", user.id), now, device=device_row_id)
    db.commit()
    return seal


# ----------------------------------------------------------------------------- review


def queue(db: Session, status: str = SealStatus.PENDING_REVIEW, limit: int = 50) -> list[Seal]:
    return list(
        db.scalars(
            select(Seal).where(Seal.status == status).order_by(Seal.created_at).limit(limit)
        ).all()
    )


def get(db: Session, seal_id: str, *, lock: bool = False) -> Seal:
    seal = lock_row(db, Seal, seal_id) if lock else db.get(Seal, seal_id)
    if seal is None:
        raise SealNotFound()
    return seal


def _sign(db: Session, rt: Runtime, seal: Seal, cert: HolderCertificate, now: datetime) -> None:
    """Make (or remake, for a new certificate) the signed seal data."""
    sign = db.get(IssuedCertificate, cert.sign_cert_id) if cert.sign_cert_id else None
    assert sign is not None, "an active certificate has its signing certificate"
    maker = ca_service(rt).seal_maker_signer(db, now)
    start = seal.valid_start or now
    content = SealContent(
        es_id=seal.es_id,
        organisational=TYPES[SealType(seal.seal_type)].company,
        name=seal.name,
        kind=seal.seal_type,
        holder_certs=[sign.cert_der],
        holder_serial=sign.serial,
        created=seal.created_at,
        valid_start=start,
        valid_end=cert.not_after or sign.not_after,
        picture_png=image(rt, seal),
        width_mm=seal.width_mm,
        height_mm=seal.height_mm,
    )
    seal.seseal_der = build_seseal(content, maker_cert=maker.cert, maker_key=maker.key)
    seal.valid_start = start
    seal.valid_end = content.valid_end


def approve(db: Session, rt: Runtime, op: Operator, seal_id: str) -> Seal:
    """Approve: the seal data is signed by the seal-maker at once; the holder can claim."""
    now = rt.clock.now()
    ca_service(rt).seal_maker_signer(db, now)  # loaded (or refused) before anything moves
    seal = get(db, seal_id, lock=True)
    cert = db.get(HolderCertificate, seal.cert_id)
    assert cert is not None
    move_seal(seal, SealStatus.APPROVED)
    if certs.effective_status(cert, now) != HolderCertStatus.ACTIVE:
        db.rollback()
        raise Conflict("印章绑定的证书已不可用，不能通过", code="seal_cert_not_active")
    _sign(db, rt, seal, cert, now)
    seal.reviewer_id = op.id
    seal.reviewed_at = now
    seal.updated_at = now
    _audit(db, seal, "seal.approved", Actor("operator", op.id), now, es_id=seal.es_id)
    _tell(
        db,
        rt,
        seal.user_id,
        "seal_approved",
        "电子印章审核通过",
        f"您申请的{TYPES[SealType(seal.seal_type)].label}“{seal.name}”已审核通过，"
        "请在“电子印章”中输入证书密码申领。",
    )
    db.commit()
    return seal


def reject(db: Session, rt: Runtime, op: Operator, seal_id: str, reason: str) -> Seal:
    now = rt.clock.now()
    reason = clean_text(reason, max_length=200, min_length=0, field="reason")
    if len(reason) < 2:
        raise InvalidInput("请填写驳回原因", code="reject_reason_required")
    seal = get(db, seal_id, lock=True)
    move_seal(seal, SealStatus.REJECTED)
    seal.reject_reason = reason
    seal.reviewer_id = op.id
    seal.reviewed_at = now
    seal.updated_at = now
    actor = Actor("operator", op.id)
    _audit(db, seal, "seal.rejected", actor, now, reason=reason)
    refund = _refund_if_paid(db, rt, seal, payments.REASON_SEAL_REJECTED, actor, now)
    _tell(
        db,
        rt,
        seal.user_id,
        "seal_rejected",
        "电子印章审核未通过",
        f"您申请的{TYPES[SealType(seal.seal_type)].label}未通过审核：{reason}。请重新申请。"
        + ("已支付的费用将原路退回。" if refund else ""),
    )
    db.commit()
    if refund:
        payments.submit_refund(db, rt, refund)
        db.refresh(seal)
    return seal


# ----------------------------------------------------------------------------- following


def void(db: Session, rt: Runtime, seal: Seal, reason: str, actor: Actor, now: datetime) -> None:
    """Void a live seal. An unpaid one takes its order with it (cancelled); a paid one not
    yet reviewed gets its money back (the refund is sent by the jobs: this runs inside
    another domain's transaction)."""
    was = seal.status
    move_seal(seal, SealStatus.VOIDED)
    seal.void_reason = reason
    seal.voided_at = now
    seal.updated_at = now
    _audit(db, seal, "seal.voided", actor, now, reason=reason)
    if was == SealStatus.UNPAID and seal.order_id:
        orders.cancel_unpaid(db, rt, seal.order_id, reason="seal_voided", actor=actor, now=now)
    elif was == SealStatus.PENDING_REVIEW:
        _refund_if_paid(db, rt, seal, payments.REASON_SEAL_VOIDED, actor, now)


def _live(db: Session, *where: Any) -> list[Seal]:
    return list(
        db.scalars(
            select(Seal)
            .where(Seal.status.in_(LIVE), *where)
            .order_by(Seal.created_at, Seal.id)
            .with_for_update()
        ).all()
    )


def _void_all(db: Session, rt: Runtime, seals: list[Seal], reason: str, now: datetime) -> None:
    told: set[str] = set()
    for seal in seals:
        void(db, rt, seal, reason, Actor.system("lifecycle"), now)
        if seal.user_id not in told:
            told.add(seal.user_id)
            names = "、".join(s.name for s in seals if s.user_id == seal.user_id)
            _tell(
                db,
                rt,
                seal.user_id,
                "seal_voided",
                "电子印章已作废",
                f"因{reason}，您的电子印章“{names}”已作废；如需继续使用，请重新申请。",
            )


def follow_certificate(
    db: Session,
    rt: Runtime,
    old: HolderCertificate,
    new: HolderCertificate,
    kind: str,
    now: datetime,
) -> None:
    """The certificate line was replaced (``cert.service.supersede_listeners``)."""
    seals = _live(db, Seal.cert_id == old.id)
    if kind == OrderKind.CHANGE:
        _void_all(db, rt, seals, VOID_RENAMED, now)
        return
    for seal in seals:
        seal.cert_id = new.id
        seal.updated_at = now
        reclaim = kind == OrderKind.REISSUE and seal.status == SealStatus.CLAIMED
        if reclaim:
            move_seal(seal, SealStatus.APPROVED)
            seal.claimed_device_id = None
            seal.claimed_at = None
        if seal.status in (SealStatus.APPROVED, SealStatus.CLAIMED):
            _sign(db, rt, seal, new, now)
        _audit(
            db, seal, "seal.rebound", Actor.system("lifecycle"), now, old=old.id, kind=kind,
            claim_again=reclaim,
        )  # fmt: skip
        if reclaim:
            _tell(
                db,
                rt,
                seal.user_id,
                "seal_reclaim",
                "电子印章需重新申领",
                f"证书补办后，电子印章“{seal.name}”已绑定到新证书，请在新手机上输入证书密码重新申领。",
            )


def void_on_rename(db: Session, rt: Runtime, order: Order, now: datetime) -> None:
    """A paid company name change (``order.service.paid_listeners``): every seal bound to a
    certificate of the company carries the old name and is void."""
    if order.kind != OrderKind.CHANGE or order.org_id is None:
        return
    _void_all(db, rt, _live(db, Seal.org_id == order.org_id), VOID_RENAMED, now)


def void_of_user(db: Session, rt: Runtime, user_id: str, reason: str, now: datetime) -> int:
    """Void every live seal of a holder whose account is being cancelled (注销账号); the
    ones on their revoked certificates are void already. Returns how many."""
    seals = _live(db, Seal.user_id == user_id)
    for seal in seals:
        void(db, rt, seal, reason, Actor.system("cancellation"), now)
    return len(seals)


def void_on_revocation(
    db: Session, rt: Runtime, cert: HolderCertificate, reason: str, now: datetime, actor: Actor
) -> None:
    """A certificate that can no longer be used (``cert.service.blocked_listeners``): a
    revoked one voids its seals; a superseded one hands them on (``follow_certificate``);
    a locked one keeps them (a password reset unlocks it)."""
    if reason != "cert_revoked" or cert.status != HolderCertStatus.REVOKED:
        return
    _void_all(db, rt, _live(db, Seal.cert_id == cert.id), VOID_REVOKED, now)


certs.supersede_listeners.append(follow_certificate)
certs.blocked_listeners.append(void_on_revocation)
orders.paid_listeners.append(void_on_rename)
orders.paid_listeners.append(on_paid)
orders.unpaid_end_listeners.append(on_unpaid_end)
