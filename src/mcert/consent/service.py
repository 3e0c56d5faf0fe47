"""Recording, checking and withdrawing agreements and separate consents.

Login refuses a holder who has not agreed to the current 用户协议 and 隐私政策
(:func:`check_agreements`, before anything is created); the endpoints that collect face
images, ID and bank-card data or company documents call :func:`ensure` before they read
the upload or call a provider. Every grant and withdrawal is an audit entry. This module
never imports the account domain (account imports it): holders are user ids here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.audit.service import Actor, record
from mcert.consent import documents
from mcert.consent.documents import AGREEMENTS, CONSENTS, Document, Notice
from mcert.consent.models import ConsentRecord
from mcert.db.base import new_id
from mcert.errors import Conflict, PermissionDenied
from mcert.pii import mask_ip
from mcert.runtime import Runtime


class AgreementRequired(PermissionDenied):
    code = "agreement_required"
    default_message = "请阅读并同意《用户协议》和《隐私政策》后登录"


class ConsentRequired(PermissionDenied):
    code = "consent_required"
    default_message = "请先同意相关个人信息处理规则"


class ConsentVersionOutdated(Conflict):
    code = "consent_version_outdated"
    default_message = "说明已更新，请重新阅读后同意"


class NotASeparateConsent(Conflict):
    code = "consent_not_separate"
    default_message = "《用户协议》和《隐私政策》在登录时同意"


class ConsentNotWithdrawable(Conflict):
    code = "consent_not_withdrawable"
    default_message = "《用户协议》和《隐私政策》不能单独撤回，如需停止使用请注销账号"


def _aad(row_id: str) -> bytes:
    return f"consents.client_ip:{row_id}".encode()


def check_agreements(rt: Runtime, agreed: Mapping[str, str | None]) -> dict[Document, str]:
    """The current versions of both agreements, if ``agreed`` names exactly those.

    Raises :class:`AgreementRequired` naming what is missing or out of date (``details``:
    ``documents`` and the ``current`` versions, so a client can fetch and show them).
    """
    current = {d: documents.load(rt.settings, d) for d in AGREEMENTS}
    missing = [d for d, n in current.items() if agreed.get(d.value) is None]
    stale = [d for d, n in current.items() if d not in missing and agreed.get(d.value) != n.version]
    if missing or stale:
        titles = "和".join(f"《{current[d].title}》" for d in missing + stale)
        message = (
            f"请阅读并同意{titles}后登录" if missing else f"{titles}已更新，请重新阅读并同意后登录"
        )
        raise AgreementRequired(
            message,
            details={
                "documents": [d.value for d in missing + stale],
                "current": {d.value: n.version for d, n in current.items()},
            },
        )
    return {d: n.version for d, n in current.items()}


def _standing(db: Session, user_id: str, document: Document, version: str) -> ConsentRecord | None:
    """The holder's consent to this version that was not withdrawn, if any. Found by version,
    not by "the newest row": two grants may carry the same time."""
    return db.scalars(
        select(ConsentRecord)
        .where(ConsentRecord.user_id == user_id, ConsentRecord.document == document.value)
        .where(ConsentRecord.version == version, ConsentRecord.withdrawn_at.is_(None))
        .order_by(ConsentRecord.granted_at.desc(), ConsentRecord.id)
        .limit(1)
    ).first()


def _add(
    db: Session,
    rt: Runtime,
    user_id: str,
    notice: Notice,
    device_id: str | None,
    client_ip: str | None,
    now: datetime,
) -> ConsentRecord:
    row_id = new_id()
    row = ConsentRecord(
        id=row_id,
        user_id=user_id,
        document=notice.document.value,
        version=notice.version,
        granted_at=now,
        device_id=device_id,
        client_ip_enc=rt.cipher.encrypt(client_ip, aad=_aad(row_id)) if client_ip else None,
    )
    db.add(row)
    db.flush()
    record(
        db,
        at=now,
        actor=Actor("user", user_id),
        action="consent.granted",
        target_type="consent",
        target_id=row.id,
        details={
            "document": notice.document.value,
            "version": notice.version,
            "device_id": device_id,
            "client_ip": mask_ip(client_ip) if client_ip else None,
        },
    )
    return row


def record_agreements(
    db: Session,
    rt: Runtime,
    user_id: str,
    versions: Mapping[Document, str],
    *,
    device_id: str | None,
    client_ip: str | None,
) -> None:
    """Record the login's agreement to each document version not agreed to before (inside
    the login's transaction)."""
    now = rt.clock.now()
    for document, version in versions.items():
        if _standing(db, user_id, document, version) is None:
            notice = documents.load(rt.settings, document)
            _add(db, rt, user_id, notice, device_id, client_ip, now)


def current(db: Session, rt: Runtime, user_id: str, document: Document) -> ConsentRecord | None:
    """The holder's standing consent to the current version of ``document``, if any."""
    return _standing(db, user_id, document, documents.load(rt.settings, document).version)


def ensure(db: Session, rt: Runtime, user_id: str, document: Document) -> None:
    """Refuse (403 ``consent_required``) unless the holder consents to the current notice."""
    if current(db, rt, user_id, document) is None:
        notice = documents.load(rt.settings, document)
        raise ConsentRequired(
            f"请先阅读并同意《{notice.title}》",
            details={"consent": document.value, "version": notice.version},
        )


def grant(
    db: Session,
    rt: Runtime,
    user_id: str,
    document: Document,
    version: str,
    *,
    device_id: str | None,
    client_ip: str | None,
) -> ConsentRecord:
    """Consent to ``version`` of a separate consent notice (it must be the current one)."""
    if document not in CONSENTS:
        raise NotASeparateConsent()
    notice = documents.load(rt.settings, document)
    if version != notice.version:
        raise ConsentVersionOutdated(
            f"《{notice.title}》已更新，请重新阅读后同意",
            details={"consent": document.value, "version": notice.version},
        )
    row = current(db, rt, user_id, document)
    if row is None:
        row = _add(db, rt, user_id, notice, device_id, client_ip, rt.clock.now())
    db.commit()
    return row


def withdraw(
    db: Session,
    rt: Runtime,
    user_id: str,
    document: Document,
    *,
    device_id: str | None,
    client_ip: str | None,
) -> None:
    """Withdraw a separate consent: collection needing it is refused until granted again.

    What was processed before stays lawful (PIPL art. 15); what is kept and for how long is
    the retention policy's business (docs/privacy.md)."""
    if document not in CONSENTS:
        raise ConsentNotWithdrawable()
    now = rt.clock.now()
    rows = db.scalars(
        select(ConsentRecord)
        .where(ConsentRecord.user_id == user_id, ConsentRecord.document == document.value)
        .where(ConsentRecord.withdrawn_at.is_(None))
        .with_for_update()
    ).all()
    if not rows:
        return
    for row in rows:
        row.withdrawn_at = now
        record(
            db,
            at=now,
            actor=Actor("user", user_id),
            action="consent.withdrawn",
            target_type="consent",
            target_id=row.id,
            details={
                "document": document.value,
                "version": row.version,
                "device_id": device_id,
                "client_ip": mask_ip(client_ip) if client_ip else None,
            },
        )
    db.commit()


def history(db: Session, user_id: str) -> list[ConsentRecord]:
    return list(
        db.scalars(
            select(ConsentRecord)
            .where(ConsentRecord.user_id == user_id)
            .order_by(ConsentRecord.granted_at.desc(), ConsentRecord.id.desc())
        ).all()
    )


def client_ip_of(rt: Runtime, row: ConsentRecord) -> str | None:
    if row.client_ip_enc is None:
        return None
    return rt.cipher.decrypt(row.client_ip_enc, aad=_aad(row.id))
