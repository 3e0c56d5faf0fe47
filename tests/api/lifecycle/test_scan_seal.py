"""Seal sessions (签章 of a bid PDF, docs/pdf-sealing.md) through the RP SDK, the app in
process and the reference device: the PDF stays with the RP, the phone sees thumbnails and
picks a claimed seal, the RP prepares the digest for that choice, the phone signs, and the
sealed PDF verifies (pyHanko against mCert's root; the seal red at the keyword)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytest.importorskip("pyhanko")
pytest.importorskip("fpdf")

from fastapi.testclient import TestClient
from tests.holders import Certified, Holder
from tests.seals import KEYWORD, bid_pdf, claimed_seal

from mcert.clock import FrozenClock
from mcert.runtime import Runtime
from mcert_device.client import DeviceError
from mcert_rp import Client, SealStepRejected, SessionFailed, SessionHandle
from mcert_rp import pdf as rp_pdf

PASSWORD = "Bid#2026go"
RPFactory = Callable[..., Client]


def red_fraction(data: bytes, box: rp_pdf.SealBox) -> float:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    doc.init_forms()  # a signature's appearance is its form field's widget
    page = doc[box.page - 1]
    scale = 2.0
    img = page.render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
    height = page.get_height()
    red = total = 0
    for x in range(int(box.x1 * scale), int(box.x2 * scale)):
        for y in range(int((height - box.y2) * scale), int((height - box.y1) * scale)):
            r, g, b = img.getpixel((x, y))
            total += 1
            red += r > 180 and g < 90 and b < 90
    return red / total


def frame(handle: SessionHandle, clock: FrozenClock) -> str:
    return handle.qr_text(int((clock.now() - handle.created_at).total_seconds()))


@pytest.fixture
def ready(
    certified: Certified, rp_factory: RPFactory, client: TestClient, ca: Runtime
) -> tuple[Holder, dict[str, Any], dict[str, Any], Client]:
    holder, cert = certified.holder, certified.cert
    seal = claimed_seal(holder, client, ca, cert, "personal_stamp")
    return holder, cert, seal, rp_factory(ops=("login", "sign", "decrypt", "seal"))


def run_seal(
    holder: Holder,
    cert: dict[str, Any],
    seal_id: str,
    rp: Client,
    clock: FrozenClock,
    data: bytes,
    keyword: str = KEYWORD,
    seal_kinds: list[str] | None = None,
    level: rp_pdf.Level = "B-LT",
    placement: rp_pdf.Placement | None = None,
) -> tuple[bytes, Any, dict[str, Any]]:
    info = rp_pdf.inspect_pdf(data)
    # Where the keyword is; the box is resized to the chosen seal once it is known.
    probe = rp_pdf.SealImage(b"", 20, 20)
    boxes = rp_pdf.locate(data, [placement or rp_pdf.AtKeyword(keyword)], probe, info)
    box: Any = boxes if isinstance(placement, rp_pdf.Straddle) else boxes[0]
    document = rp_pdf.session_document(data, boxes, label="投标文件.pdf")
    handle = rp.start_seal(display_text="投标文件签章", document=document, seal_kinds=seal_kinds)
    view = holder.device.scan(frame(handle, clock))
    state: dict[str, Any] = {"view": view}

    def platform_prepares(_task: dict[str, Any]) -> None:
        status = rp.wait_for_selection(handle.session_id, timeout=1)
        assert status.selection is not None
        prepared = rp_pdf.prepare_for_selection(data, status.selection, box)
        state["prepared"] = prepared
        assert (
            rp.submit_digest(
                handle.session_id, status.selection["selection_id"], prepared.digest
            ).hint
            == "digest_ready"
        )

    holder.device.confirm(
        handle.session_id, cert["id"], PASSWORD, seal_id=seal_id, on_prepared=platform_prepares
    )
    status = rp.collect(handle.session_id)
    assert status.status == "complete"
    assert status.result is not None
    sealed = rp_pdf.finish_from_result(
        state["prepared"],
        status.result,
        level=level,
        crls=[rp.crl("root"), rp.crl("issuing")],
        tsa=rp.timestamp,
    )
    return sealed, box, state


def test_seal_a_bid_pdf_end_to_end(
    ready: tuple[Holder, dict[str, Any], dict[str, Any], Client],
    client: TestClient,
    clock: FrozenClock,
) -> None:
    holder, cert, seal, rp = ready
    data = bid_pdf()
    sealed, box, state = run_seal(holder, cert, seal["id"], rp, clock, data)
    view = state["view"]
    assert view["type"] == "seal"
    assert view["type_label"] == "盖章"
    assert view["document"]["page_count"] == 2
    assert view["document"]["label"] == "投标文件.pdf"
    assert [t["page"] for t in view["document"]["thumbnails"]] == [2]
    [thumb] = view["document"]["thumbnails"]
    assert (round(thumb["width"]), round(thumb["height"])) == (595, 842)  # A4 in points
    assert view["seals"] == [
        {
            "id": seal["id"],
            "seal_type": "personal_stamp",
            "name": seal["name"],
            "cert_id": cert["id"],
        }
    ]
    root = rp.root_certificate()
    report = rp_pdf.verify_pdf(sealed, [root], at=clock.now())
    [sig] = report.signatures
    assert report.valid, sig
    assert sig.signer == "张三"
    assert sig.page == 2
    assert sig.timestamp is not None
    assert sig.revocation_info
    assert sig.seal is not None
    assert sig.seal.name == seal["name"]
    assert sig.seal.kind == "personal_stamp"
    # The seal is red where the keyword is, and nothing was red there before.
    assert red_fraction(sealed, box) > 0.05
    assert red_fraction(data, box) == 0
    [record] = [r for r in holder.device.usage()["items"] if r["operation"] == "seal"]
    assert record["result"] == "success"
    assert record["operation_label"] == "盖章"


def test_company_seal_then_signature_both_valid_and_lta(
    ready: tuple[Holder, dict[str, Any], dict[str, Any], Client],
    client: TestClient,
    ca: Runtime,
    clock: FrozenClock,
) -> None:
    holder, cert, stamp, rp = ready
    signature = claimed_seal(holder, client, ca, cert, "personal_signature")
    data = bid_pdf()
    first, _, _ = run_seal(
        holder, cert, stamp["id"], rp, clock, data, seal_kinds=["personal_stamp"]
    )
    second, _, state = run_seal(
        holder, cert, signature["id"], rp, clock, first, keyword="法定代表人（签字）",
        seal_kinds=["personal_signature"], level="B-LTA",
    )  # fmt: skip
    assert [s["seal_type"] for s in state["view"]["seals"]] == ["personal_signature"]
    assert second.startswith(first)
    report = rp_pdf.verify_pdf(second, [rp.root_certificate()], at=clock.now())
    assert report.valid
    assert [s.document_timestamp for s in report.signatures] == [True, True]
    assert [s.seal.kind if s.seal else None for s in report.signatures] == [
        "personal_stamp",
        "personal_signature",
    ]


def test_wrong_kind_or_foreign_seal_is_refused_before_the_password(
    ready: tuple[Holder, dict[str, Any], dict[str, Any], Client], clock: FrozenClock
) -> None:
    holder, cert, seal, rp = ready
    data = bid_pdf()
    document = rp_pdf.session_document(data, [], label="投标文件.pdf")
    handle = rp.start_seal(display_text="投标文件签章", document=document)
    holder.device.scan(frame(handle, clock))
    with pytest.raises(DeviceError) as exc:
        holder.device.confirm(handle.session_id, cert["id"], PASSWORD, seal_id="0" * 32)
    assert exc.value.code == "seal_not_usable"
    with pytest.raises(DeviceError) as exc:
        holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    assert exc.value.code == "seal_required"
    assert holder.device.certificate(cert["id"])["attempts_left"] == 5
    # No claimed seal of the kind asked for: the certificate is not eligible.
    handle = rp.start_seal(
        display_text="投标文件签章", document=document, seal_kinds=["company_official"]
    )
    view = holder.device.scan(frame(handle, clock))
    [choice] = view["certificates"]
    assert choice["eligible"] is False
    assert choice["reason"] == "no_seal"
    assert view["seals"] == []
    with pytest.raises(DeviceError):
        holder.device.confirm(handle.session_id, cert["id"], PASSWORD, seal_id=seal["id"])
    with pytest.raises(SessionFailed) as failed:
        rp.wait_for_result(handle.session_id, timeout=1)
    assert failed.value.reason == "no_seal"


def test_digest_rules(
    ready: tuple[Holder, dict[str, Any], dict[str, Any], Client], clock: FrozenClock
) -> None:
    from mcert_rp import APIError

    holder, cert, seal, rp = ready
    data = bid_pdf()
    document = rp_pdf.session_document(data, [], label="投标文件.pdf")
    handle = rp.start_seal(display_text="投标文件签章", document=document)
    with pytest.raises(APIError) as exc:
        rp.submit_digest(handle.session_id, "x", b"\0" * 32)
    assert exc.value.code == "selection_missing"
    assert isinstance(exc.value, SealStepRejected)
    login = rp.start_login(display_text="登录")
    with pytest.raises(APIError) as exc:
        rp.submit_digest(login.session_id, "x", b"\0" * 32)
    assert exc.value.code == "session_not_seal"
    holder.device.scan(frame(handle, clock))
    seen: dict[str, Any] = {}

    def stale_then_right(_task: dict[str, Any]) -> None:
        status = rp.collect(handle.session_id)
        assert status.selection is not None
        with pytest.raises(APIError) as stale:
            rp.submit_digest(handle.session_id, "not-the-selection", b"\0" * 32)
        seen["stale"] = stale.value.code
        with pytest.raises(DeviceError) as early:
            holder.device.wait_for_digest(handle.session_id, timeout=0)
        seen["early"] = early.value.code
        rp.submit_digest(handle.session_id, status.selection["selection_id"], b"\1" * 32)

    holder.device.confirm(
        handle.session_id, cert["id"], PASSWORD, seal_id=seal["id"], on_prepared=stale_then_right
    )
    assert seen == {"stale": "selection_changed", "early": "digest_not_ready"}
    status = rp.collect(handle.session_id)
    assert status.status == "complete"
    assert status.result is not None
    assert status.result["seal"]["id"] == seal["id"]


def test_bad_session_documents(rp_factory: RPFactory) -> None:
    from mcert_rp import APIError

    rp = rp_factory(ops=("seal",))
    good = {"label": "a.pdf", "sha256": "0" * 64, "page_count": 2, "thumbnails": []}
    outside = {"page": 3, "x": 1, "y": 1, "width": 5, "height": 5}
    for doc, code in [
        (
            {**good, "thumbnails": [{"page": 1, "png": "aGVsbG8", "width": 595, "height": 842}]},
            "document_invalid",
        ),
        ({**good, "placements": [outside]}, "document_invalid"),
    ]:
        with pytest.raises(APIError) as exc:
            rp.start_seal(display_text="签章", document=doc)
        assert exc.value.code == code
    with pytest.raises(APIError) as exc:
        rp.start_seal(display_text="签章", document=good, seal_kinds=["golden_seal"])
    assert exc.value.code == "seal_kinds_invalid"
    no_seal_op = rp_factory(name="另一平台")
    with pytest.raises(APIError) as exc:
        no_seal_op.start_seal(display_text="签章", document=good)
    assert exc.value.code == "operation_not_allowed"


def test_straddle_seal_through_a_session(
    ready: tuple[Holder, dict[str, Any], dict[str, Any], Client],
    client: TestClient,
    clock: FrozenClock,
) -> None:
    holder, cert, seal, rp = ready
    data = bid_pdf(pages=3)
    sealed, slices, state = run_seal(
        holder, cert, seal["id"], rp, clock, data, placement=rp_pdf.Straddle()
    )
    assert [p["page"] for p in state["view"]["document"]["placements"]] == [1, 2, 3]
    report = rp_pdf.verify_pdf(sealed, [rp.root_certificate()], at=clock.now())
    assert report.valid, report.signatures
    for b in slices:
        shown = rp_pdf.box_for_seal(b, rp_pdf.SealImage(b"", 20, 20))
        assert red_fraction(sealed, shown) > 0.03, b
