"""Holder account statuses.

Every account is ``active`` today: no code suspends or closes one. The table is here so
that the first such move is added to it (and goes through :func:`move_user`), not written
as a bare string.
"""

from __future__ import annotations

from enum import StrEnum

from mcert.account.models import User
from mcert.states import move


class UserStatus(StrEnum):
    ACTIVE = "active"


LABELS = {UserStatus.ACTIVE: "正常"}

TRANSITIONS: dict[UserStatus, frozenset[UserStatus]] = {
    UserStatus.ACTIVE: frozenset(),
}


def move_user(user: User, target: UserStatus) -> None:
    move(user, target, TRANSITIONS, LABELS)
