"""Request and response bodies of the seal APIs (app and console), and their builders."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.account.service import user_phone
from mcert.ca.models import IssuedCertificate
from mcert.cert.models import HolderCertificate
from mcert.cert.service import effective_status
from mcert.cert.states import LABELS as CERT_LABELS
from mcert.cert.states import HolderCertStatus
from mcert.codec import b64u_encode
from mcert.order import products
from mcert.order.states import LABELS as ORDER_LABELS
from mcert.order.states import OrderStatus
from mcert.org.models import Organization
from mcert.pii import mask_name, mask_phone
from mcert.runtime import Runtime
from mcert.seal.models import Seal
from mcert.seal.service import TYPES, SealType, order_of
from mcert.seal.states import LABELS, SealStatus


class SealOrder(BaseModel):
    """The order paying for a priced seal: 去支付 opens it (``/orders/{id}``, the cashier)."""

    id: str
    order_no: str
    amount_fen: int
    amount_yuan: str
    status: str = Field(description="The order's status: pending_payment | completed | …")
    status_label: str
    pay_deadline: datetime | None


class SealRead(BaseModel):
    id: str
    seal_type: str
    type_label: str
    group: str = Field(description="company | personal (企业章 / 个人章)")
    name: str
    status: str
    status_label: str
    reject_reason: str | None
    void_reason: str | None
    cert_id: str
    cert_status: str
    es_id: str
    image_width: int
    image_height: int
    width_mm: int
    height_mm: int
    price_fen: int
    order: SealOrder | None = Field(
        description="The order paying for the seal when seals cost money (status `unpaid`, "
        "待支付: pay it to send the seal to review); null for a free seal"
    )
    valid_end: datetime | None = Field(description="The bound certificate's expiry once approved")
    claimable: bool
    created_at: datetime
    reviewed_at: datetime | None
    claimed_at: datetime | None
    voided_at: datetime | None


class ClaimRequest(BaseModel):
    prehash: str = Field(description="base64url pre-hash of the certificate password")


class SealClaimed(BaseModel):
    seal: SealRead
    seseal: str = Field(description="base64url DER of the signed GB/T 38540 SESeal")


class Rejection(BaseModel):
    reason_code: str | None = Field(
        None, max_length=40, description="A standard reason (GET /rejection-reasons?kind=seal)"
    )
    reason: str = Field("", max_length=200, description="Your own words, after the standard one")


class SealReviewItem(BaseModel):
    id: str
    seal_type: str
    type_label: str
    name: str
    status: str
    status_label: str
    company: str | None
    holder_name_masked: str | None
    created_at: datetime


class SealReviewDetail(SealReviewItem):
    reject_reason: str | None
    void_reason: str | None
    uscc: str | None
    holder_phone_masked: str | None
    cert_id: str
    cert_subject: str
    cert_serial: str | None
    cert_status: str
    cert_status_label: str
    cert_not_after: datetime | None
    original_type: str
    original_url: str
    extracted_url: str
    has_strokes: bool
    reviewed_at: datetime | None


def _cert(db: Session, seal: Seal) -> HolderCertificate:
    cert = db.get(HolderCertificate, seal.cert_id)
    assert cert is not None
    return cert


def _order(db: Session, seal: Seal) -> SealOrder | None:
    order = order_of(db, seal)
    if order is None:
        return None
    return SealOrder(
        id=order.id,
        order_no=order.order_no,
        amount_fen=order.amount_fen,
        amount_yuan=products.yuan(order.amount_fen),
        status=order.status,
        status_label=ORDER_LABELS[OrderStatus(order.status)],
        pay_deadline=order.pay_deadline,
    )


def seal_read(db: Session, rt: Runtime, seal: Seal) -> SealRead:
    kind = SealType(seal.seal_type)
    info = TYPES[kind]
    cert = _cert(db, seal)
    cert_status = effective_status(cert, rt.clock.now())
    return SealRead(
        id=seal.id,
        seal_type=seal.seal_type,
        type_label=info.label,
        group="company" if info.company else "personal",
        name=seal.name,
        status=seal.status,
        status_label=LABELS[SealStatus(seal.status)],
        reject_reason=seal.reject_reason,
        void_reason=seal.void_reason,
        cert_id=seal.cert_id,
        cert_status=cert_status,
        es_id=seal.es_id,
        image_width=seal.image_width,
        image_height=seal.image_height,
        width_mm=seal.width_mm,
        height_mm=seal.height_mm,
        price_fen=seal.price_fen,
        order=_order(db, seal),
        valid_end=seal.valid_end,
        claimable=seal.status == SealStatus.APPROVED and cert_status == HolderCertStatus.ACTIVE,
        created_at=seal.created_at,
        reviewed_at=seal.reviewed_at,
        claimed_at=seal.claimed_at,
        voided_at=seal.voided_at,
    )


def claimed(db: Session, rt: Runtime, seal: Seal) -> SealClaimed:
    assert seal.seseal_der is not None
    return SealClaimed(seal=seal_read(db, rt, seal), seseal=b64u_encode(seal.seseal_der))


def review_item(db: Session, seal: Seal) -> SealReviewItem:
    cert = _cert(db, seal)
    return SealReviewItem(
        id=seal.id,
        seal_type=seal.seal_type,
        type_label=TYPES[SealType(seal.seal_type)].label,
        name=seal.name,
        status=seal.status,
        status_label=LABELS[SealStatus(seal.status)],
        company=cert.subject_org,
        holder_name_masked=mask_name(cert.subject_cn),
        created_at=seal.created_at,
    )


def review_detail(db: Session, rt: Runtime, seal: Seal) -> SealReviewDetail:
    cert = _cert(db, seal)
    org = db.get(Organization, seal.org_id) if seal.org_id else None
    user = db.get(User, seal.user_id)
    sign = db.get(IssuedCertificate, cert.sign_cert_id) if cert.sign_cert_id else None
    base = f"/api/console/v1/seals/{seal.id}"
    status = effective_status(cert, rt.clock.now())
    return SealReviewDetail(
        **review_item(db, seal).model_dump(),
        reject_reason=seal.reject_reason,
        void_reason=seal.void_reason,
        uscc=org.uscc if org else None,
        holder_phone_masked=mask_phone(user_phone(rt, user)) if user else None,
        cert_id=cert.id,
        cert_subject=" / ".join(x for x in (cert.subject_cn, cert.subject_org) if x),
        cert_serial=sign.serial if sign else None,
        cert_status=status,
        cert_status_label=CERT_LABELS[status],
        cert_not_after=cert.not_after,
        original_type=seal.original_type,
        original_url=f"{base}/original",
        extracted_url=f"{base}/image",
        has_strokes=seal.strokes_key is not None,
        reviewed_at=seal.reviewed_at,
    )
