"""Certificate revocation lists (RFC 5280 §5): complete v2 CRLs built in one pass.

The caller (the service layer) owns revocation state and passes the full list of revoked
serials each time; this module only encodes and signs. It must never fetch, cache or
publish CRLs, and never build one entry at a time: ``CertificateRevocationListBuilder``
copies its list on every ``add_revoked_certificate`` call, which makes chaining quadratic
(100k entries: seconds, against milliseconds when the whole list is passed at once).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from cryptography import x509

from mcert.pki.errors import SerialInvalid, ValidityInvalid
from mcert.pki.issue import check_public_key, signature_hash_for
from mcert.pki.keys import PrivateKey

__all__ = ["RevocationReason", "RevokedEntry", "build_crl"]

_MAX_INT20 = 2**159  # serials and CRL numbers: at most 20 octets, non-negative


class RevocationReason(StrEnum):
    """RFC 5280 CRLReason values we record (removeFromCRL only exists in delta CRLs)."""

    UNSPECIFIED = "unspecified"
    KEY_COMPROMISE = "key_compromise"
    CA_COMPROMISE = "ca_compromise"
    AFFILIATION_CHANGED = "affiliation_changed"
    SUPERSEDED = "superseded"
    CESSATION_OF_OPERATION = "cessation_of_operation"
    CERTIFICATE_HOLD = "certificate_hold"
    PRIVILEGE_WITHDRAWN = "privilege_withdrawn"
    AA_COMPROMISE = "aa_compromise"

    def to_x509(self) -> x509.ReasonFlags:
        # Member names match cryptography's; its values are the camelCase ASN.1 names.
        return x509.ReasonFlags[self.name.lower()]


@dataclass(frozen=True, slots=True)
class RevokedEntry:
    serial: int
    revoked_at: datetime
    reason: RevocationReason = RevocationReason.UNSPECIFIED


def _utc(value: datetime, field: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidityInvalid("时间必须带时区", details={"field": field})
    return value.astimezone(UTC).replace(microsecond=0)


def _revoked(entry: RevokedEntry) -> x509.RevokedCertificate:
    if not 0 < entry.serial < _MAX_INT20:
        raise SerialInvalid(details={"serial": str(entry.serial)[:64]})
    builder = (
        x509.RevokedCertificateBuilder()
        .serial_number(entry.serial)
        .revocation_date(_utc(entry.revoked_at, "revoked_at"))
    )
    # RFC 5280 §5.3.1: "the reason code CRL entry extension SHOULD be absent instead of
    # using the unspecified (0) reasonCode value".
    if entry.reason is not RevocationReason.UNSPECIFIED:
        builder = builder.add_extension(x509.CRLReason(entry.reason.to_x509()), critical=False)
    return builder.build()


def build_crl(
    *,
    issuer_cert: x509.Certificate,
    issuer_key: PrivateKey,
    revoked: Iterable[RevokedEntry],
    crl_number: int,
    this_update: datetime,
    next_update: datetime,
    idp_url: str | None = None,
) -> x509.CertificateRevocationList:
    """Sign a complete CRL for ``issuer_cert``.

    ``crl_number`` must increase with every CRL the issuer publishes (the caller keeps the
    counter). With ``idp_url`` an Issuing Distribution Point naming that URL is added; it
    must then equal the CRL DP URL in every certificate this CRL covers, or strict
    verifiers (OpenSSL among them) will not match the CRL to the certificate.
    """
    if not 0 <= crl_number < _MAX_INT20:
        raise ValidityInvalid("CRL 编号不合法", details={"crl_number": str(crl_number)[:64]})
    start = _utc(this_update, "this_update")
    end = _utc(next_update, "next_update")
    if end <= start:
        raise ValidityInvalid(
            details={"this_update": start.isoformat(), "next_update": end.isoformat()}
        )
    try:
        ski = issuer_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    except x509.ExtensionNotFound:
        ski = x509.SubjectKeyIdentifier.from_public_key(check_public_key(issuer_cert.public_key()))
    extensions = [
        x509.Extension(
            x509.AuthorityKeyIdentifier.oid,
            False,
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski),
        ),
        x509.Extension(x509.CRLNumber.oid, False, x509.CRLNumber(crl_number)),
    ]
    if idp_url is not None:
        idp = x509.IssuingDistributionPoint(
            full_name=[x509.UniformResourceIdentifier(idp_url)],
            relative_name=None,
            only_contains_user_certs=False,
            only_contains_ca_certs=False,
            only_some_reasons=None,
            indirect_crl=False,
            only_contains_attribute_certs=False,
        )
        # RFC 5280 §5.2.5: the IDP extension is critical.
        extensions.append(x509.Extension(idp.oid, True, idp))
    builder = x509.CertificateRevocationListBuilder(
        issuer_name=issuer_cert.subject,
        last_update=start,
        next_update=end,
        extensions=extensions,
        revoked_certificates=[_revoked(e) for e in revoked],
    )
    return builder.sign(issuer_key, signature_hash_for(issuer_key))
