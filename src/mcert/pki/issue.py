"""Certificate issuance: parse and vet CSRs, then sign certificates from a profile.

The one rule this module exists to enforce: a certificate's subject and extensions come
only from the :class:`~mcert.pki.profiles.CertificateProfile` and the identity the caller
has already verified (:class:`SubjectInfo`). A CSR contributes its public key and nothing
else — its proof of possession is checked by :func:`load_csr`, its subject and requested
extensions are ignored.

Also here: the hierarchy helpers (:func:`build_root_ca`, :func:`build_issuing_ca`,
:func:`build_ocsp_responder_cert`, :func:`build_tsa_cert`).

This module must never store what it issues, read settings, or accept a raw national ID
number as subject data; the service layer persists the returned certificate.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mcert.pki.errors import (
    CsrMalformed,
    CsrSignatureInvalid,
    IssuerKeyMismatch,
    IssuerNotCA,
    KeyTooWeak,
    KeyTypeUnsupported,
    SerialInvalid,
    SubjectInvalid,
    ValidityInvalid,
)
from mcert.pki.keys import PrivateKey, PublicKey
from mcert.pki.profiles import CertificateProfile, IssuerURLs, get_profile
from mcert.text import forbidden_char

__all__ = [
    "MAX_CSR_BYTES",
    "IssuerURLs",
    "SubjectInfo",
    "build_issuing_ca",
    "build_ocsp_responder_cert",
    "build_root_ca",
    "build_seal_maker_cert",
    "build_tsa_cert",
    "check_public_key",
    "issue_certificate",
    "load_csr",
    "new_serial_number",
    "signature_hash_for",
]

MAX_CSR_BYTES = 64 * 1024
MIN_RSA_BITS = 2048
MAX_RSA_BITS = 8192
_MAX_SERIAL = 2**159  # RFC 5280 §4.1.2.2: at most 20 octets, and the sign bit must be clear

# PrintableString alphabet (X.680 §41.4); subject serialNumber is encoded as one.
_PRINTABLE_RE = re.compile(r"[A-Za-z0-9 '()+,\-./:=?]+")
# Mainland resident ID numbers (18 chars, legacy 15 digits). Seeing one in the pseudonym
# slot means a caller forgot to hash it; refuse rather than publish it in a certificate.
_RAW_ID_RE = re.compile(r"\d{17}[\dXx]|\d{15}")


# --- CSR and key vetting -----------------------------------------------------------------


def load_csr(pem_or_der: bytes) -> x509.CertificateSigningRequest:
    """Parse a PEM or DER CSR and verify its self-signature (proof of possession)."""
    if not pem_or_der or len(pem_or_der) > MAX_CSR_BYTES:
        raise CsrMalformed(details={"reason": "size"})
    try:
        if pem_or_der.lstrip().startswith(b"-----BEGIN"):
            csr = x509.load_pem_x509_csr(pem_or_der)
        else:
            csr = x509.load_der_x509_csr(pem_or_der)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise CsrMalformed(details={"reason": "parse"}) from exc
    try:
        valid = csr.is_signature_valid
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise CsrMalformed(details={"reason": "signature_algorithm"}) from exc
    if not valid:
        raise CsrSignatureInvalid()
    return csr


def check_public_key(key: object) -> PublicKey:
    """Accept EC P-256/P-384 and RSA 2048..8192; return the key narrowed to those types."""
    if isinstance(key, ec.EllipticCurvePublicKey):
        if isinstance(key.curve, (ec.SECP256R1, ec.SECP384R1)):
            return key
        raise KeyTypeUnsupported(details={"key_type": f"ec-{key.curve.name}"})
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise KeyTooWeak(details={"key_type": "rsa", "bits": key.key_size})
        if key.key_size > MAX_RSA_BITS:
            raise KeyTypeUnsupported(details={"key_type": "rsa", "bits": key.key_size})
        return key
    raise KeyTypeUnsupported(details={"key_type": type(key).__name__})


def signature_hash_for(issuer_key: PrivateKey) -> hashes.SHA256 | hashes.SHA384:
    """SHA-384 for P-384 issuers (matching strength), SHA-256 for P-256 and RSA."""
    if isinstance(issuer_key, ec.EllipticCurvePrivateKey):
        if isinstance(issuer_key.curve, ec.SECP384R1):
            return hashes.SHA384()
        if isinstance(issuer_key.curve, ec.SECP256R1):
            return hashes.SHA256()
        raise KeyTypeUnsupported(details={"key_type": f"ec-{issuer_key.curve.name}"})
    if isinstance(issuer_key, rsa.RSAPrivateKey):
        return hashes.SHA256()
    raise KeyTypeUnsupported(details={"key_type": type(issuer_key).__name__})


def new_serial_number() -> int:
    """A random positive serial below 2**159 (up to 159 bits of entropy)."""
    while True:
        serial = x509.random_serial_number()
        # Keep at least 64 significant bits so the serial never encodes shorter than
        # 8 octets; a smaller draw has probability 2**-95 and is simply redrawn.
        if serial >= 2**64:
            return serial


# --- subject -------------------------------------------------------------------------------


class SubjectInfo(BaseModel):
    """The verified identity that goes into a subject DN; country is always CN.

    ``pseudonym_id`` is the caller's keyed hash of the person's (or organisation's) real
    identifier, written to the subject ``serialNumber`` so two people with one name stay
    distinct without the certificate leaking an ID number.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    common_name: str = Field(min_length=1, max_length=64)
    organization: str | None = Field(default=None, min_length=1, max_length=64)
    # e.g. the unified social credit code in the EN 319 412-1 form "NTRCN-<code>": public
    # information about an organisation, unlike a person's ID number.
    organization_identifier: str | None = Field(default=None, min_length=1, max_length=64)
    pseudonym_id: str | None = Field(default=None, min_length=1, max_length=64)

    @field_validator("common_name", "organization", "organization_identifier")
    @classmethod
    def _no_controls(cls, value: str | None) -> str | None:
        # Controls, bidi overrides and invisible characters: a subject must read as it is.
        if value is not None and any(forbidden_char(ch) for ch in value):
            raise ValueError("control, bidi or invisible characters are not allowed")
        return value

    @field_validator("pseudonym_id")
    @classmethod
    def _pseudonym(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not _PRINTABLE_RE.fullmatch(value):
            raise ValueError("must be PrintableString characters (use hex or base32)")
        if _RAW_ID_RE.fullmatch(value):
            raise ValueError("looks like a raw ID number; pass its keyed hash instead")
        return value

    def to_name(self) -> x509.Name:
        attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")]
        if self.organization is not None:
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.organization))
        if self.organization_identifier is not None:
            attrs.append(
                x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, self.organization_identifier)
            )
        attrs.append(_common_name(self.common_name))
        if self.pseudonym_id is not None:
            attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, self.pseudonym_id))
        return x509.Name(attrs)


def _common_name(value: str) -> x509.NameAttribute[str]:
    """The CN attribute, limited as RFC 5280 limits it: ub-common-name is 64 *characters*.

    cryptography checks the limit on UTF-8 bytes, which would cap a Chinese name at 21
    characters (a Uyghur name written in 汉字 with its ·-separated parts can be longer).
    ``SubjectInfo`` has already held the value to 64 characters, so its own check is skipped
    for longer-in-bytes values; pkilint, which counts characters as the ASN.1 size constraint
    does, confirms the result (tests/unit/pki/test_pki_issue.py).
    """
    if len(value.encode()) <= 64:
        return x509.NameAttribute(NameOID.COMMON_NAME, value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return x509.NameAttribute(NameOID.COMMON_NAME, value, _validate=False)


def _coerce_subject(subject: SubjectInfo | dict[str, object]) -> SubjectInfo:
    if isinstance(subject, SubjectInfo):
        return subject
    try:
        return SubjectInfo.model_validate(subject)
    except ValidationError as exc:
        raise SubjectInvalid(details={"errors": exc.errors(include_url=False)}) from exc


def _check_subject_for(profile: CertificateProfile, subject: SubjectInfo) -> None:
    if profile.requires_organization and subject.organization is None:
        raise SubjectInvalid("该证书类型需要机构名称", details={"profile": profile.name})
    if profile.requires_pseudonym and subject.pseudonym_id is None:
        raise SubjectInvalid("该证书类型需要身份标识", details={"profile": profile.name})
    if profile.kind.is_holder and not profile.requires_organization and subject.organization:
        # A personal certificate asserting an organisation would claim an affiliation
        # nobody verified for this profile.
        raise SubjectInvalid("个人证书不能包含机构名称", details={"profile": profile.name})


# --- time ----------------------------------------------------------------------------------


def _utc(value: datetime, field: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidityInvalid("时间必须带时区", details={"field": field})
    # X.509 time has whole seconds; truncating here keeps what we return equal to the DER.
    return value.astimezone(UTC).replace(microsecond=0)


# --- extensions ----------------------------------------------------------------------------


def _ski_of(cert: x509.Certificate) -> x509.SubjectKeyIdentifier:
    try:
        return cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    except x509.ExtensionNotFound:
        return x509.SubjectKeyIdentifier.from_public_key(check_public_key(cert.public_key()))


def _extensions(
    profile: CertificateProfile,
    public_key: PublicKey,
    issuer_ski: x509.SubjectKeyIdentifier | None,
    urls: IssuerURLs,
) -> list[tuple[x509.ExtensionType, bool]]:
    exts: list[tuple[x509.ExtensionType, bool]] = [
        (x509.BasicConstraints(ca=profile.is_ca, path_length=profile.path_length), True),
        (profile.key_usage_for(public_key), True),
    ]
    if profile.extended_key_usage:
        eku = x509.ExtendedKeyUsage([x509.ObjectIdentifier(o) for o in profile.extended_key_usage])
        exts.append((eku, profile.extended_key_usage_critical))
    exts.append((x509.SubjectKeyIdentifier.from_public_key(public_key), False))
    if issuer_ski is not None:
        aki = x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_ski)
        exts.append((aki, False))
    if profile.policy_oids:
        qualifiers: list[str | x509.UserNotice] | None = (
            [urls.cps_url] if urls.cps_url is not None else None
        )
        policies = [
            x509.PolicyInformation(x509.ObjectIdentifier(oid), qualifiers)
            for oid in profile.policy_oids
        ]
        exts.append((x509.CertificatePolicies(policies), False))
    access: list[x509.AccessDescription] = []
    if profile.include_aia_ocsp and urls.ocsp_url is not None:
        access.append(
            x509.AccessDescription(
                AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(urls.ocsp_url)
            )
        )
    if profile.include_aia_ca_issuers and urls.ca_issuers_url is not None:
        access.append(
            x509.AccessDescription(
                AuthorityInformationAccessOID.CA_ISSUERS,
                x509.UniformResourceIdentifier(urls.ca_issuers_url),
            )
        )
    if access:
        exts.append((x509.AuthorityInformationAccess(access), False))
    if profile.include_crl_distribution_point and urls.crl_url is not None:
        dp = x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(urls.crl_url)],
            relative_name=None,
            reasons=None,
            crl_issuer=None,
        )
        exts.append((x509.CRLDistributionPoints([dp]), False))
    if profile.ocsp_no_check:
        exts.append((x509.OCSPNoCheck(), False))
    return exts


# --- issuance ------------------------------------------------------------------------------


def _same_key(a: PublicKey, b: PublicKey) -> bool:
    fmt = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return a.public_bytes(*fmt) == b.public_bytes(*fmt)


def _check_issuer(
    issuer_cert: x509.Certificate, issuer_key: PrivateKey, profile: CertificateProfile
) -> None:
    try:
        bc = issuer_cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        raise IssuerNotCA(details={"reason": "no_basic_constraints"}) from None
    if not bc.ca:
        raise IssuerNotCA(details={"reason": "not_ca"})
    if profile.is_ca and bc.path_length == 0:
        raise IssuerNotCA(details={"reason": "path_length"})
    if not _same_key(check_public_key(issuer_cert.public_key()), issuer_key.public_key()):
        raise IssuerKeyMismatch()


def _sign(
    *,
    profile: CertificateProfile,
    subject: SubjectInfo,
    public_key: object,
    issuer_name: x509.Name | None,
    issuer_ski: x509.SubjectKeyIdentifier | None,
    issuer_key: PrivateKey,
    not_before: datetime,
    not_after: datetime,
    urls: IssuerURLs,
    serial: int | None,
) -> x509.Certificate:
    key = check_public_key(public_key)
    _check_subject_for(profile, subject)
    if serial is None:
        serial = new_serial_number()
    elif not 0 < serial < _MAX_SERIAL:
        raise SerialInvalid()
    if not_after <= not_before:
        raise ValidityInvalid(
            details={"not_before": not_before.isoformat(), "not_after": not_after.isoformat()}
        )
    name = subject.to_name()
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer_name if issuer_name is not None else name)
        .public_key(key)
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
    )
    for ext, critical in _extensions(profile, key, issuer_ski, urls):
        builder = builder.add_extension(ext, critical=critical)
    return builder.sign(issuer_key, signature_hash_for(issuer_key))


def issue_certificate(
    *,
    issuer_cert: x509.Certificate,
    issuer_key: PrivateKey,
    public_key: object,
    profile: CertificateProfile,
    subject: SubjectInfo,
    not_before: datetime,
    not_after: datetime | None = None,
    urls: IssuerURLs,
    serial: int | None = None,
) -> x509.Certificate:
    """Sign a certificate for ``public_key`` under ``profile``.

    ``public_key`` is typically ``load_csr(...).public_key()``; it is vetted by
    :func:`check_public_key`. ``not_after`` defaults to the profile's validity and is clamped
    to the issuer's notAfter (a certificate must not outlive its issuer), ``not_before`` to
    the issuer's notBefore. ``serial`` is random unless given (re-issuance tests, imports).
    """
    _check_issuer(issuer_cert, issuer_key, profile)
    start = max(_utc(not_before, "not_before"), issuer_cert.not_valid_before_utc)
    end = (
        _utc(not_after, "not_after") if not_after is not None else start + profile.default_validity
    )
    end = min(end, issuer_cert.not_valid_after_utc)
    return _sign(
        profile=profile,
        subject=_coerce_subject(subject),
        public_key=public_key,
        issuer_name=issuer_cert.subject,
        issuer_ski=_ski_of(issuer_cert),
        issuer_key=issuer_key,
        not_before=start,
        not_after=end,
        urls=urls,
        serial=serial,
    )


def build_root_ca(
    *,
    private_key: PrivateKey,
    subject: SubjectInfo,
    not_before: datetime,
    not_after: datetime | None = None,
    profile: CertificateProfile | None = None,
    serial: int | None = None,
) -> x509.Certificate:
    """Self-sign a root CA certificate (intended key: ECDSA P-384; default 20 years).

    No AIA, CRL DP or AKI: a trust anchor is trusted as configured, not discovered.
    """
    profile = profile or get_profile("root-ca")
    start = _utc(not_before, "not_before")
    end = _utc(not_after, "not_after") if not_after else start + profile.default_validity
    return _sign(
        profile=profile,
        subject=_coerce_subject(subject),
        public_key=private_key.public_key(),
        issuer_name=None,
        issuer_ski=None,
        issuer_key=private_key,
        not_before=start,
        not_after=end,
        urls=IssuerURLs(),
        serial=serial,
    )


def build_issuing_ca(
    *,
    root_cert: x509.Certificate,
    root_key: PrivateKey,
    public_key: object,
    subject: SubjectInfo,
    not_before: datetime,
    not_after: datetime | None = None,
    urls: IssuerURLs,
) -> x509.Certificate:
    """Issue the subordinate CA that signs holder certificates (intended key: P-256).

    ``urls`` describe the *root*: its CRL, and where its certificate is published.
    """
    return issue_certificate(
        issuer_cert=root_cert,
        issuer_key=root_key,
        public_key=public_key,
        profile=get_profile("issuing-ca"),
        subject=subject,
        not_before=not_before,
        not_after=not_after,
        urls=urls,
    )


def build_ocsp_responder_cert(
    *,
    issuer_cert: x509.Certificate,
    issuer_key: PrivateKey,
    public_key: object,
    subject: SubjectInfo,
    not_before: datetime,
    not_after: datetime | None = None,
    urls: IssuerURLs,
) -> x509.Certificate:
    """Issue a delegated OCSP responder certificate (short-lived, id-pkix-ocsp-nocheck)."""
    return issue_certificate(
        issuer_cert=issuer_cert,
        issuer_key=issuer_key,
        public_key=public_key,
        profile=get_profile("ocsp-responder"),
        subject=subject,
        not_before=not_before,
        not_after=not_after,
        urls=urls,
    )


def build_tsa_cert(
    *,
    issuer_cert: x509.Certificate,
    issuer_key: PrivateKey,
    public_key: object,
    subject: SubjectInfo,
    not_before: datetime,
    not_after: datetime | None = None,
    urls: IssuerURLs,
) -> x509.Certificate:
    """Issue an RFC 3161 time-stamping certificate (critical EKU id-kp-timeStamping only)."""
    return issue_certificate(
        issuer_cert=issuer_cert,
        issuer_key=issuer_key,
        public_key=public_key,
        profile=get_profile("tsa"),
        subject=subject,
        not_before=not_before,
        not_after=not_after,
        urls=urls,
    )


def build_seal_maker_cert(
    *,
    issuer_cert: x509.Certificate,
    issuer_key: PrivateKey,
    public_key: object,
    subject: SubjectInfo,
    not_before: datetime,
    not_after: datetime | None = None,
    urls: IssuerURLs,
) -> x509.Certificate:
    """Issue the seal-maker (制章人) certificate that signs electronic seal data."""
    return issue_certificate(
        issuer_cert=issuer_cert,
        issuer_key=issuer_key,
        public_key=public_key,
        profile=get_profile("seal-maker"),
        subject=subject,
        not_before=not_before,
        not_after=not_after,
        urls=urls,
    )
