from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from mcert.ca.service import ca_service
from mcert.main import create_app
from mcert.runtime import Runtime
from mcert.settings import Settings


def test_healthz_is_liveness_only(client: TestClient) -> None:
    resp = client.get("/healthz")
    assert resp.status_code == 200
    body = resp.json()
    assert body["status"] == "ok"
    assert "database" not in body  # readiness is /readyz


def test_readyz_checks_database_disk_ca_keys_and_redis(
    client: TestClient, runtime: Runtime
) -> None:
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
    resp = client.get("/readyz")
    assert resp.status_code == 200, resp.text
    checks = resp.json()["checks"]
    assert checks["database"] == checks["disk"] == checks["ca_keys"] == "ok"
    assert checks["redis"] == ("ok" if runtime.settings.redis_url else "disabled")


def test_readyz_fails_without_ca_keys_or_disk_space(runtime: Runtime) -> None:
    values = {**runtime.settings.model_dump(), "ready_min_free_bytes": 1 << 62}
    rt = Runtime(Settings(**values), clock=runtime.clock, engine=runtime.engine)
    with TestClient(create_app(runtime=rt)) as c:
        resp = c.get("/readyz")
    assert resp.status_code == 503
    assert resp.headers["retry-after"]
    checks = resp.json()["checks"]
    assert checks["database"] == "ok"
    assert checks["disk"].startswith("error:")
    assert checks["ca_keys"].startswith("error:")  # the CA was never initialised


@pytest.fixture
def broken(runtime: Runtime, tmp_path: Path) -> Iterator[TestClient]:
    """The app on a database that cannot be opened (its directory is gone)."""
    engine = create_engine(f"sqlite:///{tmp_path / 'gone' / 'mcert.db'}")
    rt = Runtime(runtime.settings, clock=runtime.clock, engine=engine)
    with TestClient(create_app(runtime=rt)) as c:
        yield c
    engine.dispose()


def test_a_storage_failure_is_503_with_retry_after(broken: TestClient) -> None:
    resp = broken.post("/api/app/v1/auth/sms-code", json={"phone": "13800138000"})
    assert resp.status_code == 503, resp.text
    assert resp.headers["retry-after"] == "5"
    assert resp.json()["error"]["code"] == "storage_unavailable"
    # Liveness stays up; readiness says why not.
    assert broken.get("/healthz").status_code == 200
    ready = broken.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"] == "error: OperationalError"


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
    assert "/readyz" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_disk_errors_are_503_and_data_errors_stay_500(runtime: Runtime) -> None:
    from sqlalchemy.exc import IntegrityError

    app = create_app(runtime=runtime)

    @app.post("/_test/disk-full")
    def disk_full() -> None:
        raise OSError(28, "No space left on device")

    @app.post("/_test/duplicate")
    def duplicate() -> None:
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))

    with TestClient(app, raise_server_exceptions=False) as c:
        full = c.post("/_test/disk-full")
        assert full.status_code == 503
        assert full.json()["error"]["code"] == "storage_unavailable"
        assert full.headers["retry-after"] == "5"
        dup = c.post("/_test/duplicate")
        assert dup.status_code == 500
        assert dup.json()["error"]["code"] == "internal_error"
        assert dup.headers["x-content-type-options"] == "nosniff"
