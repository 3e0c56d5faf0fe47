"""The `mcert` command as an operator uses it, against the test database."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.conftest import mcert_cli

from mcert.runtime import Runtime


def test_sms_outbox_shows_the_code(client: TestClient, runtime: Runtime) -> None:
    client.post("/api/app/v1/auth/sms-code", json={"phone": "13800138000"})
    out = mcert_cli(runtime, "sms", "outbox", "--phone", "13800138000", "--last")
    assert out.returncode == 0, out.stderr
    assert "138****8000" in out.stdout
    assert "验证码为" in out.stdout
    assert "13800138000" not in out.stdout


def test_every_command_has_help(runtime: Runtime) -> None:
    for args in (
        ["--help"],
        ["serve", "--help"],
        ["db", "upgrade", "--help"],
        ["sms", "outbox", "--help"],
        ["audit", "verify", "--help"],
    ):
        out = mcert_cli(runtime, *args)
        assert out.returncode == 0, (args, out.stderr)
        assert "Usage:" in out.stdout
