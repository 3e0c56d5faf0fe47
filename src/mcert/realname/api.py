"""Real-name verification endpoints for the app (manual part 2: 实名认证)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile

from mcert.http.deps import (
    ClientIP,
    CurrentUser,
    FaceConsentUser,
    RealnameConsentUser,
    RuntimeDep,
    SessionDep,
)
from mcert.http.openapi import errors
from mcert.http.routing import TransactionScopedRoute
from mcert.pii import mask_id_number, mask_name
from mcert.realname import service
from mcert.realname.models import RealnameAttempt
from mcert.realname.schemas import (
    AttemptRead,
    BankCardStart,
    FaceCheckRead,
    PhoneStart,
    RealnameStatus,
    SMSConfirm,
)
from mcert.realname.states import RealnameAttemptStatus
from mcert.uploads import read_limited

router = APIRouter(
    prefix="/api/app/v1", tags=["app: real-name"], route_class=TransactionScopedRoute
)


def _attempt(a: RealnameAttempt) -> AttemptRead:
    steps = {RealnameAttemptStatus.SMS_SENT: "sms", RealnameAttemptStatus.FACE_REQUIRED: "face"}
    step = steps.get(RealnameAttemptStatus(a.status))
    return AttemptRead(id=a.id, method=a.method, status=a.status, next_step=step)


@router.get("/realname", response_model=RealnameStatus, operation_id="getRealnameStatus")
def status(user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> RealnameStatus:
    """The holder's real-name status.

    When verified: the masked name and ID number, the method and when.
    """
    identity = service.identity_of(db, user)
    if identity is None:
        return RealnameStatus(verified=False)
    v = service.view(rt, user, identity)
    return RealnameStatus(
        verified=True,
        name_masked=mask_name(v.name),
        id_number_masked=mask_id_number(v.id_number),
        method=v.method,
        verified_at=v.verified_at,
    )


@router.post(
    "/realname/bank-card",
    response_model=AttemptRead,
    operation_id="startBankCardVerification",
    responses=errors(403, 409, 429),
)
def start_bank_card(
    body: BankCardStart, user: RealnameConsentUser, db: SessionDep, rt: RuntimeDep, ip: ClientIP
) -> AttemptRead:
    """Start real-name verification by bank card (four elements).

    Name, ID number, bank card and the bank's phone; an SMS code goes to that phone. 403
    `consent_required` without the holder's consent to `realname` (nothing is sent on).
    """
    return _attempt(
        service.start_bank_card(
            db,
            rt,
            user,
            name=body.name,
            id_number=body.id_number,
            card_number=body.card_number,
            bank_phone=body.bank_phone,
            client_ip=ip,
        )
    )


@router.post("/realname/{attempt_id}/sms", response_model=AttemptRead, responses=errors(409))
def confirm_bank_card(
    attempt_id: str, body: SMSConfirm, user: CurrentUser, db: SessionDep, rt: RuntimeDep
) -> AttemptRead:
    """Confirm a bank-card attempt with the SMS code the bank's phone received.

    Next step: the face check (`next_step` = `face`).
    """
    return _attempt(service.confirm_bank_card(db, rt, user, attempt_id, body.code))


@router.post(
    "/realname/phone",
    response_model=AttemptRead,
    operation_id="startPhoneVerification",
    responses=errors(403, 409, 429),
)
def start_phone(
    body: PhoneStart, user: RealnameConsentUser, db: SessionDep, rt: RuntimeDep
) -> AttemptRead:
    """Start real-name verification by the account's phone (three elements).

    Name and ID number; the account's phone must be registered to this person. 403
    `consent_required` without the holder's consent to `realname`.
    """
    return _attempt(service.start_phone(db, rt, user, name=body.name, id_number=body.id_number))


@router.post(
    "/realname/{attempt_id}/face", response_model=RealnameStatus, responses=errors(403, 409)
)
def submit_face(
    attempt_id: str,
    image: Annotated[UploadFile, File(description="Front-camera capture, JPEG or PNG")],
    user: FaceConsentUser,
    db: SessionDep,
    rt: RuntimeDep,
) -> RealnameStatus:
    """Finish a real-name attempt with the face check.

    The image is compared with the ID photo; on success the holder is verified. 403
    `consent_required` without the holder's consent to `face` (the image is not kept).
    """
    data = read_limited(image.file, rt.settings.upload_max_face_image_bytes)
    service.submit_face(db, rt, user, attempt_id, data, image.filename)
    return status(user, db, rt)


@router.post(
    "/face-checks",
    response_model=FaceCheckRead,
    operation_id="createFaceCheck",
    responses=errors(403),
)
def face_check(
    image: Annotated[UploadFile, File(description="Front-camera capture, JPEG or PNG")],
    user: FaceConsentUser,
    db: SessionDep,
    rt: RuntimeDep,
) -> FaceCheckRead:
    """A fresh face check of the verified holder.

    Required by reissue, password reset and claiming certificates; its id is spent once.
    403 `realname_required` before real-name verification, `consent_required` without the
    holder's consent to `face`.
    """
    data = read_limited(image.file, rt.settings.upload_max_face_image_bytes)
    check = service.face_check(db, rt, user, data, image.filename)
    return FaceCheckRead(
        face_check_id=check.id, expires_in_seconds=int(service.FACE_CHECK_TTL.total_seconds())
    )
