"""Holder certificate statuses and the moves between them."""

from __future__ import annotations

from enum import StrEnum

from mcert.cert.models import HolderCertificate
from mcert.states import move


class HolderCertStatus(StrEnum):
    PENDING_DOWNLOAD = "pending_download"  # 待下载 / 待申领
    ACTIVE = "active"  # 有效
    SUPERSEDED = "superseded"  # replaced by renewal, change or reissue
    REVOKED = "revoked"
    # Shown, never stored: ``service.effective_status`` reports an active certificate past
    # its ``not_after`` as expired. Nothing moves into it.
    EXPIRED = "expired"


LABELS = {
    HolderCertStatus.PENDING_DOWNLOAD: "待下载",
    HolderCertStatus.ACTIVE: "有效",
    HolderCertStatus.SUPERSEDED: "已替换",
    HolderCertStatus.REVOKED: "已吊销",
    HolderCertStatus.EXPIRED: "已过期",
}

TRANSITIONS: dict[HolderCertStatus, frozenset[HolderCertStatus]] = {
    HolderCertStatus.PENDING_DOWNLOAD: frozenset(
        {HolderCertStatus.ACTIVE, HolderCertStatus.REVOKED}
    ),
    HolderCertStatus.ACTIVE: frozenset({HolderCertStatus.SUPERSEDED, HolderCertStatus.REVOKED}),
    HolderCertStatus.SUPERSEDED: frozenset(),
    HolderCertStatus.REVOKED: frozenset(),
    HolderCertStatus.EXPIRED: frozenset(),
}


def move_cert(cert: HolderCertificate, target: HolderCertStatus) -> None:
    move(cert, target, TRANSITIONS, LABELS)
