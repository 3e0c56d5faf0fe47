"""Console look-up, audit log and dashboard (issue #16): masked by default, unmasking with a
reason and audited, the audit chain browsed, verified and exported, daily figures."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from tests.api.lifecycle.test_console_queues import C, apply, login
from tests.holders import Holder, make_holder, personal_certificate

from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.order.models import Order
from mcert.pii import mask_phone
from mcert.runtime import Runtime


def test_holders_are_found_masked_and_unmasking_needs_a_reason_and_is_audited(
    client: TestClient, ca: Runtime, holder: Holder, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert = personal_certificate(holder)
    make_holder(client, ca, holder.clock, n=2, name="李四")  # not verified: no name, no ID
    officer = login(client, ca, "officer1", "officer", "业务员")
    reviewer = login(client, ca, "reviewer1", "reviewer", "审核员")

    def search(q: str) -> list[dict[str, object]]:
        resp = client.get(f"{C}/holders", params={"q": q}, headers=reviewer)
        assert resp.status_code == 200, resp.text
        return list(resp.json())

    by_phone = search(holder.phone)
    assert len(by_phone) == 1
    row = by_phone[0]
    assert row["phone_masked"] == mask_phone(holder.phone) != holder.phone
    assert row["name_masked"] == "张*"
    assert holder.id_number not in json.dumps(row)
    assert row["realname_status"] == "verified"
    hid = row["id"]
    assert [r["id"] for r in search(holder.phone[-4:])] == [hid]
    assert [r["id"] for r in search(holder.id_number)] == [hid]
    assert [r["id"] for r in search(holder.name)] == [hid]
    assert search("13911112222") == []
    # A search by decryption that stopped early says so.
    monkeypatch.setattr("mcert.lookup.service.SCAN_LIMIT", 1)
    partial = client.get(f"{C}/holders", params={"q": "不存在的人"}, headers=reviewer)
    assert partial.json() == []
    assert partial.headers["x-lookup-partial"] == "1"
    monkeypatch.undo()
    whole = client.get(f"{C}/holders", params={"q": "不存在的人"}, headers=reviewer)
    assert "x-lookup-partial" not in whole.headers

    detail = client.get(f"{C}/holders/{hid}", headers=reviewer).json()
    assert [c["id"] for c in detail["certificates"]] == [cert["id"]]
    assert detail["certificates"][0]["serial_hex"]
    assert detail["certificates"][0]["kind"] == "personal"
    assert detail["certificates"][0]["holder_name_masked"] == "张*"
    assert detail["certificates"][0]["not_before"] is not None
    assert detail["orders"][0]["status"] == "completed"
    assert holder.phone not in json.dumps(detail)

    # A reviewer may look up but not unmask; an officer must give a reason.
    body = {"fields": ["phone", "id_number"], "reason": "用户来电申请更正信息，核实身份"}
    denied = client.post(f"{C}/holders/{hid}/unmask", headers=reviewer, json=body)
    assert denied.status_code == 403
    assert denied.json()["error"]["code"] == "unmask_required"
    blank = client.post(f"{C}/holders/{hid}/unmask", headers=officer, json={**body, "reason": " "})
    assert blank.status_code == 422
    shown = client.post(f"{C}/holders/{hid}/unmask", headers=officer, json=body)
    assert shown.status_code == 200, shown.text
    assert shown.json() == {"name": None, "phone": holder.phone, "id_number": holder.id_number}
    with ca.sessions() as db:
        [entry] = db.scalars(select(AuditEntry).where(AuditEntry.action == "pii.unmask")).all()
    assert entry.actor_type == "operator"
    assert entry.target_id == hid
    details = json.loads(entry.details)
    assert details == {"fields": ["phone", "id_number"], "reason": body["reason"]}
    assert holder.phone not in entry.details
    assert holder.id_number not in entry.details

    # Orders with their payments.
    order_id = detail["orders"][0]["id"]
    order_no = detail["orders"][0]["order_no"]
    found = client.get(f"{C}/orders", params={"q": order_no}, headers=reviewer).json()
    assert [o["id"] for o in found] == [order_id]
    assert found[0]["holder_name_masked"] == "张*"
    one = client.get(f"{C}/orders/{order_id}", headers=reviewer).json()
    assert [p["status"] for p in one["payments"]] == ["paid"]
    assert one["payments"][0]["amount_fen"] == one["amount_fen"]
    assert one["refunds"] == []
    usage = client.get(
        f"{C}/usage", params={"holder_id": hid, "before": "2099-01-01T00:00:00"}, headers=reviewer
    )
    assert usage.status_code == 200
    assert usage.json() == []


def test_companies_by_name_and_uscc(client: TestClient, ca: Runtime, holder: Holder) -> None:
    order = apply(holder, 7, "福州某某建设工程有限公司")
    reviewer = login(client, ca, "reviewer1", "reviewer", "审核员")
    assert client.post(f"{C}/reviews/{order['id']}/approve", headers=reviewer, json={}).is_success
    by_name = client.get(f"{C}/companies", params={"q": "某某建设"}, headers=reviewer).json()
    assert len(by_name) == 1
    company = by_name[0]
    assert company["legal_rep_masked"] == "王*"
    assert company["members"] == 1
    by_uscc = client.get(f"{C}/companies", params={"q": order["uscc"]}, headers=reviewer).json()
    assert [c["id"] for c in by_uscc] == [company["id"]]
    detail = client.get(f"{C}/companies/{company['id']}", headers=reviewer).json()
    assert detail["member_list"][0]["role"] == "admin"
    assert detail["member_list"][0]["name_masked"] == "张*"
    assert client.get(f"{C}/companies/nope", headers=reviewer).status_code == 404


def test_audit_browse_filters_pages_verifies_and_exports(
    client: TestClient, ca: Runtime, holder: Holder
) -> None:
    first = apply(holder, 8, "福州某某建设工程有限公司")
    reviewer = login(client, ca, "reviewer1", "reviewer", "审核员甲")
    client.post(f"{C}/queue/application/{first['id']}/claim", headers=reviewer)
    client.post(f"{C}/queue/application/{first['id']}/release", headers=reviewer)
    auditor = login(client, ca, "auditor1", "auditor", "审计员")
    assert client.get(f"{C}/audit", headers=reviewer).status_code == 403

    with ca.sessions() as db:
        total = len(db.scalars(select(AuditEntry.seq)).all())
    seen: list[int] = []
    before = None
    while True:
        params = {"limit": 3, **({"before_seq": before} if before else {})}
        page = client.get(f"{C}/audit", params=params, headers=auditor).json()
        seen += [i["seq"] for i in page["items"]]
        before = page.get("next_before_seq")
        if before is None:
            break
    assert seen == list(range(total, 0, -1))  # newest first, every entry exactly once

    review = client.get(f"{C}/audit", params={"action": "review."}, headers=auditor).json()
    assert [i["action"] for i in review["items"]] == ["review.released", "review.claimed"]
    assert review["items"][0]["actor_name"] == "审核员甲"
    assert review["items"][0]["target_id"] == first["id"]
    by_target = client.get(
        f"{C}/audit", params={"target": f"order:{first['id']}"}, headers=auditor
    ).json()
    actions = {i["action"] for i in by_target["items"]}
    assert {"review.claimed", "review.released"} <= actions
    assert all(i["target_id"] == first["id"] for i in by_target["items"])
    # A time without a zone is UTC.
    future = (ca.clock.now() + timedelta(days=1)).replace(tzinfo=None).isoformat()
    assert client.get(f"{C}/audit", params={"since": future}, headers=auditor).json() == {
        "items": [],
        "next_before_seq": None,
    }

    ok = client.post(f"{C}/audit/verify", headers=auditor).json()
    assert ok["ok"] is True
    assert ok["checked"] == total
    assert ok.get("first_bad_seq") is None

    jsonl = client.get(f"{C}/audit/export", params={"format": "jsonl"}, headers=auditor)
    assert jsonl.status_code == 200
    assert "attachment" in jsonl.headers["content-disposition"]
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert [r["seq"] for r in rows] == list(range(1, total + 2))  # oldest first
    assert rows[-1]["action"] == "audit.exported"  # the export names itself
    assert rows[-1]["actor_name"] == "审计员"
    assert all(len(r["hash"]) == 64 for r in rows)
    csv_resp = client.get(
        f"{C}/audit/export", params={"format": "csv", "action": "review."}, headers=auditor
    )
    table = list(csv.reader(io.StringIO(csv_resp.text.lstrip("\ufeff"))))
    assert table[0][:3] == ["seq", "at", "action"]
    assert [r[2] for r in table[1:]] == ["review.claimed", "review.released"]
    with ca.sessions() as db:
        exported = db.scalars(select(AuditEntry).where(AuditEntry.action == "audit.exported")).all()
    assert len(exported) == 2

    # Someone edits an entry in the database: verify names it.
    with ca.sessions() as db:
        db.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(details='{"x":1}'))
        db.commit()
    bad = client.post(f"{C}/audit/verify", headers=auditor).json()
    assert bad["ok"] is False
    assert bad["first_bad_seq"] == 3
    assert bad["checked"] == 2
    assert "3" in bad["message"]


def test_dashboard_counts_per_day(
    client: TestClient, ca: Runtime, holder: Holder, clock: FrozenClock
) -> None:
    personal_certificate(holder)
    apply(make_holder(client, ca, clock, n=2, name="李四"), 9, "福州某某建设工程有限公司")
    with ca.sessions() as db:
        paid = db.scalars(select(Order).where(Order.status == "completed")).one()
    auditor = login(client, ca, "auditor1", "auditor", "审计员")
    resp = client.get(f"{C}/dashboard", params={"days": 7}, headers=auditor)
    assert resp.status_code == 200, resp.text
    board = resp.json()
    today = clock.now().date().isoformat()
    assert [d["day"] for d in board["certificates"]][-1] == today
    assert len(board["certificates"]) == len(board["scans"]) == len(board["payments"]) == 7
    assert board["certificates"][-1] == {"day": today, "issued": 1, "renewed": 0, "revoked": 0}
    assert sum(d["issued"] for d in board["certificates"]) == 1
    assert board["payments"][-1]["count"] == 1
    assert board["payments"][-1]["amount_fen"] == paid.amount_fen
    assert all(d["completed"] == 0 for d in board["scans"])
    queues = {q["kind"]: q["count"] for q in board["queues"]}
    assert queues["application"] == 1
    assert client.get(f"{C}/dashboard", params={"days": 0}, headers=auditor).status_code == 422


def test_the_cli_looks_up_masked_and_unmasks_with_a_reason(
    client: TestClient, ca: Runtime, holder: Holder
) -> None:
    from tests.conftest import mcert_cli

    holder.verify_by_phone()
    login(client, ca, "officer1", "officer", "业务员")
    login(client, ca, "reviewer1", "reviewer", "审核员")
    found = mcert_cli(ca, "lookup", "holders", holder.phone[-4:], "--json")
    assert found.returncode == 0, found.stderr
    [row] = json.loads(found.stdout)
    assert row["phone_masked"] == mask_phone(holder.phone)
    assert holder.phone not in found.stdout
    args = ("lookup", "unmask", row["id"], "--field", "phone", "--reason", "用户来电核实")
    denied = mcert_cli(ca, *args, "--operator", "reviewer1")
    assert denied.returncode != 0
    assert "unmask_required" in denied.stderr
    shown = mcert_cli(ca, *args, "--operator", "officer1")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == f"phone: {holder.phone}"
    with ca.sessions() as db:
        [entry] = db.scalars(select(AuditEntry).where(AuditEntry.action == "pii.unmask")).all()
    assert json.loads(entry.details) == {"fields": ["phone"], "reason": "用户来电核实"}
