"""Verifying what a scan session returns. Every check raises; nothing returns False.

A login result is trusted only if: the certificate chains to a configured root, the OCSP
response (signed by the issuing CA's delegated responder, fresh) says *good*, the signed
payload names this RP, this session and the challenge the RP chose, and the signature
over it verifies with the certificate's key. A signing result adds: each signature
verifies over its digest, and each RFC 3161 timestamp covers its signature.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from mcert_rp._client import SessionHandle, SessionStatus
from mcert_rp._exceptions import (
    CertificateRevoked,
    ChainInvalid,
    PayloadMismatch,
    SignatureInvalid,
    StatusUnavailable,
    TimestampInvalid,
)

CLOCK_SKEW = timedelta(minutes=5)


def _b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else None


@dataclass(frozen=True)
class Holder:
    name: str | None
    organization: str | None
    organization_identifier: str | None
    pseudonym: str | None
    serial: str
    certificate: x509.Certificate


@dataclass(frozen=True)
class LoginResult:
    holder: Holder
    signed_at: str
    payload: dict[str, object]


@dataclass(frozen=True)
class SignedDigest:
    label: str
    digest: bytes
    signature: bytes
    timestamp: bytes
    time: datetime


@dataclass(frozen=True)
class SignResult:
    holder: Holder
    signatures: list[SignedDigest]


def _verify_sig(issuer: x509.Certificate, cert: x509.Certificate) -> None:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise ChainInvalid(f"{cert.subject.rfc4514_string()} is not signed by its issuer") from exc


class Verifier:
    """Configured once with the roots the RP trusts (mCert's root CA certificate)."""

    def __init__(
        self,
        trusted_roots: list[x509.Certificate | bytes],
        *,
        client_id: str,
        rp_name: str | None = None,
    ) -> None:
        self.roots = [
            r if isinstance(r, x509.Certificate) else x509.load_pem_x509_certificate(r)
            for r in trusted_roots
        ]
        self.client_id = client_id
        self.rp_name = rp_name

    # -- chain and status

    def _chain(
        self, leaf_pem: str, chain_pem: str, now: datetime
    ) -> tuple[x509.Certificate, x509.Certificate]:
        leaf = x509.load_pem_x509_certificate(leaf_pem.encode())
        extra = x509.load_pem_x509_certificates(chain_pem.encode())
        by_subject = {c.subject: c for c in extra}
        issuer = by_subject.get(leaf.issuer)
        if issuer is None:
            raise ChainInvalid("issuing CA certificate missing from the result")
        root = next((r for r in self.roots if r.subject == issuer.issuer), None)
        if root is None:
            raise ChainInvalid("the issuing CA does not chain to a trusted root")
        _verify_sig(root, issuer)
        _verify_sig(issuer, leaf)
        for cert in (root, issuer):
            bc = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
            if not bc.ca:
                raise ChainInvalid(f"{cert.subject.rfc4514_string()} is not a CA")
        for cert in (leaf, issuer, root):
            if not cert.not_valid_before_utc - CLOCK_SKEW <= now <= cert.not_valid_after_utc:
                raise ChainInvalid(f"{cert.subject.rfc4514_string()} is outside its validity")
        return leaf, issuer

    def _status(
        self, leaf: x509.Certificate, issuer: x509.Certificate, ocsp_b64: str, now: datetime
    ) -> None:
        try:
            resp = ocsp.load_der_ocsp_response(_b64d(ocsp_b64))
        except ValueError as exc:
            raise StatusUnavailable("the OCSP response does not parse") from exc
        if resp.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
            raise StatusUnavailable(f"OCSP status {resp.response_status.name}")
        if resp.serial_number != leaf.serial_number:
            raise StatusUnavailable("the OCSP response is for another certificate")
        signer = issuer
        if resp.certificates:
            signer = resp.certificates[0]
            _verify_sig(issuer, signer)
            eku = signer.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
            if ExtendedKeyUsageOID.OCSP_SIGNING not in eku:
                raise StatusUnavailable("the OCSP signer is not authorised")
        key = signer.public_key()
        assert isinstance(key, ec.EllipticCurvePublicKey)
        assert resp.signature_hash_algorithm is not None
        try:
            key.verify(
                resp.signature, resp.tbs_response_bytes, ec.ECDSA(resp.signature_hash_algorithm)
            )
        except InvalidSignature as exc:
            raise StatusUnavailable("the OCSP response signature is invalid") from exc
        next_update = resp.next_update_utc
        if resp.this_update_utc - CLOCK_SKEW > now or (next_update and next_update < now):
            raise StatusUnavailable("the OCSP response is not current")
        if resp.certificate_status != ocsp.OCSPCertStatus.GOOD:
            raise CertificateRevoked(f"certificate status: {resp.certificate_status.name}")

    def _holder(self, status: SessionStatus, now: datetime) -> tuple[Holder, x509.Certificate]:
        status.raise_for_failure()
        if status.status != "complete" or status.result is None:
            raise PayloadMismatch("the session has no result yet")
        result = status.result
        leaf, issuer = self._chain(result["certificate"], result["chain"], now)
        self._status(leaf, issuer, result["ocsp"], now)
        holder = Holder(
            name=_attr(leaf.subject, NameOID.COMMON_NAME),
            organization=_attr(leaf.subject, NameOID.ORGANIZATION_NAME),
            organization_identifier=_attr(leaf.subject, NameOID.ORGANIZATION_IDENTIFIER),
            pseudonym=_attr(leaf.subject, NameOID.SERIAL_NUMBER),
            serial=format(leaf.serial_number, "x"),
            certificate=leaf,
        )
        return holder, issuer

    @staticmethod
    def _ecdsa(cert: x509.Certificate, signature: bytes, data: bytes, prehashed: bool) -> None:
        key = cert.public_key()
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise SignatureInvalid("unsupported key type")
        algo = ec.ECDSA(utils.Prehashed(hashes.SHA256()) if prehashed else hashes.SHA256())
        try:
            key.verify(signature, data, algo)
        except InvalidSignature as exc:
            raise SignatureInvalid("the signature does not verify") from exc

    # -- results

    def verify_login(
        self, status: SessionStatus, handle: SessionHandle, now: datetime | None = None
    ) -> LoginResult:
        now = now or datetime.now(UTC)
        holder, _ = self._holder(status, now)
        assert status.result is not None
        raw = _b64d(status.result["payload"])
        payload = json.loads(raw)
        expected = {
            "op": "login",
            "session": handle.session_id,
            "rp_id": self.client_id,
            "challenge": base64.urlsafe_b64encode(handle.challenge or b"").rstrip(b"=").decode(),
            "cert_serial": holder.serial,
        }
        for key, value in expected.items():
            if payload.get(key) != value:
                raise PayloadMismatch(f"login payload {key} does not match")
        if self.rp_name is not None and payload.get("rp") != self.rp_name:
            raise PayloadMismatch("login payload names another relying party")
        self._ecdsa(holder.certificate, _b64d(status.result["signature"]), raw, prehashed=False)
        return LoginResult(holder=holder, signed_at=str(payload.get("time")), payload=payload)

    def verify_decrypt(
        self,
        status: SessionStatus,
        encryption_cert: x509.Certificate,
        now: datetime | None = None,
    ) -> Holder:
        """Who decrypted: the holder's signing certificate chains and is good, and the
        encryption certificate the bid was sealed to belongs to the same holder and CA."""
        now = now or datetime.now(UTC)
        holder, issuer = self._holder(status, now)
        assert status.result is not None
        enc = x509.load_pem_x509_certificate(status.result["encryption_certificate"].encode())
        _verify_sig(issuer, enc)
        if enc.public_key() != encryption_cert.public_key():
            raise PayloadMismatch("the holder's encryption key is not the one the bid names")
        if enc.subject != holder.certificate.subject:
            raise PayloadMismatch("encryption and signing certificates name different holders")
        return holder

    def verify_sign(
        self, status: SessionStatus, handle: SessionHandle, now: datetime | None = None
    ) -> SignResult:
        from mcert.errors import DomainError
        from mcert.pki import tsa

        now = now or datetime.now(UTC)
        holder, issuer = self._holder(status, now)
        assert status.result is not None
        items = status.result["signatures"]
        if [_b64d(i["digest"]) for i in items] != list(handle.digests):
            raise PayloadMismatch("the signed digests are not the ones requested")
        out = []
        for item in items:
            digest, signature = _b64d(item["digest"]), _b64d(item["signature"])
            self._ecdsa(holder.certificate, signature, digest, prehashed=True)
            token = _b64d(item["timestamp"])
            try:
                info = tsa.verify_token(
                    token,
                    digest=hashlib.sha256(signature).digest(),
                    trusted=self.roots,
                    untrusted=[issuer],
                )
            except DomainError as exc:
                raise TimestampInvalid(str(exc)) from exc
            out.append(SignedDigest(item["label"], digest, signature, token, info.gen_time))
        return SignResult(holder=holder, signatures=out)
