"""The company side from the command line (issue #11), as its "done when" reads: a company with
an admin and two authorised members, each with their own company certificate on their own
phone, all three log in to a bidding platform, and the admin's 使用记录 shows all three. The
``mcert-device`` commands and the operator's ``mcert`` (both in this process,
:class:`~tests.contract.test_device_cli.Phone` and :func:`tests.conftest.mcert_cli`) against a
live server on the real clock (QR frames and relying-party timestamps are checked against
it)."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from tests import pkitools
from tests.contract.test_device_cli import Phone, cli, sms_code
from tests.holders import FAST_PASSWORDS, USCC, face_jpeg, licence_png

from mcert.ca.service import ca_service
from mcert.clock import SystemClock
from mcert.ident import make_resident_id
from mcert.main import create_app
from mcert.rp import service as rp_service
from mcert.runtime import Runtime
from mcert_rp import Client, Verifier

pytestmark = pytest.mark.slow

PASSWORD = "Bid#2026go"
COMPANY = "福州某某建设工程有限公司"
RP_NAME = "某某公共资源交易平台"


@pytest.fixture
def clock() -> SystemClock:
    return SystemClock()


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return dict(FAST_PASSWORDS)


@pytest.fixture
def server(runtime: Runtime) -> Iterator[str]:
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
    with pkitools.live_server(create_app(runtime=runtime)) as url:
        yield url


def sign_in(rt: Runtime, phone: Phone, number: str, name: str, seq: int, face: Path) -> None:
    """SMS login and 实名认证 by phone + face, the app's first screens."""
    phone.run("sms-code", number)
    phone.run("login", number, "--code", sms_code(rt, number), "--agree")
    attempt = phone.json(
        "realname", "phone", "--name", name, "--id-number", make_resident_id(seq=seq), "--consent"
    )
    face_done = phone.run("realname", "face", attempt["id"], "--image", face, "--consent")
    assert "已实名" in face_done.stdout
    phone.run("consent", "grant", "company_documents")  # before any application's documents


def download(phone: Phone) -> str:
    [pending] = [c for c in phone.json("certs") if c["status"] == "pending_download"]
    assert "已下载" in phone.run("download", pending["id"], "--password", PASSWORD).stdout
    return str(pending["id"])


def login_to_platform(phone: Phone, rp: Client, verifier: Verifier) -> tuple[str, str, str]:
    """The platform shows a login QR, the phone scans it: who logged in, per the SDK."""
    handle = rp.start_login(display_text=f"登录 {RP_NAME}")
    frame = handle.qr_text(int(time.time() - handle.created_at.timestamp()))
    assert "已完成" in phone.run("scan", frame, "--password", PASSWORD).stdout
    holder = verifier.verify_login(rp.collect(handle.session_id), handle).holder
    assert holder.organization is not None
    assert holder.name is not None
    assert holder.uscc is not None
    return holder.organization, holder.uscc, holder.name


def test_an_admin_and_two_members_each_with_a_company_certificate(
    runtime: Runtime, server: str, tmp_path: Path
) -> None:
    face, licence = tmp_path / "face.jpg", tmp_path / "licence.png"
    face.write_bytes(face_jpeg())
    licence.write_bytes(licence_png())

    # The company's first applicant: apply, reviewed once, pay, download — the admin.
    admin = Phone(tmp_path / "admin", server)
    sign_in(runtime, admin, "13900000201", "张三", 201, face)
    order = admin.json(
        "apply", "company", "--years", "1", "--company-name", COMPANY, "--uscc", USCC(21),
        "--legal-rep", "张三", "--applicant-is-legal-rep", "--licence", licence,
    )  # fmt: skip
    cli(runtime, "operator", "create", "rev1", "--password", "review-pass-123", "--name", "审核")
    cli(runtime, "review", "approve", order["id"], "--operator", "rev1")
    admin.run("pay", order["id"])
    download(admin)
    [company] = admin.json("org", "list")
    assert (company["uscc"], company["role"]) == (USCC(21), "admin")

    # 单位成员授权: a certificate user, and a second admin whose certificate is prepaid.
    li = admin.json(
        "org", "invite", "--name", "李四", "--id-number", make_resident_id(seq=202),
        "--phone", "13900000202",
    )  # fmt: skip
    wang = admin.json(
        "org", "invite", "--name", "王五", "--id-number", make_resident_id(seq=203),
        "--phone", "13900000203", "--role", "admin", "--prepay-years", "1",
    )  # fmt: skip
    assert "支付成功" in admin.run("pay", wang["prepay"]["order_id"]).stdout
    listed = admin.run("org", "members").stdout
    assert "李*" in listed
    assert "待申领" in listed
    assert "13900000202" not in listed

    # Each member on their own phone: log in, 待申领的证书, claim with a face check.
    phones = {}
    for number, name, seq, member, paid_by_admin in (
        ("13900000202", "李四", 202, li, False),
        ("13900000203", "王五", 203, wang, True),
    ):
        phone = Phone(tmp_path / f"phone{seq}", server)
        sign_in(runtime, phone, number, name, seq, face)
        assert COMPANY in phone.run("claims").stdout
        claimed = phone.json("claim", member["id"], "--image", face)
        assert claimed["kind"] == "claim"
        if paid_by_admin:
            assert (claimed["status"], claimed["amount_fen"]) == ("completed", 0)
        else:
            assert claimed["status"] == "pending_payment"
            phone.run("pay", claimed["id"])
        cert_id = download(phone)
        detail = phone.json("show", cert_id)
        assert f"O={COMPANY}" in detail["signing"]["subject"]
        assert f"CN={name}" in detail["signing"]["subject"]
        phones[name] = phone
    assert "证书管理员" in phones["王五"].run("org", "list").stdout

    # All three log in to a bidding platform with the company's certificates.
    with runtime.sessions() as db:
        party, secret = rp_service.create(
            db, runtime, name=RP_NAME, ops=["login", "sign", "decrypt"], callback_url=None
        )
        client_id = party.client_id
    with httpx.Client(base_url=server) as http:
        root = x509.load_der_x509_certificate(http.get("/pki/ca/root.crt").content)
        rp = Client(server, client_id, secret, http=http)
        verifier = Verifier([root], client_id=client_id, rp_name=RP_NAME)
        signed_in = [
            login_to_platform(p, rp, verifier) for p in (admin, phones["李四"], phones["王五"])
        ]
    assert signed_in == [(COMPANY, USCC(21), n) for n in ("张三", "李四", "王五")]

    # The admin's 使用记录 shows every member's scan; the user sees only their own.
    records = admin.json("org", "usage")
    assert records["total"] == 3
    assert sorted(r["holder_name"] for r in records["items"]) == ["张三", "李四", "王五"]
    assert "李四" in admin.run("org", "usage", "--member", li["id"]).stdout
    export = tmp_path / "usage.csv"
    admin.run("org", "usage", "--csv", export)
    raw = export.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r[2] for r in rows[1:]] == ["张三", "李四", "王五"]
    user = phones["李四"]
    assert user.json("usage")["total"] == 1
    refused = user.run("org", "usage", "--org", company["id"], ok=False)
    assert refused.stderr.startswith("错误 usage_company_forbidden: ")
    assert user.run("org", "members", ok=False).stderr.startswith("错误 org_admin_required: ")

    # Roles and revocation: the second admin makes 李四 an admin, then takes it back and
    # revokes them; their certificate is revoked with it.
    second = phones["王五"]
    assert "证书管理员" in second.run("org", "role", li["id"], "admin").stdout
    assert "证书使用人" in second.run("org", "role", li["id"], "user").stdout
    assert "已取消授权" in second.run("org", "revoke", li["id"], "--yes").stdout
    assert "已吊销" in user.run("certs").stdout
    assert "授权已被取消" in cli(runtime, "sms", "outbox", "--phone", "13900000202")
    members = cli(runtime, "org", "members", USCC(21))
    assert "已取消授权" in members
    assert "王*" in members
