"""``mcert-device`` as a new user runs it: the real command against a live server, the
operator's ``mcert`` command beside it (in this process: :func:`tests.conftest.mcert_cli`),
and openssl judging what was issued.

The flows are few and long; their ``mcert-device`` commands run in this process
(:class:`Phone`), and two flows start the real command in a process for each.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from cryptography import x509
from tests import pkitools
from tests.conftest import last_code, mcert_cli
from tests.holders import FAST_PASSWORDS, USCC, face_jpeg, licence_png

from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.ident import make_resident_id
from mcert.main import create_app
from mcert.runtime import Runtime
from mcert_device.cli import main as device_main
from mcert_device.client import DeviceClient

pytestmark = pytest.mark.slow

PASSWORD = "Bid#2026go"
DEVICE_CLI = Path(sys.executable).parent / "mcert-device"


@pytest.fixture
def clock() -> FrozenClock:
    # openssl checks validity against the real time.
    return FrozenClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return dict(FAST_PASSWORDS)


@pytest.fixture
def server(runtime: Runtime) -> Iterator[str]:
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
    with pkitools.live_server(create_app(runtime=runtime)) as url:
        yield url


@dataclass
class Phone:
    """One installation of the app: a home directory and the server it talks to.

    Its commands run in this process, with the environment a shell gives them
    (``MCERT_DEVICE_HOME``, ``MCERT_SERVER``) through click's runner: stdout and stderr
    apart, the exit code of a :class:`SystemExit`. A process would spend ~0.25 s starting
    Python and importing before each command, and the flows here run ~200 of them. With
    ``process=True`` each command is the installed ``mcert-device`` in a new process, as a
    user runs it: the flows about the entry point and its exits use that.
    """

    home: Path
    server: str
    process: bool = False

    def run(self, *args: str | Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
        argv = list(map(str, args))
        env = {"MCERT_DEVICE_HOME": str(self.home), "MCERT_SERVER": self.server}
        if self.process:
            cmd = (
                [str(DEVICE_CLI)] if DEVICE_CLI.exists() else [sys.executable, "-m", "mcert_device"]
            )
            proc = subprocess.run(
                [*cmd, *argv],
                env={**os.environ, **env},
                capture_output=True,
                text=True,
                check=False,
            )
        else:
            result = CliRunner().invoke(
                device_main, argv, env=env, catch_exceptions=False, prog_name="mcert-device"
            )
            proc = subprocess.CompletedProcess(
                ["mcert-device", *argv], result.exit_code, result.stdout, result.stderr
            )
        if ok and proc.returncode != 0:
            raise AssertionError(f"mcert-device {args} failed:\n{proc.stdout}\n{proc.stderr}")
        return proc

    def json(self, *args: str | Path) -> Any:
        return json.loads(self.run("--json", *args).stdout)


def cli(rt: Runtime, *args: str) -> str:
    proc = mcert_cli(rt, *args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def sms_code(rt: Runtime, phone: str) -> str:
    match = re.search(r"验证码为(\d{6})", cli(rt, "sms", "outbox", "--phone", phone, "--last"))
    assert match, "no login code in the outbox"
    return match.group(1)


def outbox(rt: Runtime, phone: str) -> str:
    return cli(rt, "sms", "outbox", "--phone", phone, "--limit", "50")


def chain_verifies(server: str, tmp: Path, leaf: Path) -> None:
    """openssl, with the root, issuing CA and both CRLs as the server publishes them."""
    with httpx.Client(base_url=server) as http:
        root = x509.load_der_x509_certificate(http.get("/pki/ca/root.crt").content)
        issuing = x509.load_der_x509_certificate(http.get("/pki/ca/issuing.crt").content)
        crls = [
            x509.load_der_x509_crl(http.get(f"/pki/crl/{n}.crl").content)
            for n in ("root", "issuing")
        ]
    out = pkitools.run(
        pkitools.need_openssl(),
        "verify",
        "-x509_strict",
        "-crl_check_all",
        "-CAfile",
        pkitools.write_pem(tmp / "root.pem", root),
        "-untrusted",
        pkitools.write_pem(tmp / "issuing.pem", issuing),
        "-CRLfile",
        pkitools.write_pem(tmp / "crls.pem", *crls),
        leaf,
    )
    assert f"{leaf}: OK" in out.stdout


def sign_in_and_verify(rt: Runtime, phone: Phone, number: str, id_number: str, face: Path) -> None:
    """Login by SMS code and 实名认证 by phone + face, as the first screens of the app:
    agreements at login and the separate consents before each kind of data."""
    assert "验证码已发送" in phone.run("sms-code", number).stdout
    code = sms_code(rt, number)
    refused = phone.run("login", number, "--code", code, ok=False)
    assert refused.returncode == 1
    assert refused.stderr.startswith("错误 agreement_required: ")
    assert "《用户协议》" in refused.stderr
    listed = phone.run("agreements").stdout
    assert "《用户协议》" in listed
    assert "《隐私政策》" in listed
    assert "撤回同意" in phone.run("agreements", "--show", "privacy_policy").stdout
    assert "已登录" in phone.run("login", number, "--code", code, "--agree").stdout

    realname = ("realname", "phone", "--name", "张三", "--id-number", id_number)
    no_consent = phone.run(*realname, ok=False)
    assert no_consent.returncode == 1
    assert no_consent.stderr.startswith("错误 consent_required: 请先阅读并同意《身份证件与银行卡")
    assert "mcert-device consent grant realname" in no_consent.stderr
    granted = phone.run("consent", "grant", "realname").stdout
    assert "已同意" in granted
    assert "实名核验服务商" in granted
    attempt = phone.json(*realname)
    assert attempt["next_step"] == "face"
    face_refused = phone.run("realname", "face", attempt["id"], "--image", face, ok=False)
    assert "consent_required" in face_refused.stderr
    done = phone.run("realname", "face", attempt["id"], "--image", face, "--consent")
    assert "已实名" in done.stdout
    listed = {c["document"]: c for c in phone.json("consent", "list")["consents"]}
    assert listed["face"]["granted"]
    assert listed["realname"]["record"]["client_ip_masked"] == "127.0.0.*"
    assert not listed["company_documents"]["granted"]


def download_and_verify(phone: Phone, server: str, tmp: Path) -> dict[str, Any]:
    """证书 → 下载 with a new password → export → openssl accepts both certificates."""
    [pending] = phone.json("certs")
    assert pending["status"] == "pending_download"
    assert "待下载" in phone.run("certs").stdout
    done = phone.run("download", pending["id"], "--password", PASSWORD).stdout
    assert "已下载" in done
    assert PASSWORD not in done
    out = tmp / "export"
    paths = phone.json("export", pending["id"], "--out", out)
    for key in ("signing_cert", "encryption_cert"):
        pem = Path(paths[key]).read_text()
        assert "PRIVATE KEY" not in pem
        chain_verifies(server, tmp, Path(paths[key]))
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(p).name for p in paths.values())
    return dict(pending)


# ----------------------------------------------------------------------------- personal


def test_personal_certificate_from_the_command_line(
    runtime: Runtime, server: str, tmp_path: Path
) -> None:
    phone, number = Phone(tmp_path / "phone", server, process=True), "13900000101"
    face = tmp_path / "face.jpg"
    face.write_bytes(face_jpeg())
    sign_in_and_verify(runtime, phone, number, make_resident_id(seq=101), face)

    order = phone.json("apply", "personal", "--years", "1")
    assert order["status"] == "pending_payment"
    paid = phone.run("pay", order["id"]).stdout
    assert "支付成功" in paid
    assert "已完成" in paid

    cert = download_and_verify(phone, server, tmp_path)
    shown = phone.run("show", cert["id"]).stdout
    assert "CN=张三" in shown
    assert "本机" in shown
    assert "mCert Issuing CA" in shown
    keystore = json.loads((phone.home / "keystore.json").read_text())
    assert [e["cert_id"] for e in keystore["entries"]] == [cert["id"]]
    assert "PRIVATE KEY" not in (phone.home / "keystore.json").read_text()

    sms = outbox(runtime, number)
    assert "支付成功" in sms
    assert "已可下载" in sms


# ----------------------------------------------------------------------------- company


def test_company_certificate_rejected_resubmitted_approved(
    runtime: Runtime, server: str, tmp_path: Path
) -> None:
    phone, number = Phone(tmp_path / "phone", server), "13900000102"
    face, licence = tmp_path / "face.jpg", tmp_path / "licence.png"
    face.write_bytes(face_jpeg())
    licence.write_bytes(licence_png())
    sign_in_and_verify(runtime, phone, number, make_resident_id(seq=102), face)

    order = phone.json(
        "apply", "company", "--years", "1",
        "--company-name", "福州某某建设工程有限公司", "--uscc", USCC(2),
        "--legal-rep", "张三", "--applicant-is-legal-rep", "--licence", licence, "--consent",
    )  # fmt: skip
    assert order["status"] == "pending_review"
    assert [d["kind"] for d in order["documents"]] == ["business_licence"]

    cli(runtime, "operator", "create", "rev1", "--password", "review-pass-123", "--name", "审核员")
    assert order["id"] in cli(runtime, "review", "list")
    reason = "营业执照照片不清晰，请重新上传"
    cli(runtime, "review", "reject", order["id"], "--operator", "rev1", "--reason", reason)
    shown = phone.run("order", order["id"]).stdout
    assert "未通过" in shown
    assert reason in shown

    licence.write_bytes(licence_png(9))
    again = phone.json("resubmit", order["id"], "--licence", licence)
    assert again["status"] == "pending_review"
    cli(runtime, "review", "approve", order["id"], "--operator", "rev1")
    assert "待支付" in phone.run("orders", "--status", "pending_payment").stdout
    assert "支付成功" in phone.run("pay", order["id"]).stdout

    cert = download_and_verify(phone, server, tmp_path)
    detail = phone.json("show", cert["id"])
    assert detail["subject_org"] == "福州某某建设工程有限公司"
    assert "O=福州某某建设工程有限公司" in detail["signing"]["subject"]

    sms = outbox(runtime, number)
    assert "审核通过" in sms
    assert reason in sms


# ----------------------------------------------------------------------------- password


def test_five_wrong_passwords_lock_and_reset_keeps_the_serial(
    runtime: Runtime, server: str, tmp_path: Path
) -> None:
    phone = Phone(tmp_path / "phone", server)
    face = tmp_path / "face.jpg"
    face.write_bytes(face_jpeg(2))
    # The first certificate through the library on the same home directory: the CLI and
    # DeviceClient share one on-disk format, and this test is about the password.
    number = "13900000103"
    with httpx.Client(base_url=server) as http:
        device = DeviceClient.open(http, phone.home)
        device.request_code(number)
        device.login(number, last_code(runtime, number), agree=True)
        device.grant_consent("realname")
        device.grant_consent("face")
        attempt = device.realname_phone("张三", make_resident_id(seq=103))
        device.realname_face(attempt["id"], face_jpeg())
        order = device.apply_personal(1)
        device.pay_in_sandbox(order["id"])
        [pending] = device.certificates()
        device.download(pending["id"], password=PASSWORD)
    cert_id = pending["id"]
    serial = phone.json("show", cert_id)["signing"]["serial"]

    wrong = ("password", "change", cert_id, "--old-password", "Wrong#pass1")
    for left in (4, 3, 2, 1):
        proc = phone.run(*wrong, "--new-password", "New#pass2026", ok=False)
        assert proc.returncode == 1
        assert proc.stderr.startswith("错误 password_wrong: ")
        assert f"attempts left: {left}" in proc.stderr
    fifth = phone.run(*wrong, "--new-password", "New#pass2026", ok=False)
    assert fifth.returncode == 1
    assert "cert_locked" in fifth.stderr
    assert "已锁定" in phone.run("certs").stdout

    # The holder had withdrawn the face consent: the face check is refused until given again.
    assert "已撤回" in phone.run("consent", "withdraw", "face").stdout
    refused = phone.run("face-check", "--image", face, ok=False)
    assert refused.stderr.startswith("错误 consent_required: 请先阅读并同意《人脸信息")
    check = phone.json("face-check", "--image", face, "--consent")["face_check_id"]
    phone.run("password", "reset", cert_id, "--face-check", check, "--new-password", "New#pass2026")
    changed = phone.run(
        "password", "change", cert_id,
        "--old-password", "New#pass2026", "--new-password", "Third#pass2026",
    )  # fmt: skip
    assert "证书密码已修改" in changed.stdout
    detail = phone.json("show", cert_id)
    assert detail["signing"]["serial"] == serial
    assert detail["locked"] is False
    assert serial in phone.run("show", cert_id).stdout


# ----------------------------------------------------------------------------- errors


def test_errors_are_one_line_with_the_code_and_json_parses(
    runtime: Runtime, server: str, tmp_path: Path
) -> None:
    phone = Phone(tmp_path / "phone", server, process=True)
    bad = phone.run("sms-code", "12345", ok=False)
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert bad.stderr.startswith("错误 phone_invalid: ")

    logged_out = phone.run("certs", ok=False)
    assert logged_out.returncode == 1
    assert "not_logged_in" in logged_out.stderr
    assert "mcert-device login" in logged_out.stderr

    sent = phone.json("sms-code", "13900000104")
    assert sent["sent"] is True
    assert json.loads((phone.home / "config.json").read_text())["server"] == server

    unreachable = Phone(tmp_path / "phone", f"http://127.0.0.1:{pkitools.free_port()}", True)
    down = unreachable.run("sms-code", "13900000104", ok=False)
    assert down.returncode == 1
    assert "server_unreachable" in down.stderr
