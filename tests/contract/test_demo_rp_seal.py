"""The demo platform's 投标文件签章 and 验章 (``mcert-rp demo``, docs/pdf-sealing.md) against a
live mCert: a bid PDF uploaded, a 骑缝章 and the legal representative's signature each sealed
by a scan (the phone is the reference device; the platform's worker answers its seal choice
with the digest), the sealed PDF downloaded and valid; 验章 of it, of a changed copy, of an
unsigned PDF; a keyword the bid lacks is refused before any scan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
from tests.seals import bid_pdf, claimed_seal

from mcert.runtime import Runtime
from mcert_rp import Client
from mcert_rp import pdf as rp_pdf
from mcert_rp.demo import DemoConfig, create_app

pytestmark = pytest.mark.slow
__all__ = ["clock", "ready", "server", "settings_overrides"]  # fixtures, imported to be used


@pytest.fixture
def web(server: str, ready: Ready) -> Iterator[TestClient]:
    pytest.importorskip("pyhanko")
    config = DemoConfig(server, ready.client_id, ready.secret, rp_name=RP_NAME)
    with TestClient(create_app(config)) as c:
        yield c


@pytest.fixture
def seals(
    ready: Ready, client: TestClient, runtime: Runtime, server: str
) -> Iterator[dict[str, str]]:
    """A 个人私章 and a 个人手写签名 claimed on the phone, which then talks to the live server."""
    kinds = ("personal_stamp", "personal_signature")
    claimed = {k: claimed_seal(ready.holder, client, runtime, ready.cert, k)["id"] for k in kinds}
    ready.holder.device.http = httpx.Client(base_url=server)
    yield claimed
    ready.holder.device.http.close()


def seal_by_scan(
    web: TestClient, phone: Ready, pdf_id: str, step: str, seal_id: str, kinds: str
) -> Any:
    started = web.post(f"/api/pdfs/{pdf_id}/seal", data={"step": step, "kinds": kinds})
    assert started.status_code == 200, started.text
    sid = started.json()["id"]
    frame = web.get(f"/api/sessions/{sid}/frame").json()["qr"]
    view = phone.holder.device.scan(frame)
    assert view["type"] == "seal"
    assert view["document"]["page_count"] == 3
    assert [s["id"] for s in view["seals"]] == [seal_id]
    phone.holder.device.confirm(view["session_id"], phone.cert["id"], PASSWORD, seal_id=seal_id)
    return web.get(f"/api/sessions/{sid}/status", params={"wait": 10}).json()


def no_keyword_pdf() -> bytes:
    fpdf = pytest.importorskip("fpdf")
    doc = fpdf.FPDF(unit="pt", format="A4")
    doc.add_page()
    doc.set_font("helvetica", size=14)
    doc.text(72, 72, "Bid without a seal line")
    return bytes(doc.output())


def test_seal_a_bid_then_verify(
    web: TestClient, ready: Ready, seals: dict[str, str], server: str
) -> None:
    for path, title in (("/seal", "投标文件签章"), ("/verify", "验章")):
        page = web.get(path)
        assert f"<title>{title} - 示范招投标平台</title>" in page.text
        csp = page.headers["content-security-policy"]
        assert csp.count("'sha256-") == page.text.count("<script>")

    data = bid_pdf(pages=3)
    up = web.post("/api/pdfs", files={"file": ("第一标段投标文件.pdf", data, "application/pdf")})
    assert up.status_code == 200, up.text
    doc = up.json()
    assert doc["pages"] == 3
    assert doc["signatures"] == 0
    assert doc["keywords"] == {"投标人（盖章）": True, "法定代表人（签字）": True}

    # 骑缝章 first (with the holder's 私章: a personal certificate has no company seal), then
    # the signature on 法定代表人（签字）.
    body = seal_by_scan(
        web, ready, doc["pdf_id"], "straddle", seals["personal_stamp"], "personal_stamp"
    )
    assert body["status"] == "complete", body
    assert body["text"] == "盖章完成：骑缝章（全部页右侧边缘），张三"
    body = seal_by_scan(
        web, ready, doc["pdf_id"], "legal", seals["personal_signature"], "personal_signature"
    )
    assert body["status"] == "complete", body
    assert body["sealed"] == ["骑缝章（全部页右侧边缘）", "法定代表人签字：法定代表人（签字）"]
    assert "个人手写签名" in body["seal"]

    download = web.get(body["download"])
    assert download.headers["content-type"] == "application/pdf"
    assert "filename*=UTF-8''" in download.headers["content-disposition"]
    sealed = download.content
    root = Client(server, ready.client_id, ready.secret).root_certificate()
    report = rp_pdf.verify_pdf(sealed, [root])
    assert report.valid
    assert [s.seal.kind if s.seal else None for s in report.signatures] == [
        "personal_stamp",
        "personal_signature",
    ]
    assert [s.page for s in report.signatures] == [1, 3]

    # 验章: valid, with the details in Chinese.
    checked = web.post("/api/verify", files={"file": ("x.pdf", sealed)}).json()
    assert checked["valid"] is True
    assert checked["text"] == "验章通过：2 个签名全部有效"
    rows = {k: (v, ok) for k, v, ok in checked["signatures"][1]["rows"]}
    assert rows["签章人"][0] == "张三"
    assert rows["文件完整性"] == ("签名后未被篡改", True)
    assert rows["证书链"] == ("可信（链至 mCert 根证书）", True)
    assert rows["吊销信息"] == ("已嵌入（OCSP/CRL）", True)
    assert rows["签名时间戳"][1] is True
    assert "北京时间" in rows["签名时间戳"][0]
    assert rows["印章"][0].startswith(seals_name(report, 1))
    # One byte changed in the signed content: 验章 fails.
    changed = bytearray(sealed)
    changed[11] ^= 1
    bad = web.post("/api/verify", files={"file": ("x.pdf", bytes(changed))}).json()
    assert bad["valid"] is False
    assert bad["text"].startswith("验章未通过：")
    assert any(
        row == ["文件完整性", "签名后的内容被修改或签名无效", False]
        for s in bad["signatures"]
        for row in s["rows"]
    )
    # An unsigned PDF, and something that is not a PDF.
    plain = web.post("/api/verify", files={"file": ("x.pdf", data)}).json()
    assert plain == {"valid": False, "text": "验章未通过：文件中没有数字签名", "signatures": []}
    assert web.post("/api/verify", files={"file": ("x.pdf", b"hello")}).status_code == 400


def seals_name(report: rp_pdf.PdfReport, n: int) -> str:
    seal = report.signatures[n].seal
    assert seal is not None
    return seal.name


def test_a_missing_keyword_is_refused_before_the_scan(web: TestClient) -> None:
    doc = web.post("/api/pdfs", files={"file": ("投标文件.pdf", no_keyword_pdf())}).json()
    assert doc["keywords"] == {"投标人（盖章）": False, "法定代表人（签字）": False}
    refused = web.post(f"/api/pdfs/{doc['pdf_id']}/seal", data={"step": "company"})
    assert refused.status_code == 400
    assert "投标人（盖章）" in refused.json()["detail"]
    # 骑缝章 needs two pages.
    refused = web.post(f"/api/pdfs/{doc['pdf_id']}/seal", data={"step": "straddle"})
    assert refused.status_code == 400
    assert web.post(f"/api/pdfs/{doc['pdf_id']}/seal", data={"step": "x"}).status_code == 400
    assert web.post("/api/pdfs/nope/seal", data={"step": "legal"}).status_code == 404
