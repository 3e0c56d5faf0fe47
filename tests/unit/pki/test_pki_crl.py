"""CRLs: pkilint-clean, reason codes per RFC 5280, built in one pass even at 100k entries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from cryptography import x509

from mcert.pki.crl import RevocationReason, RevokedEntry, build_crl
from mcert.pki.errors import SerialInvalid, ValidityInvalid

if TYPE_CHECKING:
    from conftest import Hierarchy, PKITools

T = datetime(2026, 11, 29, 2, 0, 0, tzinfo=UTC)


def crl_for(
    h: Hierarchy, revoked: list[RevokedEntry], **kw: object
) -> x509.CertificateRevocationList:
    args: dict[str, object] = {
        "issuer_cert": h.issuing,
        "issuer_key": h.issuing_key,
        "revoked": revoked,
        "crl_number": 7,
        "this_update": T,
        "next_update": T + timedelta(days=1),
        "idp_url": h.issuing_urls.crl_url,
    }
    args.update(kw)
    return build_crl(**args)  # type: ignore[arg-type]


def all_reasons() -> list[RevokedEntry]:
    return [
        RevokedEntry(2**64 + i, T - timedelta(hours=i), reason)
        for i, reason in enumerate(RevocationReason)
    ]


def test_crl_lints_clean(pki: type[PKITools], hierarchy: Hierarchy, tmp_path: Path) -> None:
    for name, crl in [
        ("issuing", crl_for(hierarchy, all_reasons())),
        ("empty", crl_for(hierarchy, [])),
        ("root", hierarchy.root_crl),
    ]:
        path = pki.write(tmp_path / f"{name}.crl.pem", crl)
        assert pki.pkilint("lint_crl", "-t", "CRL", "-p", "PKIX", str(path)) == "", name


def test_crl_contents(hierarchy: Hierarchy) -> None:
    crl = crl_for(hierarchy, all_reasons())
    assert crl.is_signature_valid(hierarchy.issuing.public_key())  # type: ignore[arg-type]
    assert crl.issuer == hierarchy.issuing.subject
    assert crl.last_update_utc == T
    assert crl.next_update_utc == T + timedelta(days=1)
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 7
    aki = crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = hierarchy.issuing.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    idp = crl.extensions.get_extension_for_class(x509.IssuingDistributionPoint)
    assert idp.critical
    assert crl.signature_hash_algorithm is not None
    assert crl.signature_hash_algorithm.name == "sha256"
    assert len(crl) == len(RevocationReason)
    for entry in all_reasons():
        revoked = crl.get_revoked_certificate_by_serial_number(entry.serial)
        assert revoked is not None
        assert revoked.revocation_date_utc == entry.revoked_at
        if entry.reason is RevocationReason.UNSPECIFIED:
            # RFC 5280 §5.3.1: absent rather than unspecified(0).
            with pytest.raises(x509.ExtensionNotFound):
                revoked.extensions.get_extension_for_class(x509.CRLReason)
        else:
            reason = revoked.extensions.get_extension_for_class(x509.CRLReason).value
            assert reason.reason == entry.reason.to_x509()


def test_reason_mapping_covers_rfc5280() -> None:
    mapped = {r.to_x509() for r in RevocationReason}
    assert mapped == set(x509.ReasonFlags) - {x509.ReasonFlags.remove_from_crl}


def test_no_idp_when_not_asked(hierarchy: Hierarchy) -> None:
    crl = crl_for(hierarchy, [], idp_url=None)
    with pytest.raises(x509.ExtensionNotFound):
        crl.extensions.get_extension_for_class(x509.IssuingDistributionPoint)


def test_bad_crl_input(hierarchy: Hierarchy) -> None:
    with pytest.raises(ValidityInvalid):
        crl_for(hierarchy, [], next_update=T)
    with pytest.raises(ValidityInvalid):
        crl_for(hierarchy, [], this_update=datetime(2026, 1, 1))  # naive
    with pytest.raises(ValidityInvalid):
        crl_for(hierarchy, [], crl_number=-1)
    with pytest.raises(SerialInvalid):
        crl_for(hierarchy, [RevokedEntry(0, T)])
    with pytest.raises(ValidityInvalid):
        crl_for(hierarchy, [RevokedEntry(5, datetime(2026, 1, 1))])


def test_large_crl_in_one_pass(hierarchy: Hierarchy) -> None:
    n = 100_000
    revoked = (
        RevokedEntry(
            2**70 + i,
            T - timedelta(seconds=i),
            RevocationReason.SUPERSEDED if i % 3 else RevocationReason.UNSPECIFIED,
        )
        for i in range(n)
    )
    crl = crl_for(hierarchy, revoked)  # type: ignore[arg-type]  # any iterable is accepted
    assert len(crl) == n
    assert crl.get_revoked_certificate_by_serial_number(2**70 + n - 1) is not None
    assert crl.is_signature_valid(hierarchy.issuing.public_key())  # type: ignore[arg-type]
