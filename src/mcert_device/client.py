"""The phone's side of the app API, over HTTP: what the mobile app does, in Python.

:class:`DeviceClient` drives every holder operation (login, real-name, applications,
orders, payment, download, unlock, password, renewal, change, reissue) against a server
through any ``httpx.Client`` — a real one, or a Starlette ``TestClient`` for in-process
tests. Private keys are generated here, wrapped in the :class:`Keystore`, and only
certificates, CSRs, public transport keys, password pre-hashes, the device key's public
half and its signatures leave the device. Binding-sensitive calls (``proof=True``) are
signed with the device key over a fresh server challenge (``docs/protocol.md`` section 6).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from mcert_device.codec import b64u_decode, b64u_encode
from mcert_device.crypto import (
    Keystore,
    UnlockedKeys,
    build_csr,
    generate_signing_key,
    generate_transport_key,
    open_sealed,
    password_prehash,
    public_key_der,
    public_key_from_jwk,
    public_key_jwk,
    scan_output_aad,
    seal_aad,
    seal_to,
)
from mcert_device.devicekey import (
    CHALLENGE_HEADER,
    NEXT_CHALLENGE_HEADER,
    NEXT_CHALLENGE_TTL_HEADER,
    SIGNATURE_HEADER,
    login_message,
    proof_message,
    sign_raw,
)

SESSION_FILE = "session.json"
# A piggybacked challenge is used only with this much of its lifetime left (a slow upload
# must still arrive before it expires); otherwise the device asks for a fresh one.
CHALLENGE_MARGIN_SECONDS = 20


def _proof_refused(resp: httpx.Response) -> bool:
    if resp.status_code != 403:
        return False
    try:
        return bool(resp.json()["error"]["code"] == "device_proof_invalid")
    except (ValueError, KeyError, TypeError):
        return False


class DeviceError(Exception):
    """The server refused: ``code`` is its stable error code, ``message`` its Chinese text."""

    def __init__(self, status: int, code: str, message: str, details: dict[str, Any]) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details


@dataclass
class DeviceClient:
    http: httpx.Client
    keystore: Keystore = field(default_factory=Keystore.create)
    home: Path | None = None
    device_name: str = "mcert-device"
    access_token: str | None = None
    refresh_token: str | None = None
    # The next proof challenge the server handed out with its last authenticated response,
    # and until when (monotonic) it may be used; taken once.
    next_challenge: str | None = field(default=None, repr=False)
    next_challenge_until: float = field(default=0.0, repr=False)
    proved_with_kept_challenge: bool = field(default=False, repr=False)
    # The last scanned session's pre-hash parameters, by certificate id (only the last).
    scan_prehash: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ state

    @classmethod
    def open(cls, http: httpx.Client, home: str | os.PathLike[str]) -> DeviceClient:
        """Load (or create) a device's state from ``home``."""
        path = Path(home)
        keystore = Keystore.load(path) if (path / "keystore.json").exists() else Keystore.create()
        client = cls(http=http, keystore=keystore, home=path)
        session = path / SESSION_FILE
        if session.exists():
            data = json.loads(session.read_text())
            client.access_token = data.get("access_token")
            client.refresh_token = data.get("refresh_token")
        client.save()
        return client

    def save(self) -> None:
        if self.home is None:
            return
        self.keystore.save(self.home)
        session = self.home / SESSION_FILE
        session.write_text(
            json.dumps({"access_token": self.access_token, "refresh_token": self.refresh_token})
        )
        session.chmod(0o600)

    # ------------------------------------------------------------------ HTTP

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"} if self.access_token else {}

    def _keep_next_challenge(self, resp: httpx.Response) -> None:
        challenge = resp.headers.get(NEXT_CHALLENGE_HEADER)
        if not challenge:
            return
        try:
            ttl = int(resp.headers.get(NEXT_CHALLENGE_TTL_HEADER, "0"))
        except ValueError:
            return
        self.next_challenge = challenge
        self.next_challenge_until = time.monotonic() + ttl - CHALLENGE_MARGIN_SECONDS

    def take_challenge(self) -> str:
        """A challenge for one proof: the one the last response carried while it is fresh
        (each is single-use, so it is forgotten here), else a new one from the server."""
        challenge, self.next_challenge = self.next_challenge, None
        self.proved_with_kept_challenge = bool(
            challenge and time.monotonic() < self.next_challenge_until
        )
        if challenge and self.proved_with_kept_challenge:
            return challenge
        fresh: str = self.request("POST", "/api/app/v1/device/challenge")["challenge"]
        return fresh

    def proof_headers(self, method: str, path: str, body: bytes) -> dict[str, str]:
        """Sign a fresh server challenge over this request (``docs/protocol.md`` section 6)."""
        challenge = self.take_challenge()
        message = proof_message(challenge, method, urlparse(path).path, body)
        return {
            CHALLENGE_HEADER: challenge,
            SIGNATURE_HEADER: sign_raw(self.keystore.device_key, message),
        }

    def request(self, method: str, path: str, *, proof: bool = False, **kwargs: Any) -> Any:
        """One app API call; ``proof`` signs it with the device key (binding-sensitive calls:
        the JSON body is serialised here so that the signed bytes are the sent bytes)."""
        base: dict[str, str] = {}
        if proof and "json" in kwargs:
            kwargs["content"] = json.dumps(kwargs.pop("json")).encode()
            base["Content-Type"] = "application/json"

        def send() -> httpx.Response:
            headers = {**base, **self._headers()}
            if proof:  # a fresh challenge per attempt: each is single-use
                headers.update(self.proof_headers(method, path, kwargs.get("content") or b""))
            response = self.http.request(method, path, headers=headers, **kwargs)
            self._keep_next_challenge(response)
            return response

        resp = send()
        if proof and self.proved_with_kept_challenge and _proof_refused(resp):
            # The kept challenge expired by the server's clock (a phone that slept, a clock
            # that jumped): a refused proof ran nothing, so ask for a fresh one and resend.
            resp = send()
        if resp.status_code == 401 and self.refresh_token and not path.endswith("/refresh"):
            if self._refresh():
                resp = send()
        if resp.status_code >= 400:
            try:
                err = resp.json()["error"]
            except (ValueError, KeyError):
                err = {"code": "http_error", "message": resp.text[:200]}
            raise DeviceError(resp.status_code, err["code"], err["message"], err.get("details", {}))
        if resp.status_code == 204 or not resp.content:
            return None
        return resp.json()

    def _refresh(self) -> bool:
        resp = self.http.post(
            "/api/app/v1/auth/refresh", json={"refresh_token": self.refresh_token}
        )
        if resp.status_code != 200:
            self.access_token = self.refresh_token = None
            self.save()
            return False
        body = resp.json()
        self.access_token, self.refresh_token = body["access_token"], body["refresh_token"]
        self.next_challenge = None  # bound to the session it came with
        self.save()
        return True

    # ------------------------------------------------------------------ account

    def request_code(self, phone: str) -> Any:
        return self.request("POST", "/api/app/v1/auth/sms-code", json={"phone": phone})

    def agreements(self) -> Any:
        """The current 用户协议 and 隐私政策 (title, version, Markdown content)."""
        return self.request("GET", "/api/app/v1/agreements")

    def login(self, phone: str, code: str, *, agree: bool = False) -> Any:
        """Log in; ``agree`` sends the current agreement versions (the holder read and agreed
        to them), without it the server refuses with ``agreement_required``."""
        agreed = {d["document"]: d["version"] for d in self.agreements()} if agree else None
        body = self.request(
            "POST",
            "/api/app/v1/auth/login",
            json={
                "phone": phone,
                "code": code,
                "agreements": agreed,
                "device": {
                    "id": self.keystore.device_id,
                    "name": self.device_name,
                    "platform": "python",
                    "public_key": b64u_encode(public_key_der(self.keystore.device_key)),
                    "proof": sign_raw(
                        self.keystore.device_key,
                        login_message(self.keystore.device_id, code, self.keystore.device_key),
                    ),
                },
            },
        )
        self.access_token, self.refresh_token = body["access_token"], body["refresh_token"]
        self.next_challenge = None  # bound to the session it came with
        self.save()
        return body

    def logout(self) -> None:
        self.request("POST", "/api/app/v1/auth/logout")
        self.access_token = self.refresh_token = None
        self.save()

    def me(self) -> Any:
        return self.request("GET", "/api/app/v1/me")

    # ------------------------------------------------------------------ consents

    def consents(self) -> Any:
        return self.request("GET", "/api/app/v1/consents")

    def consent_notice(self, document: str) -> Any:
        return self.request("GET", f"/api/app/v1/consent-notices/{document}")

    def grant_consent(self, document: str, version: str | None = None) -> Any:
        """Consent to ``document`` (face | realname | company_documents); without a version,
        to the current notice (the caller showed it to the holder)."""
        if version is None:
            version = self.consent_notice(document)["version"]
        return self.request("POST", f"/api/app/v1/consents/{document}", json={"version": version})

    def withdraw_consent(self, document: str) -> None:
        self.request("POST", f"/api/app/v1/consents/{document}/withdraw")

    # ------------------------------------------------------------------ real-name

    def realname_status(self) -> Any:
        return self.request("GET", "/api/app/v1/realname")

    def realname_phone(self, name: str, id_number: str) -> Any:
        return self.request(
            "POST", "/api/app/v1/realname/phone", json={"name": name, "id_number": id_number}
        )

    def realname_bank_card(self, name: str, id_number: str, card: str, bank_phone: str) -> Any:
        return self.request(
            "POST",
            "/api/app/v1/realname/bank-card",
            json={
                "name": name,
                "id_number": id_number,
                "card_number": card,
                "bank_phone": bank_phone,
            },
        )

    def realname_sms(self, attempt_id: str, code: str) -> Any:
        return self.request("POST", f"/api/app/v1/realname/{attempt_id}/sms", json={"code": code})

    def realname_face(self, attempt_id: str, image: bytes, filename: str = "face.jpg") -> Any:
        return self.request(
            "POST", f"/api/app/v1/realname/{attempt_id}/face", files={"image": (filename, image)}
        )

    def face_check(self, image: bytes, filename: str = "face.jpg") -> str:
        body = self.request("POST", "/api/app/v1/face-checks", files={"image": (filename, image)})
        return str(body["face_check_id"])

    # ------------------------------------------------------------------ orders

    def products(self) -> Any:
        return self.request("GET", "/api/app/v1/products")

    def apply_personal(self, years: int) -> Any:
        return self.request("POST", "/api/app/v1/orders/personal", json={"years": years})

    def apply_company(
        self,
        *,
        years: int,
        company_name: str,
        uscc: str,
        legal_rep_name: str,
        applicant_is_legal_rep: bool,
        licence: tuple[str, bytes],
        authorization: tuple[str, bytes] | None = None,
    ) -> Any:
        files = {"business_licence": licence}
        if authorization is not None:
            files["authorization_letter"] = authorization
        return self.request(
            "POST",
            "/api/app/v1/orders/company",
            data={
                "years": str(years),
                "company_name": company_name,
                "uscc": uscc,
                "legal_rep_name": legal_rep_name,
                "applicant_is_legal_rep": "true" if applicant_is_legal_rep else "false",
            },
            files=files,
        )

    def resubmit(
        self,
        order_id: str,
        *,
        data: dict[str, str] | None = None,
        files: dict[str, tuple[str, bytes]] | None = None,
    ) -> Any:
        return self.request(
            "POST", f"/api/app/v1/orders/{order_id}/resubmit", data=data or {}, files=files or {}
        )

    def orders(self, status: str | list[str] | None = None) -> Any:
        """订单管理; several statuses make one tab (已取消: cancelled and closed)."""
        return self.request(
            "GET", "/api/app/v1/orders", params={"status": status} if status else {}
        )

    def order(self, order_id: str) -> Any:
        return self.request("GET", f"/api/app/v1/orders/{order_id}")

    def cancel(self, order_id: str) -> Any:
        return self.request("POST", f"/api/app/v1/orders/{order_id}/cancel")

    def start_payment(self, order_id: str) -> str:
        return str(self.request("POST", f"/api/app/v1/orders/{order_id}/pay")["cashier_url"])

    def pay_in_sandbox(self, order_id: str) -> Any:
        """Open the sandbox cashier, press 确认支付, come back to the order."""
        cashier = urlparse(self.start_payment(order_id)).path
        resp = self.http.post(f"{cashier}/pay", follow_redirects=False)
        if resp.status_code >= 400:
            raise DeviceError(resp.status_code, "payment_failed", resp.text[:200], {})
        return self.order(order_id)

    def cancel_in_sandbox(self, order_id: str) -> Any:
        """Open the sandbox cashier and press 取消支付: the order stays 待支付 (pay again)."""
        cashier = urlparse(self.start_payment(order_id)).path
        resp = self.http.post(f"{cashier}/cancel", follow_redirects=False)
        if resp.status_code >= 400:
            raise DeviceError(resp.status_code, "payment_failed", resp.text[:200], {})
        return self.order(order_id)

    # ------------------------------------------------------------------ certificates

    def certificates(self) -> Any:
        return self.request("GET", "/api/app/v1/certificates")

    def certificate(self, cert_id: str) -> Any:
        return self.request("GET", f"/api/app/v1/certificates/{cert_id}")

    def _prehash(self, cert_id: str, password: str, params: dict[str, Any] | None = None) -> str:
        """The password's pre-hash under the certificate's current parameters: those a scan
        answer carried (``params``), else asked for."""
        if params is None:
            params = self.request("GET", f"/api/app/v1/certificates/{cert_id}/prehash")
        return b64u_encode(
            password_prehash(password, b64u_decode(params["salt"]), int(params["iterations"]))
        )

    def download(
        self,
        cert_id: str,
        *,
        password: str | None = None,
        current_password: str | None = None,
        predecessor_id: str | None = None,
    ) -> Any:
        """下载证书: new key pair here, CSR out, certificates and sealed blobs back.

        ``password`` sets the certificate password (new certificates, reissue);
        ``current_password`` proves the predecessor's (renewal, change). If the answer is
        lost on the way, the same CSR is sent once more with the password's pre-hash: the
        server then returns what it issued (within ``MCERT_DOWNLOAD_RETRY_MINUTES``).
        """
        signing_key = generate_signing_key()
        transport = generate_transport_key()
        body: dict[str, Any] = {
            "csr": build_csr(signing_key).decode(),
            "transport_key": public_key_jwk(transport),
        }
        if password is not None:
            body["password"] = password
        if current_password is not None:
            assert predecessor_id is not None
            body["prehash"] = self._prehash(predecessor_id, current_password)
        path = f"/api/app/v1/certificates/{cert_id}/download"
        try:
            result = self.request("POST", path, json=body, proof=True)
        except httpx.TransportError:
            result = self.request(
                "POST", path, json=self._retry_body(cert_id, body, password), proof=True
            )
        pre = result["prehash"]
        self.keystore.install(
            cert_id,
            transport_key=transport,
            signing_key=signing_key,
            sealed_encryption_key=result["sealed_encryption_key"],
            sealed_server_share=result["sealed_server_share"],
            signing_cert_pem=result["signing_cert"],
            encryption_cert_pem=result["encryption_cert"],
            prehash_salt=b64u_decode(pre["salt"]),
            prehash_iterations=int(pre["iterations"]),
        )
        self.save()
        return result

    def _retry_body(
        self, cert_id: str, body: dict[str, Any], password: str | None
    ) -> dict[str, Any]:
        """The body of a retry: the same CSR and transport key, and proof of the password
        the certificate now has (a renewal's carries over, so its pre-hash is the same)."""
        if "prehash" in body:
            return body
        assert password is not None
        try:
            return {**body, "prehash": self._prehash(cert_id, password)}
        except DeviceError as exc:
            if exc.code != "cert_not_active":
                raise
            return body  # nothing was issued: the first request never arrived

    def server_share(self, cert_id: str, password: str, purpose: str = "use") -> bytes:
        """Present the password's pre-hash; get the server share sealed to a one-time key."""
        transport = generate_transport_key()
        body = self.request(
            "POST",
            f"/api/app/v1/certificates/{cert_id}/unlock",
            proof=True,
            json={
                "prehash": self._prehash(cert_id, password),
                "transport_key": public_key_jwk(transport),
                "purpose": purpose,
            },
        )
        return open_sealed(
            transport,
            body["sealed_server_share"],
            seal_aad(cert_id, self.keystore.device_id, "server-share"),
        )

    def unlock(self, cert_id: str, password: str) -> UnlockedKeys:
        return self.keystore.unlock(cert_id, self.server_share(cert_id, password))

    def change_password(self, cert_id: str, old: str, new: str) -> Any:
        return self.request(
            "POST",
            f"/api/app/v1/certificates/{cert_id}/password",
            proof=True,
            json={"old_prehash": self._prehash(cert_id, old), "new_password": new},
        )

    def reset_password(self, cert_id: str, face_check_id: str, new: str) -> Any:
        return self.request(
            "POST",
            f"/api/app/v1/certificates/{cert_id}/password-reset",
            proof=True,
            json={"face_check_id": face_check_id, "new_password": new},
        )

    def renew(self, cert_id: str, years: int, password: str) -> Any:
        return self.request(
            "POST",
            f"/api/app/v1/certificates/{cert_id}/renewal",
            proof=True,
            json={"years": years, "prehash": self._prehash(cert_id, password)},
        )

    def reissue(self, cert_id: str, face_check_id: str) -> Any:
        return self.request(
            "POST",
            f"/api/app/v1/certificates/{cert_id}/reissue",
            proof=True,
            json={"face_check_id": face_check_id},
        )

    def change(self, cert_id: str, new_name: str, proof: tuple[str, bytes]) -> Any:
        return self.request(
            "POST",
            f"/api/app/v1/certificates/{cert_id}/change",
            data={"new_name": new_name},
            files={"change_proof": proof},
        )

    def messages(self) -> Any:
        return self.request("GET", "/api/app/v1/messages")

    # ------------------------------------------------------------------ scan to use

    def scan(self, qr: str) -> Any:
        """扫码: the session details and which of this phone's certificates may be used.

        The answer carries each eligible certificate's pre-hash parameters; they are kept
        for :meth:`confirm` of the same session (one request fewer per scan)."""
        view = self.request("POST", "/api/app/v1/scan", json={"qr": qr})
        self.scan_prehash = {
            view["session_id"]: {
                c["certificate"]["id"]: c["prehash"]
                for c in view["certificates"]
                if c.get("prehash")
            }
        }
        return view

    def confirm(
        self,
        session_id: str,
        cert_id: str,
        password: str,
        *,
        seal_id: str | None = None,
        on_prepared: Callable[[dict[str, Any]], None] | None = None,
        digest_timeout: float = 120.0,
    ) -> Any:
        """Pick the certificate, enter its password, do the private-key operation here.

        A seal session also names the seal; the phone then waits (polling) for the digest
        the platform prepares for that choice. ``on_prepared`` runs right after the choice
        (in-process tests let the platform act there)."""
        transport = generate_transport_key()
        body_in: dict[str, Any] = {
            "cert_id": cert_id,
            "prehash": self._prehash(
                cert_id, password, self.scan_prehash.get(session_id, {}).get(cert_id)
            ),
            "transport_key": public_key_jwk(transport),
        }
        if seal_id is not None:
            body_in["seal_id"] = seal_id
        prepared = self.request(
            "POST", f"/api/app/v1/scan/{session_id}/prepare", proof=True, json=body_in
        )
        share = open_sealed(
            transport,
            prepared["sealed_server_share"],
            seal_aad(cert_id, self.keystore.device_id, "server-share"),
        )
        keys = self.keystore.unlock(cert_id, share)
        task = prepared["task"]
        body: dict[str, Any]
        if task["type"] == "login":
            signature = keys.signing_key.sign(
                b64u_decode(task["payload"]), ec.ECDSA(hashes.SHA256())
            )
            body = {"signature": b64u_encode(signature)}
        elif task["type"] == "seal":
            if on_prepared is not None:
                on_prepared(task)
            digest = self.wait_for_digest(session_id, digest_timeout)
            prehashed = ec.ECDSA(utils.Prehashed(hashes.SHA256()))
            body = {"signature": b64u_encode(keys.signing_key.sign(digest, prehashed))}
        elif task["type"] == "sign":
            prehashed = ec.ECDSA(utils.Prehashed(hashes.SHA256()))
            body = {
                "signatures": [
                    b64u_encode(keys.signing_key.sign(b64u_decode(d["digest"]), prehashed))
                    for d in task["digests"]
                ]
            }
        else:
            body = {
                "sealed_output": key_agreement_for_rp(
                    keys.encryption_key, task["recipient"], task["rp_public_key"], session_id
                )
            }
        return self.request(
            "POST", f"/api/app/v1/scan/{session_id}/complete", json=body, proof=True
        )

    def wait_for_digest(self, session_id: str, timeout: float = 120.0) -> bytes:
        """A seal session's digest, once the platform prepared it (409 until then)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                task = self.request("GET", f"/api/app/v1/scan/{session_id}/digest")
            except DeviceError as exc:
                if exc.code != "digest_not_ready" or time.monotonic() >= deadline:
                    raise
                time.sleep(0.3)
                continue
            return b64u_decode(task["digest"])

    def reject_scan(self, session_id: str) -> Any:
        return self.request("POST", f"/api/app/v1/scan/{session_id}/reject")

    def usage(self, **params: Any) -> Any:
        return self.request("GET", "/api/app/v1/usage", params=params)

    def export_usage(self, path: str | os.PathLike[str], **params: Any) -> int:
        """Save 使用记录 as CSV (UTF-8 with BOM) to ``path``; returns its size in bytes."""
        size = 0
        with self.http.stream(
            "GET", "/api/app/v1/usage/export", params=params, headers=self._headers()
        ) as resp:
            if resp.status_code == 401 and self.refresh_token and self._refresh():
                return self.export_usage(path, **params)
            if resp.status_code >= 400:
                resp.read()
                err = resp.json().get("error", {})
                raise DeviceError(
                    resp.status_code,
                    err.get("code", "http_error"),
                    err.get("message", ""),
                    err.get("details", {}),
                )
            with open(path, "wb") as out:
                for chunk in resp.iter_bytes():
                    out.write(chunk)
                    size += len(chunk)
        return size

    # ------------------------------------------------------------------ the company side

    def companies(self) -> Any:
        """The companies this holder is an authorised member of, with their role."""
        return self.request("GET", "/api/app/v1/companies")

    def company(self, org_id: str) -> Any:
        """单位信息 (admins)."""
        return self.request("GET", f"/api/app/v1/companies/{org_id}")

    def members(self, org_id: str, **params: Any) -> Any:
        return self.request("GET", f"/api/app/v1/companies/{org_id}/members", params=params)

    def invite(
        self,
        org_id: str,
        *,
        name: str,
        id_number: str,
        phone: str,
        role: str = "user",
        prepay_years: int | None = None,
    ) -> Any:
        """单位成员授权: authorise a person (name, ID number, phone) as user or admin."""
        body: dict[str, Any] = {"name": name, "id_number": id_number, "phone": phone}
        body["role"] = role
        if prepay_years:
            body["prepay_years"] = prepay_years
        return self.request(
            "POST", f"/api/app/v1/companies/{org_id}/members", json=body, proof=True
        )

    def set_role(self, org_id: str, member_id: str, role: str) -> Any:
        return self.request(
            "POST",
            f"/api/app/v1/companies/{org_id}/members/{member_id}/role",
            json={"role": role},
            proof=True,
        )

    def revoke_member(self, org_id: str, member_id: str) -> Any:
        return self.request(
            "POST", f"/api/app/v1/companies/{org_id}/members/{member_id}/revoke", proof=True
        )

    def resend_invitation(self, org_id: str, member_id: str) -> Any:
        return self.request(
            "POST", f"/api/app/v1/companies/{org_id}/members/{member_id}/resend", proof=True
        )

    def claims(self) -> Any:
        """待申领的证书."""
        return self.request("GET", "/api/app/v1/claims")

    def claim(self, member_id: str, face_check_id: str, years: int = 1) -> Any:
        """Claim a company certificate: answers the order (待支付, or completed if prepaid)."""
        return self.request(
            "POST",
            f"/api/app/v1/claims/{member_id}",
            json={"face_check_id": face_check_id, "years": years},
            proof=True,
        )


def key_agreement_for_rp(
    encryption_key: ec.EllipticCurvePrivateKey,
    recipient: dict[str, Any],
    rp_public_key: dict[str, Any] | str,
    session_id: str,
) -> dict[str, Any]:
    """Step (b) of envelope decryption on the phone: ECDH with the envelope's ephemeral key,
    the result sealed to the relying party's one-time key (the mCert server never sees it)."""
    if recipient.get("kind") != "ecdh" or recipient.get("curve") != "secp256r1":
        raise ValueError("only P-256 key agreement envelopes are supported on the device")
    spki = encryption_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if hashlib.sha256(spki).digest() != base64.b64decode(recipient["recipient_key_sha256"]):
        raise ValueError("the envelope is not for this certificate's key")
    peer = ec.EllipticCurvePublicKey.from_encoded_point(
        ec.SECP256R1(), base64.b64decode(recipient["ephemeral_public_key"])
    )
    z = encryption_key.exchange(ec.ECDH(), peer)
    rp_key = (
        public_key_from_jwk(rp_public_key)
        if isinstance(rp_public_key, dict)
        else serialization.load_der_public_key(b64u_decode(rp_public_key))
    )
    assert isinstance(rp_key, ec.EllipticCurvePublicKey)
    return seal_to(rp_key, z, scan_output_aad(session_id))
