"""Server side of certificate-password key protection (mcert.keyprotect)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from mcert import keyprotect as kp
from mcert.errors import InvalidInput, PermissionDenied
from mcert_device import crypto as dev

FAST_SCRYPT = kp.ScryptParams(ln=10, r=8, p=1)


def fast_verifier(password: str) -> str:
    """A verifier with cheap parameters, for tests about logic rather than cost."""
    return kp.hash_password_verifier(password, prehash_iterations=1_000, scrypt_params=FAST_SCRYPT)


PHONE = "13812345678"
BIRTH = date(1990, 3, 7)


def _prehash_for(stored: str, password: str) -> bytes:
    pp = kp.prehash_params(stored)
    return dev.password_prehash(password, pp.salt, pp.iterations)


# --------------------------------------------------------------------------- rules


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("", "too_short"),
        ("a1b2c", "too_short"),
        ("x" * 65, "too_long"),
        ("000000", "repeated"),
        ("aaaaaaaa", "repeated"),
        ("１１１１１１", "repeated"),  # full-width digits fold to ASCII
        ("123456", "sequence"),
        ("12345678", "sequence"),
        ("654321", "sequence"),
        ("987654321", "sequence"),
        ("abcdef", "sequence"),
        ("ABCDEFG", "sequence"),
        ("fedcba", "sequence"),
        ("qwerty", "sequence"),
        ("１２３４５６", "sequence"),
        ("password", "common"),
        ("Password1", "common"),
        ("woaini1314", "common"),
        ("5201314", "common"),
        ("a123456", "common"),
        ("123123", "common"),
        ("1qaz2wsx", "sequence"),  # keyboard walk
        ("qweasdzxc", "common"),
    ],
)
def test_trivial_passwords_are_rejected(password: str, rule: str) -> None:
    with pytest.raises(kp.WeakPassword) as exc:
        kp.check_password_strength(password)
    assert exc.value.code == "password_weak"
    assert exc.value.details == {"rule": rule}
    assert "密码" in exc.value.message
    assert isinstance(exc.value, InvalidInput)


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        (PHONE, "phone"),
        ("x" + PHONE + "!", "phone"),
        ("345678", "sequence"),  # a run wins before the phone rule
        ("812345", "phone"),  # part of the phone number
        ("Bid#345678", "phone"),  # contains the last six digits
        ("19900307", "birth_date"),
        ("900307", "birth_date"),
        ("Zx-03071990", "birth_date"),
        ("070390", "birth_date"),
    ],
)
def test_personal_data_is_rejected(password: str, rule: str) -> None:
    with pytest.raises(kp.WeakPassword) as exc:
        kp.check_password_strength(password, phone=PHONE, birth_date=BIRTH)
    assert exc.value.details["rule"] == rule


def test_phone_and_birth_date_forms() -> None:
    with pytest.raises(kp.WeakPassword):
        kp.check_password_strength("p" + PHONE, phone="+86 138-1234-5678")
    with pytest.raises(kp.WeakPassword):
        kp.check_password_strength("19900307", birth_date="1990-03-07")
    with pytest.raises(ValueError, match="birth_date"):
        kp.check_password_strength("Zq8#bid-2026", birth_date="03/07")


@pytest.mark.parametrize("password", ["Zq8#bid-2026", "739251", "证书密码2026", "135790", "a1b2c3"])
def test_reasonable_passwords_pass(password: str) -> None:
    kp.check_password_strength(password, phone=PHONE, birth_date=BIRTH)


# --------------------------------------------------------------------------- verifier


def test_verifier_round_trip_with_default_parameters() -> None:
    stored = kp.hash_password_verifier("Zq8#bid-2026", phone=PHONE)
    assert stored.startswith("$mcert-pw$v=1$pbkdf2-sha256,i=310000,salt=")
    assert "$scrypt,ln=14,r=8,p=1,salt=" in stored
    kp.verify_password_verifier(stored, _prehash_for(stored, "Zq8#bid-2026"))
    # NFKC: the full-width form of the same password is the same password.
    kp.verify_password_verifier(stored, _prehash_for(stored, "Ｚｑ８＃ｂｉｄ－２０２６"))


def test_wrong_password_raises() -> None:
    stored = fast_verifier("Zq8#bid-2026")
    with pytest.raises(kp.WrongPassword) as exc:
        kp.verify_password_verifier(stored, _prehash_for(stored, "Zq8#bid-2027"))
    assert exc.value.code == "password_wrong"
    assert exc.value.message == "证书密码错误"
    assert isinstance(exc.value, PermissionDenied)


def test_weak_password_is_rejected_before_hashing() -> None:
    with pytest.raises(kp.WeakPassword):
        fast_verifier("123456")


def test_fresh_salts_each_time() -> None:
    a = fast_verifier("Zq8#bid-2026")
    b = fast_verifier("Zq8#bid-2026")
    assert a != b
    assert kp.prehash_params(a).salt != kp.prehash_params(b).salt


def test_prehash_params_are_what_the_device_needs() -> None:
    stored = fast_verifier("Zq8#bid-2026")
    pp = kp.prehash_params(stored)
    assert pp.iterations == 1_000
    assert len(pp.salt) == 16
    assert pp.to_json()["alg"] == "PBKDF2-SHA256"
    assert kp.password_prehash("Zq8#bid-2026", pp) == _prehash_for(stored, "Zq8#bid-2026")


@pytest.mark.parametrize("presented", [b"", b"x" * 31, b"x" * 33, "not-bytes"])
def test_malformed_prehash_is_invalid_input_not_a_guess(presented: object) -> None:
    stored = fast_verifier("Zq8#bid-2026")
    with pytest.raises(kp.PasswordPrehashMalformed):
        kp.verify_password_verifier(stored, presented)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
        "$mcert-pw$v=2$pbkdf2-sha256,i=1000,salt=AAAAAAAAAAAAAAAAAAAAAA"
        "$scrypt,ln=10,r=8,p=1,salt=AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43,
        "$mcert-pw$v=1$pbkdf2-sha256,i=1000,salt=AAAAAAAAAAAAAAAAAAAAAA"
        "$scrypt,ln=99,r=8,p=1,salt=AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43,
    ],
)
def test_corrupt_verifier_is_not_a_wrong_password(stored: str) -> None:
    with pytest.raises(kp.VerifierFormatError) as exc:
        kp.verify_password_verifier(stored, b"\x00" * 32)
    assert str(exc.value) == "stored password verifier is malformed"  # never echoes the record


def test_rehash_keeps_prehash_parameters() -> None:
    stored = fast_verifier("Zq8#bid-2026")
    assert kp.verifier_needs_rehash(stored)
    assert not kp.verifier_needs_rehash(stored, FAST_SCRYPT)
    presented = _prehash_for(stored, "Zq8#bid-2026")
    new = kp.rehash_password_verifier(stored, presented, kp.ScryptParams(ln=11))
    assert kp.prehash_params(new) == kp.prehash_params(stored)
    assert "scrypt,ln=11,r=8,p=1" in new
    kp.verify_password_verifier(new, presented)
    with pytest.raises(kp.WrongPassword):
        kp.rehash_password_verifier(stored, b"\x01" * 32)


def test_server_share() -> None:
    a, b = kp.new_server_share(), kp.new_server_share()
    assert len(a) == 32
    assert a != b


# --------------------------------------------------------------------------- ECIES


@pytest.fixture
def transport() -> ec.EllipticCurvePrivateKey:
    return dev.generate_transport_key()


AAD = kp.context_aad("cert-1", "device-1", "server-share")


@pytest.mark.parametrize("form", ["der", "raw", "jwk", "jwk_text"])
def test_seal_accepts_each_public_key_form(
    transport: ec.EllipticCurvePrivateKey, form: str
) -> None:
    forms: dict[str, Any] = {
        "der": dev.public_key_der(transport),
        "raw": transport.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        ),
        "jwk": dev.public_key_jwk(transport),
        "jwk_text": json.dumps(dev.public_key_jwk(transport)),
    }
    blob = kp.seal_to_transport_key(forms[form], b"secret share", AAD)
    assert dev.open_sealed(transport, blob.to_json(), AAD) == b"secret share"
    assert dev.open_sealed(transport, blob.to_json_text(), AAD) == b"secret share"


def test_sealed_blob_json_round_trip(transport: ec.EllipticCurvePrivateKey) -> None:
    blob = kp.seal_to_transport_key(dev.public_key_der(transport), b"x", AAD)
    data = blob.to_json()
    assert set(data) == {"v", "alg", "epk", "iv", "ct"}
    assert all("=" not in str(v) for v in data.values())
    assert kp.SealedBlob.from_json(data) == blob
    assert kp.SealedBlob.from_json(blob.to_json_text()) == blob
    with pytest.raises(InvalidInput) as exc:
        kp.SealedBlob.from_json({**data, "v": 2})
    assert exc.value.code == "sealed_blob_malformed"


def test_each_seal_uses_a_fresh_ephemeral_key(transport: ec.EllipticCurvePrivateKey) -> None:
    pub = dev.public_key_der(transport)
    a = kp.seal_to_transport_key(pub, b"x", AAD)
    b = kp.seal_to_transport_key(pub, b"x", AAD)
    assert a.epk != b.epk
    assert a.ct != b.ct


@pytest.mark.parametrize("field", ["epk", "iv", "ct"])
def test_tampered_sealed_blob_fails(transport: ec.EllipticCurvePrivateKey, field: str) -> None:
    blob = kp.seal_to_transport_key(dev.public_key_der(transport), b"secret share", AAD)
    raw = bytearray(getattr(blob, field))
    raw[-1] ^= 0x01
    tampered = kp.SealedBlob(**{**blob.__dict__, field: bytes(raw)})
    with pytest.raises(dev.SealedBlobInvalid):
        dev.open_sealed(transport, tampered.to_json(), AAD)


@pytest.mark.parametrize(
    "other_aad",
    [
        kp.context_aad("cert-2", "device-1", "server-share"),
        kp.context_aad("cert-1", "device-2", "server-share"),
        kp.context_aad("cert-1", "device-1", "enc-key"),
        b"",
    ],
)
def test_sealed_blob_is_bound_to_its_context(
    transport: ec.EllipticCurvePrivateKey, other_aad: bytes
) -> None:
    blob = kp.seal_to_transport_key(dev.public_key_der(transport), b"secret share", AAD)
    with pytest.raises(dev.SealedBlobInvalid):
        dev.open_sealed(transport, blob.to_json(), other_aad)


def test_sealed_blob_opens_only_with_its_transport_key(
    transport: ec.EllipticCurvePrivateKey,
) -> None:
    blob = kp.seal_to_transport_key(dev.public_key_der(transport), b"secret share", AAD)
    with pytest.raises(dev.SealedBlobInvalid):
        dev.open_sealed(dev.generate_transport_key(), blob.to_json(), AAD)


def test_context_aad_layout() -> None:
    assert kp.context_aad("c", "dev", "enc-key") == (
        b"mcert/keyprotect/v1/seal\x00" + b"\x00\x01c" + b"\x00\x03dev" + b"\x00\x07enc-key"
    )
    with pytest.raises(ValueError, match="purpose"):
        kp.context_aad("c", "d", "sign-key")
    with pytest.raises(ValueError, match="1-255"):
        kp.context_aad("", "d", "enc-key")


def _bad_keys() -> list[object]:
    p256 = ec.generate_private_key(ec.SECP256R1())
    jwk = dev.public_key_jwk(p256)
    p384 = ec.generate_private_key(ec.SECP384R1()).public_key()
    rsa_pub = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    return [
        b"",
        b"\x04" + b"\x00" * 64,  # not on the curve
        p384.public_bytes(*spki),
        rsa_pub.public_bytes(*spki),
        {**jwk, "crv": "P-384"},
        {**jwk, "y": jwk["x"]},  # off the curve
        {**jwk, "d": "AAAA"},  # a private JWK means the device leaked its key; refuse
        {"kty": "RSA"},
        "not json",
    ]


@pytest.mark.parametrize("key", _bad_keys())
def test_invalid_transport_keys_are_rejected(key: object) -> None:
    with pytest.raises(kp.TransportKeyInvalid) as exc:
        kp.seal_to_transport_key(key, b"x", AAD)  # type: ignore[arg-type]
    assert exc.value.code == "transport_key_invalid"
