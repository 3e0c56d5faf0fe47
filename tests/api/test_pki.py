"""The CA as a user of it sees it: served chain and CRLs, issuance from `openssl req` CSRs,
revocation, OCSP and timestamps — every artefact checked with openssl and pkilint."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509 import ocsp
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests import pkitools
from tests.conftest import mcert_cli

from mcert.audit.models import AuditEntry
from mcert.audit.service import Actor
from mcert.ca.models import IssuedCertificate
from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.errors import DomainError
from mcert.main import create_app
from mcert.pki.crl import RevocationReason
from mcert.pki.issue import SubjectInfo
from mcert.runtime import Runtime

PERSON = SubjectInfo(common_name="张三", pseudonym_id="p-3f9a1c2b7d")
ORG = SubjectInfo(
    common_name="李四",
    organization="福州某某建设工程有限公司",
    organization_identifier="NTRCN-91350100M000100Y43",
    pseudonym_id="p-8e1d0c4a55",
)
SUBJECTS = {"personal-sign": PERSON, "personal-enc": PERSON, "org-sign": ORG, "org-enc": ORG}


@pytest.fixture
def clock() -> FrozenClock:
    # Outside tools check validity against the wall clock, so PKI tests start at "now".
    return FrozenClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def ca(runtime: Runtime) -> Runtime:
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
    return runtime


def issue(rt: Runtime, csr: Path, profile: str, **kw: object) -> IssuedCertificate:
    with rt.sessions() as db:
        row = ca_service(rt).issue(
            db,
            now=rt.clock.now(),
            profile=profile,
            subject=SUBJECTS[profile],
            csr=csr.read_bytes(),
            actor=Actor("operator", "test"),
            **kw,  # type: ignore[arg-type]
        )
        db.commit()
        return row


def fetch_material(client: TestClient, tmp: Path) -> dict[str, Path]:
    root = x509.load_der_x509_certificate(client.get("/pki/ca/root.crt").content)
    issuing = x509.load_der_x509_certificate(client.get("/pki/ca/issuing.crt").content)
    root_crl = client.get("/pki/crl/root.crl")
    issuing_crl = client.get("/pki/crl/issuing.crl")
    assert root_crl.headers["content-type"] == "application/pkix-crl"
    crls = [x509.load_der_x509_crl(r.content) for r in (root_crl, issuing_crl)]
    return {
        "root": pkitools.write_pem(tmp / "root.pem", root),
        "issuing": pkitools.write_pem(tmp / "issuing.pem", issuing),
        "crls": pkitools.write_pem(tmp / "crls.pem", *crls),
        "issuing_crl_der": _write(tmp / "issuing.crl", issuing_crl.content),
    }


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def openssl_verify(m: dict[str, Path], cert: Path) -> pkitools.subprocess.CompletedProcess[str]:
    return pkitools.run(
        pkitools.need_openssl(),
        "verify",
        "-x509_strict",
        "-crl_check_all",
        "-CAfile",
        m["root"],
        "-untrusted",
        m["issuing"],
        "-CRLfile",
        m["crls"],
        cert,
        check=False,
    )


def cert_pem(tmp: Path, row: IssuedCertificate, name: str = "leaf") -> Path:
    return pkitools.write_pem(tmp / f"{name}.pem", x509.load_der_x509_certificate(row.cert_der))


def test_init_is_idempotent_and_serves_the_chain(ca: Runtime, client: TestClient) -> None:
    with ca.sessions() as db:
        assert ca_service(ca).init(db, ca.clock.now()).created == []
    chain = client.get("/pki/ca/chain.pem")
    assert chain.status_code == 200
    certs = x509.load_pem_x509_certificates(chain.content)
    assert [c.subject.rfc4514_string() for c in certs] == [
        "CN=mCert Issuing CA,O=mCert,C=CN",
        "CN=mCert Root CA,O=mCert,C=CN",
    ]
    root = x509.load_der_x509_certificate(client.get("/pki/ca/root.crt").content)
    assert isinstance(root.public_key(), ec.EllipticCurvePublicKey)
    assert root.public_key().curve.name == "secp384r1"  # type: ignore[union-attr]
    assert client.get("/pki/ca/nope.crt").status_code == 404


@pytest.mark.parametrize(
    ("profile", "key_spec"),
    [
        ("personal-sign", "ec"),
        ("org-sign", "ec"),
        ("personal-enc", "ec"),
        ("org-enc", "rsa:2048"),
        ("personal-enc", "rsa:2048"),
    ],
)
def test_every_profile_verifies_with_openssl_and_passes_pkilint(
    ca: Runtime, client: TestClient, tmp_path: Path, profile: str, key_spec: str
) -> None:
    m = fetch_material(client, tmp_path)
    row = issue(ca, pkitools.openssl_csr(tmp_path, key_spec=key_spec), profile)
    leaf = cert_pem(tmp_path, row)
    result = openssl_verify(m, leaf)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Evil Corp" not in row.subject  # the CSR's subject is ignored
    assert pkitools.pkilint("lint_pkix_cert", leaf) == ""
    pair = _write(tmp_path / "pair.pem", m["issuing"].read_bytes() + leaf.read_bytes())
    assert pkitools.pkilint("lint_pkix_signer_signee_cert_chain", m["issuing"], leaf) == "", pair


def test_hierarchy_certificates_and_crl_pass_pkilint(
    ca: Runtime, client: TestClient, tmp_path: Path
) -> None:
    m = fetch_material(client, tmp_path)
    assert pkitools.pkilint("lint_pkix_cert", m["issuing"]) == ""
    assert pkitools.pkilint("lint_pkix_signer_signee_cert_chain", m["root"], m["issuing"]) == ""
    assert pkitools.pkilint("lint_crl", "-t", "CRL", "-p", "PKIX", m["issuing_crl_der"]) == ""


def test_revocation_reaches_crl_and_openssl_refuses(
    ca: Runtime, client: TestClient, tmp_path: Path, clock: FrozenClock
) -> None:
    row = issue(ca, pkitools.openssl_csr(tmp_path), "personal-sign")
    before = x509.load_der_x509_crl(client.get("/pki/crl/issuing.crl").content)
    clock.advance(5)
    with ca.sessions() as db:
        ca_service(ca).revoke(
            db,
            row.serial,
            reason=RevocationReason.KEY_COMPROMISE,
            now=clock.now(),
            actor=Actor("operator", "test"),
        )
        db.commit()
    m = fetch_material(client, tmp_path)
    crl = x509.load_der_x509_crl(m["issuing_crl_der"].read_bytes())
    number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    assert number > before.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    entry = crl.get_revoked_certificate_by_serial_number(int(row.serial, 16))
    assert entry is not None
    result = openssl_verify(m, cert_pem(tmp_path, row))
    assert result.returncode != 0
    assert "certificate revoked" in result.stdout + result.stderr
    with ca.sessions() as db, pytest.raises(DomainError) as info:
        ca_service(ca).revoke(
            db,
            row.serial,
            reason=RevocationReason.SUPERSEDED,
            now=clock.now(),
            actor=Actor("operator", "test"),
        )
    assert info.value.code == "certificate_already_revoked"


def test_same_request_id_returns_the_same_certificate(ca: Runtime, tmp_path: Path) -> None:
    csr = pkitools.openssl_csr(tmp_path)
    first = issue(ca, csr, "personal-sign", request_id="order-1:sign")
    second = issue(ca, csr, "personal-sign", request_id="order-1:sign")
    assert first.serial == second.serial
    with ca.sessions() as db:
        assert db.scalar(select(func.count()).select_from(IssuedCertificate)) == 1


def test_serials_are_random_positive_and_long(ca: Runtime, tmp_path: Path) -> None:
    csr = pkitools.openssl_csr(tmp_path)
    serials = {int(issue(ca, csr, "personal-sign").serial, 16) for _ in range(20)}
    assert len(serials) == 20
    assert all(s > 2**64 for s in serials)


def _bad_signature_csr(tmp: Path) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "x")]))
        .sign(key, hashes.SHA256())
    )
    der = bytearray(csr.public_bytes(serialization.Encoding.DER))
    der[-5] ^= 0x01  # inside the signature
    return bytes(der)


def _rsa1024_csr() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    return (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "x")]))
        .sign(key, hashes.SHA256())
        .public_bytes(serialization.Encoding.PEM)
    )


@pytest.mark.parametrize(
    ("make", "profile", "code"),
    [
        (
            lambda tmp: b"-----BEGIN CERTIFICATE REQUEST-----\ngarbage\n",
            "personal-sign",
            "csr_malformed",
        ),
        (_bad_signature_csr, "personal-sign", "csr_signature_invalid"),
        (lambda tmp: _rsa1024_csr(), "personal-sign", "key_too_weak"),
        (lambda tmp: pkitools.openssl_csr(tmp).read_bytes(), "no-such-profile", "profile_unknown"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    ca: Runtime, tmp_path: Path, make: object, profile: str, code: str
) -> None:
    data = make(tmp_path)  # type: ignore[operator]
    with ca.sessions() as db:
        audit_before = db.scalar(select(func.count()).select_from(AuditEntry))
        with pytest.raises(DomainError) as info:
            ca_service(ca).issue(
                db,
                now=ca.clock.now(),
                profile=profile,
                subject=PERSON,
                csr=data,
                actor=Actor("operator", "test"),
            )
        db.rollback()
        assert info.value.code == code
        assert db.scalar(select(func.count()).select_from(IssuedCertificate)) == 0
        assert db.scalar(select(func.count()).select_from(AuditEntry)) == audit_before


def test_issuance_and_revocation_are_audited(ca: Runtime, tmp_path: Path) -> None:
    row = issue(ca, pkitools.openssl_csr(tmp_path), "personal-sign")
    with ca.sessions() as db:
        ca_service(ca).revoke(
            db,
            row.serial,
            reason=RevocationReason.SUPERSEDED,
            now=ca.clock.now(),
            actor=Actor("operator", "test"),
        )
        db.commit()
        actions = [
            a
            for a, t in db.execute(select(AuditEntry.action, AuditEntry.target_id))
            if t == row.serial
        ]
    assert actions == ["certificate.issued", "certificate.revoked"]


# ----------------------------------------------------------------------------- OCSP


def _ocsp_request(issuer: x509.Certificate, serial: int, nonce: bytes | None = None) -> bytes:
    builder = ocsp.OCSPRequestBuilder().add_certificate_by_hash(
        issuer.fingerprint(hashes.SHA1()) and _name_hash(issuer),
        _key_hash(issuer),
        serial,
        hashes.SHA1(),
    )
    if nonce:
        builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
    return builder.build().public_bytes(serialization.Encoding.DER)


def _name_hash(issuer: x509.Certificate) -> bytes:
    digest = hashes.Hash(hashes.SHA1())
    digest.update(issuer.subject.public_bytes())
    return digest.finalize()


def _key_hash(issuer: x509.Certificate) -> bytes:
    ski = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    pub = issuer.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    digest = hashes.Hash(hashes.SHA1())
    digest.update(pub)
    result = digest.finalize()
    assert ski is not None
    return result


def test_ocsp_get_post_nonce_malformed(ca: Runtime, client: TestClient, tmp_path: Path) -> None:
    row = issue(ca, pkitools.openssl_csr(tmp_path), "personal-sign")
    issuer = x509.load_der_x509_certificate(client.get("/pki/ca/issuing.crt").content)
    req = _ocsp_request(issuer, int(row.serial, 16))
    post = client.post(
        "/pki/ocsp", content=req, headers={"content-type": "application/ocsp-request"}
    )
    assert post.headers["content-type"] == "application/ocsp-response"
    resp = ocsp.load_der_ocsp_response(post.content)
    assert resp.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL
    assert resp.certificate_status == ocsp.OCSPCertStatus.GOOD
    get = client.get("/pki/ocsp/" + base64.b64encode(req).decode().replace("/", "%2F"))
    assert get.content == post.content  # pre-signed and cached
    nonce = b"\x01" * 16
    with_nonce = ocsp.load_der_ocsp_response(
        client.post("/pki/ocsp", content=_ocsp_request(issuer, int(row.serial, 16), nonce)).content
    )
    assert with_nonce.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce == nonce
    bad = ocsp.load_der_ocsp_response(client.post("/pki/ocsp", content=b"\x30\x03junk").content)
    assert bad.response_status == ocsp.OCSPResponseStatus.MALFORMED_REQUEST
    bad_get = ocsp.load_der_ocsp_response(client.get("/pki/ocsp/@@notbase64@@").content)
    assert bad_get.response_status == ocsp.OCSPResponseStatus.MALFORMED_REQUEST


def test_openssl_ocsp_good_revoked_unknown_against_running_server(
    ca: Runtime, tmp_path: Path
) -> None:
    openssl = pkitools.need_openssl()
    row = issue(ca, pkitools.openssl_csr(tmp_path), "personal-sign")
    with TestClient(create_app(runtime=ca)) as client:
        m = fetch_material(client, tmp_path)
    leaf = cert_pem(tmp_path, row)

    def ask(*target: str | Path) -> str:
        out = pkitools.run(
            openssl,
            "ocsp",
            "-url",
            f"{base}/pki/ocsp",
            "-issuer",
            m["issuing"],
            "-CAfile",
            m["root"],
            *target,
            "-resp_text",
        )
        return out.stdout + out.stderr

    with pkitools.live_server(create_app(runtime=ca)) as base:
        text = ask("-cert", leaf)
        assert "Response verify OK" in text
        assert re.search(r"leaf.pem: good", text)
        revoked = mcert_cli(
            ca,
            "ca",
            "revoke",
            row.serial,
            "--reason",
            "keyCompromise".lower() if False else "key_compromise",
        )
        assert revoked.returncode == 0, revoked.stderr
        text = ask("-cert", leaf)
        assert re.search(r"leaf.pem: revoked", text), text
        assert "Reason: keyCompromise" in text
        text = ask("-serial", "0x1234567890abcdef1234")
        assert "unknown" in text
    der = tmp_path / "resp.der"
    pkitools.run(
        openssl,
        "ocsp",
        "-reqin",
        _write(
            tmp_path / "req.der",
            _ocsp_request(
                x509.load_pem_x509_certificate(m["issuing"].read_bytes()), int(row.serial, 16)
            ),
        ),
        "-reqout",
        tmp_path / "copy.der",
    )
    with TestClient(create_app(runtime=ca)) as client:
        der.write_bytes(
            client.post("/pki/ocsp", content=(tmp_path / "req.der").read_bytes()).content
        )
    assert pkitools.pkilint("lint_ocsp_response", der) == ""


def test_ocsp_responder_certificate_renews_before_expiry(
    ca: Runtime, client: TestClient, tmp_path: Path, clock: FrozenClock
) -> None:
    row = issue(ca, pkitools.openssl_csr(tmp_path), "personal-sign")
    issuer = x509.load_der_x509_certificate(client.get("/pki/ca/issuing.crt").content)
    req = _ocsp_request(issuer, int(row.serial, 16), nonce=b"\x02" * 16)
    first = ocsp.load_der_ocsp_response(client.post("/pki/ocsp", content=req).content)
    clock.advance(timedelta(days=6))
    second = ocsp.load_der_ocsp_response(client.post("/pki/ocsp", content=req).content)
    old, new = first.certificates[0], second.certificates[0]
    assert old.serial_number != new.serial_number
    assert new.not_valid_after_utc > old.not_valid_after_utc
    assert second.certificate_status == ocsp.OCSPCertStatus.GOOD


# ----------------------------------------------------------------------------- timestamps


def test_openssl_ts_query_and_verify(ca: Runtime, client: TestClient, tmp_path: Path) -> None:
    openssl = pkitools.need_openssl()
    data = _write(tmp_path / "bid.txt", "投标文件摘要".encode())
    query = tmp_path / "q.tsq"
    pkitools.run(openssl, "ts", "-query", "-data", data, "-sha256", "-cert", "-out", query)
    resp = client.post(
        "/pki/tsa",
        content=query.read_bytes(),
        headers={"content-type": "application/timestamp-query"},
    )
    assert resp.headers["content-type"] == "application/timestamp-reply"
    reply = _write(tmp_path / "r.tsr", resp.content)
    text = pkitools.run(openssl, "ts", "-reply", "-in", reply, "-text").stdout
    assert "Status: Granted" in text
    m = fetch_material(client, tmp_path)
    out = pkitools.run(
        openssl,
        "ts",
        "-verify",
        "-data",
        data,
        "-in",
        reply,
        "-CAfile",
        m["root"],
        "-untrusted",
        m["issuing"],
    )
    assert "Verification: OK" in out.stdout
    other = _write(tmp_path / "other.txt", b"tampered")
    bad = pkitools.run(
        openssl,
        "ts",
        "-verify",
        "-data",
        other,
        "-in",
        reply,
        "-CAfile",
        m["root"],
        "-untrusted",
        m["issuing"],
        check=False,
    )
    assert bad.returncode != 0


def test_garbage_timestamp_query_gets_a_rejection(client: TestClient, ca: Runtime) -> None:
    resp = client.post("/pki/tsa", content=b"not a query")
    assert resp.status_code == 200
    from mcert.pki import tsa

    assert tsa.parse_response(resp.content).status != 0
