"""mcert.pki.ocsp checked against the OpenSSL CLI and pkilint."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509 import ocsp as x_ocsp
from hypothesis import given, settings
from hypothesis import strategies as st

from mcert.pki import ocsp

from .conftest import NOW, ProtocolPKI, run_openssl

Run = Callable[..., subprocess.CompletedProcess[bytes]]
LINTER = Path(__file__).resolve().parents[3] / ".venv" / "bin" / "lint_ocsp_response"


def _request(openssl: Run, pki: ProtocolPKI, tmp: Path, *extra: str | Path) -> Path:
    req = tmp / "req.der"
    openssl("ocsp", "-issuer", pki.ca.cert_path, *extra, "-reqout", req)
    return req


def _status(serial: int, status: ocsp.CertStatus) -> ocsp.CertStatusInfo:
    if status is ocsp.CertStatus.REVOKED:
        return ocsp.CertStatusInfo(
            serial,
            status,
            revoked_at=NOW - timedelta(days=2),
            reason=x509.ReasonFlags.key_compromise,
        )
    return ocsp.CertStatusInfo(serial, status)


def _respond(
    pki: ProtocolPKI, info: ocsp.OCSPRequestInfo, statuses: list[ocsp.CertStatus]
) -> bytes:
    issuer = ocsp.match_issuer(info.cert_ids[0], [pki.root.cert, pki.ca.cert])
    assert issuer == pki.ca.cert
    return ocsp.build_response(
        responder_cert=pki.responder.cert,
        responder_key=pki.responder.key,
        issuer_cert=issuer,
        statuses=[
            _status(c.serial_number, s) for c, s in zip(info.cert_ids, statuses, strict=True)
        ],
        this_update=NOW,
        next_update=NOW + timedelta(hours=12),
        nonce=info.nonce,
        hash_alg=info.cert_ids[0].hash_algorithm,
        produced_at=NOW,
    )


def _openssl_check(
    openssl: Run, pki: ProtocolPKI, req: Path, resp: Path, *extra: str | Path
) -> str:
    proc = openssl(
        "ocsp",
        "-respin",
        resp,
        "-reqin",
        req,
        "-issuer",
        pki.ca.cert_path,
        "-CAfile",
        pki.root.cert_path,
        "-resp_text",
        *extra,
    )
    out = (proc.stdout + proc.stderr).decode()
    assert "Response verify OK" in out
    assert "Nonce Verify error" not in out
    assert "WARNING: no nonce in response" not in out
    return out


def _lint(resp: Path) -> None:
    proc = subprocess.run(
        [str(LINTER), "lint", "-s", "WARNING", str(resp)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "", proc.stdout


@pytest.mark.parametrize("status", list(ocsp.CertStatus))
@pytest.mark.parametrize("with_nonce", [True, False])
def test_openssl_request_to_verified_response(
    openssl: Run, pki: ProtocolPKI, tmp_path: Path, status: ocsp.CertStatus, with_nonce: bool
) -> None:
    serial = pki.ee_ec.cert.serial_number
    nonce_opt = () if with_nonce else ("-no_nonce",)
    req = _request(openssl, pki, tmp_path, "-serial", hex(serial), *nonce_opt)

    info = ocsp.parse_request(req.read_bytes())
    assert [c.serial_number for c in info.cert_ids] == [serial]
    assert info.cert_ids[0].hash_algorithm == "sha1"
    assert (info.nonce is not None) is with_nonce

    der = _respond(pki, info, [status])
    resp = tmp_path / "resp.der"
    resp.write_bytes(der)
    out = _openssl_check(openssl, pki, req, resp)
    assert f"Cert Status: {status.value}" in out
    if status is ocsp.CertStatus.REVOKED:
        assert "Revocation Reason: keyCompromise" in out

    parsed = x_ocsp.load_der_ocsp_response(der)
    assert parsed.response_status is x_ocsp.OCSPResponseStatus.SUCCESSFUL
    assert parsed.responder_key_hash is not None
    assert parsed.certificates == [pki.responder.cert]
    nonces = [e.value.nonce for e in parsed.extensions if isinstance(e.value, x509.OCSPNonce)]
    assert nonces == ([info.nonce] if with_nonce else [])
    _lint(resp)


def test_status_lines_via_serial_and_vafile(openssl: Run, pki: ProtocolPKI, tmp_path: Path) -> None:
    """-VAfile path plus openssl's own per-serial status lines."""
    serial = pki.ee_rsa.cert.serial_number
    req = _request(openssl, pki, tmp_path, "-serial", hex(serial), "-no_nonce")
    der = _respond(pki, ocsp.parse_request(req.read_bytes()), [ocsp.CertStatus.REVOKED])
    resp = tmp_path / "resp.der"
    resp.write_bytes(der)
    proc = openssl(
        "ocsp",
        "-respin",
        resp,
        "-issuer",
        pki.ca.cert_path,
        "-serial",
        hex(serial),
        "-no_nonce",
        "-VAfile",
        pki.responder.cert_path,
    )
    out = (proc.stdout + proc.stderr).decode()
    assert "Response verify OK" in out
    # openssl checks thisUpdate/nextUpdate against its clock (here T0, by faketime) only
    # when it prints a serial's status.
    assert "Status times invalid" not in out
    assert f"{hex(serial)}: revoked" in out.lower()


def test_sha256_certid_and_several_requests(openssl: Run, pki: ProtocolPKI, tmp_path: Path) -> None:
    serials = [pki.ee_ec.cert.serial_number, 0x55, pki.ee_rsa.cert.serial_number]
    args: list[str | Path] = ["-sha256"]
    for s in serials:
        args += ["-serial", hex(s)]
    req = _request(openssl, pki, tmp_path, *args)

    info = ocsp.parse_request(req.read_bytes())
    assert [c.serial_number for c in info.cert_ids] == serials
    assert {c.hash_algorithm for c in info.cert_ids} == {"sha256"}
    assert info.cert_ids[0] == ocsp.cert_id_for(pki.ca.cert, serials[0], "sha256")

    statuses = [ocsp.CertStatus.GOOD, ocsp.CertStatus.UNKNOWN, ocsp.CertStatus.REVOKED]
    resp = tmp_path / "resp.der"
    resp.write_bytes(_respond(pki, info, statuses))
    out = _openssl_check(openssl, pki, req, resp, "-verify_other", pki.responder.cert_path)
    assert out.count("Hash Algorithm: sha256") == 3
    assert [line.strip() for line in out.splitlines() if "Cert Status:" in line] == [
        "Cert Status: good",
        "Cert Status: unknown",
        "Cert Status: revoked",
    ]
    _lint(resp)


def _openssl_status(resp: Path) -> str:
    # openssl exits non-zero for an unsuccessful responseStatus; the text is what matters.
    proc = run_openssl("ocsp", "-respin", resp, "-resp_text", "-noverify", check=False)
    return (proc.stdout + proc.stderr).decode()


def test_malformed_request(tmp_path: Path) -> None:
    with pytest.raises(ocsp.OCSPMalformedRequest) as exc:
        ocsp.parse_request(b"\x30\x03\x02\x01\x01")
    assert exc.value.code == "ocsp_malformed_request"
    resp = tmp_path / "resp.der"
    resp.write_bytes(ocsp.malformed_request_response())
    assert "malformedrequest (1)" in _openssl_status(resp)
    parsed = x_ocsp.load_der_ocsp_response(resp.read_bytes())
    assert parsed.response_status is x_ocsp.OCSPResponseStatus.MALFORMED_REQUEST


def test_foreign_issuer_gets_unauthorized(openssl: Run, pki: ProtocolPKI, tmp_path: Path) -> None:
    # A CertID under the root: we only answer for the issuing CA.
    req = tmp_path / "req.der"
    openssl("ocsp", "-issuer", pki.root.cert_path, "-serial", "0x10", "-reqout", req)
    info = ocsp.parse_request(req.read_bytes())
    assert ocsp.match_issuer(info.cert_ids[0], [pki.ca.cert]) is None
    resp = tmp_path / "resp.der"
    resp.write_bytes(ocsp.unauthorized_response())
    assert "unauthorized (6)" in _openssl_status(resp)


def test_other_error_responses_decode() -> None:
    for der, status in [
        (ocsp.internal_error_response(), x_ocsp.OCSPResponseStatus.INTERNAL_ERROR),
        (ocsp.try_later_response(), x_ocsp.OCSPResponseStatus.TRY_LATER),
    ]:
        assert x_ocsp.load_der_ocsp_response(der).response_status is status


def test_unsupported_hash_never_matches(pki: ProtocolPKI) -> None:
    cid = ocsp.cert_id_for(pki.ca.cert, 1, "sha1")
    md5 = ocsp.CertID("md5", cid.issuer_name_hash, cid.issuer_key_hash, 1)
    assert ocsp.match_issuer(md5, [pki.ca.cert]) is None
    # Same name hash, different key: a re-keyed CA must not match.
    rekeyed = ocsp.CertID("sha1", cid.issuer_name_hash, b"\x00" * 20, 1)
    assert ocsp.match_issuer(rekeyed, [pki.ca.cert]) is None


def test_presigned_response_is_reusable(pki: ProtocolPKI) -> None:
    """The no-nonce response depends only on its inputs: cacheable until nextUpdate."""
    kwargs = dict(
        responder_cert=pki.responder.cert,
        responder_key=pki.responder.key,
        issuer_cert=pki.ca.cert,
        statuses=[ocsp.CertStatusInfo(7, ocsp.CertStatus.GOOD)],
        this_update=NOW,
        next_update=NOW + timedelta(days=1),
    )
    a = x_ocsp.load_der_ocsp_response(ocsp.build_response(**kwargs))  # type: ignore[arg-type]
    b = x_ocsp.load_der_ocsp_response(ocsp.build_response(**kwargs))  # type: ignore[arg-type]
    # ECDSA signatures differ; everything that was signed is identical.
    assert a.tbs_response_bytes == b.tbs_response_bytes
    assert a.produced_at_utc == NOW


def test_input_validation(pki: ProtocolPKI) -> None:
    with pytest.raises(ValueError, match="revoked_at"):
        ocsp.CertStatusInfo(1, ocsp.CertStatus.REVOKED)
    with pytest.raises(ValueError, match="only apply"):
        ocsp.CertStatusInfo(1, ocsp.CertStatus.GOOD, revoked_at=NOW)
    with pytest.raises(ValueError, match="timezone"):
        ocsp.build_response(
            responder_cert=pki.responder.cert,
            responder_key=pki.responder.key,
            issuer_cert=pki.ca.cert,
            statuses=[ocsp.CertStatusInfo(1, ocsp.CertStatus.GOOD)],
            this_update=datetime(2030, 1, 1),  # naive on purpose
            next_update=NOW,
        )


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_parse_request_only_raises_malformed(data: bytes) -> None:
    try:
        ocsp.parse_request(data)
    except ocsp.OCSPMalformedRequest:
        pass
