"""Verifying what a scan session returns. Every check raises; nothing returns False.

A login result is trusted only if: the signing certificate has a valid path to a configured
root (RFC 5280 path validation, :mod:`mcert_rp._pathval`), the OCSP response (signed by the
issuing CA or its delegated responder, fresh) says *good*, the signed payload names this
RP, this session and the challenge the RP chose, and the signature over it verifies with
the certificate's key. A signing result adds: each signature verifies over its digest, and
each RFC 3161 timestamp covers its signature (:mod:`mcert_rp._tsa`). A decryption result:
the encryption certificate has its own valid path, from the same issuing CA, for the same
holder, and is the one the bid was sealed to.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.x509 import ocsp
from cryptography.x509.oid import NameOID

from mcert_rp import _pathval, _tsa
from mcert_rp._b64 import b64u_decode, b64u_encode
from mcert_rp._client import SessionHandle, SessionStatus
from mcert_rp._exceptions import (
    CertificateRevoked,
    ChainInvalid,
    PayloadMismatch,
    SignatureInvalid,
    StatusUnavailable,
)

CLOCK_SKEW = timedelta(minutes=5)


def _b64d(text: object) -> bytes:
    try:
        return b64u_decode(str(text))
    except ValueError as exc:
        raise PayloadMismatch("a result field is not base64url") from exc


def _pem(text: object, what: str) -> list[x509.Certificate]:
    try:
        return x509.load_pem_x509_certificates(str(text).encode())
    except ValueError as exc:
        raise ChainInvalid(f"the {what} does not parse") from exc


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else None


def _name_hash(algorithm: hashes.HashAlgorithm, cert: x509.Certificate) -> bytes:
    digest = hashes.Hash(algorithm)
    digest.update(cert.subject.public_bytes())
    return digest.finalize()


@dataclass(frozen=True)
class Holder:
    """Who acted, read from the verified certificate's subject.

    A company certificate (单位证书) names the company and the member who holds it: ``name``
    is the member (CN), ``organization`` the company (O) and ``uscc`` its unified social
    credit code (from ``organizationIdentifier`` ``NTRCN-<USCC>``, ETSI EN 319 412-1). A
    personal certificate has neither company field.
    """

    name: str | None
    organization: str | None
    organization_identifier: str | None
    pseudonym: str | None
    serial: str
    certificate: x509.Certificate

    @property
    def uscc(self) -> str | None:
        """The company's unified social credit code (统一社会信用代码), if a company's."""
        prefix = "NTRCN-"
        value = self.organization_identifier
        if value and value.startswith(prefix) and len(value) == len(prefix) + 18:
            return value[len(prefix) :]
        return None


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
        self, leaf_pem: object, chain_pem: object, now: datetime
    ) -> tuple[x509.Certificate, x509.Certificate, list[x509.Certificate]]:
        """The holder's signing certificate, its issuer, and the result's other CAs."""
        leaf = _pem(leaf_pem, "certificate")[0]
        extra = _pem(chain_pem, "chain")
        path = _pathval.validate(leaf, extra, self.roots, now, _pathval.SIGNING)
        return leaf, path[1], extra

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
        if resp.issuer_name_hash != _name_hash(resp.hash_algorithm, issuer):
            raise StatusUnavailable("the OCSP response is about another issuer's certificate")
        signer = issuer
        if resp.certificates:
            # RFC 6960 §4.2.2.2: a delegated responder is issued directly by the CA, with
            # id-kp-OCSPSigning; its path is validated like any other certificate's.
            signer = resp.certificates[0]
            try:
                path = _pathval.validate(signer, [issuer], self.roots, now, _pathval.OCSP_SIGNING)
            except ChainInvalid as exc:
                raise StatusUnavailable(f"the OCSP signer is not authorised: {exc}") from exc
            if path[1] != issuer:
                raise StatusUnavailable("the OCSP signer is not issued by the certificate's CA")
        key = signer.public_key()
        algorithm = resp.signature_hash_algorithm
        try:
            # The CA's keys may be EC or RSA (docs/ca.md); responses are ECDSA or PKCS#1 v1.5.
            if isinstance(key, ec.EllipticCurvePublicKey) and algorithm is not None:
                key.verify(resp.signature, resp.tbs_response_bytes, ec.ECDSA(algorithm))
            elif isinstance(key, rsa.RSAPublicKey) and algorithm is not None:
                key.verify(resp.signature, resp.tbs_response_bytes, padding.PKCS1v15(), algorithm)
            else:
                raise StatusUnavailable("unsupported OCSP signature algorithm")
        except InvalidSignature as exc:
            raise StatusUnavailable("the OCSP response signature is invalid") from exc
        next_update = resp.next_update_utc
        if resp.this_update_utc - CLOCK_SKEW > now or (next_update and next_update < now):
            raise StatusUnavailable("the OCSP response is not current")
        if resp.certificate_status != ocsp.OCSPCertStatus.GOOD:
            raise CertificateRevoked(f"certificate status: {resp.certificate_status.name}")

    def _holder(
        self, status: SessionStatus, now: datetime
    ) -> tuple[Holder, x509.Certificate, list[x509.Certificate]]:
        status.raise_for_failure()
        if status.status != "complete" or status.result is None:
            raise PayloadMismatch("the session has no result yet")
        result = status.result
        leaf, issuer, extra = self._chain(result.get("certificate"), result.get("chain"), now)
        self._status(leaf, issuer, str(result.get("ocsp")), now)
        holder = Holder(
            name=_attr(leaf.subject, NameOID.COMMON_NAME),
            organization=_attr(leaf.subject, NameOID.ORGANIZATION_NAME),
            organization_identifier=_attr(leaf.subject, NameOID.ORGANIZATION_IDENTIFIER),
            pseudonym=_attr(leaf.subject, NameOID.SERIAL_NUMBER),
            serial=format(leaf.serial_number, "x"),
            certificate=leaf,
        )
        return holder, issuer, extra

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
        holder, _, _ = self._holder(status, now)
        assert status.result is not None
        raw = _b64d(status.result.get("payload"))
        try:
            payload = json.loads(raw)
        except ValueError as exc:
            raise PayloadMismatch("the login payload is not JSON") from exc
        if not isinstance(payload, dict):
            raise PayloadMismatch("the login payload is not an object")
        expected = {
            "op": "login",
            "session": handle.session_id,
            "rp_id": self.client_id,
            "challenge": b64u_encode(handle.challenge or b""),
            "cert_serial": holder.serial,
        }
        for key, value in expected.items():
            if payload.get(key) != value:
                raise PayloadMismatch(f"login payload {key} does not match")
        if self.rp_name is not None and payload.get("rp") != self.rp_name:
            raise PayloadMismatch("login payload names another relying party")
        signature = _b64d(status.result.get("signature"))
        self._ecdsa(holder.certificate, signature, raw, prehashed=False)
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
        holder, issuer, extra = self._holder(status, now)
        assert status.result is not None
        enc = _pem(status.result.get("encryption_certificate"), "encryption certificate")[0]
        path = _pathval.validate(enc, extra, self.roots, now, _pathval.ENCRYPTION)
        if path[1] != issuer:
            raise ChainInvalid("the encryption certificate is from another issuing CA")
        if enc.public_key() != encryption_cert.public_key():
            raise PayloadMismatch("the holder's encryption key is not the one the bid names")
        if enc.subject != holder.certificate.subject:
            raise PayloadMismatch("encryption and signing certificates name different holders")
        return holder

    def verify_sign(
        self, status: SessionStatus, handle: SessionHandle, now: datetime | None = None
    ) -> SignResult:
        now = now or datetime.now(UTC)
        holder, _, extra = self._holder(status, now)
        assert status.result is not None
        items = status.result.get("signatures")
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise PayloadMismatch("the result has no signatures")
        if [_b64d(i.get("digest")) for i in items] != list(handle.digests):
            raise PayloadMismatch("the signed digests are not the ones requested")
        out = []
        for item in items:
            digest, signature = _b64d(item["digest"]), _b64d(item.get("signature"))
            self._ecdsa(holder.certificate, signature, digest, prehashed=True)
            token = _b64d(item.get("timestamp"))
            info = _tsa.verify(
                token,
                digest=hashlib.sha256(signature).digest(),
                roots=self.roots,
                intermediates=extra,
            )
            label = str(item.get("label", ""))
            out.append(SignedDigest(label, digest, signature, token, info.gen_time))
        return SignResult(holder=holder, signatures=out)
