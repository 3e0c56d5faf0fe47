"""Nothing a client sends produces a 500 (issue 9, item 11): bounded pagination, query
datetimes, NUL bytes and lone surrogates anywhere in a request, the RP timestamp header.

Runs on SQLite and, with MCERT_TEST_DATABASE_URL, on PostgreSQL, where a NUL or a negative
OFFSET used to fail inside the driver.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.api.test_auth import auth, login
from tests.conftest import agreed, device, last_code

from mcert.http.params import MAX_OFFSET
from mcert.rp import service as rp_service
from mcert.runtime import Runtime

LISTS = ["/api/app/v1/orders", "/api/app/v1/messages", "/api/app/v1/usage"]
BAD_PAGES: list[dict[str, Any]] = [
    {"limit": -1},
    {"limit": 0},
    {"limit": 101},
    {"limit": 2**63},
    {"limit": 10**400},
    {"offset": -1},
    {"offset": 2**63},
    {"offset": MAX_OFFSET + 1},
    {"limit": "x"},
]


@pytest.fixture
def token(client: TestClient, runtime: Runtime) -> str:
    return str(login(client, runtime)["access_token"])


def error(resp: Any) -> dict[str, Any]:
    body: dict[str, Any] = resp.json()["error"]
    return body


@pytest.mark.parametrize("path", LISTS)
def test_pagination_is_bounded(client: TestClient, token: str, path: str) -> None:
    for params in BAD_PAGES:
        resp = client.get(path, params=params, headers=auth(token))
        assert resp.status_code == 422, (params, resp.text)
        assert error(resp)["code"] == "invalid_request"
    edge = client.get(path, params={"limit": 100, "offset": MAX_OFFSET}, headers=auth(token))
    assert edge.status_code == 200, edge.text
    assert edge.json()["items"] == []


def test_usage_dates_without_offset_are_beijing_time(client: TestClient, token: str) -> None:
    for value in ("2026-12-01T08:00:00", "2026-12-01", "2026-12-01T08:00:00+08:00", "2026-12-01Z"):
        resp = client.get("/api/app/v1/usage", params={"from": value}, headers=auth(token))
        assert resp.status_code in (200, 422), resp.text
        if resp.status_code == 422:  # "2026-12-01Z" is not ISO 8601; refused, not a 500
            assert value.endswith("Z")
    for value in ("0001-01-01T00:00:00", "9999-12-31T23:59:59-12:00", "1900-01-01", "2300-01-01"):
        resp = client.get("/api/app/v1/usage", params={"to": value}, headers=auth(token))
        assert resp.status_code == 422, (value, resp.text)
        assert error(resp)["code"] == "datetime_invalid"


@pytest.mark.parametrize(
    "path",
    [
        "/api/app/v1/orders/%00",
        "/api/app/v1/certificates/a%00b",
        "/api/app/v1/orders?status=%00",
        "/api/app/v1/orders?status=a%00",
        "/api/app/v1/usage?cert_id=%00",
        "/api/console/v1/reviews?status=%00",
        "/pki/ca/root%00.crt",
    ],
)
def test_nul_in_path_or_query_is_refused(client: TestClient, token: str, path: str) -> None:
    resp = client.get(path, headers=auth(token))
    assert resp.status_code == 422, resp.text
    assert error(resp)["code"] == "nul_not_allowed"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/app/v1/auth/sms-code", '{"phone": "1380013800\\u0000"}'),
        ("/api/app/v1/auth/refresh", '{"refresh_token": "abcdefghijklmnopqrstuvw\\u0000xyz"}'),
        ("/api/console/v1/auth/login", '{"username": "admin\\u0000", "password": "x"}'),
        ("/api/console/v1/auth/login", '{"username": "\\ud800admin", "password": "x"}'),
        ("/api/console/v1/auth/login", '{"username": "admin", "password": "x", "\\u0000": 1}'),
        ("/api/app/v1/realname/phone", '{"name": "张三", "id_number": "\\u0000"}'),
        ("/api/app/v1/scan", '{"qr": "https://x/q/\\u0000"}'),
        ("/api/app/v1/orders/personal", '{"years": 1, "extra": ["\\u0000"]}'),
    ],
)
def test_nul_or_lone_surrogate_in_json_is_refused(
    client: TestClient, token: str, path: str, body: str
) -> None:
    resp = client.post(
        path, content=body, headers={**auth(token), "content-type": "application/json"}
    )
    assert resp.status_code == 422, resp.text
    assert error(resp)["code"] == "nul_not_allowed"


def test_escaped_backslash_before_u0000_is_plain_text(client: TestClient) -> None:
    # The six characters \u0000 (escaped backslash) are harmless text, not a NUL.
    resp = client.post(
        "/api/console/v1/auth/login",
        content='{"username": "a\\\\u0000", "password": "x"}',
        headers={"content-type": "application/json"},
    )
    assert resp.status_code != 422 or error(resp)["code"] != "nul_not_allowed"
    assert resp.status_code < 500


def test_nul_in_a_url_encoded_form_is_refused(client: TestClient) -> None:
    resp = client.post(
        "/api/payments/notify/sandbox",
        content=b"out_trade_no=%00&trade_no=x",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert resp.status_code == 422, resp.text
    assert error(resp)["code"] == "nul_not_allowed"


def _rp_headers(runtime: Runtime, timestamp: str, *, path: str = "/api/rp/v1/sessions/x") -> Any:
    with runtime.sessions() as db:
        rp, secret = rp_service.create(db, runtime, name="某平台", ops=["login"], callback_url=None)
    nonce = "n" * 20
    sig = hmac.new(
        secret.encode(),
        rp_service.string_to_sign("GET", path, timestamp, nonce, b""),
        hashlib.sha256,
    ).hexdigest()
    return {
        "X-MCert-Client-Id": rp.client_id,
        "X-MCert-Timestamp": timestamp,
        "X-MCert-Nonce": nonce,
        "X-MCert-Signature": sig,
    }


@pytest.mark.parametrize(
    ("timestamp", "code"),
    [
        ("9" * 400, "rp_timestamp_invalid"),
        ("9" * 5000, "rp_timestamp_invalid"),
        ("-1", "rp_timestamp_invalid"),
        ("1e9", "rp_timestamp_invalid"),
        ("٣٣٣٣٣٣٣٣٣٣", "rp_timestamp_invalid"),  # Arabic-Indic digits: int() takes them
        ("1", "rp_timestamp_stale"),
    ],
)
def test_rp_timestamp_header_is_bounded(
    client: TestClient, runtime: Runtime, timestamp: str, code: str
) -> None:
    headers = _rp_headers(runtime, timestamp)
    resp = client.get(
        "/api/rp/v1/sessions/x",
        headers={k: v.encode() if not v.isascii() else v for k, v in headers.items()},
    )
    assert resp.status_code == 401, resp.text
    assert error(resp)["code"] == code


def test_rp_headers_of_the_wrong_shape_never_reach_the_database(
    client: TestClient, runtime: Runtime
) -> None:
    headers = _rp_headers(runtime, str(int(time.time())))
    for name, value in [
        ("X-MCert-Client-Id", "x" * 5000),
        ("X-MCert-Client-Id", "rp_%00"),
        ("X-MCert-Signature", "zz"),
        ("X-MCert-Nonce", "short"),
    ]:
        resp = client.get("/api/rp/v1/sessions/x", headers={**headers, name: value})
        assert resp.status_code == 401, resp.text


def test_phone_and_code_as_people_type_them(
    client: TestClient, runtime: Runtime, clock: Any
) -> None:
    """`139-1234-5678` asks for the code; `+86 139 1234 5678` and `１２３４５６` log in."""
    sent = client.post("/api/app/v1/auth/sms-code", json={"phone": "139-1234-5678"})
    assert sent.status_code == 200, sent.text
    code = last_code(runtime, "13912345678")
    full_width = code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    resp = client.post(
        "/api/app/v1/auth/login",
        json={
            "phone": "+86 139 1234 5678",
            "code": full_width,
            "agreements": agreed(),
            "device": device(1, code=code),
        },
    )
    assert resp.status_code == 200, resp.text
    me = client.get("/api/app/v1/me", headers=auth(resp.json()["access_token"]))
    assert me.json()["user"]["phone_masked"] == "139****5678"
    clock.advance(61)
    again = client.post(
        "/api/app/v1/auth/sms-code", json={"phone": "＋８６ １３９１２３４５６７８"}
    )
    assert again.status_code == 200, again.text
    resp = client.post(
        "/api/app/v1/auth/login",
        json={
            "phone": "13912345678",
            "code": last_code(runtime, "13912345678"),
            "agreements": agreed(),
            "device": device(1, code=last_code(runtime, "13912345678")),
        },
    )
    assert resp.json()["is_new_user"] is False


def test_usage_from_without_offset_is_read_as_beijing_time(
    client: TestClient, runtime: Runtime
) -> None:
    from datetime import UTC, datetime

    from mcert.scan.models import UsageRecord

    body = login(client, runtime)
    with runtime.sessions() as db:
        for hour, minute in ((23, 30), (0, 30)):  # 07:30 and 08:30 in Beijing
            day = 30 if hour == 23 else 1
            month = 11 if hour == 23 else 12
            db.add(
                UsageRecord(
                    session_id=f"s{hour}",
                    user_id=body["user"]["id"],
                    holder_name="张三",
                    rp_id="rp",
                    rp_name="某平台",
                    operation="login",
                    result="success",
                    created_at=datetime(2026, month, day, hour, minute, tzinfo=UTC),
                )
            )
        db.commit()
    headers = auth(body["access_token"])
    for value in ("2026-12-01T08:00:00", "2026-12-01T08:00:00+08:00", "2026-12-01T00:00:00Z"):
        page = client.get("/api/app/v1/usage", params={"from": value}, headers=headers).json()
        assert page["total"] == 1, value
    everything = client.get("/api/app/v1/usage", params={"from": "2026-12-01"}, headers=headers)
    assert everything.json()["total"] == 2  # midnight in Beijing is 16:00 UTC the day before


def test_deeply_nested_json_with_a_nul_is_not_a_500(client: TestClient) -> None:
    body = "[" * 100_000 + '"\\u0000"' + "]" * 100_000
    resp = client.post(
        "/api/app/v1/auth/sms-code", content=body, headers={"content-type": "application/json"}
    )
    assert 400 <= resp.status_code < 500, resp.text
