"""CA operations with storage: hierarchy set-up, issuance, revocation, CRLs, OCSP, TSA.

One :class:`CAService` per runtime (:func:`ca_service`, built on first use). It caches the
CA certificates and key handles it loads; OCSP is answered by its
:class:`~mcert.ca.ocsp.OCSPResponder`, which keeps the pre-signed responses. Signing keys
never leave the key backend.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mcert.audit.service import Actor, record
from mcert.ca.keys import make_key_backend
from mcert.ca.models import CertificateAuthority, CRLRecord, IssuedCertificate, ServiceCertificate
from mcert.ca.ocsp import OCSPResponder, OCSPState
from mcert.ca.states import IssuedCertStatus, move_issued
from mcert.db.base import lock_row
from mcert.errors import Conflict, InvalidInput, NotFound, ServiceUnavailable
from mcert.keyprotect import VerifierKey
from mcert.metrics import Metrics
from mcert.pki import tsa as pki_tsa
from mcert.pki.crl import RevocationReason, RevokedEntry, build_crl
from mcert.pki.errors import KeyExists
from mcert.pki.issue import (
    SubjectInfo,
    build_issuing_ca,
    build_ocsp_responder_cert,
    build_root_ca,
    build_seal_maker_cert,
    build_tsa_cert,
    check_public_key,
    issue_certificate,
    load_csr,
    new_serial_number,
)
from mcert.pki.keys import KeyAlgorithm, KeyBackend, PrivateKey, PublicKey
from mcert.pki.profiles import IssuerURLs, get_profile
from mcert.runtime import Runtime
from mcert.settings import Settings

log = logging.getLogger(__name__)

ROOT, ISSUING = "root", "issuing"
ESCROW_LABEL = "escrow-master"
# The certificate-password verifier key (v2 verifiers, mcert.keyprotect). A new key would
# get a new label; verifiers name the label they were made under.
PASSWORD_MAC_LABEL = "password-mac-1"
OCSP_PURPOSE, TSA_PURPOSE, SEAL_PURPOSE = "ocsp", "tsa", "seal-maker"


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


def ca_service(rt: Runtime) -> CAService:
    """The runtime's CA service, built from its settings on first use.

    The CA owns its construction: the key backend named by ``MCERT_CA_KEY_BACKEND``
    (:func:`mcert.ca.keys.make_key_backend`) and the runtime's metrics. One per runtime, so
    the key handles, the loaded CA certificates and the pre-signed OCSP answers are shared
    by every request, job and command of the process.
    """
    return rt.component(_build_ca_service)


def _build_ca_service(rt: Runtime) -> CAService:
    return CAService(rt.settings, make_key_backend(rt.settings), metrics=rt.metrics)


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
        self._verifier_key: VerifierKey | None = None
        self.ocsp_responder = OCSPResponder(self, timedelta(seconds=settings.ocsp_validity_seconds))

    # ----------------------------------------------------------------- password verifier key

    def verifier_key(self) -> VerifierKey:
        """The key that v2 certificate-password verifiers are HMACs under.

        Made by ``mcert ca init``; an installation initialised before v2 verifiers existed
        gets it here on first use (once per process; a race with another process ends in
        :class:`KeyExists`, which means it is there).
        """
        key = self._verifier_key
        if key is None:
            with self._lock:
                if self._verifier_key is None:
                    if not self.keys.has_mac_key(PASSWORD_MAC_LABEL):
                        try:
                            self.keys.create_mac_key(PASSWORD_MAC_LABEL)
                            log.info("created the password verifier key %s", PASSWORD_MAC_LABEL)
                        except KeyExists:
                            pass
                    keys = self.keys
                    self._verifier_key = VerifierKey(
                        PASSWORD_MAC_LABEL, lambda data: keys.mac(PASSWORD_MAC_LABEL, data)
                    )
                key = self._verifier_key
        return key

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
        for purpose in (OCSP_PURPOSE, TSA_PURPOSE, SEAL_PURPOSE):
            if self._ensure_service_cert(db, issuing, purpose, now):
                created.append(f"{purpose} certificate")
        if not self.keys.has_secret_key(ESCROW_LABEL):
            # Key management's master key: escrowed encryption keys are sealed under it.
            self.keys.create_secret_key(ESCROW_LABEL)
            created.append("escrow master key")
        if not self.keys.has_mac_key(PASSWORD_MAC_LABEL):
            self.keys.create_mac_key(PASSWORD_MAC_LABEL)
            created.append("password verifier key")
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
        build, cn = {
            OCSP_PURPOSE: (build_ocsp_responder_cert, "OCSP Responder"),
            TSA_PURPOSE: (build_tsa_cert, "Time Stamping Authority"),
            SEAL_PURPOSE: (build_seal_maker_cert, "Seal Maker"),
        }[purpose]
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
            issuing_row = lock_row(db, CertificateAuthority, self._ca(db, ISSUING).row_id)
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
            ca = lock_row(db, CertificateAuthority, row.ca_id)
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
        """Answer an OCSP request (:meth:`mcert.ca.ocsp.OCSPResponder.answer`)."""
        return self.ocsp_responder.answer(db, request_der, now, status_reader=status_reader)

    def ocsp_presigned(
        self, status_reader: Callable[[str], OCSPState], request_der: bytes, now: datetime
    ) -> bytes | None:
        """A pre-signed answer or None (:meth:`mcert.ca.ocsp.OCSPResponder.presigned`)."""
        return self.ocsp_responder.presigned(status_reader, request_der, now)

    # The responder's view of the CA (mcert.ca.ocsp.OCSPSigners).

    def issuing_signer(self, db: Session) -> _Signer | None:
        try:
            return self._ca(db, ISSUING)
        except CANotInitialised:
            return None

    def loaded_issuing_signer(self) -> _Signer | None:
        with self._lock:
            return self._cas.get(ISSUING)

    def ocsp_signer(self, db: Session, now: datetime) -> _Signer:
        return self._service_signer(db, OCSP_PURPOSE, now)

    def seal_maker_signer(self, db: Session, now: datetime) -> _Signer:
        """The seal-maker (制章人) key and certificate.

        Called inside the caller's transaction (a review, a certificate download), so it
        never commits, rolls back or locks: it only reads. ``mcert ca init`` makes the
        seal-maker and renews its certificate in its last 30 days.
        """
        with self._lock:
            cached = self._service.get(SEAL_PURPOSE)
        if cached is not None and cached.cert.not_valid_after_utc > now:
            return cached
        row = db.scalars(
            select(ServiceCertificate)
            .where(ServiceCertificate.purpose == SEAL_PURPOSE)
            .order_by(ServiceCertificate.created_at.desc())
            .limit(1)
        ).first()
        if row is None or row.not_after <= now:
            raise CANotInitialised()
        signer = _Signer(
            x509.load_der_x509_certificate(row.cert_der),
            self.keys.get_private_key(row.key_label),
            row.id,
        )
        with self._lock:
            self._service[SEAL_PURPOSE] = signer
        return signer

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
