"""The console's login, session and operator management (``/api/console/v1``).

Login is password + TOTP (``mcert.operator.totp``); the first login enrols the
authenticator. The rest of the console reads the session through
:data:`mcert.http.deps.CurrentOperator`; managing operators needs ``operator_manage``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, Response

from mcert.audit.service import Actor
from mcert.http.deps import ClientIP, CurrentOperator, RuntimeDep, SessionDep, require
from mcert.http.openapi import errors
from mcert.http.routing import TransactionScopedRoute
from mcert.operator import service, totp
from mcert.operator.models import Operator
from mcert.operator.roles import Permission
from mcert.operator.schemas import (
    LoginResult,
    OperatorCreate,
    OperatorInfo,
    OperatorLogin,
    OperatorRow,
    RoleChange,
    TotpEnrol,
    operator_info,
    operator_row,
)

router = APIRouter(prefix="/api/console/v1", tags=["console"], route_class=TransactionScopedRoute)

Manager = Annotated[Operator, require(Permission.OPERATOR_MANAGE)]


def _result(outcome: service.LoginOutcome) -> LoginResult:
    op = outcome.operator
    if outcome.status == service.LoginStep.OK:
        return LoginResult(
            status=service.LoginStep.OK,
            token=outcome.token,
            access_token=outcome.token,
            expires_at=outcome.expires_at,
            operator=operator_info(op),
        )
    if outcome.status == service.LoginStep.ENROL:
        assert outcome.secret is not None
        uri = totp.otpauth_uri(outcome.secret, op.username)
        return LoginResult(
            status=service.LoginStep.ENROL,
            enrolment_token=outcome.enrolment_token,
            otpauth_uri=uri,
            qr_svg=totp.qr_svg(uri),
            secret=outcome.secret,
        )
    return LoginResult(status=outcome.status)


@router.post(
    "/auth/login",
    response_model=LoginResult,
    response_model_exclude_none=True,
    operation_id="consoleLogin",
    responses=errors(401, 429),
)
def login(body: OperatorLogin, db: SessionDep, rt: RuntimeDep, ip: ClientIP) -> LoginResult:
    """Operator login: password, then the authenticator's 6-digit code.

    `status` is `ok` (with `token`, valid 8 hours, ended by 30 idle minutes),
    `totp_required` (send the code too) or `enrol` (first login: scan `qr_svg` or type
    `secret` into an authenticator app, then `POST /auth/totp/enrol`). A wrong password or
    code is 401 `operator_login_failed`; repeated failures lock the account and the client
    address for a while (429 with `Retry-After`).
    """
    return _result(service.login(db, rt, body.username, body.password, ip, body.totp_code))


@router.post(
    "/auth/totp/enrol",
    response_model=LoginResult,
    response_model_exclude_none=True,
    operation_id="consoleEnrolTotp",
    responses=errors(401, 429),
)
def enrol(body: TotpEnrol, db: SessionDep, rt: RuntimeDep, ip: ClientIP) -> LoginResult:
    """Confirm the authenticator with its current code; logs in.

    Answers as a successful login (`status: ok`, `token`). The enrolment token comes from
    the `enrol` answer of `consoleLogin` and lasts 10 minutes; a wrong code counts toward
    the lockout like a wrong password.
    """
    return _result(service.enrol_totp(db, rt, body.enrolment_token, body.code, ip))


@router.post("/auth/logout", status_code=204, operation_id="consoleLogout")
def logout(request: Request, op: CurrentOperator, db: SessionDep, rt: RuntimeDep) -> Response:
    """End this console session.

    Its token is refused from now on (401 `operator_token_invalid`).
    """
    token = request.headers.get("authorization", "").partition(" ")[2].strip()
    service.logout(db, rt, token)
    return Response(status_code=204)


@router.get("/me", response_model=OperatorInfo, operation_id="consoleMe")
def me(op: CurrentOperator) -> OperatorInfo:
    """Who is logged in.

    The operator's role, its Chinese label and every permission it holds (the console
    shows or hides its pages by these).
    """
    return operator_info(op)


@router.get("/operators", response_model=list[OperatorRow], operation_id="listOperators")
def list_operators(op: Manager, db: SessionDep) -> list[OperatorRow]:
    """Every operator.

    Role, whether a second factor is enrolled, disabled, last login. Needs
    `operator_manage`.
    """
    return [operator_row(o) for o in service.list_operators(db)]


@router.post(
    "/operators",
    response_model=OperatorRow,
    operation_id="createOperator",
    responses=errors(409),
)
def create_operator(
    body: OperatorCreate, op: Manager, db: SessionDep, rt: RuntimeDep
) -> OperatorRow:
    """Create an operator.

    They enrol their authenticator at their first login. Needs `operator_manage`;
    409 `username_taken`.
    """
    created = service.create_operator(
        db,
        rt,
        username=body.username,
        password=body.password,
        role=body.role,
        display_name=body.display_name,
        actor=Actor("operator", op.id),
    )
    return operator_row(created)


@router.post(
    "/operators/{operator_id}/role",
    response_model=OperatorRow,
    operation_id="setOperatorRole",
    responses=errors(404, 409),
)
def set_role(
    operator_id: str, body: RoleChange, op: Manager, db: SessionDep, rt: RuntimeDep
) -> OperatorRow:
    """Change an operator's role.

    Needs `operator_manage`; not one's own (409 `operator_self`).
    """
    return operator_row(service.set_role(db, rt, operator_id, body.role, Actor("operator", op.id)))


@router.post(
    "/operators/{operator_id}/reset-2fa",
    response_model=OperatorRow,
    operation_id="resetOperatorTotp",
    responses=errors(404),
)
def reset_2fa(operator_id: str, op: Manager, db: SessionDep, rt: RuntimeDep) -> OperatorRow:
    """Forget an operator's authenticator (lost phone).

    Ends their sessions; their next login enrols a new one. Needs `operator_manage`.
    """
    return operator_row(service.reset_totp(db, rt, operator_id, Actor("operator", op.id)))


@router.post(
    "/operators/{operator_id}/disable",
    response_model=OperatorRow,
    operation_id="disableOperator",
    responses=errors(404, 409),
)
def disable(operator_id: str, op: Manager, db: SessionDep, rt: RuntimeDep) -> OperatorRow:
    """Disable an operator.

    No more logins; their sessions end at once. Needs `operator_manage`; not oneself
    (409 `operator_self`).
    """
    return operator_row(service.set_disabled(db, rt, operator_id, True, Actor("operator", op.id)))


@router.post(
    "/operators/{operator_id}/enable",
    response_model=OperatorRow,
    operation_id="enableOperator",
    responses=errors(404),
)
def enable(operator_id: str, op: Manager, db: SessionDep, rt: RuntimeDep) -> OperatorRow:
    """Enable a disabled operator again.

    Needs `operator_manage`.
    """
    return operator_row(service.set_disabled(db, rt, operator_id, False, Actor("operator", op.id)))
