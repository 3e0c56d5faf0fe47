"""A started test client's requests in one hop to the app's event loop.

Starlette's test client (started: ``with TestClient(app) as c``) runs the app on an event
loop in a thread of its own and crosses from the test's thread to it and back ~7 times per
request (the request, the start of the answer, each part of its body, the end): ~2-3 ms
per request on the shared CI machine, as much as the app itself spends on most of the
tests' requests. :func:`install` has the client's requests sent on that same event loop,
by httpx's ASGI transport (the same ASGI call of the same app, with the client's address),
in one crossing; the answer's body parts come back as the app sent them. Nothing else
changes: cookies, redirects, base URL and headers are the client's own (httpx's client
layer), an exception in the app is raised in the test as before. Before the client is
started, after it is closed, and for WebSockets, its own transport answers.

If httpx or Starlette no longer has what this relies on, :func:`install` does nothing: the
tests are slower, not different.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
from fastapi.testclient import TestClient


class _Parts(httpx.SyncByteStream):
    def __init__(self, parts: list[bytes]) -> None:
        self.parts = parts

    def __iter__(self) -> Iterator[bytes]:
        yield from self.parts


class OneHopTransport(httpx.BaseTransport):
    def __init__(self, client: TestClient, own: httpx.BaseTransport, address: Any) -> None:
        self.client = client
        self.own = own
        self.asgi = httpx.ASGITransport(app=client.app, client=address)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        portal = getattr(self.client, "portal", None)
        if portal is None or request.url.scheme not in ("http", "https"):
            return self.own.handle_request(request)
        request.read()  # a body of any kind becomes bytes, readable on the event loop

        async def hop() -> tuple[int, list[tuple[bytes, bytes]], list[bytes]]:
            response = await self.asgi.handle_async_request(request)
            parts = [part async for part in response.stream]  # type: ignore[union-attr]
            return response.status_code, response.headers.raw, parts

        status, headers, parts = portal.call(hop)
        return httpx.Response(status, headers=headers, stream=_Parts(parts), request=request)

    def close(self) -> None:
        self.own.close()


def install(client: TestClient, address: Any = ("testclient", 50000)) -> TestClient:
    """Send ``client``'s requests in one hop once it is started; ``address`` is the client
    address it was made with (``TestClient(..., client=...)``, default ``testclient``)."""
    own = getattr(client, "_transport", None)
    if isinstance(own, httpx.BaseTransport) and hasattr(client, "portal"):
        client._transport = OneHopTransport(client, own, address)
    return client
