"""Orders in the app (订单管理: 待审核 / 未通过 / 待支付 / 已完成) and payment notifications."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field
from sqlalchemy import select

from mcert.errors import DomainError
from mcert.http.deps import CurrentUser, RuntimeDep, SessionDep
from mcert.http.params import PageDep
from mcert.http.routing import TransactionScopedRoute
from mcert.order import products, service
from mcert.order.models import Order
from mcert.order.service import DOC_AUTHORIZATION, DOC_LICENCE, Upload
from mcert.text import COMPANY_NAME_MAX
from mcert.uploads import read_limited

router = APIRouter(prefix="/api/app/v1", tags=["app: orders"], route_class=TransactionScopedRoute)
notify_router = APIRouter(tags=["payments"], route_class=TransactionScopedRoute)

STATUS_TABS = {
    "pending_review": "待审核",
    "rejected": "未通过",
    "pending_payment": "待支付",
    "completed": "已完成",
    "cancelled": "已取消",
    "closed": "已关闭",
}


class PersonalApply(BaseModel):
    years: int = Field(ge=1, le=3)


class DocumentBrief(BaseModel):
    id: str
    kind: str
    content_type: str
    size: int
    filename: str | None


class OrderRead(BaseModel):
    id: str
    order_no: str
    kind: str
    label: str
    cert_type: str
    years: int
    amount_fen: int
    amount_yuan: str
    status: str
    status_label: str
    company_name: str | None
    uscc: str | None
    reject_reason: str | None
    pay_deadline: datetime | None
    paid_at: datetime | None
    created_at: datetime
    target_cert_id: str | None
    documents: list[DocumentBrief] = []


class OrderPage(BaseModel):
    items: list[OrderRead]
    total: int


class PayStart(BaseModel):
    cashier_url: str


class PriceRead(BaseModel):
    personal: dict[int, int]
    org: dict[int, int]
    renewal_personal: dict[int, int]
    renewal_org: dict[int, int]
    change: int
    reissue: int


def order_read(db: SessionDep, order: Order, *, with_documents: bool = False) -> OrderRead:
    docs = service.current_documents(db, order) if with_documents else []
    return OrderRead(
        id=order.id,
        order_no=order.order_no,
        kind=order.kind,
        label=service.label(order),
        cert_type=order.cert_type,
        years=order.years,
        amount_fen=order.amount_fen,
        amount_yuan=products.yuan(order.amount_fen),
        status=order.status,
        status_label=STATUS_TABS[order.status],
        company_name=order.company_name,
        uscc=order.uscc,
        reject_reason=order.reject_reason,
        pay_deadline=order.pay_deadline,
        paid_at=order.paid_at,
        created_at=order.created_at,
        target_cert_id=order.target_cert_id,
        documents=[DocumentBrief.model_validate(d, from_attributes=True) for d in docs],
    )


async def _uploads(rt: RuntimeDep, files: dict[str, UploadFile | None]) -> list[Upload]:
    limit = rt.settings.upload_max_document_bytes
    return [
        Upload(kind, read_limited(f.file, limit), f.filename)
        for kind, f in files.items()
        if f is not None and f.filename
    ]


@router.get("/products", response_model=PriceRead)
def prices(rt: RuntimeDep) -> PriceRead:
    return PriceRead.model_validate(products.load(rt.settings.products_json).model_dump())


@router.post("/orders/personal", response_model=OrderRead, status_code=201)
def apply_personal(
    body: PersonalApply, user: CurrentUser, db: SessionDep, rt: RuntimeDep
) -> OrderRead:
    """申请个人证书: after real-name verification, straight to 待支付."""
    return order_read(db, service.create_personal(db, rt, user, body.years))


@router.post("/orders/company", response_model=OrderRead, status_code=201)
async def apply_company(
    user: CurrentUser,
    db: SessionDep,
    rt: RuntimeDep,
    years: Annotated[int, Form(ge=1, le=3)],
    company_name: Annotated[str, Form(min_length=1, max_length=COMPANY_NAME_MAX)],
    uscc: Annotated[str, Form(max_length=18)],
    legal_rep_name: Annotated[str, Form(max_length=40)],
    applicant_is_legal_rep: Annotated[bool, Form()],
    business_licence: Annotated[UploadFile, File(description="营业执照 JPEG/PNG/PDF ≤ 10 MB")],
    authorization_letter: Annotated[UploadFile | None, File()] = None,
) -> OrderRead:
    """申请单位证书: documents are checked, cleaned and stored; the order waits for review."""
    docs = await _uploads(
        rt, {DOC_LICENCE: business_licence, DOC_AUTHORIZATION: authorization_letter}
    )
    order = service.create_company(
        db,
        rt,
        user,
        years=years,
        company_name=company_name,
        uscc=uscc,
        legal_rep_name=legal_rep_name,
        applicant_is_legal_rep=applicant_is_legal_rep,
        documents=docs,
    )
    return order_read(db, order, with_documents=True)


@router.get("/orders", response_model=OrderPage)
def list_orders(
    user: CurrentUser,
    db: SessionDep,
    page: PageDep,
    status: Annotated[str | None, Query(max_length=30)] = None,
) -> OrderPage:
    from sqlalchemy import func

    query = select(Order).where(Order.user_id == user.id)
    if status:
        query = query.where(Order.status == status)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.scalars(
        query.order_by(Order.created_at.desc()).limit(page.limit).offset(page.offset)
    ).all()
    return OrderPage(items=[order_read(db, o) for o in rows], total=int(total))


@router.get("/orders/{order_id}", response_model=OrderRead)
def get_order(order_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> OrderRead:
    """Also settles the order when the payment notification never came (asks the gateway)."""
    order = service.get_own(db, user, order_id)
    if order.status == "pending_payment":
        order = service.get_own(db, user, order_id, lock=True)
        if not service.refresh_payment(db, rt, order):
            service.close_if_overdue(db, rt, order, rt.clock.now())
    return order_read(db, order, with_documents=True)


@router.post("/orders/{order_id}/resubmit", response_model=OrderRead)
async def resubmit(
    order_id: str,
    user: CurrentUser,
    db: SessionDep,
    rt: RuntimeDep,
    company_name: Annotated[str | None, Form(min_length=1, max_length=COMPANY_NAME_MAX)] = None,
    legal_rep_name: Annotated[str | None, Form(max_length=40)] = None,
    applicant_is_legal_rep: Annotated[bool | None, Form()] = None,
    business_licence: Annotated[UploadFile | None, File()] = None,
    authorization_letter: Annotated[UploadFile | None, File()] = None,
    change_proof: Annotated[UploadFile | None, File()] = None,
) -> OrderRead:
    """未通过 → 待审核 with corrections; only the documents sent are replaced."""
    docs = await _uploads(
        rt,
        {
            DOC_LICENCE: business_licence,
            DOC_AUTHORIZATION: authorization_letter,
            service.DOC_CHANGE: change_proof,
        },
    )
    order = service.resubmit(
        db,
        rt,
        user,
        order_id,
        company_name=company_name,
        legal_rep_name=legal_rep_name,
        applicant_is_legal_rep=applicant_is_legal_rep,
        documents=docs,
    )
    return order_read(db, order, with_documents=True)


@router.post("/orders/{order_id}/cancel", response_model=OrderRead)
def cancel(order_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> OrderRead:
    return order_read(db, service.cancel(db, rt, user, order_id))


@router.post("/orders/{order_id}/pay", response_model=PayStart)
def pay(order_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> PayStart:
    """Start paying: returns the gateway's cashier page (the sandbox's under /sandbox/pay)."""
    return PayStart(cashier_url=service.start_payment(db, rt, user, order_id))


@notify_router.post("/api/payments/notify/{provider}", response_class=PlainTextResponse)
async def payment_notification(
    provider: str, request: Request, db: SessionDep, rt: RuntimeDep
) -> PlainTextResponse:
    """The gateway's asynchronous notification. ``success`` stops its retries."""
    if provider != rt.payment.name:
        return PlainTextResponse("failure", status_code=404)
    form = await request.form()
    params = {k: str(v) for k, v in form.items()}
    try:
        service.handle_notification(db, rt, params)
    except DomainError as exc:
        return PlainTextResponse("failure", status_code=400, headers={"X-Error-Code": exc.code})
    return PlainTextResponse("success")
