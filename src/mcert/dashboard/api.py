"""The console dashboard (``GET /api/console/v1/dashboard``; ``Permission.DASHBOARD``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mcert.dashboard import service
from mcert.dashboard.schemas import Dashboard
from mcert.http.deps import RuntimeDep, SessionDep, require
from mcert.http.openapi import errors
from mcert.http.routing import TransactionScopedRoute
from mcert.operator.models import Operator
from mcert.operator.roles import Permission

router = APIRouter(
    prefix="/api/console/v1", tags=["console: dashboard"], route_class=TransactionScopedRoute
)


@router.get(
    "/dashboard", response_model=Dashboard, operation_id="getDashboard", responses=errors(422)
)
def dashboard(
    op: Annotated[Operator, require(Permission.DASHBOARD)],
    db: SessionDep,
    rt: RuntimeDep,
    days: Annotated[int, Query(ge=1, le=service.MAX_DAYS)] = 30,
) -> Dashboard:
    """Queue sizes and daily figures.

    Certificates issued, renewed and revoked; scan sessions by outcome; payments and
    refunds — per UTC day over the last `days` days (today included), zeros included.
    """
    return Dashboard(**service.dashboard(db, rt, days))
