"""我的信息 and 注销账号 on the device: the data summary and export, account cancellation.

Functions over a :class:`~mcert_device.client.DeviceClient`; like the rest of
``mcert_device`` this never imports the server package ``mcert``.
"""

from __future__ import annotations

from typing import Any

from mcert_device.client import DeviceClient, DeviceError

CANCELLATION = "/api/app/v1/account/cancellation"


def summary(device: DeviceClient) -> Any:
    """Each category of personal data the server holds, with a count."""
    return device.request("GET", "/api/app/v1/privacy/data")


def export(device: DeviceClient, fmt: str = "json") -> bytes:
    """下载我的信息: the export file (``json`` or ``html``) as bytes."""
    resp = device.http.request(
        "GET", "/api/app/v1/privacy/export", params={"format": fmt}, headers=device._headers()
    )
    if resp.status_code >= 400:
        try:
            err = resp.json()["error"]
        except (ValueError, KeyError):
            err = {"code": "http_error", "message": resp.text[:200]}
        raise DeviceError(resp.status_code, err["code"], err["message"], err.get("details", {}))
    return resp.content


def cancellation(device: DeviceClient) -> Any:
    """The pending request (if any), the consequences and what blocks cancellation now."""
    return device.request("GET", CANCELLATION)


def cancellation_code(device: DeviceClient) -> Any:
    """Send the re-verification SMS code to the account's phone."""
    return device.request("POST", f"{CANCELLATION}/sms-code")


def cancel(device: DeviceClient, code: str) -> Any:
    """Ask for cancellation with the SMS code; done after the cooling-off period."""
    return device.request("POST", CANCELLATION, json={"code": code})


def withdraw(device: DeviceClient) -> Any:
    """撤销注销 during the cooling-off period."""
    return device.request("POST", f"{CANCELLATION}/withdraw")
