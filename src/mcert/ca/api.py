"""Public PKI endpoints: CA certificates, CRLs, OCSP (RFC 6960) and timestamps (RFC 3161).

No authentication: relying parties and validators anywhere must reach these.

OCSP has two doors to one service call. :class:`OCSPFastPath`, mounted by ``create_app``
ahead of FastAPI's routing, answers ``GET /pki/ocsp/{request}`` and ``POST /pki/ocsp``; the
routes below document the same endpoints and answer them wherever the fast path is not
mounted. Both send the same bytes and headers.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from urllib.parse import unquote

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from mcert.ca.ocsp import OCSPStatusReader
from mcert.ca.service import ISSUING, ROOT, CAService, ca_service
from mcert.errors import NotFound
from mcert.http.deps import RuntimeDep, SessionDep
from mcert.http.errors import is_storage_failure
from mcert.http.openapi import binary, binary_body
from mcert.http.routing import TransactionScopedRoute
from mcert.pki import ocsp as pki_ocsp
from mcert.pki import tsa as pki_tsa
from mcert.runtime import Runtime

router = APIRouter(prefix="/pki", tags=["pki"], route_class=TransactionScopedRoute)

_MAX_REQUEST = 16 * 1024
# Twice the base64 of the largest request we accept: room for "/", "+" and "=" still
# percent-encoded (encoded twice on the way), far from what any real request needs.
_MAX_GET_PATH = (_MAX_REQUEST + 2) // 3 * 4 * 2
_CACHE_CA = {"Cache-Control": "public, max-age=86400"}
_OCSP_PATH = "/pki/ocsp"
OCSP_PATH = _OCSP_PATH  # main.py keeps the per-request HTTP metrics off the fast path
_OCSP_MEDIA_TYPE = "application/ocsp-response"
# No HTTP caching of OCSP answers: a revocation must be visible at once, which a response
# held by a proxy until nextUpdate would defeat. The responder's own cache is checked
# against the stored status on every request instead.
_OCSP_CACHE_CONTROL = "no-cache, no-transform"


@router.get(
    "/ca/chain.pem",
    response_class=Response,
    operation_id="getCaChain",
    responses=binary("application/x-pem-file", "The CA chain, PEM"),
)
def chain(db: SessionDep, rt: RuntimeDep) -> Response:
    """The CA chain (issuing and root CA certificates) in PEM.

    Public; cacheable.
    """
    return Response(
        ca_service(rt).chain_pem(db), media_type="application/x-pem-file", headers=_CACHE_CA
    )


@router.get(
    "/ca/{name}.crt",
    response_class=Response,
    operation_id="getCaCertificate",
    responses=binary("application/pkix-cert", "The CA certificate, DER"),
)
def ca_certificate(name: str, db: SessionDep, rt: RuntimeDep) -> Response:
    """One CA certificate in DER (the AIA caIssuers URL).

    `name` is the CA's name (`root` or `issuing`).
    """
    from cryptography.hazmat.primitives.serialization import Encoding

    cert = ca_service(rt).ca_certificate(db, name)
    return Response(
        cert.public_bytes(Encoding.DER), media_type="application/pkix-cert", headers=_CACHE_CA
    )


@router.get(
    "/crl/{name}.crl",
    response_class=Response,
    operation_id="getCrl",
    responses=binary("application/pkix-crl", "The current CRL, DER"),
)
def crl(name: str, db: SessionDep, rt: RuntimeDep) -> Response:
    """The CA's current certificate revocation list in DER (the CRL distribution point).

    `name` is the CA's name (`root` or `issuing`).
    """
    if name not in (ROOT, ISSUING):
        raise NotFound("CA 不存在", code="ca_not_found")
    der = ca_service(rt).current_crl(db, name, rt.clock.now())
    return Response(
        der, media_type="application/pkix-crl", headers={"Cache-Control": "max-age=300"}
    )


def _ocsp_response(der: bytes) -> Response:
    return Response(
        der, media_type=_OCSP_MEDIA_TYPE, headers={"Cache-Control": _OCSP_CACHE_CONTROL}
    )


def decode_get_request(encoded: str) -> bytes | None:
    """RFC 6960 A.1: the DER request from the path's URL-encoded base64; None if unusable."""
    if len(encoded) > _MAX_GET_PATH:
        return None
    try:
        # The path arrives decoded once already; decoding again is harmless for base64 (it
        # never contains "%") and accepts clients and proxies that encode twice.
        return base64.b64decode(unquote(encoded), validate=True)
    except (binascii.Error, ValueError):
        return None


@router.post(
    "/ocsp",
    response_class=Response,
    operation_id="ocspPost",
    responses=binary(_OCSP_MEDIA_TYPE, "The OCSP response, DER"),
    openapi_extra=binary_body("application/ocsp-request", "DER"),
)
async def ocsp_post(request: Request, db: SessionDep, rt: RuntimeDep) -> Response:
    """OCSP over POST (RFC 6960 appendix A.1): a DER request in, a DER response out.

    An unusable request is answered with an OCSP `malformedRequest`, not an HTTP error.
    """
    body = await request.body()
    if len(body) > _MAX_REQUEST:
        return _ocsp_response(pki_ocsp.malformed_request_response())
    der = await run_in_threadpool(ca_service(rt).ocsp, db, body, rt.clock.now())
    rt.metrics.ocsp_answer("route", der)
    return _ocsp_response(der)


@router.get(
    "/ocsp/{encoded:path}",
    response_class=Response,
    operation_id="ocspGet",
    responses=binary(_OCSP_MEDIA_TYPE, "The OCSP response, DER"),
)
def ocsp_get(encoded: str, db: SessionDep, rt: RuntimeDep) -> Response:
    """OCSP over GET (RFC 6960 appendix A.1).

    GET {url}/{url-encoding of base-64 encoding of the DER request}.
    """
    der = decode_get_request(encoded)
    if der is None:
        return _ocsp_response(pki_ocsp.malformed_request_response())
    answer = ca_service(rt).ocsp(db, der, rt.clock.now())
    rt.metrics.ocsp_answer("route", answer)
    return _ocsp_response(answer)


class _Disconnected(Exception):
    """The client went away before its request body arrived."""


class OCSPFastPath:
    """OCSP GET and POST as plain ASGI, ahead of FastAPI's routing and dependency injection.

    A nonce-less request for a certificate whose pre-signed answer is still current costs
    one indexed status read (:class:`~mcert.ca.ocsp.OCSPStatusReader`) and a dictionary
    lookup, run on the event loop when the database is a local SQLite file and in the
    thread pool otherwise. Signing (nonce, first request, refresh, changed status) goes to
    the thread pool through the same ``CAService.ocsp`` the routes use. A revocation
    committed by any process is therefore seen by the very next request. Anything else under
    ``/pki/ocsp`` (other methods, ``POST /pki/ocsp/x``) passes through to the routes.
    """

    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.rt = runtime
        self._metrics = runtime.metrics
        self._reader: OCSPStatusReader | None = None
        self._ca: CAService | None = None
        self._malformed = pki_ocsp.malformed_request_response()
        self._try_later = pki_ocsp.try_later_response()

    @property
    def ca(self) -> CAService:
        if self._ca is None:
            self._ca = ca_service(self.rt)
        return self._ca

    @property
    def reader(self) -> OCSPStatusReader:
        if self._reader is None:
            assert self.rt.engine is not None
            self._reader = OCSPStatusReader(self.rt.engine)
        return self._reader

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(_OCSP_PATH):
            path, method = scope["path"], scope["method"]
            if method == "GET" and path.startswith(_OCSP_PATH + "/"):
                await self._answer(decode_get_request(path[len(_OCSP_PATH) + 1 :]), send)
                return
            if method == "POST" and path == _OCSP_PATH:
                try:
                    der = await self._body(scope, receive)
                except _Disconnected:
                    return
                await self._answer(der, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    async def _body(scope: Scope, receive: Receive) -> bytes | None:
        """The request body, or None when it is larger than any OCSP request we accept."""
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    if int(value) > _MAX_REQUEST:
                        return None
                except ValueError:
                    return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Disconnected()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > _MAX_REQUEST:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _answer(self, der: bytes | None, send: Send) -> None:
        if der is None:
            body = self._malformed
            self._metrics.ocsp_answer("fast", body)
        else:
            try:
                body = await self._lookup(der)
            except Exception as exc:
                if not is_storage_failure(exc):
                    raise
                # The database is down or locked: RFC 6960's answer for "ask again soon".
                body = self._try_later
                self._metrics.ocsp_answer("fast", body)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", _OCSP_MEDIA_TYPE.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"cache-control", _OCSP_CACHE_CONTROL.encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def _lookup(self, der: bytes) -> bytes:
        ca, reader, now = self.ca, self.reader, self.rt.clock.now()
        if reader.is_local:
            answer = ca.ocsp_presigned(reader.read_dedicated, der, now)
        else:
            answer = await run_in_threadpool(ca.ocsp_presigned, reader, der, now)
        if answer is not None:
            self._metrics.ocsp_answer("fast", answer)
            return answer
        signed = await run_in_threadpool(self._sign, der, now)
        self._metrics.ocsp_answer("signed", signed)
        return signed

    def _sign(self, der: bytes, now: datetime) -> bytes:
        with self.rt.sessions() as db:
            return self.ca.ocsp(db, der, now, status_reader=self.reader)


@router.post(
    "/tsa",
    response_class=Response,
    operation_id="timestampRequest",
    responses=binary("application/timestamp-reply", "The time-stamp response, DER"),
    openapi_extra=binary_body("application/timestamp-query", "DER"),
)
async def tsa(request: Request, db: SessionDep, rt: RuntimeDep) -> Response:
    """RFC 3161 time-stamping: a DER `TimeStampReq` in, a DER `TimeStampResp` out.

    An unusable request is answered with a `rejection` status, not an HTTP error.
    """
    body = await request.body()
    if len(body) > _MAX_REQUEST:
        der = pki_tsa.rejection_response(pki_tsa.PKIFailure.BAD_REQUEST, "request too large")
    else:
        der = await run_in_threadpool(ca_service(rt).timestamp, db, body, rt.clock.now())
    return Response(der, media_type="application/timestamp-reply")
