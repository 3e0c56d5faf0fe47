"""Invoices through the API as the app drives it (mcert_device.invoices): titles, apply,
the sandbox e-invoice service's callback (or the query when it is lost), download, email,
合并开票, refusals, failure and operator retry, refund → red-letter invoice."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from tests.companies import verified_company
from tests.conftest import mcert_cli
from tests.holders import Holder, make_holder
from tests.operators import console_login

from mcert.audit.models import AuditEntry
from mcert.audit.service import Actor
from mcert.clock import FrozenClock
from mcert.ident import make_uscc
from mcert.invoice import service as invoice_service
from mcert.invoice.models import Invoice, InvoiceItem
from mcert.notify.models import Message
from mcert.order import payments
from mcert.order.models import Order
from mcert.providers.email import EmailOutboxMessage
from mcert.providers.payment_sandbox.refunds import REFUND_SETTLE_DELAY
from mcert.providers.sms import SMSOutboxMessage
from mcert.runtime import Runtime
from mcert.tasks.queue import task_queue
from mcert_device import invoices
from mcert_device.client import DeviceError

COMPANY = "北京数安招标代理有限公司"
USCC = make_uscc(seq=77)
REJECTED_USCC = make_uscc(org_code="999999990")  # sandbox: the tax bureau refuses it
BUSY_USCC = make_uscc(org_code="888888880")  # sandbox: busy on the first attempt


def _paid_order(h: Holder, years: int = 1) -> dict[str, Any]:
    if not h.device.realname_status()["verified"]:
        h.verify_by_phone()
    order = h.device.apply_personal(years)
    return dict(h.pay(order["id"]))


def _settle(rt: Runtime, client: TestClient) -> None:
    """Run the queued requests, deliver the sandbox's callbacks, run what they queued."""
    task_queue(rt).drain()
    rt.invoice.deliver_due(client)  # type: ignore[attr-defined]
    task_queue(rt).drain()


def _pdf_text(pdf: bytes, tmp_path: Any) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "invoice.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_personal_title_apply_issue_download(
    holder: Holder, client: TestClient, ca: Runtime, tmp_path: Any
) -> None:
    order = _paid_order(holder)
    title = invoices.add_title(holder.device, "personal", "张三")
    inv = invoices.apply(holder.device, [order["id"]], title["id"], email="zhangsan@example.com")
    assert inv["status"] == "issuing"
    assert inv["status_label"] == "开票中"
    assert inv["amount_fen"] == order["amount_fen"]
    with pytest.raises(DeviceError) as not_yet:
        invoices.download(holder.device, inv["id"])
    assert not_yet.value.code == "invoice_not_issued"

    _settle(ca, client)
    done = invoices.invoice(holder.device, inv["id"])
    assert done["status"] == "issued", done
    assert len(done["invoice_no"]) == 20
    assert done["invoice_no"].isdigit()

    pdf = invoices.download(holder.device, inv["id"])
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf, tmp_path)
    assert "张三" in text
    assert done["invoice_no"] in text
    assert "数字证书服务费" in text
    assert done["amount_capitals"] in text
    assert f"¥{done['amount']}" in text
    xml = invoices.download(holder.device, inv["id"], "xml")
    assert done["invoice_no"].encode() in xml

    with ca.sessions() as db:
        messages = db.scalars(select(Message).where(Message.kind == "invoice")).all()
        assert [m.title for m in messages] == ["发票已开具"]
        sms = db.scalars(select(SMSOutboxMessage)).all()
        assert any(done["invoice_no"] in m.body for m in sms)
        [mail] = db.scalars(select(EmailOutboxMessage)).all()
        assert mail.recipient == "zhangsan@example.com"
        assert mail.attachment_pdf == pdf
        actions = db.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.target_id == inv["id"])
            .order_by(AuditEntry.seq)
        ).all()
        assert list(actions) == ["invoice.applied", "invoice.issued"]

    # The person's name and the email are encrypted at rest, like every personal datum.
    with ca.engine.connect() as conn:  # type: ignore[union-attr]
        raw = " ".join(
            str(v)
            for row in conn.exec_driver_sql(
                "SELECT buyer_name_enc, email_enc FROM invoices UNION ALL "
                "SELECT name_enc, tax_no FROM invoice_titles"
            )
            for v in row
        )
    assert "张三" not in raw
    assert "zhangsan" not in raw

    invoices.resend(holder.device, inv["id"], "finance@example.com")
    task_queue(ca).drain()
    with ca.sessions() as db:
        assert db.scalars(
            select(EmailOutboxMessage).where(EmailOutboxMessage.recipient == "finance@example.com")
        ).first()


def test_company_title_special_invoice_and_merged_orders(
    holder: Holder, client: TestClient, ca: Runtime, tmp_path: Any
) -> None:
    first, second = _paid_order(holder), _paid_order(holder, years=2)
    with pytest.raises(DeviceError) as bad:
        invoices.add_title(holder.device, "company", COMPANY, USCC[:-1] + "0")
    assert bad.value.code == "uscc_invalid"
    personal = invoices.add_title(holder.device, "personal", "张三")
    with pytest.raises(DeviceError) as special:
        invoices.apply(holder.device, [first["id"]], personal["id"], kind="special")
    assert special.value.code == "invoice_special_needs_company"

    title = invoices.add_title(
        holder.device,
        "company",
        COMPANY,
        USCC.lower(),
        address="北京市海淀区中关村大街1号",
        phone="010-12345678",
        bank="中国工商银行北京中关村支行",
        bank_account="0200000000000000001",
    )
    assert title["tax_no"] == USCC
    # An amount in the body is ignored: the invoice is for what was paid.
    inv = holder.device.request(
        "POST",
        "/api/app/v1/invoices",
        json={
            "order_ids": [first["id"], second["id"]],
            "title_id": title["id"],
            "kind": "special",
            "amount_fen": 1,
        },
    )
    assert inv["amount_fen"] == first["amount_fen"] + second["amount_fen"]
    assert {o["order_id"] for o in inv["orders"]} == {first["id"], second["id"]}

    _settle(ca, client)
    done = invoices.invoice(holder.device, inv["id"])
    assert done["status"] == "issued"
    assert done["kind_label"] == "增值税专用发票"
    text = _pdf_text(invoices.download(holder.device, inv["id"]), tmp_path)
    assert COMPANY in text
    assert USCC in text
    assert "增值税专用发票" in text
    assert done["amount_capitals"] in text
    assert first["order_no"] in text

    # Neither order can be invoiced again.
    for order in (first, second):
        with pytest.raises(DeviceError) as again:
            invoices.apply(holder.device, [order["id"]], personal["id"])
        assert again.value.status == 409
        assert again.value.code == "invoice_exists"
    states = holder.device.request("GET", "/api/app/v1/invoices/orders")
    assert {s["order_id"] for s in states} == {first["id"], second["id"]}


def test_other_holders_see_nothing(
    holder: Holder, client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    order = _paid_order(holder)
    title = invoices.add_title(holder.device, "personal", "张三")
    inv = invoices.apply(holder.device, [order["id"]], title["id"])
    _settle(ca, client)
    other = make_holder(client, ca, clock, n=2, name="李四")
    mine = invoices.add_title(other.device, "personal", "李四")
    for call in (
        lambda: invoices.invoice(other.device, inv["id"]),
        lambda: invoices.download(other.device, inv["id"]),
        lambda: invoices.apply(other.device, [order["id"]], mine["id"]),
        lambda: invoices.apply(other.device, [order["id"]], title["id"]),
    ):
        with pytest.raises(DeviceError) as denied:
            call()
        assert denied.value.status == 404
    assert invoices.invoices(other.device) == []
    anonymous = client.get(f"/api/app/v1/invoices/{inv['id']}/files/pdf")
    assert anonymous.status_code == 401


def test_unpaid_order_refused(holder: Holder) -> None:
    holder.verify_by_phone()
    order = holder.device.apply_personal(1)
    title = invoices.add_title(holder.device, "personal", "张三")
    with pytest.raises(DeviceError) as refused:
        invoices.apply(holder.device, [order["id"]], title["id"])
    assert refused.value.code == "invoice_order_not_completed"


def test_one_live_invoice_per_order_is_a_database_constraint(holder: Holder, ca: Runtime) -> None:
    """Two concurrent applications cannot both pass the check: the unique live order id
    refuses the second insert (SQLite serialises writers; PostgreSQL relies on this)."""
    order = _paid_order(holder)
    title = invoices.add_title(holder.device, "personal", "张三")
    first = invoices.apply(holder.device, [order["id"]], title["id"])
    with ca.sessions() as db:
        original = db.get(Invoice, first["id"])
        assert original is not None
        now = ca.clock.now()
        twin = Invoice(
            user_id=original.user_id,
            kind="normal",
            status="issuing",
            amount_fen=1,
            buyer_kind="personal",
            buyer_name_enc=original.buyer_name_enc,
            provider="sandbox",
            attempt=1,
            created_at=now,
            updated_at=now,
        )
        db.add(twin)
        db.flush()
        db.add(
            InvoiceItem(
                invoice_id=twin.id,
                order_id=order["id"],
                live_order_id=order["id"],
                order_no=order["order_no"],
                quantity=1,
                amount_fen=1,
                description="x",
            )
        )
        with pytest.raises(IntegrityError):
            db.flush()


def test_rejected_tax_number_fails_with_reason_then_operator_voids(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    order = _paid_order(holder)
    title = invoices.add_title(holder.device, "company", COMPANY, REJECTED_USCC)
    inv = invoices.apply(holder.device, [order["id"]], title["id"])
    _settle(ca, client)
    failed = invoices.invoice(holder.device, inv["id"])
    assert failed["status"] == "failed"
    assert failed["status_label"] == "开票失败"
    assert "纳税人识别号状态异常" in failed["failure_reason"]
    with ca.sessions() as db:
        invoice_service.void(db, ca, inv["id"], "抬头有误，请重新申请", Actor("operator", "op1"))
        db.commit()
    assert invoices.invoice(holder.device, inv["id"])["status"] == "voided"
    personal = invoices.add_title(holder.device, "personal", "张三")
    again = invoices.apply(holder.device, [order["id"]], personal["id"])  # free again
    assert again["status"] == "issuing"


def test_holder_withdraws_a_rejected_application_and_applies_again(
    holder: Holder, client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    order = _paid_order(holder)
    wrong = invoices.add_title(holder.device, "company", COMPANY, REJECTED_USCC)
    inv = invoices.apply(holder.device, [order["id"]], wrong["id"])
    with pytest.raises(DeviceError) as issuing:
        invoices.withdraw(holder.device, inv["id"])  # 开票中: not yet
    assert (issuing.value.status, issuing.value.code) == (409, "invoice_not_withdrawable")
    _settle(ca, client)
    assert invoices.invoice(holder.device, inv["id"])["status"] == "failed"

    other = make_holder(client, ca, clock, n=2, name="李四")
    with pytest.raises(DeviceError) as foreign:
        invoices.withdraw(other.device, inv["id"])
    assert foreign.value.status == 404
    assert invoices.invoice(holder.device, inv["id"])["status"] == "failed"

    withdrawn = invoices.withdraw(holder.device, inv["id"])
    assert (withdrawn["status"], withdrawn["status_label"]) == ("voided", "已作废")
    with pytest.raises(DeviceError) as twice:
        invoices.withdraw(holder.device, inv["id"])
    assert twice.value.code == "invoice_not_withdrawable"
    with ca.sessions() as db:
        entry = db.scalars(
            select(AuditEntry).where(
                AuditEntry.target_id == inv["id"], AuditEntry.action == "invoice.withdrawn"
            )
        ).one()
        owner = db.get(Invoice, inv["id"])
        assert owner is not None
        assert (entry.actor_type, entry.actor_id) == ("user", owner.user_id)

    right = invoices.add_title(holder.device, "company", COMPANY, USCC)
    again = invoices.apply(holder.device, [order["id"]], right["id"])  # the order is free
    _settle(ca, client)
    issued = invoices.invoice(holder.device, again["id"])
    assert (issued["status"], issued["buyer_name"]) == ("issued", COMPANY)
    with pytest.raises(DeviceError) as done:
        invoices.withdraw(holder.device, again["id"])
    assert done.value.code == "invoice_not_withdrawable"
    assert invoices.invoice(holder.device, again["id"])["status"] == "issued"


def test_busy_tax_system_fails_then_console_retry_issues(
    holder: Holder, client: TestClient, ca: Runtime, operator: Any
) -> None:
    order = _paid_order(holder)
    title = invoices.add_title(holder.device, "company", COMPANY, BUSY_USCC)
    inv = invoices.apply(holder.device, [order["id"]], title["id"])
    _settle(ca, client)
    assert (
        invoices.invoice(holder.device, inv["id"])["failure_reason"] == "税务系统繁忙，请稍后重试"
    )

    token = console_login(client, ca, "reviewer1")
    headers = {"Authorization": f"Bearer {token}"}
    queue = client.get("/api/console/v1/invoices", headers=headers).json()
    assert [i["id"] for i in queue] == [inv["id"]]
    assert client.get("/api/console/v1/invoices").status_code == 401
    retried = client.post(f"/api/console/v1/invoices/{inv['id']}/retry", headers=headers)
    assert retried.status_code == 200, retried.text
    assert retried.json()["attempt"] == 2
    again = client.post(f"/api/console/v1/invoices/{inv['id']}/retry", headers=headers)
    assert again.status_code == 409
    _settle(ca, client)
    assert invoices.invoice(holder.device, inv["id"])["status"] == "issued"
    with ca.sessions() as db:
        actions = db.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.target_id == inv["id"])
            .order_by(AuditEntry.seq)
        ).all()
    assert list(actions) == [
        "invoice.applied",
        "invoice.failed",
        "invoice.retried",
        "invoice.issued",
    ]


def test_lost_callback_is_recovered_by_the_query(
    holder: Holder, client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    order = _paid_order(holder)
    title = invoices.add_title(holder.device, "personal", "张三")
    inv = invoices.apply(holder.device, [order["id"]], title["id"])
    task_queue(ca).drain()
    assert ca.invoice.drop_callbacks() == 1  # type: ignore[attr-defined]
    assert invoices.invoice(holder.device, inv["id"])["status"] == "issuing"
    clock.advance(ca.settings.invoice_query_after_seconds + 1)
    task_queue(ca).drain()
    assert invoices.invoice(holder.device, inv["id"])["status"] == "issued"


def test_forged_callback_refused(holder: Holder, client: TestClient, ca: Runtime) -> None:
    order = _paid_order(holder)
    title = invoices.add_title(holder.device, "personal", "张三")
    inv = invoices.apply(holder.device, [order["id"]], title["id"])
    forged = {"request_no": f"{inv['id']}-1", "state": "failed", "reason": "x"}
    body = json.dumps(forged).encode()
    answer = client.post(
        "/api/invoices/notify/sandbox",
        content=body,
        headers={"X-Invoice-Signature": "00" * 32, "Content-Type": "application/json"},
    )
    assert answer.status_code == 400
    assert answer.headers["X-Error-Code"] == "invoice_callback_rejected"
    assert invoices.invoice(holder.device, inv["id"])["status"] == "issuing"


def test_refund_reverses_the_invoice_with_a_red_letter_invoice(
    holder: Holder, client: TestClient, ca: Runtime, clock: FrozenClock, tmp_path: Any
) -> None:
    order = _paid_order(holder)
    title = invoices.add_title(holder.device, "personal", "张三")
    inv = invoices.apply(holder.device, [order["id"]], title["id"])
    _settle(ca, client)
    with ca.sessions() as db:
        row = db.get(Order, order["id"], with_for_update=True)
        assert row is not None
        refund = payments.refund_paid(
            db, ca, row, ca.clock.now(), reason="prepay_unused", actor=Actor.system()
        )
        db.commit()
        payments.submit_refund(db, ca, refund.id)
    clock.advance(REFUND_SETTLE_DELAY.total_seconds() + 1)
    ca.payment.deliver_due(client)  # type: ignore[attr-defined]  # the refund notification
    task_queue(ca).drain()
    done = invoices.invoice(holder.device, inv["id"])
    assert done["status"] == "reversed", done
    assert done["status_label"] == "已红冲"
    assert len(done["red_invoice_no"]) == 20
    red = _pdf_text(invoices.download(holder.device, inv["id"], "red-pdf"), tmp_path)
    assert done["invoice_no"] in red  # 被红冲蓝字数电发票号码
    assert "负" + done["amount_capitals"] in red
    with ca.sessions() as db:
        titles = db.scalars(select(Message.title).where(Message.kind == "invoice")).all()
        assert "发票已红冲" in titles


def test_operator_cli_lists_retries_and_voids(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    first, second = _paid_order(holder), _paid_order(holder)
    busy = invoices.add_title(holder.device, "company", COMPANY, BUSY_USCC)
    rejected = invoices.add_title(holder.device, "company", "拒开测试公司", USCC)
    a = invoices.apply(holder.device, [first["id"]], busy["id"], email="cw@example.com")
    b = invoices.apply(holder.device, [second["id"]], rejected["id"])
    _settle(ca, client)

    listed = mcert_cli(ca, "invoice", "list")
    assert listed.returncode == 0, listed.stderr
    assert a["id"] in listed.stdout
    assert "税务系统繁忙" in listed.stdout
    assert "购买方名称与税务登记信息不符" in listed.stdout

    retried = mcert_cli(ca, "invoice", "retry", a["id"])
    assert retried.returncode == 0, retried.stderr
    assert "attempt 2" in retried.stdout
    assert mcert_cli(ca, "invoice", "retry", a["id"]).returncode != 0  # 开票中 now
    voided = mcert_cli(ca, "invoice", "void", b["id"], "--reason", "名称有误")
    assert voided.returncode == 0, voided.stderr
    _settle(ca, client)
    assert invoices.invoice(holder.device, a["id"])["status"] == "issued"
    after = invoices.invoice(holder.device, b["id"])
    assert (after["status"], after["void_reason"]) == ("voided", "名称有误")

    outbox = mcert_cli(ca, "email", "outbox", "--to", "cw@example.com")
    assert outbox.returncode == 0, outbox.stderr
    assert ".pdf" in outbox.stdout
    assert ".xml" in outbox.stdout


def test_verified_company_offered_first_and_its_order_invoiced(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    company = verified_company(holder, seq=41)
    listed = invoices.titles(holder.device)
    assert listed["titles"] == []
    assert listed["suggestions"] == [{"name": company.name, "tax_no": company.uscc}]
    title = invoices.add_title(holder.device, "company", company.name, company.uscc)
    assert invoices.titles(holder.device)["suggestions"] == []  # saved: no longer offered
    [order] = holder.device.orders("completed")["items"]
    inv = invoices.apply(holder.device, [order["id"]], title["id"], kind="special")
    _settle(ca, client)
    assert invoices.invoice(holder.device, inv["id"])["status"] == "issued"


def test_refund_of_one_merged_order_reverses_all_and_frees_the_others(
    holder: Holder, client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    first, second = _paid_order(holder), _paid_order(holder)
    title = invoices.add_title(holder.device, "personal", "张三")
    inv = invoices.apply(holder.device, [first["id"], second["id"]], title["id"])
    # Refunded while the invoice is still 开票中: reversed as soon as it is issued.
    task_queue(ca).drain()
    with ca.sessions() as db:
        row = db.get(Order, first["id"], with_for_update=True)
        assert row is not None
        refund = payments.refund_paid(
            db, ca, row, ca.clock.now(), reason="prepay_unused", actor=Actor.system()
        )
        db.commit()
        payments.submit_refund(db, ca, refund.id)
    clock.advance(REFUND_SETTLE_DELAY.total_seconds() + 1)
    ca.payment.deliver_due(client)  # type: ignore[attr-defined]
    assert invoices.invoice(holder.device, inv["id"])["status"] == "issuing"
    _settle(ca, client)
    done = invoices.invoice(holder.device, inv["id"])
    assert done["status"] == "reversed"
    assert done["reverse_reason"] == f"订单{first['order_no']}已退款"
    # The other order of the reversed invoice can be invoiced again.
    again = invoices.apply(holder.device, [second["id"]], title["id"])
    assert again["amount_fen"] == second["amount_fen"]
