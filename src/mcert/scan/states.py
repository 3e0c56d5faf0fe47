"""Scan session statuses (会话状态) and the moves between them.

A session is ``pending`` until it ends, once: ``complete`` with a result, or ``failed``
with a reason (``failure_reason``). Progress inside ``pending`` is the ``hint`` (the RP's
page shows it), with a table of its own; an ended session has none.
"""

from __future__ import annotations

from enum import StrEnum

from mcert.errors import IllegalTransition
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


class ScanHint(StrEnum):
    OUTSTANDING = "outstanding"  # show the QR, wait for a scan
    SCANNED = "scanned"  # a phone bound the session: 请在手机上确认
    USER_CONFIRMING = "user_confirming"  # the holder chose a certificate, password right
    DIGEST_READY = "digest_ready"  # seal: the RP prepared the PDF, the phone signs its digest


HINT_LABELS = {
    ScanHint.OUTSTANDING: "等待扫码",
    ScanHint.SCANNED: "已扫码",
    ScanHint.USER_CONFIRMING: "确认中",
    ScanHint.DIGEST_READY: "待签名",
}

HINT_TRANSITIONS: dict[ScanHint, frozenset[ScanHint]] = {
    ScanHint.OUTSTANDING: frozenset({ScanHint.SCANNED}),
    ScanHint.SCANNED: frozenset({ScanHint.USER_CONFIRMING}),
    # Preparing again (another certificate) keeps confirming.
    ScanHint.USER_CONFIRMING: frozenset({ScanHint.USER_CONFIRMING, ScanHint.DIGEST_READY}),
    # The digest is for the chosen certificate and seal: no choosing again after it.
    ScanHint.DIGEST_READY: frozenset(),
}


def move_session(session: ScanSession, target: ScanStatus) -> None:
    """End (or keep) a session; an ended session's hint is cleared."""
    move(session, target, TRANSITIONS, LABELS)
    if target != ScanStatus.PENDING:
        session.hint = None


def move_hint(session: ScanSession, target: ScanHint) -> None:
    """Progress of a pending session (an ended one has no hint to move)."""
    if session.status != ScanStatus.PENDING:
        label = LABELS[ScanStatus(session.status)]
        raise IllegalTransition(
            f"当前状态（{label}）不允许此操作",
            details={"from": session.status, "to": target.value},
        )
    move(session, target, HINT_TRANSITIONS, HINT_LABELS, field="hint")
