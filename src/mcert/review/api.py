"""The console's review API (``/api/console/v1``): the review queues across kinds with their
claims (``/queues``, ``/queue``), standard rejection reasons, application details with
documents (PDF pages rendered to PNG), approve and reject. Everything here needs
``Permission.REVIEW``. The console login is :mod:`mcert.operator.api`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from fastapi.responses import JSONResponse

from mcert.approval import service as approvals
from mcert.approval.schemas import ACCEPTED, accepted
from mcert.errors import NotFound
from mcert.http.deps import RuntimeDep, SessionDep, require
from mcert.http.openapi import errors
from mcert.http.params import MAX_LIMIT
from mcert.http.routing import TransactionScopedRoute
from mcert.operator.models import Operator
from mcert.operator.roles import Permission
from mcert.order import service as orders
from mcert.order.models import Order, OrderDocument
from mcert.review import queues, reasons, service
from mcert.review.pdfpages import PageNotFound, render_page
from mcert.review.schemas import (
    Decision,
    QueueItem,
    Queues,
    Rejection,
    RejectionReason,
    ReviewDetail,
    ReviewItem,
    detail,
    queue_counts,
    queue_item,
    review_item,
)
from mcert.uploads import EXTENSIONS

Reviewer = Annotated[Operator, require(Permission.REVIEW)]

router = APIRouter(prefix="/api/console/v1", tags=["console"], route_class=TransactionScopedRoute)


@router.get("/reviews", response_model=list[ReviewItem], operation_id="listReviews")
def review_queue(
    op: Reviewer,
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
def review_detail(order_id: str, op: Reviewer, db: SessionDep, rt: RuntimeDep) -> ReviewDetail:
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
    order_id: str, document_id: str, op: Reviewer, db: SessionDep, rt: RuntimeDep
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
    order_id: str, body: Decision, op: Reviewer, db: SessionDep, rt: RuntimeDep
) -> ReviewDetail:
    """Approve an application: 待审核 → 待支付.

    Needs the review permission (403 `review_required`); 409 `review_claimed` while
    another operator holds the claim; `version` must match (409 otherwise).
    """
    queues.hold(db, rt, op, "order", order_id)
    order = service.approve(db, rt, op, order_id, expected_version=body.version)
    _end_claim(db, order_id)
    return detail(db, rt, order)


@router.post(
    "/reviews/{order_id}/reject",
    response_model=ReviewDetail,
    operation_id="rejectReview",
    responses={**ACCEPTED, **errors(403, 409)},
)
def reject(
    order_id: str, body: Rejection, op: Reviewer, db: SessionDep, rt: RuntimeDep
) -> ReviewDetail | JSONResponse:
    """Reject an application with a reason: 待审核 → 未通过.

    Needs the review permission (403 `review_required`); 409 `review_claimed` while
    another operator holds the claim; `version` must match (409 otherwise). A company's
    name change is not rejected at once: the rejection is proposed (202 with the approval)
    and a second operator approves it (`/approvals`); the proposer keeps the claim until it
    lapses, so nobody else decides the application meanwhile.
    """
    order = _order(db, order_id)
    reason = reasons.compose(queues.order_kind(order), body.reason_code, body.reason)
    queues.hold(db, rt, op, "order", order_id)
    if service.is_name_change(order):
        if body.version is not None and order.version != body.version:
            raise service.ReviewConflict()
        return accepted(db, approvals.propose_name_change_reject(db, rt, op, order, reason))
    order = service.reject(db, rt, op, order_id, reason, expected_version=body.version)
    _end_claim(db, order_id)
    return detail(db, rt, order)


def _end_claim(db: SessionDep, order_id: str) -> None:
    queues.end(db, "order", order_id)
    db.commit()


# ----------------------------------------------------------------------------- queues


@router.get("/queues", response_model=Queues, operation_id="listQueues")
def queue_overview(op: Reviewer, db: SessionDep, rt: RuntimeDep) -> Queues:
    """The review queues at a glance.

    Per kind: items waiting, the oldest one's age, how many are past the service level.
    """
    return queue_counts(queues.summary(db, rt))


@router.get(
    "/queue", response_model=list[QueueItem], operation_id="listQueueItems", responses=errors(422)
)
def queue_items(
    op: Reviewer,
    db: SessionDep,
    rt: RuntimeDep,
    kind: Annotated[
        str,
        Query(
            max_length=20, description="application | resubmission | name_change | seal | invoice"
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=queues.QUEUE_LIMIT)] = 200,
) -> list[QueueItem]:
    """One review queue, oldest first.

    Each item with its age, service level, whether it is overdue and who claimed it.
    """
    return [queue_item(e) for e in queues.items(db, rt, queues.queue_kind(kind), limit)]


@router.post(
    "/queue/{kind}/{item_id}/claim",
    response_model=QueueItem,
    operation_id="claimQueueItem",
    responses=errors(404, 409, 422),
)
def claim(kind: str, item_id: str, op: Reviewer, db: SessionDep, rt: RuntimeDep) -> QueueItem:
    """Claim a queue item for 30 minutes (again: renew).

    409 `review_claimed`, naming the claimant, while another operator holds it.
    """
    return queue_item(queues.claim(db, rt, op, queues.queue_kind(kind), item_id))


@router.post(
    "/queue/{kind}/{item_id}/release",
    response_model=QueueItem,
    operation_id="releaseQueueItem",
    responses=errors(404, 409, 422),
)
def release(kind: str, item_id: str, op: Reviewer, db: SessionDep, rt: RuntimeDep) -> QueueItem:
    """Give a claimed item back to the queue.

    Only the claimant may (409 `review_claimed` for another operator's live claim).
    """
    return queue_item(queues.release(db, rt, op, queues.queue_kind(kind), item_id))


@router.get(
    "/rejection-reasons",
    response_model=list[RejectionReason],
    operation_id="listRejectionReasons",
    responses=errors(422),
)
def rejection_reasons(
    op: Reviewer, kind: Annotated[str, Query(max_length=20)] = "application"
) -> list[RejectionReason]:
    """Standard rejection reasons of a queue.

    Send one as `reason_code` with a reject, with or without your own `reason`.
    """
    return [RejectionReason(code=c, text=t) for c, t in reasons.reasons(queues.queue_kind(kind))]


@router.get(
    "/reviews/{order_id}/documents/{document_id}/pages/{n}",
    response_class=Response,
    operation_id="getReviewDocumentPage",
    responses={
        200: {
            "description": "One page as an image",
            "content": {"image/png": {}, "image/jpeg": {}},
        },
        **errors(404, 422),
    },
)
def document_page(
    order_id: str,
    document_id: str,
    n: Annotated[int, Path(ge=1, le=10_000)],
    op: Reviewer,
    db: SessionDep,
    rt: RuntimeDep,
) -> Response:
    """One page of a document as an image.

    A PDF page is rendered to PNG on the server (never executed, in a time- and
    memory-limited process); an image is its one page, as stored.
    """
    doc = db.get(OrderDocument, document_id)
    if doc is None or doc.order_id != order_id:
        raise NotFound("材料不存在", code="document_not_found")
    data = rt.storage.get(doc.object_key)
    if doc.content_type == "application/pdf":
        data, media = render_page(data, n, rt.settings.review_pdf_max_pages), "image/png"
    elif n != 1:
        raise PageNotFound()
    else:
        media = doc.content_type
    return Response(
        data,
        media_type=media,
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": f'inline; filename="{doc.id}-{n}{EXTENSIONS.get(media, "")}"',
            "Content-Security-Policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff",
        },
    )
