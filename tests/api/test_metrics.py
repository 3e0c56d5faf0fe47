"""``/metrics``: unauthenticated failures are counted here instead of in the audit chain."""

from __future__ import annotations

import secrets

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.conftest import Backend

from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.main import create_app
from mcert.runtime import Runtime
from mcert.settings import Settings


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
        **{f"{kind}_provider": "vendor" for kind in ("sms", "realname", "face", "payment")},
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
