"""签章 of a bid PDF in the holder app (issue #13): a holder with a personal seal claimed on
this phone opens a seal session's link; the confirm screen shows the document (name, page
count, SHA-256), the page thumbnail with the seal drawn at the keyword, and the seal to
choose; a wrong password is counted; the right one prepares, the platform (the SDK in this
process) computes the digest for that seal, the app signs it, and the sealed PDF is valid
for pyHanko (mCert's root) and poppler's pdfsig. A phone without a claimed seal is sent to
电子印章."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("pyhanko")
pytest.importorskip("fpdf")

from mcert.clock import FrozenClock
from mcert.rp import service as rp_service
from mcert.runtime import Runtime
from mcert.seal import service as seal_service
from mcert_device import seals as device_seals
from mcert_rp import Client
from mcert_rp import pdf as rp_pdf
from tests.companies import reviewer
from tests.e2e.app import (
    download_in_app,
    field,
    login,
    paid_personal_order,
    toast,
    watch,
)
from tests.e2e.conftest import skip_reason
from tests.seals import KEYWORD, bid_pdf, seal_photo

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

PASSWORD = "Bid#2026go"
WRONG = "Wrong#pass1"
RP_NAME = "某某公共资源交易平台"


def seal_rp(runtime: Runtime, base_url: str, clock: FrozenClock) -> Client:
    with runtime.sessions() as db:
        rp, secret = rp_service.create(
            db, runtime, name=RP_NAME, ops=["login", "sign", "seal"], callback_url=None
        )
    return Client(base_url, rp.client_id, secret, clock=lambda: clock.now().timestamp())


def start(
    rp: Client, data: bytes, kinds: list[str], placement: rp_pdf.Placement | None = None
) -> tuple[Any, Any]:
    """The platform's round one: where the keyword is, thumbnails, the session."""
    probe = rp_pdf.SealImage(b"", 20, 20)
    boxes = rp_pdf.locate(
        data, [placement or rp_pdf.AtKeyword(KEYWORD)], probe, rp_pdf.inspect_pdf(data)
    )
    document = rp_pdf.session_document(data, boxes, label="第一标段投标文件.pdf")
    handle = rp.start_seal(display_text="投标文件签章", document=document, seal_kinds=kinds)
    return handle, boxes if placement is not None else boxes[0]


def test_seal_a_bid_pdf_in_the_app(
    new_phone: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    artifacts: Callable[..., Path],
) -> None:
    holder = paid_personal_order(http, ca, clock, n=981)
    problems: list[str] = []
    page = watch(new_phone().new_page(), problems)
    login(page, live_url, ca, clock, holder.phone)
    cert_id = download_in_app(page, live_url, PASSWORD)
    rp = seal_rp(ca, live_url, clock)
    data = bid_pdf(pages=3)

    # No claimed seal yet: the certificate cannot seal, and 电子印章 is offered.
    handle, _ = start(rp, data, ["personal_stamp"])
    page.goto(handle.qr_text(0))
    page.wait_for_url(re.compile(r"/scan/confirm"))
    page.get_by_test_id("seal-document").wait_for()
    no_seal = page.get_by_test_id("scan-no-seal")
    no_seal.wait_for()
    assert "没有已申领的个人私章" in no_seal.inner_text()
    assert page.get_by_test_id("scan-cert").locator(".van-radio--disabled").count() == 1
    artifacts(page, "01-no-seal")
    page.get_by_test_id("scan-no-seal-link").click()
    page.wait_for_url(re.compile(r"/seals$"))

    # A 个人私章 applied for (no keys needed), approved, and claimed on this phone.
    applied = device_seals.apply(
        holder.device, cert_id, "personal_stamp", ("seal.jpg", seal_photo("square"))
    )
    with ca.sessions() as db:
        seal_service.approve(db, ca, reviewer(ca), applied["id"])
    page.goto(live_url + "/seals?tab=personal")
    page.get_by_test_id("seal-approved").get_by_test_id("seal-claim").click()
    field(page, "claim-password").fill(PASSWORD)
    page.get_by_test_id("claim-submit").click()
    toast(page, "印章申领成功")

    # The seal session: what is sealed, where, with which seal.
    clock.advance(5)
    handle, box = start(rp, data, ["personal_stamp", "personal_signature"])
    page.goto(handle.qr_text(0))
    page.wait_for_url(re.compile(r"/scan/confirm"))
    doc = page.get_by_test_id("seal-document")
    doc.wait_for()
    assert page.get_by_test_id("seal-doc-label").inner_text() == "第一标段投标文件.pdf"
    assert page.get_by_test_id("seal-doc-pages").inner_text() == "3"
    digest = rp_pdf.inspect_pdf(data).sha256
    hash_text = page.get_by_test_id("seal-doc-hash").inner_text()
    assert digest[:8] in hash_text
    assert digest[-8:] in hash_text
    assert page.get_by_test_id("seal-doc-kinds").inner_text() == "个人私章、个人手写签名"
    assert page.get_by_test_id("seal-doc-where").inner_text() == "第 3 页"
    # 复制 puts the whole SHA-256 on the clipboard.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_url)
    page.get_by_test_id("seal-doc-copy").click()
    toast(page, "已复制文件摘要")
    assert page.evaluate("navigator.clipboard.readText()") == digest
    thumb = page.get_by_test_id("seal-thumb-3")
    thumb.wait_for()
    assert page.locator("[data-testid^=seal-thumb-]").count() == 1  # the keyword's page only
    seal_row = page.get_by_test_id(f"scan-seal-{applied['id']}")
    seal_row.locator(".van-radio__icon--checked").wait_for()  # the only seal, chosen
    assert "个人私章" in seal_row.inner_text()
    # The seal drawn at the keyword at its own size (as the platform will seal it): centred
    # where the SDK located the keyword.
    placement = thumb.get_by_test_id("seal-placement")
    placement.locator("img").wait_for()
    img = thumb.locator("img").first.bounding_box()
    assert img is not None
    width, height = rp_pdf.inspect_pdf(data).page_sizes[2]
    scale = img["width"] / width
    seal_width = applied["width_mm"] * 72 / 25.4 * scale
    page.wait_for_function(
        "([el, w]) => Math.abs(el.getBoundingClientRect().width - w) < 1.5",
        arg=[placement.element_handle(), seal_width],
    )
    drawn = placement.bounding_box()
    assert drawn is not None
    centre_x, centre_y = (box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2
    assert drawn["x"] + drawn["width"] / 2 - img["x"] == pytest.approx(centre_x * scale, abs=2)
    assert drawn["y"] + drawn["height"] / 2 - img["y"] == pytest.approx(
        (height - centre_y) * scale, abs=2
    )
    artifacts(page, "02-seal-confirm")
    img = thumb.locator("img").first.bounding_box()
    drawn = placement.bounding_box()
    assert img is not None
    assert drawn is not None
    width, height = rp_pdf.inspect_pdf(data).page_sizes[2]
    scale = img["width"] / width
    assert drawn["x"] - img["x"] == pytest.approx(box.x1 * scale, abs=2)
    assert drawn["y"] - img["y"] == pytest.approx((height - box.y2) * scale, abs=2)
    artifacts(page, "02-seal-confirm")

    # A wrong password is counted and nothing reaches the platform.
    field(page, "scan-password").fill(WRONG)
    page.get_by_test_id("scan-confirm").click()
    page.get_by_test_id("scan-error").filter(has_text="还可尝试4次").wait_for()
    assert rp.collect(handle.session_id).selection is None
    artifacts(page, "03-seal-wrong-password")

    # The right one: the phone chose; the platform prepares the digest for that seal.
    field(page, "scan-password").fill(PASSWORD)
    page.get_by_test_id("scan-confirm").click()
    status = rp.wait_for_selection(handle.session_id, timeout=30)
    assert status.selection is not None
    assert status.selection["seal"]["id"] == applied["id"]
    page.get_by_test_id("scan-waiting").wait_for()
    prepared = rp_pdf.prepare_for_selection(data, status.selection, box)
    rp.submit_digest(handle.session_id, status.selection["selection_id"], prepared.digest)
    page.get_by_test_id("scan-result").filter(has_text="盖章成功").wait_for()
    assert page.get_by_test_id("scan-sealed").inner_text() == (
        f"已在《第一标段投标文件.pdf》上加盖「{applied['name']}」"
    )
    artifacts(page, "04-seal-done")

    result = rp.collect(handle.session_id)
    assert result.status == "complete"
    assert result.result is not None
    sealed = rp_pdf.finish_from_result(
        prepared, result.result, crls=[rp.crl("root"), rp.crl("issuing")], tsa=rp.timestamp
    )
    report = rp_pdf.verify_pdf(sealed, [rp.root_certificate()], at=clock.now())
    [sig] = report.signatures
    assert report.valid, sig
    assert sig.signer == "王五"
    assert sig.page == 3
    assert sig.seal is not None
    assert sig.seal.kind == "personal_stamp"
    if shutil.which("pdfsig") is not None:
        out = Path(artifacts(page, "05-end")).parent / "sealed.pdf"
        out.write_bytes(sealed)
        checked = subprocess.run(
            ["pdfsig", "-nocert", str(out)], capture_output=True, text=True, check=False
        )
        assert "Signature is Valid." in checked.stdout, checked.stdout

    # A 骑缝章: every page's thumbnail with its slice on the right edge. The platform then
    # cannot go on (it cancels after the choice): the phone says so instead of waiting.
    clock.advance(5)
    handle, _ = start(rp, data, ["personal_stamp"], rp_pdf.Straddle())
    page.goto(handle.qr_text(0))
    page.wait_for_url(re.compile(r"/scan/confirm"))
    page.get_by_test_id("seal-document").wait_for()
    assert page.get_by_test_id("seal-doc-where").inner_text() == "骑缝章，第 1–3 页右侧边缘"
    for n in (1, 2, 3):
        sheet = page.get_by_test_id(f"seal-thumb-{n}")
        sheet.get_by_test_id("seal-placement").locator("img").wait_for()
        image = sheet.locator("img").first.bounding_box()
        slice_box = sheet.get_by_test_id("seal-placement").bounding_box()
        assert image is not None
        assert slice_box is not None
        assert slice_box["x"] + slice_box["width"] == pytest.approx(
            image["x"] + image["width"], abs=2
        )
    artifacts(page, "06-straddle-confirm")
    field(page, "scan-password").fill(PASSWORD)
    page.get_by_test_id("scan-confirm").click()
    assert rp.wait_for_selection(handle.session_id, timeout=30).selection is not None
    rp.cancel(handle.session_id)
    page.get_by_test_id("scan-error").filter(has_text="已取消本次盖章").wait_for()
    assert page.get_by_test_id("scan-confirm").is_disabled()  # nothing left to retry
    assert page.get_by_test_id("scan-home").is_visible()
    artifacts(page, "07-platform-cancelled")
    assert problems == []
