"""Request body limits, enforced while the body streams in, before anything buffers it.

Each route class has a limit (:func:`limits_for`): a few KB for the unauthenticated login
calls, ``MCERT_HTTP_MAX_JSON_BYTES`` for JSON and forms, the upload limits for the routes
that take files, 16 KB for OCSP and TSA requests. A declared ``Content-Length`` over the
limit is refused before the application runs; a body without one (chunked) is counted as
``receive`` hands it over and refused the moment it passes the limit. Either way the answer
is 413 ``body_too_large`` with the usual JSON error body.

The middleware sits outside everything that reads bodies, the OCSP fast path included, and
must never read a body itself: the server's flow control keeps an unread body off the heap.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mcert.http.errors import BodyTooLarge, body_too_large_body
from mcert.settings import Settings

KB = 1024
PKI_MAX_REQUEST = 16 * KB
SMALL_JSON = 8 * KB
MULTIPART_OVERHEAD = 64 * KB
SEAL_STROKES_MAX = 1024 * KB
_NO_BODY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class RouteLimit:
    method: str
    path: re.Pattern[str]
    max_bytes: int


SEAL_SESSION_MAX = 2 * 1024 * 1024


def limits_for(settings: Settings) -> list[RouteLimit]:
    """The route classes with a limit other than ``http_max_json_bytes``, first match wins."""
    doc = settings.upload_max_document_bytes
    face = settings.upload_max_face_image_bytes

    def route(method: str, pattern: str, max_bytes: int) -> RouteLimit:
        return RouteLimit(method, re.compile(pattern), max_bytes)

    return [
        route("POST", r"/pki/(ocsp|tsa)/?", PKI_MAX_REQUEST),
        # A seal session carries the page thumbnails the phone shows (docs/pdf-sealing.md).
        route("POST", r"/api/rp/v1/sessions", SEAL_SESSION_MAX),
        route("POST", r"/api/app/v1/auth/.*", SMALL_JSON),
        route("POST", r"/api/console/v1/auth/.*", SMALL_JSON),
        route("POST", r"/api/app/v1/realname/[^/]+/face", face + MULTIPART_OVERHEAD),
        route("POST", r"/api/app/v1/face-checks", face + MULTIPART_OVERHEAD),
        # Licence and authorisation letter; on resubmission also the change proof.
        route("POST", r"/api/app/v1/orders/company", 2 * doc + MULTIPART_OVERHEAD),
        route("POST", r"/api/app/v1/orders/[^/]+/resubmit", 3 * doc + MULTIPART_OVERHEAD),
        route("POST", r"/api/app/v1/certificates/[^/]+/change", doc + MULTIPART_OVERHEAD),
        # A seal photo (or the signature pad's PNG) and the strokes (up to ~1 MB of JSON).
        route("POST", r"/api/app/v1/seals(/preview)?", doc + SEAL_STROKES_MAX + MULTIPART_OVERHEAD),
    ]


def limit_function(settings: Settings) -> Callable[[str, str], int]:
    table = limits_for(settings)
    default = settings.http_max_json_bytes

    def limit(method: str, path: str) -> int:
        for r in table:
            if r.method == method and r.path.fullmatch(path):
                return r.max_bytes
        return default

    return limit


async def _refuse(send: Send, max_bytes: int) -> None:
    body = json.dumps(body_too_large_body(max_bytes), ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, limit: Callable[[str, str], int]) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared: int | None = None
        chunked = False
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
                    chunked = True  # unparsable: count what actually arrives
            elif name == b"transfer-encoding":
                chunked = True
        if declared == 0 or (
            declared is None and not chunked and scope["method"] in _NO_BODY_METHODS
        ):
            await self.app(scope, receive, send)
            return
        max_bytes = self.limit(scope["method"], scope["path"])
        if declared is not None and declared > max_bytes:
            await _refuse(send, max_bytes)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    raise BodyTooLarge(max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(send, max_bytes)
