"""Data-subject request kinds and statuses, and the moves between them."""

from __future__ import annotations

from enum import StrEnum

from mcert.rights.models import PrivacyRequest
from mcert.states import move


class RequestKind(StrEnum):
    EXPORT = "export"  # 下载我的信息
    CANCELLATION = "cancellation"  # 注销账号


class RequestStatus(StrEnum):
    PENDING = "pending"  # 冷静期中: a cancellation waiting for its due time
    WITHDRAWN = "withdrawn"  # 已撤销
    COMPLETED = "completed"  # 已完成


LABELS = {
    RequestStatus.PENDING: "冷静期中",
    RequestStatus.WITHDRAWN: "已撤销",
    RequestStatus.COMPLETED: "已完成",
}

KIND_LABELS = {RequestKind.EXPORT: "下载我的信息", RequestKind.CANCELLATION: "注销账号"}

TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.PENDING: frozenset({RequestStatus.WITHDRAWN, RequestStatus.COMPLETED}),
    RequestStatus.WITHDRAWN: frozenset(),
    RequestStatus.COMPLETED: frozenset(),
}


def move_request(request: PrivacyRequest, target: RequestStatus) -> None:
    move(request, target, TRANSITIONS, LABELS)
