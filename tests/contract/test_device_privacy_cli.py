"""``mcert-device privacy …`` and ``mcert-device account cancel…`` as a holder runs them:
the data summary and export (JSON and HTML files), cancellation with the SMS code, its
status, withdrawal, and completion after the cooling-off (the real command,
in this process, against a live server)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from tests.contract.test_device_cli import (  # noqa: F401  (the fixtures)
    Phone,
    clock,
    server,
    settings_overrides,
    sign_in_and_verify,
    sms_code,
)
from tests.holders import face_jpeg

from mcert.clock import FrozenClock
from mcert.ident import make_resident_id
from mcert.rights import cancellation
from mcert.runtime import Runtime

pytestmark = pytest.mark.slow


def test_privacy_and_cancellation_commands(
    runtime: Runtime,
    server: str,  # noqa: F811  (the live server fixture imported above)
    clock: FrozenClock,  # noqa: F811
    tmp_path: Path,
) -> None:
    phone, number = Phone(tmp_path / "phone", server), "13900000171"
    id_number = make_resident_id(seq=171)
    face = tmp_path / "face.jpg"
    face.write_bytes(face_jpeg())
    sign_in_and_verify(runtime, phone, number, id_number, face)

    summary = phone.run("privacy", "summary").stdout
    assert "实名认证信息  1" in summary
    out = tmp_path / "me.json"
    assert "已保存" in phone.run("privacy", "export", "-o", out).stdout
    doc = json.loads(out.read_text(encoding="utf-8"))
    keys = {c["key"] for c in doc["categories"]}
    assert {"account", "identity", "realname_attempts", "devices"} <= keys
    assert number not in out.read_text(encoding="utf-8")
    assert id_number not in out.read_text(encoding="utf-8")
    page = tmp_path / "me.html"
    phone.run("privacy", "export", "--html", "-o", page)
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")

    status = phone.run("account", "cancel-status").stdout
    assert "没有进行中的注销申请" in status
    assert "冷静期 cooling-off: 7 天" in status
    wrong = phone.run("account", "cancel", "--code", "000000", ok=False)
    assert "sms_code_invalid" in wrong.stdout + wrong.stderr
    clock.advance(61)
    phone.run("account", "cancel-code")
    asked = phone.json("account", "cancel", "--code", sms_code(runtime, number))
    assert asked["status"] == "pending"
    assert "冷静期中" in phone.run("account", "cancel-status").stdout
    assert "已撤销注销" in phone.run("account", "cancel-withdraw").stdout
    again = phone.run("account", "cancel-withdraw", ok=False)
    assert "cancel_not_pending" in again.stdout + again.stderr

    clock.advance(61)
    phone.run("account", "cancel-code")
    phone.run("account", "cancel", "--code", sms_code(runtime, number))
    clock.advance(timedelta(days=7, seconds=1))
    with runtime.sessions() as db:
        assert cancellation.complete_due(db, runtime) == "completed 1 of 1 due"
    gone = phone.run("me", ok=False)
    assert gone.returncode != 0
