"""Public PKI endpoints: CA certificates, CRLs, OCSP (RFC 6960) and timestamps (RFC 3161).

No authentication: relying parties and validators anywhere must reach these.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from mcert.ca.service import ISSUING, ROOT
from mcert.errors import NotFound
from mcert.http.deps import RuntimeDep, SessionDep
from mcert.pki import ocsp as pki_ocsp
from mcert.pki import tsa as pki_tsa

router = APIRouter(prefix="/pki", tags=["pki"])

_MAX_REQUEST = 16 * 1024
_CACHE_CA = {"Cache-Control": "public, max-age=86400"}


@router.get("/ca/chain.pem", response_class=Response)
def chain(db: SessionDep, rt: RuntimeDep) -> Response:
    return Response(rt.ca.chain_pem(db), media_type="application/x-pem-file", headers=_CACHE_CA)


@router.get("/ca/{name}.crt", response_class=Response)
def ca_certificate(name: str, db: SessionDep, rt: RuntimeDep) -> Response:
    from cryptography.hazmat.primitives.serialization import Encoding

    cert = rt.ca.ca_certificate(db, name)
    return Response(
        cert.public_bytes(Encoding.DER), media_type="application/pkix-cert", headers=_CACHE_CA
    )


@router.get("/crl/{name}.crl", response_class=Response)
def crl(name: str, db: SessionDep, rt: RuntimeDep) -> Response:
    if name not in (ROOT, ISSUING):
        raise NotFound("CA 不存在", code="ca_not_found")
    der = rt.ca.current_crl(db, name, rt.clock.now())
    return Response(
        der, media_type="application/pkix-crl", headers={"Cache-Control": "max-age=300"}
    )


def _ocsp_response(der: bytes) -> Response:
    return Response(der, media_type="application/ocsp-response")


@router.post("/ocsp", response_class=Response)
async def ocsp_post(request: Request, db: SessionDep, rt: RuntimeDep) -> Response:
    body = await request.body()
    if len(body) > _MAX_REQUEST:
        return _ocsp_response(pki_ocsp.malformed_request_response())
    return _ocsp_response(await run_in_threadpool(rt.ca.ocsp, db, body, rt.clock.now()))


@router.get("/ocsp/{encoded:path}", response_class=Response)
def ocsp_get(encoded: str, db: SessionDep, rt: RuntimeDep) -> Response:
    """RFC 6960 appendix A.1: GET {url}/{url-encoding of base-64 encoding of the DER}."""
    try:
        der = base64.b64decode(unquote(encoded), validate=True)
    except (binascii.Error, ValueError):
        return _ocsp_response(pki_ocsp.malformed_request_response())
    return _ocsp_response(rt.ca.ocsp(db, der, rt.clock.now()))


@router.post("/tsa", response_class=Response)
async def tsa(request: Request, db: SessionDep, rt: RuntimeDep) -> Response:
    body = await request.body()
    if len(body) > _MAX_REQUEST:
        der = pki_tsa.rejection_response(pki_tsa.PKIFailure.BAD_REQUEST, "request too large")
    else:
        der = await run_in_threadpool(rt.ca.timestamp, db, body, rt.clock.now())
    return Response(der, media_type="application/timestamp-reply")
