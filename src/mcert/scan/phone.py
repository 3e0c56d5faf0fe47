"""The phone's side of a scan session: scan a QR frame, see which certificates are eligible,
prepare (certificate and password), complete with the private-key operation, or reject.

The server never sees a private key: it checks signatures made on the phone (and attaches
the OCSP response and, for signatures, an RFC 3161 timestamp as evidence), and for
decryption it only forwards the content-encryption key the phone sealed to the relying
party's ephemeral key.

A certificate that can no longer be used fails the open sessions that chose it
(:func:`fail_open_sessions`, registered with the certificate domain on import; ``mcert.flows``
imports this module).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils
from cryptography.x509 import ocsp as x509_ocsp
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from mcert import keyprotect
from mcert.account.models import Device, User
from mcert.audit.service import Actor, record
from mcert.ca.models import IssuedCertificate
from mcert.ca.ocsp import ocsp_state
from mcert.ca.service import ca_service
from mcert.ca.states import IssuedCertStatus
from mcert.cert import service as certs
from mcert.cert.models import HolderCertificate
from mcert.cert.states import HolderCertStatus
from mcert.codec import b64u_encode
from mcert.db.base import lock_row
from mcert.errors import Conflict, InvalidInput
from mcert.keyprotect import WrongPassword
from mcert.org.models import Organization
from mcert.pki import cms, tsa
from mcert.rp.models import RelyingParty
from mcert.runtime import Runtime
from mcert.scan.callbacks import queue_callback
from mcert.scan.common import FINISH_SECONDS, decode_field, expire_if_due, fail, issued
from mcert.scan.errors import (
    CERT_REASONS,
    REASON_MESSAGES,
    DigestNotReady,
    NotASealSession,
    QRInvalid,
    QRStale,
    SealNotUsable,
    SealRequired,
    SessionBound,
    SessionFailed,
    SessionNotFound,
    SessionNotPending,
    SignatureInvalid,
)
from mcert.scan.models import ScanSession
from mcert.scan.qr import FRAME_TOLERANCE, parse_qr, qr_code, session_qr_secret
from mcert.scan.states import ScanHint, ScanStatus, move_hint, move_session
from mcert.scan.usage import record_usage
from mcert.seal.models import Seal
from mcert.seal.states import SealStatus


@dataclass(frozen=True)
class Eligibility:
    cert: HolderCertificate
    reason: str | None


def _eligibility(
    db: Session,
    s: ScanSession,
    cert: HolderCertificate,
    pair: tuple[IssuedCertificate | None, IssuedCertificate | None],
    now: datetime,
) -> str | None:
    """Why ``cert`` (with its issued signing and encryption rows, ``pair``) may not serve
    session ``s``, or None."""
    reqs = json.loads(s.requirements)
    sign, enc = pair
    if sign is None or enc is None:
        return "not_eligible"
    if (
        sign.status == IssuedCertStatus.REVOKED
        or enc.status == IssuedCertStatus.REVOKED
        or cert.status != HolderCertStatus.ACTIVE
    ):
        return "cert_revoked"  # revoked, or superseded by a renewal, change or reissue
    if certs.effective_status(cert, now) == HolderCertStatus.EXPIRED:
        return "cert_expired"
    if cert.locked_at is not None:
        return "cert_locked"
    if reqs.get("cert_type") and reqs["cert_type"] != cert.cert_type:
        return "not_eligible"
    if reqs.get("uscc"):
        org = db.get(Organization, cert.org_id) if cert.org_id else None
        if org is None or org.uscc != reqs["uscc"]:
            return "not_eligible"
    if reqs.get("cert_serial") and reqs["cert_serial"].lower() not in (sign.serial, enc.serial):
        return "not_eligible"
    if s.type == "decrypt":
        challenge = cms.challenge_from_json(json.dumps(json.loads(s.payload)["recipient"]))
        spki = (
            x509.load_der_x509_certificate(enc.cert_der)
            .public_key()
            .public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
        if hashlib.sha256(spki).digest() != challenge.recipient_key_sha256:
            return "not_eligible"
    if s.type == "seal" and not usable_seals(db, s, cert):
        return "no_seal"
    return None


def usable_seals(db: Session, s: ScanSession, cert: HolderCertificate) -> list[Seal]:
    """The certificate's seals claimed on its phone, of the kinds the session asks for."""
    kinds = json.loads(s.payload)["seal_kinds"]
    rows = db.scalars(
        select(Seal)
        .where(
            Seal.cert_id == cert.id,
            Seal.status == SealStatus.CLAIMED,
            Seal.claimed_device_id == cert.device_id,
            Seal.seal_type.in_(kinds),
        )
        .order_by(Seal.created_at)
    ).all()
    return [r for r in rows if r.seseal_der is not None]


def seal_task(s: ScanSession) -> dict[str, Any]:
    """What the phone is to seal, without the thumbnails (they came with the scan)."""
    doc = dict(json.loads(s.payload)["document"])
    doc.pop("thumbnails", None)
    return doc


# The scan steps' statements, built once (see mcert.db.base.lock_row).
_BY_START_TOKEN = (
    select(ScanSession).where(ScanSession.start_token == bindparam("token")).with_for_update()
)
_SESSION_CERT = select(ScanSession.holder_cert_id, ScanSession.user_id).where(
    ScanSession.id == bindparam("session_id")
)
_ON_DEVICE = (
    select(HolderCertificate)
    .where(
        HolderCertificate.user_id == bindparam("user_id"),
        HolderCertificate.device_id == bindparam("device_id"),
        HolderCertificate.status == HolderCertStatus.ACTIVE,
    )
    .order_by(HolderCertificate.created_at)
)


def eligible_certificates(
    db: Session, rt: Runtime, user: User, device_id: str, s: ScanSession
) -> list[Eligibility]:
    now = rt.clock.now()
    rows = db.scalars(_ON_DEVICE, {"user_id": user.id, "device_id": device_id}).all()
    pairs = certs.issued_pairs(db, rows)
    return [Eligibility(c, _eligibility(db, s, c, pairs[c.id], now)) for c in rows]


def scan(db: Session, rt: Runtime, user: User, device_id: str, qr: str) -> ScanSession:
    """The phone scanned a frame: check it is genuine and fresh, bind the session to it."""
    now = rt.clock.now()
    token, seconds, code = parse_qr(qr)
    s = db.scalars(_BY_START_TOKEN, {"token": token}).first()
    if s is None:
        raise QRInvalid()
    if not hmac.compare_digest(qr_code(session_qr_secret(rt, s), token, seconds), code):
        raise QRInvalid()
    if expire_if_due(db, rt, s, now):
        db.commit()
    if s.status != ScanStatus.PENDING:
        raise SessionNotPending(details={"status": s.status, "reason": s.failure_reason})
    if s.device_id is not None:
        if s.device_id == device_id and s.user_id == user.id:
            return s  # the same phone scanning again (a later frame) is harmless
        raise SessionBound()
    elapsed = int((now - s.created_at).total_seconds())
    if abs(elapsed - seconds) > FRAME_TOLERANCE:
        raise QRStale(details={"frame": seconds, "server": elapsed})
    move_hint(s, ScanHint.SCANNED)
    s.user_id, s.device_id, s.scanned_at = user.id, device_id, now
    s.finish_deadline = now + timedelta(seconds=FINISH_SECONDS)
    s.version += 1
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="scan.bound",
        target_type="scan_session",
        target_id=s.id,
        details={"device": device_id},
    )
    db.commit()
    return s


def _holder_session(
    db: Session, rt: Runtime, user: User, device_id: str, session_id: str
) -> ScanSession:
    now = rt.clock.now()
    s = lock_row(db, ScanSession, session_id)
    if s is None or s.user_id != user.id or s.device_id != device_id:
        raise SessionNotFound()
    if expire_if_due(db, rt, s, now):
        db.commit()
    if s.status != ScanStatus.PENDING:
        details = {"status": s.status, "reason": s.failure_reason}
        if s.failure_reason in CERT_REASONS:
            raise SessionFailed(
                REASON_MESSAGES[s.failure_reason], code=s.failure_reason, details=details
            )
        raise SessionNotPending(details=details)
    return s


def _lock_session_cert(db: Session, user: User, session_id: str) -> HolderCertificate | None:
    """Lock the certificate a session uses *before* the session row.

    Every writer of a certificate's status (supersede, revoke, lock) locks the certificate
    first and its open sessions second; taking the locks in the same order here means a
    completion and a revocation serialise instead of deadlocking on PostgreSQL. (On SQLite
    each transaction holds the database's write lock from its first statement.)
    """
    row = db.execute(_SESSION_CERT, {"session_id": session_id}).first()
    cert_id = row[0] if row is not None and row[1] == user.id else None
    if cert_id is None:
        return None
    cert = lock_row(db, HolderCertificate, cert_id)
    return cert if cert is not None and cert.user_id == user.id else None


def login_payload(rp: RelyingParty, s: ScanSession, serial: str, now: datetime) -> bytes:
    """What the phone signs for a login: it binds the RP, the session, the RP's challenge,
    a server random, the operation and the time (Smart-ID's ACSP_V2 idea)."""
    body = {
        "v": 1,
        "op": "login",
        "rp": rp.name,
        "rp_id": rp.client_id,
        "session": s.id,
        "challenge": json.loads(s.payload)["challenge"],
        "server_random": s.server_random,
        "display_text": s.display_text,
        "cert_serial": serial,
        "time": now.replace(microsecond=0).isoformat(),
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def prepare(
    db: Session,
    rt: Runtime,
    user: User,
    device_id: str,
    session_id: str,
    *,
    cert_id: str,
    prehash: bytes,
    transport_key: Any,
    seal_id: str | None = None,
) -> tuple[ScanSession, dict[str, Any], dict[str, Any]]:
    """The holder chose a certificate and entered its password: check both, then hand the
    phone its sealed server share and exactly what to sign or decrypt.

    A seal session also names the seal: the RP sees the choice (``selection``) and prepares
    the digest, which the phone fetches with :func:`seal_digest`."""

    now = rt.clock.now()
    cert = certs.get_own(db, user, cert_id, lock=True)
    s = _holder_session(db, rt, user, device_id, session_id)
    if cert.device_id != device_id:
        raise certs.BoundToAnotherDevice()
    sign, enc = certs.issued(db, cert)
    reason = _eligibility(db, s, cert, (sign, enc), now)
    if reason is not None:
        fail(db, rt, s, reason, now, Actor("user", user.id), cert)
        db.commit()
        raise SessionFailed(REASON_MESSAGES[reason], code=reason)
    seal = None
    if s.type == "seal":
        # Checked before the password, so a wrong choice spends no attempt.
        if not seal_id:
            raise SealRequired()
        seal = next((x for x in usable_seals(db, s, cert) if x.id == seal_id), None)
        if seal is None:
            raise SealNotUsable()
    try:
        certs.verify_password(db, rt, user, cert, prehash, now)
    except certs.CertLocked:
        # The lock itself failed the sessions already using this certificate; this one
        # (which had not chosen it yet) fails here.
        db.refresh(s, with_for_update=True)
        if s.status == ScanStatus.PENDING:
            fail(db, rt, s, "cert_locked", now, Actor("user", user.id), cert)
            db.commit()
        raise
    except WrongPassword:
        raise
    rp = db.get(RelyingParty, s.rp_id)
    assert rp is not None
    assert sign is not None  # _eligibility refuses a certificate without it
    payload = json.loads(s.payload)
    task: dict[str, Any] = {"type": s.type}
    if s.type == "login":
        data = login_payload(rp, s, sign.serial, now)
        payload["login_payload"] = b64u_encode(data)
        task["payload"] = b64u_encode(data)
    elif s.type == "sign":
        task["digests"] = payload["digests"]
    elif s.type == "seal":
        assert seal is not None
        assert seal.seseal_der is not None
        payload["selection"] = {
            "selection_id": secrets.token_urlsafe(12),
            "certificate": _pem(sign),
            "chain": ca_service(rt).chain_pem(db).decode(),
            "seal": {
                "id": seal.id,
                "seal_type": seal.seal_type,
                "name": seal.name,
                "es_id": seal.es_id,
                "width_mm": seal.width_mm,
                "height_mm": seal.height_mm,
                "seseal": b64u_encode(seal.seseal_der),
            },
        }
        task["document"] = seal_task(s)
        task["seal_id"] = seal.id
    else:
        task["recipient"] = payload["recipient"]
        task["rp_public_key"] = payload["rp_public_key"]
    s.payload = json.dumps(payload)
    move_hint(s, ScanHint.USER_CONFIRMING)
    s.holder_cert_id = cert.id
    s.version += 1
    device = db.get(Device, device_id)
    assert device is not None
    sealed = keyprotect.seal_to_transport_key(
        transport_key,
        certs._share(rt, cert),
        keyprotect.context_aad(cert.id, device.device_key, "server-share"),
    ).to_json()
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="scan.confirming",
        target_type="scan_session",
        target_id=s.id,
        details={"holder_cert": cert.id},
    )
    db.commit()
    return s, sealed, task


def _verify_ecdsa(cert: x509.Certificate, signature: bytes, data: bytes, prehashed: bool) -> None:
    key = cert.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise SignatureInvalid()
    algo = ec.ECDSA(utils.Prehashed(hashes.SHA256()) if prehashed else hashes.SHA256())
    try:
        key.verify(signature, data, algo)
    except InvalidSignature:
        raise SignatureInvalid() from None


def _ocsp_for(
    db: Session, rt: Runtime, cert: x509.Certificate, row: IssuedCertificate, now: datetime
) -> bytes:
    """The OCSP answer for the signing certificate, its status taken from ``row`` (locked and
    read in this transaction) rather than read once more."""
    issuer = ca_service(rt).ca_certificate(db, "issuing")
    req = x509_ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()
    state = ocsp_state((row.status, row.revoked_at, row.revocation_reason))
    return ca_service(rt).ocsp(
        db, req.public_bytes(serialization.Encoding.DER), now, status_reader=lambda _: state
    )


def _timestamp(db: Session, rt: Runtime, signature: bytes, now: datetime) -> str:
    req = tsa.build_request(hashlib.sha256(signature).digest(), nonce=secrets.randbits(63))
    token = tsa.parse_response(ca_service(rt).timestamp(db, req, now)).token
    assert token is not None
    return b64u_encode(token)


def complete(
    db: Session,
    rt: Runtime,
    user: User,
    device_id: str,
    session_id: str,
    body: dict[str, Any],
) -> ScanSession:
    """The phone did its private-key operation; check it and publish the result."""
    now = rt.clock.now()
    locked_cert = _lock_session_cert(db, user, session_id)
    s = _holder_session(db, rt, user, device_id, session_id)
    if s.hint not in (ScanHint.USER_CONFIRMING, ScanHint.DIGEST_READY) or s.holder_cert_id is None:
        raise Conflict("请先选择证书并输入证书密码", code="session_not_confirmed")
    if locked_cert is None or locked_cert.id != s.holder_cert_id:
        # A second prepare with another certificate raced this call; locking that one now
        # would take the locks out of order, so the phone sends ``complete`` again.
        raise Conflict("会话状态已变化，请重试", code="session_changed")
    cert = locked_cert
    # The status may have changed since prepare (a reissue on another phone, a revocation,
    # a lock): check it again under the certificates' row locks, in the transaction that
    # publishes the result. The issued rows are locked (and read afresh) first.
    sign_row = issued(db, cert.sign_cert_id, lock=True)
    enc_row = issued(db, cert.enc_cert_id, lock=True)
    reason = _eligibility(db, s, cert, (sign_row, enc_row), now)
    if reason is not None:
        fail(db, rt, s, reason, now, Actor("user", user.id), cert)
        db.commit()
        raise SessionFailed(REASON_MESSAGES[reason], code=reason)
    assert sign_row is not None  # _eligibility refuses a certificate without them
    assert enc_row is not None
    sign_cert = x509.load_der_x509_certificate(sign_row.cert_der)
    payload = json.loads(s.payload)
    chain = ca_service(rt).chain_pem(db).decode()
    result: dict[str, Any] = {"type": s.type, "chain": chain}
    try:
        if s.type == "login":
            data = decode_field(payload["login_payload"], "payload")
            signature = decode_field(str(body.get("signature", "")), "signature")
            _verify_ecdsa(sign_cert, signature, data, prehashed=False)
            result.update(payload=payload["login_payload"], signature=b64u_encode(signature))
        elif s.type == "sign":
            sigs = body.get("signatures")
            if not isinstance(sigs, list) or len(sigs) != len(payload["digests"]):
                raise SignatureInvalid("签名数量与文件数量不一致")
            out = []
            for d, sig in zip(payload["digests"], sigs, strict=True):
                raw = decode_field(str(sig), "signature")
                _verify_ecdsa(sign_cert, raw, decode_field(d["digest"], "digest"), prehashed=True)
                out.append(
                    {**d, "signature": b64u_encode(raw), "timestamp": _timestamp(db, rt, raw, now)}
                )
            result["signatures"] = out
        elif s.type == "seal":
            if "digest" not in payload:
                raise DigestNotReady()
            raw = decode_field(str(body.get("signature", "")), "signature")
            _verify_ecdsa(sign_cert, raw, decode_field(payload["digest"], "digest"), prehashed=True)
            result.update(
                digest=payload["digest"],
                signature=b64u_encode(raw),
                # Over SHA-256 of the signature value: the PAdES signature-time-stamp.
                timestamp=_timestamp(db, rt, raw, now),
                seal=payload["selection"]["seal"],
                document=seal_task(s),
            )
        else:
            sealed = body.get("sealed_output")
            if not isinstance(sealed, dict) or not {"epk", "iv", "ct"} <= set(sealed):
                raise InvalidInput("sealed_output is required", code="sealed_key_missing")
            result["sealed_output"] = sealed
            result["encryption_certificate"] = _pem(enc_row)
    except SignatureInvalid:
        fail(db, rt, s, "signature_invalid", now, Actor("user", user.id), cert)
        db.commit()
        raise
    result["certificate"] = _pem(sign_row)
    result["ocsp"] = b64u_encode(_ocsp_for(db, rt, sign_cert, sign_row, now))
    move_session(s, ScanStatus.COMPLETE)
    s.completed_at = now
    s.result = json.dumps(result)
    s.version += 1
    rp = db.get(RelyingParty, s.rp_id)
    assert rp is not None
    record_usage(db, s, rp, cert, sign_row, "success", now)
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="scan.completed",
        target_type="scan_session",
        target_id=s.id,
        details={"type": s.type, "serial": sign_row.serial},
    )
    queue_callback(db, rt, s, rp, now)
    db.commit()
    rt.metrics.scan_session_finished(s.type, None)
    return s


def _pem(row: IssuedCertificate) -> str:
    return (
        x509.load_der_x509_certificate(row.cert_der)
        .public_bytes(serialization.Encoding.PEM)
        .decode()
    )


def seal_digest(
    db: Session, rt: Runtime, user: User, device_id: str, session_id: str
) -> dict[str, Any]:
    """The phone asks for the digest of a seal session; 409 ``digest_not_ready`` until the
    RP submitted it."""
    s = _holder_session(db, rt, user, device_id, session_id)
    if s.type != "seal":
        raise NotASealSession()
    payload = json.loads(s.payload)
    if s.hint != ScanHint.DIGEST_READY or "digest" not in payload:
        raise DigestNotReady()
    db.commit()
    return {"type": "seal", "digest": payload["digest"], "document": seal_task(s)}


def reject(db: Session, rt: Runtime, user: User, device_id: str, session_id: str) -> ScanSession:
    now = rt.clock.now()
    s = _holder_session(db, rt, user, device_id, session_id)
    cert = db.get(HolderCertificate, s.holder_cert_id) if s.holder_cert_id else None
    fail(db, rt, s, "user_cancel", now, Actor("user", user.id), cert)
    db.commit()
    return s


def fail_open_sessions(
    db: Session,
    rt: Runtime,
    cert: HolderCertificate,
    reason: str,
    now: datetime,
    actor: Actor,
) -> None:
    """The certificate can no longer be used: every open session that chose it fails now
    with ``reason`` (the RP sees it on its next collect and gets a callback). Called by the
    certificate domain under the certificate's row lock, before its transaction commits."""
    open_sessions = db.scalars(
        select(ScanSession)
        .where(ScanSession.holder_cert_id == cert.id, ScanSession.status == ScanStatus.PENDING)
        .order_by(ScanSession.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    for s in open_sessions:
        fail(db, rt, s, reason, now, actor, cert)


certs.blocked_listeners.append(fail_open_sessions)
