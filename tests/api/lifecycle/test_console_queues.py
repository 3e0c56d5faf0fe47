"""The console's review queues (issue #16): kinds, oldest first, service levels, claims that
lapse, deciding takes the claim, standard rejection reasons, extracted data, PDF pages."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select
from tests.holders import USCC, Holder, licence_png, make_holder
from tests.operators import console_headers

from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.operator import service as operators
from mcert.operator.models import Operator
from mcert.review.models import ReviewClaim
from mcert.runtime import Runtime

C = "/api/console/v1"


def login(client: TestClient, rt: Runtime, username: str, role: str, name: str) -> dict[str, str]:
    """Console headers of ``username`` (created with ``role`` and display name ``name`` at
    first use), logged in with password and TOTP code."""
    with rt.sessions() as db:
        if db.scalars(select(Operator).where(Operator.username == username)).first() is None:
            operators.create_operator(
                db, rt, username=username, password="console-pass-123", role=role,
                display_name=name,
            )  # fmt: skip
    return console_headers(client, rt, username, "console-pass-123")


def apply(h: Holder, seq: int, name: str, pdf: bytes | None = None) -> dict[str, Any]:
    if not h.device.realname_status()["verified"]:
        h.verify_by_phone()
    return dict(
        h.device.apply_company(
            years=1,
            company_name=name,
            uscc=USCC(seq),
            legal_rep_name="王五",
            applicant_is_legal_rep=False,
            licence=("licence.png", licence_png()),
            authorization=("auth.pdf", pdf or b"%PDF-1.4\n%%EOF\n"),
        )
    )


def test_queues_oldest_first_with_sla_claims_lapse_and_deciding_takes_the_claim(
    client: TestClient, ca: Runtime, holder: Holder, clock: FrozenClock
) -> None:
    first = apply(holder, 1, "福州某某建设工程有限公司")
    clock.advance(25 * 3600)  # past the 24 h service level
    other = make_holder(client, ca, clock, n=2, name="李四")
    second = apply(other, 2, "厦门某某科技有限公司")
    r1 = login(client, ca, "reviewer1", "reviewer", "审核员甲")
    r2 = login(client, ca, "reviewer2", "reviewer", "审核员乙")

    kinds = {k["kind"]: k for k in client.get(f"{C}/queues", headers=r1).json()["kinds"]}
    assert set(kinds) == {"application", "resubmission", "name_change", "seal", "invoice"}
    assert kinds["application"]["count"] == 2
    assert kinds["application"]["overdue"] == 1
    assert kinds["application"]["oldest_age_seconds"] >= 25 * 3600
    assert kinds["application"]["label"] == "新申请"
    assert kinds["resubmission"]["count"] == 0
    assert kinds["resubmission"]["oldest_age_seconds"] is None

    items = client.get(f"{C}/queue", params={"kind": "application"}, headers=r1).json()
    assert [i["id"] for i in items] == [first["id"], second["id"]]  # oldest first
    assert [i["overdue"] for i in items] == [True, False]
    assert items[0]["sla_seconds"] == 24 * 3600
    assert items[0]["subject_name"] == "福州某某建设工程有限公司"
    assert items[0]["claimed_by"] is None
    bad = client.get(f"{C}/queue", params={"kind": "nonsense"}, headers=r1)
    assert bad.status_code == 422

    # Claim; the other reviewer can neither claim, release nor decide it.
    claimed = client.post(f"{C}/queue/application/{first['id']}/claim", headers=r1).json()
    assert claimed["claimed_by"]["display_name"] == "审核员甲"
    expires = claimed["claim_expires_at"]
    for path in ("claim", "release"):
        refused = client.post(f"{C}/queue/application/{first['id']}/{path}", headers=r2)
        assert refused.status_code == 409
        assert refused.json()["error"]["code"] == "review_claimed"
        assert "审核员甲" in refused.json()["error"]["message"]
    refused = client.post(f"{C}/reviews/{first['id']}/approve", headers=r2, json={})
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "review_claimed"
    refused = client.post(
        f"{C}/reviews/{first['id']}/reject", headers=r2, json={"reason_code": "licence_unclear"}
    )
    assert refused.json()["error"]["code"] == "review_claimed"
    assert holder.device.order(first["id"])["status"] == "pending_review"
    listed = client.get(f"{C}/queue", params={"kind": "application"}, headers=r2).json()
    assert listed[0]["claimed_by"]["display_name"] == "审核员甲"
    assert listed[0]["claim_expires_at"] == expires

    # 30 minutes later the claim has lapsed: the second reviewer takes the item over.
    clock.advance(31 * 60)
    # Both reviewers were idle for 30 minutes: their console sessions ended.
    r1 = login(client, ca, "reviewer1", "reviewer", "审核员甲")
    r2 = login(client, ca, "reviewer2", "reviewer", "审核员乙")
    taken = client.post(f"{C}/queue/application/{first['id']}/claim", headers=r2)
    assert taken.status_code == 200, taken.text
    assert taken.json()["claimed_by"]["display_name"] == "审核员乙"

    # A standard reason plus the reviewer's words; an unknown code is refused.
    unknown = client.post(
        f"{C}/reviews/{first['id']}/reject", headers=r2, json={"reason_code": "no_such"}
    )
    assert unknown.status_code == 422
    assert unknown.json()["error"]["code"] == "reject_reason_code_invalid"
    rejected = client.post(
        f"{C}/reviews/{first['id']}/reject",
        headers=r2,
        json={"reason_code": "uscc_mismatch", "reason": "请上传最新营业执照"},
    )
    assert rejected.status_code == 200, rejected.text
    mine = holder.device.order(first["id"])
    assert mine["reject_reason"] == "统一社会信用代码与营业执照不符：请上传最新营业执照"
    with ca.sessions() as db:  # a decided item's claim ends
        assert db.scalars(select(ReviewClaim).where(ReviewClaim.item_id == first["id"])).all() == []

    # Corrected and sent again: now a resubmission, not a new application.
    holder.device.resubmit(first["id"], files={"business_licence": ("l2.png", licence_png(9))})
    resub = client.get(f"{C}/queue", params={"kind": "resubmission"}, headers=r1).json()
    assert [i["id"] for i in resub] == [first["id"]]
    apps = client.get(f"{C}/queue", params={"kind": "application"}, headers=r1).json()
    assert [i["id"] for i in apps] == [second["id"]]

    # Deciding an unclaimed item claims it on the way: approved by r1, claim gone after.
    approved = client.post(f"{C}/reviews/{second['id']}/approve", headers=r1, json={})
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "pending_payment"
    with ca.sessions() as db:
        assert db.scalars(select(ReviewClaim)).all() == []
        entries = db.execute(
            select(AuditEntry.action, AuditEntry.actor_type, AuditEntry.target_id).where(
                AuditEntry.action.in_(["review.claimed", "order.approved", "order.rejected"])
            )
        ).all()
    assert ("review.claimed", "operator", first["id"]) in entries
    assert ("order.rejected", "operator", first["id"]) in entries
    assert ("order.approved", "operator", second["id"]) in entries


def test_release_gives_the_item_back_and_reasons_per_kind(
    client: TestClient, ca: Runtime, holder: Holder
) -> None:
    order = apply(holder, 3, "泉州某某工程有限公司")
    r1 = login(client, ca, "reviewer1", "reviewer", "审核员甲")
    r2 = login(client, ca, "reviewer2", "reviewer", "审核员乙")
    client.post(f"{C}/queue/application/{order['id']}/claim", headers=r1)
    released = client.post(f"{C}/queue/application/{order['id']}/release", headers=r1).json()
    assert released["claimed_by"] is None
    assert client.post(f"{C}/queue/application/{order['id']}/claim", headers=r2).status_code == 200
    # Not in that queue (it is an application, not a seal): 404.
    assert client.post(f"{C}/queue/seal/{order['id']}/claim", headers=r2).status_code == 404

    seal = client.get(f"{C}/rejection-reasons", params={"kind": "seal"}, headers=r1).json()
    assert {"code": "seal_mismatch", "text": "印章图像与印模不符"} in seal
    app = client.get(f"{C}/rejection-reasons", params={"kind": "application"}, headers=r1).json()
    texts = [r["text"] for r in app]
    assert "营业执照不清晰" in texts
    assert "统一社会信用代码与营业执照不符" in texts
    # "other" needs the reviewer's own words.
    other = client.post(
        f"{C}/reviews/{order['id']}/reject", headers=r2, json={"reason_code": "other"}
    )
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "reject_reason_required"


def _two_page_pdf() -> bytes:
    import pytest

    fpdf = pytest.importorskip("fpdf")
    doc = fpdf.FPDF(unit="pt", format="A4")
    doc.add_page()  # page 1: blank
    doc.add_page()  # page 2: mostly black
    doc.set_fill_color(0, 0, 0)
    doc.rect(20, 20, 555, 800, style="F")
    return bytes(doc.output())


def _mean(png: bytes) -> float:
    img = Image.open(io.BytesIO(png)).convert("L")
    hist = img.histogram()
    return sum(i * n for i, n in enumerate(hist)) / max(1, sum(hist))


def test_detail_extracts_and_pdf_pages_render_as_png(
    client: TestClient, ca: Runtime, holder: Holder
) -> None:
    order = apply(holder, 4, "漳州某某贸易有限公司", pdf=_two_page_pdf())
    r1 = login(client, ca, "reviewer1", "reviewer", "审核员甲")
    detail = client.get(f"{C}/reviews/{order['id']}", headers=r1).json()
    assert detail["extracted"] == {
        "company_name": "漳州某某贸易有限公司",
        "uscc": USCC(4),
        "uscc_valid": True,
        "legal_rep": "王五",
    }
    docs = {d["kind"]: d for d in detail["documents"]}
    assert docs["business_licence"]["pages"] == 1
    assert docs["authorization_letter"]["pages"] == 2
    pdf = docs["authorization_letter"]["id"]
    base = f"{C}/reviews/{order['id']}/documents/{pdf}/pages"

    pages = [client.get(f"{base}/{n}", headers=r1) for n in (1, 2)]
    for p in pages:
        assert p.status_code == 200
        assert p.headers["content-type"] == "image/png"
        assert p.content.startswith(b"\x89PNG\r\n\x1a\n")
        assert "sandbox" in p.headers["content-security-policy"]
    assert _mean(pages[0].content) > 250  # the blank page
    assert _mean(pages[1].content) < 60  # the black one: the right page was rendered
    assert Image.open(io.BytesIO(pages[1].content)).width <= 1800

    beyond = client.get(f"{base}/3", headers=r1)
    assert beyond.status_code == 404
    assert beyond.json()["error"]["code"] == "document_page_not_found"
    assert client.get(f"{base}/0", headers=r1).status_code == 422

    image = docs["business_licence"]["id"]
    one = client.get(f"{C}/reviews/{order['id']}/documents/{image}/pages/1", headers=r1)
    assert one.status_code == 200
    assert one.headers["content-type"] == docs["business_licence"]["content_type"]
    two = client.get(f"{C}/reviews/{order['id']}/documents/{image}/pages/2", headers=r1)
    assert two.status_code == 404

    # Beyond the configured page limit nothing is rendered.
    ca.settings.review_pdf_max_pages = 1
    capped = client.get(f"{base}/2", headers=r1)
    assert capped.status_code == 404
    assert capped.json()["error"]["code"] == "document_page_not_found"

    # An auditor may look things up but does not review.
    auditor = login(client, ca, "auditor1", "auditor", "审计员")
    assert client.get(f"{base}/1", headers=auditor).status_code == 403


def test_an_unreadable_pdf_has_no_pages_and_answers_422(
    client: TestClient, ca: Runtime, holder: Holder
) -> None:
    order = apply(holder, 5, "莆田某某贸易有限公司")  # "%PDF-1.4 %%EOF": nothing to draw
    r1 = login(client, ca, "reviewer1", "reviewer", "审核员甲")
    detail = client.get(f"{C}/reviews/{order['id']}", headers=r1).json()
    pdf = next(d for d in detail["documents"] if d["content_type"] == "application/pdf")
    assert pdf["pages"] == 0
    page = client.get(f"{C}/reviews/{order['id']}/documents/{pdf['id']}/pages/1", headers=r1)
    assert page.status_code == 422
    assert page.json()["error"]["code"] == "document_unreadable"


def test_overdue_follows_the_configured_sla(
    client: TestClient, ca: Runtime, holder: Holder, clock: FrozenClock
) -> None:
    ca.settings.review_sla_hours["application"] = 1
    order = apply(holder, 6, "宁德某某贸易有限公司")
    clock.advance(int(timedelta(minutes=61).total_seconds()))
    r1 = login(client, ca, "reviewer1", "reviewer", "审核员甲")
    [item] = client.get(f"{C}/queue", params={"kind": "application"}, headers=r1).json()
    assert item["id"] == order["id"]
    assert item["sla_seconds"] == 3600
    assert item["overdue"] is True
    assert item["age_seconds"] >= 61 * 60


def test_the_cli_lists_queues_respects_claims_and_uses_reason_codes(
    client: TestClient, ca: Runtime, holder: Holder, operator: Operator
) -> None:
    from tests.conftest import mcert_cli

    order = apply(holder, 10, "南平某某贸易有限公司")
    r2 = login(client, ca, "reviewer2", "reviewer", "审核员乙")
    overview = mcert_cli(ca, "review", "queues", "--json")
    assert overview.returncode == 0, overview.stderr
    assert {"kind": "application", "count": 1}.items() <= next(
        q for q in json.loads(overview.stdout) if q["kind"] == "application"
    ).items()
    listed = mcert_cli(ca, "review", "queue", "application")
    assert order["id"] in listed.stdout

    assert client.post(f"{C}/queue/application/{order['id']}/claim", headers=r2).is_success
    refused = mcert_cli(
        ca, "review", "reject", order["id"], "--operator", "reviewer1",
        "--reason-code", "licence_unclear",
    )  # fmt: skip
    assert refused.returncode != 0
    assert "review_claimed" in refused.stderr
    assert "审核员乙" in refused.stderr
    client.post(f"{C}/queue/application/{order['id']}/release", headers=r2)
    done = mcert_cli(
        ca, "review", "reject", order["id"], "--operator", "reviewer1",
        "--reason-code", "licence_unclear",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert holder.device.order(order["id"])["reject_reason"] == "营业执照不清晰"

    exported = mcert_cli(ca, "audit", "export", "--action", "order.rejected")
    assert exported.returncode == 0, exported.stderr
    [line] = exported.stdout.splitlines()
    entry = json.loads(line)
    assert entry["target_id"] == order["id"]
    assert entry["actor_name"] == "审核员一"


def test_seal_queue_claims_and_reason_codes(
    client: TestClient, ca: Runtime, holder: Holder
) -> None:
    from tests.holders import personal_certificate
    from tests.seals import signature_capture

    from mcert_device import seals

    cert = personal_certificate(holder)
    pad, strokes = signature_capture()
    seal = seals.apply(holder.device, cert["id"], "personal_signature", ("pad.png", pad), strokes)
    r1 = login(client, ca, "reviewer1", "reviewer", "审核员甲")
    r2 = login(client, ca, "reviewer2", "reviewer", "审核员乙")
    [item] = client.get(f"{C}/queue", params={"kind": "seal"}, headers=r1).json()
    assert item["id"] == seal["id"]
    assert client.post(f"{C}/queue/seal/{seal['id']}/claim", headers=r2).is_success
    for path, body in (("approve", None), ("reject", {"reason_code": "seal_mismatch"})):
        refused = client.post(f"{C}/seals/{seal['id']}/{path}", headers=r1, json=body)
        assert refused.status_code == 409, path
        assert refused.json()["error"]["code"] == "review_claimed"
    rejected = client.post(
        f"{C}/seals/{seal['id']}/reject", headers=r2, json={"reason_code": "seal_mismatch"}
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["reject_reason"] == "印章图像与印模不符"
    assert client.get(f"{C}/queue", params={"kind": "seal"}, headers=r1).json() == []


def test_failed_invoices_queue_and_retry_takes_the_claim(
    client: TestClient, ca: Runtime, holder: Holder
) -> None:
    from mcert.ident import make_uscc
    from mcert.tasks.queue import task_queue
    from mcert_device import invoices

    holder.verify_by_phone()
    order = holder.pay(holder.device.apply_personal(1)["id"])
    title = invoices.add_title(
        holder.device, "company", "北京数安招标代理有限公司", make_uscc(org_code="999999990")
    )
    inv = invoices.apply(holder.device, [order["id"]], title["id"])
    task_queue(ca).drain()
    ca.invoice.deliver_due(client)  # type: ignore[attr-defined]
    task_queue(ca).drain()
    assert invoices.invoice(holder.device, inv["id"])["status"] == "failed"

    r1 = login(client, ca, "reviewer1", "reviewer", "审核员甲")
    officer = login(client, ca, "officer1", "officer", "业务员")
    [item] = client.get(f"{C}/queue", params={"kind": "invoice"}, headers=r1).json()
    assert item["id"] == inv["id"]
    assert item["title"].startswith("开票失败")
    assert item["subject_name"] == "北京数安招标代理有限公司"
    assert item["sla_seconds"] == 8 * 3600
    assert client.post(f"{C}/queue/invoice/{inv['id']}/claim", headers=r1).is_success
    refused = client.post(f"{C}/invoices/{inv['id']}/retry", headers=officer)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "review_claimed"
    assert invoices.invoice(holder.device, inv["id"])["status"] == "failed"
    voided = client.post(f"{C}/invoices/{inv['id']}/void", headers=r1, json={"reason": "抬头有误"})
    assert voided.status_code == 200, voided.text
    assert client.get(f"{C}/queue", params={"kind": "invoice"}, headers=r1).json() == []
