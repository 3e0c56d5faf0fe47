"""Issuance: every profile is checked by openssl verify and pkilint, bad input by error code."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from hypothesis import given, settings
from hypothesis import strategies as st

from mcert.errors import DomainError, InvalidInput
from mcert.pki.crl import RevocationReason, RevokedEntry
from mcert.pki.errors import (
    CsrMalformed,
    CsrSignatureInvalid,
    IssuerKeyMismatch,
    IssuerNotCA,
    KeyTooWeak,
    KeyTypeUnsupported,
    ProfileUnknown,
    SerialInvalid,
    SubjectInvalid,
    ValidityInvalid,
)
from mcert.pki.issue import (
    SubjectInfo,
    check_public_key,
    issue_certificate,
    load_csr,
    new_serial_number,
)
from mcert.pki.keys import PrivateKey
from mcert.pki.profiles import get_profile

if TYPE_CHECKING:
    from conftest import Hierarchy, PKITools

HOLDER_PROFILES = ["personal-sign", "org-sign", "personal-enc", "org-enc"]
KEYS: dict[str, Callable[[], PrivateKey]] = {
    "p256": lambda: ec.generate_private_key(ec.SECP256R1()),
    "p384": lambda: ec.generate_private_key(ec.SECP384R1()),
    "rsa2048": lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048),
}
PSEUDONYM = "9f2c4e8a1b3d5f7092c4e6a8b0d2f416"


def subject_for(profile: str) -> SubjectInfo:
    return SubjectInfo(
        common_name="张三",
        organization="某某建设工程有限公司" if profile.startswith("org") else None,
        pseudonym_id=PSEUDONYM,
    )


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def issue(h: Hierarchy, profile: str, public_key: object, **kw: object) -> x509.Certificate:
    args: dict[str, object] = {
        "issuer_cert": h.issuing,
        "issuer_key": h.issuing_key,
        "public_key": public_key,
        "profile": get_profile(profile),
        "subject": subject_for(profile),
        "not_before": now() - timedelta(minutes=5),
        "urls": h.issuing_urls,
    }
    args.update(kw)
    return issue_certificate(**args)  # type: ignore[arg-type]


def assert_lint_clean(
    pki: type[PKITools], tmp_path: Path, issuer: x509.Certificate, cert: x509.Certificate
) -> None:
    cert_file = pki.write(tmp_path / "subject.pem", cert)
    issuer_file = pki.write(tmp_path / "issuer.pem", issuer)
    assert pki.pkilint("lint_pkix_cert", str(cert_file)) == ""
    chain = pki.pkilint("lint_pkix_signer_signee_cert_chain", str(issuer_file), str(cert_file))
    assert chain == ""


# --- every profile against outside tools ---------------------------------------------------


@pytest.mark.parametrize("key_type", sorted(KEYS))
@pytest.mark.parametrize("profile", HOLDER_PROFILES)
def test_holder_certificate_verifies_and_lints_clean(
    pki: type[PKITools], hierarchy: Hierarchy, tmp_path: Path, profile: str, key_type: str
) -> None:
    cert = issue(hierarchy, profile, KEYS[key_type]().public_key())
    proc = pki.openssl_verify(tmp_path, hierarchy, cert, hierarchy.issuing_crl())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith(": OK")
    assert_lint_clean(pki, tmp_path, hierarchy.issuing, cert)


def test_ca_certificates_lint_clean(
    pki: type[PKITools], hierarchy: Hierarchy, tmp_path: Path
) -> None:
    root_file = pki.write(tmp_path / "root.pem", hierarchy.root)
    assert pki.pkilint("lint_pkix_cert", str(root_file)) == ""
    assert_lint_clean(pki, tmp_path, hierarchy.root, hierarchy.issuing)


@pytest.mark.parametrize("which", ["ocsp_cert", "tsa_cert"])
def test_service_certificates_verify_and_lint_clean(
    pki: type[PKITools],
    hierarchy: Hierarchy,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    which: str,
) -> None:
    cert: x509.Certificate = request.getfixturevalue(which)
    proc = pki.openssl_verify(tmp_path, hierarchy, cert, hierarchy.issuing_crl())
    assert proc.returncode == 0, proc.stderr
    assert_lint_clean(pki, tmp_path, hierarchy.issuing, cert)


def test_openssl_accepts_tsa_and_ocsp_purposes(
    pki: type[PKITools],
    hierarchy: Hierarchy,
    tmp_path: Path,
    tsa_cert: x509.Certificate,
    ocsp_cert: x509.Certificate,
) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    root = pki.write(tmp_path / "root.pem", hierarchy.root)
    issuing = pki.write(tmp_path / "issuing.pem", hierarchy.issuing)
    for cert, purpose in [(tsa_cert, "timestampsign"), (ocsp_cert, "ocsphelper")]:
        leaf = pki.write(tmp_path / "leaf.pem", cert)
        proc = subprocess.run(
            [openssl, "verify", "-x509_strict", "-purpose", purpose, "-CAfile", str(root),
             "-untrusted", str(issuing), str(leaf)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, (purpose, proc.stderr)


def test_revoked_certificate_fails_openssl_verify(
    pki: type[PKITools], hierarchy: Hierarchy, tmp_path: Path
) -> None:
    cert = issue(hierarchy, "personal-sign", KEYS["p256"]().public_key())
    crl = hierarchy.issuing_crl(
        [
            RevokedEntry(
                cert.serial_number, now() - timedelta(minutes=1), RevocationReason.KEY_COMPROMISE
            )
        ],
        number=2,
    )
    proc = pki.openssl_verify(tmp_path, hierarchy, cert, crl)
    assert proc.returncode != 0
    assert "certificate revoked" in proc.stderr


# --- profile content -------------------------------------------------------------------------


def _ext(
    cert: x509.Certificate, cls: type[x509.ExtensionType]
) -> x509.Extension[x509.ExtensionType]:
    return cert.extensions.get_extension_for_class(cls)


@pytest.mark.parametrize("profile", ["personal-sign", "org-sign"])
def test_signing_profiles_have_non_repudiation(hierarchy: Hierarchy, profile: str) -> None:
    cert = issue(hierarchy, profile, KEYS["p256"]().public_key())
    ku = _ext(cert, x509.KeyUsage)
    assert ku.critical
    assert isinstance(ku.value, x509.KeyUsage)
    assert ku.value.digital_signature
    assert ku.value.content_commitment
    assert not ku.value.key_agreement
    assert not ku.value.key_encipherment


@pytest.mark.parametrize("profile", ["personal-enc", "org-enc"])
def test_encryption_key_usage_follows_key_type(hierarchy: Hierarchy, profile: str) -> None:
    ec_ku = _ext(issue(hierarchy, profile, KEYS["p256"]().public_key()), x509.KeyUsage).value
    rsa_ku = _ext(issue(hierarchy, profile, KEYS["rsa2048"]().public_key()), x509.KeyUsage).value
    assert isinstance(ec_ku, x509.KeyUsage)
    assert isinstance(rsa_ku, x509.KeyUsage)
    assert ec_ku.key_agreement
    assert not ec_ku.key_encipherment
    assert rsa_ku.key_encipherment
    assert not rsa_ku.key_agreement
    assert not ec_ku.content_commitment
    assert not rsa_ku.digital_signature


def test_ocsp_and_tsa_specifics(ocsp_cert: x509.Certificate, tsa_cert: x509.Certificate) -> None:
    assert ocsp_cert.extensions.get_extension_for_class(x509.OCSPNoCheck)
    ocsp_eku = _ext(ocsp_cert, x509.ExtendedKeyUsage)
    assert list(ocsp_eku.value) == [ExtendedKeyUsageOID.OCSP_SIGNING]  # type: ignore[call-overload]
    aia = _ext(ocsp_cert, x509.AuthorityInformationAccess).value
    assert isinstance(aia, x509.AuthorityInformationAccess)
    assert all(d.access_method.dotted_string != "1.3.6.1.5.5.7.48.1" for d in aia)
    tsa_eku = _ext(tsa_cert, x509.ExtendedKeyUsage)
    assert tsa_eku.critical
    assert list(tsa_eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]  # type: ignore[call-overload]


def test_hierarchy_algorithms(hierarchy: Hierarchy) -> None:
    assert isinstance(hierarchy.root.public_key(), ec.EllipticCurvePublicKey)
    assert hierarchy.root.signature_hash_algorithm is not None
    assert hierarchy.root.signature_hash_algorithm.name == "sha384"
    assert hierarchy.issuing.signature_hash_algorithm is not None
    assert hierarchy.issuing.signature_hash_algorithm.name == "sha384"
    leaf = issue(hierarchy, "personal-sign", KEYS["p256"]().public_key())
    assert leaf.signature_hash_algorithm is not None
    assert leaf.signature_hash_algorithm.name == "sha256"
    bc = _ext(hierarchy.issuing, x509.BasicConstraints).value
    assert isinstance(bc, x509.BasicConstraints)
    assert bc.ca
    assert bc.path_length == 0
    assert hierarchy.root.not_valid_after_utc - hierarchy.root.not_valid_before_utc >= timedelta(
        days=20 * 365
    )


# --- subject comes from the caller, never the CSR ---------------------------------------------


def _csr(key: PrivateKey, cn: str = "evil") -> x509.CertificateSigningRequest:
    return (
        x509.CertificateSigningRequestBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Evil Corp"),
                    x509.NameAttribute(NameOID.COMMON_NAME, cn),
                ]
            )
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("evil.example")]), critical=False)
        .sign(key, hashes.SHA256())
    )


def test_subject_and_extensions_never_come_from_csr(hierarchy: Hierarchy) -> None:
    key = KEYS["p256"]()
    csr = load_csr(_csr(key).public_bytes(serialization.Encoding.PEM))
    cert = issue(hierarchy, "org-sign", csr.public_key())
    assert cert.subject == subject_for("org-sign").to_name()
    rendered = cert.subject.rfc4514_string()
    assert "evil" not in rendered.lower()
    assert "US" not in rendered
    assert cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == PSEUDONYM
    bc = _ext(cert, x509.BasicConstraints).value
    assert isinstance(bc, x509.BasicConstraints)
    assert not bc.ca
    with pytest.raises(x509.ExtensionNotFound):
        cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)


def test_openssl_req_csr_is_accepted(
    pki: type[PKITools], hierarchy: Hierarchy, tmp_path: Path
) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    csr_file = tmp_path / "req.pem"
    subprocess.run(
        [openssl, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-keyout", str(tmp_path / "key.pem"), "-subj", "/CN=x", "-out", str(csr_file)],
        check=True, capture_output=True,
    )  # fmt: skip
    for data in (csr_file.read_bytes(), _pem_to_der(csr_file.read_bytes())):
        csr = load_csr(data)
        cert = issue(hierarchy, "personal-sign", csr.public_key())
        assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "张三"
        proc = pki.openssl_verify(tmp_path, hierarchy, cert, hierarchy.issuing_crl())
        assert proc.returncode == 0, proc.stderr


def _pem_to_der(pem: bytes) -> bytes:
    return x509.load_pem_x509_csr(pem).public_bytes(serialization.Encoding.DER)


# --- bad input ---------------------------------------------------------------------------------


def _code(exc: pytest.ExceptionInfo[DomainError]) -> str:
    return exc.value.code


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"garbage",
        b"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END",
        b"\x30\x03\x02\x01\x00",
    ],
)
def test_garbage_csr_is_malformed(data: bytes) -> None:
    with pytest.raises(CsrMalformed) as exc:
        load_csr(data)
    assert exc.value.code == "csr_malformed"
    assert isinstance(exc.value, InvalidInput)


def test_tampered_csr_signature_is_rejected() -> None:
    der = bytearray(_csr(KEYS["p256"]()).public_bytes(serialization.Encoding.DER))
    # The CN "evil" sits inside the signed CertificationRequestInfo: change one letter.
    i = der.index(b"evil")
    der[i] = ord("d")
    with pytest.raises(CsrSignatureInvalid) as exc:
        load_csr(bytes(der))
    assert exc.value.code == "csr_signature_invalid"


def test_csr_signed_by_another_key_is_rejected() -> None:
    # A CSR carrying key A but signed by key B proves nothing about A.
    a, b = KEYS["p256"](), KEYS["p256"]()
    good = _csr(b).public_bytes(serialization.Encoding.DER)
    a_spki = a.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    b_spki = b.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with pytest.raises(CsrSignatureInvalid):
        load_csr(good.replace(b_spki, a_spki))


def test_weak_rsa_key_is_rejected(hierarchy: Hierarchy) -> None:
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    with pytest.raises(KeyTooWeak) as exc:
        check_public_key(weak.public_key())
    assert exc.value.code == "key_too_weak"
    csr = load_csr(_csr(weak).public_bytes(serialization.Encoding.PEM))
    with pytest.raises(KeyTooWeak):
        issue(hierarchy, "personal-sign", csr.public_key())


@pytest.mark.parametrize(
    "make",
    [
        lambda: ed25519.Ed25519PrivateKey.generate(),
        lambda: ec.generate_private_key(ec.SECP521R1()),
        lambda: ec.generate_private_key(ec.SECP256K1()),
    ],
)
def test_unsupported_key_types_are_rejected(
    hierarchy: Hierarchy, make: Callable[[], ed25519.Ed25519PrivateKey | PrivateKey]
) -> None:
    key = make()
    with pytest.raises(KeyTypeUnsupported) as exc:
        check_public_key(key.public_key())
    assert exc.value.code == "key_type_unsupported"
    csr = load_csr(
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x")]))
        .sign(key, None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256())
        .public_bytes(serialization.Encoding.DER)
    )
    with pytest.raises(KeyTypeUnsupported):
        issue(hierarchy, "personal-sign", csr.public_key())


def test_unknown_profile() -> None:
    with pytest.raises(ProfileUnknown) as exc:
        get_profile("server-tls")
    assert exc.value.code == "profile_unknown"


def test_error_codes_are_distinct() -> None:
    codes = {
        cls.code
        for cls in (
            CsrMalformed,
            CsrSignatureInvalid,
            KeyTooWeak,
            KeyTypeUnsupported,
            ProfileUnknown,
        )
    }
    assert len(codes) == 5


def test_subject_rules(hierarchy: Hierarchy) -> None:
    key = KEYS["p256"]().public_key()
    with pytest.raises(SubjectInvalid):  # org profile without an organisation
        issue(hierarchy, "org-sign", key, subject=subject_for("personal-sign"))
    with pytest.raises(SubjectInvalid):  # personal profile claiming an organisation
        issue(hierarchy, "personal-sign", key, subject=subject_for("org-sign"))
    with pytest.raises(SubjectInvalid):  # holder certificate without a pseudonymous id
        issue(hierarchy, "personal-sign", key, subject=SubjectInfo(common_name="张三"))
    with pytest.raises(SubjectInvalid):  # dicts are validated into the domain error
        issue(hierarchy, "personal-sign", key, subject={"common_name": ""})


@pytest.mark.parametrize("raw", ["11010519491231002X", "110105194912310021", "110105491231002"])
def test_raw_id_number_is_refused_as_pseudonym(raw: str) -> None:
    with pytest.raises(ValueError, match="raw ID number"):
        SubjectInfo(common_name="张三", pseudonym_id=raw)


def test_issuer_checks(hierarchy: Hierarchy) -> None:
    key = KEYS["p256"]().public_key()
    with pytest.raises(IssuerKeyMismatch):
        issue(hierarchy, "personal-sign", key, issuer_key=hierarchy.root_key)
    leaf_key = KEYS["p256"]()
    leaf = issue(hierarchy, "personal-sign", leaf_key.public_key())
    with pytest.raises(IssuerNotCA):
        issue(hierarchy, "personal-sign", key, issuer_cert=leaf, issuer_key=leaf_key)
    with pytest.raises(IssuerNotCA):  # issuing CA has pathLen 0: no further CAs
        issue(hierarchy, "issuing-ca", key, subject=SubjectInfo(common_name="x", organization="y"))


# --- validity and serials -------------------------------------------------------------------


def test_not_after_is_clamped_to_issuer(hierarchy: Hierarchy) -> None:
    cert = issue(
        hierarchy,
        "personal-sign",
        KEYS["p256"]().public_key(),
        not_after=hierarchy.issuing.not_valid_after_utc + timedelta(days=400),
    )
    assert cert.not_valid_after_utc == hierarchy.issuing.not_valid_after_utc


def test_default_validity_from_profile(hierarchy: Hierarchy) -> None:
    start = now() - timedelta(minutes=5)
    cert = issue(hierarchy, "personal-enc", KEYS["p256"]().public_key(), not_before=start)
    assert cert.not_valid_after_utc - cert.not_valid_before_utc == timedelta(days=365)


def test_bad_validity_is_rejected(hierarchy: Hierarchy) -> None:
    key = KEYS["p256"]().public_key()
    with pytest.raises(ValidityInvalid):
        issue(hierarchy, "personal-sign", key, not_before=datetime(2030, 1, 1))  # naive
    t = now()
    with pytest.raises(ValidityInvalid):
        issue(hierarchy, "personal-sign", key, not_before=t, not_after=t - timedelta(days=1))
    with pytest.raises(ValidityInvalid):  # entirely after the issuer expires
        issue(hierarchy, "personal-sign", key, not_before=datetime(2200, 1, 1, tzinfo=UTC))


def test_serial_numbers_are_random_positive_and_long(hierarchy: Hierarchy) -> None:
    serials = [new_serial_number() for _ in range(5000)]
    assert len(set(serials)) == len(serials)
    assert all(2**64 <= s < 2**159 for s in serials)
    certs = [issue(hierarchy, "personal-sign", KEYS["p256"]().public_key()) for _ in range(20)]
    cert_serials = {c.serial_number for c in certs}
    assert len(cert_serials) == 20
    assert all(0 < s < 2**159 and s.bit_length() >= 64 for s in cert_serials)


@pytest.mark.parametrize("serial", [0, -1, 2**159])
def test_explicit_serial_out_of_range(hierarchy: Hierarchy, serial: int) -> None:
    with pytest.raises(SerialInvalid):
        issue(hierarchy, "personal-sign", KEYS["p256"]().public_key(), serial=serial)


def test_explicit_serial_is_used(hierarchy: Hierarchy) -> None:
    cert = issue(
        hierarchy, "personal-sign", KEYS["p256"]().public_key(), serial=0x1234567890ABCDEF1
    )
    assert cert.serial_number == 0x1234567890ABCDEF1


def test_ca_subject_is_fixed_country(pki: type[PKITools], hierarchy: Hierarchy) -> None:
    country = hierarchy.root.subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)
    assert [a.value for a in country] == ["CN"]
    org = hierarchy.issuing.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    assert [a.value for a in org] == [pki.CA_ORG]


def test_bin_dir_has_pkilint(pki: type[PKITools]) -> None:
    # Guards against the lint tests silently skipping because the venv moved.
    assert (pki.BIN / "lint_pkix_cert").exists()


def test_lint_harness_reports_findings(
    pki: type[PKITools], hierarchy: Hierarchy, tmp_path: Path
) -> None:
    # Negative control: a certificate that breaks RFC 5280 (no SKI/AKI, non-critical CA
    # basicConstraints, no key usage) must produce findings, or the clean results above mean
    # nothing.
    key = KEYS["p256"]()
    bad = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bad")]))
        .issuer_name(hierarchy.issuing.subject)
        .public_key(key.public_key())
        .serial_number(new_serial_number())
        .not_valid_before(now())
        .not_valid_after(now() + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=False)
        .sign(hierarchy.issuing_key, hashes.SHA256())
    )
    path = pki.write(tmp_path / "bad.pem", bad)
    assert pki.pkilint("lint_pkix_cert", str(path)) != ""


@given(cn=st.text(min_size=1, max_size=64))
@settings(max_examples=200, deadline=None)
def test_subject_common_name_round_trips_or_is_rejected(cn: str) -> None:
    try:
        info = SubjectInfo(common_name=cn, pseudonym_id=PSEUDONYM)
    except ValueError:
        return
    name = info.to_name()
    assert name.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == cn.strip()
    assert name.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value == "CN"
    assert name.public_bytes()  # and it must encode


# RFC 5280's ub-common-name counts characters; 30 汉字 are 90 UTF-8 bytes. Long minority
# names written in 汉字 with their ·-separated parts are real-name verified up to 30
# characters, so they must issue, and outside tools must agree the result is well-formed.
LONG_NAME = "阿卜杜热合曼·艾则孜·买买提明·阿卜杜克热木·吐尔逊"


def test_long_chinese_common_name_issues_and_lints_clean(
    pki: type[PKITools], hierarchy: Hierarchy, tmp_path: Path
) -> None:
    assert len(LONG_NAME) > 21
    assert len(LONG_NAME.encode()) > 64
    subject = SubjectInfo(common_name=LONG_NAME, pseudonym_id=PSEUDONYM)
    cert = issue(hierarchy, "personal-sign", KEYS["p256"]().public_key(), subject=subject)
    assert_lint_clean(pki, tmp_path, hierarchy.issuing, cert)
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    shown = subprocess.run(
        [openssl, "x509", "-noout", "-subject", "-nameopt", "utf8,sep_comma_plus_space"],
        input=cert.public_bytes(serialization.Encoding.PEM),
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert f"CN={LONG_NAME}" in shown


def test_common_name_over_64_characters_is_refused(hierarchy: Hierarchy) -> None:
    key = KEYS["p256"]().public_key()
    with pytest.raises(SubjectInvalid):
        issue(hierarchy, "personal-sign", key, subject={"common_name": "阿" * 65})
    cert = issue(
        hierarchy,
        "personal-sign",
        key,
        subject=SubjectInfo(common_name="阿" * 64, pseudonym_id=PSEUDONYM),
    )
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "阿" * 64
