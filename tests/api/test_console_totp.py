"""Console login with a second factor (TOTP), sessions (8 h, 30 min idle, logout), /me."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.operators import ENROL, LOGIN, PASSWORD, console_login, create

from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.operator import service as operators
from mcert.operator import totp
from mcert.operator.models import Operator
from mcert.runtime import Runtime

ME = "/api/console/v1/me"


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _actions(rt: Runtime) -> list[str]:
    with rt.sessions() as db:
        return list(db.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


def _row(rt: Runtime, username: str) -> Operator:
    with rt.sessions() as db:
        op = db.scalars(select(Operator).where(Operator.username == username)).one()
        db.expunge(op)
        return op


def test_first_login_enrols_then_password_alone_is_not_enough(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    create(runtime, "officer1", role="officer")
    first = client.post(LOGIN, json={"username": "officer1", "password": PASSWORD})
    assert first.status_code == 200
    body = first.json()
    assert body["status"] == "enrol"
    assert "token" not in body
    assert body["otpauth_uri"].startswith("otpauth://totp/")
    assert f"secret={body['secret']}" in body["otpauth_uri"]
    assert body["qr_svg"].startswith("<svg")
    # The secret is stored encrypted, never as typed.
    row = _row(runtime, "officer1")
    assert row.totp_pending_enc
    assert body["secret"] not in row.totp_pending_enc
    assert row.totp_secret_enc is None

    wrong = client.post(ENROL, json={"enrolment_token": body["enrolment_token"], "code": "000000"})
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "operator_login_failed"
    code = totp.code_at(body["secret"], clock.now())
    done = client.post(ENROL, json={"enrolment_token": body["enrolment_token"], "code": code})
    assert done.status_code == 200, done.text
    ok = done.json()
    assert ok["status"] == "ok"
    assert ok["operator"]["role"] == "officer"
    assert ok["operator"]["role_label"] == "CA 业务员"
    assert "revoke" in ok["operator"]["permissions"]
    me = client.get(ME, headers=_auth(ok["token"]))
    assert me.status_code == 200
    assert me.json()["username"] == "officer1"
    # The enrolment token is spent with the pending secret.
    again = client.post(ENROL, json={"enrolment_token": body["enrolment_token"], "code": code})
    assert again.status_code == 401

    clock.advance(60)
    second = client.post(LOGIN, json={"username": "officer1", "password": PASSWORD})
    assert second.json() == {"status": "totp_required", "token_type": "Bearer"}
    secret = body["secret"]
    good = client.post(
        LOGIN,
        json={
            "username": "officer1",
            "password": PASSWORD,
            "totp_code": totp.code_at(secret, clock.now()),
        },
    )
    assert good.status_code == 200
    assert good.json()["status"] == "ok"
    assert "operator.totp_enrolled" in _actions(runtime)


def test_a_code_is_refused_the_second_time_within_its_window(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    create(runtime, "reviewer1")
    console_login(client, runtime, "reviewer1")
    clock.advance(31)
    code = operators_code(runtime, "reviewer1", clock)
    payload = {"username": "reviewer1", "password": PASSWORD, "totp_code": code}
    assert client.post(LOGIN, json=payload).status_code == 200
    replay = client.post(LOGIN, json=payload)
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "operator_login_failed"
    clock.advance(30)
    fresh = dict(payload, totp_code=operators_code(runtime, "reviewer1", clock))
    assert client.post(LOGIN, json=fresh).status_code == 200


def operators_code(rt: Runtime, username: str, clock: FrozenClock) -> str:
    secret = operators.totp_secret(rt, _row(rt, username))
    assert secret
    return totp.code_at(secret, clock.now())


def test_wrong_codes_count_toward_the_lockout(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    create(runtime, "reviewer1")
    console_login(client, runtime, "reviewer1")
    for _ in range(5):
        bad = client.post(
            LOGIN, json={"username": "reviewer1", "password": PASSWORD, "totp_code": "000000"}
        )
        assert bad.status_code == 401
    clock.advance(31)
    good = operators_code(runtime, "reviewer1", clock)
    locked = client.post(
        LOGIN, json={"username": "reviewer1", "password": PASSWORD, "totp_code": good}
    )
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "operator_login_locked"
    assert "operator.locked_out" in _actions(runtime)
    metrics = client.get("/metrics").text
    assert 'mcert_operator_login_failures_total{reason="bad_totp"} 5.0' in metrics


def test_session_idle_timeout_absolute_lifetime_and_logout(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    create(runtime, "reviewer1")
    token = console_login(client, runtime, "reviewer1")
    # Activity every 29 minutes keeps the session alive ...
    for _ in range(3):
        clock.advance(29 * 60)
        assert client.get(ME, headers=_auth(token)).status_code == 200
    # ... 30 idle minutes end it.
    clock.advance(30 * 60)
    idle = client.get(ME, headers=_auth(token))
    assert idle.status_code == 401
    assert idle.json()["error"]["code"] == "operator_session_expired"

    token = console_login(client, runtime, "reviewer1")
    for _ in range(16):  # 16 × 29 min = 7 h 44 min, always active
        clock.advance(29 * 60)
        assert client.get(ME, headers=_auth(token)).status_code == 200
    clock.advance(20 * 60)  # 8 h 4 min after login, 20 min idle
    old = client.get(ME, headers=_auth(token))
    assert old.status_code == 401
    assert old.json()["error"]["code"] == "operator_session_expired"

    token = console_login(client, runtime, "reviewer1")
    out = client.post("/api/console/v1/auth/logout", headers=_auth(token))
    assert out.status_code == 204
    gone = client.get(ME, headers=_auth(token))
    assert gone.status_code == 401
    assert gone.json()["error"]["code"] == "operator_token_invalid"
    assert _actions(runtime)[-1] == "operator.logout"


@pytest.mark.parametrize("token", ["", "cs_nope", "x" * 500])
def test_unknown_tokens_are_refused(client: TestClient, token: str) -> None:
    assert client.get(ME, headers=_auth(token)).status_code == 401


def test_only_a_hash_of_the_token_is_stored(client: TestClient, runtime: Runtime) -> None:
    from mcert.operator.models import ConsoleSession

    create(runtime, "reviewer1")
    token = console_login(client, runtime, "reviewer1")
    with runtime.sessions() as db:
        stored = db.scalars(select(ConsoleSession.token_hash)).all()
    assert stored
    assert token not in stored


def test_an_enrolment_lasts_ten_minutes(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    create(runtime, "reviewer1")
    offer = client.post(LOGIN, json={"username": "reviewer1", "password": PASSWORD}).json()
    clock.advance(601)
    late = client.post(
        ENROL,
        json={
            "enrolment_token": offer["enrolment_token"],
            "code": totp.code_at(offer["secret"], clock.now()),
        },
    )
    assert late.status_code == 401
    assert _row(runtime, "reviewer1").totp_secret_enc is None
    # A new login offers a new secret; the old one is never enrolled.
    again = client.post(LOGIN, json={"username": "reviewer1", "password": PASSWORD}).json()
    assert again["status"] == "enrol"
    assert again["secret"] != offer["secret"]
