"""Certificate-password verifiers v2: HMAC-SHA256 of the device's pre-hash under a key held
by the CA key backend (file and PKCS#11), v1 scrypt verifiers still verify and upgrade."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mcert import keyprotect
from mcert.codec import b64u_decode
from mcert.pki.errors import KeyExists, KeyNotFound, KeyPassphraseInvalid
from mcert.pki.keys import FileKeyBackend, KeyBackend, PKCS11KeyBackend

if TYPE_CHECKING:
    from tests.conftest import SoftHSMToken

PASSWORD = "Bid#2026go"
PP = keyprotect.PrehashParams(salt=b"\x07" * 16, iterations=1_000)
PREHASH = keyprotect.password_prehash(PASSWORD, PP)
USER = "user-1"
LABEL = "password-mac-1"


def verifier_key(backend: KeyBackend, label: str = LABEL) -> keyprotect.VerifierKey:
    return keyprotect.VerifierKey(label, lambda data: backend.mac(label, data))


def file_backend(directory: Path, passphrase: bytes = b"ca-pass") -> FileKeyBackend:
    return FileKeyBackend(directory, passphrase, scrypt_ln=10)


def v2_round_trip(backend: KeyBackend) -> str:
    key = verifier_key(backend)
    stored = keyprotect._v2_verifier(PREHASH, PP, key, USER, b"\x01" * 16)
    assert stored.startswith("$mcert-pw$v=2$pbkdf2-sha256,i=1000,")
    assert f"$hmac-sha256,key={LABEL},salt=" in stored
    assert keyprotect.verifier_version(stored) == 2
    assert keyprotect.prehash_params(stored) == PP
    keyprotect.verify_password_verifier(stored, PREHASH, key=key, context=USER)
    wrong = keyprotect.password_prehash("Other#2026go", PP)
    with pytest.raises(keyprotect.WrongPassword):
        keyprotect.verify_password_verifier(stored, wrong, key=key, context=USER)
    # Bound to the holder: the same verifier copied onto another user's record fails.
    with pytest.raises(keyprotect.WrongPassword):
        keyprotect.verify_password_verifier(stored, PREHASH, key=key, context="user-2")
    # Fresh salt per verifier: the same password twice gives two different verifiers.
    again = keyprotect.hash_password_verifier(
        PASSWORD, prehash_iterations=1_000, key=key, context=USER
    )
    assert keyprotect.verifier_version(again) == 2
    assert again.split("$")[-1] != stored.split("$")[-1]
    return stored


# ----------------------------------------------------------------------------- file backend


def test_file_backend_v2_round_trip_and_key_survives_restart(tmp_path: Path) -> None:
    backend = file_backend(tmp_path / "keys")
    backend.create_mac_key(LABEL)
    assert backend.has_mac_key(LABEL)
    assert not backend.has_secret_key(LABEL)  # the AES namespace is separate on disk
    with pytest.raises(KeyExists):
        backend.create_mac_key(LABEL)
    stored = v2_round_trip(backend)
    # Another process (a new backend on the same directory and passphrase) verifies it.
    keyprotect.verify_password_verifier(
        stored, PREHASH, key=verifier_key(file_backend(tmp_path / "keys")), context=USER
    )
    raw = (tmp_path / "keys" / f"{LABEL}.hmac").read_bytes()
    assert raw.startswith(b"MCERT-HMAC256-v1\n")
    assert (tmp_path / "keys" / f"{LABEL}.hmac").stat().st_mode & 0o077 == 0


def test_file_mac_key_needs_the_passphrase_and_its_own_name(tmp_path: Path) -> None:
    backend = file_backend(tmp_path / "keys")
    backend.create_mac_key(LABEL)
    with pytest.raises(KeyPassphraseInvalid):
        file_backend(tmp_path / "keys", b"wrong").mac(LABEL, b"x")
    with pytest.raises(KeyNotFound):
        backend.mac("no-such-key", b"x")
    # Renamed to another label, the sealed key does not open (the label is in the AAD).
    (tmp_path / "keys" / f"{LABEL}.hmac").rename(tmp_path / "keys" / "other.hmac")
    with pytest.raises(KeyPassphraseInvalid):
        file_backend(tmp_path / "keys").mac("other", b"x")


def test_a_database_leak_alone_allows_no_offline_guessing(tmp_path: Path) -> None:
    """The attacker has the verifier string and even the right pre-hash candidate; without
    the server key nothing they can compute matches the stored digest."""
    backend = file_backend(tmp_path / "keys")
    backend.create_mac_key(LABEL)
    stored = keyprotect._v2_verifier(PREHASH, PP, verifier_key(backend), USER, b"\x01" * 16)
    digest = b64u_decode(stored.split("$")[-1])
    salt = b64u_decode(stored.split("$")[4].split("salt=")[1])
    msg = keyprotect._v2_mac_input(USER, salt, PREHASH)
    # Every key the database could give them: none, the salts, the pre-hash itself.
    for guess in (b"", salt, PP.salt, PREHASH, LABEL.encode(), USER.encode()):
        assert not hmac.compare_digest(hmac.new(guess, msg, hashlib.sha256).digest(), digest)
    assert hashlib.sha256(msg).digest() != digest
    # Another installation's key (same label, another CA) does not verify it either.
    other = file_backend(tmp_path / "other-ca")
    other.create_mac_key(LABEL)
    with pytest.raises(keyprotect.WrongPassword):
        keyprotect.verify_password_verifier(stored, PREHASH, key=verifier_key(other), context=USER)
    # And a server without the key refuses loudly instead of calling every password wrong.
    with pytest.raises(keyprotect.VerifierFormatError):
        keyprotect.verify_password_verifier(stored, PREHASH, key=None, context=USER)
    with pytest.raises(keyprotect.VerifierFormatError):
        keyprotect.verify_password_verifier(
            stored, PREHASH, key=verifier_key(backend, "password-mac-2"), context=USER
        )


def test_v1_scrypt_verifier_still_verifies_and_upgrades_to_v2(tmp_path: Path) -> None:
    backend = file_backend(tmp_path / "keys")
    backend.create_mac_key(LABEL)
    key = verifier_key(backend)
    v1 = keyprotect._hash_password_verifier(PREHASH, PP, keyprotect.ScryptParams(ln=10), b"s" * 16)
    assert keyprotect.verifier_version(v1) == 1
    # v1 needs no key; passing one changes nothing.
    keyprotect.verify_password_verifier(v1, PREHASH)
    keyprotect.verify_password_verifier(v1, PREHASH, key=key, context=USER)
    with pytest.raises(keyprotect.WrongPassword):
        keyprotect.verify_password_verifier(v1, keyprotect.password_prehash("Nope#2026", PP))
    v2 = keyprotect.upgrade_password_verifier(v1, PREHASH, key, USER)
    assert keyprotect.verifier_version(v2) == 2
    # Same pre-hash parameters: the device computes the same value as before.
    assert keyprotect.prehash_params(v2) == keyprotect.prehash_params(v1) == PP
    keyprotect.verify_password_verifier(v2, PREHASH, key=key, context=USER)
    assert not keyprotect.verifier_needs_rehash(v2)


def test_malformed_v2_verifiers_are_format_errors() -> None:
    good = "$mcert-pw$v=2$pbkdf2-sha256,i=1000,salt=BwcHBwcHBwcHBwcHBwcHBw"
    for bad in (
        good,
        good + "$hmac-sha256,key=../x,salt=AQEBAQEBAQEBAQEBAQEBAQ$" + "A" * 43,
        good + "$hmac-sha256,key=k,salt=AQEBAQEBAQEBAQEBAQEBAQ$" + "A" * 42,
        "$mcert-pw$v=3$x",
    ):
        with pytest.raises(keyprotect.VerifierFormatError):
            keyprotect.prehash_params(bad)


# ----------------------------------------------------------------------------- PKCS#11


@pytest.mark.hsm
def test_pkcs11_backend_v2_round_trip_with_a_non_extractable_hmac_key(
    softhsm_token: SoftHSMToken,
) -> None:
    from pkcs11 import Attribute, KeyType, ObjectClass

    hsm = PKCS11KeyBackend(softhsm_token.module, softhsm_token.label, softhsm_token.user_pin)
    label = "password-mac-t"
    hsm.create_mac_key(label)
    assert hsm.has_mac_key(label)
    with pytest.raises(KeyExists):
        hsm.create_mac_key(label)
    key = verifier_key(hsm, label)
    stored = keyprotect._v2_verifier(PREHASH, PP, key, USER, b"\x01" * 16)
    keyprotect.verify_password_verifier(stored, PREHASH, key=key, context=USER)
    with pytest.raises(keyprotect.WrongPassword):
        keyprotect.verify_password_verifier(
            stored, keyprotect.password_prehash("Other#2026go", PP), key=key, context=USER
        )
    with pytest.raises(keyprotect.WrongPassword):
        keyprotect.verify_password_verifier(stored, PREHASH, key=key, context="user-2")

    def attributes(session: object) -> tuple[object, ...]:
        obj = session.get_key(object_class=ObjectClass.SECRET_KEY, label=label)  # type: ignore[attr-defined]
        return (
            obj[Attribute.KEY_TYPE],
            obj[Attribute.SENSITIVE],
            obj[Attribute.EXTRACTABLE],
            obj[Attribute.ENCRYPT],
        )

    assert hsm._call(attributes) == (KeyType.GENERIC_SECRET, True, False, False)
    # The token's CKM_SHA256_HMAC is plain HMAC-SHA256: 32 bytes, deterministic.
    assert hsm.mac(label, b"m") == hsm.mac(label, b"m") != hsm.mac(label, b"n")
    assert len(hsm.mac(label, b"m")) == 32
    with pytest.raises(KeyNotFound):
        hsm.mac("no-such-mac", b"m")
