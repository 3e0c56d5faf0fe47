"""A tiny state-machine helper: a transitions table and one function that moves a record.

Each domain declares its statuses as a ``StrEnum`` and its allowed moves as a table in its
own ``states.py``; an illegal move raises :class:`mcert.errors.IllegalTransition` (it is
never merely logged).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Protocol, TypeVar

from mcert.errors import IllegalTransition

S = TypeVar("S", bound=StrEnum)


class HasStatus(Protocol):
    status: str


def move(
    record: HasStatus,
    target: S,
    table: Mapping[S, frozenset[S]],
    labels: Mapping[S, str] | None = None,
    *,
    field: str = "status",
) -> None:
    """Move ``record`` to ``target`` if ``table`` allows it, else raise.

    ``field`` names another status-like column with its own table (a scan session's
    ``hint``); it is the only code that writes one.
    """
    current = type(target)(getattr(record, field))
    if target not in table.get(current, frozenset()):
        label = (labels or {}).get(current, current.value)
        raise IllegalTransition(
            f"当前状态（{label}）不允许此操作",
            details={"from": current.value, "to": target.value},
        )
    if field == "status":
        record.status = target.value
    else:
        setattr(record, field, target.value)
