"""FastAPI dependencies shared by the domain APIs (``Annotated`` aliases)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from sqlalchemy.orm import Session

from mcert.account.devicekey import NEXT_CHALLENGE_HEADER, NEXT_CHALLENGE_TTL_HEADER
from mcert.account.models import User
from mcert.account.service import Auth, authenticate, device_challenge
from mcert.account.tokens import TokenInvalid
from mcert.consent import service as consent_service
from mcert.consent.documents import Document
from mcert.db.engine import read_only
from mcert.errors import AuthenticationFailed
from mcert.http.openapi import APP_BEARER, CONSOLE_BEARER, requires
from mcert.http.routing import in_endpoint_job
from mcert.operator.models import Operator
from mcert.operator.roles import Permission, ensure
from mcert.operator.service import operator_for_token
from mcert.requestctx import current_request
from mcert.runtime import Runtime

# Dependencies that do no blocking I/O are ``async def``: FastAPI runs a sync dependency as
# a thread-pool job of its own, and each hop costs a thread switch plus a turn at the GIL
# (issue #14 counted ~5 per request). What touches the database is sync and marked
# ``in_endpoint_job``: it runs in the endpoint's own job (mcert.http.routing), as does any
# dependency that reads its result.


async def get_runtime(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_db(rt: RuntimeDep) -> AsyncIterator[Session]:
    """One session per request, closed on the event loop.

    A sync generator's teardown would be a separate thread-pool job: a read-only request
    would keep its transaction (on SQLite, the database lock) open until a thread frees up,
    and under load every thread can be waiting for that very lock.
    """
    db = rt.sessions()
    try:
        yield db
    finally:
        db.close()


SessionDep = Annotated[Session, Depends(get_db)]


async def client_ip() -> str | None:
    req = current_request()
    return req.client_ip if req else None


ClientIP = Annotated[str | None, Depends(client_ip)]


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise TokenInvalid("请先登录", code="unauthenticated")
    return token.strip()


@requires(APP_BEARER)
@in_endpoint_job
def get_auth(request: Request, response: Response, db: SessionDep, rt: RuntimeDep) -> Auth:
    """The holder and the device session of the bearer token, read once per request.

    FastAPI caches a dependency within a request; the copy on ``request.state`` serves code
    outside the dependency graph (and a second graph, e.g. a router-level dependency).

    The response carries the device's next proof challenge (``X-Mcert-Next-Device-Challenge``,
    docs/protocol.md section 6): stateless and bound to this session, it saves the device a
    round trip to ``POST /device/challenge`` before each binding-sensitive call.
    """
    cached: Auth | None = getattr(request.state, "mcert_auth", None)
    if cached is not None:
        return cached
    auth = authenticate(read_only(db), rt, _bearer(request))
    # End the read transaction now: the endpoint's own transaction starts afresh (and, where
    # this runs as a job of its own, SQLite's lock is not held while waiting for the next).
    db.commit()
    request.state.mcert_auth = auth
    challenge = device_challenge(rt, auth.session)
    response.headers[NEXT_CHALLENGE_HEADER] = challenge.value
    response.headers[NEXT_CHALLENGE_TTL_HEADER] = str(challenge.expires_in)
    return auth


AuthDep = Annotated[Auth, Depends(get_auth)]


@in_endpoint_job
async def get_current_user(auth: AuthDep) -> User:
    return auth.user


CurrentUser = Annotated[User, Depends(get_current_user)]


@in_endpoint_job
async def current_device_id(auth: AuthDep) -> str:
    return auth.session.device_id


DeviceId = Annotated[str, Depends(current_device_id)]


def consented(document: Document) -> Any:
    """A dependency: the holder, if they consent to the current ``document`` notice (else 403
    ``consent_required`` naming it). It runs before the endpoint reads an upload or calls a
    provider, so nothing is collected without it (PIPL art. 29)."""

    @in_endpoint_job
    def dependency(user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> User:
        consent_service.ensure(read_only(db), rt, user.id, document)
        db.commit()  # release the read transaction before the endpoint's own (see get_auth)
        return user

    return Depends(dependency)


FaceConsentUser = Annotated[User, consented(Document.FACE)]
RealnameConsentUser = Annotated[User, consented(Document.REALNAME)]
CompanyDocumentsConsentUser = Annotated[User, consented(Document.COMPANY_DOCUMENTS)]


@requires(CONSOLE_BEARER)
@in_endpoint_job
def current_operator(request: Request, db: SessionDep, rt: RuntimeDep) -> Operator:
    """The operator of a console bearer token (``/api/console/v1``)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthenticationFailed("请先登录控制台", code="operator_unauthenticated")
    op = operator_for_token(db, rt, token)  # may write: it keeps the console session alive
    db.commit()  # release the read transaction before the endpoint's own (see get_auth)
    return op


CurrentOperator = Annotated[Operator, Depends(current_operator)]


def require(permission: Permission) -> Any:
    """A dependency: the console operator, if their role holds ``permission`` (else 403).

    ``op: Annotated[Operator, require(Permission.REVIEW)]`` — the role table lives in
    :mod:`mcert.operator.roles`; endpoints name a permission, never a role.
    """

    @in_endpoint_job
    async def dependency(op: CurrentOperator) -> Operator:
        ensure(op.role, permission)
        return op

    return Depends(dependency)
