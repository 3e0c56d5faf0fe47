"""The demo bidding platform (``mcert-rp demo``, ``mcert demo-rp``) against a live mCert: it
talks to mCert only through the SDK; the phone is the reference device on the real clock."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.contract.scanlive import (
    PASSWORD,
    RP_NAME,
    Ready,
    clock,
    ready,
    server,
    settings_overrides,
)

from mcert_rp.demo import DemoConfig, create_app

pytestmark = pytest.mark.slow
__all__ = ["clock", "ready", "server", "settings_overrides"]  # fixtures, imported to be used


@pytest.fixture
def web(server: str, ready: Ready) -> Iterator[TestClient]:
    config = DemoConfig(server, ready.client_id, ready.secret, rp_name=RP_NAME)
    with TestClient(create_app(config)) as c:
        yield c


@pytest.fixture
def phone(server: str, ready: Ready) -> Iterator[Ready]:
    """The holder's device, now talking to the live server over HTTP."""
    ready.holder.device.http = httpx.Client(base_url=server)
    yield ready
    ready.holder.device.http.close()


def scan_and_confirm(web: TestClient, phone: Ready, sid: str) -> dict[str, object]:
    frame = web.get(f"/api/sessions/{sid}/frame").json()["qr"]
    view = phone.holder.device.scan(frame)
    phone.holder.device.confirm(view["session_id"], phone.cert["id"], PASSWORD)
    status = web.get(f"/api/sessions/{sid}/status", params={"wait": 10}).json()
    assert isinstance(status, dict)
    return status


def test_pages_render(web: TestClient) -> None:
    for path, title in (("/", "首页"), ("/login", "扫码登录"), ("/sign", "文件签章"),
                        ("/decrypt", "开标解密")):  # fmt: skip
        page = web.get(path)
        assert page.status_code == 200
        assert f"<title>{title} - 示范招投标平台</title>" in page.text
        assert "未登录" in page.text
        assert "http://" not in page.text.split("<main>")[0]  # no CDN
        # Inline scripts run by hash, nothing else inline; the page cannot be framed.
        csp = page.headers["content-security-policy"]
        assert csp.count("'sha256-") == page.text.count("<script>")
        assert "unsafe-inline' " not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        # The animated QR comes from the SDK's script, served from the platform's own origin.
        assert '<script src="/static/mcert-qr.js"></script>' in page.text
    script = web.get("/static/mcert-qr.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert "function mcertQR(" in script.text


def test_scan_login(web: TestClient, phone: Ready) -> None:
    sid = web.post("/api/login").json()["id"]
    assert web.get(f"/api/sessions/{sid}/status").json() == {
        "status": "pending",
        "hint": "outstanding",
        "text": "等待扫码",
    }
    svg = web.get(f"/api/sessions/{sid}/qr.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.headers["cache-control"] == "no-store"
    assert web.get(f"/api/sessions/{sid}/qr.png").content.startswith(b"\x89PNG")
    frame = web.get(f"/api/sessions/{sid}/frame").json()
    assert "/q/" in frame["qr"]
    view = phone.holder.device.scan(frame["qr"])
    assert view["rp_name"] == RP_NAME
    assert view["display_text"] == "登录 示范招投标平台"
    assert web.get(f"/api/sessions/{sid}/status").json()["text"] == ("已扫码，请在手机上确认")
    phone.holder.device.confirm(view["session_id"], phone.cert["id"], PASSWORD)
    status = web.get(f"/api/sessions/{sid}/status", params={"wait": 10})
    body = status.json()
    assert body["status"] == "complete"
    assert body["text"] == "登录成功：张三"
    serial = phone.holder.device.certificate(phone.cert["id"])["signing"]["serial"]
    assert body["holder"] == {"name": "张三", "organization": None, "serial": serial}
    assert "demo_user" in status.cookies
    assert web.get("/api/me").json()["user"]["name"] == "张三"
    assert "当前用户：张三" in web.get("/").text
    web.post("/logout", follow_redirects=False)
    assert web.get("/api/me").json()["user"] is None


def test_sign_text_and_files(web: TestClient, phone: Ready) -> None:
    started = web.post(
        "/api/sign",
        data={"text": "投标承诺书"},
        files=[("files", ("投标函.pdf", b"%PDF-1.4 letter")), ("files", ("报价单.pdf", b"p"))],
    ).json()
    assert [d["label"] for d in started["documents"]] == ["文本内容", "投标函.pdf", "报价单.pdf"]
    body = scan_and_confirm(web, phone, started["id"])
    assert body["status"] == "complete"
    assert body["text"] == "签章完成：张三，3 份文件"
    signatures = body["signatures"]
    assert isinstance(signatures, list)
    assert [s["sha256"] for s in signatures] == [d["sha256"] for d in started["documents"]]
    assert all("北京时间" in s["timestamp_time"] for s in signatures)
    assert web.post("/api/sign", data={"text": " "}).status_code == 400


def test_encrypt_and_open_a_bid(web: TestClient, phone: Ready) -> None:
    bid = "第一标段 投标报价 9,870,000 元".encode()
    sealed = web.post(
        "/api/bids", data={"cert_pem": phone.enc_pem}, files={"bid_file": ("投标文件.txt", bid)}
    ).json()
    assert sealed["recipient"]["name"] == "张三"
    envelope = web.get(sealed["download"]).content
    assert len(envelope) == sealed["envelope_size"]
    assert bid not in envelope
    assert web.get(f"/api/bids/{sealed['bid_id']}/plain").status_code == 409
    sid = web.post(f"/api/bids/{sealed['bid_id']}/decrypt").json()["id"]
    body = scan_and_confirm(web, phone, sid)
    assert body["status"] == "complete", body
    assert body["preview"] == bid.decode()
    # verify_decrypt ran: who opened it is the verified holder of the signing certificate.
    serial = phone.holder.device.certificate(phone.cert["id"])["signing"]["serial"]
    assert body["holder"] == {"name": "张三", "organization": None, "serial": serial}
    assert web.get(f"/api/bids/{sealed['bid_id']}/plain").content == bid
    bad = web.post("/api/bids", data={"bid_text": "x", "cert_pem": "not a certificate"})
    assert bad.status_code == 400


def test_declined_and_cancelled(web: TestClient, phone: Ready) -> None:
    sid = web.post("/api/login").json()["id"]
    view = phone.holder.device.scan(web.get(f"/api/sessions/{sid}/frame").json()["qr"])
    phone.holder.device.reject_scan(view["session_id"])
    body = web.get(f"/api/sessions/{sid}/status", params={"wait": 5}).json()
    assert body == {
        "status": "failed",
        "reason": "user_cancel",
        "text": "失败：用户在手机上取消了操作",
    }
    other = web.post("/api/login").json()["id"]
    assert web.post(f"/api/sessions/{other}/cancel").json() == {"cancelled": True}
    assert web.get(f"/api/sessions/{other}/status").json()["reason"] == "cancelled"
    assert web.get("/api/sessions/nope/status").status_code == 404
