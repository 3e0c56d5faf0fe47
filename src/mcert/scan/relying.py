"""The relying party's side of a scan session: create it (with its payload checked), collect
its status and result, cancel it.

A session belongs to the RP that created it: another RP's session id answers exactly like an
unknown one. The QR secret returned by :func:`create_session` lets the RP draw the animated
QR code (:mod:`mcert.scan.qr`); it is stored only encrypted.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from mcert.audit.service import Actor, record
from mcert.codec import b64u_encode
from mcert.db.base import lock_row, new_id
from mcert.db.engine import read_only
from mcert.errors import Conflict, DomainError, InvalidInput
from mcert.keyprotect import TransportKeyInvalid, _load_transport_key
from mcert.pki import cms
from mcert.rp.models import RelyingParty
from mcert.rp.service import require_op
from mcert.runtime import Runtime
from mcert.scan.common import (
    COLLECT_SECONDS,
    SCAN_SECONDS,
    decode_field,
    expire_if_due,
    expiry_due,
    fail,
)
from mcert.scan.errors import (
    NotASealSession,
    SelectionChanged,
    SessionNotFound,
    SessionNotPending,
)
from mcert.scan.models import ScanSession
from mcert.scan.states import ScanHint, ScanStatus, move_hint
from mcert.seal.service import SealType
from mcert.text import clean_text

MAX_DIGESTS = 100
MAX_THUMBNAILS = 12
MAX_THUMBNAIL_BYTES = 1_500_000  # decoded, all thumbnails of a session together
_PNG = b"\x89PNG\r\n\x1a\n"


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
    if kind == "seal":
        return _validate_seal(payload)
    raise InvalidInput("type must be login, sign, decrypt or seal", code="session_type_invalid")


def _validate_seal(payload: dict[str, Any]) -> dict[str, Any]:
    """What the phone shows of a PDF the RP keeps: its hash, page count, thumbnails and the
    placements; and which seal types the holder may choose (docs/pdf-sealing.md)."""
    doc = payload.get("document")
    if not isinstance(doc, dict):
        raise InvalidInput("document is required for a seal session", code="document_invalid")
    pages = int(doc["page_count"])
    total = 0
    thumbs = []
    for t in doc.get("thumbnails") or []:
        raw = decode_field(str(t["png"]), "thumbnail")
        total += len(raw)
        if not raw.startswith(_PNG) or not 1 <= int(t["page"]) <= pages:
            raise InvalidInput(
                "thumbnails must be PNGs of pages of the document", code="document_invalid"
            )
        thumbs.append(
            {
                "page": int(t["page"]),
                "png": str(t["png"]),
                "width": float(t["width"]),
                "height": float(t["height"]),
            }
        )
    if total > MAX_THUMBNAIL_BYTES:
        raise InvalidInput(
            f"thumbnails: at most {MAX_THUMBNAIL_BYTES} bytes together", code="document_invalid"
        )
    placements = []
    for p in doc.get("placements") or []:
        if not 1 <= int(p["page"]) <= pages:
            raise InvalidInput("a placement is outside the document", code="document_invalid")
        placements.append({k: p[k] for k in ("page", "x", "y", "width", "height")})
    kinds = payload.get("seal_kinds") or [k.value for k in SealType]
    if not set(kinds) <= {k.value for k in SealType} or not kinds:
        raise InvalidInput(
            "seal_kinds must name seal types (docs/seals.md)", code="seal_kinds_invalid"
        )
    label = clean_text(doc.get("label") or "文件1", max_length=100, field="document.label")
    return {
        "document": {
            "label": label,
            "sha256": str(doc["sha256"]),
            "page_count": pages,
            "thumbnails": thumbs,
            "placements": placements,
        },
        "seal_kinds": sorted(set(kinds), key=kinds.index),
    }


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
    session_id = new_id()
    session = ScanSession(
        id=session_id,
        rp_id=rp.id,
        type=kind,
        status=ScanStatus.PENDING.value,
        hint=ScanHint.OUTSTANDING.value,
        display_text=display_text,
        requirements=json.dumps(reqs),
        payload=json.dumps(_validate_payload(kind, payload)),
        start_token=secrets.token_urlsafe(18),
        qr_secret_enc=rt.cipher.encrypt(qr_secret, aad=f"scan:{session_id}:qr"),
        server_random=b64u_encode(secrets.token_bytes(16)),
        created_at=now,
        scan_deadline=now + timedelta(seconds=SCAN_SECONDS),
    )
    db.add(session)
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
    s = lock_row(db, ScanSession, session_id) if lock else db.get(ScanSession, session_id)
    if s is None or s.rp_id != rp.id:  # another RP's session looks like none at all
        raise SessionNotFound()
    return s


def collect(db: Session, rt: Runtime, rp: RelyingParty, session_id: str) -> ScanSession:
    now = rt.clock.now()
    # A read: on SQLite it does not queue for the write lock, which an RP's long-poll would
    # otherwise take five times a second. Only a session past its deadline is written.
    s = _rp_session(read_only(db), rp, session_id)
    if expiry_due(s, now):
        db.commit()  # end the read before the write transaction
        s = _rp_session(db, rp, session_id, lock=True)
        if expire_if_due(db, rt, s, now):
            db.commit()
    if s.completed_at and now > s.completed_at + timedelta(seconds=COLLECT_SECONDS):
        raise SessionNotFound()
    return s


def submit_digest(
    db: Session, rt: Runtime, rp: RelyingParty, session_id: str, *, selection_id: str, digest: str
) -> ScanSession:
    """Round two of a seal session: the RP prepared the PDF for the holder's choice and hands
    over the digest the phone signs (SHA-256 of the signed attributes)."""
    now = rt.clock.now()
    s = _rp_session(db, rp, session_id, lock=True)
    if s.type != "seal":
        raise NotASealSession()
    if expire_if_due(db, rt, s, now):
        db.commit()
    if s.status != ScanStatus.PENDING:
        raise SessionNotPending(details={"status": s.status, "reason": s.failure_reason})
    payload = json.loads(s.payload)
    selection = payload.get("selection")
    if s.hint != ScanHint.USER_CONFIRMING or selection is None:
        raise Conflict("持证人尚未选择证书和印章", code="selection_missing")
    if selection["selection_id"] != selection_id:
        raise SelectionChanged()
    raw = decode_field(digest, "digest")
    if len(raw) != 32:
        raise InvalidInput("digest must be a 32-byte SHA-256 (base64url)", code="digests_invalid")
    payload["digest"] = b64u_encode(raw)
    s.payload = json.dumps(payload)
    move_hint(s, ScanHint.DIGEST_READY)
    s.version += 1
    db.commit()
    return s


def cancel(db: Session, rt: Runtime, rp: RelyingParty, session_id: str) -> ScanSession:
    now = rt.clock.now()
    s = _rp_session(db, rp, session_id, lock=True)
    if s.status != ScanStatus.PENDING:
        raise SessionNotPending()
    fail(db, rt, s, "cancelled", now, Actor("rp", rp.client_id))
    db.commit()
    return s
