"""The CA's OCSP responder (RFC 6960): status reads, pre-signed answers, signing.

:mod:`mcert.pki.ocsp` encodes and parses the protocol and knows nothing of storage; this
module answers for the certificates the CA has issued. :class:`OCSPResponder` keeps the
pre-signed responses: a cached response is served only while the certificate's stored
status is the one it was signed for, so a revocation made by any worker is visible at
once. :class:`OCSPStatusReader` is the one indexed status read per request the fast path
(:class:`mcert.ca.api.OCSPFastPath`) makes without an ORM session.

The responder gets the issuing CA and its delegated signing certificate from the CA
service (:class:`OCSPSigners`, implemented by :class:`mcert.ca.service.CAService`) and never
touches a key except through them.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from cryptography import x509
from sqlalchemy import Engine, bindparam, select
from sqlalchemy.orm import Session

from mcert.ca.models import IssuedCertificate
from mcert.ca.states import IssuedCertStatus
from mcert.pki import ocsp as pki_ocsp
from mcert.pki.crl import RevocationReason
from mcert.pki.keys import PrivateKey

__all__ = ["OCSPResponder", "OCSPSigners", "OCSPState", "OCSPStatusReader", "Signer"]

_CACHE_MAX = 200_000
# Parsed nonce-less requests by their exact bytes: relying parties asking about one
# certificate send the same bytes, and parsing costs more than the rest of a cached answer.
_PARSED_MAX = 50_000
_PARSED_MAX_BYTES = 512  # a one-CertID request is ~90 bytes; bounds the memo's memory

#: What a pre-signed OCSP response was signed for: (good|revoked|unknown, revoked_at, reason).
OCSPState = tuple[str, datetime | None, str | None]
_UNKNOWN: OCSPState = ("unknown", None, None)
_GOOD: OCSPState = ("good", None, None)


def ocsp_state(row: Any) -> OCSPState:
    """The state of a (status, revoked_at, revocation_reason) row, or of no row."""
    if row is None:
        return _UNKNOWN
    if row[0] == IssuedCertStatus.REVOKED:
        return ("revoked", row[1], row[2])
    return _GOOD


@dataclass(frozen=True, slots=True)
class OCSPQuery:
    cert_id: pki_ocsp.CertID
    nonce: bytes | None


class OCSPStatusReader:
    """One indexed status read per OCSP request, on a DBAPI connection, no ORM session.

    The read runs as a single autocommit statement: on SQLite it never takes the write lock
    that every session transaction takes (``BEGIN IMMEDIATE``), so OCSP neither waits for
    issuance nor holds it up, and each read sees every committed revocation. Values come back
    through the columns' own result processors, exactly as the ORM returns them.

    Calling the reader checks a connection out of the engine's pool. On SQLite, the first
    thread to call :meth:`read_dedicated` (the event loop's, in the fast path) gets a
    connection of its own instead, detached from the pool: checkout and return cost more
    than the read itself. Other threads calling it fall back to the pool.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        #: SQLite is a local file: a read costs microseconds and may run on the event loop.
        self.is_local = engine.dialect.name == "sqlite"
        self._owner: int | None = None
        self._own: Any = None
        self._claim = threading.Lock()
        dialect = engine.dialect
        cols = IssuedCertificate.__table__.c
        stmt = select(cols.status, cols.revoked_at, cols.revocation_reason).where(
            cols.serial == bindparam("serial")
        )
        compiled = stmt.compile(dialect=dialect)
        self._sql = compiled.string
        self._positional = bool(compiled.positional)
        self._revoked_at: Callable[[Any], Any] | None = cols.revoked_at.type.dialect_impl(
            dialect
        ).result_processor(dialect, None)

    def __call__(self, serial: str) -> OCSPState:
        conn = self.engine.raw_connection()
        try:
            row = self._read(conn, serial)
        finally:
            conn.close()  # back to the pool, which rolls back whatever the driver began
        return self._state(row)

    def read_dedicated(self, serial: str) -> OCSPState:
        ident = threading.get_ident()
        if not self.is_local or self._owner not in (None, ident):
            return self(serial)
        if self._own is None:
            with self._claim:
                if self._owner not in (None, ident):
                    return self(serial)
                conn = self.engine.raw_connection()
                conn.detach()  # ours now: closed, never returned to the pool
                # Owner first: a thread that sees no owner yet will find no connection
                # either, and then waits for the claim lock.
                self._owner = ident
                self._own = conn
        try:
            row = self._read(self._own, serial)
        except Exception:
            own, self._own = self._own, None  # reconnect on the next read
            with contextlib.suppress(Exception):
                own.close()
            raise
        return self._state(row)

    def _read(self, conn: Any, serial: str) -> Any:
        cur = conn.cursor()
        try:
            cur.execute(self._sql, (serial,) if self._positional else {"serial": serial})
            return cur.fetchone()
        finally:
            cur.close()  # ends SQLite's implicit read transaction at once

    def _state(self, row: Any) -> OCSPState:
        if row is not None and row[0] == IssuedCertStatus.REVOKED and self._revoked_at is not None:
            row = (row[0], self._revoked_at(row[1]), row[2])
        return ocsp_state(row)


class Signer(Protocol):
    """A CA certificate and its key handle, as the CA service loads them."""

    @property
    def cert(self) -> x509.Certificate: ...

    @property
    def key(self) -> PrivateKey: ...

    #: (issuerNameHash, issuerKeyHash) of ``cert`` per CertID hash algorithm, filled lazily.
    @property
    def ocsp_ids(self) -> dict[str, tuple[bytes, bytes]]: ...


class OCSPSigners(Protocol):
    """What the responder needs of the CA service."""

    def issuing_signer(self, db: Session) -> Signer | None:
        """The issuing CA, loaded through ``db`` on first use; None before ``mcert ca init``."""

    def loaded_issuing_signer(self) -> Signer | None:
        """The issuing CA when this process has loaded it already, without a database read."""

    def ocsp_signer(self, db: Session, now: datetime) -> Signer:
        """The delegated OCSP signing certificate and key, renewed first when due."""


class OCSPResponder:
    """Answers OCSP requests for the issuing CA; one per :class:`~mcert.ca.service.CAService`.

    Nonce-less answers are signed once and kept (up to 200,000, least recently signed out
    first) until halfway to their nextUpdate, keyed by serial and CertID hash, together with
    the status they were signed for.
    """

    def __init__(self, signers: OCSPSigners, validity: timedelta) -> None:
        self._signers = signers
        self._validity = validity
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[int, str], tuple[OCSPState, datetime, bytes]] = OrderedDict()
        self._parsed: dict[bytes, OCSPQuery] = {}

    def answer(
        self,
        db: Session,
        request_der: bytes,
        now: datetime,
        *,
        status_reader: Callable[[str], OCSPState] | None = None,
    ) -> bytes:
        """Answer an OCSP request, signing only when no pre-signed answer fits.

        The certificate's status is read through ``db``, or through ``status_reader`` when
        given; ``db`` is then only used to load the CA and the responder key on first use.
        """
        query = self._query(request_der)
        if isinstance(query, bytes):
            return query
        issuing = self._signers.issuing_signer(db)
        if issuing is None:
            return pki_ocsp.try_later_response()
        if not self._issuer_matches(issuing, query.cert_id):
            return pki_ocsp.unauthorized_response()
        serial = format(query.cert_id.serial_number, "x")
        if status_reader is not None:
            state = status_reader(serial)
        else:
            state = ocsp_state(
                db.execute(
                    select(
                        IssuedCertificate.status,
                        IssuedCertificate.revoked_at,
                        IssuedCertificate.revocation_reason,
                    ).where(IssuedCertificate.serial == serial)
                ).first()
            )
        if query.nonce is None:
            hit = self._presigned(query.cert_id, state, now)
            if hit is not None:
                return hit
        return self._sign(db, issuing, query, state, now)

    def presigned(
        self, status_reader: Callable[[str], OCSPState], request_der: bytes, now: datetime
    ) -> bytes | None:
        """The answer without a session or a signature, or None: then call :meth:`answer`.

        Answers from the pre-signed cache after one status read, and answers malformed or
        foreign requests outright. None for a nonce, a cache miss, a response past its
        refresh time, a changed status, or a CA not loaded yet in this process.
        """
        query = self._query(request_der)
        if isinstance(query, bytes):
            return query
        issuing = self._signers.loaded_issuing_signer()
        if issuing is None or query.nonce is not None:
            return None
        if not self._issuer_matches(issuing, query.cert_id):
            return pki_ocsp.unauthorized_response()
        state = status_reader(format(query.cert_id.serial_number, "x"))
        return self._presigned(query.cert_id, state, now)

    def _query(self, request_der: bytes) -> OCSPQuery | bytes:
        """The one CertID (and nonce) of a request, or the unsigned error response to send."""
        known = self._parsed.get(request_der)
        if known is not None:
            return known
        try:
            request = pki_ocsp.parse_request(request_der)
        except pki_ocsp.OCSPMalformedRequest:
            return pki_ocsp.malformed_request_response()
        if len(request.cert_ids) != 1:
            # One certificate per request is what every client sends; keeps caching simple.
            return pki_ocsp.malformed_request_response()
        query = OCSPQuery(request.cert_ids[0], request.nonce)
        if request.nonce is None and len(request_der) <= _PARSED_MAX_BYTES:
            if len(self._parsed) >= _PARSED_MAX:
                self._parsed.clear()
            self._parsed[request_der] = query
        return query

    @staticmethod
    def _issuer_matches(issuing: Signer, cert_id: pki_ocsp.CertID) -> bool:
        """:func:`pki_ocsp.match_issuer` for our issuing CA, hashing its name and key once."""
        alg = cert_id.hash_algorithm
        if alg not in pki_ocsp.SUPPORTED_CERTID_HASHES:
            return False
        ids = issuing.ocsp_ids.get(alg)
        if ids is None:
            ours = pki_ocsp.cert_id_for(issuing.cert, 1, alg)
            ids = issuing.ocsp_ids[alg] = (ours.issuer_name_hash, ours.issuer_key_hash)
        return ids == (cert_id.issuer_name_hash, cert_id.issuer_key_hash)

    def _presigned(self, cert_id: pki_ocsp.CertID, state: OCSPState, now: datetime) -> bytes | None:
        with self._lock:
            hit = self._cache.get((cert_id.serial_number, cert_id.hash_algorithm))
        if hit is not None and hit[0] == state and now < hit[1]:
            return hit[2]
        return None

    def _sign(
        self, db: Session, issuing: Signer, query: OCSPQuery, state: OCSPState, now: datetime
    ) -> bytes:
        cert_id = query.cert_id
        serial = cert_id.serial_number
        if state[0] == "revoked":
            assert state[1] is not None
            info = pki_ocsp.CertStatusInfo(
                serial,
                pki_ocsp.CertStatus.REVOKED,
                revoked_at=state[1],
                reason=RevocationReason(state[2] or "unspecified").to_x509(),
            )
        elif state[0] == "unknown":
            info = pki_ocsp.CertStatusInfo(serial, pki_ocsp.CertStatus.UNKNOWN)
        else:
            info = pki_ocsp.CertStatusInfo(serial, pki_ocsp.CertStatus.GOOD)
        responder = self._signers.ocsp_signer(db, now)
        this_update = now.replace(microsecond=0)
        next_update = this_update + self._validity
        der = pki_ocsp.build_response(
            responder_cert=responder.cert,
            responder_key=responder.key,
            issuer_cert=issuing.cert,
            statuses=[info],
            this_update=this_update,
            next_update=next_update,
            nonce=query.nonce,
            hash_alg=cert_id.hash_algorithm,
            produced_at=this_update,
        )
        if query.nonce is None:
            # Serve the pre-signed response until halfway to nextUpdate, then re-sign.
            refresh_at = this_update + (next_update - this_update) / 2
            key = (serial, cert_id.hash_algorithm)
            with self._lock:
                self._cache[key] = (state, refresh_at, der)
                self._cache.move_to_end(key)
                while len(self._cache) > _CACHE_MAX:
                    self._cache.popitem(last=False)
        return der
