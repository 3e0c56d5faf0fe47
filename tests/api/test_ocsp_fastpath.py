"""The OCSP fast path (``OCSPFastPath``): what it adds over the FastAPI routes it shadows.

Same answers as ``CAService.ocsp``; pre-signed answers served only while the stored status
is the one they were signed for, so a revocation by another app instance (another worker)
shows at once; RFC 6960 A.1 GET encodings; size limits; headers; reads that never wait for
a writer.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ocsp
from fastapi.testclient import TestClient

from mcert.audit.service import Actor
from mcert.ca import ocsp as ca_ocsp
from mcert.ca.models import IssuedCertificate
from mcert.ca.ocsp import OCSPStatusReader
from mcert.ca.service import ca_service
from mcert.main import create_app
from mcert.pki.crl import RevocationReason
from mcert.pki.issue import SubjectInfo
from mcert.runtime import Runtime

PERSON = SubjectInfo(common_name="张三", pseudonym_id="p-3f9a1c2b7d")
OPERATOR = Actor("operator", "test")


@pytest.fixture
def ca(runtime: Runtime) -> Runtime:
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
    return runtime


@pytest.fixture
def issuer(ca: Runtime) -> x509.Certificate:
    with ca.sessions() as db:
        return ca_service(ca).ca_certificate(db, "issuing")


def _csr() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    return (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "x")]))
        .sign(key, hashes.SHA256())
        .public_bytes(serialization.Encoding.DER)
    )


def issue(rt: Runtime) -> x509.Certificate:
    with rt.sessions() as db:
        row = ca_service(rt).issue(
            db,
            now=rt.clock.now(),
            profile="personal-sign",
            subject=PERSON,
            csr=_csr(),
            actor=OPERATOR,
        )
        db.commit()
        return x509.load_der_x509_certificate(row.cert_der)


def revoke(rt: Runtime, cert: x509.Certificate) -> None:
    with rt.sessions() as db:
        ca_service(rt).revoke(
            db,
            format(cert.serial_number, "x"),
            reason=RevocationReason.KEY_COMPROMISE,
            now=rt.clock.now(),
            actor=OPERATOR,
            regenerate_crl=False,
        )
        db.commit()


def request_der(
    issuer: x509.Certificate, cert: x509.Certificate, nonce: bytes | None = None
) -> bytes:
    builder = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1())
    if nonce is not None:
        builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
    return builder.build().public_bytes(serialization.Encoding.DER)


def get(client: TestClient, der: bytes) -> ocsp.OCSPResponse:
    resp = client.get("/pki/ocsp/" + quote(base64.b64encode(der).decode(), safe=""))
    assert resp.status_code == 200
    return ocsp.load_der_ocsp_response(resp.content)


@pytest.fixture
def count_signing(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many OCSP responses were signed (``build_response`` calls) since the fixture."""
    calls = [0]
    real = ca_ocsp.pki_ocsp.build_response

    def counting(**kwargs: object) -> bytes:
        calls[0] += 1
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ca_ocsp.pki_ocsp, "build_response", counting)
    return calls


# ----------------------------------------------------------------------------- HTTP surface


def test_get_and_post_send_ocsp_content_type_length_and_no_http_caching(
    ca: Runtime, client: TestClient, issuer: x509.Certificate
) -> None:
    der = request_der(issuer, issue(ca))
    post = client.post(
        "/pki/ocsp", content=der, headers={"content-type": "application/ocsp-request"}
    )
    get_ = client.get("/pki/ocsp/" + quote(base64.b64encode(der).decode(), safe=""))
    for resp in (post, get_):
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "application/ocsp-response"
        assert int(resp.headers["content-length"]) == len(resp.content)
        # Revocation must be visible at once: no proxy may serve a stored answer unchecked.
        assert resp.headers["cache-control"] == "no-cache, no-transform"
    assert get_.content == post.content
    answer = ocsp.load_der_ocsp_response(get_.content)
    assert answer.certificate_status == ocsp.OCSPCertStatus.GOOD


def test_get_accepts_every_url_encoding_of_the_base64(
    ca: Runtime, client: TestClient, issuer: x509.Certificate
) -> None:
    cert = issue(ca)
    # Find a nonce that puts "/" and "+" into the base64, the characters clients encode
    # differently (some percent-encode them, some send them raw).
    for i in range(10_000):
        nonce = i.to_bytes(4, "big") * 4
        der = request_der(issuer, cert, nonce)
        b64 = base64.b64encode(der).decode()
        if "/" in b64 and "+" in b64:
            break
    else:
        pytest.fail("no request with both '/' and '+' in its base64")
    forms = [
        quote(b64, safe=""),  # %2F %2B %3D
        b64,  # raw, "/" splitting the path into segments
        quote(b64, safe="/+"),  # only "=" encoded
        quote(quote(b64, safe=""), safe=""),  # encoded twice by a proxy
    ]
    for form in forms:
        resp = client.get("/pki/ocsp/" + form)
        answer = ocsp.load_der_ocsp_response(resp.content)
        assert answer.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL, form
        assert answer.serial_number == cert.serial_number
        assert answer.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce == nonce


@pytest.mark.parametrize(
    "path",
    [
        "/pki/ocsp/@@not-base64@@",
        "/pki/ocsp/" + base64.b64encode(b"\x30\x03junk").decode(),
        "/pki/ocsp/",
        "/pki/ocsp/" + "A" * 50_000,  # longer than any request we accept, even encoded
    ],
)
def test_malformed_get_gets_malformed_request(ca: Runtime, client: TestClient, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "application/ocsp-response"
    answer = ocsp.load_der_ocsp_response(resp.content)
    assert answer.response_status == ocsp.OCSPResponseStatus.MALFORMED_REQUEST


def test_post_larger_than_16_kib_is_refused_unread(
    ca: Runtime, client: TestClient, issuer: x509.Certificate
) -> None:
    der = request_der(issuer, issue(ca))
    too_big = der + b"\x00" * (16 * 1024)
    # The body limit ahead of the fast path answers 413, as for every route (issue 9.4).
    resp = client.post("/pki/ocsp", content=too_big)
    assert resp.status_code == 413
    assert resp.json()["error"]["code"] == "body_too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies while reading
        for _ in range(40):
            yield b"\x00" * 1024

    resp = client.post("/pki/ocsp", content=chunks())
    assert resp.status_code == 413
    # A request of exactly the limit is still read (and here is merely malformed).
    resp = client.post("/pki/ocsp", content=b"\x00" * (16 * 1024))
    assert resp.status_code == 200


def test_other_methods_and_paths_fall_through_to_the_routes(
    ca: Runtime, client: TestClient
) -> None:
    assert client.put("/pki/ocsp", content=b"x").status_code == 405
    assert client.get("/pki/ocsp").status_code in (404, 405)
    assert client.post("/pki/ocsp/extra", content=b"x").status_code in (404, 405)
    assert client.get("/pki/ca/issuing.crt").status_code == 200


def test_unknown_serial_and_foreign_issuer(
    ca: Runtime, client: TestClient, issuer: x509.Certificate
) -> None:
    template = ocsp.load_der_ocsp_request(request_der(issuer, issue(ca)))
    unknown = (
        ocsp.OCSPRequestBuilder()
        .add_certificate_by_hash(
            template.issuer_name_hash, template.issuer_key_hash, 0x1234567890ABCDEF, hashes.SHA1()
        )
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    assert get(client, unknown).certificate_status == ocsp.OCSPCertStatus.UNKNOWN
    assert get(client, unknown).certificate_status == ocsp.OCSPCertStatus.UNKNOWN  # cached
    foreign = (
        ocsp.OCSPRequestBuilder()
        .add_certificate_by_hash(b"\x01" * 20, b"\x02" * 20, 5, hashes.SHA1())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    assert get(client, foreign).response_status == ocsp.OCSPResponseStatus.UNAUTHORIZED


def test_uninitialised_ca_answers_try_later(runtime: Runtime, client: TestClient) -> None:
    der = (
        ocsp.OCSPRequestBuilder()
        .add_certificate_by_hash(b"\x01" * 20, b"\x02" * 20, 5, hashes.SHA1())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    assert get(client, der).response_status == ocsp.OCSPResponseStatus.TRY_LATER


def test_a_database_failure_answers_try_later_not_500(
    ca: Runtime, client: TestClient, issuer: x509.Certificate, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    der = request_der(issuer, issue(ca))
    assert get(client, der).response_status == ocsp.OCSPResponseStatus.SUCCESSFUL

    def database_down(*_: object) -> None:
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(ca_service(ca), "ocsp_presigned", database_down)
    assert get(client, der).response_status == ocsp.OCSPResponseStatus.TRY_LATER
    resp = client.post("/pki/ocsp", content=der)
    assert resp.status_code == 200
    answer = ocsp.load_der_ocsp_response(resp.content)
    assert answer.response_status == ocsp.OCSPResponseStatus.TRY_LATER


# ----------------------------------------------------------------------------- caching


def test_nonce_less_answers_are_presigned_nonce_answers_signed_fresh(
    ca: Runtime, client: TestClient, issuer: x509.Certificate, count_signing: list[int]
) -> None:
    cert = issue(ca)
    plain = request_der(issuer, cert)
    first = client.get("/pki/ocsp/" + quote(base64.b64encode(plain).decode(), safe=""))
    assert count_signing[0] == 1
    for _ in range(3):
        again = client.post("/pki/ocsp", content=plain)
        assert again.content == first.content
    assert count_signing[0] == 1  # served from the pre-signed cache
    for nonce in (b"\x01" * 16, b"\x02" * 16):
        answer = get(client, request_der(issuer, cert, nonce))
        assert answer.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce == nonce
    assert count_signing[0] == 3
    # Same bytes as the service gives any other caller.
    with ca.sessions() as db:
        assert ca_service(ca).ocsp(db, plain, ca.clock.now()) == first.content


def test_presigned_answer_is_refreshed_halfway_to_next_update(
    ca: Runtime, client: TestClient, issuer: x509.Certificate, count_signing: list[int]
) -> None:
    plain = request_der(issuer, issue(ca))
    first = get(client, plain)
    ca.clock.advance(ca.settings.ocsp_validity_seconds / 2 - 1)  # type: ignore[attr-defined]
    assert get(client, plain).this_update_utc == first.this_update_utc
    ca.clock.advance(2)  # type: ignore[attr-defined]
    assert get(client, plain).this_update_utc > first.this_update_utc
    assert count_signing[0] == 2


def test_revocation_by_another_app_instance_is_visible_at_once(
    ca: Runtime, issuer: x509.Certificate
) -> None:
    # Two runtimes with their own engines and caches over one database: two workers.
    other = Runtime(ca.settings, clock=ca.clock)
    try:
        cert = issue(ca)
        plain = request_der(issuer, cert)
        with TestClient(create_app(runtime=ca)) as a, TestClient(create_app(runtime=other)) as b:
            assert get(a, plain).certificate_status == ocsp.OCSPCertStatus.GOOD
            assert get(b, plain).certificate_status == ocsp.OCSPCertStatus.GOOD  # both cached
            revoke(other, cert)
            for client in (a, b):
                answer = get(client, plain)
                assert answer.certificate_status == ocsp.OCSPCertStatus.REVOKED
                assert answer.revocation_reason == x509.ReasonFlags.key_compromise
    finally:
        other.dispose()


def test_status_reads_do_not_wait_for_an_open_write_transaction(
    ca: Runtime, client: TestClient, issuer: x509.Certificate
) -> None:
    cert = issue(ca)
    plain = request_der(issuer, cert)
    assert get(client, plain).certificate_status == ocsp.OCSPCertStatus.GOOD
    with ca.sessions() as db:
        # An operator's revocation in progress: a write transaction, not yet committed
        # (on SQLite it holds the database's write lock).
        ca_service(ca).revoke(
            db,
            format(cert.serial_number, "x"),
            reason=RevocationReason.SUPERSEDED,
            now=ca.clock.now(),
            actor=OPERATOR,
            regenerate_crl=False,
        )
        db.flush()
        done: list[ocsp.OCSPCertStatus] = []
        worker = threading.Thread(target=lambda: done.append(get(client, plain).certificate_status))
        worker.start()
        worker.join(timeout=10)
        assert done == [ocsp.OCSPCertStatus.GOOD]  # answered at once, from committed state
        db.commit()
    assert get(client, plain).certificate_status == ocsp.OCSPCertStatus.REVOKED


# ----------------------------------------------------------------------------- status reader


def test_status_reader_matches_the_orm_for_good_revoked_and_unknown(ca: Runtime) -> None:
    good, revoked = issue(ca), issue(ca)
    revoke(ca, revoked)
    assert ca.engine is not None
    reader = OCSPStatusReader(ca.engine)
    with ca.sessions() as db:
        row = db.query(IssuedCertificate).filter_by(serial=format(revoked.serial_number, "x")).one()
        expected = ("revoked", row.revoked_at, "key_compromise")
    for read in (reader, reader.read_dedicated):
        assert read(format(good.serial_number, "x")) == ("good", None, None)
        assert read(format(revoked.serial_number, "x")) == expected
        assert read("abcdef") == ("unknown", None, None)
    assert expected[1] is not None
    assert expected[1].tzinfo is not None


def test_dedicated_connection_serves_one_thread_others_use_the_pool(ca: Runtime) -> None:
    cert = issue(ca)
    serial = format(cert.serial_number, "x")
    assert ca.engine is not None
    reader = OCSPStatusReader(ca.engine)
    assert reader.read_dedicated(serial) == ("good", None, None)
    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(reader.read_dedicated(serial)))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert results == [("good", None, None)] * 4
    revoke(ca, cert)
    assert reader.read_dedicated(serial)[0] == "revoked"
