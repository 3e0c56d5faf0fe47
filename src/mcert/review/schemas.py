"""Request and response bodies of the console's review API, and the builders that fill them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.order import service as orders
from mcert.order.models import Order
from mcert.pii import mask_name
from mcert.realname.service import identity_of, view
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


class Decision(BaseModel):
    version: int | None = Field(
        None, ge=0, le=2**31 - 1, description="The version you reviewed; a stale one is 409"
    )


class Rejection(Decision):
    reason: Annotated[str, Text(200, min_length=2)] = Field(description="Shown to the applicant")


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
        documents=[
            DocumentRead.model_validate(d, from_attributes=True)
            for d in orders.current_documents(db, order)
        ],
        years=order.years,
        amount_fen=order.amount_fen,
    )
