"""Security headers of the demo's responses (plain ASGI): ``nosniff`` everywhere, and on
HTML a Content-Security-Policy that runs only our own scripts (the inline ones by hash) and
refuses framing, so a page showing a login QR cannot be framed by another site."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def csp_for_inline_scripts(html: str) -> str:
    """:data:`CSP` that also runs exactly the page's own inline scripts, by hash."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode()).digest()).decode() + "'"
        for m in _INLINE_SCRIPT.findall(html)
    )
    return CSP.replace("script-src 'self'", f"script-src 'self' {hashes}".rstrip())


class SecurityHeaders:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                kind = next((v for n, v in headers if n.lower() == b"content-type"), b"")
                if kind.startswith(b"text/html"):
                    if b"content-security-policy" not in names:
                        headers.append((b"content-security-policy", CSP.encode()))
                    headers.append((b"referrer-policy", b"same-origin"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
