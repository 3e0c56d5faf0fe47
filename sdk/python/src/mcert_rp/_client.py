"""HTTP client for the RP API: HMAC-signed requests, sessions, QR frames, collect, cancel."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from cryptography import x509

from mcert_rp._b64 import b64u_decode as _b64d
from mcert_rp._b64 import b64u_encode as _b64u
from mcert_rp._exceptions import (
    ServiceUnavailable,
    SessionFailed,
    UnexpectedResponse,
    api_error,
    transport_error,
)

BUSY_CODE = "server_busy"


@dataclass(frozen=True)
class SessionHandle:
    """What the RP backend keeps about a session it started (never send ``qr_secret`` to a
    browser: the backend renders frames and the page polls the backend)."""

    session_id: str
    type: str
    start_token: str
    qr_secret: bytes
    created_at: datetime
    base_url: str
    challenge: bytes | None = None
    digests: tuple[bytes, ...] = ()

    def qr_text(self, seconds: int) -> str:
        code = hmac.new(
            self.qr_secret, f"{self.start_token}.{seconds}".encode(), hashlib.sha256
        ).hexdigest()
        return f"{self.base_url.rstrip('/')}/q/{self.start_token}.{seconds}.{code}"

    def current_qr(self, now: float | None = None) -> str:
        """The frame for now: whole seconds since the session began."""
        elapsed = (now if now is not None else time.time()) - self.created_at.timestamp()
        return self.qr_text(max(0, int(elapsed)))

    def frames(self) -> Frames:
        return Frames(self)


class Frames:
    """Iterate to get the current QR text once per second (BankID's animated QR)."""

    def __init__(self, handle: SessionHandle) -> None:
        self._handle = handle

    def __iter__(self) -> Iterator[str]:
        last = -1
        while True:
            elapsed = int(time.time() - self._handle.created_at.timestamp())
            if elapsed != last:
                last = elapsed
                yield self._handle.qr_text(max(0, elapsed))
            time.sleep(0.1)


@dataclass(frozen=True)
class SessionStatus:
    session_id: str
    type: str
    status: str  # pending | complete | failed
    hint: str | None
    reason: str | None
    result: dict[str, Any] | None
    # seal sessions, while pending: the certificate, chain and seal the holder chose
    selection: dict[str, Any] | None = None

    def raise_for_failure(self) -> None:
        if self.status == "failed":
            raise SessionFailed(self.reason or "unknown", self.session_id)


class Client:
    """A relying party's connection to mCert. ``http`` lets tests pass an in-process client.

    Every failure is an :class:`~mcert_rp.MCertRPError`: no answer is a
    :class:`~mcert_rp.TransportError` subclass, an error answer an :class:`~mcert_rp.APIError`
    subclass chosen by its code.

    A request refused with 503 ``server_busy`` (the server's admission bound: refused before
    anything was read or done) is sent again, signed anew, after the answer's
    ``Retry-After`` (at most :attr:`BUSY_WAIT_MAX` seconds), up to ``busy_retries`` times;
    then :class:`~mcert_rp.ServiceUnavailable` is raised. No other error is retried: a
    request that may have done something is never repeated behind the caller's back.
    """

    BUSY_WAIT_MAX = 5.0

    def __init__(
        self,
        base_url: str,
        client_id: str,
        secret: str,
        http: httpx.Client | None = None,
        clock: Callable[[], float] = time.time,
        *,
        busy_retries: int = 2,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._clock = clock
        self._busy_retries = busy_retries
        self._sleep = sleep
        self.client_id = client_id
        self._secret = secret.encode()
        self._http = http or httpx.Client(base_url=self.base_url, timeout=35.0)

    # -- transport

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        raw = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
        retries = 0
        while True:
            try:
                return self._signed(method, path, raw, body is not None)
            except ServiceUnavailable as exc:
                if exc.code != BUSY_CODE or retries >= self._busy_retries:
                    raise
                retries += 1
                self._sleep(min(exc.retry_after or 1.0, self.BUSY_WAIT_MAX))

    def _signed(self, method: str, path: str, raw: bytes, is_json: bool) -> Any:
        """One request, signed with a fresh timestamp and nonce."""
        ts, nonce = str(int(self._clock())), secrets.token_urlsafe(16)
        to_sign = f"{method}\n{path}\n{ts}\n{nonce}\n{hashlib.sha256(raw).hexdigest()}".encode()
        headers = {
            "X-MCert-Client-Id": self.client_id,
            "X-MCert-Timestamp": ts,
            "X-MCert-Nonce": nonce,
            "X-MCert-Signature": hmac.new(self._secret, to_sign, hashlib.sha256).hexdigest(),
        }
        if is_json:
            headers["content-type"] = "application/json"
        resp = self._send(method, path, content=raw or None, headers=headers)
        try:
            return resp.json()
        except ValueError as exc:
            raise UnexpectedResponse(
                resp.status_code, "unexpected_response", "the answer is not JSON"
            ) from exc

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            resp = self._http.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            raise transport_error(exc) from exc
        if resp.status_code >= 400:
            raise api_error(resp)
        return resp

    def root_certificate(self) -> x509.Certificate:
        """mCert's root CA certificate as the server publishes it (``/pki/ca/root.crt``).

        Convenient for a first try; a production RP pins the root it was given instead,
        since a certificate fetched over the network is only as good as that network."""
        resp = self._send("GET", "/pki/ca/root.crt")
        try:
            return x509.load_der_x509_certificate(resp.content)
        except ValueError as exc:
            raise UnexpectedResponse(
                resp.status_code, "unexpected_response", "the root CA certificate does not parse"
            ) from exc

    def _start(self, body: dict[str, Any], **extra: Any) -> SessionHandle:
        created = self._request("POST", "/api/rp/v1/sessions", body)
        try:
            return SessionHandle(
                session_id=str(created["session_id"]),
                type=body["type"],
                start_token=str(created["start_token"]),
                qr_secret=_b64d(created["qr_secret"]),
                created_at=datetime.fromisoformat(created["created_at"]),
                base_url=self.base_url,
                **extra,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise UnexpectedResponse(201, "unexpected_response", "not a created session") from exc

    # -- sessions

    def start_login(
        self,
        *,
        display_text: str,
        requirements: dict[str, str] | None = None,
        challenge: bytes | None = None,
    ) -> SessionHandle:
        challenge = challenge or secrets.token_bytes(32)
        return self._start(
            {
                "type": "login",
                "display_text": display_text,
                "requirements": requirements or {},
                "challenge": _b64u(challenge),
            },
            challenge=challenge,
        )

    def start_sign(
        self,
        *,
        display_text: str,
        digests: list[tuple[str, bytes]],
        requirements: dict[str, str] | None = None,
    ) -> SessionHandle:
        """``digests``: (label, SHA-256) per document; up to 100."""
        body = {
            "type": "sign",
            "display_text": display_text,
            "requirements": requirements or {},
            "digests": [{"label": label, "digest": _b64u(d)} for label, d in digests],
        }
        return self._start(body, digests=tuple(d for _, d in digests))

    def start_decrypt(
        self,
        *,
        display_text: str,
        recipient: dict[str, Any],
        rp_public_key: dict[str, str],
        requirements: dict[str, str] | None = None,
    ) -> SessionHandle:
        return self._start(
            {
                "type": "decrypt",
                "display_text": display_text,
                "requirements": requirements or {},
                "recipient": recipient,
                "rp_public_key": rp_public_key,
            }
        )

    def start_seal(
        self,
        *,
        display_text: str,
        document: dict[str, Any],
        seal_kinds: list[str] | None = None,
        requirements: dict[str, str] | None = None,
    ) -> SessionHandle:
        """A seal session (docs/pdf-sealing.md). ``document`` is what the phone shows of the
        PDF the RP keeps: ``mcert_rp.pdf.session_document`` makes it."""
        body: dict[str, Any] = {
            "type": "seal",
            "display_text": display_text,
            "requirements": requirements or {},
            "document": document,
        }
        if seal_kinds:
            body["seal_kinds"] = seal_kinds
        return self._start(body)

    def wait_for_selection(self, session_id: str, timeout: float = 180.0) -> SessionStatus:
        """Long-poll a seal session until the holder chose a certificate and seal (the status
        then carries ``selection``); raises :class:`SessionFailed` if it ends first."""
        deadline = time.monotonic() + timeout
        while True:
            status = self.collect(session_id, wait=min(25.0, max(1.0, deadline - time.monotonic())))
            status.raise_for_failure()
            if status.selection is not None or status.status != "pending":
                return status
            if time.monotonic() >= deadline:
                return status

    def submit_digest(self, session_id: str, selection_id: str, digest: bytes) -> SessionStatus:
        """Round two of a seal session: the digest the phone signs, for ``selection_id``."""
        return _session_status(
            self._request(
                "POST",
                f"/api/rp/v1/sessions/{session_id}/digest",
                {"selection_id": selection_id, "digest": _b64u(digest)},
            )
        )

    def crl(self, name: str) -> bytes:
        """mCert's current CRL of CA ``name`` (``root`` or ``issuing``), DER."""
        return self._send("GET", f"/pki/crl/{name}.crl").content

    def timestamp(self, request_der: bytes) -> bytes:
        """mCert's RFC 3161 time-stamping: a DER ``TimeStampReq`` in, ``TimeStampResp`` out."""
        return self._send(
            "POST",
            "/pki/tsa",
            content=request_der,
            headers={"content-type": "application/timestamp-query"},
        ).content

    def collect(self, session_id: str, wait: float = 0) -> SessionStatus:
        path = f"/api/rp/v1/sessions/{session_id}" + (f"?wait={wait:g}" if wait else "")
        return _session_status(self._request("GET", path))

    def wait_for_result(self, session_id: str, timeout: float = 180.0) -> SessionStatus:
        """Long-poll until the session completes or fails; raises :class:`SessionFailed`."""
        deadline = time.monotonic() + timeout
        while True:
            status = self.collect(session_id, wait=min(25.0, max(1.0, deadline - time.monotonic())))
            if status.status != "pending" or time.monotonic() >= deadline:
                status.raise_for_failure()
                return status

    def cancel(self, session_id: str) -> SessionStatus:
        return _session_status(
            self._request("POST", f"/api/rp/v1/sessions/{session_id}/cancel", {})
        )


def _session_status(data: Any) -> SessionStatus:
    try:
        result = data["result"]
        if result is not None and not isinstance(result, dict):
            raise TypeError("result")
        return SessionStatus(
            str(data["session_id"]),
            str(data["type"]),
            str(data["status"]),
            data["hint"],
            data["reason"],
            result,
            data.get("selection"),
        )
    except (KeyError, TypeError) as exc:
        raise UnexpectedResponse(200, "unexpected_response", "not a session status") from exc
