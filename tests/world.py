"""A populated world for the tests that walk the whole API (the authorisation matrix and
the fuzzer): two holders, the first with a downloaded certificate, its paid order, a
company application with documents, a real-name attempt, a face check, messages, a seal
waiting for review and a QR session bound to the phone; a verified company with its admin
(证书管理员) and an authorised user (证书使用人), an invitation waiting for the second
holder's phone (who administers another company) and one for a phone with no account; two
operators (one per console role) and two relying parties with their HMAC keys."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlparse

from fastapi.testclient import TestClient

from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.ident import make_resident_id, make_uscc
from mcert.operator import service as operators
from mcert.rp import service as rp_service
from mcert.runtime import Runtime
from mcert_device import invoices, seals
from mcert_device.client import DeviceClient
from mcert_rp import Client as RPClient
from tests.companies import authorise, claim, verified_company
from tests.holders import Holder, face_jpeg, licence_png, make_holder, pdf_document
from tests.operators import console_login
from tests.seals import signature_capture

PASSWORD = "Bid#2026go"
OPERATOR_PASSWORD = "review-pass-123"


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    HOLDER = "holder"
    OTHER_HOLDER = "other_holder"
    COMPANY_ADMIN = "company_admin"  # 证书管理员 of the world's verified company
    COMPANY_USER = "company_user"  # 证书使用人 of the same company
    REVIEWER = "reviewer"
    OFFICER = "officer"  # CA 业务员: revokes, relying parties, unmasks with a reason
    AUDITOR = "auditor"  # 审计员: read-only look-ups, the audit log, the dashboard
    ADMIN = "admin"
    RP = "rp"
    OTHER_RP = "other_rp"


@dataclass
class World:
    """Identifiers and credentials of the fixtures, built once per backend."""

    ids: dict[str, str] = field(default_factory=dict)
    bearer: dict[Role, str] = field(default_factory=dict)
    rp_keys: dict[Role, tuple[str, str]] = field(default_factory=dict)
    # The holders' phones: binding-sensitive calls carry a proof signed by the device key.
    devices: dict[Role, DeviceClient] = field(default_factory=dict)


def rp_headers(
    client_id: str, secret: str, method: str, path: str, body: bytes, now: float
) -> dict[str, str]:
    """The HMAC headers of a relying-party request (``mcert.rp.service``); ``path`` with its
    query string, as sent."""
    ts, nonce = str(int(now)), secrets.token_urlsafe(16)
    to_sign = f"{method}\n{path}\n{ts}\n{nonce}\n{hashlib.sha256(body).hexdigest()}"
    return {
        "X-MCert-Client-Id": client_id,
        "X-MCert-Timestamp": ts,
        "X-MCert-Nonce": nonce,
        "X-MCert-Signature": hmac.new(secret.encode(), to_sign.encode(), "sha256").hexdigest(),
    }


def _console(w: World, client: TestClient, rt: Runtime) -> None:
    """What the console routes act on: another operator to manage, relying parties of
    their own, and approvals proposed by a second officer (one approved by the admin, whose
    secret only ``officer1`` — its proposer — may fetch)."""
    with rt.sessions() as db:
        target = operators.create_operator(
            db,
            rt,
            username="target1",
            password=OPERATOR_PASSWORD,
            role="reviewer",
            display_name="target",
        )
        w.ids["operator_id"] = target.id
        rps = [
            rp_service.create(db, rt, name=f"控制台测试平台{i}", ops=["login"], callback_url=None)[
                0
            ]
            for i in range(4)
        ]
    w.ids["console_rp_id"] = rps[0].id
    with rt.sessions() as db:
        operators.create_operator(
            db,
            rt,
            username="officer2",
            password=OPERATOR_PASSWORD,
            role="officer",
            display_name="officer2",
        )
    token = console_login(client, rt, "officer2", OPERATOR_PASSWORD)
    officer2 = {"Authorization": f"Bearer {token}"}
    officer1 = {"Authorization": f"Bearer {w.bearer[Role.OFFICER]}"}
    admin = {"Authorization": f"Bearer {w.bearer[Role.ADMIN]}"}
    base = "/api/console/v1"
    for key, rp in (("approve_approval_id", rps[1]), ("reject_approval_id", rps[2])):
        resp = client.post(f"{base}/relying-parties/{rp.id}/rotate-secret", headers=officer2)
        assert resp.status_code == 202, resp.text
        w.ids[key] = resp.json()["id"]
    mine = client.post(f"{base}/relying-parties/{rps[3].id}/rotate-secret", headers=officer1)
    assert mine.status_code == 202, mine.text
    w.ids["secret_approval_id"] = mine.json()["id"]
    done = client.post(f"{base}/approvals/{w.ids['secret_approval_id']}/approve", headers=admin)
    assert done.status_code == 200, done.text


def _company(w: World, client: TestClient, rt: Runtime, clock: FrozenClock, other: Holder) -> None:
    """A verified company: its admin, a user who claimed (waiting to pay), an invitation for
    the other holder's phone and one for a phone without an account."""
    admin = make_holder(client, rt, clock, n=3, name="王五")
    company = verified_company(admin, seq=3, name="泉州某某工程有限公司")
    user = make_holder(client, rt, clock, n=4, name="赵六")
    member = authorise(company, user, "user")
    claim(user, member["id"])
    # The other holder administers another company: an admin of company B is nobody in A.
    verified_company(other, seq=5, name="漳州某某工程有限公司")
    waiting = authorise(company, other, "user")
    stranger = admin.device.invite(
        company.org_id, name="钱七", id_number=make_resident_id(seq=88), phone="13900000088"
    )
    w.ids.update(
        org_id=company.org_id,
        member_id=member["id"],
        claim_member_id=waiting["id"],
        invited_member_id=stranger["id"],
        matrix_id=make_resident_id(seq=89),
    )
    for role, h in ((Role.COMPANY_ADMIN, admin), (Role.COMPANY_USER, user)):
        w.bearer[role] = str(h.device.access_token)
        w.devices[role] = h.device


def build_world(client: TestClient, rt: Runtime, clock: FrozenClock) -> World:
    w = World()
    with rt.sessions() as db:
        ca_service(rt).init(db, clock.now())
    holder = make_holder(client, rt, clock, n=1, name="张三")
    other = make_holder(client, rt, clock, n=2, name="李四")
    dev = holder.device
    attempt = dev.realname_phone(holder.name, holder.id_number)
    dev.realname_face(attempt["id"], face_jpeg())
    order = dev.apply_personal(1)
    cashier = urlparse(dev.start_payment(order["id"])).path
    client.post(f"{cashier}/pay", follow_redirects=False)
    assert dev.order(order["id"])["status"] == "completed"  # settles with the gateway
    [pending] = holder.pending()
    cert = dev.download(pending["id"], password=PASSWORD)["certificate"]
    company = dev.apply_company(
        years=1,
        company_name="福州某某建设工程有限公司",
        uscc=make_uscc(seq=1),
        legal_rep_name="王五",
        applicant_is_legal_rep=False,
        licence=("licence.png", licence_png()),
        authorization=("auth.pdf", pdf_document()),
    )
    pad, strokes = signature_capture()
    seal = seals.apply(dev, cert["id"], "personal_signature", ("pad.png", pad), strokes)
    title = invoices.add_title(dev, "personal", "张三")
    spare_title = invoices.add_title(dev, "company", "福州某某建设工程有限公司", make_uscc(seq=1))
    invoice = invoices.apply(dev, [order["id"]], title["id"])
    face_check_id = dev.face_check(face_jpeg(2))
    [message, *_] = dev.messages()["items"]
    w.ids.update(
        attempt_id=attempt["id"],
        order_id=order["id"],
        trade_no=cashier.rsplit("/", 1)[-1],
        cert_id=cert["id"],
        prehash=dev._prehash(cert["id"], PASSWORD),
        face_check_id=face_check_id,
        company_order_id=company["id"],
        document_id=company["documents"][0]["id"],
        message_id=message["id"],
        seal_id=seal["id"],
        title_id=title["id"],
        spare_title_id=spare_title["id"],
        invoice_id=invoice["id"],
        other_id_number=other.id_number,
        other_uscc=make_uscc(seq=2),
    )
    _company(w, client, rt, clock, other)
    w.bearer[Role.HOLDER] = str(dev.access_token)
    w.bearer[Role.OTHER_HOLDER] = str(other.device.access_token)
    w.devices[Role.HOLDER] = dev
    w.devices[Role.OTHER_HOLDER] = other.device
    w.ids["holder_id"] = holder.user_id()
    operator_roles = (Role.REVIEWER, Role.OFFICER, Role.AUDITOR, Role.ADMIN)
    for role, name in ((r, r.value) for r in operator_roles):
        with rt.sessions() as db:
            operators.create_operator(
                db,
                rt,
                username=f"{name}1",
                password=OPERATOR_PASSWORD,
                role=name,
                display_name=name,
            )
        w.bearer[role] = console_login(client, rt, f"{name}1", OPERATOR_PASSWORD)
    _console(w, client, rt)
    for role, name in ((Role.RP, "某某公共资源交易平台"), (Role.OTHER_RP, "另一个交易平台")):
        with rt.sessions() as db:
            rp, secret = rp_service.create(
                db, rt, name=name, ops=["login", "sign", "decrypt"], callback_url=None
            )
        w.rp_keys[role] = (rp.client_id, secret)
    rp_client = RPClient(
        str(client.base_url),
        *w.rp_keys[Role.RP],
        http=client,
        clock=lambda: clock.now().timestamp(),
    )
    bound = rp_client.start_login(display_text="登录 某某公共资源交易平台")
    w.ids["qr"] = bound.qr_text(0)
    dev.scan(w.ids["qr"])  # the session now belongs to the holder's phone
    w.ids["session_id"] = bound.session_id
    w.ids["cancel_session_id"] = rp_client.start_login(display_text="登录").session_id
    return w
