"""How guessable a configured secret is: the production start-up check of ``mcert.settings``.

A length check alone passed ``"a" * 32`` as the token-signing key and a one-character CA
passphrase. :func:`weakness` estimates what an attacker who guesses by pattern faces:

* the length;
* estimated entropy, the smaller of the character-pool estimate (length x log2 of the
  pool of the character classes used) and the Shannon estimate (length x the entropy of
  the value's own character distribution), so ``"aaaa…"`` and ``"abab…"`` count as the
  few bits they are;
* repetition: a value made of one shorter block repeated;
* sequences: most neighbours one code point apart or equal (``"abcdefgh…"``,
  ``"12345678"``);
* the well-known defaults and placeholders.

It returns the reason in words, never the value, so the message can be shown and logged.
Generate good secrets with ``python -c 'import secrets; print(secrets.token_urlsafe(48))'``.
"""

from __future__ import annotations

import math
import string
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["SecretRule", "estimated_bits", "weakness"]

_PLACEHOLDERS = frozenset(
    {
        "changeme",
        "change-me",
        "password",
        "passw0rd",
        "secret",
        "letmein",
        "admin",
        "default",
        "qwerty",
        "123456",
        "1234",
        "0000",
    }
)


@dataclass(frozen=True, slots=True)
class SecretRule:
    min_length: int
    min_bits: float
    # Share of neighbouring characters that may be equal or one code point apart: random
    # base64 has ~5 %, random digits ~30 %; a typed sequence nearly 100 %.
    max_sequential: float = 0.5


def _pool(value: str) -> int:
    pool = 0
    if any(c in string.ascii_lowercase for c in value):
        pool += 26
    if any(c in string.ascii_uppercase for c in value):
        pool += 26
    if any(c in string.digits for c in value):
        pool += 10
    if any(c in string.punctuation or c == " " for c in value):
        pool += 33
    if any(not c.isascii() for c in value):
        pool += 100  # a conservative guess for the rest of Unicode
    return max(pool, 1)


def estimated_bits(value: str) -> float:
    """A pessimistic entropy estimate in bits (see the module docstring)."""
    if not value:
        return 0.0
    n = len(value)
    counts = Counter(value)
    shannon = -sum(c / n * math.log2(c / n) for c in counts.values())
    return min(n * math.log2(_pool(value)), n * shannon)


def _periodic(value: str) -> bool:
    n = len(value)
    return any(n % p == 0 and value == value[:p] * (n // p) for p in range(1, n // 2 + 1))


def _sequential_share(value: str) -> float:
    if len(value) < 2:
        return 1.0
    close = sum(1 for a, b in pairwise(value) if abs(ord(a) - ord(b)) <= 1)
    return close / (len(value) - 1)


def weakness(value: str | None, rule: SecretRule) -> str | None:
    """Why ``value`` is too weak for ``rule``, in words without the value; None if it is not."""
    if not value:
        return "is not set"
    if value.strip().lower() in _PLACEHOLDERS:
        return "is a well-known default"
    if len(value) < rule.min_length:
        return f"must be at least {rule.min_length} characters"
    if _periodic(value):
        return "repeats one block of characters"
    if _sequential_share(value) > rule.max_sequential:
        return "is mostly a sequence or repeated characters"
    if estimated_bits(value) < rule.min_bits:
        return f"has too little entropy (need about {rule.min_bits:.0f} bits)"
    return None
