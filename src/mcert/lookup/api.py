"""The console's look-up API (``/api/console/v1``): holders, companies, orders, usage.

Reading needs ``Permission.LOOKUP`` and answers masked personal data; revealing a holder's
name, phone or ID number needs ``Permission.UNMASK`` and a reason, and is audited.
A search that walked holders by decryption (phone tail, name) without reaching the end
says so in the ``X-Lookup-Partial: 1`` header.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response

from mcert.cert.models import HolderCertificate
from mcert.http.deps import RuntimeDep, SessionDep, require
from mcert.http.openapi import errors
from mcert.http.params import MAX_LIMIT
from mcert.http.routing import TransactionScopedRoute
from mcert.lookup import service
from mcert.lookup.schemas import (
    CompanyDetail,
    CompanyRow,
    HolderDetail,
    HolderRow,
    OrderDetail,
    OrderRow,
    Unmasked,
    UnmaskRequest,
    UsageRow,
)
from mcert.operator.models import Operator
from mcert.operator.roles import Permission

router = APIRouter(
    prefix="/api/console/v1", tags=["console: look-up"], route_class=TransactionScopedRoute
)

Looker = Annotated[Operator, require(Permission.LOOKUP)]
Unmasker = Annotated[Operator, require(Permission.UNMASK)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]


@router.get(
    "/holders", response_model=list[HolderRow], operation_id="lookupHolders", responses=errors(422)
)
def holders(
    op: Looker,
    db: SessionDep,
    rt: RuntimeDep,
    response: Response,
    q: Annotated[str, Query(min_length=1, max_length=40)],
    limit: Limit = 50,
) -> list[HolderRow]:
    """Find holders by phone, phone's last 4 digits, name or ID number.

    Full phone and ID numbers use the blind index; the last 4 digits and names search the
    newest holders (header `X-Lookup-Partial: 1` when not all were searched). Masked.
    """
    found = service.search_holders(db, rt, q, limit)
    if not found.scanned_all:
        response.headers["X-Lookup-Partial"] = "1"
    return [HolderRow(**service.masked(h)) for h in found.holders]


@router.get(
    "/holders/{holder_id}",
    response_model=HolderDetail,
    operation_id="lookupHolder",
    responses=errors(404),
)
def holder(holder_id: str, op: Looker, db: SessionDep, rt: RuntimeDep) -> HolderDetail:
    """One holder, masked.

    Their certificates, orders and company memberships.
    """
    h = service.holder(db, rt, holder_id)
    return HolderDetail(
        **service.masked(h),
        certificates=service.cert_rows(db, rt, [HolderCertificate.user_id == holder_id]),
        orders=service.search_orders(
            db, rt, q=None, status=None, kind=None, user_id=holder_id, limit=100
        ),
        companies=service.companies_of(db, rt, holder_id),
    )


@router.post(
    "/holders/{holder_id}/unmask",
    response_model=Unmasked,
    response_model_exclude_none=False,
    operation_id="unmaskHolder",
    responses=errors(403, 404, 422),
)
def unmask(
    holder_id: str, body: UnmaskRequest, op: Unmasker, db: SessionDep, rt: RuntimeDep
) -> Unmasked:
    """Reveal a holder's name, phone or ID number.

    Needs the unmask permission and a reason; audited as `pii.unmask` (the fields and the
    reason, never the values).
    """
    values = service.unmask(db, rt, op, holder_id, list(body.fields), body.reason)
    return Unmasked(**values)


@router.get(
    "/companies",
    response_model=list[CompanyRow],
    operation_id="lookupCompanies",
    responses=errors(422),
)
def companies(
    op: Looker,
    db: SessionDep,
    rt: RuntimeDep,
    q: Annotated[str, Query(min_length=1, max_length=100)],
    limit: Limit = 50,
) -> list[CompanyRow]:
    """Find verified companies by name (part of it) or USCC.

    The legal representative is masked.
    """
    return [CompanyRow(**r) for r in service.search_companies(db, rt, q, limit)]


@router.get(
    "/companies/{org_id}",
    response_model=CompanyDetail,
    operation_id="lookupCompany",
    responses=errors(404),
)
def company(org_id: str, op: Looker, db: SessionDep, rt: RuntimeDep) -> CompanyDetail:
    """One company.

    Members (masked), certificates and name history.
    """
    return CompanyDetail(**service.company_detail(db, rt, org_id))


@router.get("/orders", response_model=list[OrderRow], operation_id="lookupOrders")
def orders(
    op: Looker,
    db: SessionDep,
    rt: RuntimeDep,
    q: Annotated[
        str | None,
        Query(max_length=40, description="order number (or its start), USCC, or order id"),
    ] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    kind: Annotated[str | None, Query(max_length=12)] = None,
    limit: Limit = 50,
) -> list[OrderRow]:
    """Find orders.

    By number, status and kind, newest first; the holder's name masked.
    """
    return [
        OrderRow(**r)
        for r in service.search_orders(db, rt, q=q, status=status, kind=kind, limit=limit)
    ]


@router.get(
    "/orders/{order_id}",
    response_model=OrderDetail,
    operation_id="lookupOrder",
    responses=errors(404),
)
def order(order_id: str, op: Looker, db: SessionDep, rt: RuntimeDep) -> OrderDetail:
    """One order.

    With its payment attempts and refunds.
    """
    return OrderDetail(**service.order_detail(db, rt, order_id))


@router.get("/usage", response_model=list[UsageRow], operation_id="lookupUsage")
def usage(
    op: Looker,
    db: SessionDep,
    holder_id: Annotated[str | None, Query(max_length=32)] = None,
    org_id: Annotated[str | None, Query(max_length=32)] = None,
    certificate_id: Annotated[str | None, Query(max_length=32)] = None,
    before: datetime | None = None,
    limit: Limit = 100,
) -> list[UsageRow]:
    """Usage records (使用记录).

    Of a holder, a company or a certificate, newest first; page with `before` (the last
    row's `created_at`).
    """
    rows = service.usage(
        db,
        holder_id=holder_id,
        org_id=org_id,
        certificate_id=certificate_id,
        limit=limit,
        before=before,
    )
    return [UsageRow(**r) for r in rows]
