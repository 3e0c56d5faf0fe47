"""Electronic seals on the device (电子印章): preview, apply, list, claim.

Functions over a :class:`~mcert_device.client.DeviceClient` (the client itself stays the
account/certificate protocol). A claimed seal is kept in the device home as two files,
``seals/<id>.der`` (the signed GB/T 38540 seal data) and ``seals/<id>.png`` (its image),
which the signing of PDFs (the next issue) reads. Like the rest of ``mcert_device`` this
never imports the server package ``mcert``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mcert_device.client import DeviceClient, DeviceError
from mcert_device.codec import b64u_decode

BASE = "/api/app/v1/seals"


def _form(
    cert_id: str | None,
    seal_type: str,
    image: tuple[str, bytes],
    strokes: list[Any] | None,
) -> dict[str, Any]:
    data = {"seal_type": seal_type}
    if cert_id is not None:
        data["cert_id"] = cert_id
    if strokes is not None:
        data["strokes"] = json.dumps(strokes, separators=(",", ":"))
    name, content = image
    kind = "image/png" if content.startswith(b"\x89PNG") else "image/jpeg"
    return {"data": data, "files": {"image": (name, content, kind)}}


def _raw(device: DeviceClient, method: str, path: str, **kwargs: Any) -> bytes:
    resp = device.http.request(method, path, headers=device._headers(), **kwargs)
    if resp.status_code >= 400:
        try:
            err = resp.json()["error"]
        except (ValueError, KeyError):
            err = {"code": "http_error", "message": resp.text[:200]}
        raise DeviceError(resp.status_code, err["code"], err["message"], err.get("details", {}))
    return resp.content


def preview(
    device: DeviceClient,
    seal_type: str,
    image: tuple[str, bytes],
    strokes: list[Any] | None = None,
) -> bytes:
    """The extracted seal (PNG) the holder sees before submitting; nothing is stored."""
    return _raw(device, "POST", f"{BASE}/preview", **_form(None, seal_type, image, strokes))


def apply(
    device: DeviceClient,
    cert_id: str,
    seal_type: str,
    image: tuple[str, bytes],
    strokes: list[Any] | None = None,
) -> Any:
    """申请印章: a photo of the stamp, or the signature pad's PNG and its strokes."""
    return device.request("POST", BASE, **_form(cert_id, seal_type, image, strokes))


def seals(device: DeviceClient, group: str | None = None) -> Any:
    return device.request("GET", BASE, params={"group": group} if group else None)


def seal(device: DeviceClient, seal_id: str) -> Any:
    return device.request("GET", f"{BASE}/{seal_id}")


def image(device: DeviceClient, seal_id: str) -> bytes:
    return _raw(device, "GET", f"{BASE}/{seal_id}/image")


def claim(device: DeviceClient, seal_id: str, password: str, home: Path | None = None) -> Any:
    """申领 with the certificate password; the seal data and image are kept in ``home``."""
    cert_id = seal(device, seal_id)["cert_id"]
    body = device.request(
        "POST",
        f"{BASE}/{seal_id}/claim",
        proof=True,
        json={"prehash": device._prehash(cert_id, password)},
    )
    if home is not None:
        folder = home / "seals"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        (folder / f"{seal_id}.der").write_bytes(b64u_decode(body["seseal"]))
        (folder / f"{seal_id}.png").write_bytes(image(device, seal_id))
    return body
