"""Liveness (``/healthz``) and readiness (``/readyz``) for load balancers and orchestrators.

``/healthz`` answers whether the process serves requests at all: no database, no disk, no
lock, so a slow database never gets a healthy process restarted. ``/readyz`` answers
whether it can do its work now — the database takes writes, the data directory has room,
the CA's signing key loads, Redis answers when configured — with one line per check, 200
when all pass and 503 (``Retry-After``) otherwise, so traffic moves elsewhere meanwhile.

Readiness must never change data: its database write is rolled back.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from mcert import __version__
from mcert.ca.service import ISSUING, ca_service
from mcert.http.deps import RuntimeDep
from mcert.http.errors import STORAGE_RETRY_AFTER
from mcert.runtime import Runtime

router = APIRouter(tags=["ops"])


class NotReady(Exception):
    """A check failed for a reason worth showing (no secrets, no personal data)."""


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Liveness: the process answers.

    Checks nothing else (see `readyz`).
    """
    return {"status": "ok", "version": __version__}


def _database(rt: Runtime) -> str:
    with rt.sessions() as db:
        # A real write, rolled back: a read-only file, a replica or a full disk fail here,
        # where SELECT 1 would pass. alembic_version exists wherever migrations ran.
        db.execute(text("UPDATE alembic_version SET version_num = version_num"))
        db.rollback()
    return "ok"


def _disk(rt: Runtime) -> str:
    data_dir = rt.settings.data_dir
    if not os.access(data_dir, os.W_OK):
        raise NotReady("data_dir is not writable")
    free = shutil.disk_usage(data_dir).free
    if free < rt.settings.ready_min_free_bytes:
        raise NotReady(f"{free // (1024 * 1024)} MB free, below MCERT_READY_MIN_FREE_BYTES")
    return "ok"


def _ca_keys(rt: Runtime) -> str:
    with rt.sessions() as db:
        ca_service(rt).ca_certificate(db, ISSUING)  # loads the issuing CA's private key
    return "ok"


def _redis(rt: Runtime) -> str:
    if not rt.settings.redis_url:
        return "disabled"
    rt.kv.ping()
    return "ok"


CHECKS: dict[str, Callable[[Runtime], str]] = {
    "database": _database,
    "disk": _disk,
    "ca_keys": _ca_keys,
    "redis": _redis,
}


_READINESS = {
    "type": "object",
    "properties": {
        "status": {"type": "string", "enum": ["ok", "error"]},
        "version": {"type": "string"},
        "checks": {"type": "object", "additionalProperties": {"type": "string"}},
    },
    "required": ["status", "version", "checks"],
}


@router.get(
    "/readyz",
    responses={
        200: {"content": {"application/json": {"schema": _READINESS}}},
        503: {
            "description": "Not ready: a check failed (`status` `error`; see `checks`)",
            "content": {"application/json": {"schema": _READINESS}},
        },
    },
)
def readyz(rt: RuntimeDep) -> JSONResponse:
    """Readiness: the dependencies work.

    Database writable, disk space, CA keys loadable, Redis (if configured).
    """
    checks: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            checks[name] = check(rt)
        except NotReady as exc:
            checks[name] = f"error: {exc}"
        except Exception as exc:  # any failure of a dependency means not ready
            checks[name] = f"error: {type(exc).__name__}"
    ready = all(not v.startswith("error") for v in checks.values())
    body: dict[str, Any] = {
        "status": "ok" if ready else "error",
        "version": __version__,
        "checks": checks,
    }
    if ready:
        return JSONResponse(body)
    return JSONResponse(body, status_code=503, headers={"Retry-After": str(STORAGE_RETRY_AFTER)})
