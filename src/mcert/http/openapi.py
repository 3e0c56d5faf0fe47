"""The OpenAPI document an integrator reads (``/openapi.json``), made to tell the truth.

FastAPI's defaults describe a different API from ours: operation ids made of the path
(``create_session_api_rp_v1_sessions_post``), a 422 ``HTTPValidationError`` body the
server never sends, and no word of the bearer tokens or the relying party's HMAC headers
because our dependencies read those headers themselves. :func:`install` replaces the
document's builder so that

- operation ids are the endpoint's name in camelCase (:func:`operation_id`, unique);
- every tag carries a description (:data:`TAGS`);
- every 4xx/5xx response has the real body, :class:`ErrorBody` (``mcert.http.errors``),
  and each operation lists the statuses it can answer: the ones every route of its kind
  can (401 when it needs credentials, 404 with a path parameter, 413 and 422 with a body
  or parameters, 500, 503) and those its decorator names with :func:`errors`;
- an operation needs the security schemes its dependencies declare with :func:`requires`
  (public operations list none);
- the summary is the first paragraph of the endpoint's docstring, the description the rest.

Only the document changes here: nothing in this module runs on a request.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel, Field

F = TypeVar("F", bound=Callable[..., Any])

APP_BEARER = "appBearer"
CONSOLE_BEARER = "consoleBearer"
RP_HMAC = ("rpClientId", "rpTimestamp", "rpNonce", "rpSignature")

SECURITY_SCHEMES: dict[str, dict[str, Any]] = {
    APP_BEARER: {
        "type": "http",
        "scheme": "bearer",
        "description": "The holder app's access token from `login` or `refreshTokens` "
        "(`Authorization: Bearer …`). Binding-sensitive calls also carry the device "
        "proof headers listed as their parameters (docs/protocol.md section 6).",
    },
    CONSOLE_BEARER: {
        "type": "http",
        "scheme": "bearer",
        "description": "An operator's token from `consoleLogin` (`Authorization: Bearer …`).",
    },
    "rpClientId": {
        "type": "apiKey",
        "in": "header",
        "name": "X-MCert-Client-Id",
        "description": "The relying party's client id (`rp_` + 16 hex digits).",
    },
    "rpTimestamp": {
        "type": "apiKey",
        "in": "header",
        "name": "X-MCert-Timestamp",
        "description": "Unix seconds; refused when more than 300 s from the server's clock.",
    },
    "rpNonce": {
        "type": "apiKey",
        "in": "header",
        "name": "X-MCert-Nonce",
        "description": "16-64 characters `[A-Za-z0-9_-]`, never reused.",
    },
    "rpSignature": {
        "type": "apiKey",
        "in": "header",
        "name": "X-MCert-Signature",
        "description": "hex HMAC-SHA256 with the client secret over "
        "`METHOD\\nPATH[?QUERY]\\nTIMESTAMP\\nNONCE\\nhex(SHA-256(body))` (docs/scan.md). "
        "All four `X-MCert-*` headers go together.",
    },
}

TAGS: list[dict[str, str]] = [
    {"name": "app: auth", "description": "Holder app: SMS login, tokens, device challenge."},
    {"name": "app: real-name", "description": "Holder app: real-name and face verification."},
    {
        "name": "app: privacy",
        "description": "Holder app: 用户协议 and 隐私政策, separate consents (隐私设置), "
        "我的信息 (what mCert holds, downloaded as JSON or HTML) and 注销账号 (account "
        "cancellation with SMS re-verification and a cooling-off).",
    },
    {"name": "app: orders", "description": "Holder app: prices, applications, payment."},
    {
        "name": "app: certificates",
        "description": "Holder app: download, password, renewal, reissue, change.",
    },
    {
        "name": "app: company",
        "description": "Holder app, the company side: member authorisation (授权管理, a "
        "company's admins only), the company page (单位信息) and company certificates to "
        "claim (待申领的证书).",
    },
    {
        "name": "app: seals",
        "description": "Holder app: electronic seals (电子印章): apply with a photo of the "
        "stamp or a handwritten signature, list, claim with the certificate password.",
    },
    {
        "name": "app: invoices",
        "description": "Holder app: invoices (开票): titles (发票抬头), applications for "
        "completed orders (合并开票), the invoice list and its PDF/XML files.",
    },
    {"name": "app: messages", "description": "Holder app: the message inbox."},
    {"name": "app: scan", "description": "Holder app: scan-to-use and usage records."},
    {
        "name": "rp: sessions",
        "description": "Relying parties (bidding platforms): login, signing and decryption "
        "sessions; every request is HMAC-signed (docs/scan.md).",
    },
    {
        "name": "console",
        "description": "Operator console: login (password and TOTP), sessions, operators, "
        "the review queues across kinds with claims, and application review.",
    },
    {
        "name": "console: approvals",
        "description": "Operator console: two-person approvals of weighty actions.",
    },
    {
        "name": "console: certificates",
        "description": "Operator console: certificate look-up and revocation, CA status.",
    },
    {
        "name": "console: relying parties",
        "description": "Operator console: relying parties, their operations and secrets.",
    },
    {
        "name": "console: look-up",
        "description": "Operator console: holders, companies, orders and usage, masked; "
        "unmasking takes a reason and is audited.",
    },
    {
        "name": "console: audit",
        "description": "Operator console: browse, verify and export the hash-chained audit log.",
    },
    {
        "name": "console: dashboard",
        "description": "Operator console: queue sizes and daily figures.",
    },
    {"name": "console: seals", "description": "Operator console: review of electronic seals."},
    {
        "name": "console: privacy",
        "description": "Operator console: a holder's agreement and consent records (masked), "
        "data-subject requests (exports, cancellations).",
    },
    {
        "name": "console: invoices",
        "description": "Operator console: invoices that failed or need handling (retry, void).",
    },
    {
        "name": "payments",
        "description": "Payment gateways' asynchronous notifications (signed by the gateway).",
    },
    {
        "name": "invoices",
        "description": "The invoicing service's result callbacks (signed by the service).",
    },
    {"name": "pki", "description": "Public PKI endpoints: CA certificates, CRLs, OCSP, TSA."},
    {"name": "ops", "description": "Liveness and readiness probes."},
]

ERROR_STATUSES: dict[int, str] = {
    400: "The request is malformed.",
    401: "Missing or invalid credentials.",
    403: "Authenticated, but not allowed to do this (now).",
    404: "The resource does not exist or is not the caller's.",
    409: "The resource's state does not allow this now.",
    410: "The resource was there once and is no more.",
    413: "The request body is larger than this route accepts (`body_too_large`).",
    422: "Invalid input; `details.fields` names each field and its problem.",
    429: "Too many attempts; retry after the `Retry-After` header's seconds.",
    500: "A server bug (`internal_error`).",
    503: "Storage or a provider is temporarily unavailable; retry after `Retry-After`.",
}

_SECURITY_ATTR = "__mcert_security__"
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. `cert_locked`")
    message: str = Field(description="Human-readable, in Chinese where a holder reads it")
    details: dict[str, Any] | None = Field(
        None, description="Only some codes: e.g. `fields` (422), `max_bytes` (413)"
    )


class ErrorBody(BaseModel):
    """Every error answer of the API (``mcert.http.errors``)."""

    error: ErrorDetail


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route decorator: the statuses this operation can answer beyond
    those every route of its kind can (see the module docstring)."""
    return {status: {"description": ERROR_STATUSES[status]} for status in statuses}


def _bytes(media_type: str, description: str) -> dict[str, Any]:
    schema = {"type": "string", "format": "binary"}
    return {"description": description, "content": {media_type: {"schema": schema}}}


def binary(media_type: str, description: str) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route whose 200 answer is bytes of ``media_type``."""
    return {200: _bytes(media_type, description)}


def binary_body(media_type: str, description: str) -> dict[str, Any]:
    """``openapi_extra=`` for a route that reads its body itself, as bytes."""
    return {"requestBody": {**_bytes(media_type, description), "required": True}}


def json_body(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra=`` for a route that parses its JSON body itself (after authenticating
    the caller), with the model's schema inlined (its ``$defs`` resolved in place)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    content = {"application/json": {"schema": inline(schema)}}
    return {"requestBody": {"required": True, "content": content}}


def text_csv(description: str) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route whose 200 answer is CSV text."""
    return {
        200: {"description": description, "content": {"text/csv": {"schema": {"type": "string"}}}}
    }


def plain_text(description: str) -> dict[str, Any]:
    """A ``responses=`` entry for the few answers that are not JSON (payment gateways)."""
    return {"description": description, "content": {"text/plain": {"schema": {"type": "string"}}}}


def requires(*schemes: str) -> Callable[[F], F]:
    """Mark a dependency as requiring these security schemes (all of them together)."""

    def mark(fn: F) -> F:
        setattr(fn, _SECURITY_ATTR, schemes)
        return fn

    return mark


def camel_case(name: str) -> str:
    head, *rest = name.strip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def operation_id(route: Any) -> str:
    """``generate_unique_id_function``: ``create_session`` → ``createSession``.

    Names that would repeat across domains (``login``, ``cancel``) are given in the route
    decorator (``operation_id=``); a test checks that every id is unique.
    """
    return camel_case(route.name)


def _security(dependant: Dependant) -> tuple[str, ...]:
    found: tuple[str, ...] = getattr(dependant.call, _SECURITY_ATTR, ())
    for sub in dependant.dependencies:
        found = found or _security(sub)
    return found


def _has_inputs(route: Any) -> bool:
    d = route.dependant
    return bool(route.body_field or _flat_params(d))


def _flat_params(d: Dependant) -> list[Any]:
    params = [*d.path_params, *d.query_params, *d.header_params, *d.cookie_params]
    for sub in d.dependencies:
        params.extend(_flat_params(sub))
    return params


def _docstring(route: Any) -> str:
    return inspect.cleandoc(route.endpoint.__doc__ or "").split("\f")[0].strip()


def _summary_and_description(route: Any) -> tuple[str | None, str | None]:
    doc = _docstring(route)
    if not doc:
        return None, None
    first, _, rest = doc.partition("\n\n")
    summary = re.sub(r"\s+", " ", first).strip()
    return summary, rest.strip() or None


_HEADERS: dict[int, dict[str, Any]] = {
    401: {
        "WWW-Authenticate": {
            "description": "`Bearer`",
            "schema": {"type": "string"},
        }
    },
    429: {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
    503: {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
}


def _error_response(status: int, description: str | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description or ERROR_STATUSES.get(status, "Error"),
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
    }
    if status in _HEADERS:
        response["headers"] = _HEADERS[status]
    return response


def _document_operation(route: Any, method: str, op: dict[str, Any]) -> None:
    summary, description = _summary_and_description(route)
    if route.summary is None and summary:
        op["summary"] = summary
    if route.description == _docstring(route):  # not given in the decorator
        if description:
            op["description"] = description
        else:
            op.pop("description", None)

    schemes = _security(route.dependant)
    op["security"] = [{scheme: [] for scheme in schemes}] if schemes else []

    statuses = {500, 503}
    if schemes:
        statuses.add(401)
    if route.dependant.path_params:
        statuses.add(404)
    if method in _BODY_METHODS:
        statuses.add(413)
    if _has_inputs(route):
        statuses.add(422)
    responses: dict[str, Any] = op.setdefault("responses", {})
    for status in statuses:
        responses.setdefault(str(status), {})
    for key, response in list(responses.items()):
        content = response.get("content", {})
        fastapi_422 = "HTTPValidationError" in str(content)
        if key[:1] in ("4", "5") and (not content or fastapi_422):
            description = None if fastapi_422 else response.get("description")
            responses[key] = _error_response(int(key), description)
    op["responses"] = dict(sorted(responses.items()))


def document(app: FastAPI, doc: dict[str, Any]) -> None:
    """Rewrite FastAPI's document of ``app`` in place (see the module docstring)."""
    paths: dict[str, dict[str, Any]] = doc.get("paths", {})
    # Routes of included routers are contexts wrapping the router's own APIRoute.
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute):
            continue
        route: Any = context
        if not route.include_in_schema:
            continue
        for method in sorted(route.methods):
            op = paths.get(route.path_format, {}).get(method.lower())
            if op is not None:
                _document_operation(route, method, op)

    schemas: dict[str, Any] = doc.setdefault("components", {}).setdefault("schemas", {})
    # FastAPI's own 422 model: the API never sends it (mcert.http.errors answers ErrorBody).
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    body = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(body.pop("$defs", {}))
    schemas["ErrorBody"] = body
    doc["components"]["schemas"] = dict(sorted(schemas.items()))
    doc["components"]["securitySchemes"] = SECURITY_SCHEMES


def install(app: FastAPI) -> None:
    """Serve FastAPI's document rewritten by :func:`document`, with :data:`TAGS`.

    ``create_app`` also passes :func:`operation_id` as ``generate_unique_id_function``.
    """
    app.openapi_tags = TAGS
    generate = app.openapi
    documented: list[dict[str, Any]] = []

    def openapi() -> dict[str, Any]:
        doc = generate()  # cached by FastAPI until routes are added
        if not documented or documented[0] is not doc:
            document(app, doc)
            documented[:] = [doc]
        return doc

    app.openapi = openapi  # type: ignore[method-assign]
