"""Orders in the app (订单管理: 全部 / 待审核 / 未通过 / 待支付 / 已完成 / 已取消), payment and
refund notifications."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import PlainTextResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from mcert.consent import service as consent_service
from mcert.consent.documents import Document
from mcert.errors import DomainError
from mcert.http.deps import CompanyDocumentsConsentUser, CurrentUser, RuntimeDep, SessionDep
from mcert.http.openapi import errors, plain_text
from mcert.http.params import PageDep
from mcert.http.routing import TransactionScopedRoute
from mcert.order import payments, products, service
from mcert.order.models import Order
from mcert.order.schemas import (
    OrderPage,
    OrderRead,
    PayStart,
    PersonalApply,
    PriceRead,
    order_read,
)
from mcert.order.service import DOC_AUTHORIZATION, DOC_LICENCE, Upload
from mcert.order.states import (
    OrderStatus,
    RefundStatus,
)
from mcert.text import COMPANY_NAME_MAX
from mcert.uploads import read_limited

router = APIRouter(prefix="/api/app/v1", tags=["app: orders"], route_class=TransactionScopedRoute)
notify_router = APIRouter(tags=["payments"], route_class=TransactionScopedRoute)


def _uploads(rt: RuntimeDep, files: dict[str, UploadFile | None]) -> list[Upload]:
    limit = rt.settings.upload_max_document_bytes
    return [
        Upload(kind, read_limited(f.file, limit), f.filename)
        for kind, f in files.items()
        if f is not None and f.filename
    ]


@router.get("/products", response_model=PriceRead, operation_id="getPrices")
def prices(rt: RuntimeDep) -> PriceRead:
    """Certificate products and prices.

    Public: the price list by certificate type and years of validity, and the price of an
    electronic seal (`seal`, 0 when seals are free).
    """
    listed = products.load(rt.settings.products_json).model_dump()
    return PriceRead.model_validate({**listed, "seal": rt.settings.seal_price_fen})


@router.post(
    "/orders/personal", response_model=OrderRead, status_code=201, responses=errors(403, 409)
)
def apply_personal(
    body: PersonalApply, user: CurrentUser, db: SessionDep, rt: RuntimeDep
) -> OrderRead:
    """Apply for a personal certificate (申请个人证书).

    After real-name verification (403 `realname_required` before), straight to 待支付.
    """
    return order_read(db, service.create_personal(db, rt, user, body.years))


@router.post(
    "/orders/company", response_model=OrderRead, status_code=201, responses=errors(403, 409)
)
def apply_company(
    user: CompanyDocumentsConsentUser,
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
    """Apply for a company certificate (申请单位证书).

    The documents are checked, cleaned and stored; the order waits for an operator's review.
    403 `consent_required` without the holder's consent to `company_documents`.
    """
    docs = _uploads(rt, {DOC_LICENCE: business_licence, DOC_AUTHORIZATION: authorization_letter})
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
    status: Annotated[
        list[OrderStatus] | None,
        Query(description="Repeat for several (已取消 tab: cancelled and closed); none: 全部"),
    ] = None,
) -> OrderPage:
    """The holder's orders (订单管理), newest first.

    Filter by one or more statuses; paged with `limit` and `offset`.
    """
    from sqlalchemy import func

    query = select(Order).where(Order.user_id == user.id)
    if status:
        query = query.where(Order.status.in_([s.value for s in status]))
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.scalars(
        query.order_by(Order.created_at.desc(), Order.id).limit(page.limit).offset(page.offset)
    ).all()
    refunds = payments.refunds_of(db, [o.id for o in rows])
    return OrderPage(
        items=[order_read(db, o, refunds=refunds[o.id]) for o in rows], total=int(total)
    )


@router.get("/orders/{order_id}", response_model=OrderRead)
def get_order(order_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> OrderRead:
    """One of the holder's orders, with its documents, payments and refunds.

    Also settles the order when the payment notification never came (asks the gateway).
    """
    order = service.get_own(db, user, order_id)
    if order.status == OrderStatus.PENDING_PAYMENT:
        order = service.get_own(db, user, order_id, lock=True)
        if not service.refresh_payment(db, rt, order):
            service.close_if_overdue(db, rt, order, rt.clock.now())
    refunds = payments.refunds_of(db, [order.id])[order.id]
    if any(r.status in (RefundStatus.PENDING, RefundStatus.PROCESSING) for r in refunds):
        payments.refresh_refunds(db, rt, refunds)  # its notification may be lost
        refunds = payments.refunds_of(db, [order.id])[order.id]
    return order_read(db, order, with_documents=True, refunds=refunds)


@router.post(
    "/orders/{order_id}/resubmit",
    response_model=OrderRead,
    operation_id="resubmitOrder",
    responses=errors(403, 409),
)
def resubmit(
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
    """Resubmit a rejected company application with corrections.

    未通过 → 待审核; only the fields and documents sent are replaced. New documents need the
    holder's consent to `company_documents` (403 `consent_required`).
    """
    if any(
        f is not None and f.filename for f in (business_licence, authorization_letter, change_proof)
    ):
        consent_service.ensure(db, rt, user.id, Document.COMPANY_DOCUMENTS)
    docs = _uploads(
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


@router.post(
    "/orders/{order_id}/cancel",
    response_model=OrderRead,
    operation_id="cancelOrder",
    responses=errors(409),
)
def cancel(order_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> OrderRead:
    """Cancel an order that is not paid yet.

    409 when its status no longer allows it (e.g. already paid).
    """
    return order_read(db, service.cancel(db, rt, user, order_id))


@router.post(
    "/orders/{order_id}/pay",
    response_model=PayStart,
    operation_id="payOrder",
    responses=errors(409),
)
def pay(order_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> PayStart:
    """Start paying an order in 待支付.

    Returns the gateway's cashier page (the sandbox's under /sandbox/pay); 409
    `order_closed` or `order_already_paid` when it can no longer be paid.
    """
    return PayStart(cashier_url=service.start_payment(db, rt, user, order_id))


_GATEWAY_ANSWERS: dict[int | str, dict[str, Any]] = {
    400: plain_text("`failure`: the notification was refused (code in `X-Error-Code`)"),
    404: plain_text("`failure`: not the configured payment provider"),
}


@notify_router.post(
    "/api/payments/notify/{provider}",
    response_class=PlainTextResponse,
    responses=_GATEWAY_ANSWERS,
)
async def payment_notification(
    provider: str, request: Request, db: SessionDep, rt: RuntimeDep
) -> PlainTextResponse:
    """A payment gateway's asynchronous payment notification.

    Form-encoded and signed by the gateway; the answer `success` stops its retries.
    """
    if provider != rt.payment.name:
        return PlainTextResponse("failure", status_code=404)
    form = await request.form()
    params = {k: str(v) for k, v in form.items()}
    try:  # a late payment calls the gateway's refund API: off the event loop
        await run_in_threadpool(service.handle_notification, db, rt, params)
    except DomainError as exc:
        return PlainTextResponse("failure", status_code=400, headers={"X-Error-Code": exc.code})
    return PlainTextResponse("success")


@notify_router.post(
    "/api/payments/refund-notify/{provider}",
    response_class=PlainTextResponse,
    responses=_GATEWAY_ANSWERS,
)
async def refund_notification(
    provider: str, request: Request, db: SessionDep, rt: RuntimeDep
) -> PlainTextResponse:
    """A payment gateway's asynchronous refund result.

    Form-encoded and signed by the gateway; the answer `success` stops its retries.
    """
    if provider != rt.payment.name:
        return PlainTextResponse("failure", status_code=404)
    form = await request.form()
    params = {k: str(v) for k, v in form.items()}
    try:  # the gateway's refund API may be called: off the event loop
        await run_in_threadpool(payments.handle_refund_notification, db, rt, params)
    except DomainError as exc:
        return PlainTextResponse("failure", status_code=400, headers={"X-Error-Code": exc.code})
    return PlainTextResponse("success")
