"""``/metrics``: unauthenticated failures are counted here instead of in the audit chain."""

from __future__ import annotations

import secrets

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select
from tests.conftest import Backend

from mcert import main
from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.main import create_app
from mcert.runtime import Runtime
from mcert.settings import Settings


def sample(client: TestClient, name: str, **labels: str) -> float:
    """The value of one sample on /metrics (0 when absent), as a scraper reads it."""
    text = client.get("/metrics").text
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


def _audit_count(runtime: Runtime) -> int:
    with runtime.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_metrics_are_prometheus_text_and_count_refused_credentials(
    client: TestClient, runtime: Runtime
) -> None:
    chain = _audit_count(runtime)
    assert client.get("/api/app/v1/me").status_code == 401
    rp = client.get(
        "/api/rp/v1/sessions/x",
        headers={
            "X-MCert-Client-Id": "no-such-rp",
            "X-MCert-Timestamp": "1",
            "X-MCert-Nonce": "n" * 20,
            "X-MCert-Signature": "0" * 64,
        },
    )
    assert rp.status_code == 401
    resp = client.get("/metrics")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert 'mcert_auth_failures_total{code="unauthenticated"} 1.0' in resp.text
    assert 'mcert_auth_failures_total{code="rp_auth_failed"} 1.0' in resp.text
    assert _audit_count(runtime) == chain


class TestToken:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, object]:
        return {"metrics_token": "scrape-token-0123456789"}

    def test_metrics_token_is_required_when_set(self, client: TestClient) -> None:
        assert client.get("/metrics").status_code == 401
        wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        assert wrong.json()["error"]["code"] == "metrics_unauthenticated"
        ok = client.get("/metrics", headers={"Authorization": "Bearer scrape-token-0123456789"})
        assert ok.status_code == 200


@pytest.fixture
def production(backend: Backend, tmp_path: object) -> dict[str, object]:
    return {
        "env": "production",
        "data_dir": tmp_path,
        "database_url": backend.url,
        "secret_key": secrets.token_urlsafe(48),
        "ca_key_passphrase": secrets.token_urlsafe(32),
        **{
            f"{kind}_provider": "vendor"
            for kind in ("sms", "realname", "face", "payment", "invoice", "email")
        },
    }


@pytest.mark.parametrize(("enabled", "status"), [(None, 404), (True, 200)])
def test_metrics_are_off_in_production_unless_enabled(
    production: dict[str, object],
    backend: Backend,
    clock: FrozenClock,
    enabled: bool | None,
    status: int,
) -> None:
    settings = Settings(**production, metrics_enabled=enabled)  # type: ignore[arg-type]
    app = create_app(runtime=Runtime(settings, clock=clock, engine=backend.engine))
    assert TestClient(app).get("/metrics").status_code == status


def test_http_requests_are_counted_by_route_template_not_raw_path(client: TestClient) -> None:
    route = "/api/rp/v1/sessions/{session_id}"
    before = sample(client, "mcert_http_requests_total", method="GET", route=route, status="401")
    for session_id in ("a1", "b2", "c3"):
        assert client.get(f"/api/rp/v1/sessions/{session_id}").status_code == 401
    text = client.get("/metrics").text
    assert "/api/rp/v1/sessions/a1" not in text  # the raw path never becomes a label
    after = sample(client, "mcert_http_requests_total", method="GET", route=route, status="401")
    assert after - before == 3
    assert (
        sample(client, "mcert_http_request_duration_seconds_count", method="GET", route=route) == 3
    )


def test_unrouted_requests_and_odd_methods_get_fixed_labels(client: TestClient) -> None:
    # Refused before routing (declared body past every limit): no route, the fixed label.
    big = client.post("/api/app/v1/no/such/12345", content=b"x" * (2 * 1024 * 1024))
    assert big.status_code == 413
    # Anything the holder app's catch-all takes is labelled with its template.
    assert client.post("/no/such/thing/12345").status_code == 405
    assert client.request("BREW", "/api/app/v1/me").status_code == 405
    text = client.get("/metrics").text
    assert "/no/such" not in text
    assert "BREW" not in text
    assert (
        sample(client, "mcert_http_requests_total", method="POST", route="none", status="413") == 1
    )
    assert sample(client, "mcert_http_requests_total", method="POST", route="/{path:path}") == 1
    assert sample(client, "mcert_http_requests_total", method="other", route="/api/app/v1/me") == 1


def test_ocsp_fast_path_answers_are_counted_but_not_as_http_requests(
    client: TestClient,
) -> None:
    assert client.get("/pki/ocsp/not-base64!").status_code == 200  # malformed: unsigned error
    assert client.post("/pki/ocsp", content=b"junk").status_code == 200
    assert sample(client, "mcert_ocsp_responses_total", path="fast", status="malformed") == 2
    assert "/pki/ocsp" not in client.get("/metrics").text.split("mcert_ocsp_responses", 1)[0]


def test_queue_sizes_are_read_only_when_metrics_are_scraped(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = main.queue_sizes

    def counting(rt: Runtime) -> object:
        calls.append(1)
        return real(rt)

    monkeypatch.setattr(main, "queue_sizes", counting)
    for _ in range(3):
        client.get("/api/app/v1/me")
    assert calls == []
    assert sample(client, "mcert_queue_size", queue="scan_sessions_open") == 0
    assert sample(client, "mcert_queue_scrape_errors") == 0
    assert calls == [1, 1]  # one read per scrape


def test_a_scrape_answers_when_the_queues_cannot_be_read(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(rt: Runtime) -> object:
        raise RuntimeError("database down")

    monkeypatch.setattr(main, "queue_sizes", broken)
    resp = client.get("/metrics")
    assert resp.status_code == 200
    assert sample(client, "mcert_queue_scrape_errors") == 1
