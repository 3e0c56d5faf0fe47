"""Field encryption, blind indexes, masking and redaction (mcert.pii)."""

from __future__ import annotations

import base64
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcert.ident import make_bank_card, make_mobile, make_resident_id
from mcert.pii import (
    BLIND_INDEX_LABEL,
    FIELD_KEY_LABEL,
    BlindIndex,
    DecryptionError,
    FieldCipher,
    derive_key,
    mask_bank_card,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
    redact,
)

SECRET = "unit-test-secret-0123456789abcdef"
OTHER_SECRET = "another-unit-test-secret-fedcba9876543210"
AAD = b"users.phone"

CIPHER = FieldCipher.from_secret(SECRET, key_id="k1")
URLSAFE = re.compile(r"[A-Za-z0-9_-]+")


def _raw(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


def _text(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


# --------------------------------------------------------------------------- field cipher


@given(st.text())
def test_text_round_trip(plaintext: str) -> None:
    token = CIPHER.encrypt(plaintext, aad=AAD)
    assert URLSAFE.fullmatch(token)
    assert CIPHER.decrypt(token, aad=AAD) == plaintext


@given(st.binary(), st.binary(max_size=64))
def test_bytes_round_trip_with_any_aad(plaintext: bytes, aad: bytes) -> None:
    token = CIPHER.encrypt(plaintext, aad=aad)
    assert CIPHER.decrypt_bytes(token, aad=aad) == plaintext


def test_str_and_bytes_aad_are_equivalent() -> None:
    token = CIPHER.encrypt("13800138000", aad="users.phone")
    assert CIPHER.decrypt(token, aad=b"users.phone") == "13800138000"


@given(st.text(max_size=50))
def test_same_plaintext_gives_different_ciphertexts(plaintext: str) -> None:
    a = CIPHER.encrypt(plaintext, aad=AAD)
    b = CIPHER.encrypt(plaintext, aad=AAD)
    assert a != b


def test_ciphertext_does_not_contain_plaintext() -> None:
    token = CIPHER.encrypt("13800138000", aad=AAD)
    assert b"13800138000" not in _raw(token)
    assert "13800138000" not in token


@given(st.text(max_size=50), st.binary(max_size=32), st.binary(max_size=32))
def test_aad_mismatch_fails(plaintext: str, aad: bytes, other: bytes) -> None:
    if aad == other:
        other += b"#"
    token = CIPHER.encrypt(plaintext, aad=aad)
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(token, aad=other)


def test_row_bound_aad_blocks_moving_a_value_between_rows() -> None:
    token = CIPHER.encrypt("11010519491231002X", aad=b"holders.id_number:row-1")
    with pytest.raises(DecryptionError, match="authentication failed"):
        CIPHER.decrypt(token, aad=b"holders.id_number:row-2")


@given(st.text(min_size=1, max_size=40), st.data())
def test_any_flipped_byte_fails(plaintext: str, data: st.DataObject) -> None:
    raw = bytearray(_raw(CIPHER.encrypt(plaintext, aad=AAD)))
    pos = data.draw(st.integers(0, len(raw) - 1))
    raw[pos] ^= data.draw(st.integers(1, 255))
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(_text(bytes(raw)), aad=AAD)


def test_wrong_secret_fails() -> None:
    token = CIPHER.encrypt("secret", aad=AAD)
    other = FieldCipher.from_secret(OTHER_SECRET, key_id="k1")
    with pytest.raises(DecryptionError):
        other.decrypt(token, aad=AAD)


def test_relabelled_key_id_fails() -> None:
    # Even when both keys are present, swapping the key id in the header breaks the tag.
    both = FieldCipher({"k1": b"\x01" * 32, "k2": b"\x02" * 32}, "k1")
    raw = bytearray(_raw(both.encrypt("x", aad=AAD)))
    assert raw[2:4] == b"k1"
    raw[3] = ord("2")
    with pytest.raises(DecryptionError):
        both.decrypt(_text(bytes(raw)), aad=AAD)


def test_format_header() -> None:
    raw = _raw(CIPHER.encrypt("", aad=AAD))
    assert raw[0] == 1  # version
    assert raw[1:4] == b"\x02k1"
    assert len(raw) == 4 + 12 + 16  # header, nonce, tag for empty plaintext


@pytest.mark.parametrize(
    "token",
    [
        "",
        "!!!!",
        "AQ",
        _text(b"\x02\x02k1" + b"\0" * 28),
        _text(b"\x01\x02k1" + b"\0" * 27),
        _text(b"\x01\x00" + b"\0" * 28),
        _text(b"\x01\x02\xff\xfe" + b"\0" * 28),
        "汉字",
    ],
)
def test_garbage_tokens_fail_cleanly(token: str) -> None:
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(token, aad=AAD)


def test_unknown_key_id_fails() -> None:
    token = FieldCipher.from_secret(SECRET, key_id="k9").encrypt("x", aad=AAD)
    with pytest.raises(DecryptionError, match="unknown key id"):
        CIPHER.decrypt(token, aad=AAD)


def test_non_utf8_plaintext_needs_decrypt_bytes() -> None:
    token = CIPHER.encrypt(b"\xff\xfe", aad=AAD)
    with pytest.raises(DecryptionError, match="decrypt_bytes"):
        CIPHER.decrypt(token, aad=AAD)
    assert CIPHER.decrypt_bytes(token, aad=AAD) == b"\xff\xfe"


@given(st.text(max_size=60))
def test_key_rotation(plaintext: str) -> None:
    old = FieldCipher.from_secret(SECRET, key_id="k1")
    token = old.encrypt(plaintext, aad=AAD)
    new = FieldCipher.from_secret(OTHER_SECRET, key_id="k2", retired={"k1": SECRET})
    assert new.active_key_id == "k2"
    assert new.key_id_of(token) == "k1"
    assert new.needs_rotation(token)
    assert new.decrypt(token, aad=AAD) == plaintext
    rotated = new.rotate(token, aad=AAD)
    assert not new.needs_rotation(rotated)
    assert new.rotate(rotated, aad=AAD) == rotated
    assert new.decrypt(rotated, aad=AAD) == plaintext
    with pytest.raises(DecryptionError):
        old.decrypt(rotated, aad=AAD)


def test_same_secret_different_key_ids_give_different_keys() -> None:
    a = FieldCipher.from_secret(SECRET, key_id="k1")
    b = FieldCipher.from_secret(SECRET, key_id="k2")
    token = a.encrypt("x", aad=AAD)
    with pytest.raises(DecryptionError):
        b.decrypt(token, aad=AAD)


def test_constructor_validation() -> None:
    with pytest.raises(ValueError, match="active_key_id"):
        FieldCipher({"k1": b"\0" * 32}, "k2")
    with pytest.raises(ValueError, match="32 bytes"):
        FieldCipher({"k1": b"\0" * 16}, "k1")
    with pytest.raises(ValueError, match="key ids"):
        FieldCipher({"k 1": b"\0" * 32}, "k 1")
    with pytest.raises(ValueError, match="retired"):
        FieldCipher.from_secret(SECRET, key_id="k1", retired={"k1": OTHER_SECRET})
    with pytest.raises(ValueError, match="empty"):
        FieldCipher.from_secret(b"")


def test_str_and_bytes_secret_agree() -> None:
    a = FieldCipher.from_secret(SECRET)
    b = FieldCipher.from_secret(SECRET.encode())
    assert b.decrypt(a.encrypt("x", aad=AAD), aad=AAD) == "x"


# --------------------------------------------------------------------------- blind index


def test_labels_give_independent_keys() -> None:
    assert derive_key(SECRET, BLIND_INDEX_LABEL) != derive_key(SECRET, FIELD_KEY_LABEL + b"k1")
    assert len(derive_key(SECRET, BLIND_INDEX_LABEL)) == 32


@given(st.text(max_size=40))
def test_blind_index_deterministic_hex(value: str) -> None:
    a = BlindIndex.from_secret(SECRET).compute(value)
    assert a == BlindIndex.from_secret(SECRET.encode()).compute(value)
    assert re.fullmatch(r"[0-9a-f]{64}", a)


@given(st.text(max_size=40))
def test_blind_index_differs_by_key_and_scope(value: str) -> None:
    bi = BlindIndex.from_secret(SECRET)
    assert bi.compute(value) != BlindIndex.from_secret(OTHER_SECRET).compute(value)
    assert bi.compute(value, scope="id_number") != bi.compute(value)


def test_blind_index_normalises() -> None:
    bi = BlindIndex.from_secret(SECRET)
    canonical = bi.compute("11010519491231002X")
    assert bi.compute("11010519491231002x") == canonical
    assert bi.compute(" 11010519491231002X\n") == canonical
    assert bi.compute("１１０１０５１９４９１２３１００２Ｘ") == canonical  # full-width
    assert bi.compute("13800138000") != bi.compute("13800138001")


def test_blind_index_key_length() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        BlindIndex(b"short")


# --------------------------------------------------------------------------- masking


def test_mask_examples() -> None:
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("+8613800138000") == "+86138****8000"
    assert mask_id_number("11010119900307123X") == "110***********123X"
    assert mask_bank_card("6222021234567891234") == "6222 **** **** 1234"
    assert mask_bank_card("6222 0212 3456 7891") == "6222 **** **** 7891"
    assert mask_name("张三丰") == "张**"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧阳**"
    assert mask_name("欧阳") == "欧*"
    assert mask_name("阿卜杜拉·买买提") == "阿***·***"
    assert mask_name("张") == "*"
    assert mask_name("") == ""
    assert mask_email("zhangsan@example.com") == "z***@example.com"


@pytest.mark.parametrize("short", ["", "1", "1380", "138001"])
def test_short_values_are_fully_masked(short: str) -> None:
    assert set(mask_phone(short)) <= {"*"}
    assert set(mask_id_number(short)) <= {"*"}
    assert set(mask_bank_card(short)) <= {"*"}


# --------------------------------------------------------------------------- redaction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("phone=13800138000", "phone=138****8000"),
        ("tel:+8613800138000.", "tel:+86138****8000."),
        ("tel 8613800138000", "tel 86138****8000"),
        ("call 138 0013 8000 now", "call 138 **** 8000 now"),
        ("call 138-0013-8000", "call 138-****-8000"),
        ("id=11010519491231002X", "id=110***********002X"),
        ("身份证11010519491231002x号", "身份证110***********002x号"),
        ("card 4111111111111111", "card 4111 **** **** 1111"),
        (
            "【mCert】您的登录验证码为654321，5分钟内有效。",
            "【mCert】您的登录验证码为******，5分钟内有效。",
        ),
        ("验证码：654321", "验证码：******"),
        ("验证码 654321", "验证码 ******"),
        ("654321是您的验证码", "******是您的验证码"),
        ("654321（登录验证码）", "******（登录验证码）"),
        ("code=654321&x=1", "code=******&x=1"),
        ('{"code": "654321"}', '{"code": "******"}'),
        ("{'sms_code': '654321'}", "{'sms_code': '******'}"),
        ("OTP: 654321", "OTP: ******"),
        ("verify_code=654321", "verify_code=******"),
    ],
)
def test_redact_masks(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "amount=654321 yuan",  # six digits without a code context
        "postcode 100086",
        "region 110101",
        "error_code=100001",  # a key that merely ends in "code"
        "code=1234567",  # seven digits are not an SMS code
        "order 138001380001234",  # phone-like prefix inside a longer run
        "ts=1732850000123",
        "ref 4111111111111112",  # fails Luhn
        "x 23800138000",  # not a mobile prefix
        "",
    ],
)
def test_redact_leaves_other_numbers(text: str) -> None:
    assert redact(text) == text


separators = st.text(
    alphabet=st.characters(blacklist_categories=["Nd"], blacklist_characters="xX"), max_size=8
)


@given(separators, separators, st.sampled_from("3456789"), st.integers(0, 10**9 - 1))
def test_redact_never_leaks_a_phone(before: str, after: str, second: str, seq: int) -> None:
    phone = make_mobile("1" + second, seq)
    out = redact(f"{before}{phone}{after}")
    assert phone not in out
    assert phone[-4:] in out


@given(
    separators,
    separators,
    st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 1, 1)),
    st.integers(0, 999),
)
def test_redact_never_leaks_an_id_number(before: str, after: str, birth: date, seq: int) -> None:
    number = make_resident_id("330106", birth, seq)
    out = redact(f"{before}{number}{after}")
    assert number not in out
    assert number[6:14] not in out  # the birth date is hidden too


@given(separators, separators, st.integers(16, 19), st.integers(0, 10**6))
def test_redact_never_leaks_a_card(before: str, after: str, length: int, seq: int) -> None:
    card = make_bank_card("622202", length, seq)
    assert card not in redact(f"{before}{card}{after}")


@given(st.text(max_size=80))
def test_redact_is_idempotent(text: str) -> None:
    once = redact(text)
    assert redact(once) == once
