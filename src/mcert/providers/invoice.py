"""E-invoicing (开票): the ``InvoiceProvider`` protocol and what crosses it.

Real services (a tax-control platform, 乐企/数电票 operators) take an issue request, answer
at once that it is accepted, and report the result later: a signed callback to the
``notify_url`` of the request, and a query for a result whose callback was lost. A
red-letter invoice (红字发票) reverses an issued one. The implementation is named by
``MCERT_INVOICE_PROVIDER``; the sandbox (:mod:`mcert.providers.invoice_sandbox`) is the
working one for development and tests.

Never imports a domain: the invoice domain turns its records into these dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from mcert.errors import DomainError, ServiceUnavailable
from mcert.providers.registry import ProviderRegistry

#: The one line item mCert sells.
ITEM_NAME = "数字证书服务费"
#: The header carrying a result callback's signature.
SIGNATURE_HEADER = "X-Invoice-Signature"
#: VAT on modern services (信息技术服务): 6 %.
TAX_RATE_PERCENT = 6


class InvoiceKind(StrEnum):
    NORMAL = "normal"  # 数电票（普通发票）
    SPECIAL = "special"  # 数电票（增值税专用发票）


KIND_LABELS = {InvoiceKind.NORMAL: "普通发票", InvoiceKind.SPECIAL: "增值税专用发票"}


class ResultState(StrEnum):
    PROCESSING = "processing"
    ISSUED = "issued"
    FAILED = "failed"


@dataclass(frozen=True)
class Party:
    name: str
    tax_no: str | None = None  # 纳税人识别号 (USCC); none for a person
    address: str | None = None
    phone: str | None = None
    bank: str | None = None
    account: str | None = None


@dataclass(frozen=True)
class Line:
    name: str
    quantity: int
    amount_fen: int  # tax included
    reference: str = ""  # our order number


@dataclass(frozen=True)
class IssueRequest:
    request_no: str  # our serial; unique per attempt
    kind: InvoiceKind
    buyer: Party
    lines: tuple[Line, ...]
    email: str | None
    notify_url: str

    @property
    def total_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)


@dataclass(frozen=True)
class IssueResult:
    request_no: str
    state: ResultState
    invoice_no: str | None = None  # 20 digits (数电票号码)
    issued_at: datetime | None = None
    reason: str | None = None  # why the tax bureau refused
    pdf: bytes | None = field(default=None, repr=False)
    xml: bytes | None = field(default=None, repr=False)


class InvoiceServiceUnavailable(ServiceUnavailable):
    code = "invoice_service_unavailable"
    default_message = "开票服务暂不可用，请稍后再试"


class CallbackRejected(DomainError):
    """A callback whose signature or content does not verify."""

    code = "invoice_callback_rejected"
    default_message = "开票结果通知验签失败"


class InvoiceProvider(Protocol):
    name: str

    def submit(self, request: IssueRequest) -> None:
        """Hand over an issue request; the result comes by callback (or :meth:`query`).

        Submitting the same ``request_no`` again is a no-op. Raises
        :class:`InvoiceServiceUnavailable` when the service cannot take it now.
        """

    def query(self, request_no: str) -> IssueResult: ...

    def verify_callback(self, body: bytes, signature: str) -> IssueResult:
        """The result carried by a callback, or :class:`CallbackRejected`."""

    def red_letter(self, request_no: str, original_invoice_no: str, reason: str) -> IssueResult:
        """Issue the red-letter invoice reversing ``original_invoice_no`` (synchronous)."""


invoice_providers: ProviderRegistry[InvoiceProvider] = ProviderRegistry("invoice")


def split_tax(amount_fen: int) -> tuple[int, int]:
    """Tax-inclusive amount → (amount before tax, tax), rounded to the fen as invoices do."""
    net = round(amount_fen * 100 / (100 + TAX_RATE_PERCENT))
    return net, amount_fen - net
