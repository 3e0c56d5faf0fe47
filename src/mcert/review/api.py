"""The console's review API (``/api/console/v1/reviews``): the review queue, application
details with documents, approve and reject. The console login is :mod:`mcert.operator.api`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse

from mcert.approval import service as approvals
from mcert.approval.schemas import ACCEPTED, accepted
from mcert.errors import NotFound
from mcert.http.deps import CurrentOperator, RuntimeDep, SessionDep
from mcert.http.openapi import errors
from mcert.http.params import MAX_LIMIT
from mcert.http.routing import TransactionScopedRoute
from mcert.operator.models import Operator
from mcert.operator.roles import Permission, ensure
from mcert.order import service as orders
from mcert.order.models import Order, OrderDocument
from mcert.review import service
from mcert.review.schemas import (
    Decision,
    Rejection,
    ReviewDetail,
    ReviewItem,
    detail,
    review_item,
)
from mcert.uploads import EXTENSIONS

router = APIRouter(prefix="/api/console/v1", tags=["console"], route_class=TransactionScopedRoute)


@router.get("/reviews", response_model=list[ReviewItem], operation_id="listReviews")
def review_queue(
    op: CurrentOperator,
    db: SessionDep,
    status: Annotated[str, Query(max_length=30)] = "pending_review",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> list[ReviewItem]:
    """The review queue: company applications in one status.

    Oldest first; default status `pending_review`.
    """
    return [review_item(o) for o in service.queue(db, status, limit=limit)]


def _order(db: SessionDep, order_id: str) -> Order:
    order = db.get(Order, order_id)
    if order is None:
        raise orders.OrderNotFound()
    return order


@router.get("/reviews/{order_id}", response_model=ReviewDetail, operation_id="getReview")
def review_detail(
    order_id: str, op: CurrentOperator, db: SessionDep, rt: RuntimeDep
) -> ReviewDetail:
    """One application under review.

    The company, the legal representative, the applicant (masked) and the documents.
    """
    return detail(db, rt, _order(db, order_id))


@router.get(
    "/reviews/{order_id}/documents/{document_id}",
    response_class=Response,
    operation_id="getReviewDocument",
    responses={
        200: {
            "description": "The document as stored",
            "content": {t: {} for t in ("image/jpeg", "image/png", "application/pdf")},
        }
    },
)
def document(
    order_id: str, document_id: str, op: CurrentOperator, db: SessionDep, rt: RuntimeDep
) -> Response:
    """One document of an application.

    Images (re-encoded on upload) show inline; a PDF is only ever a download.
    """
    doc = db.get(OrderDocument, document_id)
    if doc is None or doc.order_id != order_id:
        raise NotFound("材料不存在", code="document_not_found")
    # Images were re-encoded from their pixels on upload and may show inline; a PDF is kept
    # byte for byte, so it is only ever a download. Neither may run anything if opened.
    disposition = "attachment" if doc.content_type == "application/pdf" else "inline"
    ext = EXTENSIONS.get(doc.content_type, "")
    return Response(
        rt.storage.get(doc.object_key),
        media_type=doc.content_type,
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": f'{disposition}; filename="{doc.id}{ext}"',
            "Content-Security-Policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
        },
    )


@router.post(
    "/reviews/{order_id}/approve",
    response_model=ReviewDetail,
    operation_id="approveReview",
    responses=errors(403, 409),
)
def approve(
    order_id: str, body: Decision, op: CurrentOperator, db: SessionDep, rt: RuntimeDep
) -> ReviewDetail:
    """Approve an application: 待审核 → 待支付.

    Reviewers only (403 `reviewer_required`); `version` must match (409 otherwise).
    """
    _require_reviewer(op)
    return detail(db, rt, service.approve(db, rt, op, order_id, expected_version=body.version))


@router.post(
    "/reviews/{order_id}/reject",
    response_model=ReviewDetail,
    operation_id="rejectReview",
    responses={**ACCEPTED, **errors(403, 409)},
)
def reject(
    order_id: str, body: Rejection, op: CurrentOperator, db: SessionDep, rt: RuntimeDep
) -> ReviewDetail | JSONResponse:
    """Reject an application with a reason: 待审核 → 未通过.

    Reviewers only (403 `reviewer_required`); `version` must match (409 otherwise). A
    company's name change is not rejected at once: the rejection is proposed (202 with the
    approval) and a second operator approves it (`/approvals`).
    """
    _require_reviewer(op)
    order = _order(db, order_id)
    if approvals.is_name_change(order):
        if body.version is not None and order.version != body.version:
            raise service.ReviewConflict()
        return accepted(db, approvals.propose_name_change_reject(db, rt, op, order, body.reason))
    return detail(
        db, rt, service.reject(db, rt, op, order_id, body.reason, expected_version=body.version)
    )


def _require_reviewer(op: Operator) -> None:
    ensure(op.role, Permission.REVIEW, code="reviewer_required", message="无审核权限")
