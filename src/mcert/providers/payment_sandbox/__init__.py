"""The sandbox payment gateway: a small Alipay, running inside mCert.

It keeps its own trades, refunds and an outbox of asynchronous notifications
(:mod:`~mcert.providers.payment_sandbox.models`), signs with its own RSA-2048 key and
merchant ids generated on first use under ``<data_dir>/sandbox/``, serves a cashier page
(:mod:`~mcert.providers.payment_sandbox.api`) and delivers signed notifications to the
merchant's ``notify_url`` with Alipay's retry schedule until the answer is ``success``.
The merchant side talks to it only through :class:`~mcert.providers.payment.PaymentGateway`,
exactly as it would to Alipay.

Test data (also in ``docs/sandbox.md``), applied when the buyer presses 确认支付:

=========================  ===========================================================
trade                      outcome
=========================  ===========================================================
amount 0.02 yuan           declined, 余额不足; the trade stays ``WAIT_BUYER_PAY``
subject containing 支付失败  declined, 余额不足; the trade stays ``WAIT_BUYER_PAY``
amount 0.03 yuan           declined by risk control; the trade becomes ``TRADE_CLOSED``
amount 0.04 yuan           ``create_trade`` raises ``PaymentUnavailable`` (gateway down)
amount 0.05 yuan           paid; the notification is queued twice (duplicate delivery)
amount 0.06 yuan           paid; a later refund of it fails (``REFUND_CLOSED``)
anything else (e.g. 0.01)  paid; one notification
=========================  ===========================================================

Refunds (:mod:`~mcert.providers.payment_sandbox.refunds`) are accepted at once and settle
asynchronously, with a signed refund notification through the same outbox.

Unpaid trades close ``MCERT_PAYMENT_TIMEOUT_MINUTES`` after creation (checked on the
runtime clock whenever the trade is touched). Notifications are retried after 4 min,
10 min, 10 min, 1 h, 2 h, 6 h and 15 h (Alipay's schedule), then abandoned.

The package: :mod:`~mcert.providers.payment_sandbox.models` (the gateway's own tables),
:mod:`~mcert.providers.payment_sandbox.states` (trade, refund and notification moves),
:mod:`~mcert.providers.payment_sandbox.gateway` (:class:`SandboxPaymentGateway`, delivery),
:mod:`~mcert.providers.payment_sandbox.refunds` and :mod:`~mcert.providers.payment_sandbox.api`
(the cashier pages, mounted by ``main.py`` only). Importing the package registers the
``sandbox`` payment provider.

It must never run in production (it accepts any buyer), never mark a trade paid except
through the cashier's pay action, and never import mCert's domains.
"""

from mcert.providers.payment_sandbox.gateway import (
    RETRY_DELAYS,
    DeliveryWorker,
    HTTPPoster,
    PayOutcome,
    SandboxPaymentGateway,
)
from mcert.providers.payment_sandbox.models import (
    DeliveryStatus,
    SandboxNotification,
    SandboxRefund,
    SandboxTrade,
    sandbox_tables,
)

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
