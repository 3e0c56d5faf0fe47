"""FastAPI dependencies shared by the domain APIs (``Annotated`` aliases)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from mcert.account.models import AuthSession, User
from mcert.account.service import authenticate
from mcert.account.tokens import TokenInvalid
from mcert.requestctx import current_request
from mcert.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_db(rt: RuntimeDep) -> Iterator[Session]:
    with rt.sessions() as db:
        yield db


SessionDep = Annotated[Session, Depends(get_db)]


def client_ip() -> str | None:
    req = current_request()
    return req.client_ip if req else None


ClientIP = Annotated[str | None, Depends(client_ip)]


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise TokenInvalid("请先登录", code="unauthenticated")
    return token.strip()


def get_auth(request: Request, db: SessionDep, rt: RuntimeDep) -> tuple[User, AuthSession]:
    return authenticate(db, rt, _bearer(request))


AuthDep = Annotated[tuple[User, AuthSession], Depends(get_auth)]


def get_current_user(auth: AuthDep) -> User:
    return auth[0]


CurrentUser = Annotated[User, Depends(get_current_user)]
