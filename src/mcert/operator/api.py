"""The console login (``POST /api/console/v1/auth/login``): an operator's bearer token.

The rest of the console API (the review queue) is :mod:`mcert.review.api`; both read the
token through :data:`mcert.http.deps.CurrentOperator`.
"""

from __future__ import annotations

from fastapi import APIRouter

from mcert.http.deps import ClientIP, RuntimeDep, SessionDep
from mcert.http.openapi import errors
from mcert.http.routing import TransactionScopedRoute
from mcert.operator import service
from mcert.operator.schemas import OperatorLogin, OperatorToken

router = APIRouter(prefix="/api/console/v1", tags=["console"], route_class=TransactionScopedRoute)


@router.post(
    "/auth/login",
    response_model=OperatorToken,
    operation_id="consoleLogin",
    responses=errors(401, 429),
)
def login(body: OperatorLogin, db: SessionDep, rt: RuntimeDep, ip: ClientIP) -> OperatorToken:
    """Operator login with username and password.

    Returns a console bearer token (8 hours). Repeated failures lock the account and the
    client address for a while (429 with `Retry-After`).
    """
    op = service.login(db, rt, body.username, body.password, ip)
    return OperatorToken(
        access_token=service.console_token(rt, op, rt.clock.now()),
        operator={
            "id": op.id,
            "username": op.username,
            "role": op.role,
            "display_name": op.display_name,
        },
    )
