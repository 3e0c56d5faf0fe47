"""SMS login / registration through HTTP (manual part 1)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import device, last_code

from mcert.clock import FrozenClock
from mcert.runtime import Runtime

PHONE = "13800138000"


def login(client: TestClient, runtime: Runtime, phone: str = PHONE, n: int = 1) -> dict[str, Any]:
    assert client.post("/api/app/v1/auth/sms-code", json={"phone": phone}).status_code == 200
    code = last_code(runtime, phone)
    resp = client.post(
        "/api/app/v1/auth/login", json={"phone": phone, "code": code, "device": device(n)}
    )
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_first_login_creates_account_and_me_shows_it(client: TestClient, runtime: Runtime) -> None:
    body = login(client, runtime)
    assert body["is_new_user"] is True
    assert body["user"]["phone_masked"] == "138****8000"
    me = client.get("/api/app/v1/me", headers=auth(body["access_token"]))
    assert me.status_code == 200
    assert me.json()["user"]["id"] == body["user"]["id"]
    [dev] = me.json()["devices"]
    assert dev["device_key"] == "test-device-0001"
    assert dev["current"] is True


def test_second_login_is_same_account_and_new_device_is_recorded(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    first = login(client, runtime)
    clock.advance(61)
    second = login(client, runtime, n=2)
    assert second["is_new_user"] is False
    assert second["user"]["id"] == first["user"]["id"]
    devices = client.get("/api/app/v1/me", headers=auth(second["access_token"])).json()["devices"]
    assert {d["device_key"] for d in devices} == {"test-device-0001", "test-device-0002"}


def test_plus86_prefix_is_the_same_account(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    first = login(client, runtime)
    clock.advance(61)
    second = login(client, runtime, phone="+86 13800138000")
    assert second["user"]["id"] == first["user"]["id"]


@pytest.mark.parametrize(
    "phone", ["12800138000", "1380013800", "138001380001", "abc", "+1 2025550123"]
)
def test_non_mainland_or_malformed_phone_is_422_with_code(client: TestClient, phone: str) -> None:
    resp = client.post("/api/app/v1/auth/sms-code", json={"phone": phone})
    assert resp.status_code == 422
    err = resp.json()["error"]
    assert err["code"] == "phone_invalid"
    assert "手机号" in err["message"]


def test_code_is_single_use(client: TestClient, runtime: Runtime) -> None:
    client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    code = last_code(runtime, PHONE)
    payload = {"phone": PHONE, "code": code, "device": device()}
    assert client.post("/api/app/v1/auth/login", json=payload).status_code == 200
    again = client.post("/api/app/v1/auth/login", json=payload)
    assert again.status_code == 422
    assert again.json()["error"]["code"] == "sms_code_invalid"


def test_sixth_try_with_right_code_after_five_wrong_fails(
    client: TestClient, runtime: Runtime
) -> None:
    client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    code = last_code(runtime, PHONE)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    lefts = []
    for _ in range(5):
        resp = client.post(
            "/api/app/v1/auth/login", json={"phone": PHONE, "code": wrong, "device": device()}
        )
        assert resp.status_code == 422
        lefts.append(resp.json()["error"].get("details", {}).get("attempts_left"))
    assert lefts == [4, 3, 2, 1, None]
    right = client.post(
        "/api/app/v1/auth/login", json={"phone": PHONE, "code": code, "device": device()}
    )
    assert right.status_code == 422
    assert right.json()["error"]["code"] == "sms_code_invalid"


def test_code_expires_after_five_minutes(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    code = last_code(runtime, PHONE)
    clock.advance(301)
    resp = client.post(
        "/api/app/v1/auth/login", json={"phone": PHONE, "code": code, "device": device()}
    )
    assert resp.status_code == 422


def test_resend_within_60s_is_429_with_retry_after(client: TestClient) -> None:
    assert client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE}).status_code == 200
    resp = client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    assert resp.status_code == 429
    assert resp.json()["error"]["code"] == "sms_too_soon"
    assert 1 <= int(resp.headers["Retry-After"]) <= 60


def test_new_code_replaces_the_old_one(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    old = last_code(runtime, PHONE)
    clock.advance(61)
    client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    new = last_code(runtime, PHONE)
    if old != new:
        resp = client.post(
            "/api/app/v1/auth/login", json={"phone": PHONE, "code": old, "device": device()}
        )
        assert resp.status_code == 422
    resp = client.post(
        "/api/app/v1/auth/login", json={"phone": PHONE, "code": new, "device": device()}
    )
    assert resp.status_code == 200


class TestDailyLimit:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, object]:
        return {"sms_resend_seconds": 0}

    def test_eleventh_code_of_a_day_is_429(self, client: TestClient) -> None:
        for i in range(10):
            resp = client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
            assert resp.status_code == 200, (i, resp.text)
        resp = client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
        assert resp.status_code == 429
        assert resp.json()["error"]["code"] == "sms_daily_limit"
        # Retry-After points at Beijing midnight: the frozen clock is 10:00 there.
        assert int(resp.headers["Retry-After"]) == 14 * 3600
        other = client.post("/api/app/v1/auth/sms-code", json={"phone": "13900139000"})
        assert other.status_code == 200


class TestIPLimit:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, object]:
        return {"sms_resend_seconds": 0, "sms_ip_hourly_limit": 3}

    def test_fourth_code_from_one_ip_is_429(self, client: TestClient) -> None:
        for i in range(3):
            resp = client.post("/api/app/v1/auth/sms-code", json={"phone": f"1380013800{i}"})
            assert resp.status_code == 200
        resp = client.post("/api/app/v1/auth/sms-code", json={"phone": "13800138009"})
        assert resp.status_code == 429
        assert "Retry-After" in resp.headers


def test_response_does_not_reveal_registration(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    login(client, runtime)
    clock.advance(61)
    known = client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    unknown = client.post("/api/app/v1/auth/sms-code", json={"phone": "13700137000"})
    assert known.status_code == unknown.status_code == 200
    assert known.json() == unknown.json()


def test_unreachable_phone_is_503_and_code_is_dead(client: TestClient) -> None:
    resp = client.post("/api/app/v1/auth/sms-code", json={"phone": "13400001234"})
    assert resp.status_code == 503
    assert resp.json()["error"]["code"] == "sms_send_failed"


def test_refresh_rotates_and_reuse_revokes_family(client: TestClient, runtime: Runtime) -> None:
    body = login(client, runtime)
    r1 = client.post("/api/app/v1/auth/refresh", json={"refresh_token": body["refresh_token"]})
    assert r1.status_code == 200
    new = r1.json()
    assert new["refresh_token"] != body["refresh_token"]
    assert client.get("/api/app/v1/me", headers=auth(new["access_token"])).status_code == 200
    # The old refresh token comes back: someone copied it. The whole family dies.
    reuse = client.post("/api/app/v1/auth/refresh", json={"refresh_token": body["refresh_token"]})
    assert reuse.status_code == 401
    assert reuse.json()["error"]["code"] == "refresh_token_reused"
    assert client.get("/api/app/v1/me", headers=auth(new["access_token"])).status_code == 401
    r2 = client.post("/api/app/v1/auth/refresh", json={"refresh_token": new["refresh_token"]})
    assert r2.status_code == 401


def test_logout_kills_access_and_refresh(client: TestClient, runtime: Runtime) -> None:
    body = login(client, runtime)
    assert (
        client.post("/api/app/v1/auth/logout", headers=auth(body["access_token"])).status_code
        == 204
    )
    assert client.get("/api/app/v1/me", headers=auth(body["access_token"])).status_code == 401
    r = client.post("/api/app/v1/auth/refresh", json={"refresh_token": body["refresh_token"]})
    assert r.status_code == 401


def test_access_token_expires(client: TestClient, runtime: Runtime, clock: FrozenClock) -> None:
    body = login(client, runtime)
    clock.advance(901)
    resp = client.get("/api/app/v1/me", headers=auth(body["access_token"]))
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "token_expired"


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer garbage", "Basic abc"])
def test_me_requires_a_valid_token(client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    resp = client.get("/api/app/v1/me", headers=headers)
    assert resp.status_code == 401
    assert resp.json()["error"]["message"]


def test_bad_login_body_gets_stable_error(client: TestClient) -> None:
    resp = client.post("/api/app/v1/auth/login", json={"phone": PHONE, "code": "12ab"})
    assert resp.status_code == 422
    err = resp.json()["error"]
    assert err["code"] == "sms_code_invalid"  # the field's own code, with every field listed
    assert {f["field"] for f in err["details"]["fields"]} >= {"code", "device"}


def test_codes_are_stored_hashed_and_phones_encrypted(client: TestClient, runtime: Runtime) -> None:
    from sqlalchemy import text

    login(client, runtime)
    code = last_code(runtime, PHONE)
    with runtime.engine.connect() as conn:  # type: ignore[union-attr]
        dump = " ".join(
            str(row)
            for table in ("sms_codes", "users", "audit_entries", "devices")
            for row in conn.execute(text(f"SELECT * FROM {table}"))
        )
    assert code not in dump
    assert PHONE not in dump
