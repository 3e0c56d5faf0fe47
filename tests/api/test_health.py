from __future__ import annotations

from fastapi.testclient import TestClient


def test_healthz_checks_the_database(client: TestClient) -> None:
    resp = client.get("/healthz")
    assert resp.status_code == 200
    body = resp.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"


def test_every_response_has_a_request_id(client: TestClient) -> None:
    resp = client.get("/healthz")
    assert len(resp.headers["x-request-id"]) >= 8
    echoed = client.get("/healthz", headers={"X-Request-ID": "abc12345-from-lb"})
    assert echoed.headers["x-request-id"] == "abc12345-from-lb"


def test_unknown_api_route_is_json_404(client: TestClient) -> None:
    # Outside the API prefixes, unknown paths belong to the holder app's own router.
    for path in ("/api/app/v1/no/such/thing", "/pki/nothing"):
        resp = client.get(path)
        assert resp.status_code == 404
        assert resp.json()["error"]["code"] == "not_found"


def test_openapi_and_docs_are_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/app/v1/auth/login" in spec["paths"]
    assert client.get("/docs").status_code == 200
