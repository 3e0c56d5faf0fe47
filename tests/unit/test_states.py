"""Every lifecycle's transition table: each legal move passes, each other one raises
``illegal_transition`` and leaves the record as it was."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pytest

from mcert.account import states as account_states
from mcert.account.models import User
from mcert.approval import states as approval_states
from mcert.approval.models import Approval
from mcert.ca import states as ca_states
from mcert.ca.models import IssuedCertificate
from mcert.cert import states as cert_states
from mcert.cert.models import HolderCertificate
from mcert.errors import IllegalTransition
from mcert.invoice import states as invoice_states
from mcert.invoice.models import Invoice
from mcert.order import states as order_states
from mcert.order.models import Order, PaymentAttempt, Refund
from mcert.providers.payment import RefundState, TradeState
from mcert.providers.payment_sandbox import states as sandbox_states
from mcert.providers.payment_sandbox.models import (
    DeliveryStatus,
    SandboxNotification,
    SandboxRefund,
    SandboxTrade,
)
from mcert.realname import states as realname_states
from mcert.realname.models import RealnameAttempt
from mcert.scan import states as scan_states
from mcert.scan.models import ScanSession
from mcert.seal import states as seal_states
from mcert.seal.models import Seal
from mcert.tasks import states as task_states
from mcert.tasks.models import Task


@dataclass(frozen=True)
class Lifecycle:
    name: str
    enum: type[StrEnum]
    table: Mapping[Any, frozenset[Any]]
    move: Callable[[Any, Any], None]
    record: Callable[[str], Any]


LIFECYCLES = [
    Lifecycle(
        "approval",
        approval_states.ApprovalStatus,
        approval_states.TRANSITIONS,
        approval_states.move_approval,
        lambda s: Approval(status=s),
    ),
    Lifecycle(
        "order",
        order_states.OrderStatus,
        order_states.TRANSITIONS,
        order_states.move_order,
        lambda s: Order(status=s, version=1),
    ),
    Lifecycle(
        "payment_attempt",
        order_states.PaymentStatus,
        order_states.PAYMENT_TRANSITIONS,
        order_states.move_payment,
        lambda s: PaymentAttempt(status=s),
    ),
    Lifecycle(
        "refund",
        order_states.RefundStatus,
        order_states.REFUND_TRANSITIONS,
        order_states.move_refund,
        lambda s: Refund(status=s),
    ),
    Lifecycle(
        "holder_cert",
        cert_states.HolderCertStatus,
        cert_states.TRANSITIONS,
        cert_states.move_cert,
        lambda s: HolderCertificate(status=s),
    ),
    Lifecycle(
        "seal",
        seal_states.SealStatus,
        seal_states.TRANSITIONS,
        seal_states.move_seal,
        lambda s: Seal(status=s),
    ),
    Lifecycle(
        "invoice",
        invoice_states.InvoiceStatus,
        invoice_states.TRANSITIONS,
        invoice_states.move_invoice,
        lambda s: Invoice(status=s),
    ),
    Lifecycle(
        "scan_session",
        scan_states.ScanStatus,
        scan_states.TRANSITIONS,
        scan_states.move_session,
        lambda s: ScanSession(status=s, version=1),
    ),
    Lifecycle(
        "realname_attempt",
        realname_states.RealnameAttemptStatus,
        realname_states.TRANSITIONS,
        realname_states.move_attempt,
        lambda s: RealnameAttempt(status=s),
    ),
    Lifecycle(
        "issued_cert",
        ca_states.IssuedCertStatus,
        ca_states.TRANSITIONS,
        ca_states.move_issued,
        lambda s: IssuedCertificate(status=s),
    ),
    Lifecycle(
        "user",
        account_states.UserStatus,
        account_states.TRANSITIONS,
        account_states.move_user,
        lambda s: User(status=s),
    ),
    Lifecycle(
        "sandbox_trade",
        TradeState,
        sandbox_states.TRADE_TRANSITIONS,
        sandbox_states.move_trade,
        lambda s: SandboxTrade(status=s),
    ),
    Lifecycle(
        "sandbox_refund",
        RefundState,
        sandbox_states.REFUND_TRANSITIONS,
        sandbox_states.move_refund,
        lambda s: SandboxRefund(status=s),
    ),
    Lifecycle(
        "sandbox_notification",
        DeliveryStatus,
        sandbox_states.DELIVERY_TRANSITIONS,
        sandbox_states.move_notification,
        lambda s: SandboxNotification(status=s),
    ),
    Lifecycle(
        "task",
        task_states.TaskStatus,
        task_states.TRANSITIONS,
        task_states.move_task,
        lambda s: Task(status=s),
    ),
]


def _moves(legal: bool) -> list[Any]:
    return [
        pytest.param(lc, a, b, id=f"{lc.name}:{a.value}->{b.value}")
        for lc in LIFECYCLES
        for a in lc.enum
        for b in lc.enum
        if (b in lc.table[a]) is legal
    ]


@pytest.mark.parametrize("lc", LIFECYCLES, ids=lambda lc: lc.name)
def test_every_status_has_a_row_and_moves_only_to_its_own_statuses(lc: Lifecycle) -> None:
    assert set(lc.table) == set(lc.enum)
    for targets in lc.table.values():
        assert targets <= set(lc.enum)


@pytest.mark.parametrize(("lc", "current", "target"), _moves(legal=True))
def test_legal_move(lc: Lifecycle, current: StrEnum, target: StrEnum) -> None:
    record = lc.record(current.value)
    lc.move(record, target)
    assert record.status == target.value
    assert type(record.status) is str  # the column keeps the plain string


@pytest.mark.parametrize(("lc", "current", "target"), _moves(legal=False))
def test_illegal_move_raises(lc: Lifecycle, current: StrEnum, target: StrEnum) -> None:
    record = lc.record(current.value)
    with pytest.raises(IllegalTransition) as info:
        lc.move(record, target)
    assert info.value.code == "illegal_transition"
    assert info.value.details == {"from": current.value, "to": target.value}
    assert record.status == current.value


def test_a_move_bumps_the_version_where_the_record_has_one_for_conflicts() -> None:
    order = Order(status=order_states.OrderStatus.PENDING_REVIEW, version=3)
    order_states.move_order(order, order_states.OrderStatus.PENDING_PAYMENT)
    assert order.version == 4


def test_nothing_moves_into_the_derived_expired_status() -> None:
    expired = cert_states.HolderCertStatus.EXPIRED
    assert all(expired not in targets for targets in cert_states.TRANSITIONS.values())


def test_terminal_statuses_are_final() -> None:
    finals = {
        scan_states.ScanStatus.COMPLETE,
        scan_states.ScanStatus.FAILED,
        realname_states.RealnameAttemptStatus.VERIFIED,
        realname_states.RealnameAttemptStatus.FAILED,
        ca_states.IssuedCertStatus.REVOKED,
        TradeState.TRADE_SUCCESS,
        TradeState.TRADE_CLOSED,
        RefundState.REFUND_SUCCESS,
        RefundState.REFUND_CLOSED,
        DeliveryStatus.DELIVERED,
        DeliveryStatus.ABANDONED,
        task_states.TaskStatus.DONE,
        seal_states.SealStatus.CANCELLED,
        seal_states.SealStatus.REJECTED,
        seal_states.SealStatus.VOIDED,
    }
    tables = [lc.table for lc in LIFECYCLES]
    for status in finals:
        assert any(table.get(status) == frozenset() for table in tables), status


def test_an_unpaid_seal_reaches_review_only_by_payment() -> None:
    seal = seal_states.SealStatus
    assert seal_states.TRANSITIONS[seal.UNPAID] == {
        seal.PENDING_REVIEW,
        seal.CANCELLED,
        seal.VOIDED,
    }
    assert all(seal.UNPAID not in targets for targets in seal_states.TRANSITIONS.values())
    # An unpaid application blocks a second of the same type; a cancelled one does not.
    assert seal.UNPAID in seal_states.LIVE
    assert seal.CANCELLED not in seal_states.LIVE


def test_the_cli_offers_exactly_the_refund_and_order_statuses() -> None:
    # The CLI keeps its imports lazy, so it spells the values out; they must stay the enum's.
    from mcert.cli import payments_refunds, review_list

    choice = next(p for p in payments_refunds.params if p.name == "status").type
    assert list(choice.choices) == [s.value for s in order_states.RefundStatus]  # type: ignore[attr-defined]
    default = next(p for p in review_list.params if p.name == "status").default
    assert default == order_states.OrderStatus.PENDING_REVIEW


def test_the_cli_offers_exactly_the_task_statuses() -> None:
    from mcert.cli import tasks_list

    choice = next(p for p in tasks_list.params if p.name == "status").type
    assert list(choice.choices) == [s.value for s in task_states.TaskStatus]  # type: ignore[attr-defined]


def _hint_moves(legal: bool) -> list[Any]:
    table = scan_states.HINT_TRANSITIONS
    return [
        pytest.param(a, b, id=f"{a.value}->{b.value}")
        for a in scan_states.ScanHint
        for b in scan_states.ScanHint
        if (b in table[a]) is legal
    ]


def _pending(hint: scan_states.ScanHint) -> ScanSession:
    return ScanSession(status=scan_states.ScanStatus.PENDING.value, hint=hint.value, version=1)


def test_every_scan_hint_has_a_row() -> None:
    assert set(scan_states.HINT_TRANSITIONS) == set(scan_states.ScanHint)


@pytest.mark.parametrize(("current", "target"), _hint_moves(legal=True))
def test_legal_hint_move(current: scan_states.ScanHint, target: scan_states.ScanHint) -> None:
    session = _pending(current)
    scan_states.move_hint(session, target)
    assert session.hint == target.value
    assert session.status == scan_states.ScanStatus.PENDING


@pytest.mark.parametrize(("current", "target"), _hint_moves(legal=False))
def test_illegal_hint_move_raises(
    current: scan_states.ScanHint, target: scan_states.ScanHint
) -> None:
    session = _pending(current)
    with pytest.raises(IllegalTransition) as info:
        scan_states.move_hint(session, target)
    assert info.value.code == "illegal_transition"
    assert session.hint == current.value


@pytest.mark.parametrize("end", [scan_states.ScanStatus.COMPLETE, scan_states.ScanStatus.FAILED])
def test_an_ended_session_has_no_hint_and_cannot_move_one(end: scan_states.ScanStatus) -> None:
    session = _pending(scan_states.ScanHint.USER_CONFIRMING)
    scan_states.move_session(session, end)
    assert session.hint is None
    with pytest.raises(IllegalTransition) as info:
        scan_states.move_hint(session, scan_states.ScanHint.USER_CONFIRMING)
    assert info.value.details == {"from": end.value, "to": "user_confirming"}
