"""Access and export (PIPL art. 45): what mCert holds about one holder, as JSON or HTML.

Every category the holder has data in, from every domain. The holder reads their own data,
but the file leaves our hands (mail, cloud drives, a shared computer), so what would do
harm if it leaked is masked the same way the app shows it: ID number, bank card, phone
numbers, e-mail. Secrets are never exported (password verifiers, key shares, escrowed keys,
codes, tokens); device keys appear as their thumbprint only. The HTML version escapes every
value: names, company names and message texts are user input.
"""

from __future__ import annotations

import html
import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.account.models import Device, User
from mcert.account.service import user_phone
from mcert.account.states import LABELS as USER_LABELS
from mcert.account.states import UserStatus
from mcert.ca.models import IssuedCertificate
from mcert.cert.models import HolderCertificate
from mcert.cert.states import LABELS as CERT_LABELS
from mcert.cert.states import HolderCertStatus
from mcert.consent.models import ConsentRecord
from mcert.consent.service import client_ip_of
from mcert.invoice.models import Invoice, InvoiceTitle
from mcert.invoice.service import buyer_name, email_of, title_name
from mcert.money import yuan_figures as yuan
from mcert.notify.models import Message
from mcert.order.models import Order
from mcert.org.models import Organization, OrgMember
from mcert.org.states import LABELS as MEMBER_LABELS
from mcert.org.states import ROLE_LABELS, MemberRole, MemberStatus
from mcert.pii import mask_bank_card, mask_email, mask_id_number, mask_ip, mask_phone
from mcert.realname.models import FaceCheck, RealnameAttempt
from mcert.realname.service import card_masked, identity_of
from mcert.realname.service import view as identity_view
from mcert.rights.models import PrivacyRequest
from mcert.rights.states import KIND_LABELS, LABELS, RequestKind, RequestStatus
from mcert.runtime import Runtime
from mcert.scan.models import UsageRecord
from mcert.seal.models import Seal

#: Category key -> (Chinese title, what it is). The order is the order of the export.
CATEGORIES: dict[str, tuple[str, str]] = {
    "account": ("账号信息", "手机号（已脱敏）、注册与登录时间"),
    "identity": ("实名认证信息", "已认证的姓名和身份证号（已脱敏）"),
    "realname_attempts": ("实名认证记录", "每次认证的方式、结果；银行卡号已脱敏，人脸照片只留哈希"),
    "face_checks": ("人脸核验记录", "每次人脸核验的结果与照片哈希"),
    "certificates": ("证书", "您的个人证书与单位证书"),
    "seals": ("电子印章", "您申请的电子印章"),
    "companies": ("单位与授权", "您所在的单位及您的角色"),
    "orders": ("订单", "证书、印章等订单"),
    "invoices": ("发票", "发票申请与开具记录"),
    "invoice_titles": ("发票抬头", "保存的发票抬头"),
    "usage": ("证书使用记录", "扫码登录、签名、解密、盖章的记录"),
    "messages": ("消息", "站内消息"),
    "devices": ("登录设备", "登录过的手机和浏览器"),
    "consents": (
        "协议与授权同意",
        "同意的用户协议、隐私政策与单独同意（版本、时间、设备，IP 已脱敏）",
    ),
    "privacy_requests": ("个人信息请求", "下载我的信息与注销账号的申请"),
}


def _t(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _rows(db: Session, model: Any, *where: Any, order: Any) -> list[Any]:
    return list(db.scalars(select(model).where(*where).order_by(order)).all())


def _serial(db: Session, cert_id: str | None) -> str | None:
    row = db.get(IssuedCertificate, cert_id) if cert_id else None
    return row.serial if row else None


def collect(db: Session, rt: Runtime, user: User) -> dict[str, list[dict[str, Any]]]:
    """Every category with the holder's records (empty categories are left out)."""
    uid = user.id
    out: dict[str, list[dict[str, Any]]] = {}
    out["account"] = [
        {
            "id": uid,
            "phone": mask_phone(user_phone(rt, user)),
            "status": USER_LABELS[UserStatus(user.status)],
            "created_at": _t(user.created_at),
            "last_login_at": _t(user.last_login_at),
        }
    ]
    identity = identity_of(db, user)
    if identity is not None:
        v = identity_view(rt, user, identity)
        out["identity"] = [
            {
                "name": v.name,
                "id_number": mask_id_number(v.id_number),
                "method": v.method,
                "verified_at": _t(v.verified_at),
            }
        ]
    attempts = []
    for a in _rows(
        db, RealnameAttempt, RealnameAttempt.user_id == uid, order=RealnameAttempt.created_at
    ):
        card = card_masked(rt, user, a)
        attempts.append(
            {
                "id": a.id,
                "method": a.method,
                "status": a.status,
                "failure_reason": a.failure_reason,
                "bank_card": card,
                "bank_card_deleted_at": _t(a.card_deleted_at),
                "face_image_held": a.face_object_key is not None,
                "face_image_sha256": a.face_sha256,
                "face_image_deleted_at": _t(a.face_deleted_at),
                "created_at": _t(a.created_at),
            }
        )
    out["realname_attempts"] = attempts
    out["face_checks"] = [
        {
            "id": c.id,
            "passed": c.passed,
            "reason": c.reason,
            "used_for": c.used_for,
            "face_image_held": c.object_key is not None,
            "face_image_sha256": c.face_sha256,
            "face_image_deleted_at": _t(c.face_deleted_at),
            "created_at": _t(c.created_at),
        }
        for c in _rows(db, FaceCheck, FaceCheck.user_id == uid, order=FaceCheck.created_at)
    ]
    out["certificates"] = [
        {
            "id": c.id,
            "type": "单位证书" if c.cert_type == "org" else "个人证书",
            "status": CERT_LABELS[HolderCertStatus(c.status)],
            "subject": c.subject_cn,
            "company": c.subject_org,
            "serial": _serial(db, c.sign_cert_id),
            "not_after": _t(c.not_after),
            "created_at": _t(c.created_at),
            "ended_at": _t(c.ended_at),
        }
        for c in _rows(
            db,
            HolderCertificate,
            HolderCertificate.user_id == uid,
            order=HolderCertificate.created_at,
        )
    ]
    out["seals"] = [
        {
            "id": s.id,
            "name": s.name,
            "type": s.seal_type,
            "status": s.status,
            "valid_end": _t(s.valid_end),
            "created_at": _t(s.created_at),
            "voided_at": _t(s.voided_at),
        }
        for s in _rows(db, Seal, Seal.user_id == uid, order=Seal.created_at)
    ]
    companies = []
    for m in _rows(db, OrgMember, OrgMember.user_id == uid, order=OrgMember.created_at):
        org = db.get(Organization, m.org_id)
        companies.append(
            {
                "company": org.name if org else None,
                "uscc": org.uscc if org else None,
                "role": ROLE_LABELS[MemberRole(m.role)],
                "status": MEMBER_LABELS[MemberStatus(m.status)],
                "joined_at": _t(m.joined_at),
                "revoked_at": _t(m.revoked_at),
            }
        )
    out["companies"] = companies
    out["orders"] = [
        {
            "order_no": o.order_no,
            "kind": o.kind,
            "cert_type": o.cert_type,
            "company": o.company_name,
            "amount": yuan(o.amount_fen),
            "status": o.status,
            "created_at": _t(o.created_at),
            "paid_at": _t(o.paid_at),
        }
        for o in _rows(db, Order, Order.user_id == uid, order=Order.created_at)
    ]
    invoices = []
    for i in _rows(db, Invoice, Invoice.user_id == uid, order=Invoice.created_at):
        email = email_of(rt, i)
        invoices.append(
            {
                "id": i.id,
                "kind": i.kind,
                "status": i.status,
                "amount": yuan(i.amount_fen),
                "buyer": buyer_name(rt, i),
                "buyer_tax_no": i.buyer_tax_no,
                "email": mask_email(email) if email else None,
                "invoice_no": i.invoice_no,
                "issued_at": _t(i.issued_at),
                "created_at": _t(i.created_at),
            }
        )
    out["invoices"] = invoices
    out["invoice_titles"] = [
        {
            "kind": t.kind,
            "name": title_name(rt, t),
            "tax_no": t.tax_no,
            "phone": mask_phone(t.phone) if t.phone else None,
            "bank_account": mask_bank_card(t.bank_account) if t.bank_account else None,
        }
        for t in _rows(db, InvoiceTitle, InvoiceTitle.user_id == uid, order=InvoiceTitle.created_at)
    ]
    out["usage"] = [
        {
            "relying_party": u.rp_name,
            "operation": u.operation,
            "result": u.result,
            "certificate_serial": u.cert_serial,
            "at": _t(u.created_at),
        }
        for u in _rows(db, UsageRecord, UsageRecord.user_id == uid, order=UsageRecord.created_at)
    ]
    out["messages"] = [
        {"title": m.title, "body": m.body, "at": _t(m.created_at), "read": m.read_at is not None}
        for m in _rows(db, Message, Message.user_id == uid, order=Message.created_at)
    ]
    out["devices"] = [
        {
            "name": d.name,
            "platform": d.platform,
            "key_thumbprint": (d.key_thumbprint or "")[:16] or None,
            "first_seen_at": _t(d.first_seen_at),
            "last_seen_at": _t(d.last_seen_at),
        }
        for d in _rows(db, Device, Device.user_id == uid, order=Device.first_seen_at)
    ]
    out["consents"] = [
        {
            "document": c.document,
            "version": c.version,
            "granted_at": _t(c.granted_at),
            "withdrawn_at": _t(c.withdrawn_at),
            "device_id": c.device_id,
            "client_ip": mask_ip(ip) if (ip := client_ip_of(rt, c)) else None,
        }
        for c in _rows(
            db, ConsentRecord, ConsentRecord.user_id == uid, order=ConsentRecord.granted_at
        )
    ]
    out["privacy_requests"] = [
        {
            "kind": KIND_LABELS[RequestKind(r.kind)],
            "status": LABELS[RequestStatus(r.status)],
            "requested_at": _t(r.requested_at),
            "due_at": _t(r.due_at),
            "completed_at": _t(r.completed_at),
        }
        for r in _rows(
            db, PrivacyRequest, PrivacyRequest.user_id == uid, order=PrivacyRequest.requested_at
        )
    ]
    return {k: v for k, v in out.items() if v}


def document(data: dict[str, list[dict[str, Any]]], now: datetime) -> dict[str, Any]:
    """The JSON export: a header and the categories with their Chinese titles."""
    return {
        "format": "mcert-personal-data/1",
        "generated_at": now.isoformat(),
        "categories": [
            {"key": key, "title": CATEGORIES[key][0], "records": data[key]}
            for key in CATEGORIES
            if key in data
        ],
    }


def summary(data: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Category, title, description and count: the 我的信息 page."""
    return [
        {"key": k, "title": t, "description": d, "count": len(data.get(k, []))}
        for k, (t, d) in CATEGORIES.items()
    ]


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    return html.escape(str(value))


def render_html(doc: dict[str, Any]) -> str:
    """A readable page of the export. Every value and key is escaped."""
    parts = [
        "<!doctype html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        "<title>我的信息 - mCert</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
        "margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;"
        "vertical-align:top}</style></head><body>",
        "<h1>我的信息</h1>",
        f"<p>生成时间：{html.escape(doc['generated_at'])}。身份证号、银行卡号、手机号已脱敏显示。</p>",
    ]
    for cat in doc["categories"]:
        parts.append(f"<h2>{html.escape(cat['title'])}（{len(cat['records'])}）</h2>")
        records = cat["records"]
        keys: list[str] = []
        for r in records:
            keys += [k for k in r if k not in keys]
        parts.append("<table><tr>" + "".join(f"<th>{html.escape(k)}</th>" for k in keys) + "</tr>")
        for r in records:
            parts.append("<tr>" + "".join(f"<td>{_cell(r.get(k))}</td>" for k in keys) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def as_json(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=2).encode()
