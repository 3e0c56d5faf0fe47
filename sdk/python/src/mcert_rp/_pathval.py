"""Certificate path validation with ``cryptography.x509.verification`` (RFC 5280 path
building, signatures, validity, basicConstraints, pathLen, name chaining, key usage of CAs).

The Web PKI defaults fit our CA certificates but not our end entities, whose EKUs are
mCert's own: document signing + emailProtection (signing), emailProtection (encryption),
OCSPSigning (the delegated responder), a critical timeStamping (the TSA). So the CA policy
stays the Web PKI default and each end-entity purpose gets a policy that requires its EKU
and key usage — a signing certificate cannot stand in for a responder or a TSA, and the
other way round. Revocation is checked separately (OCSP in :mod:`mcert_rp._verify`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.x509 import verification as v
from cryptography.x509.oid import ExtendedKeyUsageOID, ObjectIdentifier

from mcert_rp._exceptions import ChainInvalid

DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
#: Our hierarchy is root → issuing CA → end entity; room for one more level, no more.
MAX_DEPTH = 3


@dataclass(frozen=True)
class Purpose:
    """What an end-entity certificate must be allowed to do."""

    name: str
    eku_any_of: frozenset[ObjectIdentifier]
    key_usage: str  # the KeyUsage bit it needs
    eku_critical: bool = False
    eku_only: bool = False


SIGNING = Purpose("signing", frozenset({DOCUMENT_SIGNING}), "digital_signature")
ENCRYPTION = Purpose(
    "encryption", frozenset({ExtendedKeyUsageOID.EMAIL_PROTECTION}), "key_agreement"
)
OCSP_SIGNING = Purpose(
    "OCSP signing", frozenset({ExtendedKeyUsageOID.OCSP_SIGNING}), "digital_signature"
)
# RFC 3161 §2.3: exactly id-kp-timeStamping, critical.
TIME_STAMPING = Purpose(
    "time stamping",
    frozenset({ExtendedKeyUsageOID.TIME_STAMPING}),
    "digital_signature",
    eku_critical=True,
    eku_only=True,
)


def _ee_policy(purpose: Purpose) -> v.ExtensionPolicy:
    def eku(_: v.Policy, cert: x509.Certificate, value: x509.ExtendedKeyUsage) -> None:
        if not purpose.eku_any_of & set(value):
            raise ValueError(f"not a {purpose.name} certificate (extendedKeyUsage)")
        if purpose.eku_only and set(value) != purpose.eku_any_of:
            raise ValueError(f"{purpose.name}: extendedKeyUsage must be only that purpose")

    def key_usage(_: v.Policy, cert: x509.Certificate, value: x509.KeyUsage) -> None:
        if not getattr(value, purpose.key_usage):
            raise ValueError(f"{purpose.name}: keyUsage lacks {purpose.key_usage}")

    def not_ca(_: v.Policy, cert: x509.Certificate, value: x509.BasicConstraints | None) -> None:
        if value is not None and value.ca:
            raise ValueError("an end-entity certificate must not be a CA")

    criticality = v.Criticality.CRITICAL if purpose.eku_critical else v.Criticality.AGNOSTIC
    return (
        v.ExtensionPolicy.permit_all()
        .require_present(x509.ExtendedKeyUsage, criticality, eku)
        .require_present(x509.KeyUsage, v.Criticality.AGNOSTIC, key_usage)
        .may_be_present(x509.BasicConstraints, v.Criticality.AGNOSTIC, not_ca)
    )


_POLICIES = {p.name: _ee_policy(p) for p in (SIGNING, ENCRYPTION, OCSP_SIGNING, TIME_STAMPING)}


def validate(
    leaf: x509.Certificate,
    intermediates: Sequence[x509.Certificate],
    roots: Sequence[x509.Certificate],
    at: datetime,
    purpose: Purpose,
) -> list[x509.Certificate]:
    """The validated path leaf → … → root at ``at``, or :class:`ChainInvalid`."""
    if not roots:
        raise ChainInvalid("no trusted roots configured")
    builder = (
        v.PolicyBuilder()
        .store(v.Store(list(roots)))
        .time(at)
        .max_chain_depth(MAX_DEPTH)
        .extension_policies(
            ca_policy=v.ExtensionPolicy.webpki_defaults_ca(), ee_policy=_POLICIES[purpose.name]
        )
    )
    try:
        verified = builder.build_client_verifier().verify(leaf, list(intermediates))
    except v.VerificationError as exc:
        subject = leaf.subject.rfc4514_string()
        raise ChainInvalid(f"{subject}: no valid path to a trusted root ({exc})") from exc
    return list(verified.chain)
