"""Electronic seals over HTTP: the holder app (``/api/app/v1/seals``) and the console's
review (``/api/console/v1/seals``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Response, UploadFile

from mcert.http.codecs import decode_b64u
from mcert.http.deps import CurrentUser, DeviceId, RuntimeDep, SessionDep, require
from mcert.http.device_proof import DeviceProof
from mcert.http.openapi import errors
from mcert.http.params import MAX_LIMIT
from mcert.http.routing import TransactionScopedRoute
from mcert.operator.models import Operator
from mcert.operator.roles import Permission
from mcert.review import queues, reasons
from mcert.seal import service
from mcert.seal.schemas import (
    ClaimRequest,
    Rejection,
    SealClaimed,
    SealRead,
    SealReviewDetail,
    SealReviewItem,
    claimed,
    review_detail,
    review_item,
    seal_read,
)
from mcert.uploads import read_limited

app_router = APIRouter(
    prefix="/api/app/v1", tags=["app: seals"], route_class=TransactionScopedRoute
)
console_router = APIRouter(
    prefix="/api/console/v1", tags=["console: seals"], route_class=TransactionScopedRoute
)

PNG_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"description": "A PNG image", "content": {"image/png": {}}}
}
_IMAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
}

SealTypeForm = Annotated[
    str,
    Form(
        max_length=32,
        description="company_official | company_contract | company_finance | company_invoice "
        "| personal_stamp | personal_signature",
    ),
]
StrokesForm = Annotated[
    str | None,
    Form(
        max_length=1024 * 1024,
        description="personal_signature only: the pad's strokes as JSON, a list of strokes, "
        "each a list of [x, y] or [x, y, t, pressure] points",
    ),
]
ImageFile = Annotated[
    UploadFile,
    File(description="Photo of the seal stamped on white paper (JPG/PNG), or the pad's PNG"),
]


def _png(data: bytes, name: str) -> Response:
    return Response(
        data,
        media_type="image/png",
        headers={**_IMAGE_HEADERS, "Content-Disposition": f'inline; filename="{name}.png"'},
    )


# ----------------------------------------------------------------------------- holder app


@app_router.post(
    "/seals/preview",
    response_class=Response,
    operation_id="previewSeal",
    responses={**PNG_RESPONSE, **errors(422)},
)
def preview(
    user: CurrentUser,
    rt: RuntimeDep,
    seal_type: SealTypeForm,
    image: ImageFile,
    strokes: StrokesForm = None,
) -> Response:
    """The seal as it would be extracted (提取预览), shown before submitting.

    A photo that is not a red seal answers 422 with a code saying why (`seal_blue_ink`,
    `seal_not_found`, `seal_photocopy`, `seal_too_small`, `seal_blurred`, …). Nothing is
    stored.
    """
    data = read_limited(image.file, rt.settings.upload_max_document_bytes)
    prepared = service.prepare(rt, service.seal_type(seal_type), data, strokes)
    return _png(prepared.image, "preview")


@app_router.post(
    "/seals",
    response_model=SealRead,
    status_code=201,
    operation_id="applySeal",
    responses=errors(403, 409, 422),
)
def apply(
    user: CurrentUser,
    db: SessionDep,
    rt: RuntimeDep,
    cert_id: Annotated[str, Form(max_length=32)],
    seal_type: SealTypeForm,
    image: ImageFile,
    strokes: StrokesForm = None,
) -> SealRead:
    """Apply for a seal (申请印章) bound to one of the holder's certificates: 待审核.

    When seals cost money (`MCERT_SEAL_PRICE_FEN`) the seal starts `unpaid` (待支付) and
    `order` names the order to pay (`payOrder`); paying it moves the seal to
    `pending_review`, and the order closing unpaid cancels it (`cancelled`). Company seals
    need a company certificate and its certificate admin (403 `org_admin_required`); 409
    `seal_exists` while a seal of the same type on the certificate is live. The original
    upload is kept for the reviewer.
    """
    data = read_limited(image.file, rt.settings.upload_max_document_bytes)
    prepared = service.prepare(rt, service.seal_type(seal_type), data, strokes)
    seal = service.apply(db, rt, user, cert_id=cert_id, prepared=prepared)
    return seal_read(db, rt, seal)


@app_router.get("/seals", response_model=list[SealRead], operation_id="listSeals")
def list_seals(
    user: CurrentUser,
    db: SessionDep,
    rt: RuntimeDep,
    group: Annotated[str | None, Query(pattern="^(company|personal)$")] = None,
) -> list[SealRead]:
    """The holder's seals (电子印章).

    Newest first; `group` picks 企业章 (`company`) or 个人章 (`personal`).
    """
    return [seal_read(db, rt, s) for s in service.list_own(db, user, group)]


@app_router.get("/seals/{seal_id}", response_model=SealRead, operation_id="getSeal")
def get_seal(seal_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> SealRead:
    """One seal of the holder.

    Status, the rejection or void reason, the bound certificate and the expiry.
    """
    return seal_read(db, rt, service.get_own(db, user, seal_id))


@app_router.get(
    "/seals/{seal_id}/image",
    response_class=Response,
    operation_id="getSealImage",
    responses=PNG_RESPONSE,
)
def seal_image(seal_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> Response:
    """The seal image.

    The extracted seal as a transparent PNG (seal red, or black ink for a signature).
    """
    return _png(service.image(rt, service.get_own(db, user, seal_id)), seal_id)


@app_router.post(
    "/seals/{seal_id}/claim",
    response_model=SealClaimed,
    dependencies=[DeviceProof],
    operation_id="claimSeal",
    responses=errors(403, 409),
)
def claim(
    seal_id: str,
    body: ClaimRequest,
    user: CurrentUser,
    device: DeviceId,
    db: SessionDep,
    rt: RuntimeDep,
) -> SealClaimed:
    """Claim an approved seal (申领) on the phone holding its certificate.

    The certificate password's pre-hash is checked like an unlock: a wrong one answers 403
    with `attempts_left` and counts towards the lock (`cert_locked`). The answer carries the
    signed seal data (GB/T 38540 `SESeal`, DER). 409 `seal_not_approved` before approval.
    """
    seal = service.claim(db, rt, user, device, seal_id, prehash=decode_b64u(body.prehash))
    return claimed(db, rt, seal)


# ----------------------------------------------------------------------------- console


# Every console route here needs the review permission (403 `review_required`).
Reviewer = Annotated[Operator, require(Permission.REVIEW)]


@console_router.get("/seals", response_model=list[SealReviewItem], operation_id="listSealReviews")
def review_queue(
    op: Reviewer,
    db: SessionDep,
    status: Annotated[str, Query(max_length=30)] = "pending_review",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> list[SealReviewItem]:
    """The seal review queue.

    Seals in one status, oldest first (default `pending_review`, 待审核).
    """
    return [review_item(db, s) for s in service.queue(db, status, limit=limit)]


@console_router.get(
    "/seals/{seal_id}", response_model=SealReviewDetail, operation_id="getSealReview"
)
def review_show(seal_id: str, op: Reviewer, db: SessionDep, rt: RuntimeDep) -> SealReviewDetail:
    """One seal under review.

    Company, certificate, holder (masked), and where to fetch the original upload and the
    extracted seal to show side by side.
    """
    return review_detail(db, rt, service.get(db, seal_id))


@console_router.get(
    "/seals/{seal_id}/original",
    response_class=Response,
    operation_id="getSealOriginal",
    responses={
        200: {"description": "The upload as stored", "content": {"image/jpeg": {}, "image/png": {}}}
    },
)
def review_original(seal_id: str, op: Reviewer, db: SessionDep, rt: RuntimeDep) -> Response:
    """The holder's original upload.

    The photo of the stamp (re-encoded on upload), or the signature pad's PNG.
    """
    seal = service.get(db, seal_id)
    return Response(
        service.original(rt, seal),
        media_type=seal.original_type,
        headers={**_IMAGE_HEADERS, "Content-Disposition": f'inline; filename="{seal.id}"'},
    )


@console_router.get(
    "/seals/{seal_id}/image",
    response_class=Response,
    operation_id="getSealExtracted",
    responses=PNG_RESPONSE,
)
def review_image(seal_id: str, op: Reviewer, db: SessionDep, rt: RuntimeDep) -> Response:
    """The extracted seal.

    What the holder saw before submitting (transparent PNG).
    """
    return _png(service.image(rt, service.get(db, seal_id)), seal_id)


@console_router.post(
    "/seals/{seal_id}/approve",
    response_model=SealReviewDetail,
    operation_id="approveSeal",
    responses=errors(403, 409),
)
def approve(seal_id: str, op: Reviewer, db: SessionDep, rt: RuntimeDep) -> SealReviewDetail:
    """Approve a seal: 待审核 → 已通过.

    The seal data (GB/T 38540 SESeal) is signed by the seal-maker at once; reviewers only
    (403 `review_required`); a second decision, or another operator's claim, answers 409.
    """
    queues.hold(db, rt, op, "seal", seal_id)  # 409 review_claimed if another holds it
    seal = service.approve(db, rt, op, seal_id)
    queues.end(db, "seal", seal_id)
    db.commit()
    return review_detail(db, rt, seal)


@console_router.post(
    "/seals/{seal_id}/reject",
    response_model=SealReviewDetail,
    operation_id="rejectSeal",
    responses=errors(403, 409, 422),
)
def reject(
    seal_id: str, body: Rejection, op: Reviewer, db: SessionDep, rt: RuntimeDep
) -> SealReviewDetail:
    """Reject a seal with a reason: 待审核 → 未通过.

    The holder sees the reason and may apply again; a paid seal's order is refunded
    (reason `seal_rejected`). Reviewers only.
    """
    reason = reasons.compose("seal", body.reason_code, body.reason)
    queues.hold(db, rt, op, "seal", seal_id)  # 409 review_claimed if another holds it
    seal = service.reject(db, rt, op, seal_id, reason)
    queues.end(db, "seal", seal_id)
    db.commit()
    return review_detail(db, rt, seal)
