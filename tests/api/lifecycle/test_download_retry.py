"""A download fetched again with the same CSR (issue #9, item 2).

The retry releases the server share and the escrowed encryption key once more, so it must
prove the password like an unlock: counted toward the lock, refused while locked, only for
``download_retry_minutes`` after the download, and never after the password was changed or
reset.
"""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import httpx
import pytest
from tests.holders import FAST_PASSWORDS, Holder, face_jpeg

from mcert.clock import FrozenClock
from mcert.runtime import Runtime
from mcert_device.client import DeviceError
from mcert_device.crypto import (
    build_csr,
    generate_signing_key,
    generate_transport_key,
    open_sealed,
    password_prehash,
    public_key_jwk,
    seal_aad,
)

PASSWORD = "Bid#2026go"


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class FirstDownload:
    """A pending certificate downloaded over raw HTTP, keeping the CSR a retry resends."""

    def __init__(self, holder: Holder) -> None:
        self.holder = holder
        holder.verify_by_phone()
        holder.pay(holder.device.apply_personal(1)["id"])
        [pending] = holder.pending()
        self.cert_id: str = pending["id"]
        self.csr = build_csr(generate_signing_key()).decode()
        self.body = self.post({"password": PASSWORD})

    def post(self, extra: dict[str, Any]) -> Any:
        transport = generate_transport_key()
        body = self.holder.device.request(
            "POST",
            f"/api/app/v1/certificates/{self.cert_id}/download",
            json={"csr": self.csr, "transport_key": public_key_jwk(transport), **extra},
            proof=True,
        )
        body["_transport"] = transport
        return body

    def prehash(self, password: str = PASSWORD) -> str:
        params = self.holder.device.request(
            "GET", f"/api/app/v1/certificates/{self.cert_id}/prehash"
        )
        return b64u(
            password_prehash(
                password, base64.urlsafe_b64decode(params["salt"] + "=="), params["iterations"]
            )
        )

    def retry(self, password: str | None = PASSWORD) -> Any:
        return self.post({"prehash": self.prehash(password)} if password is not None else {})

    def refused(self, password: str | None = PASSWORD) -> DeviceError:
        with pytest.raises(DeviceError) as info:
            self.retry(password)
        return info.value


@pytest.fixture
def first(holder: Holder) -> FirstDownload:
    return FirstDownload(holder)


def test_retry_with_the_password_returns_the_same_certificates(
    first: FirstDownload, holder: Holder
) -> None:
    again = first.retry()
    assert again["signing_cert"] == first.body["signing_cert"]
    share = open_sealed(
        again["_transport"],
        again["sealed_server_share"],
        seal_aad(first.cert_id, holder.device.keystore.device_id, "server-share"),
    )
    assert len(share) == 32


def test_retry_without_the_password_is_refused(first: FirstDownload) -> None:
    refused = first.refused(password=None)
    assert (refused.status, refused.code) == (422, "password_required")


def test_wrong_passwords_on_retry_count_toward_the_lock(first: FirstDownload, ca: Runtime) -> None:
    for left in range(ca.settings.password_max_failures - 1, 0, -1):
        wrong = first.refused("Wrong#pass1")
        assert (wrong.code, wrong.details["attempts_left"]) == ("password_wrong", left)
    assert first.refused("Wrong#pass1").code == "cert_locked"
    assert first.holder.device.certificate(first.cert_id)["locked"] is True


def test_locked_certificate_releases_nothing_on_retry(first: FirstDownload) -> None:
    for _ in range(5):
        with pytest.raises(DeviceError):
            first.holder.device.unlock(first.cert_id, "Wrong#pass1")
    refused = first.refused(PASSWORD)  # even with the right password
    assert (refused.status, refused.code) == (403, "cert_locked")


def test_retry_expires(first: FirstDownload, clock: FrozenClock, ca: Runtime) -> None:
    clock.advance(timedelta(minutes=ca.settings.download_retry_minutes - 1))
    first.retry()
    clock.advance(timedelta(minutes=1, seconds=1))
    refused = first.refused()
    assert (refused.status, refused.code) == (409, "download_retry_expired")


@pytest.mark.parametrize("settings_overrides", [{**FAST_PASSWORDS, "download_retry_minutes": 0}])
def test_retry_can_be_switched_off(first: FirstDownload) -> None:
    assert first.refused().code == "download_retry_expired"


def test_password_change_ends_the_retry(first: FirstDownload) -> None:
    first.holder.device.request(
        "POST",
        f"/api/app/v1/certificates/{first.cert_id}/password",
        json={"old_prehash": first.prehash(), "new_password": "New#pass2026"},
        proof=True,
    )
    assert first.refused("New#pass2026").code == "download_retry_expired"
    assert first.refused(PASSWORD).code == "download_retry_expired"


def test_password_reset_ends_the_retry(first: FirstDownload) -> None:
    device = first.holder.device
    device.reset_password(first.cert_id, device.face_check(face_jpeg(2)), "New#pass2026")
    assert first.refused("New#pass2026").code == "download_retry_expired"


def test_device_client_retries_a_lost_answer_with_the_password(holder: Holder) -> None:
    """The reference device resends the same CSR with the pre-hash when the answer to its
    download is lost; the certificates it installs are the ones issued the first time."""
    holder.verify_by_phone()
    holder.pay(holder.device.apply_personal(1)["id"])
    [pending] = holder.pending()
    original = holder.device.request
    calls: list[dict[str, Any]] = []

    def lossy(method: str, path: str, **kwargs: Any) -> Any:
        answer = original(method, path, **kwargs)
        if path.endswith("/download"):
            calls.append(kwargs["json"])
            if len(calls) == 1:
                raise httpx.ReadError("connection reset")
        return answer

    holder.device.request = lossy  # type: ignore[method-assign]
    try:
        result = holder.device.download(pending["id"], password=PASSWORD)
    finally:
        holder.device.request = original  # type: ignore[method-assign]
    assert [("prehash" in c, c["csr"]) for c in calls] == [
        (False, calls[0]["csr"]),
        (True, calls[0]["csr"]),
    ]
    assert holder.device.certificate(pending["id"])["status"] == "active"
    holder.device.unlock(pending["id"], PASSWORD)
    assert result["certificate"]["id"] == pending["id"]
