"""PKCS11KeyBackend on a throwaway SoftHSM2 token: the CA key never leaves the token."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa, utils
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding

from mcert.pki.crl import RevocationReason, RevokedEntry
from mcert.pki.errors import (
    BlobDecryptionFailed,
    KeyBackendError,
    KeyExists,
    KeyNotFound,
    KeyOperationUnsupported,
)
from mcert.pki.issue import SubjectInfo, issue_certificate
from mcert.pki.keys import KeyAlgorithm, PKCS11KeyBackend
from mcert.pki.profiles import get_profile

if TYPE_CHECKING:
    from tests.conftest import SoftHSMToken

    from conftest import PKITools

pytestmark = pytest.mark.hsm


@pytest.fixture(scope="module")
def hsm(softhsm_token: SoftHSMToken) -> PKCS11KeyBackend:
    return PKCS11KeyBackend(softhsm_token.module, softhsm_token.label, softhsm_token.user_pin)


@pytest.mark.parametrize("algorithm", [a for a in KeyAlgorithm if a is not KeyAlgorithm.RSA_4096])
def test_keys_sign_on_token(hsm: PKCS11KeyBackend, algorithm: KeyAlgorithm) -> None:
    label = f"t-{algorithm.value}"
    public = hsm.create_key(label, algorithm)
    assert hsm.has_key(label)
    key = hsm.get_private_key(label)
    assert key.public_key() == public
    assert key.key_size == public.key_size
    if isinstance(key, ec.EllipticCurvePrivateKey):
        assert isinstance(public, ec.EllipticCurvePublicKey)
        assert key.curve.name == algorithm.ec_curve().name
        for h in (hashes.SHA256(), hashes.SHA384()):
            public.verify(key.sign(b"tbs", ec.ECDSA(h)), b"tbs", ec.ECDSA(h))
        digest = hashes.Hash(hashes.SHA256())
        digest.update(b"tbs")
        prehashed = key.sign(digest.finalize(), ec.ECDSA(utils.Prehashed(hashes.SHA256())))
        public.verify(prehashed, b"tbs", ec.ECDSA(hashes.SHA256()))
    else:
        assert isinstance(public, rsa.RSAPublicKey)
        assert public.key_size == algorithm.rsa_bits
        pkcs1 = asym_padding.PKCS1v15()
        public.verify(key.sign(b"tbs", pkcs1, hashes.SHA256()), b"tbs", pkcs1, hashes.SHA256())
        for salt in (asym_padding.PSS.DIGEST_LENGTH, asym_padding.PSS.MAX_LENGTH, 20):
            pss = asym_padding.PSS(asym_padding.MGF1(hashes.SHA256()), salt)
            check = asym_padding.PSS(asym_padding.MGF1(hashes.SHA256()), asym_padding.PSS.AUTO)
            public.verify(key.sign(b"tbs", pss, hashes.SHA256()), b"tbs", check, hashes.SHA256())


def test_private_key_cannot_leave_token(hsm: PKCS11KeyBackend) -> None:
    hsm.create_key("t-sealed", KeyAlgorithm.EC_P256)
    key = hsm.get_private_key("t-sealed")
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    with pytest.raises(KeyOperationUnsupported):
        key.private_numbers()
    with pytest.raises(KeyOperationUnsupported):
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    with pytest.raises(KeyOperationUnsupported):
        key.exchange(ec.ECDH(), ec.generate_private_key(ec.SECP256R1()).public_key())

    import pkcs11

    def attrs(session: object) -> tuple[bool, bool]:
        obj = session.get_key(object_class=pkcs11.ObjectClass.PRIVATE_KEY, label="t-sealed")  # type: ignore[attr-defined]
        return obj[pkcs11.Attribute.SENSITIVE], obj[pkcs11.Attribute.EXTRACTABLE]

    assert hsm._call(attrs) == (True, False)


def test_duplicates_and_missing(hsm: PKCS11KeyBackend) -> None:
    hsm.create_key("t-dup", KeyAlgorithm.EC_P256)
    with pytest.raises(KeyExists):
        hsm.create_key("t-dup", KeyAlgorithm.EC_P256)
    assert not hsm.has_key("t-missing")
    with pytest.raises(KeyNotFound):
        hsm.get_private_key("t-missing")


def test_wrong_pin_is_backend_error(softhsm_token: SoftHSMToken) -> None:
    bad = PKCS11KeyBackend(softhsm_token.module, softhsm_token.label, "000000")
    with pytest.raises(KeyBackendError):
        bad.has_key("anything")


def test_blobs_on_token(hsm: PKCS11KeyBackend) -> None:
    hsm.create_secret_key("t-escrow")
    assert hsm.has_secret_key("t-escrow")
    with pytest.raises(KeyExists):
        hsm.create_secret_key("t-escrow")
    blob = hsm.encrypt_blob("t-escrow", b"holder enc key", b"holder:42")
    assert b"holder enc key" not in blob
    assert hsm.decrypt_blob("t-escrow", blob, b"holder:42") == b"holder enc key"
    with pytest.raises(BlobDecryptionFailed):
        hsm.decrypt_blob("t-escrow", blob, b"holder:43")
    tampered = bytearray(blob)
    tampered[-1] ^= 1
    with pytest.raises(BlobDecryptionFailed):
        hsm.decrypt_blob("t-escrow", bytes(tampered), b"holder:42")
    with pytest.raises(KeyNotFound):
        hsm.encrypt_blob("t-nope", b"x", b"")


def test_concurrent_signing_shares_one_session(hsm: PKCS11KeyBackend) -> None:
    hsm.create_key("t-threads", KeyAlgorithm.EC_P256)
    key = hsm.get_private_key("t-threads")
    public = key.public_key()
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    assert isinstance(public, ec.EllipticCurvePublicKey)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for j in range(10):
                msg = f"{i}-{j}".encode()
                public.verify(
                    key.sign(msg, ec.ECDSA(hashes.SHA256())), msg, ec.ECDSA(hashes.SHA256())
                )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_ca_on_token_issues_verifiable_certs_and_crl(
    pki: type[PKITools], hsm: PKCS11KeyBackend, tmp_path: Path
) -> None:
    hsm.create_key("root-r1", KeyAlgorithm.EC_P384)
    hsm.create_key("issuing-e1", KeyAlgorithm.EC_P256)
    h = pki.make_hierarchy(hsm.get_private_key("root-r1"), hsm.get_private_key("issuing-e1"))
    certs = [
        issue_certificate(
            issuer_cert=h.issuing,
            issuer_key=h.issuing_key,
            public_key=ec.generate_private_key(ec.SECP256R1()).public_key(),
            profile=get_profile(profile),
            subject=SubjectInfo(
                common_name="王五",
                organization="某某招标代理有限公司" if profile.startswith("org") else None,
                pseudonym_id="77aa88bb99cc00dd11ee22ff",
            ),
            not_before=pki.now() - timedelta(minutes=1),
            urls=h.issuing_urls,
        )
        for profile in ("personal-sign", "org-enc", "org-sign")
    ]
    revoked = certs[-1]
    crl = h.issuing_crl(
        [RevokedEntry(revoked.serial_number, pki.now(), RevocationReason.KEY_COMPROMISE)], number=3
    )
    for cert in certs[:-1]:
        proc = pki.openssl_verify(tmp_path, h, cert, crl)
        assert proc.returncode == 0, proc.stderr
    proc = pki.openssl_verify(tmp_path, h, revoked, crl)
    assert proc.returncode != 0
    assert "certificate revoked" in proc.stderr
    # Token signatures must be as clean as software ones: DER ECDSA-Sig-Value, right hash.
    root_file = pki.write(tmp_path / "root.pem", h.root)
    issuing_file = pki.write(tmp_path / "issuing.pem", h.issuing)
    leaf_file = pki.write(tmp_path / "leaf.pem", certs[0])
    crl_file = pki.write(tmp_path / "crl.pem", crl)
    assert pki.pkilint("lint_pkix_cert", str(root_file)) == ""
    assert (
        pki.pkilint("lint_pkix_signer_signee_cert_chain", str(root_file), str(issuing_file)) == ""
    )
    assert (
        pki.pkilint("lint_pkix_signer_signee_cert_chain", str(issuing_file), str(leaf_file)) == ""
    )
    assert pki.pkilint("lint_crl", "-t", "CRL", "-p", "PKIX", str(crl_file)) == ""


def test_token_key_signs_ocsp_responses(pki: type[PKITools], hsm: PKCS11KeyBackend) -> None:
    from cryptography.x509 import ocsp

    hsm.create_key("t-ocsp", KeyAlgorithm.EC_P256)
    issuer_key = ec.generate_private_key(ec.SECP256R1())
    h = pki.make_hierarchy(ec.generate_private_key(ec.SECP384R1()), issuer_key)
    responder_key = hsm.get_private_key("t-ocsp")
    responder = issue_certificate(
        issuer_cert=h.issuing,
        issuer_key=h.issuing_key,
        public_key=responder_key.public_key(),
        profile=get_profile("ocsp-responder"),
        subject=SubjectInfo(common_name="OCSP", organization=pki.CA_ORG),
        not_before=pki.now() - timedelta(minutes=1),
        urls=h.issuing_urls,
    )
    now = pki.now()
    response = (
        ocsp.OCSPResponseBuilder()
        .add_response(
            cert=responder,
            issuer=h.issuing,
            algorithm=hashes.SHA256(),
            cert_status=ocsp.OCSPCertStatus.GOOD,
            this_update=now,
            next_update=now + timedelta(hours=1),
            revocation_time=None,
            revocation_reason=None,
        )
        .responder_id(ocsp.OCSPResponderEncoding.HASH, responder)
        .certificates([responder])
        .sign(responder_key, hashes.SHA256())
    )
    parsed = ocsp.load_der_ocsp_response(response.public_bytes(serialization.Encoding.DER))
    public = responder.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    assert parsed.signature_hash_algorithm is not None
    public.verify(
        parsed.signature, parsed.tbs_response_bytes, ec.ECDSA(parsed.signature_hash_algorithm)
    )
