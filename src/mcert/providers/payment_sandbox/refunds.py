"""Refunds in the sandbox gateway: request, asynchronous result, signed refund notification.

Works like Alipay's ``alipay.trade.refund`` with WeChat Pay's asynchronous refund result:
the merchant asks with its own ``out_request_no`` (the same number again returns the same
refund, whatever its state), the gateway answers ``REFUND_PROCESSING``, and the refund
settles :data:`REFUND_SETTLE_DELAY` later — on the next delivery round or when it is
queried, on the runtime clock — into ``REFUND_SUCCESS`` or ``REFUND_CLOSED``. Either way a
signed ``refund_status_sync`` notification is queued to the refund's ``notify_url`` in the
gateway's outbox and delivered with the payment notifications' retry schedule.

Test data (also in ``docs/sandbox.md``): a trade of **0.06** yuan pays normally, but its
refunds fail (``REFUND_CLOSED``, 买家账户已注销). Unlike Alipay, a fully refunded trade
keeps ``TRADE_SUCCESS``; the refund carries the state.

The gateway object (:class:`mcert.providers.payment_sandbox.gateway.SandboxPaymentGateway`)
delegates here; this module must never import mCert's domains.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mcert.clock import CHINA_TZ, Clock
from mcert.db.base import new_id
from mcert.errors import InvalidInput
from mcert.providers.payment import (
    PaymentNotificationInvalid,
    RefundNotFound,
    RefundNotification,
    RefundRefused,
    RefundState,
    RefundStatus,
    TradeNotFound,
    TradeState,
    check_amount,
    fen_to_yuan,
    yuan_to_fen,
)
from mcert.providers.payment_sandbox.models import (
    DeliveryStatus,
    SandboxNotification,
    SandboxRefund,
    SandboxTrade,
)
from mcert.providers.payment_sandbox.states import move_refund

__all__ = ["NOTIFY_TYPE", "REFUND_FAIL_FEN", "REFUND_SETTLE_DELAY"]

log = logging.getLogger(__name__)

REFUND_SETTLE_DELAY = timedelta(seconds=10)
REFUND_FAIL_FEN = 6
REFUND_FAIL_REASON = "买家账户已注销，退款失败"
NOTIFY_TYPE = "refund_status_sync"
_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_REQUEST_NO_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class GatewayCore(Protocol):
    """What refunds need of the gateway object."""

    _sessions: sessionmaker[Session]
    _clock: Clock

    @property
    def app_id(self) -> str: ...

    @property
    def seller_id(self) -> str: ...

    def _sign(self, params: dict[str, str]) -> dict[str, str]: ...

    def _verify_signed(self, params: Mapping[str, str]) -> None: ...

    def _by_out_trade_no(
        self, db: Session, out_trade_no: str, *, lock: bool = False
    ) -> SandboxTrade | None: ...

    def _expire_if_due(self, trade: SandboxTrade, now: datetime) -> None: ...


def request_refund(
    gw: GatewayCore,
    out_trade_no: str,
    out_request_no: str,
    amount_fen: int,
    reason: str,
    notify_url: str,
) -> RefundStatus:
    if not isinstance(out_request_no, str) or not _REQUEST_NO_RE.fullmatch(out_request_no):
        raise InvalidInput("退款请求号格式不正确", code="payment_request_invalid")
    check_amount(amount_fen)
    if not isinstance(reason, str) or not 1 <= len(reason.strip()) <= 256:
        raise InvalidInput("退款原因不能为空且不超过256字", code="payment_request_invalid")
    if not isinstance(notify_url, str) or not notify_url.startswith(("http://", "https://")):
        raise InvalidInput("notify_url 必须是 http(s) 地址", code="payment_request_invalid")
    for _ in range(2):
        try:
            return _create_or_return(
                gw, out_trade_no, out_request_no, amount_fen, reason, notify_url
            )
        except IntegrityError:
            continue  # a concurrent request with the same number won; read it
    raise RefundRefused("退款请求号已用于另一笔退款")


def _create_or_return(
    gw: GatewayCore,
    out_trade_no: str,
    out_request_no: str,
    amount_fen: int,
    reason: str,
    notify_url: str,
) -> RefundStatus:
    now = gw._clock.now()
    with gw._sessions() as db:
        trade = gw._by_out_trade_no(db, out_trade_no, lock=True)
        if trade is None:
            raise TradeNotFound()
        gw._expire_if_due(trade, now)
        existing = _by_request_no(gw, db, out_request_no)
        if existing is not None:
            if existing.trade_no != trade.trade_no or existing.amount_fen != amount_fen:
                raise RefundRefused("退款请求号已用于另一笔退款")
            _settle_if_due(gw, db, existing, trade, now)
            db.commit()
            return _status(existing, trade)
        if trade.status != TradeState.TRADE_SUCCESS:
            raise RefundRefused("交易未支付，不能退款")
        refunded = db.scalar(
            select(func.coalesce(func.sum(SandboxRefund.amount_fen), 0)).where(
                SandboxRefund.trade_no == trade.trade_no,
                SandboxRefund.status != RefundState.REFUND_CLOSED.value,
            )
        )
        if int(refunded or 0) + amount_fen > trade.amount_fen:
            raise RefundRefused("退款金额超过交易可退金额")
        refund = SandboxRefund(
            id=new_id(),
            app_id=gw.app_id,
            trade_no=trade.trade_no,
            out_request_no=out_request_no,
            amount_fen=amount_fen,
            reason=reason.strip(),
            status=RefundState.REFUND_PROCESSING.value,
            notify_url=notify_url,
            created_at=now,
            settles_at=now + REFUND_SETTLE_DELAY,
        )
        db.add(refund)
        db.commit()
        log.info("sandbox refund %s of trade %s accepted", out_request_no, trade.trade_no)
        return _status(refund, trade)


def query_refund(gw: GatewayCore, out_trade_no: str, out_request_no: str) -> RefundStatus:
    now = gw._clock.now()
    with gw._sessions() as db:
        trade = gw._by_out_trade_no(db, out_trade_no)
        refund = _by_request_no(gw, db, out_request_no, lock=True)
        if trade is None or refund is None or refund.trade_no != trade.trade_no:
            raise RefundNotFound()
        _settle_if_due(gw, db, refund, trade, now)
        db.commit()
        return _status(refund, trade)


def settle_due(gw: GatewayCore, limit: int = 100) -> int:
    """Settle every refund whose time has come (queues its notification); returns how many."""
    now = gw._clock.now()
    with gw._sessions() as db:
        due = db.scalars(
            select(SandboxRefund)
            .where(
                SandboxRefund.app_id == gw.app_id,
                SandboxRefund.status == RefundState.REFUND_PROCESSING.value,
                SandboxRefund.settles_at <= now,
            )
            .order_by(SandboxRefund.settles_at, SandboxRefund.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        for refund in due:
            trade = db.get(SandboxTrade, refund.trade_no)
            assert trade is not None
            _settle_if_due(gw, db, refund, trade, now)
        db.commit()
        return len(due)


def refunds(gw: GatewayCore, trade_no: str | None = None) -> list[SandboxRefund]:
    with gw._sessions() as db:
        query = select(SandboxRefund).where(SandboxRefund.app_id == gw.app_id)
        if trade_no is not None:
            query = query.where(SandboxRefund.trade_no == trade_no)
        return list(db.scalars(query.order_by(SandboxRefund.created_at, SandboxRefund.id)).all())


def verify_refund_notification(gw: GatewayCore, params: dict[str, str]) -> RefundNotification:
    gw._verify_signed(params)
    if params.get("notify_type") != NOTIFY_TYPE:
        raise PaymentNotificationInvalid(details={"reason": "notify_type"})
    try:
        status = RefundState(params.get("refund_status", ""))
        amount_fen = yuan_to_fen(params.get("refund_amount", ""))
        done = params.get("gmt_refund")
        refunded_at = (
            datetime.strptime(done, _TIME_FORMAT).replace(tzinfo=CHINA_TZ) if done else None
        )
        notify_id, out_trade_no, trade_no, out_request_no = (
            params["notify_id"],
            params["out_trade_no"],
            params["trade_no"],
            params["out_request_no"],
        )
    except (KeyError, ValueError, InvalidInput):
        raise PaymentNotificationInvalid(details={"reason": "params"}) from None
    return RefundNotification(
        notify_id=notify_id,
        out_trade_no=out_trade_no,
        trade_no=trade_no,
        out_request_no=out_request_no,
        status=status,
        amount_fen=amount_fen,
        refunded_at=refunded_at,
        params=dict(params),
    )


# --------------------------------------------------------------------------- internals


def _by_request_no(
    gw: GatewayCore, db: Session, out_request_no: str, *, lock: bool = False
) -> SandboxRefund | None:
    query = select(SandboxRefund).where(
        SandboxRefund.app_id == gw.app_id, SandboxRefund.out_request_no == out_request_no
    )
    return db.scalars(query.with_for_update() if lock else query).one_or_none()


def _settle_if_due(
    gw: GatewayCore, db: Session, refund: SandboxRefund, trade: SandboxTrade, now: datetime
) -> None:
    if refund.status != RefundState.REFUND_PROCESSING or now < refund.settles_at:
        return
    if trade.amount_fen == REFUND_FAIL_FEN:
        move_refund(refund, RefundState.REFUND_CLOSED)
        refund.failure = REFUND_FAIL_REASON
        log.info("sandbox refund %s failed: %s", refund.out_request_no, REFUND_FAIL_REASON)
    else:
        move_refund(refund, RefundState.REFUND_SUCCESS)
        refund.refunded_at = refund.settles_at
        log.info("sandbox refund %s succeeded", refund.out_request_no)
    db.add(
        SandboxNotification(
            id=new_id(),
            trade_no=trade.trade_no,
            notify_url=refund.notify_url,
            params=json.dumps(_signed_notification(gw, refund, trade, now), ensure_ascii=False),
            status=DeliveryStatus.PENDING.value,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
    )


def _local(at: datetime) -> str:
    return at.astimezone(CHINA_TZ).strftime(_TIME_FORMAT)


def _signed_notification(
    gw: GatewayCore, refund: SandboxRefund, trade: SandboxTrade, now: datetime
) -> dict[str, str]:
    return gw._sign(
        {
            "notify_time": _local(now),
            "notify_type": NOTIFY_TYPE,
            "notify_id": uuid.uuid4().hex,
            "charset": "utf-8",
            "version": "1.0",
            "app_id": gw.app_id,
            "auth_app_id": gw.app_id,
            "seller_id": gw.seller_id,
            "trade_no": trade.trade_no,
            "out_trade_no": trade.out_trade_no,
            "out_request_no": refund.out_request_no,
            "refund_status": refund.status,
            "refund_amount": fen_to_yuan(refund.amount_fen),
            "gmt_refund": _local(refund.refunded_at) if refund.refunded_at else "",
            "fail_reason": refund.failure or "",
        }
    )


def _status(refund: SandboxRefund, trade: SandboxTrade) -> RefundStatus:
    return RefundStatus(
        out_trade_no=trade.out_trade_no,
        trade_no=trade.trade_no,
        out_request_no=refund.out_request_no,
        status=RefundState(refund.status),
        amount_fen=refund.amount_fen,
        refunded_at=refund.refunded_at,
        reason=refund.failure,
    )
