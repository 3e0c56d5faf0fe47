"""Holder login / registration by SMS code (manual part 1) under ``/api/app/v1``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from mcert.account import service
from mcert.account.models import User
from mcert.account.schemas import (
    DeviceChallenge,
    DeviceRead,
    LoginRequest,
    LoginResult,
    MeRead,
    RefreshRequest,
    SMSCodeRequest,
    SMSCodeSent,
    TokenPair,
    UserRead,
)
from mcert.http.deps import AuthDep, ClientIP, RuntimeDep, SessionDep
from mcert.http.openapi import errors
from mcert.http.routing import TransactionScopedRoute
from mcert.pii import mask_phone
from mcert.runtime import Runtime

router = APIRouter(prefix="/api/app/v1", tags=["app: auth"], route_class=TransactionScopedRoute)


def _user_read(rt: Runtime, user: User) -> UserRead:
    return UserRead(
        id=user.id,
        phone_masked=mask_phone(service.user_phone(rt, user)),
        created_at=user.created_at,
        last_login_at=user.last_login_at,
    )


@router.post("/auth/sms-code", response_model=SMSCodeSent, responses=errors(429))
def send_sms_code(
    body: SMSCodeRequest, db: SessionDep, rt: RuntimeDep, ip: ClientIP
) -> SMSCodeSent:
    """Send a login code by SMS.

    The same call registers a new phone. Limited per phone and per client address:
    429 `sms_too_soon` with `Retry-After` until the next code may be sent; 503 when the SMS
    provider fails.
    """
    issued = service.request_code(db, rt, body.phone, ip)
    return SMSCodeSent(
        resend_after_seconds=issued.resend_after_seconds,
        expires_in_seconds=issued.expires_in_seconds,
    )


@router.post("/auth/login", response_model=LoginResult, responses=errors(403, 429))
def login(
    body: LoginRequest, request: Request, db: SessionDep, rt: RuntimeDep, ip: ClientIP
) -> LoginResult:
    """Log in (or register) with the phone and its SMS code.

    Binds the device's public key to the session and returns an access and a refresh
    token. Without the current 用户协议 and 隐私政策 versions in `agreements`: 403
    `agreement_required` before anything else (the code is not used up). A wrong code answers
    422 with `attempts_left`; too many attempts 429; a device key that does not verify 403.
    """
    outcome = service.login(
        db,
        rt,
        phone=body.phone,
        code=body.code,
        device=body.device,
        agreed=body.agreements.model_dump() if body.agreements else {},
        user_agent=request.headers.get("user-agent"),
        client_ip=ip,
    )
    return LoginResult(
        access_token=outcome.access_token,
        refresh_token=outcome.refresh_token,
        expires_in=outcome.expires_in,
        is_new_user=outcome.is_new_user,
        user=_user_read(rt, outcome.user),
    )


@router.post(
    "/auth/refresh", response_model=TokenPair, operation_id="refreshTokens", responses=errors(401)
)
def refresh(body: RefreshRequest, db: SessionDep, rt: RuntimeDep) -> TokenPair:
    """Exchange the refresh token for a new token pair.

    The refresh token rotates: each is accepted once, and reusing one ends the session
    (401 `refresh_token_reused`).
    """
    access, new_refresh, expires_in = service.refresh(db, rt, body.refresh_token)
    return TokenPair(access_token=access, refresh_token=new_refresh, expires_in=expires_in)


@router.post(
    "/device/challenge", response_model=DeviceChallenge, operation_id="createDeviceChallenge"
)
def device_challenge(auth: AuthDep, rt: RuntimeDep) -> DeviceChallenge:
    """A single-use challenge for one binding-sensitive call.

    Sign it with this device's key for one binding-sensitive call (download, unlock, scan
    prepare/complete, password change/reset, renewal, reissue; docs/protocol.md section 6).
    """
    issued = service.device_challenge(rt, auth.session)
    return DeviceChallenge(challenge=issued.value, expires_in=issued.expires_in)


@router.post("/auth/logout", status_code=204)
def logout(auth: AuthDep, db: SessionDep, rt: RuntimeDep) -> Response:
    """Log out.

    Ends this session: its access and refresh tokens stop working.
    """
    user, session, _ = auth
    service.logout(db, rt, user, session)
    return Response(status_code=204)


@router.get("/me", response_model=MeRead, operation_id="getMe")
def me(auth: AuthDep, db: SessionDep, rt: RuntimeDep) -> MeRead:
    """The logged-in holder and their devices.

    The phone number is masked; `current` marks this session's device.
    """
    user, session, _ = auth
    return MeRead(
        user=_user_read(rt, user),
        devices=[
            DeviceRead(
                id=d.id,
                device_key=d.device_key,
                name=d.name,
                platform=d.platform,
                first_seen_at=d.first_seen_at,
                last_seen_at=d.last_seen_at,
                current=d.id == session.device_id,
            )
            for d in service.devices(db, user)
        ],
    )
