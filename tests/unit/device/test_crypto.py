"""Device side of key protection (mcert_device.crypto), against the server side and vectors."""

from __future__ import annotations

import base64
import json
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from mcert import keyprotect as kp
from mcert_device import crypto as dev
from mcert_device import vectors

FAST_SCRYPT = kp.ScryptParams(ln=10, r=8, p=1)


def fast_verifier(password: str) -> str:
    """A verifier with cheap parameters, for tests about logic rather than cost."""
    return kp.hash_password_verifier(password, prehash_iterations=1_000, scrypt_params=FAST_SCRYPT)


PASSWORD = "Zq8#bid-2026"
CERT_ID = "cert-1"


def _b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _pkcs8(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _key_from_jwk(jwk: dict[str, str]) -> ec.EllipticCurvePrivateKey:
    return ec.derive_private_key(int.from_bytes(_b64d(jwk["d"]), "big"), ec.SECP256R1())


# --------------------------------------------------------------------------- a tiny server


@dataclass
class ServerRecord:
    """What the server stores per certificate: verifier, share, escrowed encryption key."""

    verifier: str
    server_share: bytes
    encryption_key: ec.EllipticCurvePrivateKey
    device_id: str


def server_download(
    ks: dev.Keystore, password: str, *, cert_id: str = CERT_ID
) -> tuple[ServerRecord, ec.EllipticCurvePrivateKey]:
    """Download: the device sends CSR + transport key; the server seals and answers."""
    signing_key = dev.generate_signing_key()
    transport = dev.generate_transport_key()
    csr_pem = dev.build_csr(signing_key)
    request: dict[str, Any] = {
        "csr": csr_pem.decode(),
        "transport_key": dev.public_key_jwk(transport),
    }

    # --- server side: it sees the CSR and public keys only.
    csr = x509.load_pem_x509_csr(request["csr"].encode())
    assert csr.is_signature_valid
    rec = ServerRecord(
        verifier=fast_verifier(password),
        server_share=kp.new_server_share(),
        encryption_key=ec.generate_private_key(ec.SECP256R1()),
        device_id=ks.device_id,
    )
    sealed_share = kp.seal_to_transport_key(
        request["transport_key"],
        rec.server_share,
        kp.context_aad(cert_id, ks.device_id, "server-share"),
    )
    sealed_enc = kp.seal_to_transport_key(
        request["transport_key"],
        _pkcs8(rec.encryption_key),
        kp.context_aad(cert_id, ks.device_id, "enc-key"),
    )
    pp = kp.prehash_params(rec.verifier)

    # --- device side.
    ks.install(
        cert_id,
        transport_key=transport,
        signing_key=signing_key,
        sealed_encryption_key=sealed_enc.to_json_text(),
        sealed_server_share=sealed_share.to_json(),
        signing_cert_pem="-----BEGIN CERTIFICATE-----\n(signing)\n-----END CERTIFICATE-----\n",
        encryption_cert_pem="-----BEGIN CERTIFICATE-----\n(enc)\n-----END CERTIFICATE-----\n",
        prehash_salt=pp.salt,
        prehash_iterations=pp.iterations,
    )
    return rec, signing_key


def server_unlock(rec: ServerRecord, ks: dev.Keystore, password: str) -> bytes:
    """Unlock: present the pre-hash, get the share sealed to a per-request transport key."""
    entry = ks.entries[CERT_ID]
    assert entry.prehash_salt is not None
    assert entry.prehash_iterations is not None
    presented = dev.password_prehash(password, entry.prehash_salt, entry.prehash_iterations)
    transport = dev.generate_transport_key()
    kp.verify_password_verifier(rec.verifier, presented)  # server
    sealed = kp.seal_to_transport_key(
        dev.public_key_der(transport),
        rec.server_share,
        kp.context_aad(CERT_ID, ks.device_id, "server-share"),
    )
    return dev.open_sealed(
        transport, sealed.to_json(), dev.seal_aad(CERT_ID, ks.device_id, "server-share")
    )


# --------------------------------------------------------------------------- CSR


def test_csr_verifies_with_openssl(tmp_path: Path) -> None:
    key = dev.generate_signing_key()
    pem = dev.build_csr(key)
    (tmp_path / "req.pem").write_bytes(pem)
    result = subprocess.run(
        ["openssl", "req", "-verify", "-noout", "-in", str(tmp_path / "req.pem")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "verify OK" in (result.stdout + result.stderr)
    csr = x509.load_pem_x509_csr(pem)
    assert csr.public_key() == key.public_key()
    assert csr.subject.rfc4514_string() == "CN=mcert-device"


# --------------------------------------------------------------------------- wrap


def test_wrap_key_is_bound_to_every_input() -> None:
    ds, ss, salt = dev.new_device_secret(), bytes(32), dev.new_wrap_salt()
    base = dev.derive_wrap_key(ds, ss, cert_id="c", device_id="d", salt=salt)
    assert len(base) == 32
    assert base == dev.derive_wrap_key(ds, ss, cert_id="c", device_id="d", salt=salt)
    others = [
        dev.derive_wrap_key(ds, b"\x01" * 32, cert_id="c", device_id="d", salt=salt),
        dev.derive_wrap_key(dev.new_device_secret(), ss, cert_id="c", device_id="d", salt=salt),
        dev.derive_wrap_key(ds, ss, cert_id="c2", device_id="d", salt=salt),
        dev.derive_wrap_key(ds, ss, cert_id="c", device_id="d2", salt=salt),
        dev.derive_wrap_key(ds, ss, cert_id="c", device_id="d", salt=dev.new_wrap_salt()),
    ]
    assert base not in others


def test_wrap_round_trip_and_token_shape() -> None:
    key = dev.generate_signing_key()
    k = bytes(range(32))
    aad = dev.wrap_aad("c", "d", "sign-key")
    token = dev.wrap_private_key(key, k, aad)
    raw = _b64d(token)
    assert "=" not in token
    assert raw[0] == 1
    assert len(raw) == 1 + 12 + len(_pkcs8(key)) + 16
    assert dev.unwrap_private_key(token, k, aad).private_numbers() == key.private_numbers()
    assert dev.wrap_private_key(_pkcs8(key), k, aad) != token  # fresh nonce


@pytest.mark.parametrize(
    "other_aad",
    [
        dev.wrap_aad("other-cert", "d", "sign-key"),
        dev.wrap_aad("c", "other-device", "sign-key"),
        dev.wrap_aad("c", "d", "enc-key"),
    ],
)
def test_wrapped_key_is_bound_to_its_context(other_aad: bytes) -> None:
    k = bytes(range(32))
    token = dev.wrap_private_key(dev.generate_signing_key(), k, dev.wrap_aad("c", "d", "sign-key"))
    with pytest.raises(dev.UnwrapFailed):
        dev.unwrap_private_key(token, k, other_aad)


@pytest.mark.parametrize("position", [0, 1, 13, -1])
def test_tampered_wrapped_key_fails(position: int) -> None:
    k, aad = bytes(range(32)), dev.wrap_aad("c", "d", "sign-key")
    raw = bytearray(_b64d(dev.wrap_private_key(dev.generate_signing_key(), k, aad)))
    raw[position] ^= 0x01
    token = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    with pytest.raises(dev.UnwrapFailed):
        dev.unwrap_private_key(token, k, aad)
    with pytest.raises(dev.UnwrapFailed):
        dev.unwrap_private_key("not base64!", k, aad)


def test_prehash_matches_server() -> None:
    pp = kp.PrehashParams(salt=b"s" * 16, iterations=1_000)
    assert dev.password_prehash("证书密码Ａ１２３", pp.salt, 1_000) == kp.password_prehash(
        "证书密码A123", pp
    )


# --------------------------------------------------------------------------- protocol flows


def test_download_unlock_sign(tmp_path: Path) -> None:
    ks = dev.Keystore.create()
    rec, signing_key = server_download(ks, PASSWORD)
    ks.save(tmp_path / "ks")

    loaded = dev.Keystore.load(tmp_path / "ks")
    assert loaded == ks
    assert loaded.device_key.private_numbers() == ks.device_key.private_numbers()
    keys = loaded.unlock(CERT_ID, server_unlock(rec, loaded, PASSWORD))
    assert keys.signing_key.private_numbers() == signing_key.private_numbers()
    assert keys.encryption_key.private_numbers() == rec.encryption_key.private_numbers()
    sig = keys.signing_key.sign(b"bid", ec.ECDSA(hashes.SHA256()))
    signing_key.public_key().verify(sig, b"bid", ec.ECDSA(hashes.SHA256()))


def test_wrong_password_releases_nothing() -> None:
    ks = dev.Keystore.create()
    rec, _ = server_download(ks, PASSWORD)
    with pytest.raises(kp.WrongPassword):
        server_unlock(rec, ks, "Zq8#bid-2025")


def test_keystore_file_is_private_and_holds_no_plain_key(tmp_path: Path) -> None:
    ks = dev.Keystore.create()
    rec, signing_key = server_download(ks, PASSWORD)
    path = ks.save(tmp_path / "ks")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = path.read_text()
    for secret in (_pkcs8(signing_key), _pkcs8(rec.encryption_key), rec.server_share):
        assert base64.urlsafe_b64encode(secret).rstrip(b"=").decode() not in text
        assert secret.hex() not in text
    assert PASSWORD not in text
    assert not [p for p in path.parent.iterdir() if p.name != dev.KEYSTORE_FILENAME]
    ks.save(tmp_path / "ks")  # overwrite in place
    assert dev.Keystore.load(tmp_path / "ks") == ks


def test_copied_keystore_without_server_share_cannot_decrypt(tmp_path: Path) -> None:
    ks = dev.Keystore.create()
    rec, _ = server_download(ks, PASSWORD)
    ks.save(tmp_path / "phone")
    shutil.copytree(tmp_path / "phone", tmp_path / "thief")
    stolen = dev.Keystore.load(tmp_path / "thief")
    # Nothing in the copy depends on the password, so there is nothing to guess offline:
    # every candidate share is as good as any other, and none is right.
    for guess in (bytes(32), b"\xff" * 32, kp.new_server_share()):
        with pytest.raises(dev.UnwrapFailed):
            stolen.unlock(CERT_ID, guess)
    assert stolen.unlock(CERT_ID, rec.server_share).signing_key is not None


def test_change_and_reset_keep_the_share_and_rewrap_nothing(tmp_path: Path) -> None:
    ks = dev.Keystore.create()
    rec, signing_key = server_download(ks, PASSWORD)
    wrapped_before = ks.entries[CERT_ID]

    # Change: verify the old password, store a new verifier; the share stays.
    entry = ks.entries[CERT_ID]
    assert entry.prehash_salt is not None
    assert entry.prehash_iterations is not None
    kp.verify_password_verifier(
        rec.verifier,
        dev.password_prehash(PASSWORD, entry.prehash_salt, entry.prehash_iterations),
    )
    rec.verifier = fast_verifier("New#pass-88")
    pp = kp.prehash_params(rec.verifier)
    ks.update_prehash_params(CERT_ID, pp.salt, pp.iterations)
    with pytest.raises(kp.WrongPassword):
        server_unlock(rec, ks, PASSWORD)
    keys = ks.unlock(CERT_ID, server_unlock(rec, ks, "New#pass-88"))
    assert keys.signing_key.private_numbers() == signing_key.private_numbers()

    # Reset (after real-name re-verification): no old password, new verifier, same share.
    rec.verifier = fast_verifier("Reset#pass-99")
    pp = kp.prehash_params(rec.verifier)
    ks.update_prehash_params(CERT_ID, pp.salt, pp.iterations)
    ks.unlock(CERT_ID, server_unlock(rec, ks, "Reset#pass-99"))
    after = ks.entries[CERT_ID]
    assert after.wrapped_signing_key == wrapped_before.wrapped_signing_key
    assert after.wrapped_encryption_key == wrapped_before.wrapped_encryption_key


def test_reissue_on_new_device_keeps_the_encryption_key() -> None:
    old = dev.Keystore.create()
    old_rec, _ = server_download(old, PASSWORD)
    new = dev.Keystore.create()
    new_rec, _ = server_download(new, PASSWORD)
    # The server re-seals the same escrowed key to the new device's transport key.
    transport = dev.generate_transport_key()
    sealed = kp.seal_to_transport_key(
        dev.public_key_jwk(transport),
        _pkcs8(old_rec.encryption_key),
        kp.context_aad(CERT_ID, new.device_id, "enc-key"),
    )
    share_blob = kp.seal_to_transport_key(
        dev.public_key_jwk(transport),
        new_rec.server_share,
        kp.context_aad(CERT_ID, new.device_id, "server-share"),
    )
    signing_key = dev.generate_signing_key()
    new.install(
        CERT_ID,
        transport_key=transport,
        signing_key=signing_key,
        sealed_encryption_key=sealed.to_json(),
        sealed_server_share=share_blob.to_json(),
        signing_cert_pem="(new signing cert)",
        encryption_cert_pem="(enc cert)",
    )
    keys = new.unlock(CERT_ID, new_rec.server_share)
    assert keys.encryption_key.private_numbers() == old_rec.encryption_key.private_numbers()
    # The old phone's copy is dead: the share rotated, and the device id differs.
    with pytest.raises(dev.UnwrapFailed):
        old.unlock(CERT_ID, new_rec.server_share)
    # A blob sealed for the new device does not open as the old device's.
    with pytest.raises(dev.SealedBlobInvalid):
        dev.open_sealed(
            transport, sealed.to_json(), dev.seal_aad(CERT_ID, old.device_id, "enc-key")
        )


def test_blob_for_another_certificate_is_refused() -> None:
    ks = dev.Keystore.create()
    rec, _ = server_download(ks, PASSWORD)
    server_download(ks, PASSWORD, cert_id="cert-2")
    other = ks.entries["cert-2"]
    # Swap cert-2's wrapped key into cert-1's entry: the AAD (and K) refuse it.
    ks.entries[CERT_ID] = dev.KeyEntry(
        **{**ks.entries[CERT_ID].__dict__, "wrapped_signing_key": other.wrapped_signing_key}
    )
    with pytest.raises(dev.UnwrapFailed):
        ks.unlock(CERT_ID, rec.server_share)


def test_keystore_rejects_foreign_json() -> None:
    with pytest.raises(dev.DeviceCryptoError):
        dev.Keystore.from_json({"format": "something-else", "version": 1})


# --------------------------------------------------------------------------- vectors

VECTOR_FILE = Path(__file__).resolve().parents[3] / "docs" / "protocol-vectors.json"


@pytest.fixture(scope="module")
def vector_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(VECTOR_FILE.read_text(encoding="utf-8"))
    return data


def test_vectors_file_is_current() -> None:
    assert VECTOR_FILE.read_text(encoding="utf-8") == vectors.render(vectors.build_vectors())
    assert vectors.main(["--check", str(VECTOR_FILE)]) == 0


def test_vectors_check_detects_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "v.json"
    stale.write_text("{}\n")
    assert vectors.main(["--check", str(stale)]) == 1
    assert vectors.main([str(stale)]) == 0
    assert vectors.main(["--check", str(stale)]) == 0


def test_vectors_replay_independently(vector_data: dict[str, Any]) -> None:
    """Recompute every vector from its stated inputs, as a WebCrypto port would."""
    for v in vector_data["password_prehash"]:
        got = dev.password_prehash(v["password"], bytes.fromhex(v["salt_hex"]), v["iterations"])
        assert got.hex() == v["prehash_hex"]
    for v in vector_data["password_verifier"]:
        kp.verify_password_verifier(v["verifier"], bytes.fromhex(v["prehash_hex"]))

    wk = vector_data["wrap_key"]
    k = dev.derive_wrap_key(
        bytes.fromhex(wk["device_secret_hex"]),
        bytes.fromhex(wk["server_share_hex"]),
        cert_id=wk["cert_id"],
        device_id=wk["device_id"],
        salt=bytes.fromhex(wk["salt_hex"]),
    )
    assert k.hex() == wk["wrap_key_hex"]
    assert dev.wrap_info(wk["cert_id"], wk["device_id"]).hex() == wk["info_hex"]

    for v in vector_data["wrap"]:
        aad = dev.wrap_aad(wk["cert_id"], wk["device_id"], v["purpose"])
        assert aad.hex() == v["aad_hex"]
        key = dev.unwrap_private_key(v["token"], k, aad)
        assert key.private_numbers() == _key_from_jwk(v["private_jwk"]).private_numbers()
        assert _pkcs8(key) == _b64d(v["pkcs8_der_b64u"])

    sign_token = vector_data["wrap"][0]["token"]
    with pytest.raises(dev.UnwrapFailed):
        dev.unwrap_private_key(
            sign_token, k, bytes.fromhex(vector_data["context_mismatch"]["aad_hex"])
        )

    for v in vector_data["ecies"]:
        recipient = _key_from_jwk(v["recipient_private_jwk"])
        aad = dev.seal_aad(wk["cert_id"], wk["device_id"], v["purpose"])
        assert aad.hex() == v["aad_hex"]
        assert dev.open_sealed(recipient, v["sealed"], aad).hex() == v["plaintext_hex"]
        # The server side, given the same ephemeral key and nonce, seals the same bytes.
        blob = kp._seal_with(
            recipient.public_key(),
            bytes.fromhex(v["plaintext_hex"]),
            aad,
            _key_from_jwk(v["ephemeral_private_jwk"]),
            bytes.fromhex(v["iv_hex"]),
        )
        assert blob.to_json() == v["sealed"]


def test_keystore_from_before_device_keys_gets_one_and_keeps_it(tmp_path: Path) -> None:
    ks = dev.Keystore.create()
    old = ks.to_json()
    del old["device_key"]
    upgraded = dev.Keystore.from_json(old)
    assert upgraded.device_id == ks.device_id
    upgraded.save(tmp_path / "ks")
    again = dev.Keystore.load(tmp_path / "ks")
    assert again.device_key.private_numbers() == upgraded.device_key.private_numbers()
