"""Seal statuses and the moves between them.

A priced seal (``MCERT_SEAL_PRICE_FEN`` > 0) starts 待支付 with an order of its own: paying
it moves the seal to 待审核; the order closing unpaid (or cancelled) ends it 已取消 (the
holder may apply again). A free seal starts 待审核.

待审核 → 未通过 (with a reason; the holder applies again, a new record) or 已通过 → 已申领.
Any live seal can be voided (已作废, with a reason: company renamed, certificate revoked).
A claimed seal goes back to 已通过 when its certificate is reissued to a new phone: the
holder claims it again there with the new certificate's password.
"""

from __future__ import annotations

from enum import StrEnum

from mcert.seal.models import Seal
from mcert.states import move


class SealStatus(StrEnum):
    UNPAID = "unpaid"  # 待支付 (priced seals only)
    PENDING_REVIEW = "pending_review"  # 待审核
    REJECTED = "rejected"  # 未通过
    APPROVED = "approved"  # 已通过 (待申领)
    CLAIMED = "claimed"  # 已申领
    VOIDED = "voided"  # 已作废
    CANCELLED = "cancelled"  # 已取消 (its order closed or was cancelled unpaid)


LABELS = {
    SealStatus.UNPAID: "待支付",
    SealStatus.PENDING_REVIEW: "待审核",
    SealStatus.REJECTED: "未通过",
    SealStatus.APPROVED: "已通过",
    SealStatus.CLAIMED: "已申领",
    SealStatus.VOIDED: "已作废",
    SealStatus.CANCELLED: "已取消",
}

TRANSITIONS: dict[SealStatus, frozenset[SealStatus]] = {
    SealStatus.UNPAID: frozenset(
        {SealStatus.PENDING_REVIEW, SealStatus.CANCELLED, SealStatus.VOIDED}
    ),
    SealStatus.PENDING_REVIEW: frozenset(
        {SealStatus.APPROVED, SealStatus.REJECTED, SealStatus.VOIDED}
    ),
    SealStatus.APPROVED: frozenset({SealStatus.CLAIMED, SealStatus.VOIDED}),
    SealStatus.CLAIMED: frozenset({SealStatus.APPROVED, SealStatus.VOIDED}),
    SealStatus.REJECTED: frozenset(),
    SealStatus.VOIDED: frozenset(),
    SealStatus.CANCELLED: frozenset(),
}

#: Seals that still count: a new application of the same type waits for these to end.
LIVE = (SealStatus.UNPAID, SealStatus.PENDING_REVIEW, SealStatus.APPROVED, SealStatus.CLAIMED)


def move_seal(seal: Seal, target: SealStatus) -> None:
    move(seal, target, TRANSITIONS, LABELS)
