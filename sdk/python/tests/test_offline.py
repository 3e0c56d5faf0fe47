"""SDK pieces that need no server: QR frames, request signing, the command line offline.

Runs in a virtualenv holding only the SDK's wheel (``sdk/python/ci.sh``): nothing here may
import the mCert server. The same frames and signatures are checked against the server's
own code in ``tests/unit/rp/test_sdk_matches_server.py``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from mcert_rp import Client, Frames, ServiceUnavailable, SessionHandle, prepare_decrypt
from mcert_rp import _client as sdk_client
from mcert_rp import cli as rp_cli
from mcert_rp.demo import qr as demo_qr

CREATED = datetime(2026, 11, 29, 2, 0, 0, tzinfo=UTC)
SECRET = b"\x07" * 32


def handle(base_url: str = "https://mcert.example") -> SessionHandle:
    return SessionHandle(
        session_id="s1",
        type="login",
        start_token="tok_ABCDEFGHIJKLMNOPQRS",
        qr_secret=SECRET,
        created_at=CREATED,
        base_url=base_url,
    )


# ----------------------------------------------------------------------------- QR frames


def string_to_sign(method: str, path: str, ts: str, nonce: str, body: bytes) -> bytes:
    """The RP API's string to sign (docs/scan.md), written out independently of the SDK."""
    return f"{method}\n{path}\n{ts}\n{nonce}\n{hashlib.sha256(body).hexdigest()}".encode()


@pytest.mark.parametrize("seconds", [0, 1, 59, 179, 100000])
def test_qr_text_is_the_documented_frame(seconds: int) -> None:
    h = handle("https://mcert.example/")
    code = hmac.new(SECRET, f"{h.start_token}.{seconds}".encode(), hashlib.sha256).hexdigest()
    assert h.qr_text(seconds) == f"https://mcert.example/q/{h.start_token}.{seconds}.{code}"


def test_current_qr_counts_whole_seconds_since_creation() -> None:
    h = handle()
    start = CREATED.timestamp()
    assert h.current_qr(now=start + 0.99) == h.qr_text(0)
    assert h.current_qr(now=start + 7.2) == h.qr_text(7)
    assert h.current_qr(now=start - 3) == h.qr_text(0)  # a clock slightly behind the server


def test_frames_yield_one_frame_per_second(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [CREATED.timestamp() + 0.5]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    monkeypatch.setattr(sdk_client.time, "time", lambda: now[0])
    monkeypatch.setattr(sdk_client.time, "sleep", sleep)
    h = handle()
    frames = iter(Frames(h))
    first = next(frames)
    assert first == h.qr_text(0)
    second = next(frames)
    assert second == h.qr_text(1)
    assert now[0] - CREATED.timestamp() == pytest.approx(1.0, abs=0.11)
    now[0] += 5
    assert next(frames) == h.qr_text(6)  # a late reader gets the current frame, not backlog


# ----------------------------------------------------------------------------- signing


def test_requests_are_signed_as_the_server_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[httpx.Request] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "POST":
            return _created()
        body = {"session_id": "s1", "type": "login", "status": "pending", "hint": "outstanding"}
        return httpx.Response(200, json={**body, "reason": None, "result": None})

    http = httpx.Client(base_url="https://mcert.example", transport=httpx.MockTransport(respond))
    client = Client("https://mcert.example", "rp_0123", "s3cret", http=http, clock=lambda: 1.8e9)
    created = client.start_login(display_text="登录 某某平台", challenge=b"c" * 32)
    assert created.qr_secret == SECRET
    client.collect("s1", wait=20)
    assert [r.url.path for r in seen] == ["/api/rp/v1/sessions", "/api/rp/v1/sessions/s1"]
    for request in seen:
        h = request.headers
        path = request.url.raw_path.decode()
        expected = hmac.new(
            b"s3cret",
            string_to_sign(
                request.method, path, h["x-mcert-timestamp"], h["x-mcert-nonce"], request.content
            ),
            hashlib.sha256,
        ).hexdigest()
        assert h["x-mcert-signature"] == expected
        assert h["x-mcert-client-id"] == "rp_0123"
        assert h["x-mcert-timestamp"] == "1800000000"
    assert seen[1].url.raw_path == b"/api/rp/v1/sessions/s1?wait=20"
    assert json.loads(seen[0].content)["display_text"] == "登录 某某平台"
    assert len({r.headers["x-mcert-nonce"] for r in seen}) == 2


def _created() -> httpx.Response:
    return httpx.Response(
        201,
        json={
            "session_id": "s1",
            "start_token": "tok_ABCDEFGHIJKLMNOPQRS",
            "qr_secret": "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
            "created_at": CREATED.isoformat(),
            "scan_deadline": (CREATED + timedelta(seconds=180)).isoformat(),
        },
    )


def _refused(code: str, retry_after: str | None = "1") -> httpx.Response:
    headers = {"retry-after": retry_after} if retry_after else {}
    message = "服务器繁忙，请稍后重试"
    return httpx.Response(503, headers=headers, json={"error": {"code": code, "message": message}})


def _scripted(answers: list[httpx.Response], **kw: Any) -> tuple[Client, list[Any], list[float]]:
    seen: list[httpx.Request] = []
    slept: list[float] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers[len(seen) - 1]

    http = httpx.Client(base_url="https://mcert.example", transport=httpx.MockTransport(respond))
    client = Client(
        "https://mcert.example", "rp_0123", "s3cret", http=http, sleep=slept.append, **kw
    )
    return client, seen, slept


def test_a_busy_server_is_asked_again_after_retry_after_signed_anew() -> None:
    client, seen, slept = _scripted(
        [_refused("server_busy"), _refused("server_busy", "2"), _created()]
    )
    handle = client.start_login(display_text="登录 某某平台")
    assert handle.session_id == "s1"
    assert slept == [1.0, 2.0]
    assert len(seen) == 3
    # The same request each time, each with its own nonce (a nonce is single use).
    assert len({r.content for r in seen}) == 1
    assert len({r.headers["x-mcert-nonce"] for r in seen}) == 3


def test_busy_retries_end_in_service_unavailable() -> None:
    client, seen, slept = _scripted([_refused("server_busy", "30")] * 3, busy_retries=2)
    with pytest.raises(ServiceUnavailable) as caught:
        client.start_login(display_text="登录 某某平台")
    assert caught.value.code == "server_busy"
    assert len(seen) == 3
    assert slept == [Client.BUSY_WAIT_MAX, Client.BUSY_WAIT_MAX]  # Retry-After 30, capped


@pytest.mark.parametrize(
    ("answer", "retries"),
    [
        (_refused("storage_unavailable"), 2),  # may have done something: never repeated
        (_refused("service_unavailable", None), 2),
        (_refused("server_busy"), 0),  # retries turned off
    ],
)
def test_other_unavailability_is_not_retried(answer: httpx.Response, retries: int) -> None:
    client, seen, slept = _scripted([answer, _created()], busy_retries=retries)
    with pytest.raises(ServiceUnavailable):
        client.start_login(display_text="登录 某某平台")
    assert len(seen) == 1
    assert slept == []


# ----------------------------------------------------------------------------- rendering


def test_terminal_and_svg_render_the_same_modules() -> None:
    text = handle().qr_text(3)
    matrix = rp_cli.qr_matrix(text, border=0)
    art = rp_cli.qr_terminal(text).splitlines()
    assert len(art) == (len(matrix) + 4 + 1) // 2  # two module rows per line, border 2
    assert all(line.startswith("\x1b[30;107m") and line.endswith("\x1b[0m") for line in art)
    svg = demo_qr.svg(text, border=0)
    assert svg.count("h1v1h-1z") == sum(map(sum, matrix))
    assert demo_qr.png(text).startswith(b"\x89PNG")


def test_display_prints_each_new_frame_on_its_own_line(monkeypatch: pytest.MonkeyPatch) -> None:
    out: list[str] = []

    class Out:
        def write(self, text: str) -> None:
            out.append(text)

        def flush(self) -> None:
            pass

        def isatty(self) -> bool:
            return False

    app = rp_cli.App("https://mcert.example", "rp", "s", None, False, None, out=Out())  # type: ignore[arg-type]
    h = handle()
    now = [CREATED.timestamp() + 0.1]
    monkeypatch.setattr(rp_cli.time, "time", lambda: now[0])
    display = rp_cli.Display(app, h, png=None)
    display.tick("outstanding")
    display.tick("outstanding")  # same second: nothing new
    now[0] += 1
    display.tick("outstanding")
    display.tick("scanned")  # no more frames once scanned
    now[0] += 1
    display.tick("scanned")
    lines = "".join(out).splitlines()
    assert lines == [
        "# 等待扫码 waiting for a scan",
        h.qr_text(0),
        h.qr_text(1),
        "# 已扫码，请在手机上确认 scanned — confirm on the phone",
    ]


# ----------------------------------------------------------------------------- offline CLI


def encryption_cert(tmp_path: Path) -> tuple[Path, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "张三")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(0x1234ABCD)
        .not_valid_before(CREATED)
        .not_valid_after(CREATED + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "enc.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path, cert


def test_encrypt_needs_no_server_or_credentials(tmp_path: Path) -> None:
    cert_path, cert = encryption_cert(tmp_path)
    bid = tmp_path / "bid.txt"
    bid.write_text("第一标段 投标报价 9,870,000 元", encoding="utf-8")
    out = tmp_path / "bid.p7m"
    runner = CliRunner()
    env = {"MCERT_RP_CLIENT_ID": "", "MCERT_RP_SECRET": ""}
    args = ["encrypt", "--cert", str(cert_path), "--in", str(bid), "--out", str(out)]
    result = runner.invoke(rp_cli.main, ["--server", "http://127.0.0.1:9", *args], env=env)
    assert result.exit_code == 0, result.output
    assert "已加密" in result.output
    assert "1234abcd" in result.output
    envelope = out.read_bytes()
    recipient, _, _ = prepare_decrypt(envelope, cert)  # made for this certificate
    assert recipient["kind"] == "ecdh"
    as_json = runner.invoke(rp_cli.main, ["--json", *args], env=env)
    event: dict[str, Any] = json.loads(as_json.output)
    assert event["event"] == "result"
    assert event["recipients"] == [{"subject": "张三", "serial": "1234abcd"}]


def test_server_commands_need_credentials(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        rp_cli.main, ["login"], env={"MCERT_RP_CLIENT_ID": "", "MCERT_RP_SECRET": ""}
    )
    assert result.exit_code == 2
    assert "mcert rp create" in result.output


def test_demo_needs_credentials() -> None:
    result = CliRunner().invoke(
        rp_cli.main, ["demo"], env={"MCERT_RP_CLIENT_ID": "", "MCERT_RP_SECRET": ""}
    )
    assert result.exit_code == 2
    assert "mcert rp create" in result.output


def test_decrypt_of_a_foreign_envelope_is_one_line(tmp_path: Path) -> None:
    cert_path, _ = encryption_cert(tmp_path)
    junk = tmp_path / "bid.p7m"
    junk.write_bytes(b"not an envelope")
    result = CliRunner().invoke(
        rp_cli.main,
        ["--client-id", "rp_x", "--secret", "s", "decrypt", str(junk), "--cert", str(cert_path),
         "--out", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "envelope_invalid" in result.output
    assert "EnvelopeMalformed" in result.output


def test_unreachable_server_is_one_line_and_exit_1(tmp_path: Path) -> None:
    root, _ = encryption_cert(tmp_path)
    result = CliRunner().invoke(
        rp_cli.main,
        ["--server", "http://127.0.0.1:9", "--client-id", "rp_x", "--secret", "s", "--root",
         str(root), "login"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "server_unreachable" in result.output
