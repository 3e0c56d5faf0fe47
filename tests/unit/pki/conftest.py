"""Fixtures for the PKI core: an in-memory CA hierarchy, outside-tool runners, SoftHSM2.

Outputs are judged by tools we did not write: ``openssl verify`` and pkilint's linters (the
code of its console scripts, run in this process: tests/pkitools.py). Tests that need
SoftHSM2 are marked ``hsm`` and skip with a reason when ``softhsm2-util`` or the module is
missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from tests.pkitools import pkilint

from mcert.pki.crl import RevokedEntry, build_crl
from mcert.pki.issue import (
    IssuerURLs,
    SubjectInfo,
    build_issuing_ca,
    build_ocsp_responder_cert,
    build_root_ca,
    build_seal_maker_cert,
    build_tsa_cert,
)
from mcert.pki.keys import PrivateKey

BIN = Path(sys.executable).parent
ROOT_URLS = IssuerURLs(
    ca_issuers_url="http://pki.mcert.test/root.crt",
    crl_url="http://pki.mcert.test/root.crl",
)
ISSUING_URLS = IssuerURLs(
    ocsp_url="http://ocsp.mcert.test/",
    ca_issuers_url="http://pki.mcert.test/issuing.crt",
    crl_url="http://pki.mcert.test/issuing.crl",
    cps_url="https://pki.mcert.test/cps",
)
CA_ORG = "mCert 测试 CA 有限公司"


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Hierarchy:
    root_key: PrivateKey
    root: x509.Certificate
    issuing_key: PrivateKey
    issuing: x509.Certificate
    root_crl: x509.CertificateRevocationList
    root_urls: IssuerURLs = ROOT_URLS
    issuing_urls: IssuerURLs = ISSUING_URLS

    def issuing_crl(
        self, revoked: Sequence[RevokedEntry] = (), number: int = 1
    ) -> x509.CertificateRevocationList:
        t = now()
        return build_crl(
            issuer_cert=self.issuing,
            issuer_key=self.issuing_key,
            revoked=revoked,
            crl_number=number,
            this_update=t - timedelta(minutes=5),
            next_update=t + timedelta(days=1),
            idp_url=ISSUING_URLS.crl_url,
        )


def make_hierarchy(root_key: PrivateKey, issuing_key: PrivateKey) -> Hierarchy:
    t = now() - timedelta(hours=1)
    root = build_root_ca(
        private_key=root_key,
        subject=SubjectInfo(common_name="mCert Test Root CA R1", organization=CA_ORG),
        not_before=t,
    )
    issuing = build_issuing_ca(
        root_cert=root,
        root_key=root_key,
        public_key=issuing_key.public_key(),
        subject=SubjectInfo(common_name="mCert Test Issuing CA E1", organization=CA_ORG),
        not_before=t,
        urls=ROOT_URLS,
    )
    root_crl = build_crl(
        issuer_cert=root,
        issuer_key=root_key,
        revoked=[],
        crl_number=1,
        this_update=t,
        next_update=t + timedelta(days=30),
        # No IDP on the trust anchor's CRL: with -crl_check_all OpenSSL also looks up the
        # root in it, and the root carries no CRL DP an IDP could match.
    )
    return Hierarchy(root_key, root, issuing_key, issuing, root_crl)


@pytest.fixture(scope="session")
def hierarchy() -> Hierarchy:
    return make_hierarchy(
        ec.generate_private_key(ec.SECP384R1()), ec.generate_private_key(ec.SECP256R1())
    )


@pytest.fixture(scope="session")
def ocsp_cert(hierarchy: Hierarchy) -> x509.Certificate:
    return build_ocsp_responder_cert(
        issuer_cert=hierarchy.issuing,
        issuer_key=hierarchy.issuing_key,
        public_key=ec.generate_private_key(ec.SECP256R1()).public_key(),
        subject=SubjectInfo(common_name="mCert OCSP Responder 1", organization=CA_ORG),
        not_before=now() - timedelta(minutes=5),
        urls=ISSUING_URLS,
    )


@pytest.fixture(scope="session")
def tsa_cert(hierarchy: Hierarchy) -> x509.Certificate:
    return build_tsa_cert(
        issuer_cert=hierarchy.issuing,
        issuer_key=hierarchy.issuing_key,
        public_key=ec.generate_private_key(ec.SECP256R1()).public_key(),
        subject=SubjectInfo(common_name="mCert TSA 1", organization=CA_ORG),
        not_before=now() - timedelta(minutes=5),
        urls=ISSUING_URLS,
    )


@dataclass(frozen=True)
class SealMaker:
    key: PrivateKey
    cert: x509.Certificate


@pytest.fixture(scope="session")
def seal_maker(hierarchy: Hierarchy) -> SealMaker:
    """The 制章人: its own key and a certificate of the ``seal-maker`` profile."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = build_seal_maker_cert(
        issuer_cert=hierarchy.issuing,
        issuer_key=hierarchy.issuing_key,
        public_key=key.public_key(),
        subject=SubjectInfo(common_name="mCert Seal Maker 1", organization=CA_ORG),
        not_before=now() - timedelta(minutes=5),
        urls=ISSUING_URLS,
    )
    return SealMaker(key, cert)


# --- outside tools -----------------------------------------------------------------------


def pem(obj: x509.Certificate | x509.CertificateRevocationList) -> bytes:
    return obj.public_bytes(serialization.Encoding.PEM)


def write(path: Path, *objs: x509.Certificate | x509.CertificateRevocationList) -> Path:
    path.write_bytes(b"".join(pem(o) for o in objs))
    return path


def openssl_verify(
    tmp: Path,
    h: Hierarchy,
    leaf: x509.Certificate,
    issuing_crl: x509.CertificateRevocationList,
) -> subprocess.CompletedProcess[str]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    root = write(tmp / "root.pem", h.root)
    issuing = write(tmp / "issuing.pem", h.issuing)
    crls = write(tmp / "crls.pem", h.root_crl, issuing_crl)
    cert = write(tmp / "leaf.pem", leaf)
    return subprocess.run(
        [
            openssl, "verify", "-x509_strict", "-crl_check_all",
            "-CAfile", str(root), "-untrusted", str(issuing), "-CRLfile", str(crls),
            str(cert),
        ],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip


class PKITools:
    """Helpers for test modules, handed out by the ``pki`` fixture.

    A fixture rather than ``from conftest import ...``: with several rootless conftest.py
    files in the tree, which one is importable as ``conftest`` depends on collection order.
    """

    BIN = BIN
    CA_ORG = CA_ORG
    ROOT_URLS = ROOT_URLS
    ISSUING_URLS = ISSUING_URLS
    now = staticmethod(now)
    write = staticmethod(write)
    openssl_verify = staticmethod(openssl_verify)
    pkilint = staticmethod(pkilint)
    make_hierarchy = staticmethod(make_hierarchy)


@pytest.fixture(scope="session")
def pki() -> type[PKITools]:
    return PKITools
