"""Statuses of the certificates the issuing CA signed (``certificates``), and their moves.

Revocation is final: OCSP and the CRL read ``revoked`` from this column. Expiry is not a
status (it is read from ``not_after``).
"""

from __future__ import annotations

from enum import StrEnum

from mcert.ca.models import IssuedCertificate
from mcert.states import move


class IssuedCertStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"


LABELS = {
    IssuedCertStatus.VALID: "有效",
    IssuedCertStatus.REVOKED: "已吊销",
}

TRANSITIONS: dict[IssuedCertStatus, frozenset[IssuedCertStatus]] = {
    IssuedCertStatus.VALID: frozenset({IssuedCertStatus.REVOKED}),
    IssuedCertStatus.REVOKED: frozenset(),
}


def move_issued(row: IssuedCertificate, target: IssuedCertStatus) -> None:
    move(row, target, TRANSITIONS, LABELS)
