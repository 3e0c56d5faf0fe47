"""Operator password hashes: each records its scrypt cost; the production form is unchanged."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from mcert.operator.service import check_password, hash_password


def test_the_production_cost_keeps_the_form_without_a_cost() -> None:
    stored = hash_password("operator-pass-1")
    scheme, salt, digest = stored.split("$")
    assert scheme == "scrypt"
    assert len(bytes.fromhex(salt)) == 16
    assert len(bytes.fromhex(digest)) == 32
    assert check_password(stored, "operator-pass-1")
    assert not check_password(stored, "operator-pass-2")


def test_another_cost_is_recorded_and_checked_with_that_cost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stored = hash_password("operator-pass-1", 10)
    assert stored.startswith("scrypt:10$")
    seen: list[int] = []
    real = hashlib.scrypt

    def counting(password: bytes, **kw: Any) -> bytes:
        seen.append(kw["n"])
        return real(password, **kw)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    assert check_password(stored, "operator-pass-1")
    assert not check_password(stored, "operator-pass-2")
    assert check_password(hash_password("operator-pass-1"), "operator-pass-1")
    assert seen == [2**10, 2**10, 2**14, 2**14]
