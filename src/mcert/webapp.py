"""The holder web app (``frontend/``) and the operator console (``frontend/console/``),
each served from the folder Vite builds it into.

``webapp_router()`` answers every GET that no API route took: a built file when one
exists (hashed ``/assets/*`` cached for a year, everything else revalidated), otherwise
``index.html`` so the app's history-mode routes (``/certs/…``, ``/orders/…`` where the
payment cashier returns, ``/q/…`` that a phone's camera opens) load the app. It never
answers for the API, PKI, sandbox or documentation prefixes: an unknown path there is the
usual JSON 404. When the app has not been built, it says how to build it.

The build writes ``name.br`` and ``name.gz`` beside each text file (``frontend/vite.config.ts``,
best compression once, no CPU per request); a request whose ``Accept-Encoding`` takes one
gets it with ``Content-Encoding`` (brotli first), any other gets the file as built, and both
carry ``Vary: Accept-Encoding`` so that a cache keeps them apart.

It must be included last in ``create_app`` so that every API route wins, and it must never
serve anything outside the build folder.

``console_router()`` does the same for the operator console under ``/console/`` (built into
``console_dist/``): its own files, hashed ``/console/assets/*`` immutable, ``index.html`` for
its history-mode routes (``/console/reviews/…``). It is included just before the holder
app's catch-all; ``/api/console/…`` is the API and never reaches either.
"""

from __future__ import annotations

import mimetypes
from html import escape
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)

from mcert.http.errors import error_body

DEFAULT_DIST = Path(__file__).parent / "webapp_dist"
CONSOLE_DIST = Path(__file__).parent / "console_dist"

# Paths that belong to the server; the app's fallback must not mask a 404 there.
NOT_APP_PREFIXES = (
    "/api/",
    "/pki/",
    "/sandbox/",
    "/docs",
    "/redoc",
    "/openapi.json",
    "/healthz",
    "/metrics",
    "/readyz",
)

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
SHORT = "public, max-age=86400"

# The app loads only its own scripts; Vant sets inline styles and embeds its icon font as a
# data: URL; uploads preview as data: URLs and the cameras play MediaStream sources.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' blob:; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)
APP_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), microphone=()",
}

# The console: the app's CSP, no camera or microphone, and never framed (old browsers too).
CONSOLE_HEADERS = {
    **APP_HEADERS,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "X-Frame-Options": "DENY",
}

_NOT_BUILT = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mCert 移动证书 - 应用未构建</title>
<style>body{{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;
margin:0 auto;max-width:640px;padding:24px;line-height:1.6;color:#333}}
code,pre{{background:#f3f3f3;border-radius:4px;padding:2px 4px}}pre{{padding:12px}}</style>
</head><body>
<h1>mCert 移动证书</h1>
{qr_note}
<p>The holder web app has not been built, so there is nothing to serve here yet.
The API is running: see <a href="/docs">/docs</a>.</p>
<p>Build it (needs Node.js 20+ and npm) — <code>make install</code> does this when
<code>node</code> and <code>npm</code> are on the PATH — or by hand:</p>
<pre>cd frontend
npm ci
npm run build      # writes {dist}</pre>
<p>then reload this page. See <code>docs/app.md</code>.</p>
</body></html>
"""


_CONSOLE_NOT_BUILT = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>mCert 运营控制台 - 未构建</title></head><body>
<h1>mCert 运营控制台</h1>
<p>The operator console has not been built. Build it with <code>make install</code> or
<code>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</code> (writes {dist}), then reload.
The console API is at <a href="/docs">/docs</a> (tag <code>console</code>).</p>
</body></html>
"""


# Preferred first: brotli is ~15 % smaller than gzip on the app's scripts.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(header: str) -> set[str]:
    """The codings of an ``Accept-Encoding`` header with a q-value above 0 (RFC 9110 12.5.3);
    ``*`` stands for both of ours unless they are named with ``q=0``."""
    accepted: set[str] = set()
    refused: set[str] = set()
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        name = name.strip().lower()
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        (accepted if q > 0 else refused).add(name)
    if "*" in accepted:
        accepted |= {name for name, _ in ENCODINGS} - refused
    return accepted


def _file_response(
    file: Path, request: Request, headers: dict[str, str], media_type: str | None = None
) -> FileResponse:
    """``file``, or its precompressed sibling when the client accepts that coding."""
    media = media_type or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    root = file.parent
    variants = [(name, file.with_name(file.name + ext).resolve()) for name, ext in ENCODINGS]
    # A sibling is served only from the build folder itself (a symlink out of it is not).
    variants = [(n, p) for n, p in variants if p.is_relative_to(root) and p.is_file()]
    if not variants:
        return FileResponse(file, headers=headers, media_type=media)
    headers = {**headers, "Vary": "Accept-Encoding"}
    accepted = accepted_encodings(request.headers.get("accept-encoding", ""))
    for name, path in variants:
        if name in accepted:
            return FileResponse(
                path, headers={**headers, "Content-Encoding": name}, media_type=media
            )
    return FileResponse(file, headers=headers, media_type=media)


def _not_app(path: str) -> bool:
    return any(path == p.rstrip("/") or path.startswith(p) for p in NOT_APP_PREFIXES)


def webapp_router(dist: Path | None = None) -> APIRouter:
    """A catch-all GET route serving the built app from ``dist`` (default: the package's
    ``webapp_dist/``). The folder is looked at per request, so a build after start-up is
    picked up without a restart."""
    root = (dist or DEFAULT_DIST).resolve()
    router = APIRouter(include_in_schema=False)

    @router.api_route("/{path:path}", methods=["GET", "HEAD"])
    def serve(path: str, request: Request) -> Response:
        url_path = request.url.path
        if _not_app(url_path):
            code, message = "not_found", "请求的资源不存在"
            return JSONResponse(error_body(code, message), status_code=404)
        index = root / "index.html"
        if not index.is_file():
            qr_note = (
                "<p>请使用 mCert 移动证书应用扫描此二维码完成操作。</p>"
                if url_path.startswith("/q/")
                else ""
            )
            html = _NOT_BUILT.format(qr_note=qr_note, dist=escape(str(root)))
            return HTMLResponse(html, status_code=503, headers={"Cache-Control": "no-store"})
        if path:
            candidate = (root / path).resolve()
            if candidate.is_relative_to(root) and candidate.is_file() and candidate != index:
                if path.startswith("assets/"):
                    cache = IMMUTABLE
                elif candidate.name in ("sw.js", "manifest.webmanifest"):
                    cache = REVALIDATE
                else:
                    cache = SHORT
                headers = {"Cache-Control": cache, "X-Content-Type-Options": "nosniff"}
                if candidate.name == "sw.js":
                    headers["Service-Worker-Allowed"] = "/"
                media = "application/manifest+json" if candidate.suffix == ".webmanifest" else None
                return _file_response(candidate, request, headers, media)
            if path.startswith("assets/"):
                # A stale hashed name (an old index.html in a cache): a real 404, not the app.
                return JSONResponse(error_body("not_found", "请求的资源不存在"), status_code=404)
        return _file_response(
            index, request, {"Cache-Control": REVALIDATE, **APP_HEADERS}, "text/html; charset=utf-8"
        )

    return router


def console_router(dist: Path | None = None) -> APIRouter:
    """GET ``/console`` and ``/console/…``: the built operator console from ``dist`` (default:
    the package's ``console_dist/``), with the same rules as the holder app — only files
    inside the build folder, hashed assets immutable, ``index.html`` for anything else."""
    root = (dist or CONSOLE_DIST).resolve()
    router = APIRouter(include_in_schema=False)

    @router.api_route("/console", methods=["GET", "HEAD"])
    def console_root() -> Response:
        return RedirectResponse("/console/", status_code=308)

    @router.api_route("/console/{path:path}", methods=["GET", "HEAD"])
    def serve(path: str) -> Response:
        index = root / "index.html"
        if not index.is_file():
            html = _CONSOLE_NOT_BUILT.format(dist=escape(str(root)))
            return HTMLResponse(html, status_code=503, headers={"Cache-Control": "no-store"})
        if path:
            candidate = (root / path).resolve()
            if candidate.is_relative_to(root) and candidate.is_file() and candidate != index:
                cache = IMMUTABLE if path.startswith("assets/") else SHORT
                return FileResponse(
                    candidate,
                    headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"},
                )
            if path.startswith("assets/"):
                return JSONResponse(error_body("not_found", "请求的资源不存在"), status_code=404)
        return FileResponse(
            index,
            media_type="text/html; charset=utf-8",
            headers={"Cache-Control": REVALIDATE, **CONSOLE_HEADERS},
        )

    return router
