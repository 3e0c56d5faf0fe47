"""Holder account statuses.

An account is ``active`` until its holder cancels it (注销账号, ``mcert.rights``): after
the cooling-off period it becomes ``cancelled`` — anonymised, its phone number freed (a
login with the same phone makes a new account). Nothing moves out of ``cancelled``.
"""

from __future__ import annotations

from enum import StrEnum

from mcert.account.models import User
from mcert.states import move


class UserStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"


LABELS = {UserStatus.ACTIVE: "正常", UserStatus.CANCELLED: "已注销"}

TRANSITIONS: dict[UserStatus, frozenset[UserStatus]] = {
    UserStatus.ACTIVE: frozenset({UserStatus.CANCELLED}),
    UserStatus.CANCELLED: frozenset(),
}


def move_user(user: User, target: UserStatus) -> None:
    move(user, target, TRANSITIONS, LABELS)
