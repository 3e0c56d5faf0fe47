"""Applications and orders: create, submit, correct and resubmit, cancel, close, pay.

Personal applications need only a verified identity and go straight to 待支付; company
applications carry documents and wait for a CA operator's review. A paid order is
announced to :data:`paid_listeners`; the certificate domain subscribes there and creates the
certificate to download. This module never imports the certificate domain (``cert`` depends
on ``order``, not the other way round). Side effects (SMS, trades) run after the status write.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.account.service import user_phone
from mcert.audit.service import Actor, record
from mcert.db.base import lock_row
from mcert.errors import Conflict, DomainError, InvalidInput, NotFound
from mcert.ident import validate_uscc
from mcert.notify.service import notify
from mcert.order import payments, products
from mcert.order.models import Order, OrderDocument, PaymentAttempt
from mcert.order.states import OrderKind, OrderStatus, PaymentStatus, move_order
from mcert.org import service as orgs
from mcert.org.models import Organization
from mcert.org.states import MemberStatus
from mcert.pii import mask_name
from mcert.providers.payment import (
    Notification,
    PaymentNotificationInvalid,
    Trade,
    TradeAlreadyPaid,
    TradeClosed,
    TradeState,
)
from mcert.providers.realname import validate_person_name
from mcert.providers.sms import SMSTemplate
from mcert.realname.service import identity_of, require_identity
from mcert.realname.service import view as identity_view
from mcert.runtime import Runtime
from mcert.text import TextInvalid, clean_company_name
from mcert.uploads import CleanFile, UploadKind, clean_upload, policy_for

log = logging.getLogger(__name__)

# Listeners told, inside the transaction and under the order's row lock, that an order has
# been paid (or was free): the certificate domain registers its fulfilment here
# (:func:`mcert.cert.service.fulfil` makes the certificate waiting for download). Importing
# :mod:`mcert.flows` connects every listener; completing an order with none registered is a
# wiring bug and raises rather than taking the money without a certificate.
PaidListener = Callable[[Session, Runtime, Order, datetime], object]
paid_listeners: list[PaidListener] = []

# Listeners told, inside the transaction and under the order's row lock, that an order
# waiting for payment ended unpaid: closed after ``MCERT_ORDER_PAY_MINUTES`` (reason
# ``order_closed``) or cancelled (``order_cancelled``). The seal domain registers here: an
# unpaid seal application ends with its order.
UnpaidEndListener = Callable[[Session, Runtime, Order, str, datetime], object]
unpaid_end_listeners: list[UnpaidEndListener] = []

DOC_LICENCE = "business_licence"
DOC_AUTHORIZATION = "authorization_letter"
DOC_CHANGE = "change_proof"
DOC_KINDS = frozenset({DOC_LICENCE, DOC_AUTHORIZATION, DOC_CHANGE})

KIND_LABEL = {
    (OrderKind.NEW, "personal"): "个人证书",
    (OrderKind.NEW, "org"): "单位证书",
    (OrderKind.RENEWAL, "personal"): "个人证书延期",
    (OrderKind.RENEWAL, "org"): "单位证书延期",
    (OrderKind.CHANGE, "org"): "单位证书变更",
    (OrderKind.REISSUE, "personal"): "个人证书补办",
    (OrderKind.REISSUE, "org"): "单位证书补办",
    (OrderKind.CLAIM, "org"): "单位证书申领",
    (OrderKind.PREPAY, "org"): "单位证书预付",
    (OrderKind.SEAL, "personal"): "电子印章",
    (OrderKind.SEAL, "org"): "电子印章",
}


class OrderNotFound(NotFound):
    code = "order_not_found"
    default_message = "订单不存在"


class OrgAlreadyVerified(Conflict):
    """A second employee applying for a verified company: the details name the company's
    admins (masked) so the app can say whom to ask, or that an invitation is waiting."""

    code = "org_already_verified"
    default_message = "该单位已完成认证，无需重复提交材料，请联系单位的证书管理员为您授权"


class DocumentMissing(InvalidInput):
    code = "document_missing"
    default_message = "请上传必需的材料"


class CompanyNameInvalid(InvalidInput):
    code = "company_name_invalid"
    default_message = "请输入正确的单位名称"


class PaymentMismatch(InvalidInput):
    code = "payment_mismatch"
    default_message = "支付通知与订单不符"


@dataclass(frozen=True)
class Upload:
    """A document as received; ``clean`` once :func:`clean_documents` has checked it."""

    kind: str
    data: bytes
    filename: str | None
    clean: CleanFile | None = None


def clean_documents(rt: Runtime, uploads: list[Upload]) -> list[Upload]:
    """Check and re-encode every document, before any transaction starts: decoding an image
    takes seconds and tens of MB, and must not hold a database lock meanwhile. One bad file
    rejects the submission and stores nothing."""
    policy = policy_for(UploadKind.DOCUMENT, rt.settings)
    cleaned = []
    for up in uploads:
        if up.kind not in DOC_KINDS:
            raise InvalidInput(
                "未知的材料类型", code="document_kind_invalid", details={"kind": up.kind}
            )
        if up.clean is None:
            clean = clean_upload(up.data, policy, filename=up.filename, slots=rt.image_slots)
            up = Upload(up.kind, b"", up.filename, clean)
        cleaned.append(up)
    return cleaned


def label(order: Order) -> str:
    return KIND_LABEL.get((OrderKind(order.kind), order.cert_type), "证书")


def _order_no(now: datetime) -> str:
    return f"MC{now:%Y%m%d%H%M%S}{secrets.randbelow(10**6):06d}"


def _new_order(
    rt: Runtime,
    user: User,
    kind: OrderKind,
    cert_type: str,
    years: int,
    now: datetime,
    status: OrderStatus = OrderStatus.PENDING_REVIEW,
) -> Order:
    """A new order in its first status: 待审核, or 待支付 for the kinds without review."""
    prices = products.load(rt.settings.products_json)
    return Order(
        order_no=_order_no(now),
        user_id=user.id,
        kind=kind.value,
        cert_type=cert_type,
        years=years,
        amount_fen=products.price(prices, kind.value, cert_type, years),
        status=status.value,
        version=1,
        created_at=now,
        updated_at=now,
    )


def _awaiting_payment(rt: Runtime, order: Order, now: datetime) -> None:
    order.pay_deadline = now + timedelta(minutes=rt.settings.order_pay_minutes)


def _audit(
    db: Session, order: Order, action: str, actor: Actor, now: datetime, **details: object
) -> None:
    record(
        db,
        at=now,
        actor=actor,
        action=action,
        target_type="order",
        target_id=order.id,
        details={"order_no": order.order_no, "kind": order.kind, "status": order.status, **details},
    )


def create_personal(db: Session, rt: Runtime, user: User, years: int) -> Order:
    """个人证书: real-name verification is enough — no manual review."""
    now = rt.clock.now()
    require_identity(db, rt, user)
    order = _new_order(rt, user, OrderKind.NEW, "personal", years, now, OrderStatus.PENDING_PAYMENT)
    order.submitted_at = now
    _awaiting_payment(rt, order, now)
    db.add(order)
    db.flush()
    _audit(db, order, "order.created", Actor("user", user.id), now, amount_fen=order.amount_fen)
    db.commit()
    return order


def _store_documents(
    db: Session, rt: Runtime, order: Order, uploads: list[Upload], now: datetime
) -> None:
    cleaned = [(up.kind, up.clean) for up in clean_documents(rt, uploads) if up.clean]
    kinds = {k for k, _ in cleaned}
    existing = db.scalars(
        select(OrderDocument).where(
            OrderDocument.order_id == order.id, OrderDocument.superseded_at.is_(None)
        )
    ).all()
    for doc in existing:
        if doc.kind in kinds:
            doc.superseded_at = now
    for kind, clean in cleaned:
        stored = rt.storage.put(clean.data, clean.content_type, f"doc_{kind}")
        db.add(
            OrderDocument(
                order_id=order.id,
                kind=kind,
                object_key=stored.key,
                content_type=clean.content_type,
                size=clean.size,
                sha256=hashlib.sha256(clean.data).hexdigest(),
                filename=clean.filename,
                uploaded_at=now,
            )
        )
    db.flush()


def current_documents(db: Session, order: Order) -> list[OrderDocument]:
    return list(
        db.scalars(
            select(OrderDocument)
            .where(OrderDocument.order_id == order.id, OrderDocument.superseded_at.is_(None))
            .order_by(OrderDocument.uploaded_at)
        ).all()
    )


def _require_documents(db: Session, order: Order, required: set[str]) -> None:
    have = {d.kind for d in current_documents(db, order)}
    missing = sorted(required - have)
    if missing:
        names = {DOC_LICENCE: "营业执照", DOC_AUTHORIZATION: "授权委托书", DOC_CHANGE: "变更证明"}
        raise DocumentMissing(
            "请上传" + "、".join(names[m] for m in missing), details={"missing": missing}
        )


def _company_name(name: str) -> str:
    # Goes into certificates (O): normalised like a person's name, visible characters only.
    try:
        return clean_company_name(name, field="company_name")
    except TextInvalid as exc:
        raise CompanyNameInvalid(exc.message, details=exc.details) from None


def create_company(
    db: Session,
    rt: Runtime,
    user: User,
    *,
    years: int,
    company_name: str,
    uscc: str,
    legal_rep_name: str,
    applicant_is_legal_rep: bool,
    documents: list[Upload],
) -> Order:
    """单位证书: documents → 待审核. A USCC that is already verified is pointed elsewhere."""
    documents = clean_documents(rt, documents)
    now = rt.clock.now()
    ident = require_identity(db, rt, user)
    uscc = validate_uscc(uscc)
    company_name = _company_name(company_name)
    legal_rep_name = validate_person_name(legal_rep_name)
    if applicant_is_legal_rep and legal_rep_name != ident.name:
        raise InvalidInput("您的实名信息与法定代表人姓名不一致", code="legal_rep_mismatch")
    org_id = orgs.verified_id(db, uscc)
    if org_id:
        raise _already_verified(db, rt, user, org_id, uscc)
    order = _new_order(rt, user, OrderKind.NEW, "org", years, now)
    order.company_name = company_name
    order.uscc = uscc
    order.legal_rep_name_enc = rt.cipher.encrypt(legal_rep_name, aad=f"order:{order.order_no}")
    order.applicant_is_legal_rep = applicant_is_legal_rep
    order.submitted_at = now
    db.add(order)
    db.flush()
    _store_documents(db, rt, order, documents, now)
    _require_documents(db, order, _required_docs(order))
    _audit(
        db,
        order,
        "order.submitted",
        Actor("user", user.id),
        now,
        company=company_name,
        uscc=uscc,
        legal_rep=mask_name(legal_rep_name),
    )
    db.commit()
    return order


def _already_verified(
    db: Session, rt: Runtime, user: User, org_id: str, uscc: str
) -> OrgAlreadyVerified:
    """The dead end made a path: whom to ask (the admins' masked names), or that this
    person is invited already (claim under 证书-待申领的证书) or a member."""
    admins = []
    for member in orgs.admins(db, org_id):
        admin = db.get(User, member.user_id) if member.user_id else None
        identity = identity_of(db, admin) if admin else None
        if admin is not None and identity is not None:
            admins.append(mask_name(identity_view(rt, admin, identity).name))
    mine = orgs.by_phone(db, org_id, user.phone_bidx)
    status = mine.status if mine is not None else None
    details: dict[str, object] = {"uscc": uscc, "admins": admins, "membership": status}
    if status == MemberStatus.INVITED:
        return OrgAlreadyVerified(
            "您已获得该单位的授权，请在“证书-待申领的证书”中申领单位证书，无需重复提交材料",
            details=details,
        )
    if status == MemberStatus.ACTIVE:
        return OrgAlreadyVerified(
            "您已是该单位的授权成员，请在“证书-待申领的证书”中申领单位证书", details=details
        )
    who = f"（{'、'.join(admins)}）" if admins else ""
    return OrgAlreadyVerified(
        f"该单位已完成认证，无需重复提交材料，请联系单位的证书管理员{who}为您授权",
        details=details,
    )


def _required_docs(order: Order) -> set[str]:
    if order.kind == OrderKind.CHANGE:
        return {DOC_CHANGE}
    return {DOC_LICENCE} | (set() if order.applicant_is_legal_rep else {DOC_AUTHORIZATION})


def create_change(
    db: Session,
    rt: Runtime,
    user: User,
    *,
    org: Organization,
    target_cert_id: str,
    new_name: str,
    documents: list[Upload],
) -> Order:
    now = rt.clock.now()
    new_name = _company_name(new_name)
    if new_name == org.name:
        raise InvalidInput("新单位名称与当前名称相同", code="company_name_unchanged")
    order = _new_order(rt, user, OrderKind.CHANGE, "org", 0, now)
    order.org_id = org.id
    order.company_name = new_name
    order.uscc = org.uscc
    order.target_cert_id = target_cert_id
    order.submitted_at = now
    db.add(order)
    db.flush()
    _store_documents(db, rt, order, documents, now)
    _require_documents(db, order, _required_docs(order))
    _audit(
        db,
        order,
        "order.submitted",
        Actor("user", user.id),
        now,
        old_name=org.name,
        new_name=new_name,
    )
    db.commit()
    return order


def create_paid_kind(
    db: Session,
    rt: Runtime,
    user: User,
    *,
    kind: OrderKind,
    cert_type: str,
    years: int,
    target_cert_id: str,
    org_id: str | None,
) -> Order:
    """Renewal and reissue: no review; payment next (or done at once when free)."""
    now = rt.clock.now()
    order = _new_order(rt, user, kind, cert_type, years, now, OrderStatus.PENDING_PAYMENT)
    order.target_cert_id = target_cert_id
    order.org_id = org_id
    order.submitted_at = now
    _awaiting_payment(rt, order, now)
    db.add(order)
    db.flush()
    _audit(
        db,
        order,
        "order.created",
        Actor("user", user.id),
        now,
        amount_fen=order.amount_fen,
        target=target_cert_id,
    )
    if order.amount_fen == 0:
        _complete(db, rt, order, now, trade_no=None, source="free")
    db.commit()
    return order


def create_claim(
    db: Session, rt: Runtime, user: User, *, org: Organization, years: int, prepaid: bool
) -> Order:
    """待申领的证书: an authorised member's company certificate, without document review.

    Payment next; when the company's admin prepaid it, free and fulfilled at once. Runs in
    the caller's transaction (the membership moves with it); the caller commits.
    """
    now = rt.clock.now()
    order = _new_company_order(
        db, rt, user, OrderKind.CLAIM, org, years, now, free=prepaid, prepaid=prepaid
    )
    if order.amount_fen == 0:
        _complete(db, rt, order, now, trade_no=None, source="prepaid" if prepaid else "free")
    return order


def create_prepay(
    db: Session, rt: Runtime, admin: User, *, org: Organization, years: int, member_id: str
) -> Order:
    """An admin's prepayment, when inviting, for the certificate a member will claim.

    Paid like any order (the sandbox cashier); paying it issues nothing: the member's claim
    then costs nothing. Runs in the caller's transaction; the caller commits.
    """
    now = rt.clock.now()
    return _new_company_order(
        db, rt, admin, OrderKind.PREPAY, org, years, now, free=False, member=member_id
    )


def _new_company_order(
    db: Session,
    rt: Runtime,
    user: User,
    kind: OrderKind,
    org: Organization,
    years: int,
    now: datetime,
    *,
    free: bool,
    **audit_details: object,
) -> Order:
    """A company order awaiting payment (a claim or a prepayment), added and audited."""
    order = _new_order(rt, user, kind, "org", years, now, OrderStatus.PENDING_PAYMENT)
    order.org_id, order.company_name, order.uscc = org.id, org.name, org.uscc
    if free:
        order.amount_fen = 0
    order.submitted_at = now
    _awaiting_payment(rt, order, now)
    db.add(order)
    db.flush()
    _audit(
        db,
        order,
        "order.created",
        Actor("user", user.id),
        now,
        amount_fen=order.amount_fen,
        org=org.id,
        **audit_details,
    )
    return order


def create_seal_order(
    db: Session,
    rt: Runtime,
    user: User,
    *,
    amount_fen: int,
    cert_type: str,
    org_id: str | None,
) -> Order:
    """A priced seal application's order (电子印章), waiting for payment: no review of its
    own (the seal is reviewed once paid). Runs in the caller's transaction; the caller
    commits. It has no ``target_cert_id``: it does not act on the certificate (a seal order
    must not hold up the certificate's renewal or reissue); the seal names its order."""
    now = rt.clock.now()
    order = Order(
        order_no=_order_no(now),
        user_id=user.id,
        kind=OrderKind.SEAL.value,
        cert_type=cert_type,
        years=0,
        amount_fen=amount_fen,
        status=OrderStatus.PENDING_PAYMENT.value,
        version=1,
        org_id=org_id,
        submitted_at=now,
        created_at=now,
        updated_at=now,
    )
    _awaiting_payment(rt, order, now)
    db.add(order)
    db.flush()
    _audit(
        db,
        order,
        "order.created",
        Actor("user", user.id),
        now,
        amount_fen=order.amount_fen,
    )
    return order


def cancel_unpaid(
    db: Session, rt: Runtime, order_id: str, *, reason: str, actor: Actor, now: datetime
) -> bool:
    """Cancel an order still waiting for payment because what it pays for is gone (a seal
    application voided before payment). Inside the caller's transaction; an open trade
    left at the gateway that is paid after all is refunded as a late payment."""
    order = lock_row(db, Order, order_id)
    if order is None or order.status != OrderStatus.PENDING_PAYMENT:
        return False
    move_order(order, OrderStatus.CANCELLED)
    order.closed_at = order.updated_at = now
    _audit(db, order, "order.cancelled", actor, now, reason=reason)
    _unpaid_end(db, rt, order, payments.REASON_CANCELLED, now)
    return True


def _unpaid_end(db: Session, rt: Runtime, order: Order, reason: str, now: datetime) -> None:
    for listener in unpaid_end_listeners:
        listener(db, rt, order, reason, now)


@dataclass
class Withdrawn:
    """What :func:`withdraw_member_orders` left to do once its transaction commits."""

    cancelled: list[str]  # orders whose open gateway trades are to be closed
    refunds: list[str]  # refunds to submit to the gateway


def withdraw_member_orders(
    db: Session,
    rt: Runtime,
    *,
    org_id: str,
    user_id: str | None,
    prepay_order_id: str | None,
    actor: Actor,
) -> Withdrawn:
    """A member's authorisation is revoked: their unpaid claim is cancelled, an admin's
    prepayment for them cancelled if unpaid or refunded if paid and unused. Inside the
    caller's transaction; after its commit call :func:`finish_withdrawal`."""
    now = rt.clock.now()
    ids = list(
        db.scalars(
            select(Order.id).where(
                Order.org_id == org_id,
                Order.user_id == user_id,
                Order.kind == OrderKind.CLAIM,
                Order.status == OrderStatus.PENDING_PAYMENT,
            )
        ).all()
        if user_id
        else []
    )
    if prepay_order_id:
        ids.append(prepay_order_id)
    done = Withdrawn([], [])
    for order_id in ids:
        order = lock_row(db, Order, order_id)
        assert order is not None
        if order.status == OrderStatus.PENDING_PAYMENT:
            move_order(order, OrderStatus.CANCELLED)
            order.closed_at = order.updated_at = now
            _audit(db, order, "order.cancelled", actor, now, reason="member_revoked")
            if order.trade_no:
                done.cancelled.append(order.id)
        elif order.status == OrderStatus.COMPLETED and order.kind == OrderKind.PREPAY:
            done.refunds.append(
                payments.refund_paid(
                    db, rt, order, now, reason=payments.REASON_PREPAY_UNUSED, actor=actor
                ).id
            )
    return done


def finish_withdrawal(db: Session, rt: Runtime, done: Withdrawn) -> None:
    for order_id in done.cancelled:
        payments.close_open_attempts(db, rt, order_id)
    for refund_id in done.refunds:
        payments.submit_refund(db, rt, refund_id)


def open_claim(db: Session, user_id: str, org_id: str) -> Order | None:
    """The member's claim waiting for payment, if any."""
    return db.scalars(
        select(Order).where(
            Order.org_id == org_id,
            Order.user_id == user_id,
            Order.kind == OrderKind.CLAIM,
            Order.status == OrderStatus.PENDING_PAYMENT,
        )
    ).first()


def get_own(db: Session, user: User, order_id: str, *, lock: bool = False) -> Order:
    order = lock_row(db, Order, order_id) if lock else db.get(Order, order_id)
    if order is None or order.user_id != user.id:
        raise OrderNotFound()
    return order


def resubmit(
    db: Session,
    rt: Runtime,
    user: User,
    order_id: str,
    *,
    company_name: str | None,
    legal_rep_name: str | None,
    applicant_is_legal_rep: bool | None,
    documents: list[Upload],
) -> Order:
    """未通过 → 待审核 after the holder corrected what the reviewer named."""
    documents = clean_documents(rt, documents)
    now = rt.clock.now()
    order = get_own(db, user, order_id, lock=True)
    move_order(order, OrderStatus.PENDING_REVIEW)
    if company_name is not None:
        order.company_name = _company_name(company_name)
    if legal_rep_name is not None:
        order.legal_rep_name_enc = rt.cipher.encrypt(
            validate_person_name(legal_rep_name), aad=f"order:{order.order_no}"
        )
    if applicant_is_legal_rep is not None:
        order.applicant_is_legal_rep = applicant_is_legal_rep
    _store_documents(db, rt, order, documents, now)
    _require_documents(db, order, _required_docs(order))
    order.submitted_at = now
    order.updated_at = now
    _audit(
        db,
        order,
        "order.resubmitted",
        Actor("user", user.id),
        now,
        previous_reason=order.reject_reason,
    )
    order.reject_reason = None  # kept in the audit log; an order under review has no reason
    db.commit()
    return order


def cancel(db: Session, rt: Runtime, user: User, order_id: str) -> Order:
    now = rt.clock.now()
    order = get_own(db, user, order_id, lock=True)
    # Paid in the cashier a moment ago, the notification not here yet: it is paid, not
    # cancellable (an illegal move from 已完成 below).
    refresh_payment(db, rt, order)
    move_order(order, OrderStatus.CANCELLED)
    order.closed_at = now
    order.updated_at = now
    _audit(db, order, "order.cancelled", Actor("user", user.id), now)
    _unpaid_end(db, rt, order, payments.REASON_CANCELLED, now)
    db.commit()
    if order.trade_no:
        payments.close_open_attempts(db, rt, order.id)
    return order


def close_if_overdue(db: Session, rt: Runtime, order: Order, now: datetime) -> bool:
    if (
        order.status != OrderStatus.PENDING_PAYMENT
        or order.pay_deadline is None
        or now < order.pay_deadline
    ):
        return False
    # The trade may have been paid without the notification arriving: ask first.
    if order.trade_no and refresh_payment(db, rt, order):
        return False
    move_order(order, OrderStatus.CLOSED)
    order.closed_at = now
    order.updated_at = now
    _audit(db, order, "order.closed", Actor.system("jobs"), now, reason="unpaid")
    _unpaid_end(db, rt, order, payments.REASON_CLOSED, now)
    db.commit()
    if order.trade_no:
        payments.close_open_attempts(db, rt, order.id)
    return True


def close_overdue(db: Session, rt: Runtime) -> int:
    now = rt.clock.now()
    ids = db.scalars(
        select(Order.id).where(
            Order.status == OrderStatus.PENDING_PAYMENT, Order.pay_deadline <= now
        )
    ).all()
    closed = 0
    for order_id in ids:
        order = lock_row(db, Order, order_id)
        if order is not None and close_if_overdue(db, rt, order, now):
            closed += 1
    return closed


# ----------------------------------------------------------------------------- payment


def start_payment(db: Session, rt: Runtime, user: User, order_id: str) -> str:
    """Create (or reuse) the gateway trade; returns the cashier URL."""
    now = rt.clock.now()
    order = get_own(db, user, order_id, lock=True)
    if close_if_overdue(db, rt, order, now):
        raise Conflict("订单已超时关闭，请重新下单", code="order_closed")
    if order.status != OrderStatus.PENDING_PAYMENT:
        raise Conflict(
            "订单当前无需支付", code="order_not_payable", details={"status": order.status}
        )
    base = rt.settings.public_url.rstrip("/")

    def create_trade(attempt: PaymentAttempt) -> Trade:
        return rt.payment.create_trade(
            attempt.out_trade_no,
            attempt.amount_fen,
            f"{rt.settings.product_name} {label(order)}",
            f"{base}/api/payments/notify/{rt.payment.name}",
            f"{base}/orders/{order.id}",
        )

    attempt = payments.current_attempt(db, order)
    if attempt is not None and attempt.status == PaymentStatus.OPEN:
        try:  # the same open trade again (the holder left the cashier and came back)
            trade = create_trade(attempt)
            db.commit()
            return trade.cashier_url
        except TradeClosed:  # 取消支付, risk control or the gateway's timeout
            payments.close_attempt(attempt, now)
        except TradeAlreadyPaid:
            if refresh_payment(db, rt, order):
                raise Conflict("订单已支付", code="order_already_paid") from None
            raise
    attempt = payments.new_attempt(db, order, now)
    trade = create_trade(attempt)
    attempt.trade_no = order.trade_no = trade.trade_no
    order.updated_at = now
    _audit(
        db,
        order,
        "order.payment_started",
        Actor("user", user.id),
        now,
        out_trade_no=attempt.out_trade_no,
        trade_no=trade.trade_no,
        attempt=attempt.seq,
    )
    db.commit()
    return trade.cashier_url


def handle_notification(db: Session, rt: Runtime, params: dict[str, str]) -> None:
    """Verify an asynchronous payment notification; duplicates and stale ones are no-ops."""
    now = rt.clock.now()
    try:
        note = rt.payment.verify_notification(params)
    except PaymentNotificationInvalid as exc:
        # Unsigned, anyone could have sent it: a metric and a security event, not an audit
        # row (the audit chain records state changes; a signed mismatch below is audited).
        reason = str(exc.details.get("reason", exc.code))
        rt.metrics.payment_notifications_rejected.labels(rt.payment.name, reason).inc()
        rt.metrics.payment_notifications.labels(rt.payment.name, "rejected").inc()
        rt.metrics.security_event(
            "payment.notification_rejected",
            provider=rt.payment.name,
            reason=reason,
            out_trade_no=params.get("out_trade_no", "")[:64],
        )
        raise
    attempt = payments.by_out_trade_no(db, note.out_trade_no)
    order = (
        db.scalars(select(Order).where(Order.id == attempt.order_id).with_for_update()).first()
        if attempt
        else None
    )
    problem = _mismatch(attempt, note)
    if problem is not None:
        record(
            db,
            at=now,
            actor=Actor("gateway", rt.payment.name),
            action="payment.notification_rejected",
            target_type="order",
            target_id=order.id if order else note.out_trade_no[:64],
            details={"reason": problem, "notify_id": note.notify_id},
        )
        db.commit()
        rt.metrics.payment_notifications.labels(rt.payment.name, "mismatch").inc()
        raise PaymentMismatch(details={"reason": problem})
    assert order is not None
    assert attempt is not None
    db.refresh(attempt, with_for_update=True)  # read again under the order's lock
    if note.status is not TradeState.TRADE_SUCCESS:
        db.rollback()  # a WAIT/CLOSED notice: nothing to change
        rt.metrics.payment_notifications.labels(rt.payment.name, "not_success").inc()
        return
    if attempt.status == PaymentStatus.PAID:
        payments.count_duplicate(attempt, note.notify_id)  # idempotent: counted, no effect
        db.commit()
        rt.metrics.payment_notifications.labels(rt.payment.name, "duplicate").inc()
        return
    current = payments.current_attempt(db, order)
    if (
        order.status == OrderStatus.PENDING_PAYMENT
        and attempt.status == PaymentStatus.OPEN
        and current is not None
        and current.id == attempt.id
    ):
        _complete(
            db, rt, order, now, trade_no=note.trade_no, source="notification", attempt=attempt
        )
        db.commit()
        rt.metrics.payment_notifications.labels(rt.payment.name, "paid").inc()
        return
    # Paid after the order closed or was cancelled, or on a superseded attempt: refund.
    refund = payments.late_payment(
        db, rt, order, attempt, now, trade_no=note.trade_no, actor=Actor("gateway", rt.payment.name)
    )
    db.commit()
    rt.metrics.payment_notifications.labels(rt.payment.name, "late_refund").inc()
    payments.submit_refund(db, rt, refund.id)


def _mismatch(attempt: PaymentAttempt | None, note: Notification) -> str | None:
    if attempt is None:
        return "unknown_order"
    if note.amount_fen != attempt.amount_fen:
        return "amount"
    if attempt.trade_no and note.trade_no != attempt.trade_no:
        return "trade_no"
    return None


def refresh_payment(db: Session, rt: Runtime, order: Order) -> bool:
    """Ask the gateway about an unpaid order (the notification may never have come).

    A paid trade completes the order (committed: True); a closed one closes its attempt.
    """
    if order.status != OrderStatus.PENDING_PAYMENT or not order.trade_no:
        return False
    attempt = payments.current_attempt(db, order)
    if attempt is None or attempt.status != PaymentStatus.OPEN:
        return False
    try:
        status = rt.payment.query_trade(attempt.out_trade_no)
    except DomainError as exc:
        log.warning("query of %s failed: %s", attempt.out_trade_no, exc.code)
        return False
    if status.status is TradeState.TRADE_CLOSED:
        payments.close_attempt(attempt, rt.clock.now())  # 去支付 opens a new one
        db.commit()
        db.refresh(order, with_for_update=True)  # callers go on under the order's lock
        return False
    if status.status is not TradeState.TRADE_SUCCESS or status.amount_fen != attempt.amount_fen:
        return False
    _complete(
        db, rt, order, rt.clock.now(), trade_no=status.trade_no, source="query", attempt=attempt
    )
    db.commit()
    return True


def _complete(
    db: Session,
    rt: Runtime,
    order: Order,
    now: datetime,
    *,
    trade_no: str | None,
    source: str,
    attempt: PaymentAttempt | None = None,
) -> None:
    if not paid_listeners:
        raise RuntimeError("no fulfilment registered for paid orders: import mcert.flows")
    move_order(order, OrderStatus.COMPLETED)
    if attempt is not None and trade_no:
        payments.mark_paid(attempt, now, trade_no)
    order.paid_at = now
    order.updated_at = now
    if trade_no:
        order.trade_no = trade_no
    _audit(
        db,
        order,
        "order.paid",
        Actor.system(source),
        now,
        trade_no=trade_no,
        amount_fen=order.amount_fen,
    )
    user = db.get(User, order.user_id)
    assert user is not None
    phone = user_phone(rt, user)
    if order.amount_fen:
        amount = products.yuan(order.amount_fen)
        notify(
            db,
            user=user,
            phone=phone,
            rt=rt,
            kind="payment",
            now=now,
            title="支付成功",
            body=f"订单{order.order_no}已支付成功，金额{amount}元。",
            sms=(SMSTemplate.PAYMENT_RECEIVED, {"order_no": order.order_no, "amount": amount}),
        )
    if order.kind == OrderKind.PREPAY:
        # Paid for a member who has not claimed yet: the certificate comes with the claim.
        return
    for listener in paid_listeners:
        listener(db, rt, order, now)
    if order.kind == OrderKind.SEAL:
        return  # the seal goes to review; no certificate comes of it
    what = "单位证书" if order.kind == OrderKind.CLAIM else label(order)
    notify(
        db,
        user=user,
        phone=phone,
        rt=rt,
        kind="cert_ready",
        now=now,
        title="证书待下载",
        body=f"您的{what}已可下载，请在“证书-待下载”中设置证书密码并下载。",
        sms=(SMSTemplate.CERT_READY, {"what": what}),
    )
