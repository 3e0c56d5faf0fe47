"""Scan session statuses (会话状态) and the moves between them.

A session is ``pending`` until it ends, once: ``complete`` with a result, or ``failed``
with a reason (``failure_reason``). Progress inside ``pending`` (scanned, confirming) is the
``hint``, not a status.
"""

from __future__ import annotations

from enum import StrEnum

from mcert.scan.models import ScanSession
from mcert.states import move


class ScanStatus(StrEnum):
    PENDING = "pending"  # waiting for the scan, or for the holder on the phone
    COMPLETE = "complete"  # the phone's signature or decryption checked; result collectable
    FAILED = "failed"  # cancelled, declined, expired, or the certificate could not be used


LABELS = {
    ScanStatus.PENDING: "进行中",
    ScanStatus.COMPLETE: "已完成",
    ScanStatus.FAILED: "已失败",
}

TRANSITIONS: dict[ScanStatus, frozenset[ScanStatus]] = {
    ScanStatus.PENDING: frozenset({ScanStatus.COMPLETE, ScanStatus.FAILED}),
    ScanStatus.COMPLETE: frozenset(),
    ScanStatus.FAILED: frozenset(),
}


def move_session(session: ScanSession, target: ScanStatus) -> None:
    move(session, target, TRANSITIONS, LABELS)
