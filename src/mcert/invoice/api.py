"""Invoices over HTTP: the holder app (``/api/app/v1/invoice-titles``, ``/invoices``), the
console's queue (``/api/console/v1/invoices``) and the invoicing service's callback."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from mcert.audit.service import Actor
from mcert.errors import DomainError
from mcert.http.deps import CurrentOperator, CurrentUser, RuntimeDep, SessionDep
from mcert.http.openapi import errors
from mcert.http.params import MAX_LIMIT
from mcert.http.routing import TransactionScopedRoute
from mcert.invoice import service
from mcert.invoice.schemas import (
    InvoiceApply,
    InvoiceConsoleRead,
    InvoiceRead,
    InvoiceResend,
    OrderInvoiceState,
    TitleCreate,
    TitleList,
    TitleRead,
    TitleSuggestion,
    VoidRequest,
    console_read,
    invoice_read,
    title_read,
)
from mcert.operator.models import Operator
from mcert.operator.roles import Permission, ensure
from mcert.providers.invoice import SIGNATURE_HEADER
from mcert.review import queues

app_router = APIRouter(
    prefix="/api/app/v1", tags=["app: invoices"], route_class=TransactionScopedRoute
)
console_router = APIRouter(
    prefix="/api/console/v1", tags=["console: invoices"], route_class=TransactionScopedRoute
)
notify_router = APIRouter(tags=["invoices"], route_class=TransactionScopedRoute)

FILE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The invoice file",
        "content": {"application/pdf": {}, "application/xml": {}},
    },
    **errors(404, 409),
}


# ----------------------------------------------------------------------------- titles


@app_router.get("/invoice-titles", response_model=TitleList, operation_id="listInvoiceTitles")
def list_titles(user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> TitleList:
    """The holder's invoice titles (发票抬头).

    Newest first; `suggestions` are the holder's verified companies not saved yet, offered
    first when adding a company title.
    """
    return TitleList(
        titles=[title_read(rt, t) for t in service.list_titles(db, user)],
        suggestions=[TitleSuggestion(name=n, tax_no=t) for n, t in service.suggestions(db, user)],
    )


@app_router.post(
    "/invoice-titles",
    response_model=TitleRead,
    status_code=201,
    operation_id="createInvoiceTitle",
    responses=errors(409, 422),
)
def create_title(body: TitleCreate, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> TitleRead:
    """Save a title: personal (name) or company (name and USCC as 纳税人识别号).

    A bad USCC answers 422 `uscc_invalid`; 专票 details are kept for companies only.
    """
    return title_read(rt, service.create_title(db, rt, user, **body.model_dump()))


@app_router.delete(
    "/invoice-titles/{title_id}",
    status_code=204,
    response_class=Response,
    operation_id="deleteInvoiceTitle",
    responses=errors(404),
)
def delete_title(title_id: str, user: CurrentUser, db: SessionDep) -> Response:
    """Delete a title.

    Invoices already applied for keep their own copy of the buyer.
    """
    service.delete_title(db, user, title_id)
    return Response(status_code=204)


# ----------------------------------------------------------------------------- invoices


@app_router.post(
    "/invoices",
    response_model=InvoiceRead,
    status_code=201,
    operation_id="applyInvoice",
    responses=errors(404, 409, 422),
)
def apply(body: InvoiceApply, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> InvoiceRead:
    """Apply for an invoice (申请开票) for one or several completed orders (合并开票): 开票中.

    The amount is what was paid for the orders. An order with a live invoice answers 409
    `invoice_exists`; 专用发票 needs a company title (422 `invoice_special_needs_company`).
    """
    inv = service.apply(
        db,
        rt,
        user,
        order_ids=body.order_ids,
        title_id=body.title_id,
        kind=body.kind,
        email=body.email,
    )
    return invoice_read(rt, inv, service.items_of(db, inv))


@app_router.get("/invoices", response_model=list[InvoiceRead], operation_id="listInvoices")
def list_invoices(user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> list[InvoiceRead]:
    """The holder's invoices (我的发票).

    Newest first, with their status (开票中, 已开票, 开票失败 with the reason, 已红冲).
    """
    return [invoice_read(rt, i, service.items_of(db, i)) for i in service.list_own(db, user)]


@app_router.get(
    "/invoices/orders",
    response_model=list[OrderInvoiceState],
    operation_id="listInvoicedOrders",
)
def invoiced_orders(user: CurrentUser, db: SessionDep) -> list[OrderInvoiceState]:
    """The holder's orders that have a live invoice.

    The app offers no 申请开票 for them.
    """
    return [
        OrderInvoiceState(order_id=order_id, invoice_id=inv.id, status=inv.status)
        for order_id, inv in service.invoiced_orders(db, user).items()
    ]


@app_router.get(
    "/invoices/{invoice_id}",
    response_model=InvoiceRead,
    operation_id="getInvoice",
    responses=errors(404),
)
def get_invoice(invoice_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> InvoiceRead:
    """One invoice of the holder.

    Another holder's invoice answers 404.
    """
    inv = service.get_own(db, user, invoice_id)
    return invoice_read(rt, inv, service.items_of(db, inv))


@app_router.get(
    "/invoices/{invoice_id}/files/{which}",
    response_class=Response,
    operation_id="downloadInvoice",
    responses=FILE_RESPONSE,
)
def download(
    invoice_id: str,
    which: Annotated[str, Path(pattern="^(pdf|xml|red-pdf)$")],
    user: CurrentUser,
    db: SessionDep,
    rt: RuntimeDep,
) -> Response:
    """An invoice file.

    The PDF (`pdf`), the XML (`xml`) or the red-letter invoice's PDF (`red-pdf`); owner
    only (404 otherwise), 409 `invoice_not_issued` before it is issued.
    """
    inv = service.get_own(db, user, invoice_id)
    data, content_type, name = service.document(rt, inv, which)
    return Response(
        data,
        media_type=content_type,
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": f'inline; filename="{name}"',
        },
    )


@app_router.post(
    "/invoices/{invoice_id}/resend",
    response_model=InvoiceRead,
    operation_id="resendInvoice",
    responses=errors(404, 409, 422),
)
def resend(
    invoice_id: str, body: InvoiceResend, user: CurrentUser, db: SessionDep, rt: RuntimeDep
) -> InvoiceRead:
    """Send the issued invoice again by email.

    The PDF and the XML, to `email` or else to the address given when applying.
    """
    inv = service.resend(db, rt, user, invoice_id, body.email)
    return invoice_read(rt, inv, service.items_of(db, inv))


@app_router.post(
    "/invoices/{invoice_id}/withdraw",
    response_model=InvoiceRead,
    operation_id="withdrawInvoice",
    responses=errors(404, 409),
)
def withdraw(invoice_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> InvoiceRead:
    """Withdraw a failed application (撤回): 开票失败 → 已作废.

    Its orders may be invoiced again, e.g. with a corrected title. Any other status answers
    409 `invoice_not_withdrawable`; another holder's invoice answers 404.
    """
    inv = service.withdraw(db, rt, user, invoice_id)
    return invoice_read(rt, inv, service.items_of(db, inv))


# ----------------------------------------------------------------------------- console


def _require_operator(op: Operator) -> Actor:
    ensure(op.role, Permission.INVOICE_MANAGE, code="reviewer_required", message="无操作权限")
    return Actor("operator", op.id)


@console_router.get(
    "/invoices", response_model=list[InvoiceConsoleRead], operation_id="listConsoleInvoices"
)
def console_list(
    op: CurrentOperator,
    db: SessionDep,
    rt: RuntimeDep,
    status: Annotated[
        str | None, Query(pattern="^(issuing|issued|failed|reversed|voided)$")
    ] = "failed",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> list[InvoiceConsoleRead]:
    """The invoice queue.

    By default the invoices that failed (开票失败) and wait for an operator; newest first.
    """
    _require_operator(op)
    rows = service.list_all(db, status, limit=limit)
    return [console_read(rt, i, service.items_of(db, i)) for i in rows]


@console_router.post(
    "/invoices/{invoice_id}/retry",
    response_model=InvoiceConsoleRead,
    operation_id="retryInvoice",
    responses=errors(403, 404, 409),
)
def console_retry(
    invoice_id: str, op: CurrentOperator, db: SessionDep, rt: RuntimeDep
) -> InvoiceConsoleRead:
    """Request a failed invoice again: 开票失败 → 开票中.

    A new request number is sent to the invoicing service; audited.
    """
    actor = _require_operator(op)
    queues.hold(db, rt, op, "invoice", invoice_id)  # 409 review_claimed if another holds it
    inv = service.retry(db, rt, invoice_id, actor)
    queues.end(db, "invoice", invoice_id)
    db.commit()
    return console_read(rt, inv, service.items_of(db, inv))


@console_router.post(
    "/invoices/{invoice_id}/void",
    response_model=InvoiceConsoleRead,
    operation_id="voidInvoice",
    responses=errors(403, 404, 409, 422),
)
def console_void(
    invoice_id: str, body: VoidRequest, op: CurrentOperator, db: SessionDep, rt: RuntimeDep
) -> InvoiceConsoleRead:
    """Void an invoice.

    A failed one is dropped (已作废; its orders can be invoiced again), an issued one is
    reversed by a red-letter invoice (已红冲); audited.
    """
    actor = _require_operator(op)
    queues.hold(db, rt, op, "invoice", invoice_id)  # 409 review_claimed if another holds it
    inv = service.void(db, rt, invoice_id, body.reason, actor)
    queues.end(db, "invoice", invoice_id)
    db.commit()
    return console_read(rt, inv, service.items_of(db, inv))


# ----------------------------------------------------------------------------- callback


@notify_router.post(
    "/api/invoices/notify/{provider}",
    response_class=PlainTextResponse,
    responses={
        200: {"description": "`success`", "content": {"text/plain": {}}},
        400: {"description": "`failure`: refused (code in `X-Error-Code`)"},
        404: {"description": "`failure`: not the configured invoicing provider"},
    },
)
async def invoice_callback(
    provider: str, request: Request, db: SessionDep, rt: RuntimeDep
) -> PlainTextResponse:
    """The invoicing service's result callback.

    JSON signed by the service (`X-Invoice-Signature`); the answer `success` stops its
    retries.
    """
    if provider != rt.invoice.name:
        return PlainTextResponse("failure", status_code=404)
    body = await request.body()
    signature = request.headers.get(SIGNATURE_HEADER, "")
    try:
        await run_in_threadpool(service.handle_callback, db, rt, body, signature)
    except DomainError as exc:
        return PlainTextResponse("failure", status_code=400, headers={"X-Error-Code": exc.code})
    return PlainTextResponse("success")
