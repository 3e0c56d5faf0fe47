"""A throwaway test PKI built with plain ``cryptography`` for the OCSP/TSA/CMS protocol tests.

root ─ issuing CA ─┬─ OCSP responder (EKU OCSPSigning, ocsp-nocheck)
                   ├─ TSA (critical EKU timeStamping), EC P-256 and RSA-2048 variants
                   └─ end entities: EC P-256 (keyAgreement), RSA-2048 (keyEncipherment), ×2
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from tests.conftest import T0

OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
FAKETIME = shutil.which("faketime")

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

# Every certificate, OCSP response and time-stamp token of these tests is dated from the
# suite's fixed T0, never from the wall clock, so a run next year builds the same objects.
# The OpenSSL CLI checks validity periods and an OCSP response's thisUpdate/nextUpdate
# against its own clock, so it runs under libfaketime with its clock started at T0
# (:func:`openssl_argv`).
NOW = T0


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "mCert 测试"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _ku(**on: bool) -> x509.KeyUsage:
    names = [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    ]
    return x509.KeyUsage(**{n: on.get(n, False) for n in names})


def _issue(
    subject: str,
    key: PrivateKey,
    issuer: tuple[x509.Certificate, PrivateKey] | None,
    *,
    ca: bool = False,
    ku: x509.KeyUsage,
    eku: list[x509.ObjectIdentifier] | None = None,
    eku_critical: bool = False,
    ocsp_nocheck: bool = False,
) -> x509.Certificate:
    pub = key.public_key()
    issuer_name = issuer[0].subject if issuer else _name(subject)
    signing_key = issuer[1] if issuer else key
    b = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_name)
        .public_key(pub)
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(ku, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False)
    )
    if issuer:
        b = b.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer[1].public_key()),
            critical=False,
        )
    if eku:
        b = b.add_extension(x509.ExtendedKeyUsage(eku), critical=eku_critical)
    if ocsp_nocheck:
        b = b.add_extension(x509.OCSPNoCheck(), critical=False)
    return b.sign(signing_key, hashes.SHA256())


def ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass(frozen=True)
class Entity:
    cert: x509.Certificate
    key: PrivateKey
    cert_path: Path
    key_path: Path


@dataclass(frozen=True)
class ProtocolPKI:
    dir: Path
    root: Entity
    ca: Entity
    responder: Entity
    tsa: Entity
    tsa_rsa: Entity
    ee_ec: Entity
    ee_ec2: Entity
    ee_rsa: Entity
    ee_rsa2: Entity
    #: issuing CA + TSA in one PEM file, for ``openssl ts -verify -untrusted``.
    tsa_chain_path: Path
    tsa_rsa_chain_path: Path


def _save(d: Path, stem: str, cert: x509.Certificate, key: PrivateKey) -> Entity:
    cp, kp = d / f"{stem}.pem", d / f"{stem}.key"
    cp.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    kp.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Entity(cert, key, cp, kp)


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> ProtocolPKI:
    d = tmp_path_factory.mktemp("pki")

    root_key = ec_key()
    root = _issue(
        "mCert Test Root", root_key, None, ca=True, ku=_ku(key_cert_sign=True, crl_sign=True)
    )
    ca_key = ec_key()
    ca = _issue(
        "mCert Test Issuing CA",
        ca_key,
        (root, root_key),
        ca=True,
        ku=_ku(key_cert_sign=True, crl_sign=True),
    )
    issuer = (ca, ca_key)

    def leaf(cn: str, key: PrivateKey, **kw: object) -> x509.Certificate:
        return _issue(cn, key, issuer, **kw)  # type: ignore[arg-type]

    resp_key = ec_key()
    responder = leaf(
        "mCert Test OCSP",
        resp_key,
        ku=_ku(digital_signature=True),
        eku=[ExtendedKeyUsageOID.OCSP_SIGNING],
        ocsp_nocheck=True,
    )
    tsa_key = ec_key()
    tsa_ku = _ku(digital_signature=True, content_commitment=True)
    tsa_eku = [ExtendedKeyUsageOID.TIME_STAMPING]
    tsa = leaf("mCert Test TSA", tsa_key, ku=tsa_ku, eku=tsa_eku, eku_critical=True)
    tsa_rsa_key = rsa_key()
    tsa_rsa = leaf("mCert Test TSA RSA", tsa_rsa_key, ku=tsa_ku, eku=tsa_eku, eku_critical=True)
    ee_ec_key, ee_ec2_key = ec_key(), ec_key()
    ee_rsa_key, ee_rsa2_key = rsa_key(), rsa_key()
    ee_ec = leaf("投标人 EC", ee_ec_key, ku=_ku(key_agreement=True))
    ee_ec2 = leaf("投标人 EC 2", ee_ec2_key, ku=_ku(key_agreement=True))
    ee_rsa = leaf("投标人 RSA", ee_rsa_key, ku=_ku(key_encipherment=True))
    ee_rsa2 = leaf("投标人 RSA 2", ee_rsa2_key, ku=_ku(key_encipherment=True))

    ca_e = _save(d, "ca", ca, ca_key)
    tsa_e = _save(d, "tsa", tsa, tsa_key)
    tsa_rsa_e = _save(d, "tsa_rsa", tsa_rsa, tsa_rsa_key)
    chain = d / "tsa_chain.pem"
    chain.write_bytes(ca_e.cert_path.read_bytes() + tsa_e.cert_path.read_bytes())
    chain_rsa = d / "tsa_rsa_chain.pem"
    chain_rsa.write_bytes(ca_e.cert_path.read_bytes() + tsa_rsa_e.cert_path.read_bytes())
    return ProtocolPKI(
        dir=d,
        root=_save(d, "root", root, root_key),
        ca=ca_e,
        responder=_save(d, "responder", responder, resp_key),
        tsa=tsa_e,
        tsa_rsa=tsa_rsa_e,
        ee_ec=_save(d, "ee_ec", ee_ec, ee_ec_key),
        ee_ec2=_save(d, "ee_ec2", ee_ec2, ee_ec2_key),
        ee_rsa=_save(d, "ee_rsa", ee_rsa, ee_rsa_key),
        ee_rsa2=_save(d, "ee_rsa2", ee_rsa2, ee_rsa2_key),
        tsa_chain_path=chain,
        tsa_rsa_chain_path=chain_rsa,
    )


def openssl_argv(*args: str | Path) -> list[str]:
    """The command line that runs ``openssl *args`` with its clock at :data:`NOW` (ticking
    from there): ``faketime`` from Debian's faketime package, in UTC. Skips the test, with
    the reason, where it is missing."""
    if FAKETIME is None:
        pytest.skip("faketime is not installed (apt-get install faketime)")
    at = NOW.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return [FAKETIME, "-f", f"@{at}", OPENSSL, *map(str, args)]


_UTC_ENV = {**os.environ, "TZ": "UTC"}  # faketime's start time is read in local time


def run_openssl(
    *args: str | Path, input: bytes | None = None, check: bool = True
) -> subprocess.CompletedProcess[bytes]:
    """Run the OpenSSL CLI at :data:`NOW`, failing the test with its stderr when it exits
    non-zero (unless ``check=False``)."""
    proc = subprocess.run(
        openssl_argv(*args),
        input=input,
        capture_output=True,
        timeout=60,
        check=False,
        env=_UTC_ENV,
    )
    if not check:
        return proc
    if proc.returncode != 0:
        pytest.fail(
            f"openssl {' '.join(map(str, args))} failed ({proc.returncode}):\n"
            f"{proc.stdout.decode(errors='replace')}\n{proc.stderr.decode(errors='replace')}"
        )
    return proc


@pytest.fixture(scope="session")
def openssl() -> Callable[..., subprocess.CompletedProcess[bytes]]:
    return run_openssl
