"""Operator console login: one answer for every failure, limits, lockout, audit (issue #9)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.conftest import mcert_cli
from tests.operators import console_login

from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.operator import service as operators
from mcert.operator.models import Operator
from mcert.runtime import Runtime

LOGIN = "/api/console/v1/auth/login"
PASSWORD = "review-pass-123"


@pytest.fixture
def operator(runtime: Runtime) -> Operator:
    with runtime.sessions() as db:
        return operators.create_operator(
            db, runtime, username="reviewer1", password=PASSWORD, role="reviewer", display_name="一"
        )


def _from(client: TestClient, ip: str) -> TestClient:
    return TestClient(client.app, client=(ip, 50000))


def _actions(runtime: Runtime) -> list[str]:
    with runtime.sessions() as db:
        return list(db.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all())


def _disable(runtime: Runtime, username: str) -> None:
    with runtime.sessions() as db:
        op = db.scalars(select(Operator).where(Operator.username == username)).one()
        op.disabled = True
        db.commit()


def test_unknown_disabled_and_wrong_password_get_one_identical_answer(
    client: TestClient, runtime: Runtime, operator: Operator
) -> None:
    with runtime.sessions() as db:
        operators.create_operator(
            db, runtime, username="gone1", password=PASSWORD, role="reviewer", display_name="二"
        )
    _disable(runtime, "gone1")
    answers = [
        client.post(LOGIN, json={"username": name, "password": password})
        for name, password in [
            ("reviewer1", "wrong-password-1"),
            ("nobody-here", "wrong-password-1"),
            ("gone1", PASSWORD),
        ]
    ]
    assert {a.status_code for a in answers} == {401}
    assert all(a.json() == answers[0].json() for a in answers)
    assert answers[0].json()["error"]["code"] == "operator_login_failed"
    assert answers[0].json()["error"]["message"] == "用户名或密码错误"


def test_unknown_username_costs_the_same_password_work_as_a_known_one(
    client: TestClient,
    runtime: Runtime,
    operator: Operator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Instead of a flaky stopwatch: every failure runs exactly one scrypt, same parameters."""
    with runtime.sessions() as db:
        operators.create_operator(
            db, runtime, username="gone1", password=PASSWORD, role="reviewer", display_name="二"
        )
    _disable(runtime, "gone1")
    client.post(LOGIN, json={"username": "warm-up", "password": "x" * 10})  # the dummy hash
    calls: list[tuple[Any, ...]] = []
    real: Callable[..., bytes] = hashlib.scrypt

    def counting(password: bytes, **kw: Any) -> bytes:
        calls.append((kw["n"], kw["r"], kw["p"], kw["dklen"], len(kw["salt"])))
        return real(password, **kw)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    per_attempt = []
    for name, password in [
        ("reviewer1", "wrong-password-1"),
        ("nobody-here", "wrong-password-1"),
        ("gone1", PASSWORD),  # disabled: the password is still checked
    ]:
        calls.clear()
        client.post(LOGIN, json={"username": name, "password": password})
        per_attempt.append(list(calls))
    assert [len(c) for c in per_attempt] == [1, 1, 1]
    assert per_attempt[0] == per_attempt[1] == per_attempt[2]


def test_lockout_after_n_failures_then_expires(
    client: TestClient, runtime: Runtime, operator: Operator, clock: FrozenClock
) -> None:
    for _ in range(5):
        bad = client.post(LOGIN, json={"username": "reviewer1", "password": "wrong-password-1"})
        assert bad.status_code == 401
    locked = client.post(LOGIN, json={"username": "reviewer1", "password": PASSWORD})
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "operator_login_locked"
    assert 800 <= int(locked.headers["Retry-After"]) <= 900
    actions = _actions(runtime)
    assert actions.count("operator.locked_out") == 1
    assert "operator.login_failed" not in actions
    clock.advance(901)
    console_login(client, runtime, "reviewer1")
    assert _actions(runtime)[-2:] == ["operator.totp_enrolled", "operator.login"]
    metrics = client.get("/metrics").text
    assert 'mcert_operator_login_failures_total{reason="bad_credentials"} 5.0' in metrics
    assert "mcert_operator_lockouts_total 1.0" in metrics


def test_unknown_username_locks_the_same_way_without_an_audit_row(
    client: TestClient, runtime: Runtime, operator: Operator
) -> None:
    chain = len(_actions(runtime))
    answers = {}
    for name in ("reviewer1", "nobody-here"):
        for _ in range(5):
            client.post(LOGIN, json={"username": name, "password": "wrong-password-1"})
        answers[name] = client.post(LOGIN, json={"username": name, "password": PASSWORD})
    assert answers["reviewer1"].status_code == answers["nobody-here"].status_code == 429
    assert answers["reviewer1"].json() == answers["nobody-here"].json()
    # Only the real operator's lockout is a state change worth the audit chain.
    assert _actions(runtime)[chain:] == ["operator.locked_out"]


class TestSourceLimit:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, object]:
        return {"operator_login_ip_limit": 6}

    def test_one_source_trying_many_names_is_cut_off(
        self, client: TestClient, runtime: Runtime, operator: Operator
    ) -> None:
        attacker, office = _from(client, "203.0.113.66"), _from(client, "198.51.100.7")
        statuses = [
            attacker.post(
                LOGIN, json={"username": f"guess{i}", "password": "wrong-password-1"}
            ).status_code
            for i in range(8)
        ]
        assert statuses == [401] * 6 + [429] * 2
        refused = attacker.post(LOGIN, json={"username": "reviewer1", "password": PASSWORD})
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "operator_login_rate_limited"
        assert console_login(office, runtime, "reviewer1")


def test_cli_unlock_lifts_a_lockout_and_is_audited(
    client: TestClient, runtime: Runtime, operator: Operator
) -> None:
    for _ in range(5):
        client.post(LOGIN, json={"username": "reviewer1", "password": "wrong-password-1"})
    assert client.post(LOGIN, json={"username": "reviewer1", "password": PASSWORD}).status_code == (
        429
    )
    result = mcert_cli(runtime, "operator", "unlock", "reviewer1")
    assert result.returncode == 0, result.stderr
    assert "unlocked" in result.stdout
    assert console_login(client, runtime, "reviewer1")
    assert "operator.unlocked" in _actions(runtime)
