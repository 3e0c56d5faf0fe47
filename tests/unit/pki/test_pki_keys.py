"""FileKeyBackend: encrypted at rest, never overwrites, clear errors; a CA that lives in it."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from mcert.pki.crl import RevokedEntry
from mcert.pki.errors import (
    BlobDecryptionFailed,
    KeyExists,
    KeyLabelInvalid,
    KeyNotFound,
    KeyPassphraseInvalid,
)
from mcert.pki.issue import SubjectInfo, issue_certificate
from mcert.pki.keys import FileKeyBackend, KeyAlgorithm, KeyBackend
from mcert.pki.profiles import get_profile

if TYPE_CHECKING:
    from conftest import PKITools

PASS = b"correct horse battery staple"


@pytest.fixture
def backend(tmp_path: Path) -> FileKeyBackend:
    return FileKeyBackend(tmp_path / "keys", PASS)


def check_signer(backend: KeyBackend, label: str) -> None:
    key = backend.get_private_key(label)
    pub = backend.get_public_key(label)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        assert isinstance(pub, ec.EllipticCurvePublicKey)
        sig = key.sign(b"data", ec.ECDSA(hashes.SHA256()))
        pub.verify(sig, b"data", ec.ECDSA(hashes.SHA256()))
    else:
        assert isinstance(pub, rsa.RSAPublicKey)
        sig = key.sign(b"data", asym_padding.PKCS1v15(), hashes.SHA256())
        pub.verify(sig, b"data", asym_padding.PKCS1v15(), hashes.SHA256())


# RSA-4096 is left out only because it is slow to generate; it takes the RSA-3072 path.
@pytest.mark.parametrize("algorithm", [a for a in KeyAlgorithm if a is not KeyAlgorithm.RSA_4096])
def test_round_trip(tmp_path: Path, backend: FileKeyBackend, algorithm: KeyAlgorithm) -> None:
    label = f"ca-{algorithm.value}"
    assert not backend.has_key(label)
    public = backend.create_key(label, algorithm)
    assert backend.has_key(label)
    if algorithm.is_ec:
        assert isinstance(public, ec.EllipticCurvePublicKey)
        assert public.curve.name == algorithm.ec_curve().name
    else:
        assert isinstance(public, rsa.RSAPublicKey)
        assert public.key_size == algorithm.rsa_bits
    path = tmp_path / "keys" / f"{label}.key.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    # A fresh instance must decrypt from disk, not from the creating instance's cache.
    check_signer(FileKeyBackend(tmp_path / "keys", PASS), label)


def test_refuses_to_overwrite(backend: FileKeyBackend) -> None:
    backend.create_key("ca", KeyAlgorithm.EC_P256)
    before = backend.get_public_key("ca")
    with pytest.raises(KeyExists) as exc:
        backend.create_key("ca", KeyAlgorithm.EC_P384)
    assert exc.value.code == "key_exists"
    assert backend.get_public_key("ca") == before
    backend.create_secret_key("escrow")
    with pytest.raises(KeyExists):
        backend.create_secret_key("escrow")


def test_wrong_passphrase_is_a_clear_error(tmp_path: Path, backend: FileKeyBackend) -> None:
    backend.create_key("ca", KeyAlgorithm.EC_P256)
    backend.create_secret_key("escrow")
    wrong = FileKeyBackend(tmp_path / "keys", b"wrong")
    with pytest.raises(KeyPassphraseInvalid) as exc:
        wrong.get_private_key("ca")
    assert exc.value.code == "key_passphrase_invalid"
    blob = backend.encrypt_blob("escrow", b"x", b"")
    with pytest.raises(KeyPassphraseInvalid):
        wrong.decrypt_blob("escrow", blob, b"")


def test_missing_and_bad_labels(backend: FileKeyBackend) -> None:
    with pytest.raises(KeyNotFound):
        backend.get_private_key("nope")
    with pytest.raises(KeyNotFound):
        backend.encrypt_blob("nope", b"x", b"")
    for bad in ["../etc/passwd", "", "a/b", ".hidden", "x" * 33, "标签"]:
        with pytest.raises(KeyLabelInvalid):
            backend.has_key(bad)


def test_blob_round_trip_and_tamper(tmp_path: Path, backend: FileKeyBackend) -> None:
    backend.create_secret_key("escrow")
    path = tmp_path / "keys" / "escrow.aes"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    blob = backend.encrypt_blob("escrow", b"holder enc key", b"holder:42")
    assert b"holder enc key" not in blob
    assert blob != backend.encrypt_blob("escrow", b"holder enc key", b"holder:42")  # fresh nonce
    fresh = FileKeyBackend(tmp_path / "keys", PASS)
    assert fresh.decrypt_blob("escrow", blob, b"holder:42") == b"holder enc key"
    with pytest.raises(BlobDecryptionFailed):
        fresh.decrypt_blob("escrow", blob, b"holder:43")
    for i in (0, 5, len(blob) - 1):
        tampered = bytearray(blob)
        tampered[i] ^= 1
        with pytest.raises(BlobDecryptionFailed):
            fresh.decrypt_blob("escrow", bytes(tampered), b"holder:42")
    with pytest.raises(BlobDecryptionFailed):
        fresh.decrypt_blob("escrow", blob[:20], b"holder:42")
    # The label is bound into the sealed key file: a renamed copy does not open.
    (tmp_path / "keys" / "other.aes").write_bytes(path.read_bytes())
    with pytest.raises(KeyPassphraseInvalid):
        fresh.decrypt_blob("other", blob, b"holder:42")


def test_ca_in_file_backend_issues_verifiable_certs(
    pki: type[PKITools], tmp_path: Path, backend: FileKeyBackend
) -> None:
    backend.create_key("root", KeyAlgorithm.EC_P384)
    backend.create_key("issuing", KeyAlgorithm.EC_P256)
    store = FileKeyBackend(tmp_path / "keys", PASS)
    h = pki.make_hierarchy(store.get_private_key("root"), store.get_private_key("issuing"))
    good, bad = (
        issue_certificate(
            issuer_cert=h.issuing,
            issuer_key=h.issuing_key,
            public_key=ec.generate_private_key(ec.SECP256R1()).public_key(),
            profile=get_profile("personal-sign"),
            subject=SubjectInfo(common_name="李四", pseudonym_id=f"ab12cd34ef56ab78{i}"),
            not_before=pki.now() - timedelta(minutes=1),
            urls=h.issuing_urls,
        )
        for i in range(2)
    )
    crl = h.issuing_crl([RevokedEntry(bad.serial_number, pki.now())])
    ok = pki.openssl_verify(tmp_path, h, good, crl)
    assert ok.returncode == 0, ok.stderr
    revoked = pki.openssl_verify(tmp_path, h, bad, crl)
    assert "certificate revoked" in revoked.stderr


def test_secret_keys_record_their_scrypt_cost(tmp_path: Path) -> None:
    """A cheap test backend's file opens in a default one (and back): the cost is in the
    file (v2: one byte after the magic), not in the reader's settings."""
    cheap = FileKeyBackend(tmp_path / "keys", PASS, scrypt_ln=10)
    cheap.create_secret_key("escrow")
    data = (tmp_path / "keys" / "escrow.aes").read_bytes()
    assert data.startswith(b"MCERT-AES256-v2\n")
    assert data[16] == 10
    blob = cheap.encrypt_blob("escrow", b"k", b"aad")
    assert FileKeyBackend(tmp_path / "keys", PASS).decrypt_blob("escrow", blob, b"aad") == b"k"
    with pytest.raises(ValueError, match="scrypt_ln"):
        FileKeyBackend(tmp_path / "keys", PASS, scrypt_ln=9)


def test_version_1_secret_keys_still_open(tmp_path: Path) -> None:
    """Files written before the cost was recorded: scrypt 2**15, no cost byte."""
    magic, salt, nonce, raw = b"MCERT-AES256-v1\n", os.urandom(16), os.urandom(12), os.urandom(32)
    kek = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(PASS)
    sealed = AESGCM(kek).encrypt(nonce, raw, magic + b"old")
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "old.aes").write_bytes(magic + salt + nonce + sealed)
    backend = FileKeyBackend(tmp_path / "keys", PASS, scrypt_ln=10)
    blob = backend.encrypt_blob("old", b"payload", b"")
    # sealed under the v1 file's key: the version byte is the blob's AAD (pki/keys/base.py)
    assert AESGCM(raw).decrypt(blob[1:13], blob[13:], blob[:1]) == b"payload"
    assert backend.decrypt_blob("old", blob, b"") == b"payload"
