"""Relying parties in the console (``/api/console/v1/relying-parties``): ``rp_manage`` to
change, ``lookup`` to read. Rotating a secret needs a second operator (``mcert.approval``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from mcert.approval import service as approvals
from mcert.approval.schemas import ACCEPTED, ApprovalRead, accepted
from mcert.audit.service import Actor
from mcert.http.deps import RuntimeDep, SessionDep, require
from mcert.http.openapi import errors
from mcert.http.routing import TransactionScopedRoute
from mcert.operator.models import Operator
from mcert.operator.roles import Permission
from mcert.rp import service
from mcert.rp.models import RelyingParty
from mcert.rp.schemas import RpCreate, RpCreated, RpPatch, RpRow, RpUsage
from mcert.scan.usage import usage_by_rp

router = APIRouter(
    prefix="/api/console/v1", tags=["console: relying parties"], route_class=TransactionScopedRoute
)

Lookup = Annotated[Operator, require(Permission.LOOKUP)]
Manager = Annotated[Operator, require(Permission.RP_MANAGE)]


def _row(rp: RelyingParty, usage: dict[str, dict[str, int]]) -> RpRow:
    return RpRow(
        id=rp.id,
        name=rp.name,
        app_id=rp.client_id,
        enabled=not rp.disabled,
        operations=rp.ops.split(","),
        callback_url=rp.callback_url,
        usage_30d=RpUsage(**usage.get(rp.id, {})),
    )


def _usage(db: SessionDep, rt: RuntimeDep) -> dict[str, dict[str, int]]:
    return usage_by_rp(db, rt.clock.now() - timedelta(days=30))


@router.get("/relying-parties", response_model=list[RpRow], operation_id="listRelyingParties")
def list_rps(op: Lookup, db: SessionDep, rt: RuntimeDep) -> list[RpRow]:
    """Every relying party.

    Its operations, callback URL and successful uses in the last 30 days. Needs `lookup`.
    """
    usage = _usage(db, rt)
    return [_row(rp, usage) for rp in service.list_all(db)]


@router.post(
    "/relying-parties",
    response_model=RpCreated,
    operation_id="createRelyingParty",
    responses=errors(422),
)
def create_rp(body: RpCreate, op: Manager, db: SessionDep, rt: RuntimeDep) -> RpCreated:
    """Register a relying party.

    Its secret is in this answer only. Needs `rp_manage`.
    """
    rp, secret = service.create(
        db,
        rt,
        name=body.name,
        ops=body.operations,
        callback_url=body.callback_url,
        actor=Actor("operator", op.id),
    )
    return RpCreated(**_row(rp, {}).model_dump(), secret=secret)


@router.patch(
    "/relying-parties/{rp_id}",
    response_model=RpRow,
    operation_id="updateRelyingParty",
    responses=errors(404, 422),
)
def update_rp(rp_id: str, body: RpPatch, op: Manager, db: SessionDep, rt: RuntimeDep) -> RpRow:
    """Change a relying party.

    Enable or disable, the operations, the callback URL (`""` clears it). Needs
    `rp_manage`.
    """
    rp = service.get(db, rp_id)
    clear = "callback_url" in body.model_fields_set and not body.callback_url
    service.update(
        db,
        rt,
        rp,
        actor=Actor("operator", op.id),
        enabled=body.enabled,
        ops=body.operations,
        callback_url=body.callback_url or None,
        clear_callback=clear,
    )
    return _row(rp, _usage(db, rt))


@router.post(
    "/relying-parties/{rp_id}/rotate-secret",
    status_code=202,
    response_model=ApprovalRead,
    operation_id="proposeRpSecretRotation",
    responses={**ACCEPTED, **errors(404, 409)},
)
def rotate_secret(rp_id: str, op: Manager, db: SessionDep, rt: RuntimeDep) -> JSONResponse:
    """Propose a new secret for a relying party.

    Answers 202 with the approval; once another operator with `rp_manage` approves, the
    proposer fetches the secret once from `GET /approvals/{id}/secret`.
    """
    return accepted(db, approvals.propose_rp_secret_rotate(db, rt, op, rp_id))
