"""Console operators in tests: create one, log in with password and TOTP code.

:func:`console_login` goes through the real API: at the first login it enrols the
authenticator with the secret the server offers, later it reads the enrolled secret back
(``operator.service.totp_secret``) and computes the code as an authenticator app would.
Tests run on a frozen clock, so one test may log the same operator in twice within one
30-second step; the helper forgets the last used step first (the replay refusal itself is
tested in ``tests/api/test_console_totp.py``).
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from mcert.operator import service as operators
from mcert.operator import totp
from mcert.operator.models import Operator
from mcert.runtime import Runtime

LOGIN = "/api/console/v1/auth/login"
ENROL = "/api/console/v1/auth/totp/enrol"
PASSWORD = "review-pass-123"


def create(
    rt: Runtime, username: str, role: str = "reviewer", password: str = PASSWORD
) -> Operator:
    with rt.sessions() as db:
        existing = db.scalars(select(Operator).where(Operator.username == username)).first()
        if existing is not None:
            db.expunge(existing)
            return existing
        return operators.create_operator(
            db, rt, username=username, password=password, role=role, display_name=username
        )


def current_code(rt: Runtime, username: str) -> str:
    """The code the operator's authenticator shows now (replay guard reset, see above)."""
    with rt.sessions() as db:
        op = db.scalars(select(Operator).where(Operator.username == username)).one()
        secret = operators.totp_secret(rt, op)
        assert secret is not None, f"{username} has no TOTP enrolled"
        op.totp_last_step = None
        db.commit()
    return totp.code_at(secret, rt.clock.now())


def console_login(client: TestClient, rt: Runtime, username: str, password: str = PASSWORD) -> str:
    """A console bearer token for ``username`` (enrolling TOTP at the first login)."""
    first = client.post(LOGIN, json={"username": username, "password": password})
    assert first.status_code == 200, first.text
    body = first.json()
    if body["status"] == "enrol":
        code = totp.code_at(body["secret"], rt.clock.now())
        done = client.post(ENROL, json={"enrolment_token": body["enrolment_token"], "code": code})
    else:
        assert body["status"] == "totp_required", body
        code = current_code(rt, username)
        done = client.post(
            LOGIN, json={"username": username, "password": password, "totp_code": code}
        )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "ok", done.json()
    return str(done.json()["token"])


def console_headers(
    client: TestClient, rt: Runtime, username: str, password: str = PASSWORD
) -> dict[str, str]:
    return {"Authorization": f"Bearer {console_login(client, rt, username, password)}"}
