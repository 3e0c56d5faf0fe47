"""Refuse characters no database can store before they reach one.

PostgreSQL rejects a NUL (U+0000) in any text value, and both databases fail to encode a
lone surrogate (``"\\ud800"`` in JSON); either used to come back as a 500 from deep inside a
query. No legitimate field of mCert's API holds one, so they are refused at the edge with
422 ``nul_not_allowed``:

* :class:`NULGuardMiddleware` (ASGI) checks the path, the query string (percent-decoded)
  and the header values of every HTTP request;
* :func:`check_body` checks every string (keys too) of a JSON body and every value of a
  URL-encoded form; :class:`mcert.http.routing.TransactionScopedRoute` runs it for every API
  route before FastAPI parses the body. Multipart text fields go through the field types
  (``mcert.text``, ``mcert.ident``), which refuse controls anyway; file contents are bytes.

This module never logs or echoes the refused input.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_to_bytes

from fastapi import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from mcert.errors import InvalidInput
from mcert.http.errors import error_body

__all__ = ["NULGuardMiddleware", "NULNotAllowed", "check_body", "has_bad_chars"]


class NULNotAllowed(InvalidInput):
    code = "nul_not_allowed"
    default_message = "请求中包含不允许的字符"


def has_bad_chars(text: str) -> bool:
    """NUL, or a lone surrogate (which cannot be encoded as UTF-8)."""
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _walk(value: Any) -> bool:
    # Iterative: a deeply nested body must not exhaust the stack here.
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if has_bad_chars(item):
                return True
        elif isinstance(item, dict):
            for k, v in item.items():
                if has_bad_chars(k):
                    return True
                stack.append(v)
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _json_is_bad(body: bytes) -> bool:
    # Raw control characters are invalid JSON (FastAPI answers 422 json_invalid); what gets
    # through is the escape. Only parse when one could be there.
    lowered = body.lower()
    if b"\\u0000" not in lowered and b"\\ud" not in lowered:
        return False
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        return False  # FastAPI reports the malformed (or too deep) JSON itself
    return _walk(parsed)


def _form_is_bad(body: bytes) -> bool:
    return b"\x00" in unquote_to_bytes(body.replace(b"+", b" "))


async def check_body(request: Request) -> None:
    """Raise :class:`NULNotAllowed` if the JSON or URL-encoded body holds a NUL/surrogate."""
    if request.method in ("GET", "HEAD", "OPTIONS", "DELETE"):
        return
    ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if ctype == "application/x-www-form-urlencoded":
        if _form_is_bad(await request.body()):
            raise NULNotAllowed(details={"where": "body"})
    elif ctype.startswith("multipart/"):
        return
    elif not ctype or ctype == "application/json" or ctype.endswith("+json"):
        if _json_is_bad(await request.body()):
            raise NULNotAllowed(details={"where": "body"})


class NULGuardMiddleware:
    """Answer 422 to a request whose path, query or headers hold a NUL byte."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            where = self._where(scope)
            if where is not None:
                exc = NULNotAllowed(details={"where": where})
                response = JSONResponse(error_body(exc.code, exc.message, exc.details), 422)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    def _where(scope: Scope) -> str | None:
        raw_path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "replace")
        if "\x00" in scope.get("path", "") or b"\x00" in unquote_to_bytes(raw_path):
            return "path"
        query: bytes = scope.get("query_string", b"")
        if query and (b"\x00" in query or b"%00" in query or b"\x00" in unquote_to_bytes(query)):
            return "query"
        if any(b"\x00" in value for _, value in scope.get("headers", ())):
            return "header"
        return None
