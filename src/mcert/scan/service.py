"""Scan-to-use sessions: created by a relying party, bound by the first phone that scans a
fresh QR frame, confirmed with a certificate and its password, completed with the phone's
private-key operation, collected by the relying party.

Timeline: the QR must be scanned within ``SCAN_SECONDS`` of creation; the holder then has
``FINISH_SECONDS``; a result stays collectable for ``COLLECT_SECONDS``. The QR text changes
every second (BankID's algorithm): ``{public_url}/q/{start_token}.{seconds}.{code}`` with
``code = HMAC-SHA256(qr_secret, "{start_token}.{seconds}")``; only a frame within
``FRAME_TOLERANCE`` seconds of the server's own count is accepted, so a photographed QR
replayed later (phishing relay) fails.

The server never sees a private key: it checks signatures made on the phone, and for
decryption it only forwards the content-encryption key the phone sealed to the relying
party's ephemeral key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils
from cryptography.x509 import ocsp as x509_ocsp
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mcert import keyprotect
from mcert.account.models import Device, User
from mcert.audit.service import Actor, record
from mcert.ca.models import IssuedCertificate
from mcert.ca.service import ca_service
from mcert.ca.states import IssuedCertStatus
from mcert.cert import service as certs
from mcert.cert.models import HolderCertificate
from mcert.cert.states import HolderCertStatus
from mcert.codec import b64u_decode, b64u_encode
from mcert.errors import Conflict, DomainError, InvalidInput, NotFound
from mcert.keyprotect import TransportKeyInvalid, WrongPassword, _load_transport_key
from mcert.org.models import Organization
from mcert.pki import cms, tsa
from mcert.rp.models import RelyingParty
from mcert.rp.service import require_op, secret_of
from mcert.runtime import Runtime
from mcert.scan.models import CallbackDelivery, ScanSession, UsageRecord
from mcert.scan.states import ScanHint, ScanStatus, move_hint, move_session
from mcert.text import clean_text

log = logging.getLogger(__name__)

SCAN_SECONDS = 180
FINISH_SECONDS = 180
COLLECT_SECONDS = 300
FRAME_TOLERANCE = 3
MAX_DIGESTS = 100
CALLBACK_MAX_ATTEMPTS = 8  # a callback is given up after this many failed POSTs
_QR_RE = re.compile(r"/q/([A-Za-z0-9_-]{16,40})\.(\d{1,6})\.([0-9a-f]{64})$")


class SessionNotFound(NotFound):
    code = "session_not_found"
    default_message = "会话不存在或已过期"


class QRInvalid(InvalidInput):
    code = "qr_invalid"
    default_message = "二维码无效，请刷新页面后重新扫码"


class QRStale(InvalidInput):
    code = "qr_stale"
    default_message = "二维码已过期，请扫描页面上最新的二维码"


class SessionNotPending(Conflict):
    code = "session_not_pending"
    default_message = "该业务已结束，请在网页上重新发起"


class SessionBound(Conflict):
    code = "session_already_bound"
    default_message = "该二维码已被其他设备扫描"


class SignatureInvalid(InvalidInput):
    code = "signature_invalid"
    default_message = "签名验证失败"


class SessionFailed(Conflict):
    """The holder's attempt ended the session; ``code`` is the reason the RP sees."""

    default_message = "业务失败"


REASON_MESSAGES = {
    "cert_locked": "证书已锁定，请通过实名认证重置证书密码",
    "cert_revoked": "证书已吊销，不能使用",
    "cert_expired": "证书已过期，不能使用",
    "not_eligible": "该证书不符合本次业务要求",
    "expired": "操作超时，请在网页上重新发起",
}


def decode_field(text: str, field: str) -> bytes:
    try:
        return b64u_decode(text)
    except ValueError:
        raise InvalidInput(f"{field} must be base64url", code="encoding_invalid") from None


# ----------------------------------------------------------------------------- QR


def qr_code(qr_secret: bytes, start_token: str, seconds: int) -> str:
    return hmac.new(qr_secret, f"{start_token}.{seconds}".encode(), hashlib.sha256).hexdigest()


def qr_text(base_url: str, start_token: str, qr_secret: bytes, seconds: int) -> str:
    code = qr_code(qr_secret, start_token, seconds)
    return f"{base_url.rstrip('/')}/q/{start_token}.{seconds}.{code}"


def _qr_secret(rt: Runtime, s: ScanSession) -> bytes:
    return rt.cipher.decrypt_bytes(s.qr_secret_enc, aad=f"scan:{s.id}:qr")


# ----------------------------------------------------------------------------- RP side


@dataclass(frozen=True)
class Created:
    session: ScanSession
    qr_secret: bytes


def _validate_payload(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    if kind == "login":
        challenge = payload.get("challenge")
        raw = decode_field(challenge, "challenge") if challenge else secrets.token_bytes(32)
        if not 16 <= len(raw) <= 64:
            raise InvalidInput("challenge must be 16-64 bytes", code="challenge_invalid")
        return {"challenge": b64u_encode(raw)}
    if kind == "sign":
        digests = payload.get("digests")
        if not isinstance(digests, list) or not 1 <= len(digests) <= MAX_DIGESTS:
            raise InvalidInput(f"digests: 1-{MAX_DIGESTS} SHA-256 values", code="digests_invalid")
        out = []
        for i, d in enumerate(digests):
            if (
                not isinstance(d, dict)
                or len(decode_field(str(d.get("digest", "")), "digest")) != 32
            ):
                raise InvalidInput(
                    f"digests[{i}] must be a 32-byte SHA-256 (base64url)", code="digests_invalid"
                )
            label = d.get("label") or f"文件{i + 1}"
            label = clean_text(label, max_length=100, field=f"digests[{i}].label")
            out.append({"digest": str(d["digest"]), "label": label})
        return {"digests": out}
    if kind == "decrypt":
        recipient = payload.get("recipient")
        rp_key = payload.get("rp_public_key")
        try:
            challenge = cms.challenge_from_json(
                json.dumps(recipient) if isinstance(recipient, dict) else str(recipient)
            )
        except (DomainError, ValueError, TypeError) as exc:
            raise InvalidInput(
                "recipient must be a recipient challenge (mcert.pki.cms)", code="recipient_invalid"
            ) from exc
        if not rp_key:
            raise InvalidInput("rp_public_key is required", code="rp_public_key_missing")

        try:
            _load_transport_key(rp_key if isinstance(rp_key, dict) else decode_field(rp_key, "key"))
        except TransportKeyInvalid as exc:
            raise InvalidInput(
                "rp_public_key must be a P-256 key", code="rp_public_key_invalid"
            ) from exc
        return {"recipient": json.loads(challenge.to_json()), "rp_public_key": rp_key}
    raise InvalidInput("type must be login, sign or decrypt", code="session_type_invalid")


def create_session(
    db: Session,
    rt: Runtime,
    rp: RelyingParty,
    *,
    kind: str,
    display_text: str,
    requirements: dict[str, Any],
    payload: dict[str, Any],
) -> Created:

    now = rt.clock.now()
    require_op(rp, kind)
    display_text = clean_text(display_text, max_length=200, field="display_text")
    reqs = {k: requirements[k] for k in ("cert_type", "uscc", "cert_serial") if requirements.get(k)}
    if reqs.get("cert_type") not in (None, "personal", "org"):
        raise InvalidInput("cert_type must be personal or org", code="requirements_invalid")
    qr_secret = secrets.token_bytes(32)
    session = ScanSession(
        rp_id=rp.id,
        type=kind,
        status=ScanStatus.PENDING.value,
        hint=ScanHint.OUTSTANDING.value,
        display_text=display_text,
        requirements=json.dumps(reqs),
        payload=json.dumps(_validate_payload(kind, payload)),
        start_token=secrets.token_urlsafe(18),
        qr_secret_enc="",
        server_random=b64u_encode(secrets.token_bytes(16)),
        created_at=now,
        scan_deadline=now + timedelta(seconds=SCAN_SECONDS),
    )
    db.add(session)
    db.flush()
    session.qr_secret_enc = rt.cipher.encrypt(qr_secret, aad=f"scan:{session.id}:qr")
    record(
        db,
        at=now,
        actor=Actor("rp", rp.client_id),
        action="scan.session_created",
        target_type="scan_session",
        target_id=session.id,
        details={"type": kind},
    )
    db.commit()
    rt.metrics.scan_sessions_created.labels(kind).inc()
    return Created(session, qr_secret)


def _rp_session(db: Session, rp: RelyingParty, session_id: str, lock: bool = False) -> ScanSession:
    s = db.get(ScanSession, session_id, with_for_update=lock)
    if s is None or s.rp_id != rp.id:  # another RP's session looks like none at all
        raise SessionNotFound()
    return s


def _expire_if_due(db: Session, rt: Runtime, s: ScanSession, now: datetime) -> bool:
    if s.status != ScanStatus.PENDING:
        return False
    deadline = s.finish_deadline if s.scanned_at else s.scan_deadline
    if deadline is not None and now > deadline:
        _fail(db, rt, s, "expired", now, Actor.system("scan"))
        return True
    return False


def collect(db: Session, rt: Runtime, rp: RelyingParty, session_id: str) -> ScanSession:
    now = rt.clock.now()
    s = _rp_session(db, rp, session_id)
    if s.status == ScanStatus.PENDING and _expire_if_due(
        db, rt, _rp_session(db, rp, session_id, True), now
    ):
        db.commit()
    if s.completed_at and now > s.completed_at + timedelta(seconds=COLLECT_SECONDS):
        raise SessionNotFound()
    return s


def cancel(db: Session, rt: Runtime, rp: RelyingParty, session_id: str) -> ScanSession:
    now = rt.clock.now()
    s = _rp_session(db, rp, session_id, lock=True)
    if s.status != ScanStatus.PENDING:
        raise SessionNotPending()
    _fail(db, rt, s, "cancelled", now, Actor("rp", rp.client_id))
    db.commit()
    return s


# ----------------------------------------------------------------------------- phone side


@dataclass(frozen=True)
class Eligibility:
    cert: HolderCertificate
    reason: str | None


def _issued(db: Session, issued_id: str | None, *, lock: bool = False) -> IssuedCertificate | None:
    if not issued_id:
        return None
    if lock:
        return db.get(IssuedCertificate, issued_id, with_for_update=True, populate_existing=True)
    return db.get(IssuedCertificate, issued_id)


def _eligibility(
    db: Session, rt: Runtime, s: ScanSession, cert: HolderCertificate, now: datetime
) -> str | None:
    reqs = json.loads(s.requirements)
    sign = _issued(db, cert.sign_cert_id)
    enc = _issued(db, cert.enc_cert_id)
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
    return None


def eligible_certificates(
    db: Session, rt: Runtime, user: User, device_id: str, s: ScanSession
) -> list[Eligibility]:
    now = rt.clock.now()
    rows = db.scalars(
        select(HolderCertificate)
        .where(
            HolderCertificate.user_id == user.id,
            HolderCertificate.device_id == device_id,
            HolderCertificate.status == HolderCertStatus.ACTIVE,
        )
        .order_by(HolderCertificate.created_at)
    ).all()
    return [Eligibility(c, _eligibility(db, rt, s, c, now)) for c in rows]


def parse_qr(text: str) -> tuple[str, int, str]:
    match = _QR_RE.search(text.strip().split("?")[0].split("#")[0])
    if match is None:
        raise QRInvalid()
    return match.group(1), int(match.group(2)), match.group(3)


def scan(db: Session, rt: Runtime, user: User, device_id: str, qr: str) -> ScanSession:
    """The phone scanned a frame: check it is genuine and fresh, bind the session to it."""
    now = rt.clock.now()
    token, seconds, code = parse_qr(qr)
    s = db.scalars(
        select(ScanSession).where(ScanSession.start_token == token).with_for_update()
    ).first()
    if s is None:
        raise QRInvalid()
    if not hmac.compare_digest(qr_code(_qr_secret(rt, s), token, seconds), code):
        raise QRInvalid()
    if _expire_if_due(db, rt, s, now):
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


# Reasons a session failed because of its certificate: the phone is told the reason itself.
CERT_REASONS = frozenset({"cert_revoked", "cert_locked", "cert_expired"})


def _holder_session(
    db: Session, rt: Runtime, user: User, device_id: str, session_id: str
) -> ScanSession:
    now = rt.clock.now()
    s = db.get(ScanSession, session_id, with_for_update=True, populate_existing=True)
    if s is None or s.user_id != user.id or s.device_id != device_id:
        raise SessionNotFound()
    if _expire_if_due(db, rt, s, now):
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
    row = db.execute(
        select(ScanSession.holder_cert_id, ScanSession.user_id).where(ScanSession.id == session_id)
    ).first()
    cert_id = row[0] if row is not None and row[1] == user.id else None
    if cert_id is None:
        return None
    cert = db.get(HolderCertificate, cert_id, with_for_update=True, populate_existing=True)
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
) -> tuple[ScanSession, dict[str, Any], dict[str, Any]]:
    """The holder chose a certificate and entered its password: check both, then hand the
    phone its sealed server share and exactly what to sign or decrypt."""

    now = rt.clock.now()
    precheck = certs.precheck_password(db, user, cert_id, prehash)
    cert = certs.get_own(db, user, cert_id, lock=True)
    s = _holder_session(db, rt, user, device_id, session_id)
    if cert.device_id != device_id:
        raise certs.BoundToAnotherDevice()
    reason = _eligibility(db, rt, s, cert, now)
    if reason is not None:
        _fail(db, rt, s, reason, now, Actor("user", user.id), cert)
        db.commit()
        raise SessionFailed(REASON_MESSAGES[reason], code=reason)
    try:
        certs.verify_password(db, rt, user, cert, prehash, now, precheck)
    except certs.CertLocked:
        # The lock itself failed the sessions already using this certificate; this one
        # (which had not chosen it yet) fails here.
        db.refresh(s, with_for_update=True)
        if s.status == ScanStatus.PENDING:
            _fail(db, rt, s, "cert_locked", now, Actor("user", user.id), cert)
            db.commit()
        raise
    except WrongPassword:
        raise
    rp = db.get(RelyingParty, s.rp_id)
    assert rp is not None
    sign = _issued(db, cert.sign_cert_id)
    assert sign is not None
    payload = json.loads(s.payload)
    task: dict[str, Any] = {"type": s.type}
    if s.type == "login":
        data = login_payload(rp, s, sign.serial, now)
        payload["login_payload"] = b64u_encode(data)
        task["payload"] = b64u_encode(data)
    elif s.type == "sign":
        task["digests"] = payload["digests"]
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


def _ocsp_for(db: Session, rt: Runtime, cert: x509.Certificate, now: datetime) -> bytes:
    issuer = ca_service(rt).ca_certificate(db, "issuing")
    req = x509_ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()
    return ca_service(rt).ocsp(db, req.public_bytes(serialization.Encoding.DER), now)


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
    if s.hint != ScanHint.USER_CONFIRMING or s.holder_cert_id is None:
        raise Conflict("请先选择证书并输入证书密码", code="session_not_confirmed")
    if locked_cert is None or locked_cert.id != s.holder_cert_id:
        # A second prepare with another certificate raced this call; locking that one now
        # would take the locks out of order, so the phone sends ``complete`` again.
        raise Conflict("会话状态已变化，请重试", code="session_changed")
    cert = locked_cert
    # The status may have changed since prepare (a reissue on another phone, a revocation,
    # a lock): check it again under the certificate's row lock, in the transaction that
    # publishes the result.
    reason = _eligibility(db, rt, s, cert, now)
    if reason is not None:
        _fail(db, rt, s, reason, now, Actor("user", user.id), cert)
        db.commit()
        raise SessionFailed(REASON_MESSAGES[reason], code=reason)
    sign_row = _issued(db, cert.sign_cert_id, lock=True)
    enc_row = _issued(db, cert.enc_cert_id, lock=True)
    assert sign_row is not None
    assert enc_row is not None
    if sign_row.status == IssuedCertStatus.REVOKED or enc_row.status == IssuedCertStatus.REVOKED:
        _fail(db, rt, s, "cert_revoked", now, Actor("user", user.id), cert)
        db.commit()
        raise SessionFailed(REASON_MESSAGES["cert_revoked"], code="cert_revoked")
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
        else:
            sealed = body.get("sealed_output")
            if not isinstance(sealed, dict) or not {"epk", "iv", "ct"} <= set(sealed):
                raise InvalidInput("sealed_output is required", code="sealed_key_missing")
            result["sealed_output"] = sealed
            result["encryption_certificate"] = _pem(enc_row)
    except SignatureInvalid:
        _fail(db, rt, s, "signature_invalid", now, Actor("user", user.id), cert)
        db.commit()
        raise
    result["certificate"] = _pem(sign_row)
    result["ocsp"] = b64u_encode(_ocsp_for(db, rt, sign_cert, now))
    move_session(s, ScanStatus.COMPLETE)
    s.completed_at = now
    s.result = json.dumps(result)
    s.version += 1
    _usage(db, s, cert, sign_row, "success", now)
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="scan.completed",
        target_type="scan_session",
        target_id=s.id,
        details={"type": s.type, "serial": sign_row.serial},
    )
    _queue_callback(db, s, now)
    db.commit()
    rt.metrics.scan_session_finished(s.type, None)
    return s


def _pem(row: IssuedCertificate) -> str:
    return (
        x509.load_der_x509_certificate(row.cert_der)
        .public_bytes(serialization.Encoding.PEM)
        .decode()
    )


def reject(db: Session, rt: Runtime, user: User, device_id: str, session_id: str) -> ScanSession:
    now = rt.clock.now()
    s = _holder_session(db, rt, user, device_id, session_id)
    cert = db.get(HolderCertificate, s.holder_cert_id) if s.holder_cert_id else None
    _fail(db, rt, s, "user_cancel", now, Actor("user", user.id), cert)
    db.commit()
    return s


def _fail(
    db: Session,
    rt: Runtime,
    s: ScanSession,
    reason: str,
    now: datetime,
    actor: Actor,
    cert: HolderCertificate | None = None,
) -> None:
    move_session(s, ScanStatus.FAILED)
    s.failure_reason, s.completed_at = reason, now
    s.version += 1
    rt.metrics.scan_session_finished(s.type, reason)
    if s.user_id is not None:
        if cert is None and s.holder_cert_id:
            cert = db.get(HolderCertificate, s.holder_cert_id)
        _usage(db, s, cert, _issued(db, cert.sign_cert_id) if cert else None, reason, now)
    record(
        db,
        at=now,
        actor=actor,
        action="scan.failed",
        target_type="scan_session",
        target_id=s.id,
        details={"reason": reason},
    )
    _queue_callback(db, s, now)


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
        _fail(db, rt, s, reason, now, actor, cert)


certs.blocked_listeners.append(fail_open_sessions)


def _usage(
    db: Session,
    s: ScanSession,
    cert: HolderCertificate | None,
    sign: IssuedCertificate | None,
    result: str,
    now: datetime,
) -> None:
    rp = db.get(RelyingParty, s.rp_id)
    assert rp is not None
    assert s.user_id is not None
    db.add(
        UsageRecord(
            session_id=s.id,
            user_id=s.user_id,
            org_id=cert.org_id if cert else None,
            holder_cert_id=cert.id if cert else None,
            cert_serial=sign.serial if sign else None,
            holder_name=cert.subject_cn if cert else "",
            rp_id=rp.id,
            rp_name=rp.name,
            operation=s.type,
            result=result,
            created_at=now,
        )
    )


def _queue_callback(db: Session, s: ScanSession, now: datetime) -> None:
    rp = db.get(RelyingParty, s.rp_id)
    if rp is None or not rp.callback_url:
        return
    body = {
        "session_id": s.id,
        "status": s.status,
        "reason": s.failure_reason,
        "type": s.type,
        "at": now.isoformat(),
    }
    db.add(
        CallbackDelivery(
            session_id=s.id, url=rp.callback_url, body=json.dumps(body), next_attempt_at=now
        )
    )


def deliver_callbacks(db: Session, rt: Runtime, http: Any, limit: int = 50) -> int:
    """POST due callbacks, signed ``X-MCert-Signature: hex HMAC-SHA256(secret, body)``."""

    now = rt.clock.now()
    due = db.scalars(
        select(CallbackDelivery)
        .where(
            CallbackDelivery.delivered_at.is_(None),
            CallbackDelivery.next_attempt_at <= now,
            CallbackDelivery.attempts < CALLBACK_MAX_ATTEMPTS,
        )
        .order_by(CallbackDelivery.next_attempt_at)
        .limit(limit)
    ).all()
    delivered = 0
    for cb in due:
        s = db.get(ScanSession, cb.session_id)
        rp = db.get(RelyingParty, s.rp_id) if s else None
        if rp is None:
            continue
        sig = hmac.new(secret_of(rt, rp).encode(), cb.body.encode(), hashlib.sha256).hexdigest()
        cb.attempts += 1
        try:
            resp = http.post(
                cb.url,
                content=cb.body.encode(),
                headers={
                    "content-type": "application/json",
                    "X-MCert-Signature": sig,
                    "X-MCert-Client-Id": rp.client_id,
                },
                timeout=5.0,
            )
            ok = 200 <= resp.status_code < 300
            cb.last_error = None if ok else f"HTTP {resp.status_code}"
        except Exception as exc:  # any transport failure is retried later
            ok, cb.last_error = False, type(exc).__name__
        if ok:
            cb.delivered_at = now
            delivered += 1
        else:
            cb.next_attempt_at = now + timedelta(seconds=10 * 2**cb.attempts)
    db.commit()
    return delivered


# ----------------------------------------------------------------------------- usage


def usage(
    db: Session,
    *,
    user_id: str | None = None,
    org_id: str | None = None,
    cert_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[UsageRecord], int]:
    """Usage records of one holder, or (for a company's certificate admin) of a company."""
    if user_id is None and org_id is None:
        raise ValueError("a user or an organisation is required")
    q = select(UsageRecord)
    if user_id is not None:
        q = q.where(UsageRecord.user_id == user_id)
    if org_id is not None:
        q = q.where(UsageRecord.org_id == org_id)
    if cert_id:
        q = q.where(UsageRecord.holder_cert_id == cert_id)
    if since:
        q = q.where(UsageRecord.created_at >= since)
    if until:
        q = q.where(UsageRecord.created_at < until)
    total = db.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = db.scalars(
        q.order_by(UsageRecord.created_at.desc(), UsageRecord.id).limit(limit).offset(offset)
    ).all()
    return list(rows), int(total)
