"""SMS-code login and registration, token rotation, logout.

Policy (issue: foundation, hardened in issue #9): 6-digit codes from a CSPRNG, valid
``sms_code_ttl_seconds``, single use. Wrong tries are bounded per client IP (per code and
per hour) and per code across all sources, so a stranger cannot burn the owner's code;
sends are bounded per client IP, per (phone, client IP) and per phone, with a resend
interval. Refusals are metrics and security events, not audit rows. docs/security.md has
the whole design. Codes are stored as keyed hashes. Requesting a code looks the same
whether or not the phone has an account.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from mcert.account import devicekey
from mcert.account.models import AuthSession, Device, RefreshToken, SMSCode, User
from mcert.account.schemas import DeviceInfo
from mcert.account.states import UserStatus
from mcert.account.tokens import AccessClaims, TokenInvalid, TokenSigner
from mcert.audit.service import Actor, record
from mcert.clock import china_date, seconds_until_china_midnight
from mcert.consent import service as consent
from mcert.db.base import lock_row
from mcert.errors import InvalidInput, RateLimited, ServiceUnavailable
from mcert.pii import mask_phone
from mcert.providers.sms import SMSSendFailed, SMSTemplate
from mcert.requestctx import current_request
from mcert.runtime import Runtime

log = logging.getLogger(__name__)

LOGIN = "login"


class SMSCodeInvalid(InvalidInput):
    code = "sms_code_invalid"
    default_message = "验证码错误或已失效，请重新获取"


class SMSSendError(ServiceUnavailable):
    code = "sms_send_failed"
    default_message = "短信发送失败，请稍后再试"


@dataclass(frozen=True)
class CodeIssued:
    resend_after_seconds: int
    expires_in_seconds: int


@dataclass(frozen=True)
class LoginOutcome:
    user: User
    is_new_user: bool
    access_token: str
    refresh_token: str
    expires_in: int


def _code_hash(rt: Runtime, phone_bidx: str, code: str) -> str:
    key = hmac.new(rt.settings.secret_key.encode(), b"mcert/sms-code/v1", hashlib.sha256).digest()
    return hmac.new(key, f"{phone_bidx}:{code}".encode(), hashlib.sha256).hexdigest()


def _source(client_ip: str | None) -> str:
    """Who is asking: the request's client address (proxy-aware in the request context)."""
    if client_ip is None:
        req = current_request()
        client_ip = req.client_ip if req else None
    return client_ip or "-"


def _hour_left(now: datetime) -> int:
    return 3600 - now.minute * 60 - now.second


def _check_send_limits(rt: Runtime, phone_bidx: str, client_ip: str | None, now: datetime) -> None:
    """Refuse a code request over any limit; nothing is counted against the phone until the
    request passes every check, so refused requests cannot use up the owner's allowance."""
    s = rt.settings
    if client_ip:
        hour = now.strftime("%Y%m%d%H")
        # Every request counts here, refused or not: a flood is cut off at its source.
        if rt.kv.incr(f"sms:ip:{client_ip}:{hour}", 3600) > s.sms_ip_hourly_limit:
            raise RateLimited(retry_after=_hour_left(now))
    day, day_left = china_date(now), seconds_until_china_midnight(now)
    phone_day = f"sms:day:{phone_bidx}:{day}"
    source_day = f"sms:day:{phone_bidx}:{_source(client_ip)}:{day}"
    if rt.kv.get(source_day) >= s.sms_phone_ip_daily_limit:
        raise RateLimited(
            "今日获取验证码次数已达上限，请明天再试",
            code="sms_source_daily_limit",
            retry_after=day_left,
        )
    if rt.kv.get(phone_day) >= s.sms_daily_limit:
        raise RateLimited(
            "今日获取验证码次数已达上限，请明天再试", code="sms_daily_limit", retry_after=day_left
        )
    if s.sms_resend_seconds > 0 and not rt.kv.set_if_absent(
        f"sms:resend:{phone_bidx}", s.sms_resend_seconds
    ):
        left = rt.kv.ttl(f"sms:resend:{phone_bidx}") or s.sms_resend_seconds
        raise RateLimited(f"请{left}秒后再获取验证码", code="sms_too_soon", retry_after=left)
    # Past the resend gate at most one request per phone per interval gets here.
    rt.kv.incr(source_day, day_left)
    rt.kv.incr(phone_day, day_left)


def request_code(
    db: Session,
    rt: Runtime,
    phone: str,
    client_ip: str | None,
    *,
    purpose: str = LOGIN,
    template: SMSTemplate = SMSTemplate.LOGIN_CODE,
    actor: Actor | None = None,
) -> CodeIssued:
    """Send a one-time code to ``phone`` for ``purpose`` (login, or a verification step)."""
    now = rt.clock.now()
    s = rt.settings
    bidx = rt.blind_index.compute(phone)
    try:
        _check_send_limits(rt, bidx, client_ip, now)
    except RateLimited as exc:
        rt.metrics.sms_code_requests.labels(purpose, exc.code).inc()
        raise

    code = f"{secrets.randbelow(10**6):06d}"
    # A new code replaces any earlier one: only the latest can be used.
    db.execute(
        update(SMSCode)
        .where(SMSCode.phone_bidx == bidx, SMSCode.purpose == purpose)
        .where(SMSCode.consumed_at.is_(None), SMSCode.dead_at.is_(None))
        .values(dead_at=now)
    )
    row = SMSCode(
        phone_bidx=bidx,
        purpose=purpose,
        code_hash=_code_hash(rt, bidx, code),
        created_at=now,
        expires_at=now + timedelta(seconds=s.sms_code_ttl_seconds),
    )
    db.add(row)
    db.flush()
    record(
        db,
        at=now,
        actor=actor or Actor("anonymous", None),
        action="auth.sms_code.requested",
        target_type="phone",
        target_id=bidx[:16],
        details={"phone": mask_phone(phone), "purpose": purpose},
    )
    db.commit()
    try:
        rt.sms.send(
            phone,
            template,
            {"code": code, "minutes": str(s.sms_code_ttl_seconds // 60)},
        )
    except SMSSendFailed as exc:
        db.execute(update(SMSCode).where(SMSCode.id == row.id).values(dead_at=now))
        db.commit()
        log.warning("sms delivery failed for %s: %s", mask_phone(phone), exc)
        rt.metrics.sms_code_requests.labels(purpose, "send_failed").inc()
        raise SMSSendError() from exc
    rt.metrics.sms_code_requests.labels(purpose, "sent").inc()
    return CodeIssued(s.sms_resend_seconds, s.sms_code_ttl_seconds)


def _code_refused(
    rt: Runtime, purpose: str, reason: str, phone_bidx: str, source: str, **fields: object
) -> None:
    """A refused code is a metric and a security event, never an audit row (anyone can
    send one, and the audit chain records state changes and operator actions)."""
    rt.metrics.sms_code_failures.labels(purpose, reason).inc()
    rt.metrics.security_event(
        f"sms_code.{reason}",
        client_ip=None if source == "-" else source,
        phone_ref=phone_bidx[:12],
        purpose=purpose,
        **fields,
    )


def consume_code(
    db: Session,
    rt: Runtime,
    phone_bidx: str,
    code: str,
    now: datetime,
    *,
    purpose: str = LOGIN,
    client_ip: str | None = None,
) -> None:
    """Use up the latest live code; wrong tries are counted (and committed) before raising.

    Wrong tries are bounded per source and per phone separately, so that a stranger cannot
    burn the owner's code: one client IP gets ``sms_code_max_attempts`` tries at a code
    (then that IP is refused it, the code stays good for everyone else) and
    ``sms_guess_ip_hourly_limit`` wrong codes an hour across all phones; the code itself dies
    after ``sms_code_max_total_attempts`` wrong tries from all sources together, and the
    phone may ask for a new one after the usual resend interval (docs/security.md).
    """
    s = rt.settings
    source = _source(client_ip)
    source_hour = f"sms:guess:ip:{source}:{now.strftime('%Y%m%d%H')}"
    if rt.kv.get(source_hour) >= s.sms_guess_ip_hourly_limit:
        _code_refused(rt, purpose, "source_limited", phone_bidx, source)
        raise RateLimited(
            "验证码错误次数过多，请稍后再试", code="sms_guess_limit", retry_after=_hour_left(now)
        )
    row = db.scalars(
        select(SMSCode)
        .where(SMSCode.phone_bidx == phone_bidx, SMSCode.purpose == purpose)
        .where(SMSCode.consumed_at.is_(None), SMSCode.dead_at.is_(None))
        .where(SMSCode.expires_at > now)
        .order_by(SMSCode.created_at.desc())
        .limit(1)
        .with_for_update()
    ).first()
    if row is None:
        rt.kv.incr(source_hour, 3600)
        _code_refused(rt, purpose, "no_code", phone_bidx, source)
        raise SMSCodeInvalid()
    source_code = f"sms:guess:{row.id}:{source}"
    if rt.kv.get(source_code) >= s.sms_code_max_attempts:
        _code_refused(rt, purpose, "exhausted", phone_bidx, source)
        raise SMSCodeInvalid("验证码错误次数过多，请重新获取", code="sms_code_exhausted")
    if not hmac.compare_digest(row.code_hash, _code_hash(rt, phone_bidx, code)):
        row.failed_attempts += 1
        total_left = s.sms_code_max_total_attempts - row.failed_attempts
        if total_left <= 0:
            row.dead_at = now
        db.commit()
        rt.kv.incr(source_hour, 3600)
        tries = rt.kv.incr(source_code, s.sms_code_ttl_seconds)
        left = max(0, min(s.sms_code_max_attempts - tries, total_left))
        _code_refused(rt, purpose, "wrong", phone_bidx, source, attempts_left=left)
        if left <= 0:
            raise SMSCodeInvalid("验证码错误次数过多，请重新获取", code="sms_code_exhausted")
        raise SMSCodeInvalid(f"验证码错误，还可尝试{left}次", details={"attempts_left": left})
    row.consumed_at = now


def _upsert_device(
    db: Session, user: User, info: DeviceInfo, spki: bytes, user_agent: str | None, now: datetime
) -> tuple[Device, str]:
    """The device row for this id *and* key, and how it was found.

    A key is never replaced: the same id with another key is another device, so whatever
    is bound to the first one (certificates, scan sessions) stays bound to it. A row from
    before device keys takes the first key that logs in with its id (``legacy_adopted``).
    """
    thumb = devicekey.thumbprint(spki)
    rows = db.scalars(
        select(Device).where(Device.user_id == user.id, Device.device_key == info.id)
    ).all()
    device = next((d for d in rows if d.key_thumbprint == thumb), None)
    binding = "proved"
    if device is None:
        device = next((d for d in rows if d.key_thumbprint is None), None)
        binding = "legacy_adopted" if device is not None else "new_key" if rows else "registered"
    if device is None:
        device = Device(
            user_id=user.id,
            device_key=info.id,
            first_seen_at=now,
            last_seen_at=now,
        )
        db.add(device)
    if device.key_thumbprint is None:
        device.public_key = devicekey.encode_spki(spki)
        device.key_thumbprint = thumb
    device.name = info.name or device.name
    device.platform = info.platform or device.platform
    device.user_agent = (user_agent or "")[:300] or device.user_agent
    device.last_seen_at = now
    db.flush()
    return device, binding


def _issue_tokens(db: Session, rt: Runtime, session: AuthSession, now: datetime) -> tuple[str, str]:
    signer = TokenSigner(rt.settings.secret_key.encode())
    refresh = signer.new_refresh()
    db.add(
        RefreshToken(
            session_id=session.id,
            token_hash=signer.hash_refresh(refresh),
            issued_at=now,
            expires_at=now + timedelta(seconds=rt.settings.refresh_token_ttl_seconds),
        )
    )
    access = signer.issue_access(
        AccessClaims(session.user_id, session.id), now, rt.settings.access_token_ttl_seconds
    )
    return access, refresh


def login(
    db: Session,
    rt: Runtime,
    *,
    phone: str,
    code: str,
    device: DeviceInfo,
    agreed: Mapping[str, str | None],
    user_agent: str | None,
    client_ip: str | None = None,
) -> LoginOutcome:
    # The agreements first: refused before the code is used up or anything is created, so
    # the holder can tick 我已阅读并同意 and send the same code again.
    versions = consent.check_agreements(rt, agreed)
    now = rt.clock.now()
    bidx = rt.blind_index.compute(phone)
    # Proof of possession first: it is checked against the key the device sends, so it
    # tells nothing about the code, and a bad proof does not use the code up.
    spki = devicekey.load_public_key(device.public_key)
    try:
        devicekey.verify_signature(
            spki, devicekey.login_message(device.id, code, spki), device.proof
        )
    except devicekey.DeviceProofInvalid as exc:
        raise devicekey.DeviceProofInvalid("设备验证失败，请重新获取验证码后登录") from exc
    consume_code(db, rt, bidx, code, now, client_ip=client_ip)

    user = db.scalars(select(User).where(User.phone_bidx == bidx)).first()
    is_new = user is None
    if user is None:
        user = User(
            phone_bidx=bidx,
            phone_enc=rt.cipher.encrypt(phone, aad=b"users.phone"),
            created_at=now,
        )
        db.add(user)
        db.flush()
        record(
            db,
            at=now,
            actor=Actor("user", user.id),
            action="account.registered",
            target_type="user",
            target_id=user.id,
            details={"phone": mask_phone(phone)},
        )
    user.last_login_at = now
    dev, binding = _upsert_device(db, user, device, spki, user_agent, now)
    session = AuthSession(user_id=user.id, device_id=dev.id, created_at=now)
    db.add(session)
    db.flush()
    source = _source(client_ip)
    consent.record_agreements(
        db, rt, user.id, versions, device_id=dev.id, client_ip=None if source == "-" else source
    )
    access, refresh = _issue_tokens(db, rt, session, now)
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="auth.login",
        target_type="auth_session",
        target_id=session.id,
        details={
            "device": dev.device_key,
            "device_key": (dev.key_thumbprint or "")[:16],
            "device_binding": binding,
            "new_user": is_new,
        },
    )
    db.commit()
    return LoginOutcome(user, is_new, access, refresh, rt.settings.access_token_ttl_seconds)


def _revoke_session(db: Session, session: AuthSession, now: datetime, reason: str) -> None:
    if session.revoked_at is None:
        session.revoked_at = now
        session.revoke_reason = reason


def refresh(db: Session, rt: Runtime, token: str) -> tuple[str, str, int]:
    """Rotate a refresh token. A token presented twice revokes its whole family."""
    now = rt.clock.now()
    signer = TokenSigner(rt.settings.secret_key.encode())
    row = db.scalars(
        select(RefreshToken)
        .where(RefreshToken.token_hash == signer.hash_refresh(token))
        .with_for_update()
    ).first()
    if row is None:
        raise TokenInvalid()
    session = lock_row(db, AuthSession, row.session_id)
    assert session is not None
    if row.used_at is not None:
        _revoke_session(db, session, now, "refresh_reuse")
        record(
            db,
            at=now,
            actor=Actor("user", session.user_id),
            action="auth.refresh.reuse_detected",
            target_type="auth_session",
            target_id=session.id,
        )
        db.commit()
        raise TokenInvalid("登录凭证已被使用，请重新登录", code="refresh_token_reused")
    if session.revoked_at is not None or row.expires_at <= now:
        raise TokenInvalid()
    row.used_at = now
    access, new_refresh = _issue_tokens(db, rt, session, now)
    record(
        db,
        at=now,
        actor=Actor("user", session.user_id),
        action="auth.refresh",
        target_type="auth_session",
        target_id=session.id,
    )
    db.commit()
    return access, new_refresh, rt.settings.access_token_ttl_seconds


class Auth(NamedTuple):
    """Who an access token speaks for: the holder, the device session and its device."""

    user: User
    session: AuthSession
    device: Device


# Built once (see mcert.db.base.lock_row): it runs on every request of the app.
_AUTH = (
    select(AuthSession, User, Device)
    .join(User, User.id == AuthSession.user_id)
    .join(Device, Device.id == AuthSession.device_id)
    .where(AuthSession.id == bindparam("session_id"))
)


def authenticate(db: Session, rt: Runtime, access_token: str) -> Auth:
    now = rt.clock.now()
    claims = TokenSigner(rt.settings.secret_key.encode()).verify_access(access_token, now)
    # One round trip for the three rows (this runs on every app request); the device's key
    # is what a binding-sensitive call's proof is checked against (prove_device).
    row = db.execute(_AUTH, {"session_id": claims.session_id}).first()
    if row is None:
        raise TokenInvalid()
    session, user, device = row
    if session.revoked_at is not None or session.user_id != claims.user_id:
        raise TokenInvalid()
    if user.status != UserStatus.ACTIVE:
        raise TokenInvalid()
    return Auth(user, session, device)


def device_challenge(rt: Runtime, session: AuthSession) -> devicekey.Challenge:
    """A single-use challenge for this session's device to sign for one sensitive call."""
    return devicekey.issue_challenge(rt, session.id, rt.clock.now())


def prove_device(
    rt: Runtime,
    auth: Auth,
    *,
    challenge: str | None,
    signature: str | None,
    method: str,
    path: str,
    body: bytes,
) -> Device:
    """The session's device, after it signed a fresh challenge over this very request.

    Refusals are logged (not audited: nothing changed, and the audit chain records state
    changes); the caller sees ``device_proof_required`` or ``device_proof_invalid``.
    """
    session, device = auth.session, auth.device
    try:
        devicekey.check_proof(
            rt,
            session_id=session.id,
            public_key=device.public_key,
            challenge=challenge,
            signature=signature,
            method=method,
            path=path,
            body=body,
            now=rt.clock.now(),
        )
    except (devicekey.DeviceProofRequired, devicekey.DeviceProofInvalid) as exc:
        log.warning(
            "device proof refused: %s (%s) session=%s %s %s",
            exc.code,
            exc.message,
            session.id,
            method,
            path,
        )
        raise
    return device


def logout(db: Session, rt: Runtime, user: User, session: AuthSession) -> None:
    now = rt.clock.now()
    _revoke_session(db, session, now, "logout")
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="auth.logout",
        target_type="auth_session",
        target_id=session.id,
    )
    db.commit()


def user_phone(rt: Runtime, user: User) -> str:
    return rt.cipher.decrypt(user.phone_enc, aad=b"users.phone")


def devices(db: Session, user: User) -> list[Device]:
    return list(
        db.scalars(
            select(Device).where(Device.user_id == user.id).order_by(Device.last_seen_at.desc())
        ).all()
    )
