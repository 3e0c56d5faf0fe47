"""Invoice statuses and the moves between them.

开票中 → 已开票 or 开票失败 (with the service's reason); a failed invoice is retried
(开票中 again, a new request) or voided by an operator or withdrawn by its holder (已作废,
its orders free again).
An issued invoice is reversed by a red-letter invoice (已红冲) when its order is refunded
or an operator voids it.
"""

from __future__ import annotations

from enum import StrEnum

from mcert.invoice.models import Invoice
from mcert.states import move


class InvoiceStatus(StrEnum):
    ISSUING = "issuing"  # 开票中
    ISSUED = "issued"  # 已开票
    FAILED = "failed"  # 开票失败
    REVERSED = "reversed"  # 已红冲
    VOIDED = "voided"  # 已作废


LABELS = {
    InvoiceStatus.ISSUING: "开票中",
    InvoiceStatus.ISSUED: "已开票",
    InvoiceStatus.FAILED: "开票失败",
    InvoiceStatus.REVERSED: "已红冲",
    InvoiceStatus.VOIDED: "已作废",
}

TRANSITIONS: dict[InvoiceStatus, frozenset[InvoiceStatus]] = {
    InvoiceStatus.ISSUING: frozenset({InvoiceStatus.ISSUED, InvoiceStatus.FAILED}),
    InvoiceStatus.FAILED: frozenset({InvoiceStatus.ISSUING, InvoiceStatus.VOIDED}),
    InvoiceStatus.ISSUED: frozenset({InvoiceStatus.REVERSED}),
    InvoiceStatus.REVERSED: frozenset(),
    InvoiceStatus.VOIDED: frozenset(),
}


def move_invoice(invoice: Invoice, target: InvoiceStatus) -> None:
    move(invoice, target, TRANSITIONS, LABELS)
