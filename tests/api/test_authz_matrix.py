"""The authorisation matrix: every route × every role × the expected outcome.

``MATRIX`` has one entry per route of the app (method + path template, read from the app's
routes at test time): what to send (a well-formed request, so that a refusal can only come
from authentication or ownership, not from body validation) and, per role, whether the
request must be let through or refused. A route the app serves without an entry here fails
``test_every_route_has_an_entry`` with its name: add the entry (and think about who may call
it) when you add a route.

Outcomes, judged on (status, error code):

- ``DENY``: refused for who the caller is — 401, 404 (the target does not exist *for this
  caller*), or a 403 whose code is an authorisation refusal. ``Deny(409, code)`` names a
  specific refusal where the route's design answers with a conflict (a QR session already
  bound to another phone).
- ``ALLOW``: let through to the endpoint's own logic — any answer below 500 that is not a
  refusal above: 2xx, validation errors (422), state conflicts (409), rate limits (429), and
  the 403s that are the endpoint's business ("wrong certificate password", "certificate
  locked"), which only the owner can reach. A holder-allowed call is "not refused for who
  you are", not "succeeds": a missing device-binding proof (docs/device.md) answered with
  its own code belongs in ``BUSINESS_403`` if it is a 403; one answered 401 means the
  holder's requests must carry the proof, added in ``send()``, the one place that attaches
  each role's credentials.
- Any 5xx fails, whatever the expectation.

Roles: anonymous; ``holder`` owns a downloaded certificate, its order, a company
application with documents, a real-name attempt, messages and a QR session bound to their
phone; ``other_holder`` is another logged-in holder who owns none of those; the operator
roles of ``mcert.review`` (``reviewer``, ``admin``); two relying parties with their HMAC
keys, ``rp`` owning the scan sessions and ``other_rp``; ``company_admin`` (证书管理员 of the
world's verified company) and ``company_user`` (证书使用人 of it), holders too. The company
routes are open to an admin of *that* company only: ``other_holder`` (the admin of another
company), the company's user and everyone else are refused.

The whole matrix runs in one test per backend (SQLite, and PostgreSQL when configured)
against fixtures built once, and reports every mismatch at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from tests.conftest import TEST_SECRET
from tests.holders import FAST_PASSWORDS, face_jpeg, licence_png, pdf_document
from tests.seals import signature_capture
from tests.world import PASSWORD, Role, World, build_world, rp_headers

from mcert.clock import FrozenClock
from mcert.consent.documents import Document, packaged
from mcert.main import create_app
from mcert.runtime import Runtime
from mcert.settings import Settings
from mcert_device.crypto import build_csr, generate_signing_key, generate_transport_key
from mcert_device.crypto import public_key_jwk as jwk

ROLES = tuple(Role)

# 403 codes that are the endpoint's own business, reached only after the caller was let in.
BUSINESS_403 = frozenset(
    {
        "password_wrong",
        "cert_locked",
        "realname_required",
        "face_check_required",
        "claim_identity_mismatch",
        "consent_required",
    }
)


@dataclass(frozen=True)
class Outcome:
    allowed: bool
    status: int | None = None  # a specific refusal status (Deny(409, ...))
    code: str | None = None

    def matches(self, status: int, code: str | None) -> bool:
        if status >= 500:
            return False
        if self.status is not None:
            return status == self.status and (self.code is None or code == self.code)
        refused = status in (401, 404) or (status == 403 and code not in BUSINESS_403)
        return refused != self.allowed

    def __str__(self) -> str:
        if self.status is not None:
            return f"refused with {self.status} {self.code or ''}".strip()
        return "let through (<500, not 401/403/404)" if self.allowed else "refused (401/403/404)"


ALLOW = Outcome(True)
DENY = Outcome(False)


def Deny(status: int, code: str) -> Outcome:
    return Outcome(False, status, code)


def only(*allowed: Role, **overrides: Outcome) -> dict[Role, Outcome]:
    """Per-role expectation: ``allowed`` roles let through, every other role refused."""
    table = {role: ALLOW if role in allowed else DENY for role in ROLES}
    table.update({Role(k): v for k, v in overrides.items()})
    return table


PUBLIC = only(*ROLES)
ANY_HOLDER = only(Role.HOLDER, Role.OTHER_HOLDER, Role.COMPANY_ADMIN, Role.COMPANY_USER)
OWNER = only(Role.HOLDER)
OPERATOR = only(Role.REVIEWER, Role.ADMIN)  # the review permission
INVOICE_OPS = only(Role.REVIEWER, Role.OFFICER, Role.ADMIN)  # invoice_manage
ANY_OPERATOR = only(Role.REVIEWER, Role.OFFICER, Role.AUDITOR, Role.ADMIN)  # a console login
LOOKUP = ANY_OPERATOR  # lookup, dashboard: every role holds them
OFFICERS = only(Role.OFFICER, Role.ADMIN)  # revoke, rp_manage
ADMIN_ONLY = only(Role.ADMIN)  # operator_manage
UNMASK = only(Role.OFFICER, Role.ADMIN)
AUDIT = only(Role.AUDITOR, Role.ADMIN)
QUEUE_ITEM = {"item_id": "company_order_id"}
ANY_RP = only(Role.RP, Role.OTHER_RP)
OWNER_RP = only(Role.RP)
NOBODY = only()


@dataclass(frozen=True)
class Call:
    """A well-formed request; ``{name}`` in the path is filled from ``World.ids``."""

    json: Any = None
    data: dict[str, str] | None = None
    files: dict[str, tuple[str, bytes, str]] | None = None
    params: dict[str, str] | None = None
    content: bytes | None = None
    headers: dict[str, str] | None = None


@dataclass(frozen=True)
class Entry:
    expect: Mapping[Role, Outcome]
    call: Callable[[World], Call] = lambda w: Call()
    why: str = ""
    # Walk order: 0 reads and refused calls; 1 changes the target's state (password, reissue,
    # a failed scan session); 2 ends the caller's session (logout).
    phase: int = 0
    bind: Mapping[str, str] = field(default_factory=dict)  # path parameter -> World.ids key


def _tk() -> dict[str, Any]:
    return jwk(generate_transport_key())


def _csr() -> str:
    return build_csr(generate_signing_key()).decode()


def _image(name: str = "face.jpg") -> dict[str, tuple[str, bytes, str]]:
    return {"image": (name, face_jpeg(), "image/jpeg")}


def _pad() -> tuple[dict[str, str], dict[str, tuple[str, bytes, str]]]:
    png, strokes = signature_capture()
    return (
        {"seal_type": "personal_signature", "strokes": json.dumps(strokes)},
        {"image": ("pad.png", png, "image/png")},
    )


COMPANY = {"order_id": "company_order_id"}
COMPANY_ADMIN = only(Role.COMPANY_ADMIN)
APP = "/api/app/v1"
CONSOLE = "/api/console/v1"
RPAPI = "/api/rp/v1"

# fmt: off
MATRIX: dict[tuple[str, str], Entry] = {
    # ----------------------------------------------------------------- holder app: account
    ("POST", f"{APP}/auth/sms-code"): Entry(
        PUBLIC, lambda w: Call(json={"phone": "13900009999"}), "login starts here"),
    ("POST", f"{APP}/auth/login"): Entry(
        PUBLIC, lambda w: Call(json={"phone": "13900009999", "code": "000000",
                                     "device": {"id": "matrix-device-0001", "name": "x"}}),
        "the SMS code is the credential"),
    ("POST", f"{APP}/auth/refresh"): Entry(
        NOBODY, lambda w: Call(json={"refresh_token": "forged-refresh-token-" + "x" * 32}),
        "the refresh token in the body is the credential; a bearer header grants nothing"),
    ("POST", f"{APP}/auth/logout"): Entry(ANY_HOLDER, phase=2),
    ("GET", f"{APP}/me"): Entry(ANY_HOLDER),
    # ----------------------------------------------------------------- agreements, consents
    ("GET", f"{APP}/agreements"): Entry(PUBLIC, why="read before agreeing, i.e. before login"),
    ("GET", f"{APP}/consent-notices/{{document}}"): Entry(
        PUBLIC, why="the notices are public text"),
    ("GET", f"{APP}/consents"): Entry(ANY_HOLDER, why="one's own consents only"),
    ("POST", f"{APP}/consents/{{document}}"): Entry(
        ANY_HOLDER, lambda w: Call(json={"version": packaged(Document.FACE).version}),
        "one's own consent"),
    ("POST", f"{APP}/consents/{{document}}/withdraw"): Entry(
        ANY_HOLDER, why="one's own consent; after the face uploads (phase 0)", phase=1),
    ("POST", f"{APP}/device/challenge"): Entry(
        ANY_HOLDER, why="a challenge for the device key to sign (docs/protocol.md section 6)"),
    # ----------------------------------------------------------------- real name
    ("GET", f"{APP}/realname"): Entry(ANY_HOLDER),
    ("POST", f"{APP}/realname/bank-card"): Entry(
        ANY_HOLDER, lambda w: Call(json={"name": "李四", "id_number": w.ids["other_id_number"],
                                         "card_number": "6222021234567890128",
                                         "bank_phone": "13900000002"})),
    ("POST", f"{APP}/realname/{{attempt_id}}/sms"): Entry(
        OWNER, lambda w: Call(json={"code": "123456"})),
    ("POST", f"{APP}/realname/phone"): Entry(
        ANY_HOLDER, lambda w: Call(json={"name": "李四", "id_number": w.ids["other_id_number"]})),
    ("POST", f"{APP}/realname/{{attempt_id}}/face"): Entry(
        OWNER, lambda w: Call(files=_image())),
    ("POST", f"{APP}/face-checks"): Entry(ANY_HOLDER, lambda w: Call(files=_image())),
    # ----------------------------------------------------------------- orders
    ("GET", f"{APP}/products"): Entry(PUBLIC, why="the price list"),
    ("POST", f"{APP}/orders/personal"): Entry(ANY_HOLDER, lambda w: Call(json={"years": 1})),
    ("POST", f"{APP}/orders/company"): Entry(
        ANY_HOLDER, lambda w: Call(
            data={"years": "1", "company_name": "福州某某矩阵测试有限公司",
                  "uscc": w.ids["other_uscc"], "legal_rep_name": "王五",
                  "applicant_is_legal_rep": "false"},
            files={"business_licence": ("l.png", licence_png(), "image/png"),
                   "authorization_letter": ("a.pdf", pdf_document(), "application/pdf")})),
    ("GET", f"{APP}/orders"): Entry(ANY_HOLDER),
    ("GET", f"{APP}/orders/{{order_id}}"): Entry(OWNER),
    ("POST", f"{APP}/orders/{{order_id}}/resubmit"): Entry(
        OWNER, lambda w: Call(files={"business_licence": ("l.png", licence_png(), "image/png")})),
    ("POST", f"{APP}/orders/{{order_id}}/cancel"): Entry(OWNER),
    ("POST", f"{APP}/orders/{{order_id}}/pay"): Entry(OWNER),
    ("POST", "/api/payments/notify/{provider}"): Entry(
        PUBLIC, lambda w: Call(data={"out_trade_no": "x", "sign": "x"}),
        "the gateway's signature in the body is the credential"),
    ("POST", "/api/payments/refund-notify/{provider}"): Entry(
        PUBLIC, lambda w: Call(data={"out_request_no": "x", "sign": "x"}),
        "the gateway's signature in the body is the credential"),
    ("GET", "/sandbox/pay/{trade_no}"): Entry(
        PUBLIC, why="sandbox cashier: the unguessable trade number is the capability"),
    ("POST", "/sandbox/pay/{trade_no}/pay"): Entry(PUBLIC, why="sandbox cashier"),
    ("POST", "/sandbox/pay/{trade_no}/cancel"): Entry(PUBLIC, why="sandbox cashier"),
    # ----------------------------------------------------------------- certificates
    ("GET", f"{APP}/certificates"): Entry(ANY_HOLDER),
    ("GET", f"{APP}/certificates/{{cert_id}}"): Entry(OWNER),
    ("GET", f"{APP}/certificates/{{cert_id}}/prehash"): Entry(OWNER),
    ("POST", f"{APP}/certificates/{{cert_id}}/download"): Entry(
        OWNER, lambda w: Call(json={"csr": _csr(), "transport_key": _tk(),
                                    "prehash": w.ids["prehash"]})),
    ("POST", f"{APP}/certificates/{{cert_id}}/unlock"): Entry(
        OWNER, lambda w: Call(json={"prehash": w.ids["prehash"], "transport_key": _tk()})),
    ("POST", f"{APP}/certificates/{{cert_id}}/password"): Entry(
        OWNER, lambda w: Call(json={"old_prehash": w.ids["prehash"], "new_password": PASSWORD}),
        phase=1),
    ("POST", f"{APP}/certificates/{{cert_id}}/password-reset"): Entry(
        OWNER, lambda w: Call(json={"face_check_id": w.ids["face_check_id"],
                                    "new_password": PASSWORD}), phase=1),
    ("POST", f"{APP}/certificates/{{cert_id}}/renewal"): Entry(
        OWNER, lambda w: Call(json={"years": 1, "prehash": w.ids["prehash"]})),
    ("POST", f"{APP}/certificates/{{cert_id}}/reissue"): Entry(
        OWNER, lambda w: Call(json={"face_check_id": w.ids["face_check_id"]}), phase=1),
    ("POST", f"{APP}/certificates/{{cert_id}}/change"): Entry(
        OWNER, lambda w: Call(data={"new_name": "张三丰"},
                              files={"change_proof": ("p.pdf", pdf_document(), "application/pdf")}),
        phase=1),
    # ----------------------------------------------------------------- electronic seals
    ("POST", f"{APP}/seals/preview"): Entry(
        ANY_HOLDER, lambda w: Call(data=_pad()[0], files=_pad()[1]), "nothing is stored"),
    ("POST", f"{APP}/seals"): Entry(
        OWNER, lambda w: Call(data={**_pad()[0], "cert_id": w.ids["cert_id"]}, files=_pad()[1]),
        "a seal is bound to one of the caller's own certificates"),
    ("GET", f"{APP}/seals"): Entry(ANY_HOLDER, why="the caller's own seals"),
    ("GET", f"{APP}/seals/{{seal_id}}"): Entry(OWNER),
    ("GET", f"{APP}/seals/{{seal_id}}/image"): Entry(OWNER),
    ("POST", f"{APP}/seals/{{seal_id}}/claim"): Entry(
        OWNER, lambda w: Call(json={"prehash": w.ids["prehash"]}),
        "the certificate password on the certificate's phone"),
    # ----------------------------------------------------------------- privacy
    ("GET", f"{APP}/privacy/data"): Entry(ANY_HOLDER, why="the caller's own data"),
    ("GET", f"{APP}/privacy/export"): Entry(ANY_HOLDER, why="the caller's own data"),
    ("GET", f"{APP}/account/cancellation"): Entry(ANY_HOLDER, why="the caller's own account"),
    ("POST", f"{APP}/account/cancellation/sms-code"): Entry(
        ANY_HOLDER, why="sent to the caller's own phone"),
    ("POST", f"{APP}/account/cancellation"): Entry(
        ANY_HOLDER, lambda w: Call(json={"code": "000000"}),
        "the caller's own account, after the code sent to its phone (422 for this one)"),
    ("POST", f"{APP}/account/cancellation/withdraw"): Entry(
        ANY_HOLDER, why="the caller's own request (409 cancel_not_pending)"),
    # ----------------------------------------------------------------- invoices
    ("GET", f"{APP}/invoice-titles"): Entry(ANY_HOLDER, why="the caller's own titles"),
    ("POST", f"{APP}/invoice-titles"): Entry(
        ANY_HOLDER, lambda w: Call(json={"kind": "personal", "name": "李四"})),
    ("DELETE", f"{APP}/invoice-titles/{{title_id}}"): Entry(
        OWNER, phase=1, bind={"title_id": "spare_title_id"}),
    ("POST", f"{APP}/invoices"): Entry(
        OWNER, lambda w: Call(json={"order_ids": [w.ids["order_id"]],
                                    "title_id": w.ids["title_id"]}),
        "the caller's own completed orders and title (the owner's answer: 409 invoice_exists)"),
    ("GET", f"{APP}/invoices"): Entry(ANY_HOLDER, why="the caller's own invoices"),
    ("GET", f"{APP}/invoices/orders"): Entry(ANY_HOLDER, why="the caller's own orders"),
    ("GET", f"{APP}/invoices/{{invoice_id}}"): Entry(OWNER),
    ("GET", f"{APP}/invoices/{{invoice_id}}/files/{{which}}"): Entry(OWNER),
    ("POST", f"{APP}/invoices/{{invoice_id}}/resend"): Entry(
        OWNER, lambda w: Call(json={"email": "a@example.com"})),
    ("POST", f"{APP}/invoices/{{invoice_id}}/withdraw"): Entry(
        OWNER, why="the owner's own failed application (the owner's answer: 409 "
        "invoice_not_withdrawable while it is 开票中)"),
    ("POST", "/api/invoices/notify/{provider}"): Entry(
        PUBLIC, lambda w: Call(content=b"{}", headers={"content-type": "application/json"}),
        "the invoicing service's signature is the credential"),
    ("GET", f"{APP}/messages"): Entry(ANY_HOLDER),
    ("POST", f"{APP}/messages/{{message_id}}/read"): Entry(OWNER),
    # ----------------------------------------------------------------- scan to use (phone)
    ("POST", f"{APP}/scan"): Entry(
        only(Role.HOLDER, other_holder=Deny(409, "session_already_bound"),
             company_admin=Deny(409, "session_already_bound"),
             company_user=Deny(409, "session_already_bound")),
        lambda w: Call(json={"qr": w.ids["qr"]}),
        "any holder may scan a QR code, but a session belongs to the first phone that did"),
    ("POST", f"{APP}/scan/{{session_id}}/prepare"): Entry(
        OWNER, lambda w: Call(json={"cert_id": w.ids["cert_id"], "prehash": w.ids["prehash"],
                                    "transport_key": _tk()})),
    ("POST", f"{APP}/scan/{{session_id}}/complete"): Entry(
        OWNER, lambda w: Call(json={"signature": "AAAA"})),
    ("POST", f"{APP}/scan/{{session_id}}/reject"): Entry(OWNER, phase=1),
    ("GET", f"{APP}/scan/{{session_id}}/digest"): Entry(
        OWNER, why="a login session here: the owner gets 409 session_not_seal, others 404"),
    ("GET", f"{APP}/usage"): Entry(ANY_HOLDER, why="scope=company: tests/api/lifecycle"),
    ("GET", f"{APP}/usage/export"): Entry(ANY_HOLDER, why="the caller's own records as CSV"),
    # ----------------------------------------------------------------- the company side
    ("GET", f"{APP}/companies"): Entry(ANY_HOLDER, why="the caller's own memberships"),
    ("GET", f"{APP}/companies/{{org_id}}"): Entry(COMPANY_ADMIN),
    ("GET", f"{APP}/companies/{{org_id}}/members"): Entry(COMPANY_ADMIN),
    ("POST", f"{APP}/companies/{{org_id}}/members"): Entry(
        COMPANY_ADMIN, lambda w: Call(json={"name": "孙八", "id_number": w.ids["matrix_id"],
                                            "phone": "13900000089", "role": "user"})),
    ("POST", f"{APP}/companies/{{org_id}}/members/{{member_id}}/role"): Entry(
        COMPANY_ADMIN, lambda w: Call(json={"role": "user"})),
    ("POST", f"{APP}/companies/{{org_id}}/members/{{member_id}}/resend"): Entry(
        COMPANY_ADMIN, bind={"member_id": "invited_member_id"}),
    ("POST", f"{APP}/companies/{{org_id}}/members/{{member_id}}/revoke"): Entry(
        COMPANY_ADMIN, bind={"member_id": "invited_member_id"}, phase=1),
    ("GET", f"{APP}/claims"): Entry(ANY_HOLDER, why="invitations to the caller's own phone"),
    ("POST", f"{APP}/claims/{{member_id}}"): Entry(
        only(Role.OTHER_HOLDER), lambda w: Call(json={"face_check_id": "x" * 32, "years": 1}),
        "only the person invited by that phone", bind={"member_id": "claim_member_id"}),
    # ----------------------------------------------------------------- relying parties
    ("POST", f"{RPAPI}/sessions"): Entry(
        ANY_RP, lambda w: Call(json={"type": "login", "display_text": "登录 矩阵测试"})),
    ("GET", f"{RPAPI}/sessions/{{session_id}}"): Entry(
        OWNER_RP, lambda w: Call(params={"wait": "0"})),
    ("POST", f"{RPAPI}/sessions/{{session_id}}/digest"): Entry(
        OWNER_RP, lambda w: Call(json={"selection_id": "x", "digest": "A" * 43})),
    ("POST", f"{RPAPI}/sessions/{{session_id}}/cancel"): Entry(
        OWNER_RP, bind={"session_id": "cancel_session_id"}),
    # ----------------------------------------------------------------- operator console
    ("POST", f"{CONSOLE}/auth/login"): Entry(
        PUBLIC, lambda w: Call(json={"username": "reviewer1", "password": "review-pass-123"}),
        "the operator's password is the credential"),
    ("POST", f"{CONSOLE}/consents/lookup"): Entry(
        LOOKUP, lambda w: Call(json={"phone": "13900000001"}), "the lookup permission"),
    ("GET", f"{CONSOLE}/reviews"): Entry(OPERATOR),
    # before the decisions below: the company application is still in its queue
    ("POST", f"{CONSOLE}/queue/{{kind}}/{{item_id}}/claim"): Entry(
        OPERATOR, bind=QUEUE_ITEM, why="the other operator gets 409 review_claimed"),
    ("POST", f"{CONSOLE}/queue/{{kind}}/{{item_id}}/release"): Entry(OPERATOR, bind=QUEUE_ITEM),
    ("GET", f"{CONSOLE}/reviews/{{order_id}}"): Entry(OPERATOR, bind=COMPANY),
    ("GET", f"{CONSOLE}/reviews/{{order_id}}/documents/{{document_id}}"): Entry(
        OPERATOR, bind=COMPANY, why="read to review: review_required"),
    ("POST", f"{CONSOLE}/reviews/{{order_id}}/approve"): Entry(
        OPERATOR, lambda w: Call(json={}), bind=COMPANY),
    ("POST", f"{CONSOLE}/reviews/{{order_id}}/reject"): Entry(
        OPERATOR, lambda w: Call(json={"reason": "营业执照不清晰"}), bind=COMPANY),
    ("GET", f"{CONSOLE}/reviews/{{order_id}}/documents/{{document_id}}/pages/{{n}}"): Entry(
        OPERATOR, bind=COMPANY),
    ("GET", f"{CONSOLE}/queues"): Entry(OPERATOR),
    ("GET", f"{CONSOLE}/queue"): Entry(OPERATOR, lambda w: Call(params={"kind": "application"})),
    ("GET", f"{CONSOLE}/rejection-reasons"): Entry(
        OPERATOR, lambda w: Call(params={"kind": "seal"})),
    ("GET", f"{CONSOLE}/invoices"): Entry(INVOICE_OPS),
    ("POST", f"{CONSOLE}/invoices/{{invoice_id}}/retry"): Entry(INVOICE_OPS, phase=1),
    ("POST", f"{CONSOLE}/invoices/{{invoice_id}}/void"): Entry(
        INVOICE_OPS, lambda w: Call(json={"reason": "抬头有误"}), phase=1),
    # ----------------------------------------------------------------- console look-up
    ("GET", f"{CONSOLE}/holders"): Entry(LOOKUP, lambda w: Call(params={"q": "13900000001"})),
    ("GET", f"{CONSOLE}/holders/{{holder_id}}"): Entry(LOOKUP),
    ("POST", f"{CONSOLE}/holders/{{holder_id}}/unmask"): Entry(
        UNMASK, lambda w: Call(json={"fields": ["phone"], "reason": "用户来电核实身份"}),
        "revealing personal data is the officer's, with a reason (audited)"),
    ("GET", f"{CONSOLE}/companies"): Entry(LOOKUP, lambda w: Call(params={"q": "某某"})),
    ("GET", f"{CONSOLE}/companies/{{org_id}}"): Entry(LOOKUP),
    ("GET", f"{CONSOLE}/orders"): Entry(LOOKUP),
    ("GET", f"{CONSOLE}/orders/{{order_id}}"): Entry(LOOKUP),
    ("GET", f"{CONSOLE}/usage"): Entry(
        LOOKUP, lambda w: Call(params={"holder_id": w.ids["holder_id"]})),
    # ----------------------------------------------------------------- console audit, dashboard
    ("GET", f"{CONSOLE}/audit"): Entry(AUDIT),
    ("POST", f"{CONSOLE}/audit/verify"): Entry(AUDIT),
    ("GET", f"{CONSOLE}/audit/export"): Entry(AUDIT, lambda w: Call(params={"format": "csv"})),
    ("GET", f"{CONSOLE}/dashboard"): Entry(LOOKUP),
    ("GET", f"{CONSOLE}/privacy/requests"): Entry(
        only(Role.AUDITOR, Role.ADMIN), why="audit_read: auditor and admin"),
    ("POST", f"{CONSOLE}/auth/totp/enrol"): Entry(
        NOBODY, lambda w: Call(json={"enrolment_token": "x", "code": "000000"}),
        "the enrolment token from a password login is the credential (test_console_totp.py)"),
    ("POST", f"{CONSOLE}/auth/logout"): Entry(ANY_OPERATOR, phase=2),
    ("GET", f"{CONSOLE}/me"): Entry(ANY_OPERATOR),
    ("GET", f"{CONSOLE}/operators"): Entry(ADMIN_ONLY),
    ("POST", f"{CONSOLE}/operators"): Entry(
        ADMIN_ONLY, lambda w: Call(json={"username": "matrix1", "display_name": "矩阵",
                                         "role": "reviewer", "password": "matrix-pass-1"})),
    ("POST", f"{CONSOLE}/operators/{{operator_id}}/role"): Entry(
        ADMIN_ONLY, lambda w: Call(json={"role": "auditor"}), phase=1),
    ("POST", f"{CONSOLE}/operators/{{operator_id}}/reset-2fa"): Entry(ADMIN_ONLY, phase=1),
    ("POST", f"{CONSOLE}/operators/{{operator_id}}/disable"): Entry(ADMIN_ONLY, phase=1),
    ("POST", f"{CONSOLE}/operators/{{operator_id}}/enable"): Entry(ADMIN_ONLY, phase=1),
    ("GET", f"{CONSOLE}/approvals"): Entry(ANY_OPERATOR),
    ("POST", f"{CONSOLE}/approvals/{{approval_id}}/approve"): Entry(
        OFFICERS, phase=1, bind={"approval_id": "approve_approval_id"},
        why="an rp_secret_rotate proposed by another officer: `rp_manage` decides"),
    ("POST", f"{CONSOLE}/approvals/{{approval_id}}/reject"): Entry(
        OFFICERS, lambda w: Call(json={"reason": "不需要轮换"}), phase=1,
        bind={"approval_id": "reject_approval_id"}),
    ("GET", f"{CONSOLE}/approvals/{{approval_id}}/secret"): Entry(
        only(Role.OFFICER), bind={"approval_id": "secret_approval_id"},
        why="officer1 proposed it: the new secret is for the proposer only"),
    ("POST", f"{CONSOLE}/companies/{{org_id}}/revoke-certificates"): Entry(
        OFFICERS, lambda w: Call(json={"reason": "cessation_of_operation"}),
        why="proposes only (202); a second officer would have to approve"),
    ("GET", f"{CONSOLE}/certificates"): Entry(ANY_OPERATOR),
    ("GET", f"{CONSOLE}/certificates/{{cert_id}}"): Entry(ANY_OPERATOR),
    ("POST", f"{CONSOLE}/certificates/{{cert_id}}/revoke"): Entry(
        OFFICERS, lambda w: Call(json={"reason": "no_such_reason"}),
        why="an unknown reason (422) keeps the world's certificate; test_console_ops revokes"),
    ("GET", f"{CONSOLE}/ca"): Entry(ANY_OPERATOR),
    ("GET", f"{CONSOLE}/ca/crl"): Entry(ANY_OPERATOR),
    ("GET", f"{CONSOLE}/relying-parties"): Entry(ANY_OPERATOR),
    ("POST", f"{CONSOLE}/relying-parties"): Entry(
        OFFICERS, lambda w: Call(json={"name": "矩阵测试平台", "operations": ["login"]})),
    ("PATCH", f"{CONSOLE}/relying-parties/{{rp_id}}"): Entry(
        OFFICERS, lambda w: Call(json={"enabled": True}), bind={"rp_id": "console_rp_id"}),
    ("POST", f"{CONSOLE}/relying-parties/{{rp_id}}/rotate-secret"): Entry(
        OFFICERS, bind={"rp_id": "console_rp_id"}),
    ("GET", f"{CONSOLE}/seals"): Entry(OPERATOR),
    ("GET", f"{CONSOLE}/seals/{{seal_id}}"): Entry(OPERATOR),
    ("GET", f"{CONSOLE}/seals/{{seal_id}}/original"): Entry(OPERATOR),
    ("GET", f"{CONSOLE}/seals/{{seal_id}}/image"): Entry(OPERATOR),
    ("POST", f"{CONSOLE}/seals/{{seal_id}}/approve"): Entry(OPERATOR, phase=1),
    ("POST", f"{CONSOLE}/seals/{{seal_id}}/reject"): Entry(
        OPERATOR, lambda w: Call(json={"reason": "印章图像不清晰"}), phase=1),
    # ----------------------------------------------------------------- public PKI and ops
    ("GET", "/pki/ca/chain.pem"): Entry(PUBLIC),
    ("GET", "/pki/ca/{name}.crt"): Entry(PUBLIC),
    ("GET", "/pki/crl/{name}.crl"): Entry(PUBLIC),
    ("POST", "/pki/ocsp"): Entry(
        PUBLIC, lambda w: Call(content=b"\x30\x00",
                               headers={"content-type": "application/ocsp-request"})),
    ("GET", "/pki/ocsp/{encoded:path}"): Entry(PUBLIC),
    ("POST", "/pki/tsa"): Entry(
        PUBLIC, lambda w: Call(content=b"\x30\x00",
                               headers={"content-type": "application/timestamp-query"})),
    ("GET", "/healthz"): Entry(PUBLIC),
    ("GET", "/readyz"): Entry(PUBLIC, why="readiness for a load balancer; says nothing private"),
    ("GET", "/metrics"): Entry(
        PUBLIC, why="on outside production; MCERT_METRICS_TOKEN guards it (test_metrics.py)"),
    ("GET", "/docs/assets/init.js"): Entry(PUBLIC, why="the local Swagger UI's start script"),
    ("GET", "/openapi.json"): Entry(PUBLIC, why="the API reference"),
    ("GET", "/docs"): Entry(PUBLIC),
    ("GET", "/redoc"): Entry(PUBLIC),
    ("GET", "/console"): Entry(PUBLIC, why="redirects to /console/"),
    ("GET", "/console/{path:path}"): Entry(
        PUBLIC, why="the operator console's static files; its API calls carry the token"),
    ("GET", "/{path:path}"): Entry(PUBLIC, why="the holder web app (static files)"),
}
# fmt: on

# Path parameters that are not ids of the fixtures.
FIXED_PARAMS = {
    "provider": "sandbox",
    "name": "issuing",
    "encoded:path": "MAA=",
    "path:path": "orders/1",
    "which": "pdf",
    "n": "1",
    "kind": "application",
    "document": "face",
}


def app_routes(app: Any) -> set[tuple[str, str]]:
    """(method, path template) of every route the app serves; HEAD rides along with GET."""
    found: set[tuple[str, str]] = set()
    for route in iter_route_contexts(app.routes):
        for method in route.methods or ():
            if method != "HEAD":
                found.add((method, str(route.path)))
    return found


def test_every_route_has_an_entry() -> None:
    app = create_app(Settings(env="test", secret_key=TEST_SECRET))  # type: ignore[call-arg]
    served = app_routes(app)
    missing = sorted(served - MATRIX.keys())
    stale = sorted(MATRIX.keys() - served)
    assert not missing, (
        "routes without an entry in tests/api/test_authz_matrix.py MATRIX (say who may call "
        "them): " + ", ".join(f"{m} {p}" for m, p in missing)
    )
    assert not stale, "MATRIX entries for routes the app no longer serves: " + ", ".join(
        f"{m} {p}" for m, p in stale
    )
    for key, entry in MATRIX.items():
        assert set(entry.expect) == set(ROLES), f"{key}: expectation for every role"


# ------------------------------------------------------------------------------- fixtures


@pytest.fixture
def clock() -> FrozenClock:
    # Certificates are checked against the wall clock by the SDK, like the lifecycle tests.
    return FrozenClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return dict(FAST_PASSWORDS)


def send(
    client: TestClient, clock: FrozenClock, w: World, role: Role, method: str, path: str, call: Call
) -> httpx.Response:
    request = client.build_request(
        method,
        path,
        json=call.json,
        data=call.data,
        files=call.files,
        params=call.params,
        content=call.content,
        headers=call.headers,
    )
    if role in w.bearer:
        request.headers["Authorization"] = f"Bearer {w.bearer[role]}"
    if role in w.devices and method == "POST" and path.startswith(APP) and role in w.bearer:
        # Every holder POST carries a device proof, so that a holder-allowed cell is not
        # refused for a missing proof (routes that do not ask for one ignore it).
        body = request.read()
        request.headers.update(w.devices[role].proof_headers(method, path, body))
    elif role in w.rp_keys:
        path = request.url.raw_path.decode()
        signed = rp_headers(*w.rp_keys[role], method, path, request.read(), clock.now().timestamp())
        request.headers.update(signed)
    return client.send(request, follow_redirects=False)


def _fill(path: str, w: World, bind: Mapping[str, str]) -> str:
    values = {**w.ids, **FIXED_PARAMS, **{name: w.ids[key] for name, key in bind.items()}}
    out = path
    for name, value in values.items():
        out = out.replace("{" + name + "}", value)
    assert "{" not in out, f"no fixture value for a parameter of {path}"
    return out


def test_authorization_matrix(client: TestClient, runtime: Runtime, clock: FrozenClock) -> None:
    w = build_world(client, runtime, clock)
    served = app_routes(client.app)
    assert served <= MATRIX.keys(), "see test_every_route_has_an_entry"
    # Refusals first, so that a let-through call cannot change what a refused one sees; calls
    # that end a session or a state last.
    walk = sorted(MATRIX.items(), key=lambda kv: kv[1].phase)
    mismatches: list[str] = []
    for (method, template), entry in walk:
        path = _fill(template, w, entry.bind)
        roles = sorted(ROLES, key=lambda r: entry.expect[r].allowed)
        for role in roles:
            expected = entry.expect[role]
            resp = send(client, clock, w, role, method, path, entry.call(w))
            code = None
            if resp.headers.get("content-type", "").startswith("application/json"):
                body = resp.json()
                if isinstance(body, dict) and isinstance(body.get("error"), dict):
                    code = body["error"].get("code")
            if not expected.matches(resp.status_code, code):
                mismatches.append(
                    f"{method} {template} as {role}: expected {expected}, "
                    f"got {resp.status_code} {code or resp.text[:80]!r}"
                )
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)
