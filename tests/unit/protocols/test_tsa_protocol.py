"""mcert.pki.tsa checked against ``openssl ts``."""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import core as a_core
from asn1crypto import tsp as a_tsp
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given, settings
from hypothesis import strategies as st

from mcert.pki import tsa

from .conftest import NOW as BASE
from .conftest import Entity, ProtocolPKI, _issue, _ku, run_openssl

Run = Callable[..., subprocess.CompletedProcess[bytes]]
POLICY = "1.3.6.1.4.1.99999.1.1"
DATA = "投标文件摘要".encode() * 50
# Microseconds on purpose: genTime drops them (the TSA states an accuracy of 1 s).
NOW = BASE + timedelta(microseconds=654321)


@contextmanager
def _invalid(reason: str) -> Iterator[None]:
    with pytest.raises(tsa.TimeStampTokenInvalid) as exc:
        yield
    assert reason in exc.value.details["reason"]


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    p = tmp_path / "data.bin"
    p.write_bytes(DATA)
    return p


def _query(openssl: Run, tmp: Path, data_file: Path, *opts: str) -> bytes:
    q = tmp / "q.tsq"
    openssl("ts", "-query", "-data", data_file, *opts, "-out", q)
    return q.read_bytes()


def _answer(
    der: bytes, signer: Entity, pki: ProtocolPKI, serial: int = 1001, **kw: object
) -> bytes:
    return tsa.handle_request(
        der,
        tsa_cert=signer.cert,
        tsa_key=signer.key,
        policy=POLICY,
        serial_number=serial,
        now=NOW,
        extra_certs=[pki.ca.cert],
        **kw,  # type: ignore[arg-type]
    )


def _reply_text(resp: bytes, tmp: Path) -> str:
    p = tmp / "resp.tsr"
    p.write_bytes(resp)
    # openssl ts -reply exits 0 even for rejections; keep going either way to show the text.
    proc = run_openssl("ts", "-reply", "-in", p, "-text", check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout.decode()


def _openssl_verify(
    openssl: Run, tmp: Path, resp: bytes, data_file: Path, chain: Path, root: Path
) -> None:
    p = tmp / "resp.tsr"
    p.write_bytes(resp)
    proc = openssl(
        "ts", "-verify", "-data", data_file, "-in", p, "-CAfile", root, "-untrusted", chain
    )
    assert "Verification: OK" in proc.stdout.decode()


@pytest.mark.parametrize("signer_name", ["tsa", "tsa_rsa"])
@pytest.mark.parametrize("digest", ["sha256", "sha384", "sha512"])
def test_openssl_query_granted_and_verified(
    openssl: Run, pki: ProtocolPKI, tmp_path: Path, data_file: Path, signer_name: str, digest: str
) -> None:
    signer: Entity = getattr(pki, signer_name)
    chain = pki.tsa_chain_path if signer_name == "tsa" else pki.tsa_rsa_chain_path
    der = _query(openssl, tmp_path, data_file, f"-{digest}", "-cert")

    req = tsa.parse_request(der)
    assert req.hash_algorithm == digest
    assert req.digest == hashlib.new(digest, DATA).digest()
    assert req.cert_req is True
    assert req.nonce is not None

    resp = _answer(der, signer, pki, serial=424242)
    text = _reply_text(resp, tmp_path)
    assert "Status: Granted." in text
    nonce_line = re.search(r"Nonce: 0x([0-9A-F]+)", text)
    assert nonce_line is not None
    assert int(nonce_line.group(1), 16) == req.nonce
    assert "Serial number: 0x067932" in text
    assert "Accuracy: 0x01 seconds" in text
    _openssl_verify(openssl, tmp_path, resp, data_file, chain, pki.root.cert_path)

    info = tsa.parse_response(resp)
    assert info.status == "granted"
    assert info.token is not None
    verified = tsa.verify_token(info.token, data=DATA, trusted=[pki.root.cert], nonce=req.nonce)
    assert verified.policy == POLICY
    assert verified.serial_number == 424242
    assert verified.gen_time == NOW.replace(microsecond=0)
    assert verified.accuracy == timedelta(seconds=1)
    assert verified.tsa_cert == signer.cert
    by_digest = tsa.verify_token(info.token, digest=req.digest, trusted=[pki.root.cert])
    assert by_digest == verified


def test_no_cert_req_no_nonce(
    openssl: Run, pki: ProtocolPKI, tmp_path: Path, data_file: Path
) -> None:
    der = _query(openssl, tmp_path, data_file, "-sha256", "-no_nonce")
    req = tsa.parse_request(der)
    assert (req.cert_req, req.nonce) == (False, None)
    resp = _answer(der, pki.tsa, pki, include_tsa_name=True)
    text = _reply_text(resp, tmp_path)
    assert "Nonce: unspecified" in text
    assert "CN=mCert Test TSA" in text
    # The token carries no certificates; openssl gets the TSA cert from -untrusted.
    _openssl_verify(openssl, tmp_path, resp, data_file, pki.tsa_chain_path, pki.root.cert_path)
    token = tsa.parse_response(resp).token
    assert token is not None
    with pytest.raises(tsa.TimeStampTokenInvalid):
        tsa.verify_token(token, data=DATA, trusted=[pki.root.cert])
    tsa.verify_token(
        token, data=DATA, trusted=[pki.root.cert], untrusted=[pki.ca.cert, pki.tsa.cert]
    )


def test_signing_time_attribute_still_verifies(
    openssl: Run, pki: ProtocolPKI, tmp_path: Path, data_file: Path
) -> None:
    der = _query(openssl, tmp_path, data_file, "-sha256", "-cert")
    token = tsa.build_token(
        tsa.parse_request(der),
        tsa_cert=pki.tsa.cert,
        tsa_key=pki.tsa.key,
        policy=POLICY,
        serial_number=7,
        now=NOW,
        extra_certs=[pki.ca.cert],
        include_signing_time=True,
    )
    resp = tsa.granted_response(token)
    _openssl_verify(openssl, tmp_path, resp, data_file, pki.tsa_chain_path, pki.root.cert_path)
    tsa.verify_token(token, data=DATA, trusted=[pki.root.cert])


@pytest.mark.parametrize(
    ("opts", "failure", "openssl_text"),
    [
        (["-sha1"], tsa.PKIFailure.BAD_ALG, "unrecognized or unsupported algorithm identifier"),
        (["-md5"], tsa.PKIFailure.BAD_ALG, "unrecognized or unsupported algorithm identifier"),
    ],
)
def test_weak_hash_rejected(
    openssl: Run,
    pki: ProtocolPKI,
    tmp_path: Path,
    data_file: Path,
    opts: list[str],
    failure: tsa.PKIFailure,
    openssl_text: str,
) -> None:
    der = _query(openssl, tmp_path, data_file, *opts)
    with pytest.raises(tsa.TimeStampRequestRejected) as exc:
        tsa.parse_request(der)
    assert exc.value.failure is failure
    resp = _answer(der, pki.tsa, pki)
    text = _reply_text(resp, tmp_path)
    assert "Status: Rejected." in text
    assert openssl_text in text
    assert "TST info:\nNot included." in text
    info = tsa.parse_response(resp)
    assert (info.status, info.failures, info.token) == ("rejection", frozenset({failure}), None)


def _raw_request(alg: str, digest: bytes, **extra: object) -> bytes:
    req = a_tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {"hash_algorithm": {"algorithm": alg}, "hashed_message": digest},
            **extra,
        }
    )
    return bytes(req.dump())


@pytest.mark.parametrize(
    ("der", "failure", "openssl_text"),
    [
        (b"garbage", tsa.PKIFailure.BAD_DATA_FORMAT, "the data submitted has the wrong format"),
        (
            _raw_request("sha256", b"\x01" * 20),
            tsa.PKIFailure.BAD_DATA_FORMAT,
            "the data submitted has the wrong format",
        ),
        (
            _raw_request("sha512", b"\x01" * 32),
            tsa.PKIFailure.BAD_DATA_FORMAT,
            "the data submitted has the wrong format",
        ),
        (
            _raw_request(
                "sha256", b"\x01" * 32, extensions=[{"extn_id": "1.2.3", "extn_value": b"x"}]
            ),
            tsa.PKIFailure.UNACCEPTED_EXTENSION,
            "requested extension is not supported",
        ),
    ],
)
def test_bad_requests_rejected(
    pki: ProtocolPKI, tmp_path: Path, der: bytes, failure: tsa.PKIFailure, openssl_text: str
) -> None:
    resp = _answer(der, pki.tsa, pki)
    text = _reply_text(resp, tmp_path)
    assert "Status: Rejected." in text
    assert openssl_text in text
    assert tsa.parse_response(resp).failures == {failure}


def test_request_policy(openssl: Run, pki: ProtocolPKI, tmp_path: Path, data_file: Path) -> None:
    other = "1.3.6.1.4.1.99999.1.2"
    der = _query(openssl, tmp_path, data_file, "-sha256", "-cert", "-tspolicy", other)
    assert tsa.parse_request(der).req_policy == other
    rejected = tsa.parse_response(_answer(der, pki.tsa, pki))
    assert rejected.failures == {tsa.PKIFailure.UNACCEPTED_POLICY}
    granted = tsa.parse_response(_answer(der, pki.tsa, pki, accepted_policies=[other]))
    assert granted.token is not None
    assert tsa.verify_token(granted.token, data=DATA, trusted=[pki.root.cert]).policy == other


@pytest.fixture
def token(pki: ProtocolPKI) -> bytes:
    req = tsa.TimeStampRequestInfo("sha256", hashlib.sha256(DATA).digest(), None, 99, True)
    return tsa.build_token(
        req,
        tsa_cert=pki.tsa.cert,
        tsa_key=pki.tsa.key,
        policy=POLICY,
        serial_number=5,
        now=NOW,
        extra_certs=[pki.ca.cert],
    )


def test_verify_rejects_wrong_data_nonce_and_trust(pki: ProtocolPKI, token: bytes) -> None:
    tsa.verify_token(token, data=DATA, trusted=[pki.root.cert], nonce=99)
    with _invalid("imprint"):
        tsa.verify_token(token, data=DATA + b"x", trusted=[pki.root.cert])
    with _invalid("nonce"):
        tsa.verify_token(token, data=DATA, trusted=[pki.root.cert], nonce=98)
    with _invalid("chain"):
        tsa.verify_token(token, data=DATA, trusted=[pki.responder.cert])
    # Pinning the TSA certificate itself as the anchor is allowed.
    tsa.verify_token(token, data=DATA, trusted=[pki.tsa.cert])


def test_verify_rejects_tampering(pki: ProtocolPKI, token: bytes) -> None:
    # Flip a bit of the signature, then change the policy inside the signed TSTInfo.
    broken_sig = token[:-1] + bytes([token[-1] ^ 1])
    with pytest.raises(tsa.TimeStampTokenInvalid):
        tsa.verify_token(broken_sig, data=DATA, trusted=[pki.root.cert])
    policy_der = a_core.ObjectIdentifier(POLICY).dump()
    assert policy_der in token
    altered = token.replace(policy_der, policy_der[:-1] + b"\x02")
    with _invalid("messageDigest"):
        tsa.verify_token(altered, data=DATA, trusted=[pki.root.cert])
    with _invalid("malformed"):
        tsa.verify_token(b"\x30\x00", data=DATA, trusted=[pki.root.cert])


def test_verify_requires_timestamping_eku(pki: ProtocolPKI) -> None:
    # A certificate without the critical timeStamping EKU must not be accepted as a TSA.
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _issue("not a TSA", key, (pki.ca.cert, pki.ca.key), ku=_ku(digital_signature=True))
    req = tsa.TimeStampRequestInfo("sha256", hashlib.sha256(DATA).digest(), None, None, True)
    token = tsa.build_token(
        req, tsa_cert=cert, tsa_key=key, policy=POLICY, serial_number=1, now=NOW
    )
    with _invalid("extendedKeyUsage"):
        tsa.verify_token(token, data=DATA, trusted=[pki.root.cert], untrusted=[pki.ca.cert])


def test_verify_checks_validity_at_gen_time(pki: ProtocolPKI) -> None:
    req = tsa.TimeStampRequestInfo("sha256", hashlib.sha256(DATA).digest(), None, None, True)
    late = tsa.build_token(
        req,
        tsa_cert=pki.tsa.cert,
        tsa_key=pki.tsa.key,
        policy=POLICY,
        serial_number=2,
        now=NOW + timedelta(days=3650),
    )
    with _invalid("genTime"):
        tsa.verify_token(late, data=DATA, trusted=[pki.root.cert], untrusted=[pki.ca.cert])


def test_caller_mistakes_raise(pki: ProtocolPKI) -> None:
    req = tsa.TimeStampRequestInfo("sha256", b"\x00" * 32, None, None, False)
    common = dict(tsa_cert=pki.tsa.cert, tsa_key=pki.tsa.key, policy=POLICY)
    with pytest.raises(ValueError, match="serial"):
        tsa.build_token(req, serial_number=0, now=NOW, **common)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timezone"):
        tsa.build_token(req, serial_number=1, now=datetime(2030, 1, 1), **common)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="exactly one"):
        tsa.verify_token(b"", trusted=[pki.root.cert])


def test_error_codes() -> None:
    exc = tsa.TimeStampRequestRejected(tsa.PKIFailure.BAD_ALG, "x")
    assert exc.code == "tsa_request_rejected"
    assert exc.details == {"failure": "bad_alg", "reason": "x"}
    assert tsa.TimeStampTokenInvalid("y").code == "tsa_token_invalid"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_parse_request_only_raises_rejection(data: bytes) -> None:
    # Anything but a clean parse must be a rejection we can answer with, never another error.
    rejection: tsa.TimeStampRequestRejected | None = None
    try:
        tsa.parse_request(data)
    except tsa.TimeStampRequestRejected as exc:
        rejection = exc
    if rejection is not None:
        assert tsa.parse_response(rejection.response()).status == "rejection"
