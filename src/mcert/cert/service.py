"""Holder certificates: fulfilment of paid orders, download with a protected key, unlock,
password change and reset, and the requests for renewal, change and reissue.

The server never sees a signing private key: the device sends a CSR. The encryption key
pair is made here, escrowed under the key backend's ``escrow-master`` secret, and sent to
the device sealed to a one-time transport key (see ``docs/protocol.md``). Certificate
passwords are checked against a verifier keyed by the CA key backend (v2; legacy scrypt
verifiers are upgraded on the next correct password); wrong ones are counted and lock the
certificate after ``password_max_failures`` in a row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from mcert import keyprotect
from mcert.account.models import Device, User
from mcert.account.service import user_phone
from mcert.audit.service import Actor, record
from mcert.ca.models import IssuedCertificate
from mcert.ca.service import ESCROW_LABEL, ca_service
from mcert.ca.states import IssuedCertStatus
from mcert.cert.models import EncryptionKey, HolderCertificate
from mcert.cert.states import HolderCertStatus, move_cert
from mcert.db.base import lock_row
from mcert.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from mcert.ident import parse_resident_id
from mcert.order import service as orders
from mcert.order.models import Order
from mcert.order.states import OrderKind, OrderStatus
from mcert.org import service as orgs
from mcert.org.models import Organization
from mcert.pki.crl import RevocationReason
from mcert.pki.issue import SubjectInfo, load_csr
from mcert.pki.keys import KeyBackend
from mcert.realname.service import IdentityView, require_identity, spend_face_check
from mcert.runtime import Runtime

PROFILES = {
    ("personal", "sign"): "personal-sign",
    ("personal", "enc"): "personal-enc",
    ("org", "sign"): "org-sign",
    ("org", "enc"): "org-enc",
}

# Listeners told when a certificate line is replaced (after the old one is superseded and
# the new one issued), with the order kind: seals bound to the old certificate follow it
# (``mcert.seal.service.follow_certificate``).
SupersedeListener = Callable[
    [Session, Runtime, HolderCertificate, HolderCertificate, str, datetime], None
]
supersede_listeners: list[SupersedeListener] = []

# Listeners told, inside the transaction and under the certificate's row lock, that a
# certificate can no longer be used: superseded or revoked (``cert_revoked``) or locked by
# wrong passwords (``cert_locked``). The scan domain registers here and fails every open
# session of the certificate at once, so a relying party sees the reason on its next collect.
BlockedListener = Callable[[Session, Runtime, HolderCertificate, str, datetime, Actor], None]
blocked_listeners: list[BlockedListener] = []


class CertNotFound(NotFound):
    code = "cert_not_found"
    default_message = "证书不存在"


class CertLocked(PermissionDenied):
    code = "cert_locked"
    default_message = "证书密码错误次数过多，证书已锁定，请通过实名认证重置密码"


class CertNotActive(Conflict):
    code = "cert_not_active"
    default_message = "证书当前不可用"


class BoundToAnotherDevice(Conflict):
    code = "cert_bound_to_another_device"
    default_message = "该证书已绑定在其他设备上，如更换了手机请办理证书补办"


class RenewalNotOpen(Conflict):
    code = "renewal_not_open"
    default_message = "证书到期前90天内方可办理延期"


class DownloadRetryClosed(Conflict):
    code = "download_retry_expired"
    default_message = "证书已下载，重新获取证书的时限已过；如本机未能安装证书，请办理证书补办"


class CertExpired(Conflict):
    """An expired certificate is not renewed: the holder applies for a new one."""

    code = "cert_expired"
    default_message = "证书已过期，过期证书不能办理延期，请重新申请证书"


@dataclass(frozen=True)
class DownloadResult:
    cert: HolderCertificate
    signing_cert_pem: str
    encryption_cert_pem: str
    chain_pem: str
    sealed_encryption_key: dict[str, Any]
    sealed_server_share: dict[str, Any]
    prehash: dict[str, Any]


# ----------------------------------------------------------------------------- helpers


def _pem(row: IssuedCertificate) -> str:
    return (
        x509.load_der_x509_certificate(row.cert_der)
        .public_bytes(serialization.Encoding.PEM)
        .decode()
    )


def get_own(db: Session, user: User, cert_id: str, *, lock: bool = False) -> HolderCertificate:
    # A locked read refreshes what an earlier read in this session left in the identity map
    # (e.g. the eligibility listing), or a status change in between would go unseen.
    cert = lock_row(db, HolderCertificate, cert_id) if lock else db.get(HolderCertificate, cert_id)
    if cert is None or cert.user_id != user.id:
        raise CertNotFound()
    return cert


def list_own(db: Session, user: User) -> list[HolderCertificate]:
    return list(
        db.scalars(
            select(HolderCertificate)
            .where(HolderCertificate.user_id == user.id)
            .order_by(HolderCertificate.created_at.desc())
        ).all()
    )


def effective_status(cert: HolderCertificate, now: datetime) -> HolderCertStatus:
    if cert.status == HolderCertStatus.ACTIVE and cert.not_after and cert.not_after <= now:
        return HolderCertStatus.EXPIRED
    return HolderCertStatus(cert.status)


def _pseudonym(rt: Runtime, ident: IdentityView) -> str:
    return "p-" + rt.blind_index.compute(ident.id_number, scope="cert-subject")[:32]


def _subject(
    rt: Runtime, ident: IdentityView, cert: HolderCertificate, org: Organization | None
) -> SubjectInfo:
    if cert.cert_type == "org":
        assert org is not None
        return SubjectInfo(
            common_name=ident.name,
            organization=cert.subject_org or org.name,
            organization_identifier=f"NTRCN-{org.uscc}",
            pseudonym_id=_pseudonym(rt, ident),
        )
    return SubjectInfo(common_name=ident.name, pseudonym_id=_pseudonym(rt, ident))


def _ensure_escrow(keys: KeyBackend) -> None:
    if not keys.has_secret_key(ESCROW_LABEL):
        keys.create_secret_key(ESCROW_LABEL)


def _audit(
    db: Session,
    cert: HolderCertificate,
    action: str,
    actor: Actor,
    now: datetime,
    **details: object,
) -> None:
    record(
        db,
        at=now,
        actor=actor,
        action=action,
        target_type="holder_cert",
        target_id=cert.id,
        details={"status": cert.status, **details},
    )


# ----------------------------------------------------------------------------- fulfilment


def fulfil(db: Session, rt: Runtime, order: Order, now: datetime) -> HolderCertificate | None:
    """A paid order becomes a certificate waiting for download (待下载); a paid seal order
    makes none (the seal domain sends the seal to review)."""
    if order.kind == OrderKind.SEAL:
        return None
    cert = HolderCertificate(
        user_id=order.user_id,
        org_id=order.org_id,
        cert_type=order.cert_type,
        order_id=order.id,
        status=HolderCertStatus.PENDING_DOWNLOAD.value,
        years=order.years,
        created_at=now,
    )
    ident = require_identity(db, rt, db.get(User, order.user_id))  # type: ignore[arg-type]
    cert.subject_cn = ident.name
    if order.kind in (OrderKind.NEW, OrderKind.CLAIM):
        if order.cert_type == "org":
            org = db.get(Organization, order.org_id) if order.org_id else None
            assert org is not None, "a company order (approved or claimed) has an organisation"
            cert.subject_org = org.name
    else:
        old = db.get(HolderCertificate, order.target_cert_id)
        assert old is not None
        cert.predecessor_id = old.id
        cert.enc_key_id = old.enc_key_id
        cert.subject_org = old.subject_org
        assert old.not_after is not None
        if order.kind == OrderKind.RENEWAL:
            cert.not_after = _add_years(old.not_after, order.years)
        else:
            cert.not_after = old.not_after
        if order.kind == OrderKind.CHANGE:
            cert.subject_org = order.company_name
    db.add(cert)
    db.flush()
    _audit(
        db,
        cert,
        "holder_cert.created",
        Actor.system("orders"),
        now,
        order=order.order_no,
        kind=order.kind,
    )
    return cert


orders.paid_listeners.append(fulfil)


def _blocked(
    db: Session, rt: Runtime, cert: HolderCertificate, reason: str, now: datetime, actor: Actor
) -> None:
    for listener in blocked_listeners:
        listener(db, rt, cert, reason, now, actor)


def _add_years(when: datetime, years: int) -> datetime:
    try:
        return when.replace(year=when.year + years)
    except ValueError:  # 29 February
        return when.replace(year=when.year + years, day=28)


# ----------------------------------------------------------------------------- download


def _device(db: Session, device_id: str) -> Device:
    device = db.get(Device, device_id)
    assert device is not None
    return device


def _sign_key_fp(csr_pem: bytes) -> tuple[bytes, str]:
    csr = load_csr(csr_pem)
    spki = csr.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return csr_pem, hashlib.sha256(spki).hexdigest()


def _escrow_new_key(
    db: Session, rt: Runtime, cert: HolderCertificate, now: datetime
) -> EncryptionKey:
    keys = ca_service(rt).keys
    _ensure_escrow(keys)
    private = ec.generate_private_key(ec.SECP256R1())
    row = EncryptionKey(
        user_id=cert.user_id,
        org_id=cert.org_id,
        public_key_der=private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
        escrow_blob=b"",
        created_at=now,
    )
    db.add(row)
    db.flush()
    pkcs8 = private.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    row.escrow_blob = keys.encrypt_blob(ESCROW_LABEL, pkcs8, f"escrow:{row.id}".encode())
    record(
        db,
        at=now,
        actor=Actor.system("kms"),
        action="encryption_key.escrowed",
        target_type="encryption_key",
        target_id=row.id,
        details={"holder_cert": cert.id},
    )
    return row


def _escrowed_private(rt: Runtime, key: EncryptionKey) -> bytes:
    return ca_service(rt).keys.decrypt_blob(
        ESCROW_LABEL, key.escrow_blob, f"escrow:{key.id}".encode()
    )


def _share(rt: Runtime, cert: HolderCertificate) -> bytes:
    assert cert.server_share_enc is not None
    return rt.cipher.decrypt_bytes(cert.server_share_enc, aad=f"server_share:{cert.id}")


def _set_share(rt: Runtime, cert: HolderCertificate, share: bytes) -> None:
    cert.server_share_enc = rt.cipher.encrypt(share, aad=f"server_share:{cert.id}")


def download(
    db: Session,
    rt: Runtime,
    user: User,
    device_row_id: str,
    cert_id: str,
    *,
    csr_pem: bytes,
    transport_key: Any,
    password: str | None,
    prehash: bytes | None,
) -> DownloadResult:
    """Issue the signing and encryption certificates to this device (下载证书).

    New certificates and reissues set a password; renewals and changes prove the current
    one with its pre-hash. A retry with the same CSR after a network error gets the same
    certificates again, but it releases the keys like an unlock does: only with the
    password's pre-hash (counted, refused while locked), only within
    ``download_retry_minutes`` of the download, and never after the password was changed
    or reset.
    """
    now = rt.clock.now()
    cert = get_own(db, user, cert_id, lock=True)
    device = _device(db, device_row_id)
    csr_pem, fp = _sign_key_fp(csr_pem)
    retry = (
        cert.status == HolderCertStatus.ACTIVE
        and cert.device_id == device.id
        and cert.sign_key_fp == fp
    )
    if retry:
        _check_retry(db, rt, user, cert, prehash, now)
    else:
        if cert.status != HolderCertStatus.PENDING_DOWNLOAD:
            raise Conflict("该证书已下载", code="cert_already_downloaded")
        ident = require_identity(db, rt, user)
        # Locked: the predecessor's status changes here (superseded), and a scan session
        # completing with it re-checks that status under the same row lock.
        predecessor = (
            lock_row(db, HolderCertificate, cert.predecessor_id) if cert.predecessor_id else None
        )
        order = db.get(Order, cert.order_id)
        assert order is not None
        if order.kind in (OrderKind.RENEWAL, OrderKind.CHANGE):
            assert predecessor is not None
            if prehash is None:
                raise InvalidInput("请输入证书密码", code="password_required")
            verify_password(db, rt, user, predecessor, prehash, now)
        _set_password_for_download(
            rt, user, ident, cert, predecessor, order.kind, password, prehash
        )
        _issue_pair(db, rt, user, ident, cert, device, csr_pem, fp, now)
        if predecessor is not None:
            _supersede(db, rt, predecessor, cert, now)
        db.commit()
        if rt.settings.download_retry_minutes > 0:
            rt.kv.set_if_absent(_retry_key(cert), rt.settings.download_retry_minutes * 60)
    sign = db.get(IssuedCertificate, cert.sign_cert_id)
    enc = db.get(IssuedCertificate, cert.enc_cert_id)
    key = db.get(EncryptionKey, cert.enc_key_id)
    assert sign is not None
    assert enc is not None
    assert key is not None
    assert cert.verifier
    seal = keyprotect.seal_to_transport_key
    return DownloadResult(
        cert=cert,
        signing_cert_pem=_pem(sign),
        encryption_cert_pem=_pem(enc),
        chain_pem=ca_service(rt).chain_pem(db).decode(),
        sealed_encryption_key=seal(
            transport_key,
            _escrowed_private(rt, key),
            keyprotect.context_aad(cert.id, device.device_key, "enc-key"),
        ).to_json(),
        sealed_server_share=seal(
            transport_key,
            _share(rt, cert),
            keyprotect.context_aad(cert.id, device.device_key, "server-share"),
        ).to_json(),
        prehash=keyprotect.prehash_params(cert.verifier).to_json(),
    )


def _retry_key(cert: HolderCertificate) -> str:
    """The retry marker names the verifier's pre-hash salt: a password change or reset (a
    new verifier with a fresh pre-hash salt) ends the retry without anyone having to
    remember to delete it, while a v1 → v2 upgrade (same pre-hash) does not."""
    assert cert.verifier is not None
    salt = keyprotect.prehash_params(cert.verifier).salt
    digest = hashlib.sha256(salt).hexdigest()[:32]
    return f"cert:download-retry:{cert.id}:{digest}"


def _check_retry(
    db: Session,
    rt: Runtime,
    user: User,
    cert: HolderCertificate,
    prehash: bytes | None,
    now: datetime,
) -> None:
    """A second download of the same certificates releases the server share and the
    escrowed encryption key again: it must prove the password like an unlock."""
    if cert.locked_at is not None:
        raise CertLocked()
    window = timedelta(minutes=rt.settings.download_retry_minutes)
    if (
        cert.downloaded_at is None
        or now >= cert.downloaded_at + window
        or rt.kv.ttl(_retry_key(cert)) is None
    ):
        raise DownloadRetryClosed(
            details={"minutes": rt.settings.download_retry_minutes},
        )
    if prehash is None:
        raise InvalidInput("请输入证书密码", code="password_required")
    verify_password(db, rt, user, cert, prehash, now)
    _audit(db, cert, "holder_cert.download_retried", Actor("user", user.id), now)
    db.commit()


def new_verifier(rt: Runtime, user: User, ident: IdentityView, password: str) -> str:
    """Check the password rules (incl. not the phone number or birth date) and hash it."""
    return keyprotect.hash_password_verifier(
        password,
        phone=user_phone(rt, user),
        birth_date=parse_resident_id(ident.id_number).birth_date,
        prehash_iterations=rt.settings.password_prehash_iterations,
        key=ca_service(rt).verifier_key(),
        context=user.id,
    )


def _check_verifier(rt: Runtime, user: User, verifier: str, prehash: bytes) -> None:
    """Raise :class:`~mcert.keyprotect.WrongPassword` unless ``prehash`` matches.

    A v2 verifier is an HMAC under the CA key backend's verifier key, bound to the user id
    (a renewal carries the verifier to a new certificate record of the same user); a legacy
    v1 verifier is checked with scrypt and upgraded by :func:`verify_password`.
    """
    keyprotect.verify_password_verifier(
        verifier, prehash, key=ca_service(rt).verifier_key(), context=user.id
    )


def _set_password_for_download(
    rt: Runtime,
    user: User,
    ident: IdentityView,
    cert: HolderCertificate,
    predecessor: HolderCertificate | None,
    kind: str,
    password: str | None,
    prehash: bytes | None,
) -> None:
    if kind in (OrderKind.RENEWAL, OrderKind.CHANGE):
        # The holder proves the current password, which carries over to the new line.
        # (verified and counted by the caller against the predecessor).
        assert predecessor is not None
        assert predecessor.verifier
        cert.verifier = predecessor.verifier
    else:
        # New certificates set a password; a reissue after a face check sets a new one.
        if not password:
            raise InvalidInput("请设置证书密码", code="password_required")
        cert.verifier = new_verifier(rt, user, ident, password)
    # A fresh share per certificate record: the old phone's copy can never unwrap it.
    _set_share(rt, cert, keyprotect.new_server_share())
    cert.failed_attempts = 0
    cert.locked_at = None


def _issue_pair(
    db: Session,
    rt: Runtime,
    user: User,
    ident: IdentityView,
    cert: HolderCertificate,
    device: Device,
    csr_pem: bytes,
    fp: str,
    now: datetime,
) -> None:
    org = db.get(Organization, cert.org_id) if cert.org_id else None
    subject = _subject(rt, ident, cert, org)
    not_after = cert.not_after or _add_years(now, cert.years)
    actor = Actor("user", user.id)
    sign = ca_service(rt).issue(
        db,
        now=now,
        profile=PROFILES[(cert.cert_type, "sign")],
        subject=subject,
        csr=csr_pem,
        not_after=not_after,
        holder_ref=cert.id,
        request_id=f"{cert.id}:sign:{fp[:16]}",
        actor=actor,
    )
    key = db.get(EncryptionKey, cert.enc_key_id) if cert.enc_key_id else None
    if key is None:
        key = _escrow_new_key(db, rt, cert, now)
        cert.enc_key_id = key.id
    enc = ca_service(rt).issue(
        db,
        now=now,
        profile=PROFILES[(cert.cert_type, "enc")],
        subject=subject,
        public_key=serialization.load_der_public_key(key.public_key_der),  # type: ignore[arg-type]
        not_after=not_after,
        holder_ref=cert.id,
        request_id=f"{cert.id}:enc",
        actor=actor,
    )
    move_cert(cert, HolderCertStatus.ACTIVE)
    cert.sign_cert_id = sign.id
    cert.enc_cert_id = enc.id
    cert.sign_key_fp = fp
    cert.device_id = device.id
    cert.not_after = sign.not_after
    cert.downloaded_at = now
    _audit(
        db,
        cert,
        "holder_cert.downloaded",
        actor,
        now,
        device=device.device_key,
        sign_serial=sign.serial,
        enc_serial=enc.serial,
    )


def _supersede(
    db: Session, rt: Runtime, old: HolderCertificate, new: HolderCertificate, now: datetime
) -> None:
    """The new line replaces the old: its certificates are revoked (superseded)."""
    if old.status == HolderCertStatus.ACTIVE:
        move_cert(old, HolderCertStatus.SUPERSEDED)
    old.ended_at = now
    for issued_id in (old.sign_cert_id, old.enc_cert_id):
        issued = db.get(IssuedCertificate, issued_id) if issued_id else None
        if issued is not None and issued.status != IssuedCertStatus.REVOKED:
            ca_service(rt).revoke(
                db,
                issued.serial,
                reason=RevocationReason.SUPERSEDED,
                now=now,
                actor=Actor.system("lifecycle"),
            )
    order = db.get(Order, new.order_id)
    kind = order.kind if order else "unknown"
    _audit(db, old, "holder_cert.superseded", Actor.system("lifecycle"), now, by=new.id, kind=kind)
    _blocked(db, rt, old, "cert_revoked", now, Actor.system("lifecycle"))
    for listener in supersede_listeners:
        listener(db, rt, old, new, kind, now)


def revoke(
    db: Session,
    rt: Runtime,
    serial: str,
    *,
    reason: RevocationReason,
    now: datetime,
    actor: Actor,
) -> IssuedCertificate:
    """Revoke a certificate by serial (the operator's ``mcert ca revoke``).

    A holder's certificate is revoked as the pair the holder knows as one 证书: both the
    signing and the encryption certificate, the holder certificate marked revoked and every
    open use of it failed (``cert_revoked``), all under the holder certificate's row lock.
    Any other certificate (service certificates) is only revoked in the CA.
    """
    ca = ca_service(rt)
    row = ca.get(db, serial)
    cert = lock_row(db, HolderCertificate, row.holder_ref) if row.holder_ref else None
    revoked = ca.revoke(db, serial, reason=reason, now=now, actor=actor)
    if (
        cert is None
        or cert.status != HolderCertStatus.ACTIVE
        or row.id not in (cert.sign_cert_id, cert.enc_cert_id)
    ):
        return revoked
    for other_id in (cert.sign_cert_id, cert.enc_cert_id):
        other = db.get(IssuedCertificate, other_id) if other_id else None
        if other is not None and other.id != row.id and other.status != IssuedCertStatus.REVOKED:
            ca.revoke(db, other.serial, reason=reason, now=now, actor=actor)
    move_cert(cert, HolderCertStatus.REVOKED)
    cert.ended_at = now
    _audit(db, cert, "holder_cert.revoked", actor, now, serial=row.serial, reason=reason.value)
    _blocked(db, rt, cert, "cert_revoked", now, actor)
    return revoked


# ----------------------------------------------------------------------------- passwords


def _check_device(cert: HolderCertificate, device_row_id: str) -> None:
    if cert.device_id != device_row_id:
        raise BoundToAnotherDevice()


def verify_password(
    db: Session,
    rt: Runtime,
    user: User,
    cert: HolderCertificate,
    prehash: bytes,
    now: datetime,
) -> None:
    """Check the certificate password; count a failure and lock after too many.

    Commits the counter before raising, so a wrong password is never forgotten. A v2
    verifier costs one HMAC, so the check runs under the caller's row lock. (A legacy v1
    verifier costs one scrypt under the lock, until its first correct password upgrades it;
    the check used to run before the lock, which cost every unlock a transaction of its own.)
    """
    if cert.locked_at is not None:
        raise CertLocked()
    assert cert.verifier is not None
    try:
        _check_verifier(rt, user, cert.verifier, prehash)
    except keyprotect.WrongPassword as exc:
        cert.failed_attempts += 1
        left = rt.settings.password_max_failures - cert.failed_attempts
        if left <= 0:
            cert.locked_at = now
            rt.metrics.certificate_locks.inc()
            _blocked(db, rt, cert, "cert_locked", now, Actor("user", user.id))
        _audit(
            db,
            cert,
            "holder_cert.password_wrong",
            Actor("user", user.id),
            now,
            attempts_left=max(left, 0),
            locked=left <= 0,
        )
        db.commit()
        if left <= 0:
            raise CertLocked() from exc
        raise keyprotect.WrongPassword(
            f"证书密码错误，还可尝试{left}次", details={"attempts_left": left}
        ) from exc
    if cert.failed_attempts:
        cert.failed_attempts = 0
    if keyprotect.verifier_version(cert.verifier) == 1:
        # The legacy scrypt verifier, proven right just now: store the same pre-hash as a
        # v2 verifier (same pre-hash salt and iterations, so the device notices nothing).
        cert.verifier = keyprotect.upgrade_password_verifier(
            cert.verifier, prehash, ca_service(rt).verifier_key(), user.id
        )
        rt.metrics.password_verifiers_upgraded.inc()
        _audit(db, cert, "holder_cert.verifier_upgraded", Actor("user", user.id), now, version=2)


def unlock(
    db: Session,
    rt: Runtime,
    user: User,
    device_row_id: str,
    cert_id: str,
    *,
    prehash: bytes,
    transport_key: Any,
    purpose: str,
) -> tuple[HolderCertificate, dict[str, Any]]:
    """Release the server share, sealed to the device's one-time key, for one operation."""
    now = rt.clock.now()
    cert = get_own(db, user, cert_id, lock=True)
    if effective_status(cert, now) != HolderCertStatus.ACTIVE:
        raise CertNotActive(details={"status": effective_status(cert, now)})
    _check_device(cert, device_row_id)
    verify_password(db, rt, user, cert, prehash, now)
    device = _device(db, device_row_id)
    sealed = keyprotect.seal_to_transport_key(
        transport_key,
        _share(rt, cert),
        keyprotect.context_aad(cert.id, device.device_key, "server-share"),
    ).to_json()
    _audit(db, cert, "holder_cert.unlocked", Actor("user", user.id), now, purpose=purpose)
    db.commit()
    return cert, sealed


def change_password(
    db: Session,
    rt: Runtime,
    user: User,
    device_row_id: str,
    cert_id: str,
    *,
    old_prehash: bytes,
    new_password: str,
) -> HolderCertificate:
    now = rt.clock.now()
    cert = get_own(db, user, cert_id, lock=True)
    if cert.status != HolderCertStatus.ACTIVE:
        raise CertNotActive()
    _check_device(cert, device_row_id)
    verify_password(db, rt, user, cert, old_prehash, now)
    cert.verifier = new_verifier(rt, user, require_identity(db, rt, user), new_password)
    _audit(db, cert, "holder_cert.password_changed", Actor("user", user.id), now)
    db.commit()
    return cert


def reset_password(
    db: Session,
    rt: Runtime,
    user: User,
    cert_id: str,
    *,
    face_check_id: str,
    new_password: str,
) -> HolderCertificate:
    """Forgotten password: after a fresh face check, a new password; the key and serial stay."""
    now = rt.clock.now()
    cert = get_own(db, user, cert_id, lock=True)
    if cert.status != HolderCertStatus.ACTIVE:
        raise CertNotActive()
    verifier = new_verifier(rt, user, require_identity(db, rt, user), new_password)
    spend_face_check(db, rt, user, face_check_id, "password_reset")
    cert.verifier = verifier
    was_locked = cert.locked_at is not None
    cert.failed_attempts = 0
    cert.locked_at = None
    _audit(db, cert, "holder_cert.password_reset", Actor("user", user.id), now, unlocked=was_locked)
    db.commit()
    return cert


def prehash_params(db: Session, user: User, cert_id: str) -> dict[str, Any]:
    cert = get_own(db, user, cert_id)
    if cert.verifier is None:
        raise CertNotActive()
    return keyprotect.prehash_params(cert.verifier).to_json()


# ----------------------------------------------------------------------------- requests


def renewal_window(rt: Runtime, cert: HolderCertificate) -> tuple[datetime, datetime]:
    assert cert.not_after is not None
    return cert.not_after - timedelta(days=rt.settings.renewal_window_days), cert.not_after


def check_renewable(db: Session, rt: Runtime, cert: HolderCertificate, now: datetime) -> None:
    if cert.status != HolderCertStatus.ACTIVE:
        # Revoked certificates can never be renewed; superseded ones were renewed already.
        raise CertNotActive("该证书不能延期", details={"status": cert.status})
    opens, closes = renewal_window(rt, cert)
    if now >= closes:
        # No grace period: a renewal extends a live certificate; once it has expired the
        # holder applies for a new one (docs/lifecycle.md, 6).
        raise CertExpired(details={"expired_at": closes.astimezone(UTC).isoformat()})
    if not opens <= now:
        raise RenewalNotOpen(
            f"证书到期前{rt.settings.renewal_window_days}天内方可办理延期",
            details={"opens_at": opens.astimezone(UTC).isoformat()},
        )
    pending = db.scalars(
        select(Order.id).where(
            Order.target_cert_id == cert.id,
            Order.status.in_([OrderStatus.PENDING_REVIEW, OrderStatus.PENDING_PAYMENT]),
        )
    ).first()
    if pending:
        raise Conflict(
            "该证书已有处理中的订单", code="order_in_progress", details={"order_id": pending}
        )
    successor = db.scalars(
        select(HolderCertificate.id).where(
            HolderCertificate.predecessor_id == cert.id,
            HolderCertificate.status == HolderCertStatus.PENDING_DOWNLOAD,
        )
    ).first()
    if successor:
        raise Conflict(
            "已有待下载的新证书", code="successor_pending", details={"cert_id": successor}
        )


def request_renewal(
    db: Session,
    rt: Runtime,
    user: User,
    device_row_id: str,
    cert_id: str,
    *,
    years: int,
    prehash: bytes,
) -> Order:

    now = rt.clock.now()
    cert = get_own(db, user, cert_id, lock=True)
    check_renewable(db, rt, cert, now)
    _check_device(cert, device_row_id)
    verify_password(db, rt, user, cert, prehash, now)
    return orders.create_paid_kind(
        db,
        rt,
        user,
        kind=OrderKind.RENEWAL,
        cert_type=cert.cert_type,
        years=years,
        target_cert_id=cert.id,
        org_id=cert.org_id,
    )


def request_reissue(
    db: Session,
    rt: Runtime,
    user: User,
    device_row_id: str,
    cert_id: str,
    *,
    face_check_id: str,
) -> Order:
    """证书补办: the phone is gone; after a fresh face check, a new one for this device."""

    now = rt.clock.now()
    cert = get_own(db, user, cert_id, lock=True)
    if effective_status(cert, now) != HolderCertStatus.ACTIVE:
        raise CertNotActive("该证书不能补办", details={"status": effective_status(cert, now)})
    if cert.device_id == device_row_id:
        raise Conflict("证书已在本机，无需补办", code="cert_on_this_device")
    spend_face_check(db, rt, user, face_check_id, "reissue")
    return orders.create_paid_kind(
        db,
        rt,
        user,
        kind=OrderKind.REISSUE,
        cert_type=cert.cert_type,
        years=0,
        target_cert_id=cert.id,
        org_id=cert.org_id,
    )


def request_change(
    db: Session,
    rt: Runtime,
    user: User,
    cert_id: str,
    *,
    new_name: str,
    documents: list[Any],
) -> Order:
    """证书变更 of a company's name: documents go to review like an application."""

    documents = orders.clean_documents(rt, documents)  # before the lock: decoding is slow
    cert = get_own(db, user, cert_id, lock=True)
    if cert.cert_type != "org" or cert.org_id is None:
        raise InvalidInput("只有单位证书可以办理变更", code="change_needs_org_cert")
    if cert.status != HolderCertStatus.ACTIVE:
        raise CertNotActive()
    if orgs.role_of(db, cert.org_id, user.id) != orgs.ADMIN:
        raise PermissionDenied("只有单位证书管理员可以办理变更", code="org_admin_required")
    org = db.get(Organization, cert.org_id)
    assert org is not None
    return orders.create_change(
        db, rt, user, org=org, target_cert_id=cert.id, new_name=new_name, documents=documents
    )


def issued(
    db: Session, cert: HolderCertificate
) -> tuple[IssuedCertificate | None, IssuedCertificate | None]:
    """The certificate's issued signing and encryption rows (None where it has none)."""
    return issued_pairs(db, [cert])[cert.id]


# Built once: the scan answer and prepare run it on every request.
_ISSUED_IN = select(IssuedCertificate).where(
    IssuedCertificate.id.in_(bindparam("ids", expanding=True))
)


def issued_pairs(
    db: Session, certs: Sequence[HolderCertificate]
) -> dict[str, tuple[IssuedCertificate | None, IssuedCertificate | None]]:
    """The issued signing and encryption rows of each of ``certs``, by certificate id, read
    in one statement (a scan lists every certificate on the phone with both of its rows)."""
    ids = sorted({i for c in certs for i in (c.sign_cert_id, c.enc_cert_id) if i})
    rows = {r.id: r for r in db.scalars(_ISSUED_IN, {"ids": ids})} if ids else {}

    def row(issued_id: str | None) -> IssuedCertificate | None:
        return rows.get(issued_id) if issued_id else None

    return {c.id: (row(c.sign_cert_id), row(c.enc_cert_id)) for c in certs}
