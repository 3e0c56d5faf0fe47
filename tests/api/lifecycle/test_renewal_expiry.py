"""Renewal after expiry (issue #9, item 17): no renewal once a certificate has expired; the
holder is told that it has expired and to apply for a new certificate."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography import x509
from tests.holders import Holder, personal_certificate

from mcert.clock import FrozenClock
from mcert_device.client import DeviceError

PASSWORD = "Bid#2026go"


def test_expired_certificate_is_not_renewed_and_the_holder_is_told_to_apply_again(
    holder: Holder, clock: FrozenClock
) -> None:
    cert = personal_certificate(holder, PASSWORD)
    not_after = x509.load_pem_x509_certificate(
        holder.device.keystore.entries[cert["id"]].signing_cert_pem.encode()
    ).not_valid_after_utc
    clock.set(not_after + timedelta(days=1))
    holder.login()
    detail = holder.device.certificate(cert["id"])
    assert (detail["status"], detail["status_label"]) == ("expired", "已过期")
    assert detail["renewable_now"] is False
    with pytest.raises(DeviceError) as info:
        holder.device.renew(cert["id"], 1, PASSWORD)
    assert (info.value.status, info.value.code) == (409, "cert_expired")
    assert "已过期" in info.value.message
    assert "重新申请" in info.value.message
    assert info.value.details["expired_at"].startswith(not_after.date().isoformat())
    # What it says to do works: a new application, real-name already done.
    assert holder.device.apply_personal(1)["kind"] == "new"


def test_renewal_at_the_last_second_and_the_first_second_after(
    holder: Holder, clock: FrozenClock
) -> None:
    cert = personal_certificate(holder, PASSWORD)
    not_after = x509.load_pem_x509_certificate(
        holder.device.keystore.entries[cert["id"]].signing_cert_pem.encode()
    ).not_valid_after_utc
    clock.set(not_after - timedelta(seconds=61))
    holder.login()  # advances 61 s: exactly at expiry
    with pytest.raises(DeviceError) as at_expiry:
        holder.device.renew(cert["id"], 1, PASSWORD)
    assert at_expiry.value.code == "cert_expired"
    clock.set(not_after - timedelta(seconds=120))
    assert holder.device.renew(cert["id"], 1, PASSWORD)["kind"] == "renewal"


def test_before_the_window_the_message_names_the_window(holder: Holder) -> None:
    cert = personal_certificate(holder, PASSWORD)
    with pytest.raises(DeviceError) as early:
        holder.device.renew(cert["id"], 1, PASSWORD)
    assert early.value.code == "renewal_not_open"
    assert early.value.message == "证书到期前90天内方可办理延期"
    assert "opens_at" in early.value.details
