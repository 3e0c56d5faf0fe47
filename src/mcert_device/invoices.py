"""Invoices on the device (开票): titles, applications, the list, downloads.

Functions over a :class:`~mcert_device.client.DeviceClient`; like the rest of
``mcert_device`` this never imports the server package ``mcert``.
"""

from __future__ import annotations

from typing import Any

from mcert_device.client import DeviceClient, DeviceError

TITLES = "/api/app/v1/invoice-titles"
BASE = "/api/app/v1/invoices"


def add_title(
    device: DeviceClient,
    kind: str,
    name: str,
    tax_no: str | None = None,
    **details: str | None,
) -> Any:
    """Save a title: ``kind`` personal or company (then ``tax_no``); details for 专票:
    address, phone, bank, bank_account."""
    body = {"kind": kind, "name": name, "tax_no": tax_no, **details}
    return device.request("POST", TITLES, json=body)


def titles(device: DeviceClient) -> Any:
    return device.request("GET", TITLES)


def apply(
    device: DeviceClient,
    order_ids: list[str],
    title_id: str,
    *,
    kind: str = "normal",
    email: str | None = None,
) -> Any:
    body = {"order_ids": order_ids, "title_id": title_id, "kind": kind, "email": email}
    return device.request("POST", BASE, json=body)


def invoices(device: DeviceClient) -> Any:
    return device.request("GET", BASE)


def invoice(device: DeviceClient, invoice_id: str) -> Any:
    return device.request("GET", f"{BASE}/{invoice_id}")


def resend(device: DeviceClient, invoice_id: str, email: str | None = None) -> Any:
    return device.request("POST", f"{BASE}/{invoice_id}/resend", json={"email": email})


def withdraw(device: DeviceClient, invoice_id: str) -> Any:
    """Withdraw a failed application (开票失败 → 已作废); its orders can be applied for again."""
    return device.request("POST", f"{BASE}/{invoice_id}/withdraw")


def download(device: DeviceClient, invoice_id: str, which: str = "pdf") -> bytes:
    """The invoice's ``pdf``, ``xml`` or ``red-pdf`` as bytes."""
    resp = device.http.request(
        "GET", f"{BASE}/{invoice_id}/files/{which}", headers=device._headers()
    )
    if resp.status_code >= 400:
        try:
            err = resp.json()["error"]
        except (ValueError, KeyError):
            err = {"code": "http_error", "message": resp.text[:200]}
        raise DeviceError(resp.status_code, err["code"], err["message"], err.get("details", {}))
    return resp.content
