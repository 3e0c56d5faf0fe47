"""Profiles: the registry, caller-supplied policies and URLs, immutability."""

from __future__ import annotations

import pydantic
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from mcert.pki.errors import KeyTypeUnsupported, ProfileUnknown
from mcert.pki.profiles import (
    DEFAULT_POLICY_ARC,
    PROFILES,
    IssuerURLs,
    ProfileKind,
    get_profile,
    profile_names,
)

EXPECTED = {
    "personal-sign",
    "org-sign",
    "personal-enc",
    "org-enc",
    "ocsp-responder",
    "tsa",
    "seal-maker",
    "root-ca",
    "issuing-ca",
}


def test_registry_has_every_profile() -> None:
    assert set(profile_names()) == EXPECTED
    for name in EXPECTED:
        assert get_profile(name).name == name


@pytest.mark.parametrize("name", ["", "PERSONAL-SIGN", "server-tls", "x" * 500])
def test_unknown_profile_code(name: str) -> None:
    with pytest.raises(ProfileUnknown) as exc:
        get_profile(name)
    assert exc.value.code == "profile_unknown"


def test_default_policies_are_distinct_and_under_the_arc() -> None:
    holder = [
        p for p in PROFILES.values() if p.kind not in (ProfileKind.ROOT_CA, ProfileKind.ISSUING_CA)
    ]
    oids = [oid for p in holder for oid in p.policy_oids]
    assert len(oids) == len(set(oids)) == len(holder)
    assert all(oid.startswith(DEFAULT_POLICY_ARC + ".") for oid in oids)
    # pyasn1 and others cap OID arcs at 32 bits.
    assert all(int(arc) < 2**32 for oid in oids for arc in oid.split("."))


def test_caller_policy_oids_replace_defaults() -> None:
    p = get_profile("org-sign", policy_oids=["1.3.6.1.4.1.99999.1.2"])
    assert p.policy_oids == ("1.3.6.1.4.1.99999.1.2",)
    assert get_profile("org-sign").policy_oids != p.policy_oids
    with pytest.raises(pydantic.ValidationError):
        get_profile("org-sign", policy_oids=["not-an-oid"])


def test_profiles_are_frozen() -> None:
    p = get_profile("tsa")
    with pytest.raises(pydantic.ValidationError):
        p.extended_key_usage_critical = False  # type: ignore[misc]


def test_key_usage_for_encryption_needs_known_key() -> None:
    enc = get_profile("personal-enc")
    assert enc.key_usage_for(ec.generate_private_key(ec.SECP256R1()).public_key()).key_agreement
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    assert enc.key_usage_for(rsa_key).key_encipherment
    with pytest.raises(KeyTypeUnsupported):
        enc.key_usage_for(ed25519.Ed25519PrivateKey.generate().public_key())


def test_issuer_urls_validation() -> None:
    IssuerURLs(crl_url="http://x.test/a.crl", cps_url="https://x.test/cps")
    for bad in ["https://x.test/a.crl", "ftp://x", "http://x.test/ a", "http://例子.test/a"]:
        with pytest.raises(pydantic.ValidationError):
            IssuerURLs(crl_url=bad)
    with pytest.raises(pydantic.ValidationError):
        IssuerURLs(unknown="http://x")  # type: ignore[call-arg]
