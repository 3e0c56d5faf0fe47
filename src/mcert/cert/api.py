"""Certificates in the app (证书): list, details, download, password, renewal, change,
reissue. Private keys never pass through here: the device sends a CSR, gets certificates
and sealed blobs only it can open."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile

from mcert.cert import service
from mcert.cert.schemas import (
    CertDetail,
    CertRead,
    DownloadRequest,
    DownloadResponse,
    IssuedRead,
    PasswordChange,
    PasswordReset,
    ReissueRequest,
    RenewalRequest,
    UnlockRequest,
    UnlockResponse,
    cert_read,
)
from mcert.db.engine import read_only
from mcert.http.codecs import decode_b64u, transport_key
from mcert.http.deps import (
    CompanyDocumentsConsentUser,
    CurrentUser,
    DeviceId,
    RuntimeDep,
    SessionDep,
)
from mcert.http.device_proof import DeviceProof
from mcert.http.openapi import errors
from mcert.http.routing import TransactionScopedRoute
from mcert.order.schemas import OrderRead, order_read
from mcert.order.service import DOC_CHANGE, Upload
from mcert.text import COMPANY_NAME_MAX
from mcert.uploads import read_limited

router = APIRouter(
    prefix="/api/app/v1", tags=["app: certificates"], route_class=TransactionScopedRoute
)


@router.get("/certificates", response_model=list[CertRead])
def list_certificates(
    user: CurrentUser, device: DeviceId, db: SessionDep, rt: RuntimeDep
) -> list[CertRead]:
    """The holder's certificates (证书).

    待下载 first; certificates bound to another device offer 补办 (reissue).
    """
    return [cert_read(db, rt, c, device) for c in service.list_own(db, user)]


@router.get("/certificates/{cert_id}", response_model=CertDetail, operation_id="getCertificate")
def certificate(
    cert_id: str, user: CurrentUser, device: DeviceId, db: SessionDep, rt: RuntimeDep
) -> CertDetail:
    """One certificate in detail (证书信息).

    Subject, serial, validity, issuer, status, device, and both issued X.509 certificates.
    """
    cert = service.get_own(db, user, cert_id)
    sign, enc = service.issued(db, cert)

    def issued(row: Any) -> IssuedRead | None:
        return IssuedRead.model_validate(row, from_attributes=True) if row else None

    issuer = None
    if sign is not None:
        from cryptography import x509

        issuer = x509.load_der_x509_certificate(sign.cert_der).issuer.rfc4514_string()
    return CertDetail(
        **cert_read(db, rt, cert, device).model_dump(),
        issuer=issuer,
        signing=issued(sign),
        encryption=issued(enc),
    )


@router.get("/certificates/{cert_id}/prehash", operation_id="getPrehashParams")
def prehash_params(cert_id: str, user: CurrentUser, db: SessionDep) -> dict[str, Any]:
    """The certificate password's pre-hash parameters.

    What the device needs to turn the entered password into its pre-hash (salt, cost).
    """
    return service.prehash_params(read_only(db), user, cert_id)


@router.post(
    "/certificates/{cert_id}/download",
    response_model=DownloadResponse,
    dependencies=[DeviceProof],
    operation_id="downloadCertificate",
    responses=errors(403, 409),
)
def download(
    cert_id: str,
    body: DownloadRequest,
    user: CurrentUser,
    device: DeviceId,
    db: SessionDep,
    rt: RuntimeDep,
) -> DownloadResponse:
    """Download a paid certificate to this device (证书下载).

    The device sends its CSR and a transport key; the answer holds both certificates, the
    chain and the sealed key material. Needs the device proof; 409 when already
    downloaded or bound to another device.
    """
    result = service.download(
        db,
        rt,
        user,
        device,
        cert_id,
        csr_pem=body.csr.encode(),
        transport_key=transport_key(body.transport_key),
        password=body.password,
        prehash=decode_b64u(body.prehash) if body.prehash else None,
    )
    return DownloadResponse(
        certificate=cert_read(db, rt, result.cert, device),
        signing_cert=result.signing_cert_pem,
        encryption_cert=result.encryption_cert_pem,
        chain=result.chain_pem,
        sealed_encryption_key=result.sealed_encryption_key,
        sealed_server_share=result.sealed_server_share,
        prehash=result.prehash,
    )


@router.post(
    "/certificates/{cert_id}/unlock",
    response_model=UnlockResponse,
    dependencies=[DeviceProof],
    operation_id="unlockCertificate",
    responses=errors(403, 409),
)
def unlock(
    cert_id: str,
    body: UnlockRequest,
    user: CurrentUser,
    device: DeviceId,
    db: SessionDep,
    rt: RuntimeDep,
) -> UnlockResponse:
    """Release the server's key share for one use of the certificate.

    The password pre-hash proves the holder; a wrong one answers 403 with
    `attempts_left`, the fifth locks the certificate (`cert_locked`).
    """
    _, sealed = service.unlock(
        db,
        rt,
        user,
        device,
        cert_id,
        prehash=decode_b64u(body.prehash),
        transport_key=transport_key(body.transport_key),
        purpose=body.purpose,
    )
    return UnlockResponse(sealed_server_share=sealed)


@router.post(
    "/certificates/{cert_id}/password",
    response_model=CertRead,
    dependencies=[DeviceProof],
    operation_id="changeCertificatePassword",
    responses=errors(403, 409),
)
def change_password(
    cert_id: str,
    body: PasswordChange,
    user: CurrentUser,
    device: DeviceId,
    db: SessionDep,
    rt: RuntimeDep,
) -> CertRead:
    """Change the certificate password (修改证书密码).

    Needs the old password's pre-hash; a wrong one counts towards the lock.
    """
    cert = service.change_password(
        db,
        rt,
        user,
        device,
        cert_id,
        old_prehash=decode_b64u(body.old_prehash),
        new_password=body.new_password,
    )
    return cert_read(db, rt, cert, device)


@router.post(
    "/certificates/{cert_id}/password-reset",
    response_model=CertRead,
    dependencies=[DeviceProof],
    operation_id="resetCertificatePassword",
    responses=errors(403, 409),
)
def reset_password(
    cert_id: str,
    body: PasswordReset,
    user: CurrentUser,
    device: DeviceId,
    db: SessionDep,
    rt: RuntimeDep,
) -> CertRead:
    """Reset a forgotten certificate password (重置证书密码).

    After a fresh face check (`createFaceCheck`); the certificate (same serial) is kept.
    """
    cert = service.reset_password(
        db, rt, user, cert_id, face_check_id=body.face_check_id, new_password=body.new_password
    )
    return cert_read(db, rt, cert, device)


@router.post(
    "/certificates/{cert_id}/renewal",
    response_model=OrderRead,
    status_code=201,
    dependencies=[DeviceProof],
    operation_id="renewCertificate",
    responses=errors(403, 409),
)
def renew(
    cert_id: str,
    body: RenewalRequest,
    user: CurrentUser,
    device: DeviceId,
    db: SessionDep,
    rt: RuntimeDep,
) -> OrderRead:
    """Request a renewal (证书延期): creates a renewal order.

    From 90 days before expiry; the certificate password proves control.
    """
    order = service.request_renewal(
        db, rt, user, device, cert_id, years=body.years, prehash=decode_b64u(body.prehash)
    )
    return order_read(db, order)


@router.post(
    "/certificates/{cert_id}/reissue",
    response_model=OrderRead,
    status_code=201,
    dependencies=[DeviceProof],
    operation_id="reissueCertificate",
    responses=errors(403, 409),
)
def reissue(
    cert_id: str,
    body: ReissueRequest,
    user: CurrentUser,
    device: DeviceId,
    db: SessionDep,
    rt: RuntimeDep,
) -> OrderRead:
    """Request a reissue (证书补办) on this (new) device: creates a reissue order.

    Needs a fresh face check (`createFaceCheck`); the old certificate is revoked when the new
    one is issued.
    """
    order = service.request_reissue(db, rt, user, device, cert_id, face_check_id=body.face_check_id)
    return order_read(db, order)


@router.post(
    "/certificates/{cert_id}/change",
    response_model=OrderRead,
    status_code=201,
    operation_id="changeCertificate",
    responses=errors(403, 409),
)
def change(
    cert_id: str,
    user: CompanyDocumentsConsentUser,
    db: SessionDep,
    rt: RuntimeDep,
    new_name: Annotated[str, Form(min_length=1, max_length=COMPANY_NAME_MAX)],
    change_proof: Annotated[UploadFile, File(description="变更证明（新营业执照或核准变更通知书）")],
) -> OrderRead:
    """Request a change of the company name (证书变更): creates a change order.

    Documents → review → payment → download; only the company's certificate admin. 403
    `consent_required` without the holder's consent to `company_documents`.
    """
    data = read_limited(change_proof.file, rt.settings.upload_max_document_bytes)
    order = service.request_change(
        db,
        rt,
        user,
        cert_id,
        new_name=new_name,
        documents=[Upload(DOC_CHANGE, data, change_proof.filename)],
    )
    return order_read(db, order, with_documents=True)
