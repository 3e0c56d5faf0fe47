"""CA operations with storage: hierarchy set-up, issuance, revocation, CRLs, OCSP, TSA.

One :class:`CAService` per process (on the runtime). It caches the CA certificates and key
handles it loads, and pre-signed OCSP responses: a cached response is served only while
the certificate's stored status is the one it was signed for, so a revocation made by any
worker is visible at once. Signing keys never leave the key backend.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import Engine, bindparam, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mcert.audit.service import Actor, record
from mcert.ca.models import CertificateAuthority, CRLRecord, IssuedCertificate, ServiceCertificate
from mcert.ca.states import IssuedCertStatus, move_issued
from mcert.errors import Conflict, InvalidInput, NotFound, ServiceUnavailable
from mcert.metrics import Metrics
from mcert.pki import ocsp as pki_ocsp
from mcert.pki import tsa as pki_tsa
from mcert.pki.crl import RevocationReason, RevokedEntry, build_crl
from mcert.pki.issue import (
    SubjectInfo,
    build_issuing_ca,
    build_ocsp_responder_cert,
    build_root_ca,
    build_tsa_cert,
    check_public_key,
    issue_certificate,
    load_csr,
    new_serial_number,
)
from mcert.pki.keys import KeyAlgorithm, KeyBackend, PrivateKey, PublicKey
from mcert.pki.profiles import IssuerURLs, get_profile
from mcert.settings import Settings

log = logging.getLogger(__name__)

ROOT, ISSUING = "root", "issuing"
ESCROW_LABEL = "escrow-master"
OCSP_PURPOSE, TSA_PURPOSE = "ocsp", "tsa"
_OCSP_CACHE_MAX = 200_000
# Parsed nonce-less requests by their exact bytes: relying parties asking about one
# certificate send the same bytes, and parsing costs more than the rest of a cached answer.
_OCSP_PARSED_MAX = 50_000
_OCSP_PARSED_MAX_BYTES = 512  # a one-CertID request is ~90 bytes; bounds the memo's memory


class CANotInitialised(ServiceUnavailable):
    code = "ca_not_initialised"
    default_message = "CA 尚未初始化（请运行 mcert ca init）"


class CertificateNotFound(NotFound):
    code = "certificate_not_found"
    default_message = "证书不存在"


class AlreadyRevoked(Conflict):
    code = "certificate_already_revoked"
    default_message = "证书已吊销"


class SerialInvalid(InvalidInput):
    code = "serial_invalid"
    default_message = "证书序列号格式有误"


def serial_hex(serial: int) -> str:
    return format(serial, "x")


def parse_serial(text: str) -> str:
    cleaned = text.strip().lower().removeprefix("0x").replace(":", "")
    try:
        value = int(cleaned, 16)
    except ValueError:
        raise SerialInvalid() from None
    if value <= 0:
        raise SerialInvalid()
    return serial_hex(value)


@dataclass(frozen=True)
class _Signer:
    cert: x509.Certificate
    key: PrivateKey
    row_id: str
    #: (issuerNameHash, issuerKeyHash) of ``cert`` per CertID hash algorithm, filled lazily.
    ocsp_ids: dict[str, tuple[bytes, bytes]] = field(
        default_factory=dict, compare=False, repr=False
    )


#: What a pre-signed OCSP response was signed for: (good|revoked|unknown, revoked_at, reason).
OCSPState = tuple[str, datetime | None, str | None]
_UNKNOWN: OCSPState = ("unknown", None, None)
_GOOD: OCSPState = ("good", None, None)


def _ocsp_state(row: Any) -> OCSPState:
    """The state of a (status, revoked_at, revocation_reason) row, or of no row."""
    if row is None:
        return _UNKNOWN
    if row[0] == IssuedCertStatus.REVOKED:
        return ("revoked", row[1], row[2])
    return _GOOD


@dataclass(frozen=True, slots=True)
class _OCSPQuery:
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
        return _ocsp_state(row)


@dataclass(frozen=True)
class InitReport:
    created: list[str]
    root: x509.Certificate
    issuing: x509.Certificate


class CAService:
    def __init__(
        self, settings: Settings, keys: KeyBackend, metrics: Metrics | None = None
    ) -> None:
        self.settings = settings
        self.keys = keys
        self.metrics = metrics
        self._lock = threading.RLock()
        self._cas: dict[str, _Signer] = {}
        self._service: dict[str, _Signer] = {}
        self._ocsp_cache: OrderedDict[tuple[int, str], tuple[OCSPState, datetime, bytes]] = (
            OrderedDict()
        )
        self._ocsp_parsed: dict[bytes, _OCSPQuery] = {}

    # ----------------------------------------------------------------- URLs and names

    def urls_for(self, ca_name: str) -> IssuerURLs:
        """Where holders' relying parties find status for certificates issued by ``ca_name``."""
        base = self.settings.effective_pki_url
        return IssuerURLs(
            ocsp_url=f"{base}/pki/ocsp" if ca_name == ISSUING else None,
            ca_issuers_url=f"{base}/pki/ca/{ca_name}.crt",
            crl_url=f"{base}/pki/crl/{ca_name}.crl",
        )

    def _subject(self, cn: str) -> SubjectInfo:
        return SubjectInfo(common_name=cn, organization=self.settings.ca_org_name)

    @staticmethod
    def _label(kind: str, now: datetime) -> str:
        return f"{kind}-{now:%Y%m%d%H%M%S}-{secrets.token_hex(2)}"

    # ----------------------------------------------------------------- hierarchy

    def init(self, db: Session, now: datetime) -> InitReport:
        """Create whatever of the hierarchy is missing; safe to run any number of times."""
        created: list[str] = []
        root = db.scalars(
            select(CertificateAuthority).where(CertificateAuthority.name == ROOT)
        ).first()
        if root is None:
            label = self._label("root", now)
            self.keys.create_key(label, KeyAlgorithm.EC_P384)
            key = self.keys.get_private_key(label)
            cert = build_root_ca(
                private_key=key,
                subject=self._subject(f"{self.settings.ca_org_name} Root CA"),
                not_before=now - timedelta(minutes=5),
            )
            root = self._store_ca(db, ROOT, None, label, cert, now)
            created.append("root CA")
        root_cert = x509.load_der_x509_certificate(root.cert_der)
        issuing = db.scalars(
            select(CertificateAuthority).where(CertificateAuthority.name == ISSUING)
        ).first()
        if issuing is None:
            label = self._label("issuing", now)
            public = self.keys.create_key(label, KeyAlgorithm.EC_P256)
            cert = build_issuing_ca(
                root_cert=root_cert,
                root_key=self.keys.get_private_key(root.key_label),
                public_key=public,
                subject=self._subject(f"{self.settings.ca_org_name} Issuing CA"),
                not_before=now - timedelta(minutes=5),
                urls=self.urls_for(ROOT),
            )
            issuing = self._store_ca(db, ISSUING, root.id, label, cert, now)
            created.append("issuing CA")
        db.flush()
        for purpose in (OCSP_PURPOSE, TSA_PURPOSE):
            if self._ensure_service_cert(db, issuing, purpose, now):
                created.append(f"{purpose} certificate")
        if not self.keys.has_secret_key(ESCROW_LABEL):
            # Key management's master key: escrowed encryption keys are sealed under it.
            self.keys.create_secret_key(ESCROW_LABEL)
            created.append("escrow master key")
        for ca in (root, issuing):
            if db.scalars(select(CRLRecord.id).where(CRLRecord.ca_id == ca.id)).first() is None:
                self._generate_crl(db, ca, now)
                created.append(f"{ca.name} CRL")
        db.commit()
        return InitReport(created, root_cert, x509.load_der_x509_certificate(issuing.cert_der))

    def _store_ca(
        self,
        db: Session,
        name: str,
        parent_id: str | None,
        label: str,
        cert: x509.Certificate,
        now: datetime,
    ) -> CertificateAuthority:
        row = CertificateAuthority(
            name=name,
            parent_id=parent_id,
            key_label=label,
            cert_der=cert.public_bytes(Encoding.DER),
            crl_number=0,
            created_at=now,
        )
        db.add(row)
        db.flush()
        record(
            db,
            at=now,
            actor=Actor.system("ca"),
            action="ca.created",
            target_type="ca",
            target_id=name,
            details={
                "serial": serial_hex(cert.serial_number),
                "subject": cert.subject.rfc4514_string(),
            },
        )
        return row

    def _ensure_service_cert(
        self, db: Session, issuing: CertificateAuthority, purpose: str, now: datetime
    ) -> bool:
        """Issue the OCSP signer or TSA certificate when missing or close to expiry."""
        current = db.scalars(
            select(ServiceCertificate)
            .where(ServiceCertificate.purpose == purpose)
            .order_by(ServiceCertificate.created_at.desc())
            .limit(1)
        ).first()
        if purpose == OCSP_PURPOSE:
            lifetime = timedelta(days=self.settings.ocsp_responder_days)
            renew_before = lifetime / 3
        else:
            lifetime = timedelta(days=5 * 365)
            renew_before = timedelta(days=30)
        if current is not None and current.not_after - now > renew_before:
            return False
        issuer_cert = x509.load_der_x509_certificate(issuing.cert_der)
        issuer_key = self.keys.get_private_key(issuing.key_label)
        label = self._label(purpose, now)
        public = self.keys.create_key(label, KeyAlgorithm.EC_P256)
        build = build_ocsp_responder_cert if purpose == OCSP_PURPOSE else build_tsa_cert
        cn = "OCSP Responder" if purpose == OCSP_PURPOSE else "Time Stamping Authority"
        cert = build(
            issuer_cert=issuer_cert,
            issuer_key=issuer_key,
            public_key=public,
            subject=self._subject(f"{self.settings.ca_org_name} {cn}"),
            not_before=now - timedelta(minutes=5),
            not_after=now + lifetime,
            urls=self.urls_for(ISSUING),
        )
        db.add(
            ServiceCertificate(
                ca_id=issuing.id,
                purpose=purpose,
                key_label=label,
                cert_der=cert.public_bytes(Encoding.DER),
                not_after=cert.not_valid_after_utc,
                created_at=now,
            )
        )
        db.flush()
        record(
            db,
            at=now,
            actor=Actor.system("ca"),
            action=f"ca.{purpose}_cert.issued",
            target_type="certificate",
            target_id=serial_hex(cert.serial_number),
            details={
                "not_after": cert.not_valid_after_utc.isoformat(),
                "renewed": current is not None,
            },
        )
        with self._lock:
            self._service.pop(purpose, None)
        return True

    def _ca(self, db: Session, name: str) -> _Signer:
        with self._lock:
            cached = self._cas.get(name)
        if cached is not None:
            return cached
        row = db.scalars(
            select(CertificateAuthority).where(CertificateAuthority.name == name)
        ).first()
        if row is None:
            raise CANotInitialised()
        signer = _Signer(
            x509.load_der_x509_certificate(row.cert_der),
            self.keys.get_private_key(row.key_label),
            row.id,
        )
        with self._lock:
            self._cas[name] = signer
        return signer

    def _service_signer(self, db: Session, purpose: str, now: datetime) -> _Signer:
        with self._lock:
            cached = self._service.get(purpose)
        if (
            cached is not None
            and cached.cert.not_valid_after_utc - now
            > timedelta(days=self.settings.ocsp_responder_days) / 3
        ):
            return cached
        if cached is not None or purpose == OCSP_PURPOSE:
            # Renew (under a lock on the CA row, so two workers don't both renew).
            issuing_row = db.get(
                CertificateAuthority, self._ca(db, ISSUING).row_id, with_for_update=True
            )
            assert issuing_row is not None
            if self._ensure_service_cert(db, issuing_row, purpose, now):
                db.commit()
            else:
                db.rollback()
        row = db.scalars(
            select(ServiceCertificate)
            .where(ServiceCertificate.purpose == purpose)
            .order_by(ServiceCertificate.created_at.desc())
            .limit(1)
        ).first()
        if row is None:
            raise CANotInitialised()
        signer = _Signer(
            x509.load_der_x509_certificate(row.cert_der),
            self.keys.get_private_key(row.key_label),
            row.id,
        )
        with self._lock:
            self._service[purpose] = signer
        return signer

    def ca_certificate(self, db: Session, name: str) -> x509.Certificate:
        if name not in (ROOT, ISSUING):
            raise NotFound("CA 不存在", code="ca_not_found")
        return self._ca(db, name).cert

    def chain_pem(self, db: Session) -> bytes:
        return b"".join(
            self._ca(db, name).cert.public_bytes(Encoding.PEM) for name in (ISSUING, ROOT)
        )

    # ----------------------------------------------------------------- issuance

    def issue(
        self,
        db: Session,
        *,
        now: datetime,
        profile: str,
        subject: SubjectInfo,
        csr: bytes | None = None,
        public_key: PublicKey | None = None,
        not_after: datetime | None = None,
        holder_ref: str | None = None,
        request_id: str | None = None,
        actor: Actor,
    ) -> IssuedCertificate:
        """Issue one holder certificate; the same ``request_id`` always returns the same one.

        Only the public key is taken from a CSR (after checking its signature); subject and
        extensions come from the profile and the verified identity.
        """
        if request_id is not None:
            existing = db.scalars(
                select(IssuedCertificate).where(IssuedCertificate.request_id == request_id)
            ).first()
            if existing is not None:
                return existing
        prof = get_profile(profile)
        if csr is not None:
            public_key = load_csr(csr).public_key()  # type: ignore[assignment]
        if public_key is None:
            raise InvalidInput("缺少证书请求", code="csr_missing")
        public_key = check_public_key(public_key)
        ca = self._ca(db, ISSUING)
        cert = issue_certificate(
            issuer_cert=ca.cert,
            issuer_key=ca.key,
            public_key=public_key,
            profile=prof,
            subject=subject,
            not_before=now - timedelta(minutes=5),
            not_after=not_after,
            urls=self.urls_for(ISSUING),
            serial=new_serial_number(),
        )
        der = cert.public_bytes(Encoding.DER)
        row = IssuedCertificate(
            ca_id=ca.row_id,
            serial=serial_hex(cert.serial_number),
            profile=prof.name,
            subject=cert.subject.rfc4514_string(),
            holder_ref=holder_ref,
            request_id=request_id,
            fingerprint=hashlib.sha256(der).hexdigest(),
            cert_der=der,
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            status=IssuedCertStatus.VALID.value,
            created_at=now,
        )
        db.add(row)
        try:
            db.flush()
        except IntegrityError:
            # A concurrent call with the same request id won; return its certificate.
            db.rollback()
            if request_id is None:
                raise
            return db.scalars(
                select(IssuedCertificate).where(IssuedCertificate.request_id == request_id)
            ).one()
        record(
            db,
            at=now,
            actor=actor,
            action="certificate.issued",
            target_type="certificate",
            target_id=row.serial,
            details={
                "profile": prof.name,
                "subject": row.subject,
                "holder": holder_ref,
                "request_id": request_id,
                "not_after": row.not_after.isoformat(),
            },
        )
        if self.metrics is not None:
            self.metrics.certificates_issued.labels(prof.name).inc()
        return row

    def get(self, db: Session, serial: str) -> IssuedCertificate:
        row = db.scalars(
            select(IssuedCertificate).where(IssuedCertificate.serial == parse_serial(serial))
        ).first()
        if row is None:
            raise CertificateNotFound()
        return row

    # ----------------------------------------------------------------- revocation and CRLs

    def revoke(
        self,
        db: Session,
        serial: str,
        *,
        reason: RevocationReason,
        now: datetime,
        actor: Actor,
        regenerate_crl: bool = True,
    ) -> IssuedCertificate:
        row = db.scalars(
            select(IssuedCertificate)
            .where(IssuedCertificate.serial == parse_serial(serial))
            .with_for_update()
        ).first()
        if row is None:
            raise CertificateNotFound()
        if row.status == IssuedCertStatus.REVOKED:
            raise AlreadyRevoked()
        move_issued(row, IssuedCertStatus.REVOKED)
        row.revoked_at = now.replace(microsecond=0)
        row.revocation_reason = reason.value
        db.flush()
        record(
            db,
            at=now,
            actor=actor,
            action="certificate.revoked",
            target_type="certificate",
            target_id=row.serial,
            details={"reason": reason.value},
        )
        if regenerate_crl:
            ca = db.get(CertificateAuthority, row.ca_id, with_for_update=True)
            assert ca is not None
            self._generate_crl(db, ca, now)
        return row

    def _generate_crl(self, db: Session, ca: CertificateAuthority, now: datetime) -> CRLRecord:
        signer = self._ca(db, ca.name)
        revoked = [
            RevokedEntry(int(serial, 16), at or now, RevocationReason(reason or "unspecified"))
            for serial, at, reason in db.execute(
                select(
                    IssuedCertificate.serial,
                    IssuedCertificate.revoked_at,
                    IssuedCertificate.revocation_reason,
                ).where(
                    IssuedCertificate.ca_id == ca.id,
                    IssuedCertificate.status == IssuedCertStatus.REVOKED,
                )
            )
        ]
        ca.crl_number += 1
        this_update = now.replace(microsecond=0)
        next_update = this_update + timedelta(seconds=self.settings.crl_validity_seconds)
        crl = build_crl(
            issuer_cert=signer.cert,
            issuer_key=signer.key,
            revoked=revoked,
            crl_number=ca.crl_number,
            this_update=this_update,
            next_update=next_update,
        )
        db.execute(delete(CRLRecord).where(CRLRecord.ca_id == ca.id))
        rec = CRLRecord(
            ca_id=ca.id,
            crl_number=ca.crl_number,
            entries=len(revoked),
            this_update=this_update,
            next_update=next_update,
            der=crl.public_bytes(Encoding.DER),
        )
        db.add(rec)
        db.flush()
        record(
            db,
            at=now,
            actor=Actor.system("ca"),
            action="crl.generated",
            target_type="ca",
            target_id=ca.name,
            details={"crl_number": ca.crl_number, "entries": len(revoked)},
        )
        return rec

    def generate_crl(self, db: Session, ca_name: str, now: datetime) -> CRLRecord:
        ca = db.scalars(
            select(CertificateAuthority)
            .where(CertificateAuthority.name == ca_name)
            .with_for_update()
        ).first()
        if ca is None:
            raise CANotInitialised()
        rec = self._generate_crl(db, ca, now)
        db.commit()
        return rec

    def current_crl(self, db: Session, ca_name: str, now: datetime) -> bytes:
        """The newest CRL, regenerated first when past half its validity (the schedule)."""
        ca = db.scalars(
            select(CertificateAuthority).where(CertificateAuthority.name == ca_name)
        ).first()
        if ca is None:
            raise NotFound("CA 不存在", code="ca_not_found")
        rec = db.scalars(select(CRLRecord).where(CRLRecord.ca_id == ca.id)).first()
        if rec is None or now >= rec.this_update + (rec.next_update - rec.this_update) / 2:
            rec = self.generate_crl(db, ca_name, now)
        return rec.der

    # ----------------------------------------------------------------- OCSP

    def ocsp(
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
        query = self._ocsp_query(request_der)
        if isinstance(query, bytes):
            return query
        try:
            issuing = self._ca(db, ISSUING)
        except CANotInitialised:
            return pki_ocsp.try_later_response()
        if not self._ocsp_issuer_matches(issuing, query.cert_id):
            return pki_ocsp.unauthorized_response()
        serial = serial_hex(query.cert_id.serial_number)
        if status_reader is not None:
            state = status_reader(serial)
        else:
            state = _ocsp_state(
                db.execute(
                    select(
                        IssuedCertificate.status,
                        IssuedCertificate.revoked_at,
                        IssuedCertificate.revocation_reason,
                    ).where(IssuedCertificate.serial == serial)
                ).first()
            )
        if query.nonce is None:
            hit = self._ocsp_presigned(query.cert_id, state, now)
            if hit is not None:
                return hit
        return self._ocsp_sign(db, issuing, query, state, now)

    def ocsp_presigned(
        self, status_reader: Callable[[str], OCSPState], request_der: bytes, now: datetime
    ) -> bytes | None:
        """The answer without a session or a signature, or None: then call :meth:`ocsp`.

        Answers from the pre-signed cache after one status read, and answers malformed or
        foreign requests outright. None for a nonce, a cache miss, a response past its
        refresh time, a changed status, or a CA not loaded yet in this process.
        """
        query = self._ocsp_query(request_der)
        if isinstance(query, bytes):
            return query
        with self._lock:
            issuing = self._cas.get(ISSUING)
        if issuing is None or query.nonce is not None:
            return None
        if not self._ocsp_issuer_matches(issuing, query.cert_id):
            return pki_ocsp.unauthorized_response()
        state = status_reader(serial_hex(query.cert_id.serial_number))
        return self._ocsp_presigned(query.cert_id, state, now)

    def _ocsp_query(self, request_der: bytes) -> _OCSPQuery | bytes:
        """The one CertID (and nonce) of a request, or the unsigned error response to send."""
        known = self._ocsp_parsed.get(request_der)
        if known is not None:
            return known
        try:
            request = pki_ocsp.parse_request(request_der)
        except pki_ocsp.OCSPMalformedRequest:
            return pki_ocsp.malformed_request_response()
        if len(request.cert_ids) != 1:
            # One certificate per request is what every client sends; keeps caching simple.
            return pki_ocsp.malformed_request_response()
        query = _OCSPQuery(request.cert_ids[0], request.nonce)
        if request.nonce is None and len(request_der) <= _OCSP_PARSED_MAX_BYTES:
            if len(self._ocsp_parsed) >= _OCSP_PARSED_MAX:
                self._ocsp_parsed.clear()
            self._ocsp_parsed[request_der] = query
        return query

    @staticmethod
    def _ocsp_issuer_matches(issuing: _Signer, cert_id: pki_ocsp.CertID) -> bool:
        """:func:`pki_ocsp.match_issuer` for our issuing CA, hashing its name and key once."""
        alg = cert_id.hash_algorithm
        if alg not in pki_ocsp.SUPPORTED_CERTID_HASHES:
            return False
        ids = issuing.ocsp_ids.get(alg)
        if ids is None:
            ours = pki_ocsp.cert_id_for(issuing.cert, 1, alg)
            ids = issuing.ocsp_ids[alg] = (ours.issuer_name_hash, ours.issuer_key_hash)
        return ids == (cert_id.issuer_name_hash, cert_id.issuer_key_hash)

    def _ocsp_presigned(
        self, cert_id: pki_ocsp.CertID, state: OCSPState, now: datetime
    ) -> bytes | None:
        with self._lock:
            hit = self._ocsp_cache.get((cert_id.serial_number, cert_id.hash_algorithm))
        if hit is not None and hit[0] == state and now < hit[1]:
            return hit[2]
        return None

    def _ocsp_sign(
        self, db: Session, issuing: _Signer, query: _OCSPQuery, state: OCSPState, now: datetime
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
        responder = self._service_signer(db, OCSP_PURPOSE, now)
        this_update = now.replace(microsecond=0)
        next_update = this_update + timedelta(seconds=self.settings.ocsp_validity_seconds)
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
                self._ocsp_cache[key] = (state, refresh_at, der)
                self._ocsp_cache.move_to_end(key)
                while len(self._ocsp_cache) > _OCSP_CACHE_MAX:
                    self._ocsp_cache.popitem(last=False)
        return der

    # ----------------------------------------------------------------- timestamps

    def timestamp(self, db: Session, request_der: bytes, now: datetime) -> bytes:
        tsa = self._service_signer(db, TSA_PURPOSE, now)
        issuing = self._ca(db, ISSUING)
        return pki_tsa.handle_request(
            request_der,
            tsa_cert=tsa.cert,
            tsa_key=tsa.key,
            policy=self.settings.tsa_policy_oid,
            serial_number=new_serial_number(),
            now=now,
            extra_certs=[issuing.cert],
        )
