"""The one dependency every binding-sensitive app endpoint uses: the request must carry
the session device's signature over a fresh, single-use server challenge and over this
request's method, path and body (docs/protocol.md section 6).

Use it as ``dependencies=[DeviceProof]`` on the route, or as a ``ProvenDevice`` parameter
when the endpoint wants the device row.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from mcert.account import service
from mcert.account.devicekey import CHALLENGE_HEADER, SIGNATURE_HEADER
from mcert.account.models import Device
from mcert.http.deps import AuthDep, RuntimeDep
from mcert.http.routing import in_endpoint_job


async def _request_body(request: Request) -> bytes:
    # Starlette caches the body: the endpoint's own parsing reads the same bytes.
    return await request.body()


@in_endpoint_job
def require_device_proof(
    request: Request,
    auth: AuthDep,
    rt: RuntimeDep,
    body: Annotated[bytes, Depends(_request_body)],
    challenge: Annotated[
        str | None,
        Header(
            alias=CHALLENGE_HEADER,
            max_length=200,
            description="From POST /api/app/v1/device/challenge; single use",
        ),
    ] = None,
    signature: Annotated[
        str | None,
        Header(
            alias=SIGNATURE_HEADER,
            max_length=200,
            description="base64url raw ECDSA P-256 signature (r ‖ s) of the proof message",
        ),
    ] = None,
) -> Device:
    return service.prove_device(
        rt,
        auth,
        challenge=challenge,
        signature=signature,
        method=request.method,
        path=request.url.path,
        body=body,
    )


DeviceProof = Depends(require_device_proof)
ProvenDevice = Annotated[Device, DeviceProof]
