"""Security headers on every response, as plain ASGI.

- ``X-Content-Type-Options: nosniff`` everywhere, so nothing we serve is sniffed into HTML
  or script (uploaded documents, OCSP and CRL bytes, JSON).
- ``Strict-Transport-Security`` when ``MCERT_PUBLIC_URL`` is https.
- On HTML without a policy of its own: a ``Content-Security-Policy`` that loads only our
  own scripts and refuses framing (``frame-ancestors 'none'``), and ``Referrer-Policy``.
  Pages with inline scripts (the demo RP) set their own policy with the scripts' hashes;
  the holder app sets its own (``mcert.webapp.CSP``).

It never reads or changes a body.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HTML_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
HSTS = "max-age=31536000; includeSubDomains"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def csp_for_inline_scripts(html: str) -> str:
    """:data:`HTML_CSP` that also runs exactly the page's own inline scripts, by hash."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode()).digest()).decode() + "'"
        for m in _INLINE_SCRIPT.findall(html)
    )
    return HTML_CSP.replace("script-src 'self'", f"script-src 'self' {hashes}".rstrip())


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.always: list[tuple[bytes, bytes]] = [(b"x-content-type-options", b"nosniff")]
        if hsts:
            self.always.append((b"strict-transport-security", HSTS.encode()))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers.extend(h for h in self.always if h[0] not in names)
                content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"")
                if content_type.startswith(b"text/html"):
                    if b"content-security-policy" not in names:
                        headers.append((b"content-security-policy", HTML_CSP.encode()))
                    if b"referrer-policy" not in names:
                        headers.append((b"referrer-policy", b"same-origin"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
