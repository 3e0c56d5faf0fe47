"""Registering relying parties and authenticating their requests.

Every RP request carries ``X-MCert-Client-Id``, ``X-MCert-Timestamp`` (Unix seconds),
``X-MCert-Nonce`` and ``X-MCert-Signature`` = hex HMAC-SHA256 of the client secret over::

    METHOD \\n PATH[?QUERY] \\n TIMESTAMP \\n NONCE \\n hex(SHA-256(body))

A timestamp more than five minutes off, or a nonce seen before, is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from mcert.audit.service import Actor, record
from mcert.errors import AuthenticationFailed, InvalidInput, NotFound, PermissionDenied
from mcert.rp.models import RelyingParty
from mcert.runtime import Runtime
from mcert.text import clean_text

OPS = ("login", "sign", "decrypt", "seal")
MAX_SKEW_SECONDS = 300
NONCE_TTL_SECONDS = 2 * MAX_SKEW_SECONDS
_NONCE = re.compile(r"[A-Za-z0-9_-]{16,64}")
_CLIENT_ID = re.compile(r"rp_[0-9a-f]{16}")
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
# Hex only before comparing: hmac.compare_digest raises on non-ASCII text (a header is
# decoded as Latin-1, so any byte can arrive).
_SIGNATURE = re.compile(r"[0-9A-Fa-f]{64}")


class RPAuthFailed(AuthenticationFailed):
    code = "rp_auth_failed"
    default_message = "relying party authentication failed"


class OperationNotAllowed(PermissionDenied):
    code = "operation_not_allowed"
    default_message = "this relying party may not request this operation"


def _aad(client_id: str) -> bytes:
    return f"rp:{client_id}:secret".encode()


def _check_ops(ops: list[str]) -> str:
    bad = [op for op in ops if op not in OPS]
    if bad or not ops:
        raise InvalidInput(f"ops must be a subset of {OPS}", code="rp_ops_invalid")
    return ",".join(sorted(set(ops), key=OPS.index))


def _check_callback(callback_url: str | None) -> None:
    if callback_url and not re.match(r"^https?://[\x21-\x7e]+$", callback_url):
        raise InvalidInput("callback URL must be http(s)", code="rp_callback_invalid")


def create(
    db: Session,
    rt: Runtime,
    *,
    name: str,
    ops: list[str],
    callback_url: str | None,
    actor: Actor | None = None,
) -> tuple[RelyingParty, str]:
    now = rt.clock.now()
    # Holders approve operations under this name: it must be what it looks like.
    name = clean_text(name, max_length=60, min_length=2, field="name")
    joined = _check_ops(ops)
    _check_callback(callback_url)
    client_id = "rp_" + secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    rp = RelyingParty(
        client_id=client_id,
        secret_enc=rt.cipher.encrypt(secret, aad=_aad(client_id)),
        name=name,
        ops=joined,
        callback_url=callback_url,
        created_at=now,
    )
    db.add(rp)
    db.flush()
    record(
        db,
        at=now,
        actor=actor or Actor.system("cli"),
        action="rp.created",
        target_type="rp",
        target_id=client_id,
        details={"name": name, "ops": rp.ops, "callback": callback_url},
    )
    db.commit()
    return rp, secret


def get(db: Session, rp_id: str) -> RelyingParty:
    """A relying party by id or client id (``app_id``)."""
    rp = (
        db.get(RelyingParty, rp_id)
        or db.scalars(select(RelyingParty).where(RelyingParty.client_id == rp_id)).first()
    )
    if rp is None:
        raise NotFound("依赖方不存在", code="rp_not_found")
    return rp


def list_all(db: Session) -> list[RelyingParty]:
    return list(db.scalars(select(RelyingParty).order_by(RelyingParty.created_at)))


def update(
    db: Session,
    rt: Runtime,
    rp: RelyingParty,
    *,
    actor: Actor,
    enabled: bool | None = None,
    ops: list[str] | None = None,
    callback_url: str | None = None,
    clear_callback: bool = False,
) -> RelyingParty:
    """Enable or disable, change the permitted operations or the callback URL (audited)."""
    changes: dict[str, object] = {}
    if enabled is not None and enabled == rp.disabled:
        rp.disabled = not enabled
        changes["enabled"] = enabled
    if ops is not None:
        joined = _check_ops(ops)
        if joined != rp.ops:
            changes["ops"] = {"before": rp.ops, "after": joined}
            rp.ops = joined
    if callback_url is not None or clear_callback:
        _check_callback(callback_url)
        if callback_url != rp.callback_url:
            changes["callback"] = {"before": rp.callback_url, "after": callback_url}
            rp.callback_url = callback_url
    if changes:
        record(
            db,
            at=rt.clock.now(),
            actor=actor,
            action="rp.updated",
            target_type="rp",
            target_id=rp.client_id,
            details=changes,
        )
    db.commit()
    return rp


def rotate_secret(db: Session, rt: Runtime, rp: RelyingParty, *, actor: Actor) -> str:
    """Give ``rp`` a new secret (the old one stops working now); audited. Does not commit."""
    secret = secrets.token_urlsafe(32)
    rp.secret_enc = rt.cipher.encrypt(secret, aad=_aad(rp.client_id))
    record(
        db,
        at=rt.clock.now(),
        actor=actor,
        action="rp.secret_rotated",
        target_type="rp",
        target_id=rp.client_id,
    )
    return secret


def secret_of(rt: Runtime, rp: RelyingParty) -> str:
    return rt.cipher.decrypt(rp.secret_enc, aad=_aad(rp.client_id))


def string_to_sign(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}\n{path}\n{timestamp}\n{nonce}\n{digest}".encode()


# Built once: it runs on every request of a relying party.
_BY_CLIENT_ID = select(RelyingParty).where(RelyingParty.client_id == bindparam("client_id"))


def authenticate_headers(
    db: Session,
    rt: Runtime,
    *,
    client_id: str | None,
    timestamp: str | None,
    nonce: str | None,
    signature: str | None,
) -> RelyingParty:
    """What the headers alone can prove: a known, enabled RP, a fresh timestamp, a nonce
    of the right form. Runs before the body is read, so a stranger's large body is refused
    without being received."""
    check_header_shapes(
        rt, client_id=client_id, timestamp=timestamp, nonce=nonce, signature=signature
    )
    rp = db.scalars(_BY_CLIENT_ID, {"client_id": client_id}).first()
    if rp is None or rp.disabled:
        raise RPAuthFailed()
    return rp


def check_header_shapes(
    rt: Runtime,
    *,
    client_id: str | None,
    timestamp: str | None,
    nonce: str | None,
    signature: str | None,
) -> None:
    """The part of :func:`authenticate_headers` that needs no database: every header
    present and of its form, the timestamp fresh."""
    now = rt.clock.now()
    if not (client_id and timestamp and nonce and signature):
        raise RPAuthFailed("missing X-MCert-* authentication headers")
    # Shapes first, before any of it reaches the database or arithmetic: a 400-digit
    # timestamp used to overflow float conversion (500).
    if not _CLIENT_ID.fullmatch(client_id):
        raise RPAuthFailed()
    if not _TIMESTAMP.fullmatch(timestamp):
        raise RPAuthFailed("timestamp must be Unix seconds", code="rp_timestamp_invalid")
    if not _NONCE.fullmatch(nonce):
        raise RPAuthFailed("nonce must be 16-64 URL-safe characters", code="rp_nonce_invalid")
    if not _SIGNATURE.fullmatch(signature):
        raise RPAuthFailed("signature must be 64 hex digits", code="rp_signature_invalid")
    if abs(int(now.timestamp()) - int(timestamp)) > MAX_SKEW_SECONDS:
        raise RPAuthFailed("timestamp too far from server time", code="rp_timestamp_stale")


def check_signature(
    rt: Runtime,
    rp: RelyingParty,
    *,
    timestamp: str,
    nonce: str,
    signature: str,
    method: str,
    path: str,
    body: bytes,
) -> None:
    """The request's HMAC over method, path, timestamp, nonce and body, then its nonce.

    ``rp`` comes from :func:`authenticate_headers` (which checked the shapes); no database
    access here, only the nonce store.
    """
    expected = hmac.new(
        secret_of(rt, rp).encode(),
        string_to_sign(method, path, timestamp, nonce, body),
        hashlib.sha256,
    ).hexdigest()
    if not _SIGNATURE.fullmatch(signature) or not hmac.compare_digest(expected, signature.lower()):
        raise RPAuthFailed("signature mismatch", code="rp_signature_invalid")
    # Only a correctly signed request may use up a nonce.
    if not rt.kv.set_if_absent(f"rp:nonce:{rp.client_id}:{nonce}", NONCE_TTL_SECONDS):
        raise RPAuthFailed("nonce already used", code="rp_nonce_reused")


def authenticate(
    db: Session,
    rt: Runtime,
    *,
    client_id: str | None,
    timestamp: str | None,
    nonce: str | None,
    signature: str | None,
    method: str,
    path: str,
    body: bytes,
) -> RelyingParty:
    rp = authenticate_headers(
        db, rt, client_id=client_id, timestamp=timestamp, nonce=nonce, signature=signature
    )
    assert timestamp is not None  # all three checked by authenticate_headers
    assert nonce is not None
    assert signature is not None
    check_signature(
        rt,
        rp,
        timestamp=timestamp,
        nonce=nonce,
        signature=signature,
        method=method,
        path=path,
        body=body,
    )
    return rp


def require_op(rp: RelyingParty, op: str) -> None:
    if op not in rp.ops.split(","):
        raise OperationNotAllowed(details={"op": op, "allowed": rp.ops})
