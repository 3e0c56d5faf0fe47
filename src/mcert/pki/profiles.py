"""Certificate profiles: what each kind of certificate we issue must contain.

A profile is a frozen pydantic model naming the key usage, extended key usage, certificate
policies, basic constraints and default validity of one certificate type. The issuer
(:mod:`mcert.pki.issue`) turns a profile plus the caller's verified identity into
extensions; nothing from a holder's CSR ever reaches a certificate except its public key.

Holder profiles come in pairs, as Chinese e-bidding platforms expect: a *signing*
certificate (non-repudiation; its key never leaves the phone and is never escrowed) and an
*encryption* certificate (for opening sealed bids; its key may be escrowed).

URLs (OCSP, CA issuers, CRL, CPS) and policy OIDs belong to the deployment, so the caller
passes them in; this module only ships defaults. It must never read settings or touch a
database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import timedelta
from enum import StrEnum
from types import MappingProxyType

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from pydantic import BaseModel, ConfigDict, Field, field_validator

from mcert.pki.errors import KeyTypeUnsupported, ProfileUnknown

__all__ = [
    "ANY_POLICY_OID",
    "DEFAULT_POLICY_ARC",
    "PROFILES",
    "CertificateProfile",
    "IssuerURLs",
    "KeyUsageBit",
    "ProfileKind",
    "get_profile",
    "profile_names",
]

# Default certificate-policy arc, unique without registering anything: Microsoft's
# GUID-derived arc 1.2.840.113556.1.8000.2554, followed by GUID
# 8560fa0b-6933-4300-a314-6a0eab095c95 split into 16/16/16/16/16/24/24-bit pieces. (The
# shorter 2.25.<uuid> form of ITU-T X.667 was tried first, but its 128-bit arc breaks
# decoders that cap arcs at 32 bits, pkilint/pyasn1 among them.) A production CA should
# pass its own arc (e.g. under its IANA Private Enterprise Number) and publish a CPS that
# names these OIDs. Sub-arcs: .1.x holder certificates, .2.x service certificates.
DEFAULT_POLICY_ARC = "1.2.840.113556.1.8000.2554.34144.64011.26931.17152.41748.6950571.613525"
ANY_POLICY_OID = "2.5.29.32.0"

# RFC 9336 id-kp-documentSigning: the purpose-built EKU for signing human-readable
# documents (PDF bid files), which is what holder signing keys do.
DOCUMENT_SIGNING_OID = "1.3.6.1.5.5.7.3.36"
EMAIL_PROTECTION_OID = ExtendedKeyUsageOID.EMAIL_PROTECTION.dotted_string
OCSP_SIGNING_OID = ExtendedKeyUsageOID.OCSP_SIGNING.dotted_string
TIME_STAMPING_OID = ExtendedKeyUsageOID.TIME_STAMPING.dotted_string

_OID_RE = re.compile(r"[0-2](\.(0|[1-9][0-9]*))+")
# RFC 5280 §4.2.2.1/§4.2.1.13 say use http (not https) for AIA and CRLDP to avoid a
# certificate-validation loop; https is tolerated for the CPS pointer only.
_HTTP_URL_RE = re.compile(r"http://[\x21-\x7e]+")
_CPS_URL_RE = re.compile(r"https?://[\x21-\x7e]+")


class ProfileKind(StrEnum):
    SIGN = "sign"  # holder signing certificate
    ENCRYPT = "encrypt"  # holder encryption certificate
    OCSP = "ocsp"
    TSA = "tsa"
    SEAL_MAKER = "seal-maker"  # 制章人: signs electronic seal data (GB/T 38540 SESeal)
    ROOT_CA = "root-ca"
    ISSUING_CA = "issuing-ca"

    @property
    def is_ca(self) -> bool:
        return self in (ProfileKind.ROOT_CA, ProfileKind.ISSUING_CA)

    @property
    def is_holder(self) -> bool:
        return self in (ProfileKind.SIGN, ProfileKind.ENCRYPT)


class KeyUsageBit(StrEnum):
    DIGITAL_SIGNATURE = "digital_signature"
    CONTENT_COMMITMENT = "content_commitment"  # a.k.a. nonRepudiation
    KEY_ENCIPHERMENT = "key_encipherment"
    DATA_ENCIPHERMENT = "data_encipherment"
    KEY_AGREEMENT = "key_agreement"
    KEY_CERT_SIGN = "key_cert_sign"
    CRL_SIGN = "crl_sign"


def _check_oid(value: str) -> str:
    if not _OID_RE.fullmatch(value):
        raise ValueError(f"not a dotted OID: {value!r}")
    return value


class IssuerURLs(BaseModel):
    """Where relying parties find the issuer's status services; all supplied by the caller.

    ``ocsp_url`` and ``ca_issuers_url`` go into Authority Information Access, ``crl_url``
    into CRL Distribution Points, ``cps_url`` into the policy qualifiers.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    ocsp_url: str | None = None
    ca_issuers_url: str | None = None
    crl_url: str | None = None
    cps_url: str | None = None

    @field_validator("ocsp_url", "ca_issuers_url", "crl_url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not _HTTP_URL_RE.fullmatch(value):
            raise ValueError("must be a plain http:// URL of printable ASCII")
        return value

    @field_validator("cps_url")
    @classmethod
    def _cps(cls, value: str | None) -> str | None:
        if value is not None and not _CPS_URL_RE.fullmatch(value):
            raise ValueError("must be an http(s):// URL of printable ASCII")
        return value


class CertificateProfile(BaseModel):
    """One certificate type. Instances are immutable; derive variants with ``model_copy``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    description: str
    kind: ProfileKind
    key_usage: frozenset[KeyUsageBit] = frozenset()
    # Encryption profiles add keyAgreement (EC) or keyEncipherment (RSA) by key type.
    encryption_usage_from_key: bool = False
    extended_key_usage: tuple[str, ...] = ()
    extended_key_usage_critical: bool = False
    path_length: int | None = Field(default=None, ge=0)
    policy_oids: tuple[str, ...] = ()
    ocsp_no_check: bool = False
    include_aia_ocsp: bool = True
    include_aia_ca_issuers: bool = True
    include_crl_distribution_point: bool = True
    requires_organization: bool = False
    requires_pseudonym: bool = False
    default_validity: timedelta

    @field_validator("extended_key_usage", "policy_oids")
    @classmethod
    def _oids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for oid in value:
            _check_oid(oid)
        if len(set(value)) != len(value):
            raise ValueError("duplicate OID")
        return value

    @property
    def is_ca(self) -> bool:
        return self.kind.is_ca

    def with_policy_oids(self, policy_oids: Sequence[str]) -> CertificateProfile:
        """This profile with the deployment's own certificate policy OIDs."""
        return CertificateProfile.model_validate(
            {**self.model_dump(), "policy_oids": tuple(policy_oids)}
        )

    def key_usage_for(self, public_key: object) -> x509.KeyUsage:
        bits = set(self.key_usage)
        if self.encryption_usage_from_key:
            if isinstance(public_key, ec.EllipticCurvePublicKey):
                bits.add(KeyUsageBit.KEY_AGREEMENT)
            elif isinstance(public_key, rsa.RSAPublicKey):
                bits.add(KeyUsageBit.KEY_ENCIPHERMENT)
            else:
                raise KeyTypeUnsupported(details={"profile": self.name})
        return x509.KeyUsage(
            digital_signature=KeyUsageBit.DIGITAL_SIGNATURE in bits,
            content_commitment=KeyUsageBit.CONTENT_COMMITMENT in bits,
            key_encipherment=KeyUsageBit.KEY_ENCIPHERMENT in bits,
            data_encipherment=KeyUsageBit.DATA_ENCIPHERMENT in bits,
            key_agreement=KeyUsageBit.KEY_AGREEMENT in bits,
            key_cert_sign=KeyUsageBit.KEY_CERT_SIGN in bits,
            crl_sign=KeyUsageBit.CRL_SIGN in bits,
            encipher_only=False,
            decipher_only=False,
        )


_SIGN_BITS = frozenset({KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.CONTENT_COMMITMENT})
_CA_BITS = frozenset({KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN})

# Signing EKUs: id-kp-documentSigning says what the key is for; emailProtection is kept
# because Adobe Acrobat/Reader and most CMS/PDF validators of today only accept a document
# signature from a certificate whose EKU is absent, anyEKU, emailProtection or one of their
# own OIDs, and bidders open signed bid PDFs in Acrobat. clientAuth is deliberately left out:
# logins are app-level challenge signatures, not TLS client authentication, and a TLS-capable
# certificate would invite reuse of the non-repudiation key for routine logins.
_SIGN_EKUS = (DOCUMENT_SIGNING_OID, EMAIL_PROTECTION_OID)
# Encryption certificates only ever receive CMS EnvelopedData (sealed bid files), which is
# what emailProtection means.
_ENC_EKUS = (EMAIL_PROTECTION_OID,)


def _holder(
    name: str, description: str, kind: ProfileKind, arc: str, *, org: bool
) -> CertificateProfile:
    signing = kind is ProfileKind.SIGN
    return CertificateProfile(
        name=name,
        description=description,
        kind=kind,
        # pyHanko (and EN 319 412-2 for qualified signatures) wants nonRepudiation on
        # document-signing certificates, so it rides with digitalSignature.
        key_usage=_SIGN_BITS if signing else frozenset(),
        encryption_usage_from_key=not signing,
        extended_key_usage=_SIGN_EKUS if signing else _ENC_EKUS,
        policy_oids=(f"{DEFAULT_POLICY_ARC}.{arc}",),
        requires_organization=org,
        requires_pseudonym=True,
        default_validity=timedelta(days=365),
    )


PROFILES: Mapping[str, CertificateProfile] = MappingProxyType(
    {
        p.name: p
        for p in (
            _holder("personal-sign", "个人签名证书", ProfileKind.SIGN, "1.1", org=False),
            _holder("org-sign", "机构签名证书", ProfileKind.SIGN, "1.2", org=True),
            _holder("personal-enc", "个人加密证书", ProfileKind.ENCRYPT, "1.3", org=False),
            _holder("org-enc", "机构加密证书", ProfileKind.ENCRYPT, "1.4", org=True),
            CertificateProfile(
                name="ocsp-responder",
                description="OCSP 响应签名证书",
                kind=ProfileKind.OCSP,
                key_usage=frozenset({KeyUsageBit.DIGITAL_SIGNATURE}),
                extended_key_usage=(OCSP_SIGNING_OID,),
                policy_oids=(f"{DEFAULT_POLICY_ARC}.2.1",),
                # RFC 6960 §4.2.2.2.1: with id-pkix-ocsp-nocheck clients do not ask about the
                # responder itself, so an OCSP pointer would only invite loops. Short validity
                # is what bounds the damage of a compromised responder key instead.
                ocsp_no_check=True,
                include_aia_ocsp=False,
                requires_organization=True,
                default_validity=timedelta(days=30),
            ),
            CertificateProfile(
                name="tsa",
                description="时间戳服务证书",
                kind=ProfileKind.TSA,
                key_usage=frozenset({KeyUsageBit.DIGITAL_SIGNATURE}),
                # RFC 3161 §2.3: exactly id-kp-timeStamping, and the extension MUST be critical.
                extended_key_usage=(TIME_STAMPING_OID,),
                extended_key_usage_critical=True,
                policy_oids=(f"{DEFAULT_POLICY_ARC}.2.2",),
                requires_organization=True,
                # Long enough that tokens stay checkable well after they were issued.
                default_validity=timedelta(days=3 * 365),
            ),
            CertificateProfile(
                name="seal-maker",
                description="电子印章制章人证书",
                kind=ProfileKind.SEAL_MAKER,
                # It signs seal structures (data), never certificates, CRLs or documents a
                # holder signs: digitalSignature + nonRepudiation, and no EKU that a PDF
                # or TLS validator would accept for anything else.
                key_usage=_SIGN_BITS,
                policy_oids=(f"{DEFAULT_POLICY_ARC}.2.3",),
                requires_organization=True,
                default_validity=timedelta(days=5 * 365),
            ),
            CertificateProfile(
                name="root-ca",
                description="根 CA 证书",
                kind=ProfileKind.ROOT_CA,
                key_usage=_CA_BITS,
                # Our hierarchy is root -> issuing CA -> end entity; forbid anything deeper.
                path_length=1,
                include_aia_ocsp=False,
                include_aia_ca_issuers=False,
                include_crl_distribution_point=False,
                requires_organization=True,
                default_validity=timedelta(days=20 * 365),
            ),
            CertificateProfile(
                name="issuing-ca",
                description="签发 CA 证书",
                kind=ProfileKind.ISSUING_CA,
                key_usage=_CA_BITS,
                path_length=0,
                # anyPolicy: the issuing CA may issue under every policy the root operates;
                # leaves carry the specific OIDs.
                policy_oids=(ANY_POLICY_OID,),
                requires_organization=True,
                default_validity=timedelta(days=10 * 365),
            ),
        )
    }
)


def profile_names() -> tuple[str, ...]:
    return tuple(PROFILES)


def get_profile(name: str, *, policy_oids: Sequence[str] | None = None) -> CertificateProfile:
    """Look up a profile; ``policy_oids`` replaces its default policies when given."""
    try:
        profile = PROFILES[name]
    except KeyError:
        raise ProfileUnknown(details={"profile": name[:64]}) from None
    if policy_oids is not None:
        profile = profile.with_policy_oids(policy_oids)
    return profile
