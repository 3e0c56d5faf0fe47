"""Many holders at once against a real server thread pool (a regression test).

On SQLite every transaction holds the database's single write lock. Read-only endpoints
once kept theirs until the session's teardown, and with 40 threads all waiting for that
lock the server stopped for the 30 s busy timeout. Fifty concurrent clients must now all
get their answers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from tests import pkitools
from tests.conftest import agreed, device, last_code

from mcert.clock import SystemClock
from mcert.main import create_app
from mcert.runtime import Runtime

pytestmark = pytest.mark.slow


@pytest.fixture
def clock() -> SystemClock:
    return SystemClock()


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    # Above the 50 concurrent holders: this is about every request being answered, not
    # about admission control turning some away (tests/api/test_admission.py).
    return {"sms_resend_seconds": 0, "max_in_flight": 200}


@pytest.fixture
def server(runtime: Runtime) -> Iterator[str]:
    with pkitools.live_server(create_app(runtime=runtime)) as url:
        yield url


def test_fifty_concurrent_holders_all_get_answers(
    server: str, client: TestClient, runtime: Runtime
) -> None:
    tokens = []
    for i in range(5):
        phone = f"1393333{i:04d}"
        client.post("/api/app/v1/auth/sms-code", json={"phone": phone})
        body = client.post(
            "/api/app/v1/auth/login",
            json={
                "phone": phone,
                "code": (code := last_code(runtime, phone)),
                "agreements": agreed(),
                "device": device(i + 1, code=code),
            },
        ).json()
        tokens.append(body["access_token"])
    statuses: list[int] = []
    lock = threading.Lock()

    def holder(k: int) -> None:
        headers = {"Authorization": f"Bearer {tokens[k % len(tokens)]}"}
        with httpx.Client(base_url=server, timeout=60) as http:
            for _ in range(4):
                for path in (
                    "/api/app/v1/me",
                    "/api/app/v1/certificates",
                    "/api/app/v1/orders",
                    "/api/app/v1/usage",
                ):
                    code = http.get(path, headers=headers).status_code
                    with lock:
                        statuses.append(code)

    threads = [threading.Thread(target=holder, args=(k,)) for k in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(statuses) == 50 * 4 * 4
    assert set(statuses) == {200}
