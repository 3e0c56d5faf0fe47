"""The sandbox gateway object: trades, the cashier's pay and cancel, signed notifications.

:class:`SandboxPaymentGateway` is what the merchant side reaches through
:class:`~mcert.providers.payment.PaymentGateway` (registered as the ``sandbox`` payment
provider); refunds are delegated to :mod:`~mcert.providers.payment_sandbox.refunds`, and
:class:`DeliveryWorker` posts the outbox's notifications. The package docstring
(:mod:`mcert.providers.payment_sandbox`) lists the test data.

This module must never run in production (it accepts any buyer) and never mark a trade
paid except through the cashier's pay action.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mcert.clock import CHINA_TZ, Clock
from mcert.db.base import lock_row, new_id
from mcert.errors import InvalidInput
from mcert.providers.delivery import DeliveryWorker
from mcert.providers.payment import (
    Notification,
    PaymentGateway,
    PaymentNotificationInvalid,
    PaymentUnavailable,
    RefundNotification,
    RefundStatus,
    Trade,
    TradeAlreadyPaid,
    TradeClosed,
    TradeConflict,
    TradeNotFound,
    TradeState,
    TradeStatus,
    check_amount,
    fen_to_yuan,
    payment_providers,
    rsa2_sign,
    rsa2_verify,
    yuan_to_fen,
)
from mcert.providers.payment_sandbox import refunds
from mcert.providers.payment_sandbox.models import (
    DeliveryStatus,
    SandboxNotification,
    SandboxRefund,
    SandboxTrade,
    sandbox_tables,
)
from mcert.providers.payment_sandbox.states import move_notification, move_trade

__all__ = [
    "RETRY_DELAYS",
    "DeliveryStatus",
    "DeliveryWorker",
    "HTTPPoster",
    "PayOutcome",
    "SandboxNotification",
    "SandboxPaymentGateway",
    "SandboxRefund",
    "SandboxTrade",
    "sandbox_tables",
]

log = logging.getLogger(__name__)

RETRY_DELAYS = (
    timedelta(minutes=4),
    timedelta(minutes=10),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=15),
)
# How long a claimed notification is hidden from other deliverers while one POSTs it.
DELIVERY_LEASE = timedelta(seconds=60)
_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_OUT_TRADE_NO_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
TRADE_NO_RE = re.compile(r"[0-9]{28}")

DECLINE_SUBJECT_MARK = "支付失败"
DECLINE_BALANCE_FEN = 2
DECLINE_RISK_FEN = 3
UNAVAILABLE_FEN = 4
DUPLICATE_NOTIFY_FEN = 5


class _Response(Protocol):
    @property
    def status_code(self) -> int: ...

    @property
    def text(self) -> str: ...


class HTTPPoster(Protocol):
    """What the deliverer needs of an HTTP client: ``httpx.Client`` or a ``TestClient``."""

    def post(self, url: str, *, data: dict[str, str], headers: dict[str, str]) -> _Response: ...


@dataclass(frozen=True)
class PayOutcome:
    ok: bool
    redirect_url: str | None
    message: str | None = None


@dataclass(frozen=True)
class _Merchant:
    app_id: str
    seller_id: str
    private_key: rsa.RSAPrivateKey

    @property
    def public_key(self) -> rsa.RSAPublicKey:
        return self.private_key.public_key()


def _write_once(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data`` unless another process got there first."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    try:
        os.link(tmp, path)  # atomic and fails if it exists: first writer wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


def _load_merchant(folder: Path) -> _Merchant:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    key_path = folder / "payment_gateway_key.pem"
    ids_path = folder / "payment_merchant.json"
    if not key_path.exists():
        new_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = new_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        _write_once(key_path, pem)
    if not ids_path.exists():
        new_ids = {
            "app_id": "2021" + "".join(secrets.choice("0123456789") for _ in range(12)),
            "seller_id": "2088" + "".join(secrets.choice("0123456789") for _ in range(12)),
        }
        _write_once(ids_path, json.dumps(new_ids).encode())
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise RuntimeError(f"{key_path} does not hold an RSA key")
    ids = json.loads(ids_path.read_text())
    return _Merchant(app_id=ids["app_id"], seller_id=ids["seller_id"], private_key=key)


def _with_query(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def _check_url(url: str, what: str) -> str:
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidInput(f"{what} 必须是 http(s) 地址", code="payment_request_invalid")
    return url


class SandboxPaymentGateway:
    """The gateway side and the merchant-facing protocol in one object."""

    name = "sandbox"

    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        clock: Clock,
        data_dir: Path,
        public_url: str,
        merchant_name: str,
        timeout_minutes: int = 30,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._folder = data_dir / "sandbox"
        self._public_url = public_url.rstrip("/")
        self.merchant_name = merchant_name
        self._timeout = timedelta(minutes=timeout_minutes)
        self._merchant_lock = threading.Lock()
        self._worker: DeliveryWorker | None = None

    @cached_property
    def _merchant(self) -> _Merchant:
        with self._merchant_lock:
            return _load_merchant(self._folder)

    @property
    def app_id(self) -> str:
        return self._merchant.app_id

    @property
    def seller_id(self) -> str:
        return self._merchant.seller_id

    def public_key_pem(self) -> str:
        """The gateway's public key, as a merchant would configure it (Alipay 支付宝公钥)."""
        return (
            self._merchant.public_key.public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode("ascii")
            .strip()
        )

    def cashier_url(self, trade_no: str) -> str:
        return f"{self._public_url}/sandbox/pay/{trade_no}"

    # ----------------------------------------------------------------- merchant protocol

    def create_trade(
        self, out_trade_no: str, amount_fen: int, subject: str, notify_url: str, return_url: str
    ) -> Trade:
        if not isinstance(out_trade_no, str) or not _OUT_TRADE_NO_RE.fullmatch(out_trade_no):
            raise InvalidInput("商户订单号格式不正确", code="payment_request_invalid")
        check_amount(amount_fen)
        if not isinstance(subject, str) or not 1 <= len(subject.strip()) <= 256:
            raise InvalidInput("订单标题不能为空且不超过256字", code="payment_request_invalid")
        _check_url(notify_url, "notify_url")
        _check_url(return_url, "return_url")
        if amount_fen == UNAVAILABLE_FEN:
            raise PaymentUnavailable(details={"sandbox": "amount 0.04 simulates an outage"})
        for _ in range(2):
            try:
                return self._create_or_reuse(
                    out_trade_no, amount_fen, subject.strip(), notify_url, return_url
                )
            except IntegrityError:
                continue  # a concurrent create of the same order won; read its trade
        raise TradeConflict()

    def _create_or_reuse(
        self, out_trade_no: str, amount_fen: int, subject: str, notify_url: str, return_url: str
    ) -> Trade:
        now = self._clock.now()
        with self._sessions() as db:
            existing = self._by_out_trade_no(db, out_trade_no)
            if existing is not None:
                self._expire_if_due(existing, now)
                db.commit()
                if existing.amount_fen != amount_fen or existing.subject != subject:
                    raise TradeConflict()
                if existing.status == TradeState.TRADE_SUCCESS:
                    raise TradeAlreadyPaid()
                if existing.status == TradeState.TRADE_CLOSED:
                    raise TradeClosed()
                return Trade(existing.trade_no, self.cashier_url(existing.trade_no))
            trade_no = (
                now.astimezone(CHINA_TZ).strftime("%Y%m%d")
                + "22001"
                + f"{secrets.randbelow(10**15):015d}"
            )
            db.add(
                SandboxTrade(
                    trade_no=trade_no,
                    app_id=self.app_id,
                    out_trade_no=out_trade_no,
                    subject=subject,
                    amount_fen=amount_fen,
                    status=TradeState.WAIT_BUYER_PAY.value,
                    notify_url=notify_url,
                    return_url=return_url,
                    created_at=now,
                    expires_at=now + self._timeout,
                )
            )
            db.commit()
        log.info("sandbox trade %s created for order %s", trade_no, out_trade_no)
        return Trade(trade_no, self.cashier_url(trade_no))

    def query_trade(self, out_trade_no: str) -> TradeStatus:
        with self._sessions() as db:
            trade = self._by_out_trade_no(db, out_trade_no, lock=True)
            if trade is None:
                raise TradeNotFound()
            self._expire_if_due(trade, self._clock.now())
            db.commit()
            return self._status(trade)

    def close_trade(self, out_trade_no: str) -> None:
        with self._sessions() as db:
            trade = self._by_out_trade_no(db, out_trade_no, lock=True)
            if trade is None:
                raise TradeNotFound()
            now = self._clock.now()
            self._expire_if_due(trade, now)
            if trade.status == TradeState.TRADE_SUCCESS:
                raise TradeAlreadyPaid("交易已支付，不能关闭")
            if trade.status == TradeState.WAIT_BUYER_PAY:
                move_trade(trade, TradeState.TRADE_CLOSED)
                trade.closed_at = now
            db.commit()

    def _verify_signed(self, params: Mapping[str, str]) -> None:
        rsa2_verify(self._merchant.public_key, params)
        if params.get("app_id") != self.app_id:
            raise PaymentNotificationInvalid(details={"reason": "app_id"})
        if params.get("seller_id", self.seller_id) != self.seller_id:
            raise PaymentNotificationInvalid(details={"reason": "seller_id"})

    def verify_notification(self, params: dict[str, str]) -> Notification:
        self._verify_signed(params)
        try:
            status = TradeState(params.get("trade_status", ""))
            amount_fen = yuan_to_fen(params.get("total_amount", ""))
            paid = params.get("gmt_payment")
            paid_at = (
                datetime.strptime(paid, _TIME_FORMAT).replace(tzinfo=CHINA_TZ) if paid else None
            )
            notify_id, out_trade_no, trade_no = (
                params["notify_id"],
                params["out_trade_no"],
                params["trade_no"],
            )
        except (KeyError, ValueError, InvalidInput):
            raise PaymentNotificationInvalid(details={"reason": "params"}) from None
        return Notification(
            notify_id=notify_id,
            out_trade_no=out_trade_no,
            trade_no=trade_no,
            status=status,
            amount_fen=amount_fen,
            paid_at=paid_at,
            params=dict(params),
        )

    # ----------------------------------------------------------------- refunds

    def refund(
        self,
        out_trade_no: str,
        out_request_no: str,
        amount_fen: int,
        reason: str,
        notify_url: str,
    ) -> RefundStatus:
        return refunds.request_refund(
            self, out_trade_no, out_request_no, amount_fen, reason, notify_url
        )

    def query_refund(self, out_trade_no: str, out_request_no: str) -> RefundStatus:
        return refunds.query_refund(self, out_trade_no, out_request_no)

    def verify_refund_notification(self, params: dict[str, str]) -> RefundNotification:
        return refunds.verify_refund_notification(self, params)

    def refunds(self, trade_no: str | None = None) -> list[SandboxRefund]:
        """The gateway's refunds (of one trade), oldest first."""
        return refunds.refunds(self, trade_no)

    # ----------------------------------------------------------------- cashier

    def trade(self, trade_no: str) -> SandboxTrade:
        """The trade behind a cashier page (closed first if it has timed out)."""
        with self._sessions() as db:
            trade = self._by_trade_no(db, trade_no, lock=True)
            self._expire_if_due(trade, self._clock.now())
            db.commit()
            return trade

    def pay(self, trade_no: str) -> PayOutcome:
        """The buyer pressed 确认支付: apply the test-data rules, then pay and notify."""
        now = self._clock.now()
        with self._sessions() as db:
            trade = self._by_trade_no(db, trade_no, lock=True)
            self._expire_if_due(trade, now)
            if trade.status == TradeState.TRADE_SUCCESS:
                db.commit()
                return PayOutcome(True, self._return_url(trade))
            if trade.status == TradeState.TRADE_CLOSED:
                db.commit()
                return PayOutcome(False, None, "交易已关闭，请返回商户重新下单")
            if trade.amount_fen == DECLINE_BALANCE_FEN or DECLINE_SUBJECT_MARK in trade.subject:
                trade.decline_reason = "余额不足，请更换付款方式"
                db.commit()
                log.info("sandbox trade %s declined: balance", trade_no)
                return PayOutcome(False, None, trade.decline_reason)
            if trade.amount_fen == DECLINE_RISK_FEN:
                trade.decline_reason = "该笔交易存在风险，已被拦截"
                move_trade(trade, TradeState.TRADE_CLOSED)
                trade.closed_at = now
                db.commit()
                log.info("sandbox trade %s declined: risk control, closed", trade_no)
                return PayOutcome(False, None, trade.decline_reason)
            move_trade(trade, TradeState.TRADE_SUCCESS)
            trade.paid_at, trade.decline_reason = now, None
            copies = 2 if trade.amount_fen == DUPLICATE_NOTIFY_FEN else 1
            params = self._signed_notification(trade, now)
            for _ in range(copies):
                db.add(
                    SandboxNotification(
                        id=new_id(),
                        trade_no=trade.trade_no,
                        notify_url=trade.notify_url,
                        params=json.dumps(params, ensure_ascii=False),
                        status=DeliveryStatus.PENDING.value,
                        attempts=0,
                        next_attempt_at=now,
                        created_at=now,
                    )
                )
            db.commit()
        log.info("sandbox trade %s paid; %d notification(s) queued", trade_no, copies)
        return PayOutcome(True, self._return_url(trade))

    def cancel(self, trade_no: str) -> str:
        """The buyer pressed 取消支付: close the trade and go back to the merchant."""
        now = self._clock.now()
        with self._sessions() as db:
            trade = self._by_trade_no(db, trade_no, lock=True)
            self._expire_if_due(trade, now)
            if trade.status == TradeState.WAIT_BUYER_PAY:
                move_trade(trade, TradeState.TRADE_CLOSED)
                trade.closed_at = now
            db.commit()
            return trade.return_url

    # ----------------------------------------------------------------- notifications

    def notifications(self, trade_no: str | None = None) -> list[SandboxNotification]:
        with self._sessions() as db:
            query = select(SandboxNotification).order_by(
                SandboxNotification.created_at, SandboxNotification.id
            )
            if trade_no is not None:
                query = query.where(SandboxNotification.trade_no == trade_no)
            return list(db.scalars(query).all())

    def deliver_due(self, http: HTTPPoster, limit: int = 100) -> int:
        """POST every due notification once; returns how many were acknowledged.

        Each is claimed first (attempt counted, hidden for :data:`DELIVERY_LEASE`) in a
        short transaction, so several workers never send the same one at once and no
        database transaction stays open during the HTTP call.
        """
        refunds.settle_due(self, limit)  # settled refunds queue their notifications
        delivered = 0
        for note_id, url, form in self._claim_due(limit):
            error: str | None = None
            try:
                resp = http.post(
                    url, data=form, headers={"content-type": "application/x-www-form-urlencoded"}
                )
                if resp.status_code != 200:
                    error = f"HTTP {resp.status_code}"
                elif resp.text.strip() != "success":
                    error = f"answer {resp.text.strip()[:60]!r}, expected 'success'"
            except Exception as exc:  # any transport or receiver failure means: retry later
                error = f"{type(exc).__name__}: {str(exc)[:200]}"
            self._record_attempt(note_id, error)
            delivered += error is None
        return delivered

    def _claim_due(self, limit: int) -> list[tuple[str, str, dict[str, str]]]:
        now = self._clock.now()
        with self._sessions() as db:
            due = db.scalars(
                select(SandboxNotification)
                .where(
                    SandboxNotification.status == DeliveryStatus.PENDING.value,
                    SandboxNotification.next_attempt_at <= now,
                )
                .order_by(SandboxNotification.next_attempt_at, SandboxNotification.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            ).all()
            claimed = []
            for note in due:
                note.attempts += 1
                note.next_attempt_at = now + DELIVERY_LEASE
                claimed.append((note.id, note.notify_url, note.form()))
            db.commit()
        return claimed

    def _record_attempt(self, note_id: str, error: str | None) -> None:
        now = self._clock.now()
        with self._sessions() as db:
            note = lock_row(db, SandboxNotification, note_id)
            if note is None:  # pragma: no cover - rows are never deleted
                return
            if note.status != DeliveryStatus.PENDING:
                # Another deliverer claimed it after this one's lease ran out and settled it.
                db.commit()
                return
            if error is None:
                move_notification(note, DeliveryStatus.DELIVERED)
                note.delivered_at, note.last_error = now, None
                log.info("sandbox notification %s delivered (attempt %d)", note.id, note.attempts)
            elif note.attempts > len(RETRY_DELAYS):
                move_notification(note, DeliveryStatus.ABANDONED)
                note.last_error = error
                log.warning("sandbox notification %s abandoned: %s", note.id, error)
            else:
                note.last_error = error
                note.next_attempt_at = now + RETRY_DELAYS[note.attempts - 1]
                log.info(
                    "sandbox notification %s failed (attempt %d: %s); next at %s",
                    note.id,
                    note.attempts,
                    error,
                    note.next_attempt_at.isoformat(),
                )
            db.commit()

    def start_background_delivery(self, interval_seconds: float = 2.0) -> DeliveryWorker:
        """Start (once) a daemon thread that delivers due notifications over real HTTP."""
        if self._worker is None or not self._worker.is_alive():
            self._worker = DeliveryWorker(
                "sandbox-payment-notify", self.deliver_due, interval_seconds
            )
            self._worker.start()
        return self._worker

    # ----------------------------------------------------------------- internals

    def _by_out_trade_no(
        self, db: Session, out_trade_no: str, *, lock: bool = False
    ) -> SandboxTrade | None:
        query = select(SandboxTrade).where(
            SandboxTrade.app_id == self.app_id, SandboxTrade.out_trade_no == out_trade_no
        )
        return db.scalars(query.with_for_update() if lock else query).one_or_none()

    def _by_trade_no(self, db: Session, trade_no: str, *, lock: bool = False) -> SandboxTrade:
        trade = (
            (lock_row(db, SandboxTrade, trade_no) if lock else db.get(SandboxTrade, trade_no))
            if TRADE_NO_RE.fullmatch(trade_no)
            else None
        )
        if trade is None or trade.app_id != self.app_id:
            raise TradeNotFound()
        return trade

    def _expire_if_due(self, trade: SandboxTrade, now: datetime) -> None:
        if trade.status == TradeState.WAIT_BUYER_PAY and now >= trade.expires_at:
            move_trade(trade, TradeState.TRADE_CLOSED)
            trade.closed_at = trade.expires_at

    @staticmethod
    def _status(trade: SandboxTrade) -> TradeStatus:
        return TradeStatus(
            out_trade_no=trade.out_trade_no,
            trade_no=trade.trade_no,
            status=TradeState(trade.status),
            amount_fen=trade.amount_fen,
            paid_at=trade.paid_at,
        )

    def _sign(self, params: dict[str, str]) -> dict[str, str]:
        params = {k: v for k, v in params.items() if v != ""}
        params["sign_type"] = "RSA2"
        params["sign"] = rsa2_sign(self._merchant.private_key, params)
        return params

    def _signed_notification(self, trade: SandboxTrade, now: datetime) -> dict[str, str]:
        local = now.astimezone(CHINA_TZ).strftime(_TIME_FORMAT)
        amount = fen_to_yuan(trade.amount_fen)
        return self._sign(
            {
                "notify_time": local,
                "notify_type": "trade_status_sync",
                "notify_id": uuid.uuid4().hex,
                "charset": "utf-8",
                "version": "1.0",
                "app_id": self.app_id,
                "auth_app_id": self.app_id,
                "seller_id": self.seller_id,
                "trade_no": trade.trade_no,
                "out_trade_no": trade.out_trade_no,
                "trade_status": TradeState.TRADE_SUCCESS.value,
                "total_amount": amount,
                "receipt_amount": amount,
                "buyer_pay_amount": amount,
                "subject": trade.subject,
                "gmt_create": trade.created_at.astimezone(CHINA_TZ).strftime(_TIME_FORMAT),
                "gmt_payment": local,
                "buyer_logon_id": "sandbox_buyer",
            }
        )

    def _return_url(self, trade: SandboxTrade) -> str:
        """Alipay's synchronous return: signed too, but for display only."""
        return _with_query(
            trade.return_url,
            self._sign(
                {
                    "charset": "utf-8",
                    "method": "alipay.trade.page.pay.return",
                    "version": "1.0",
                    "app_id": self.app_id,
                    "auth_app_id": self.app_id,
                    "seller_id": self.seller_id,
                    "out_trade_no": trade.out_trade_no,
                    "trade_no": trade.trade_no,
                    "total_amount": fen_to_yuan(trade.amount_fen),
                    "timestamp": self._clock.now().astimezone(CHINA_TZ).strftime(_TIME_FORMAT),
                }
            ),
        )


@payment_providers.register("sandbox")
def _sandbox(
    *,
    sessions: sessionmaker[Session],
    clock: Clock,
    data_dir: Path,
    public_url: str,
    product_name: str,
    timeout_minutes: int,
    **_: object,
) -> PaymentGateway:
    return SandboxPaymentGateway(
        sessions=sessions,
        clock=clock,
        data_dir=data_dir,
        public_url=public_url,
        merchant_name=f"{product_name}（沙箱商户）",
        timeout_minutes=timeout_minutes,
    )
