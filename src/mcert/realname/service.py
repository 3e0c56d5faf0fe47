"""Real-name verification: elements (bank card or phone) → face → a verified identity.

Personal data never rests in the clear: names, ID numbers, card numbers and phones are
encrypted with the field cipher; the face capture goes to encrypted object storage. At most
``realname_daily_attempts`` attempts per account per Beijing day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.account import service as account_service
from mcert.account.models import User
from mcert.audit.service import Actor, record
from mcert.clock import china_date, seconds_until_china_midnight
from mcert.db.base import lock_row
from mcert.errors import Conflict, NotFound, PermissionDenied, RateLimited
from mcert.ident import parse_resident_id, validate_bank_card, validate_mobile
from mcert.pii import mask_bank_card, mask_id_number, mask_name, mask_phone
from mcert.providers.face import FaceResult
from mcert.providers.realname import RealnameResult, validate_person_name
from mcert.providers.sms import SMSTemplate
from mcert.providers.storage import StoredObject
from mcert.realname.models import FaceCheck, Identity, RealnameAttempt
from mcert.realname.states import RealnameAttemptStatus, move_attempt
from mcert.runtime import Runtime
from mcert.uploads import CleanFile, UploadKind, clean_upload, policy_for

SMS_PURPOSE = "realname"
FACE_CHECK_TTL = timedelta(minutes=10)


class RealnameRequired(PermissionDenied):
    code = "realname_required"
    default_message = "请先完成实名认证"


class FaceCheckRequired(PermissionDenied):
    code = "face_check_required"
    default_message = "请先完成人脸识别验证"


class IdentityMismatch(Conflict):
    code = "identity_mismatch"
    default_message = "实名信息与本账号已认证的身份不一致"


@dataclass(frozen=True)
class IdentityView:
    name: str
    id_number: str
    method: str
    verified_at: datetime


def _aad(user: User, field: str) -> bytes:
    return f"realname:{user.id}:{field}".encode()


def _check_attempt_quota(rt: Runtime, user: User, now: datetime) -> None:
    key = f"realname:day:{user.id}:{china_date(now)}"
    if rt.kv.incr(key, seconds_until_china_midnight(now)) > rt.settings.realname_daily_attempts:
        raise RateLimited(
            "今日实名认证次数已达上限，请明天再试",
            code="realname_daily_limit",
            retry_after=seconds_until_china_midnight(now),
        )


def _check_same_person(db: Session, rt: Runtime, user: User, id_number: str) -> None:
    existing = identity_of(db, user)
    if existing is not None and existing.id_number_bidx != rt.blind_index.compute(id_number):
        raise IdentityMismatch()


def _new_attempt(
    db: Session,
    rt: Runtime,
    user: User,
    method: str,
    name: str,
    id_number: str,
    now: datetime,
    **masked: str,
) -> RealnameAttempt:
    """Validate-then-store the elements (encrypted) and audit the start (masked)."""
    _check_same_person(db, rt, user, id_number)
    _check_attempt_quota(rt, user, now)
    attempt = RealnameAttempt(
        user_id=user.id,
        method=method,
        status=RealnameAttemptStatus.SMS_SENT.value,
        name_enc=rt.cipher.encrypt(name, aad=_aad(user, "name")),
        id_number_enc=rt.cipher.encrypt(id_number, aad=_aad(user, "id_number")),
        created_at=now,
        updated_at=now,
    )
    db.add(attempt)
    db.flush()
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="realname.started",
        target_type="realname_attempt",
        target_id=attempt.id,
        details={
            "method": method,
            "name": mask_name(name),
            "id_number": mask_id_number(id_number),
            **masked,
        },
    )
    return attempt


def start_bank_card(
    db: Session,
    rt: Runtime,
    user: User,
    *,
    name: str,
    id_number: str,
    card_number: str,
    bank_phone: str,
    client_ip: str | None,
) -> RealnameAttempt:
    """Four elements: send a code to the phone the bank has on file, then check."""
    now = rt.clock.now()
    name = validate_person_name(name)
    id_number = parse_resident_id(id_number, today=now.date()).number
    card_number = validate_bank_card(card_number)
    bank_phone = validate_mobile(bank_phone)
    attempt = _new_attempt(
        db,
        rt,
        user,
        "bank_card",
        name,
        id_number,
        now,
        card=mask_bank_card(card_number),
        bank_phone=mask_phone(bank_phone),
    )
    attempt.card_enc = rt.cipher.encrypt(card_number, aad=_aad(user, "card"))
    attempt.bank_phone_enc = rt.cipher.encrypt(bank_phone, aad=_aad(user, "bank_phone"))
    db.commit()
    account_service.request_code(
        db,
        rt,
        bank_phone,
        client_ip,
        purpose=SMS_PURPOSE,
        template=SMSTemplate.VERIFY_CODE,
        actor=Actor("user", user.id),
    )
    return attempt


def _attempt(
    db: Session, user: User, attempt_id: str, status: RealnameAttemptStatus
) -> RealnameAttempt:
    attempt = lock_row(db, RealnameAttempt, attempt_id)
    if attempt is None or attempt.user_id != user.id:
        raise NotFound("认证记录不存在", code="realname_attempt_not_found")
    if attempt.status != status:
        raise Conflict(
            "请按步骤完成实名认证", code="realname_wrong_step", details={"status": attempt.status}
        )
    return attempt


def _fail(db: Session, attempt: RealnameAttempt, reason: str, now: datetime, user: User) -> None:
    move_attempt(attempt, RealnameAttemptStatus.FAILED)
    attempt.failure_reason = reason
    attempt.updated_at = now
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="realname.failed",
        target_type="realname_attempt",
        target_id=attempt.id,
        details={"reason": reason},
    )
    db.commit()


def confirm_bank_card(
    db: Session, rt: Runtime, user: User, attempt_id: str, code: str
) -> RealnameAttempt:
    now = rt.clock.now()
    attempt = _attempt(db, user, attempt_id, RealnameAttemptStatus.SMS_SENT)
    assert attempt.bank_phone_enc
    assert attempt.card_enc
    bank_phone = rt.cipher.decrypt(attempt.bank_phone_enc, aad=_aad(user, "bank_phone"))
    account_service.consume_code(
        db, rt, rt.blind_index.compute(bank_phone), code, now, purpose=SMS_PURPOSE
    )
    result = rt.realname.verify_bank_card(
        rt.cipher.decrypt(attempt.name_enc, aad=_aad(user, "name")),
        rt.cipher.decrypt(attempt.id_number_enc, aad=_aad(user, "id_number")),
        rt.cipher.decrypt(attempt.card_enc, aad=_aad(user, "card")),
        bank_phone,
    )
    return _after_elements(db, attempt, result, now, user)


def start_phone(
    db: Session, rt: Runtime, user: User, *, name: str, id_number: str
) -> RealnameAttempt:
    """Three elements: the account's phone must be registered to this person."""
    now = rt.clock.now()
    name = validate_person_name(name)
    id_number = parse_resident_id(id_number, today=now.date()).number
    attempt = _new_attempt(db, rt, user, "phone", name, id_number, now)
    phone = account_service.user_phone(rt, user)
    result = rt.realname.verify_phone(name, id_number, phone)
    return _after_elements(db, attempt, result, now, user)


def _after_elements(
    db: Session, attempt: RealnameAttempt, result: RealnameResult, now: datetime, user: User
) -> RealnameAttempt:
    if not result.ok:
        _fail(db, attempt, result.reason.value if result.reason else "unknown", now, user)
        result.raise_for_failure()
    move_attempt(attempt, RealnameAttemptStatus.FACE_REQUIRED)
    attempt.updated_at = now
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="realname.elements_verified",
        target_type="realname_attempt",
        target_id=attempt.id,
        details={"method": attempt.method, "provider_request": result.request_id},
    )
    db.commit()
    return attempt


def _clean_face(rt: Runtime, image: bytes, filename: str | None) -> CleanFile:
    """Check and re-encode a capture: before any transaction, never under a database lock."""
    policy = policy_for(UploadKind.FACE_IMAGE, rt.settings)
    return clean_upload(image, policy, filename=filename, slots=rt.image_slots)


def _face(
    db: Session, rt: Runtime, name: str, id_number: str, clean: CleanFile
) -> tuple[FaceResult, StoredObject]:
    # End the read transaction first: the provider decodes the image (or calls out to a
    # vendor), and on SQLite any open transaction holds the database's write lock.
    db.rollback()
    stored = rt.storage.put(clean.data, clean.content_type, "face")
    return rt.face.verify(name, id_number, clean.data), stored


def submit_face(
    db: Session, rt: Runtime, user: User, attempt_id: str, image: bytes, filename: str | None
) -> Identity:
    clean = _clean_face(rt, image, filename)
    now = rt.clock.now()
    attempt = _attempt(db, user, attempt_id, RealnameAttemptStatus.FACE_REQUIRED)
    name = rt.cipher.decrypt(attempt.name_enc, aad=_aad(user, "name"))
    id_number = rt.cipher.decrypt(attempt.id_number_enc, aad=_aad(user, "id_number"))
    result, stored = _face(db, rt, name, id_number, clean)
    key = stored.key
    # Read again: the attempt may have moved on while the face was being compared.
    attempt = _attempt(db, user, attempt_id, RealnameAttemptStatus.FACE_REQUIRED)
    attempt.face_object_key = key
    attempt.face_sha256 = stored.sha256
    if not result.ok:
        _fail(db, attempt, result.reason.value if result.reason else "unknown", now, user)
        result.raise_for_failure()
    move_attempt(attempt, RealnameAttemptStatus.VERIFIED)
    attempt.updated_at = now
    identity = identity_of(db, user)
    if identity is None:
        identity = Identity(user_id=user.id)
        db.add(identity)
    identity.name_enc = rt.cipher.encrypt(name, aad=_aad(user, "identity.name"))
    identity.id_number_enc = rt.cipher.encrypt(id_number, aad=_aad(user, "identity.id_number"))
    identity.id_number_bidx = rt.blind_index.compute(id_number)
    identity.method = attempt.method
    identity.verified_at = now
    # The face check that completed verification also counts as a fresh check.
    db.add(
        FaceCheck(
            user_id=user.id,
            passed=True,
            object_key=key,
            face_sha256=stored.sha256,
            created_at=now,
        )
    )
    db.flush()
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="realname.verified",
        target_type="user",
        target_id=user.id,
        details={
            "method": attempt.method,
            "name": mask_name(name),
            "id_number": mask_id_number(id_number),
            "score": result.score,
        },
    )
    db.commit()
    return identity


def identity_of(db: Session, user: User) -> Identity | None:
    return db.scalars(select(Identity).where(Identity.user_id == user.id)).first()


def view(rt: Runtime, user: User, identity: Identity) -> IdentityView:
    return IdentityView(
        name=rt.cipher.decrypt(identity.name_enc, aad=_aad(user, "identity.name")),
        id_number=rt.cipher.decrypt(identity.id_number_enc, aad=_aad(user, "identity.id_number")),
        method=identity.method,
        verified_at=identity.verified_at,
    )


def card_masked(rt: Runtime, user: User, attempt: RealnameAttempt) -> str | None:
    """The attempt's bank card, masked; None once retention deleted it (or none given)."""
    if attempt.card_enc is None:
        return None
    return mask_bank_card(rt.cipher.decrypt(attempt.card_enc, aad=_aad(user, "card")))


def require_identity(db: Session, rt: Runtime, user: User) -> IdentityView:
    identity = identity_of(db, user)
    if identity is None:
        raise RealnameRequired()
    return view(rt, user, identity)


def face_check(
    db: Session, rt: Runtime, user: User, image: bytes, filename: str | None
) -> FaceCheck:
    """A fresh face check against the verified identity, for one sensitive operation."""
    clean = _clean_face(rt, image, filename)
    now = rt.clock.now()
    ident = require_identity(db, rt, user)
    _check_attempt_quota(rt, user, now)
    result, stored = _face(db, rt, ident.name, ident.id_number, clean)
    check = FaceCheck(
        user_id=user.id,
        passed=result.ok,
        reason=result.reason.value if result.reason else None,
        object_key=stored.key,
        face_sha256=stored.sha256,
        created_at=now,
    )
    db.add(check)
    db.flush()
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="realname.face_check",
        target_type="face_check",
        target_id=check.id,
        details={"passed": result.ok, "reason": check.reason},
    )
    db.commit()
    result.raise_for_failure()
    return check


def spend_face_check(
    db: Session, rt: Runtime, user: User, face_check_id: str | None, purpose: str
) -> None:
    """Use up a passed, unexpired, unused face check (inside the caller's transaction)."""
    now = rt.clock.now()
    check = lock_row(db, FaceCheck, face_check_id) if face_check_id else None
    if (
        check is None
        or check.user_id != user.id
        or not check.passed
        or check.used_at is not None
        or now - check.created_at > FACE_CHECK_TTL
    ):
        raise FaceCheckRequired()
    check.used_at = now
    check.used_for = purpose
