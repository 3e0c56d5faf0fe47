"""Invoices for paid orders: titles, applications, the invoicing service's results,
delivery and red-letter reversal.

An application writes the invoice (开票中) and queues its request to the invoicing
provider in the same transaction (task ``invoice.submit``), together with a query
(``invoice.query``) that runs later in case the signed result callback never arrives.
Whichever comes first settles the invoice; the other finds nothing left to do. The amount
is always the sum of what was paid for the orders, read here, never taken from a client.
At most one live invoice per order: ``invoice_items.live_order_id`` is unique, so two
concurrent applications produce one invoice and one 409.

A refunded order's invoice is reversed by a red-letter invoice (``invoice.reverse``), the
holder told; the order domain announces refunds through
:data:`mcert.order.payments.refunded_listeners` (wired by :mod:`mcert.flows`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.audit.service import Actor, record
from mcert.errors import Conflict, InvalidInput, NotFound
from mcert.ident import validate_uscc
from mcert.invoice.models import Invoice, InvoiceItem, InvoiceTitle
from mcert.invoice.states import InvoiceStatus, move_invoice
from mcert.money import yuan_figures
from mcert.notify.service import notify
from mcert.order import payments
from mcert.order.models import Order, PaymentAttempt
from mcert.order.service import label as order_label
from mcert.order.states import OrderStatus, PaymentStatus
from mcert.org.models import Organization
from mcert.org.service import memberships
from mcert.providers.email import Attachment, validate_email
from mcert.providers.invoice import (
    ITEM_NAME,
    InvoiceKind,
    InvoiceServiceUnavailable,
    IssueRequest,
    IssueResult,
    Line,
    Party,
    ResultState,
)
from mcert.providers.sms import SMSTemplate
from mcert.runtime import Runtime
from mcert.tasks.queue import enqueue, task_handler

log = logging.getLogger(__name__)

SUBMIT_TASK = "invoice.submit"
QUERY_TASK = "invoice.query"
REVERSE_TASK = "invoice.reverse"
EMAIL_TASK = "invoice.email"
NOTIFY_PATH = "/api/invoices/notify/{provider}"
TITLE_LIMIT = 20


class InvoiceExists(Conflict):
    code = "invoice_exists"
    default_message = "该订单已开具或正在开具发票，不能重复申请"


class OrderNotInvoiceable(Conflict):
    code = "invoice_order_not_completed"
    default_message = "只有已完成的订单可以申请开票"


class NothingPaid(Conflict):
    code = "invoice_nothing_paid"
    default_message = "该订单未实际支付金额，无需开票"


class SpecialNeedsCompany(InvalidInput):
    code = "invoice_special_needs_company"
    default_message = "增值税专用发票只能开给单位抬头"


class TitleInvalid(InvalidInput):
    code = "invoice_title_invalid"
    default_message = "发票抬头信息有误"


_TITLE_AAD = b"invoice_titles.name"
_BUYER_AAD = b"invoices.buyer_name"
_EMAIL_AAD = b"invoices.email"
_TASK_EMAIL_AAD = b"mcert/task/invoice.email"


def title_name(rt: Runtime, title: InvoiceTitle) -> str:
    return rt.cipher.decrypt(title.name_enc, aad=_TITLE_AAD)


def buyer_name(rt: Runtime, inv: Invoice) -> str:
    return rt.cipher.decrypt(inv.buyer_name_enc, aad=_BUYER_AAD)


def email_of(rt: Runtime, inv: Invoice) -> str | None:
    return rt.cipher.decrypt(inv.email_enc, aad=_EMAIL_AAD) if inv.email_enc else None


def _queue_email(db: Session, rt: Runtime, inv: Invoice, to: str) -> None:
    secret = rt.cipher.encrypt(to, aad=_TASK_EMAIL_AAD)
    enqueue(db, rt, EMAIL_TASK, {"invoice_id": inv.id, "to": secret})


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


# ----------------------------------------------------------------------------- titles


def list_titles(db: Session, user: User) -> list[InvoiceTitle]:
    return list(
        db.scalars(
            select(InvoiceTitle)
            .where(InvoiceTitle.user_id == user.id)
            .order_by(InvoiceTitle.created_at.desc(), InvoiceTitle.id)
        ).all()
    )


def suggestions(db: Session, user: User) -> list[tuple[str, str]]:
    """The holder's verified companies (name, USCC) not yet saved as titles: offered first."""
    saved = {t.tax_no for t in list_titles(db, user) if t.tax_no}
    result = []
    for member in memberships(db, user.id):
        org = db.get(Organization, member.org_id)
        if org is not None and org.uscc not in saved:
            result.append((org.name, org.uscc))
    return result


def create_title(
    db: Session,
    rt: Runtime,
    user: User,
    *,
    kind: str,
    name: str,
    tax_no: str | None = None,
    address: str | None = None,
    phone: str | None = None,
    bank: str | None = None,
    bank_account: str | None = None,
) -> InvoiceTitle:
    clean_name = _clean(name)
    if clean_name is None:
        raise TitleInvalid("请填写发票抬头名称")
    if kind == "company":
        if not _clean(tax_no):
            raise TitleInvalid("单位抬头需要填写纳税人识别号（统一社会信用代码）")
        tax = validate_uscc(tax_no or "")
    elif kind == "personal":
        tax = None
        address = phone = bank = bank_account = None  # 专票 details belong to companies
    else:
        raise TitleInvalid("抬头类型只能是个人或单位")
    if len(list_titles(db, user)) >= TITLE_LIMIT:
        raise Conflict(f"最多保存{TITLE_LIMIT}个发票抬头", code="invoice_title_limit")
    now = rt.clock.now()
    title = InvoiceTitle(
        user_id=user.id,
        kind=kind,
        name_enc=rt.cipher.encrypt(clean_name, aad=_TITLE_AAD),
        tax_no=tax,
        address=_clean(address),
        phone=_clean(phone),
        bank=_clean(bank),
        bank_account=_clean(bank_account),
        created_at=now,
        updated_at=now,
    )
    db.add(title)
    db.commit()
    return title


def _own_title(db: Session, user: User, title_id: str) -> InvoiceTitle:
    title = db.get(InvoiceTitle, title_id)
    if title is None or title.user_id != user.id:
        raise NotFound("发票抬头不存在", code="invoice_title_not_found")
    return title


def delete_title(db: Session, user: User, title_id: str) -> None:
    db.delete(_own_title(db, user, title_id))  # invoices keep their own copy of the buyer
    db.commit()


# ----------------------------------------------------------------------------- applying


def _paid_fen(db: Session, order: Order) -> int:
    """What the holder actually paid for ``order``: the paying attempt's amount."""
    if order.trade_no is None:
        return 0
    attempt = db.scalars(
        select(PaymentAttempt).where(
            PaymentAttempt.order_id == order.id,
            PaymentAttempt.status == PaymentStatus.PAID,
            PaymentAttempt.trade_no == order.trade_no,
        )
    ).first()
    return attempt.amount_fen if attempt is not None else 0


def _audit(
    db: Session, now: datetime, actor: Actor, action: str, inv: Invoice, **details: Any
) -> None:
    record(
        db,
        at=now,
        actor=actor,
        action=action,
        target_type="invoice",
        target_id=inv.id,
        details={"status": inv.status, "amount_fen": inv.amount_fen, **details},
    )


def _queue_request(db: Session, rt: Runtime, inv: Invoice) -> None:
    payload = {"invoice_id": inv.id, "attempt": inv.attempt}
    enqueue(db, rt, SUBMIT_TASK, payload)
    later = rt.clock.now() + timedelta(seconds=rt.settings.invoice_query_after_seconds)
    enqueue(db, rt, QUERY_TASK, payload, run_after=later)


def apply(
    db: Session,
    rt: Runtime,
    user: User,
    *,
    order_ids: Sequence[str],
    title_id: str,
    kind: str = InvoiceKind.NORMAL.value,
    email: str | None = None,
) -> Invoice:
    """Apply for one invoice covering ``order_ids`` (合并开票 when several)."""
    title = _own_title(db, user, title_id)
    invoice_kind = InvoiceKind(kind)
    if invoice_kind is InvoiceKind.SPECIAL and title.kind != "company":
        raise SpecialNeedsCompany()
    mail = validate_email(email) if email and email.strip() else None
    ids = list(dict.fromkeys(order_ids))
    orders = []
    for order_id in sorted(ids):  # a fixed lock order: two applications never deadlock
        order = db.scalars(select(Order).where(Order.id == order_id).with_for_update()).first()
        if order is None or order.user_id != user.id:
            raise NotFound("订单不存在", code="order_not_found")
        if order.status != OrderStatus.COMPLETED:
            raise OrderNotInvoiceable(details={"order_no": order.order_no})
        orders.append(order)
    live = db.scalars(select(InvoiceItem).where(InvoiceItem.live_order_id.in_(ids))).first()
    if live is not None:
        raise InvoiceExists(details={"order_no": live.order_no})
    amounts = {o.id: _paid_fen(db, o) for o in orders}
    for o in orders:
        if amounts[o.id] <= 0:
            raise NothingPaid(details={"order_no": o.order_no})
    now = rt.clock.now()
    inv = Invoice(
        user_id=user.id,
        kind=invoice_kind.value,
        status=InvoiceStatus.ISSUING.value,
        amount_fen=sum(amounts.values()),
        buyer_kind=title.kind,
        buyer_name_enc=rt.cipher.encrypt(title_name(rt, title), aad=_BUYER_AAD),
        buyer_tax_no=title.tax_no,
        buyer_address=title.address,
        buyer_phone=title.phone,
        buyer_bank=title.bank,
        buyer_account=title.bank_account,
        email_enc=rt.cipher.encrypt(mail, aad=_EMAIL_AAD) if mail else None,
        provider=rt.invoice.name,
        attempt=1,
        created_at=now,
        updated_at=now,
    )
    db.add(inv)
    db.flush()
    for o in sorted(orders, key=lambda o: o.order_no):
        db.add(
            InvoiceItem(
                invoice_id=inv.id,
                order_id=o.id,
                live_order_id=o.id,
                order_no=o.order_no,
                quantity=max(1, o.years),
                amount_fen=amounts[o.id],
                description=order_label(o),
            )
        )
    try:
        db.flush()
    except IntegrityError as exc:  # a concurrent application took an order first
        db.rollback()
        raise InvoiceExists() from exc
    _audit(
        db, now, Actor("user", user.id), "invoice.applied", inv, orders=[o.order_no for o in orders]
    )
    _queue_request(db, rt, inv)
    db.commit()
    return inv


def items_of(db: Session, inv: Invoice) -> list[InvoiceItem]:
    return list(
        db.scalars(
            select(InvoiceItem)
            .where(InvoiceItem.invoice_id == inv.id)
            .order_by(InvoiceItem.order_no)
        ).all()
    )


def request_no(inv: Invoice) -> str:
    return f"{inv.id}-{inv.attempt}"


def _issue_request(db: Session, rt: Runtime, inv: Invoice) -> IssueRequest:
    return IssueRequest(
        request_no=request_no(inv),
        kind=InvoiceKind(inv.kind),
        buyer=Party(
            name=buyer_name(rt, inv),
            tax_no=inv.buyer_tax_no,
            address=inv.buyer_address,
            phone=inv.buyer_phone,
            bank=inv.buyer_bank,
            account=inv.buyer_account,
        ),
        lines=tuple(
            Line(ITEM_NAME, i.quantity, i.amount_fen, reference=i.order_no)
            for i in items_of(db, inv)
        ),
        email=email_of(rt, inv),
        notify_url=rt.settings.public_url.rstrip("/")
        + NOTIFY_PATH.format(provider=rt.invoice.name),
    )


@task_handler(SUBMIT_TASK)
def _submit(rt: Runtime, payload: dict[str, Any]) -> None:
    with rt.sessions() as db:
        inv = db.get(Invoice, payload["invoice_id"])
        if inv is None or inv.status != InvoiceStatus.ISSUING or inv.attempt != payload["attempt"]:
            return
        request = _issue_request(db, rt, inv)
    rt.invoice.submit(request)  # outside any transaction; raising retries the task


class ResultPending(Exception):
    """The service has no result yet: the query task is retried with backoff."""


@task_handler(QUERY_TASK)
def _query(rt: Runtime, payload: dict[str, Any]) -> None:
    with rt.sessions() as db:
        inv = db.get(Invoice, payload["invoice_id"])
        if inv is None or inv.status != InvoiceStatus.ISSUING or inv.attempt != payload["attempt"]:
            return
        number = request_no(inv)
    result = rt.invoice.query(number)
    if result.state is ResultState.PROCESSING:
        raise ResultPending(number)
    with rt.sessions() as db:
        apply_result(db, rt, result)
        db.commit()


def handle_callback(db: Session, rt: Runtime, body: bytes, signature: str) -> None:
    """A signed result callback from the invoicing service (duplicates are no-ops)."""
    result = rt.invoice.verify_callback(body, signature)
    if result.state is not ResultState.PROCESSING:
        apply_result(db, rt, result)
        db.commit()


def _tell(
    db: Session,
    rt: Runtime,
    inv: Invoice,
    now: datetime,
    title: str,
    body: str,
    sms: tuple[SMSTemplate, dict[str, str]] | None,
) -> None:
    user = db.get(User, inv.user_id)
    assert user is not None
    notify(
        db,
        user=user,
        rt=rt,
        kind="invoice",
        title=title,
        body=body,
        now=now,
        sms=sms,
    )


def apply_result(db: Session, rt: Runtime, result: IssueResult) -> bool:
    """Settle the invoice ``result`` is about; returns whether anything changed."""
    invoice_id, _, attempt = result.request_no.rpartition("-")
    inv = db.scalars(select(Invoice).where(Invoice.id == invoice_id).with_for_update()).first()
    if inv is None:
        raise NotFound("发票申请不存在", code="invoice_not_found")
    if inv.status != InvoiceStatus.ISSUING or str(inv.attempt) != attempt:
        return False  # settled already (the callback and the query both came), or superseded
    now = rt.clock.now()
    actor = Actor("system", f"invoice:{inv.provider}")
    if result.state is ResultState.ISSUED:
        if result.pdf is None or result.xml is None:
            result = rt.invoice.query(result.request_no)  # the callback carries no files
        if result.pdf is None or result.xml is None or not result.invoice_no:
            raise InvoiceServiceUnavailable("开票服务未返回发票文件")
        inv.pdf_key = rt.storage.put(result.pdf, "application/pdf", "invoice").key
        inv.xml_key = rt.storage.put(result.xml, "application/xml", "invoice").key
        inv.invoice_no = result.invoice_no
        inv.issued_at = result.issued_at or now
        inv.failure_reason = None
        move_invoice(inv, InvoiceStatus.ISSUED)
        inv.updated_at = now
        _audit(db, now, actor, "invoice.issued", inv, invoice_no=inv.invoice_no)
        amount = yuan_figures(inv.amount_fen)
        _tell(
            db,
            rt,
            inv,
            now,
            "发票已开具",
            f"您申请的发票（{amount}元，抬头“{buyer_name(rt, inv)}”）已开具，"
            f"发票号码{inv.invoice_no}，可在“我的-我的发票”中下载。",
            (SMSTemplate.INVOICE_ISSUED, {"amount": amount, "invoice_no": inv.invoice_no}),
        )
        mail = email_of(rt, inv)
        if mail:
            _queue_email(db, rt, inv, mail)
        if inv.reverse_requested_at is not None:  # refunded while it was being issued
            enqueue(db, rt, REVERSE_TASK, {"invoice_id": inv.id})
    else:
        move_invoice(inv, InvoiceStatus.FAILED)
        inv.failure_reason = (result.reason or "开票失败")[:200]
        inv.updated_at = now
        _audit(db, now, actor, "invoice.failed", inv, reason=inv.failure_reason)
        _tell(
            db,
            rt,
            inv,
            now,
            "发票开具失败",
            f"您申请的发票（抬头“{buyer_name(rt, inv)}”）开具失败：{inv.failure_reason}。"
            "客服将尽快处理。",
            None,
        )
        if inv.reverse_requested_at is not None:
            _void(db, inv, "订单已退款", now, actor)
    return True


# ----------------------------------------------------------------------------- operators


def get(db: Session, invoice_id: str, *, lock: bool = False) -> Invoice:
    query = select(Invoice).where(Invoice.id == invoice_id)
    inv = db.scalars(query.with_for_update() if lock else query).first()
    if inv is None:
        raise NotFound("发票不存在", code="invoice_not_found")
    return inv


def list_all(
    db: Session, status: str | None = None, *, limit: int = 50, offset: int = 0
) -> list[Invoice]:
    query = select(Invoice).order_by(Invoice.created_at.desc(), Invoice.id)
    if status:
        query = query.where(Invoice.status == InvoiceStatus(status).value)
    return list(db.scalars(query.limit(limit).offset(offset)).all())


def retry(db: Session, rt: Runtime, invoice_id: str, actor: Actor) -> Invoice:
    """A failed invoice is requested again (a new request number)."""
    inv = get(db, invoice_id, lock=True)
    now = rt.clock.now()
    move_invoice(inv, InvoiceStatus.ISSUING)
    inv.attempt += 1
    inv.failure_reason = None
    inv.updated_at = now
    _audit(db, now, actor, "invoice.retried", inv, attempt=inv.attempt)
    _queue_request(db, rt, inv)
    db.commit()
    return inv


def _release(db: Session, inv: Invoice) -> None:
    for item in items_of(db, inv):
        item.live_order_id = None


def _void(
    db: Session,
    inv: Invoice,
    reason: str,
    now: datetime,
    actor: Actor,
    action: str = "invoice.voided",
) -> None:
    move_invoice(inv, InvoiceStatus.VOIDED)
    inv.void_reason = reason[:200]
    inv.updated_at = now
    _release(db, inv)
    _audit(db, now, actor, action, inv, reason=inv.void_reason)


def _request_reverse(db: Session, rt: Runtime, inv: Invoice, reason: str, actor: Actor) -> None:
    now = rt.clock.now()
    if inv.reverse_requested_at is None:
        inv.reverse_requested_at = now
        inv.reverse_reason = reason[:200]
        inv.updated_at = now
        _audit(db, now, actor, "invoice.reverse_requested", inv, reason=inv.reverse_reason)
        if inv.status == InvoiceStatus.ISSUED:
            enqueue(db, rt, REVERSE_TASK, {"invoice_id": inv.id})


def void(db: Session, rt: Runtime, invoice_id: str, reason: str, actor: Actor) -> Invoice:
    """An operator voids an invoice: a failed one is dropped (its orders may be invoiced
    again); an issued one is reversed by a red-letter invoice."""
    inv = get(db, invoice_id, lock=True)
    status = InvoiceStatus(inv.status)
    if status is InvoiceStatus.ISSUED:
        _request_reverse(db, rt, inv, reason, actor)
    else:
        _void(db, inv, reason, rt.clock.now(), actor)  # raises unless 开票失败
    db.commit()
    return inv


def on_refunded(db: Session, rt: Runtime, order: Order, now: datetime) -> None:
    """A completed order's payment went back: its invoice must not stand."""
    item = db.scalars(select(InvoiceItem).where(InvoiceItem.live_order_id == order.id)).first()
    if item is None:
        return
    inv = get(db, item.invoice_id, lock=True)
    actor = Actor("system", "refund")
    reason = f"订单{order.order_no}已退款"
    if inv.status == InvoiceStatus.FAILED:
        _void(db, inv, reason, now, actor)
    else:  # issued: reverse now; issuing: reverse once issued (see apply_result)
        _request_reverse(db, rt, inv, reason, actor)


payments.refunded_listeners.append(on_refunded)


@task_handler(REVERSE_TASK)
def _reverse(rt: Runtime, payload: dict[str, Any]) -> None:
    with rt.sessions() as db:
        inv = db.get(Invoice, payload["invoice_id"])
        if inv is None or inv.status != InvoiceStatus.ISSUED or inv.invoice_no is None:
            return
        original, reason = inv.invoice_no, inv.reverse_reason or "冲销"
    # Idempotent by request number, so a retried task never issues two red invoices.
    result = rt.invoice.red_letter(f"{payload['invoice_id']}-R", original, reason)
    if result.pdf is None or not result.invoice_no:
        raise InvoiceServiceUnavailable("开票服务未返回红字发票")  # the task is retried
    with rt.sessions() as db:
        inv = get(db, payload["invoice_id"], lock=True)
        if inv.status != InvoiceStatus.ISSUED:
            return
        now = rt.clock.now()
        inv.red_invoice_no = result.invoice_no
        inv.red_pdf_key = rt.storage.put(result.pdf, "application/pdf", "invoice").key
        inv.reversed_at = now
        inv.updated_at = now
        move_invoice(inv, InvoiceStatus.REVERSED)
        _release(db, inv)
        _audit(
            db,
            now,
            Actor("system", f"invoice:{inv.provider}"),
            "invoice.reversed",
            inv,
            red_invoice_no=inv.red_invoice_no,
        )
        orders = "、".join(i.order_no for i in items_of(db, inv))
        _tell(
            db,
            rt,
            inv,
            now,
            "发票已红冲",
            f"{inv.reverse_reason or '发票已冲销'}，发票{inv.invoice_no}已开具红字发票"
            f"{inv.red_invoice_no}冲销（订单{orders}）。",
            (SMSTemplate.INVOICE_REVERSED, {"order_no": orders, "invoice_no": original}),
        )
        db.commit()


# ----------------------------------------------------------------------------- holder


def list_own(db: Session, user: User) -> list[Invoice]:
    return list(
        db.scalars(
            select(Invoice)
            .where(Invoice.user_id == user.id)
            .order_by(Invoice.created_at.desc(), Invoice.id)
        ).all()
    )


def get_own(db: Session, user: User, invoice_id: str) -> Invoice:
    inv = db.get(Invoice, invoice_id)
    if inv is None or inv.user_id != user.id:
        raise NotFound("发票不存在", code="invoice_not_found")
    return inv


def invoiced_orders(db: Session, user: User) -> dict[str, Invoice]:
    """The holder's orders that have a live invoice, with it (for 申请开票 buttons)."""
    rows = db.execute(
        select(InvoiceItem.live_order_id, Invoice)
        .join(Invoice, Invoice.id == InvoiceItem.invoice_id)
        .where(Invoice.user_id == user.id, InvoiceItem.live_order_id.is_not(None))
    ).all()
    return {str(order_id): inv for order_id, inv in rows}


FILES = {"pdf": "application/pdf", "xml": "application/xml", "red-pdf": "application/pdf"}


def document(rt: Runtime, inv: Invoice, which: str) -> tuple[bytes, str, str]:
    """(data, content type, file name) of an issued invoice's PDF, XML or red-letter PDF."""
    key = {"pdf": inv.pdf_key, "xml": inv.xml_key, "red-pdf": inv.red_pdf_key}.get(which)
    if key is None:
        raise Conflict("发票尚未开具", code="invoice_not_issued")
    number = inv.red_invoice_no if which == "red-pdf" else inv.invoice_no
    ext = "xml" if which == "xml" else "pdf"
    return rt.storage.get(key), FILES[which], f"{number}.{ext}"


WITHDRAWN_REASON = "申请人撤回"


def withdraw(db: Session, rt: Runtime, user: User, invoice_id: str) -> Invoice:
    """The holder withdraws a failed application (开票失败 → 已作废): its orders are free
    for a new application, e.g. with a corrected title."""
    inv = get(db, invoice_id, lock=True)
    if inv.user_id != user.id:
        raise NotFound("发票不存在", code="invoice_not_found")
    if inv.status != InvoiceStatus.FAILED:
        raise Conflict("只有开票失败的申请可以撤回", code="invoice_not_withdrawable")
    now = rt.clock.now()
    _void(db, inv, WITHDRAWN_REASON, now, Actor("user", user.id), "invoice.withdrawn")
    db.commit()
    return inv


def resend(db: Session, rt: Runtime, user: User, invoice_id: str, email: str | None) -> Invoice:
    inv = get_own(db, user, invoice_id)
    if inv.status not in (InvoiceStatus.ISSUED, InvoiceStatus.REVERSED):
        raise Conflict("发票尚未开具", code="invoice_not_issued")
    to = validate_email(email) if email and email.strip() else email_of(rt, inv)
    if to is None:
        raise InvalidInput("请填写接收发票的邮箱", code="email_invalid")
    _queue_email(db, rt, inv, to)
    _audit(db, rt.clock.now(), Actor("user", user.id), "invoice.resent", inv)
    db.commit()
    return inv


@task_handler(EMAIL_TASK)
def _email(rt: Runtime, payload: dict[str, Any]) -> None:
    with rt.sessions() as db:
        inv = db.get(Invoice, payload["invoice_id"])
        if inv is None or inv.pdf_key is None or inv.xml_key is None:
            return
        pdf, xml = rt.storage.get(inv.pdf_key), rt.storage.get(inv.xml_key)
        number, buyer, amount = inv.invoice_no, buyer_name(rt, inv), yuan_figures(inv.amount_fen)
    to = rt.cipher.decrypt(payload["to"], aad=_TASK_EMAIL_AAD)
    product = rt.settings.product_name
    rt.email.send(
        to,
        f"【{product}】电子发票 {number}",
        f"您好，{buyer}：\n\n附件是您的电子发票（发票号码{number}，价税合计{amount}元），"
        f"含PDF版式文件和XML数据文件。\n\n{product}",
        [
            Attachment(f"{number}.pdf", "application/pdf", pdf),
            Attachment(f"{number}.xml", "application/xml", xml),
        ],
    )
