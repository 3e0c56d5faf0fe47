"""SMS login / registration through HTTP (manual part 1)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import agreed, device, last_code

from mcert.clock import FrozenClock
from mcert.runtime import Runtime

PHONE = "13800138000"


def login(client: TestClient, runtime: Runtime, phone: str = PHONE, n: int = 1) -> dict[str, Any]:
    assert client.post("/api/app/v1/auth/sms-code", json={"phone": phone}).status_code == 200
    code = last_code(runtime, phone)
    resp = client.post(
        "/api/app/v1/auth/login",
        json={"phone": phone, "code": code, "agreements": agreed(), "device": device(n, code=code)},
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
    payload = {"phone": PHONE, "code": code, "agreements": agreed(), "device": device(code=code)}
    assert client.post("/api/app/v1/auth/login", json=payload).status_code == 200
    again = client.post("/api/app/v1/auth/login", json=payload)
    assert again.status_code == 422
    assert again.json()["error"]["code"] == "sms_code_invalid"


def from_ip(client: TestClient, ip: str) -> TestClient:
    """Another client of the same app, connecting from ``ip``."""
    return TestClient(client.app, client=(ip, 50000))


def wrong_code(code: str, n: int = 1) -> str:
    return f"{(int(code) + n) % 10**6:06d}"


def test_sixth_try_with_right_code_after_five_wrong_fails_from_that_source(
    client: TestClient, runtime: Runtime
) -> None:
    client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    code = last_code(runtime, PHONE)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    lefts = []
    for _ in range(5):
        resp = client.post(
            "/api/app/v1/auth/login",
            json={
                "phone": PHONE,
                "code": wrong,
                "agreements": agreed(),
                "device": device(code=wrong),
            },
        )
        assert resp.status_code == 422
        lefts.append(resp.json()["error"].get("details", {}).get("attempts_left"))
    assert lefts == [4, 3, 2, 1, None]
    right = client.post(
        "/api/app/v1/auth/login",
        json={"phone": PHONE, "code": code, "agreements": agreed(), "device": device(code=code)},
    )
    assert right.status_code == 422
    assert right.json()["error"]["code"] == "sms_code_exhausted"


def test_stranger_guessing_from_another_ip_cannot_burn_the_owners_code(
    client: TestClient, runtime: Runtime
) -> None:
    owner, attacker = from_ip(client, "198.51.100.7"), from_ip(client, "203.0.113.66")
    assert owner.post("/api/app/v1/auth/sms-code", json={"phone": PHONE}).status_code == 200
    code = last_code(runtime, PHONE)
    codes = []
    for n in range(1, 21):
        resp = attacker.post(
            "/api/app/v1/auth/login",
            json={
                "phone": PHONE,
                "code": wrong_code(code, n),
                "agreements": agreed(),
                "device": device(9, code=wrong_code(code, n)),
            },
        )
        codes.append(resp.json()["error"]["code"])
    # Five tries, then this source is refused the code without touching it.
    assert codes[:4] == ["sms_code_invalid"] * 4
    assert set(codes[4:]) == {"sms_code_exhausted"}
    # Even the right code is no use to the attacker's source any more...
    stolen = attacker.post(
        "/api/app/v1/auth/login",
        json={"phone": PHONE, "code": code, "agreements": agreed(), "device": device(9, code=code)},
    )
    assert stolen.status_code == 422
    # ...while the owner logs in with the code on their phone.
    mine = owner.post(
        "/api/app/v1/auth/login",
        json={"phone": PHONE, "code": code, "agreements": agreed(), "device": device(code=code)},
    )
    assert mine.status_code == 200, mine.text


def test_code_guessed_at_from_many_ips_dies_but_owner_gets_a_new_one_soon(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    owner = from_ip(client, "198.51.100.7")
    assert owner.post("/api/app/v1/auth/sms-code", json={"phone": PHONE}).status_code == 200
    code = last_code(runtime, PHONE)
    last = None
    for n in range(1, 11):  # ten wrong tries spread over five sources
        attacker = from_ip(client, f"203.0.113.{n // 2 + 1}")
        last = attacker.post(
            "/api/app/v1/auth/login",
            json={
                "phone": PHONE,
                "code": wrong_code(code, n),
                "agreements": agreed(),
                "device": device(9, code=wrong_code(code, n)),
            },
        )
    assert last is not None
    assert last.json()["error"]["code"] == "sms_code_exhausted"
    dead = owner.post(
        "/api/app/v1/auth/login",
        json={"phone": PHONE, "code": code, "agreements": agreed(), "device": device(code=code)},
    )
    assert dead.status_code == 422
    # Not locked for the day: a new code after the resend interval.
    clock.advance(61)
    assert owner.post("/api/app/v1/auth/sms-code", json={"phone": PHONE}).status_code == 200
    fresh = owner.post(
        "/api/app/v1/auth/login",
        json={
            "phone": PHONE,
            "code": last_code(runtime, PHONE),
            "agreements": agreed(),
            "device": device(code=last_code(runtime, PHONE)),
        },
    )
    assert fresh.status_code == 200, fresh.text


class TestGuessLimitPerSource:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, object]:
        return {"sms_guess_ip_hourly_limit": 6, "sms_resend_seconds": 0}

    def test_source_guessing_across_phones_is_cut_off_and_owner_still_logs_in(
        self, client: TestClient, runtime: Runtime
    ) -> None:
        owner, attacker = from_ip(client, "198.51.100.7"), from_ip(client, "203.0.113.66")
        assert owner.post("/api/app/v1/auth/sms-code", json={"phone": PHONE}).status_code == 200
        code = last_code(runtime, PHONE)
        statuses = []
        for i in range(8):  # two wrong codes each at four phones
            resp = attacker.post(
                "/api/app/v1/auth/login",
                json={
                    "phone": f"1390013900{i // 2}",
                    "code": "000000",
                    "agreements": agreed(),
                    "device": device(9, code="000000"),
                },
            )
            statuses.append(resp.status_code)
        assert statuses == [422] * 6 + [429] * 2
        refused = attacker.post(
            "/api/app/v1/auth/login",
            json={
                "phone": PHONE,
                "code": code,
                "agreements": agreed(),
                "device": device(9, code=code),
            },
        )
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "sms_guess_limit"
        assert "Retry-After" in refused.headers
        mine = owner.post(
            "/api/app/v1/auth/login",
            json={
                "phone": PHONE,
                "code": code,
                "agreements": agreed(),
                "device": device(code=code),
            },
        )
        assert mine.status_code == 200, mine.text


def test_code_expires_after_five_minutes(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    code = last_code(runtime, PHONE)
    clock.advance(301)
    resp = client.post(
        "/api/app/v1/auth/login",
        json={"phone": PHONE, "code": code, "agreements": agreed(), "device": device(code=code)},
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
            "/api/app/v1/auth/login",
            json={"phone": PHONE, "code": old, "agreements": agreed(), "device": device(code=old)},
        )
        assert resp.status_code == 422
    resp = client.post(
        "/api/app/v1/auth/login",
        json={"phone": PHONE, "code": new, "agreements": agreed(), "device": device(code=new)},
    )
    assert resp.status_code == 200


class TestDailyLimit:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, object]:
        return {"sms_resend_seconds": 0, "sms_phone_ip_daily_limit": 100}

    def test_twenty_first_code_of_a_day_is_429(self, client: TestClient) -> None:
        for i in range(20):
            resp = client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
            assert resp.status_code == 200, (i, resp.text)
        resp = client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
        assert resp.status_code == 429
        assert resp.json()["error"]["code"] == "sms_daily_limit"
        # Retry-After points at Beijing midnight: the frozen clock is 10:00 there.
        assert int(resp.headers["Retry-After"]) == 14 * 3600
        other = client.post("/api/app/v1/auth/sms-code", json={"phone": "13900139000"})
        assert other.status_code == 200


def test_stranger_requesting_codes_cannot_use_up_the_owners_day(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    owner, attacker = from_ip(client, "198.51.100.7"), from_ip(client, "203.0.113.66")
    statuses = []
    for _ in range(12):
        statuses.append(
            attacker.post("/api/app/v1/auth/sms-code", json={"phone": PHONE}).status_code
        )
        clock.advance(61)
    # Five codes for this phone from one source a day, then that source is refused.
    assert statuses == [200] * 5 + [429] * 7
    refused = attacker.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    assert refused.json()["error"]["code"] == "sms_source_daily_limit"
    # The refused requests counted against no one but the attacker: the owner gets a code
    # at once (no resend interval was started by them) and logs in.
    assert owner.post("/api/app/v1/auth/sms-code", json={"phone": PHONE}).status_code == 200
    resp = owner.post(
        "/api/app/v1/auth/login",
        json={
            "phone": PHONE,
            "code": last_code(runtime, PHONE),
            "agreements": agreed(),
            "device": device(code=last_code(runtime, PHONE)),
        },
    )
    assert resp.status_code == 200, resp.text


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

    def test_request_flood_is_cut_off_per_source_and_owner_still_gets_a_code(
        self, client: TestClient, runtime: Runtime
    ) -> None:
        owner, attacker = from_ip(client, "198.51.100.7"), from_ip(client, "203.0.113.66")
        flood = [
            attacker.post("/api/app/v1/auth/sms-code", json={"phone": f"1370013700{i}"})
            for i in range(10)
        ]
        assert [r.status_code for r in flood] == [200] * 3 + [429] * 7
        assert owner.post("/api/app/v1/auth/sms-code", json={"phone": PHONE}).status_code == 200
        resp = owner.post(
            "/api/app/v1/auth/login",
            json={
                "phone": PHONE,
                "code": last_code(runtime, PHONE),
                "agreements": agreed(),
                "device": device(code=last_code(runtime, PHONE)),
            },
        )
        assert resp.status_code == 200


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


def _audit_count(runtime: Runtime) -> int:
    from sqlalchemy import func, select

    from mcert.audit.models import AuditEntry

    with runtime.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _metric(client: TestClient, name: str, **labels: str) -> float:
    from prometheus_client.parser import text_string_to_metric_families

    resp = client.get("/metrics")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/plain")
    for family in text_string_to_metric_families(resp.text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return float(sample.value)
    return 0.0


def test_wrong_codes_are_counted_in_metrics_not_appended_to_the_audit_chain(
    client: TestClient, runtime: Runtime
) -> None:
    assert client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE}).status_code == 200
    code = last_code(runtime, PHONE)
    before = _metric(client, "mcert_sms_code_failures_total", purpose="login", reason="wrong")
    chain = _audit_count(runtime)
    for n in range(1, 4):
        resp = client.post(
            "/api/app/v1/auth/login",
            json={
                "phone": PHONE,
                "code": wrong_code(code, n),
                "agreements": agreed(),
                "device": device(code=wrong_code(code, n)),
            },
        )
        assert resp.status_code == 422
    assert _audit_count(runtime) == chain
    after = _metric(client, "mcert_sms_code_failures_total", purpose="login", reason="wrong")
    assert after == before + 3
    # The successful login is a state change and is audited.
    ok = client.post(
        "/api/app/v1/auth/login",
        json={"phone": PHONE, "code": code, "agreements": agreed(), "device": device(code=code)},
    )
    assert ok.status_code == 200
    assert _audit_count(runtime) > chain
