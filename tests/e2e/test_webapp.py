"""Serving the built app and the operator console (src/mcert/webapp.py): history-mode
fallback, caching headers, the server's own prefixes left alone, and the message when either
is not built. No browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mcert.main import create_app
from mcert.runtime import Runtime
from mcert.webapp import console_router, webapp_router


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    d = tmp_path / "dist"
    (d / "assets").mkdir(parents=True)
    (d / "index.html").write_text("<!doctype html><div id=app></div>")
    (d / "assets" / "index-abc123.js").write_text("console.log(1)")
    (d / "sw.js").write_text("// sw")
    (d / "manifest.webmanifest").write_text("{}")
    (d / "icon-192.png").write_bytes(b"\x89PNG")
    (tmp_path / "secret.txt").write_text("outside")
    return d


def served(dist: Path) -> TestClient:
    app = FastAPI()

    @app.get("/api/app/v1/ping")
    def ping() -> dict[str, str]:
        return {"pong": "yes"}

    app.include_router(webapp_router(dist))
    return TestClient(app)


def test_files_and_history_fallback(dist: Path) -> None:
    c = served(dist)
    index = c.get("/")
    assert index.status_code == 200
    assert index.headers["cache-control"] == "no-cache"
    assert "default-src 'self'" in index.headers["content-security-policy"]
    for path in ("/certs/abc", "/orders/123?out_trade_no=1", "/q/tok.0.abcd", "/login"):
        r = c.get(path)
        assert r.status_code == 200, path
        assert r.text == index.text
        assert r.headers["cache-control"] == "no-cache"
    asset = c.get("/assets/index-abc123.js")
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "javascript" in asset.headers["content-type"]
    assert c.get("/sw.js").headers["cache-control"] == "no-cache"
    assert (
        c.get("/manifest.webmanifest")
        .headers["content-type"]
        .startswith("application/manifest+json")
    )
    assert c.get("/icon-192.png").headers["cache-control"] == "public, max-age=86400"
    assert c.head("/certs").status_code == 200


def test_server_paths_are_not_the_app(dist: Path) -> None:
    c = served(dist)
    assert c.get("/api/app/v1/ping").json() == {"pong": "yes"}
    for path in ("/api/app/v1/nope", "/pki/nope", "/sandbox/pay/x", "/healthz", "/assets/gone.js"):
        r = c.get(path)
        assert r.status_code == 404, path
        assert r.json()["error"]["code"] == "not_found"
    assert c.post("/certs").status_code == 405
    # No way out of the build folder.
    assert "outside" not in c.get("/..%2fsecret.txt").text
    assert "outside" not in c.get("/assets/../../secret.txt").text


def test_not_built_says_how_to_build(tmp_path: Path) -> None:
    c = served(tmp_path / "missing")
    r = c.get("/")
    assert r.status_code == 503
    assert "npm run build" in r.text
    assert "make install" in r.text
    assert "请使用 mCert 移动证书应用扫描此二维码" in c.get("/q/tok.0.abcd").text


def test_the_real_app_keeps_api_routes_and_405s(runtime: Runtime) -> None:
    with TestClient(create_app(runtime=runtime)) as c:
        assert c.get("/healthz").json()["status"] == "ok"
        assert c.get("/openapi.json").status_code == 200
        r = c.get("/api/app/v1/certificates")
        assert r.status_code == 401  # the API answered, not the app
        assert c.post("/api/app/v1/products").status_code == 405
        assert c.get("/api/app/v1/unknown").json()["error"]["code"] == "not_found"


@pytest.fixture
def console_dist(tmp_path: Path) -> Path:
    d = tmp_path / "console_dist"
    (d / "assets").mkdir(parents=True)
    (d / "index.html").write_text("<!doctype html><div id=app>console</div>")
    (d / "assets" / "index-c0ffee.js").write_text("console.log(2)")
    (d / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")
    (tmp_path / "secret.txt").write_text("outside")
    return d


def served_with_console(app_dist: Path, console: Path) -> TestClient:
    app = FastAPI()

    @app.get("/api/console/v1/ping")
    def ping() -> dict[str, str]:
        return {"pong": "console"}

    app.include_router(console_router(console))
    app.include_router(webapp_router(app_dist))
    return TestClient(app)


def test_console_files_and_history_fallback(dist: Path, console_dist: Path) -> None:
    c = served_with_console(dist, console_dist)
    index = c.get("/console/")
    assert index.status_code == 200
    assert "console" in index.text
    assert index.headers["cache-control"] == "no-cache"
    assert "default-src 'self'" in index.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in index.headers["content-security-policy"]
    assert index.headers["x-frame-options"] == "DENY"
    assert "camera=()" in index.headers["permissions-policy"]
    for path in ("/console/queue", "/console/reviews/abc", "/console/login?next=/audit"):
        r = c.get(path)
        assert r.status_code == 200, path
        assert r.text == index.text, path
    redirect = c.get("/console", follow_redirects=False)
    assert redirect.status_code == 308
    assert redirect.headers["location"] == "/console/"
    asset = c.get("/console/assets/index-c0ffee.js")
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "javascript" in asset.headers["content-type"]
    assert c.get("/console/favicon.ico").headers["cache-control"] == "public, max-age=86400"
    # The holder app still owns everything else.
    assert "console" not in c.get("/certs").text
    assert c.get("/").text == c.get("/certs").text


def test_console_never_swallows_the_api_or_leaves_its_folder(
    dist: Path, console_dist: Path
) -> None:
    c = served_with_console(dist, console_dist)
    assert c.get("/api/console/v1/ping").json() == {"pong": "console"}
    for path in ("/api/console/v1/nope", "/console/assets/gone.js"):
        r = c.get(path)
        assert r.status_code == 404, path
        assert r.json()["error"]["code"] == "not_found"
    assert c.post("/console/queue").status_code == 405
    assert "outside" not in c.get("/console/..%2fsecret.txt").text
    assert "outside" not in c.get("/console/assets/../../secret.txt").text
    assert "outside" not in c.get("/console/%2e%2e/secret.txt").text


def test_console_not_built_says_how_to_build(dist: Path, tmp_path: Path) -> None:
    c = served_with_console(dist, tmp_path / "missing")
    r = c.get("/console/queue")
    assert r.status_code == 503
    assert "npm run build" in r.text
    assert r.headers["cache-control"] == "no-store"
    assert c.get("/").status_code == 200  # the holder app is unaffected


def test_the_real_app_serves_the_console_beside_the_console_api(runtime: Runtime) -> None:
    with TestClient(create_app(runtime=runtime)) as c:
        r = c.post("/api/console/v1/auth/login", json={"username": "nobody", "password": "x" * 10})
        assert r.status_code == 401  # the console API answered, not the console's page
        assert c.get("/api/console/v1/reviews").status_code == 401
        assert c.get("/api/console/v1/unknown").json()["error"]["code"] == "not_found"
        page = c.get("/console/queue")
        assert page.status_code in (200, 503)  # built or not, it is the console's answer
        assert "运营控制台" in page.text or "console" in page.text


# ----------------------------------------------------------------------------- compression


def _precompressed(dist: Path) -> bytes:
    """Give the script and index.html their build-time .br/.gz siblings; return the script."""
    import gzip

    script = b"console.log('" + b"mcert " * 400 + b"')"
    (dist / "assets" / "index-abc123.js").write_bytes(script)
    (dist / "assets" / "index-abc123.js.gz").write_bytes(gzip.compress(script))
    (dist / "assets" / "index-abc123.js.br").write_bytes(b"BROTLI" + script[:20])
    html = (dist / "index.html").read_bytes()
    (dist / "index.html.gz").write_bytes(gzip.compress(html))
    return script


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=1.0, gzip;q=0.8", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("*", "br"),
        ("*, br;q=0", "gzip"),
        ("identity", None),
        ("gzip;q=0, br;q=0", None),
        ("", None),
    ],
)
def test_precompressed_assets_follow_accept_encoding(
    dist: Path, accept: str, encoding: str | None
) -> None:
    import gzip

    script = _precompressed(dist)
    c = served(dist)
    r = c.get("/assets/index-abc123.js", headers={"Accept-Encoding": accept})
    assert r.status_code == 200
    assert r.headers["vary"] == "Accept-Encoding"
    assert r.headers["content-type"].startswith("text/javascript")
    assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert r.headers.get("content-encoding") == encoding
    raw = r.read() if encoding is None else None
    if encoding == "br":
        # The test client does not decode brotli here: the bytes are the .br file's.
        assert int(r.headers["content-length"]) == len(b"BROTLI" + script[:20])
    elif encoding == "gzip":
        assert r.content == script  # httpx decoded the gzip body
        assert int(r.headers["content-length"]) == len(gzip.compress(script))
    else:
        assert raw == script
        assert int(r.headers["content-length"]) == len(script)


def test_index_html_compressed_keeps_its_headers(dist: Path) -> None:
    _precompressed(dist)
    c = served(dist)
    r = c.get("/certs/123", headers={"Accept-Encoding": "gzip, br"})
    assert r.headers["content-encoding"] == "gzip"  # no .br of it: the next accepted
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["cache-control"] == "no-cache"
    assert "content-security-policy" in r.headers
    assert r.text == "<!doctype html><div id=app></div>"
    # Files without siblings: no coding, no Vary.
    png = c.get("/icon-192.png", headers={"Accept-Encoding": "gzip, br"})
    assert "content-encoding" not in png.headers
    assert "vary" not in png.headers


def test_a_compressed_sibling_outside_the_build_folder_is_never_served(
    dist: Path, tmp_path: Path
) -> None:
    (dist / "assets" / "index-abc123.js.br").symlink_to(tmp_path / "secret.txt")
    c = served(dist)
    r = c.get("/assets/index-abc123.js", headers={"Accept-Encoding": "br"})
    assert "content-encoding" not in r.headers
    assert r.text == "console.log(1)"
    for path in ("/assets/..%2F..%2Fsecret.txt", "/..%2Fsecret.txt", "/%2E%2E/secret.txt"):
        leaked = c.get(path, headers={"Accept-Encoding": "br, gzip"})
        assert "outside" not in leaked.text
