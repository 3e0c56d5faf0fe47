"""RFC 6238 TOTP: the RFC's SHA-1 test vectors, drift window and the replay guard."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from mcert.operator import totp

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("seconds", "code"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_rfc6238_sha1_vectors(seconds: int, code: str) -> None:
    assert totp.code_for_step(RFC_SECRET, seconds // 30, digits=8) == code


def test_six_digit_code_is_the_low_digits_of_the_eight() -> None:
    assert totp.code_at(RFC_SECRET, 59) == "287082"


def test_matching_step_accepts_one_step_of_drift_and_refuses_replays() -> None:
    secret = totp.generate_secret()
    at = datetime(2026, 12, 2, 8, 0, 15, tzinfo=UTC)
    now = totp.step_of(at)
    for step in (now - 1, now, now + 1):
        assert totp.matching_step(secret, totp.code_for_step(secret, step), at) == step
    assert totp.matching_step(secret, totp.code_for_step(secret, now - 2), at) is None
    assert totp.matching_step(secret, totp.code_for_step(secret, now), at, after=now) is None
    assert totp.matching_step(secret, "12345", at) is None
    assert totp.matching_step(secret, "abcdef", at) is None


def test_otpauth_uri_and_qr_svg() -> None:
    uri = totp.otpauth_uri("JBSWY3DPEHPK3PXP", "admin1")
    assert uri.startswith("otpauth://totp/mCert%20%E6%8E%A7%E5%88%B6%E5%8F%B0%3Aadmin1?")
    assert "secret=JBSWY3DPEHPK3PXP" in uri
    svg = totp.qr_svg(uri)
    assert svg.startswith("<svg")
    assert svg.rstrip().endswith("</svg>")
    assert "<script" not in svg
