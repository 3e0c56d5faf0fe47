"""Request id and client address for every request, as plain ASGI (no per-request task).

The client address is the TCP peer, unless the peer is one of ``MCERT_TRUSTED_PROXIES``:
then it is the right-most ``X-Forwarded-For`` entry that is not itself a trusted proxy.
Entries left of that were written by the client and prove nothing; believing the first
one would let anyone pick the address their SMS limits are counted under.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mcert.requestctx import RequestInfo, reset_request, set_request

log = logging.getLogger("mcert.access")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


Network = IPv4Network | IPv6Network


def _parse_ip(text: str) -> IPv4Address | IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        return ip_address(text)
    except ValueError:
        return None


def client_address(
    peer: str | None, forwarded_for: Sequence[str], trusted: Sequence[Network]
) -> str | None:
    """The client's address: ``peer`` unless a trusted proxy vouches for another."""
    if peer is None or not trusted:
        return peer

    def is_trusted(ip: IPv4Address | IPv6Address | None) -> bool:
        return ip is not None and any(ip in net for net in trusted)

    current = _parse_ip(peer)
    if not is_trusted(current):
        return peer
    hops = [h for value in forwarded_for for h in value.split(",")]
    for hop in reversed(hops):
        ip = _parse_ip(hop)
        if ip is None:
            break  # garbage left of the last trusted hop: the client wrote it
        current = ip
        if not is_trusted(ip):
            break
    return str(current) if current is not None else peer


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, *, trusted_proxies: Sequence[Network] = ()) -> None:
        self.app = app
        self.trusted_proxies = tuple(trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming, forwarded = "", []
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                incoming = value.decode("latin-1")
            elif name == b"x-forwarded-for":
                forwarded.append(value.decode("latin-1"))
        request_id = incoming if _SAFE_ID.match(incoming) else secrets.token_hex(8)
        client = scope.get("client")
        client_ip = client_address(client[0] if client else None, forwarded, self.trusted_proxies)
        token = set_request(RequestInfo(request_id, client_ip))
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"].append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log.info(
                "%s %s %s %.1fms",
                scope["method"],
                scope["path"],
                status,
                (time.perf_counter() - started) * 1000,
            )
            reset_request(token)
