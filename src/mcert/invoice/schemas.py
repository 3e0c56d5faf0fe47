"""Request and response bodies of the invoice APIs (app and console), and their builders."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from mcert.invoice.models import Invoice, InvoiceItem, InvoiceTitle
from mcert.invoice.service import buyer_name, email_of, title_name
from mcert.invoice.states import LABELS, InvoiceStatus
from mcert.money import yuan_capitals, yuan_figures
from mcert.providers.invoice import KIND_LABELS, InvoiceKind
from mcert.runtime import Runtime


class TitleCreate(BaseModel):
    kind: str = Field(pattern="^(personal|company)$", description="personal | company")
    name: str = Field(min_length=1, max_length=100)
    tax_no: str | None = Field(
        None, max_length=40, description="company: 纳税人识别号 (统一社会信用代码)"
    )
    address: str | None = Field(None, max_length=120)
    phone: str | None = Field(None, max_length=30)
    bank: str | None = Field(None, max_length=60)
    bank_account: str | None = Field(None, max_length=40)


class TitleRead(BaseModel):
    id: str
    kind: str
    name: str
    tax_no: str | None
    address: str | None
    phone: str | None
    bank: str | None
    bank_account: str | None
    created_at: datetime


class TitleSuggestion(BaseModel):
    """A verified company of the holder, offered first as a company title."""

    name: str
    tax_no: str


class TitleList(BaseModel):
    titles: list[TitleRead]
    suggestions: list[TitleSuggestion]


class InvoiceApply(BaseModel):
    order_ids: list[str] = Field(min_length=1, max_length=20)
    title_id: str = Field(max_length=32)
    kind: str = Field(
        InvoiceKind.NORMAL.value,
        pattern="^(normal|special)$",
        description="normal = 数电票（普通发票）; special = 专用发票 (company titles only)",
    )
    email: str | None = Field(None, max_length=254)

    model_config = {"extra": "ignore"}  # an amount sent by the client is ignored


class InvoiceResend(BaseModel):
    email: str | None = Field(None, max_length=254, description="default: the invoice's email")


class InvoiceOrderRead(BaseModel):
    order_id: str
    order_no: str
    amount_fen: int
    description: str


class InvoiceRead(BaseModel):
    id: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    amount_fen: int
    amount: str = Field(description="yuan, two decimals")
    amount_capitals: str
    buyer_kind: str
    buyer_name: str
    buyer_tax_no: str | None
    email: str | None
    failure_reason: str | None
    invoice_no: str | None
    red_invoice_no: str | None
    reverse_reason: str | None
    void_reason: str | None
    orders: list[InvoiceOrderRead]
    created_at: datetime
    issued_at: datetime | None
    reversed_at: datetime | None


class InvoiceConsoleRead(InvoiceRead):
    user_id: str
    provider: str
    attempt: int


class VoidRequest(BaseModel):
    reason: str = Field(min_length=1, max_length=200)


class OrderInvoiceState(BaseModel):
    order_id: str
    invoice_id: str | None
    status: str | None


def title_read(rt: Runtime, t: InvoiceTitle) -> TitleRead:
    return TitleRead(
        id=t.id,
        kind=t.kind,
        name=title_name(rt, t),
        tax_no=t.tax_no,
        address=t.address,
        phone=t.phone,
        bank=t.bank,
        bank_account=t.bank_account,
        created_at=t.created_at,
    )


def _fields(rt: Runtime, inv: Invoice, items: list[InvoiceItem]) -> dict[str, object]:
    status = InvoiceStatus(inv.status)
    return dict(
        id=inv.id,
        kind=inv.kind,
        kind_label=KIND_LABELS[InvoiceKind(inv.kind)],
        status=status.value,
        status_label=LABELS[status],
        amount_fen=inv.amount_fen,
        amount=yuan_figures(inv.amount_fen),
        amount_capitals=yuan_capitals(inv.amount_fen),
        buyer_kind=inv.buyer_kind,
        buyer_name=buyer_name(rt, inv),
        buyer_tax_no=inv.buyer_tax_no,
        email=email_of(rt, inv),
        failure_reason=inv.failure_reason,
        invoice_no=inv.invoice_no,
        red_invoice_no=inv.red_invoice_no,
        reverse_reason=inv.reverse_reason,
        void_reason=inv.void_reason,
        orders=[
            InvoiceOrderRead(
                order_id=i.order_id,
                order_no=i.order_no,
                amount_fen=i.amount_fen,
                description=i.description,
            )
            for i in items
        ],
        created_at=inv.created_at,
        issued_at=inv.issued_at,
        reversed_at=inv.reversed_at,
    )


def invoice_read(rt: Runtime, inv: Invoice, items: list[InvoiceItem]) -> InvoiceRead:
    return InvoiceRead.model_validate(_fields(rt, inv, items))


def console_read(rt: Runtime, inv: Invoice, items: list[InvoiceItem]) -> InvoiceConsoleRead:
    return InvoiceConsoleRead.model_validate(
        {
            **_fields(rt, inv, items),
            "user_id": inv.user_id,
            "provider": inv.provider,
            "attempt": inv.attempt,
        }
    )
