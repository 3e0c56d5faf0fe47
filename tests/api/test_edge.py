"""The HTTP edge: body limits, client address behind proxies, security headers, API docs."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import TEST_SECRET

from mcert.clock import FrozenClock
from mcert.http.middleware import client_address
from mcert.main import create_app
from mcert.runtime import Runtime
from mcert.settings import Environment, Settings

KB = 1024


def _chunks(total: int, size: int = 8 * KB) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        n = min(size, total - sent)
        sent += n
        yield b"x" * n


def asgi_post(
    app: FastAPI, path: str, headers: dict[str, str], chunks: list[bytes]
) -> tuple[int, dict[str, Any], int]:
    """One POST straight through the ASGI app: (status, JSON body, body chunks it pulled)."""
    pulled = 0
    pending = list(chunks)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        if not pending:
            await asyncio.sleep(3600)  # never: the app must not wait for more
        pulled += 1
        body = pending.pop(0)
        return {"type": "http.request", "body": body, "more_body": bool(pending)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], json.loads(body) if body else {}, pulled


def _too_large(resp: Any, max_bytes: int) -> None:
    assert resp.status_code == 413, resp.text
    err = resp.json()["error"]
    assert err["code"] == "body_too_large"
    assert err["details"]["max_bytes"] == max_bytes


# ------------------------------------------------------------------ body limits (issue 9.4)


def test_declared_oversize_json_is_refused_before_the_app_runs(
    client: TestClient, runtime: Runtime
) -> None:
    body = json.dumps({"phone": "13800138000", "pad": "x" * (200 * KB)})
    resp = client.post(
        "/api/app/v1/auth/sms-code", content=body, headers={"content-type": "application/json"}
    )
    _too_large(resp, 8 * KB)
    assert resp.headers["x-content-type-options"] == "nosniff"
    # Nothing was sent: the request never reached the endpoint.
    assert runtime.sms.outbox(phone="13800138000", limit=1) == []  # type: ignore[attr-defined]


def test_chunked_oversize_bodies_are_counted_as_they_arrive(client: TestClient) -> None:
    # A generator body goes out chunked, without Content-Length.
    for path, limit in (
        ("/api/app/v1/auth/login", 8 * KB),
        ("/api/app/v1/orders/personal", 64 * KB),
        ("/pki/tsa", 16 * KB),
        ("/pki/ocsp", 16 * KB),  # the OCSP fast path, ahead of routing
    ):
        resp = client.post(path, content=_chunks(300 * KB))
        _too_large(resp, limit)


def test_streaming_stops_at_the_limit(runtime: Runtime) -> None:
    app = create_app(runtime=runtime)
    chunks = list(_chunks(1024 * KB, 4 * KB))
    status, body, pulled = asgi_post(app, "/pki/ocsp", {"content-type": "x"}, chunks)
    assert status == 413
    assert body["error"]["code"] == "body_too_large"
    assert pulled == 5  # 20 KB read of the 1 MB sent, then refused


def test_small_pki_requests_still_reach_the_responders(client: TestClient) -> None:
    resp = client.post("/pki/ocsp", content=b"\x30\x03\x02\x01\x00")
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "application/ocsp-response"
    assert resp.headers["x-content-type-options"] == "nosniff"


def test_upload_routes_have_the_upload_limits(client: TestClient, runtime: Runtime) -> None:
    face_limit = runtime.settings.upload_max_face_image_bytes + 64 * KB
    resp = client.post(
        "/api/app/v1/face-checks",
        files={"image": ("a.jpg", b"\xff\xd8\xff" + b"x" * face_limit, "image/jpeg")},
    )
    _too_large(resp, face_limit)
    # Under the upload limit but far over the JSON one: reaches the endpoint (which wants a login).
    ok_size = client.post(
        "/api/app/v1/face-checks", files={"image": ("a.jpg", b"\xff\xd8\xff" * 100_000)}
    )
    assert ok_size.status_code == 401


def test_rp_requests_are_authenticated_on_headers_before_the_body_is_read(
    runtime: Runtime,
) -> None:
    app = create_app(runtime=runtime)
    headers = {
        "content-type": "application/json",
        "x-mcert-client-id": "no-such-rp",
        "x-mcert-timestamp": str(int(runtime.clock.now().timestamp())),
        "x-mcert-nonce": "n" * 24,
        "x-mcert-signature": "0" * 64,
    }
    chunks = list(_chunks(60 * KB, 4 * KB))  # under the limit: only the headers refuse it
    status, body, pulled = asgi_post(app, "/api/rp/v1/sessions", headers, chunks)
    assert status == 401
    assert body["error"]["code"] == "rp_auth_failed"
    assert pulled == 0
    status, _, pulled = asgi_post(app, "/api/rp/v1/sessions", {}, chunks)
    assert (status, pulled) == (401, 0)


# ------------------------------------------------------- client address behind proxies (9.6)


def test_client_address_believes_only_trusted_proxies() -> None:
    from ipaddress import ip_network

    proxies = [ip_network("10.0.0.0/8"), ip_network("fd00::/8")]
    # No trusted proxies configured: the header is ignored.
    assert client_address("10.0.0.5", ["1.2.3.4"], []) == "10.0.0.5"
    # An untrusted peer cannot pick its address.
    assert client_address("203.0.113.9", ["1.2.3.4"], proxies) == "203.0.113.9"
    # Through a trusted proxy: the right-most untrusted hop, not the client-written first one.
    assert client_address("10.0.0.5", ["6.6.6.6, 198.51.100.7"], proxies) == "198.51.100.7"
    assert client_address("10.0.0.5", ["6.6.6.6", "198.51.100.7, 10.0.0.9"], proxies) == (
        "198.51.100.7"
    )
    assert client_address("fd00::1", ["[2001:db8::7]:443"], proxies) == "2001:db8::7"
    # Garbage the client wrote stops the walk at the last address a proxy vouched for.
    assert client_address("10.0.0.5", ["not-an-ip, 10.0.0.9"], proxies) == "10.0.0.9"
    assert client_address("10.0.0.5", [], proxies) == "10.0.0.5"


def _app(runtime: Runtime, **overrides: Any) -> FastAPI:
    values = runtime.settings.model_dump()
    values.update(overrides)
    return create_app(
        runtime=Runtime(Settings(**values), clock=runtime.clock, engine=runtime.engine)
    )


def _send_code(c: TestClient, n: int, xff: str) -> int:
    resp = c.post(
        "/api/app/v1/auth/sms-code",
        json={"phone": f"1390001{n:04d}"},
        headers={"X-Forwarded-For": xff},
    )
    return resp.status_code


def test_sms_ip_limit_counts_each_client_behind_a_trusted_proxy(
    runtime: Runtime, clock: FrozenClock
) -> None:
    app = _app(runtime, trusted_proxies="10.0.0.0/8", sms_ip_hourly_limit=2)
    with TestClient(app, client=("10.0.0.5", 40000)) as c:
        assert [_send_code(c, n, "198.51.100.1") for n in range(3)] == [200, 200, 429]
        # Another client behind the same proxy has its own count...
        assert _send_code(c, 10, "198.51.100.2") == 200
        # ...and a spoofed left-most entry does not escape the real one's.
        assert _send_code(c, 11, "203.0.113.50, 198.51.100.1") == 429


def test_forwarded_for_from_an_untrusted_peer_is_ignored(runtime: Runtime) -> None:
    app = _app(runtime, trusted_proxies="10.0.0.0/8", sms_ip_hourly_limit=2)
    with TestClient(app, client=("203.0.113.9", 40000)) as c:
        codes = [_send_code(c, n, f"198.51.100.{n}") for n in range(3)]
    assert codes == [200, 200, 429]


def test_trusted_proxies_setting_parses_cidrs() -> None:
    s = Settings(trusted_proxies="10.0.0.0/8, 192.168.1.1 ,fd00::/8")
    assert [str(n) for n in s.trusted_proxies] == ["10.0.0.0/8", "192.168.1.1/32", "fd00::/8"]
    assert Settings().trusted_proxies == []


# ---------------------------------------------------------------------- headers (issue 9.14)


def test_nosniff_everywhere_and_no_hsts_over_http(client: TestClient) -> None:
    for path in ("/healthz", "/api/app/v1/me", "/pki/ocsp/AA", "/api/app/v1/nope"):
        resp = client.get(path)
        assert resp.headers["x-content-type-options"] == "nosniff", path
        assert "strict-transport-security" not in resp.headers


def test_hsts_when_the_public_url_is_https(runtime: Runtime) -> None:
    with TestClient(_app(runtime, public_url="https://mcert.example.cn")) as c:
        resp = c.get("/healthz")
    assert resp.headers["strict-transport-security"].startswith("max-age=31536000")


def test_html_pages_carry_a_policy_that_refuses_framing(client: TestClient) -> None:
    for path in ("/q/some-frame", "/docs", "/redoc", "/"):
        resp = client.get(path)
        assert resp.headers["content-type"].startswith("text/html"), path
        csp = resp.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp, path
        assert "script-src 'self'" in csp, path
        assert "unsafe-eval" not in csp


def test_api_docs_load_their_assets_locally(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "cdn" not in html.lower()
    assert "<script>" not in html  # no inline script: the policy allows none
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "init.js", "redoc.standalone.js"):
        resp = client.get(f"/docs/assets/{asset}")
        assert resp.status_code == 200, asset
        assert len(resp.content) > 20
    assert "/openapi.json" in client.get("/docs/assets/init.js").text
    assert "/api/app/v1/auth/login" in client.get("/openapi.json").json()["paths"]


def test_api_docs_can_be_switched_off(runtime: Runtime) -> None:
    with TestClient(_app(runtime, api_docs=False)) as c:
        for path in ("/docs", "/redoc", "/openapi.json", "/docs/assets/init.js"):
            assert c.get(path).status_code == 404, path


def test_api_docs_are_off_in_production_unless_enabled() -> None:
    prod = Settings.model_construct(env=Environment.PRODUCTION, api_docs=None)
    assert prod.effective_api_docs is False
    assert Settings.model_construct(env=Environment.PRODUCTION, api_docs=True).effective_api_docs
    assert Settings(env="test", secret_key=TEST_SECRET).effective_api_docs is True


@pytest.mark.parametrize("path", ["/sandbox/pay/no-such-trade"])
def test_cashier_is_html_with_the_policy(client: TestClient, path: str) -> None:
    resp = client.get(path)
    if resp.headers["content-type"].startswith("text/html"):
        assert "frame-ancestors 'none'" in resp.headers["content-security-policy"]
    assert resp.headers["x-content-type-options"] == "nosniff"
