"""Request and response bodies of the console's review API, and the builders that fill them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.ident import USCCInvalid, validate_uscc
from mcert.order import service as orders
from mcert.order.models import Order, OrderDocument
from mcert.pii import mask_name
from mcert.realname.service import identity_of, view
from mcert.review.pdfpages import page_count
from mcert.review.queues import LABELS, QueueEntry, QueueSummary
from mcert.runtime import Runtime
from mcert.text import Text


class DocumentRead(BaseModel):
    id: str
    kind: str
    content_type: str
    size: int
    filename: str | None
    sha256: str
    uploaded_at: datetime
    pages: int = Field(
        1, description="Pages to show: a PDF's page count (0: unreadable), 1 for an image"
    )


class Extracted(BaseModel):
    """What the reviewer checks against the licence, with the USCC's check digit verified."""

    company_name: str | None
    uscc: str | None
    uscc_valid: bool | None = Field(description="GB 32100 format and check character")
    legal_rep: str | None


class ReviewItem(BaseModel):
    id: str
    order_no: str
    kind: str
    label: str
    cert_type: str
    status: str
    version: int
    company_name: str | None
    uscc: str | None
    submitted_at: datetime | None
    reject_reason: str | None


class ReviewDetail(ReviewItem):
    legal_rep_name: str | None
    applicant_is_legal_rep: bool | None
    applicant_name_masked: str | None
    documents: list[DocumentRead]
    years: int
    amount_fen: int
    extracted: Extracted


class Decision(BaseModel):
    version: int | None = Field(
        None, ge=0, le=2**31 - 1, description="The version you reviewed; a stale one is 409"
    )


class Rejection(Decision):
    reason_code: str | None = Field(
        None, max_length=40, description="A standard reason (GET /rejection-reasons?kind=)"
    )
    reason: Annotated[str, Text(200, min_length=0)] = Field(
        "", description="Shown to the applicant; after the standard reason's text if both"
    )


def review_item(o: Order) -> ReviewItem:
    return ReviewItem(
        id=o.id,
        order_no=o.order_no,
        kind=o.kind,
        label=orders.label(o),
        cert_type=o.cert_type,
        status=o.status,
        version=o.version,
        company_name=o.company_name,
        uscc=o.uscc,
        submitted_at=o.submitted_at,
        reject_reason=o.reject_reason,
    )


def _uscc_valid(uscc: str | None) -> bool | None:
    if not uscc:
        return None
    try:
        validate_uscc(uscc)
    except USCCInvalid:
        return False
    return True


def _document(rt: Runtime, d: OrderDocument) -> DocumentRead:
    doc = DocumentRead.model_validate(d, from_attributes=True)
    if d.content_type == "application/pdf":
        doc.pages = page_count(rt.storage.get(d.object_key), d.sha256)
    return doc


def detail(db: Session, rt: Runtime, order: Order) -> ReviewDetail:
    user = db.get(User, order.user_id)
    ident = identity_of(db, user) if user else None
    legal_rep = (
        rt.cipher.decrypt(order.legal_rep_name_enc, aad=f"order:{order.order_no}")
        if order.legal_rep_name_enc
        else None
    )
    return ReviewDetail(
        **review_item(order).model_dump(),
        legal_rep_name=legal_rep,
        applicant_is_legal_rep=order.applicant_is_legal_rep,
        applicant_name_masked=mask_name(view(rt, user, ident).name) if user and ident else None,
        documents=[_document(rt, d) for d in orders.current_documents(db, order)],
        years=order.years,
        amount_fen=order.amount_fen,
        extracted=Extracted(
            company_name=order.company_name,
            uscc=order.uscc,
            uscc_valid=_uscc_valid(order.uscc),
            legal_rep=legal_rep,
        ),
    )


# ----------------------------------------------------------------------------- queues


class OperatorRef(BaseModel):
    id: str
    display_name: str


class QueueItem(BaseModel):
    kind: str
    id: str
    title: str
    subject_name: str | None
    submitted_at: datetime
    age_seconds: int
    sla_seconds: int
    overdue: bool
    claimed_by: OperatorRef | None = None
    claim_expires_at: datetime | None = None


class QueueCount(BaseModel):
    kind: str
    label: str
    count: int
    oldest_age_seconds: int | None
    overdue: int = Field(description="Items past the kind's service level")


class Queues(BaseModel):
    kinds: list[QueueCount]


class RejectionReason(BaseModel):
    code: str
    text: str


def queue_item(e: QueueEntry) -> QueueItem:
    return QueueItem(
        kind=e.kind.value,
        id=e.id,
        title=e.title,
        subject_name=e.subject_name,
        submitted_at=e.submitted_at,
        age_seconds=e.age_seconds,
        sla_seconds=e.sla_seconds,
        overdue=e.overdue,
        claimed_by=OperatorRef(id=e.claim.operator_id, display_name=e.claim.display_name)
        if e.claim
        else None,
        claim_expires_at=e.claim.expires_at if e.claim else None,
    )


def queue_counts(rows: list[QueueSummary]) -> Queues:
    return Queues(
        kinds=[
            QueueCount(
                kind=r.kind.value,
                label=LABELS[r.kind],
                count=r.count,
                oldest_age_seconds=r.oldest_age_seconds,
                overdue=r.overdue,
            )
            for r in rows
        ]
    )
