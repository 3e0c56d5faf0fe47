"""Device binding in a real browser (issue #9 item 3, docs/protocol.md section 6).

The app's device key is a non-extractable WebCrypto key in IndexedDB. What a script (or a
storage export) can read of the phone — tokens, device id and secret, wrapped keys, and the
key record as JSON — is not the device: the server refuses it on every binding-sensitive
call. A copy of the whole browser profile, opened by the same Chromium, carries the key's
structured clone and *is* the device as far as the server can tell; the test pins that too,
so the documentation stays honest.
"""

from __future__ import annotations

import base64
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mcert.clock import FrozenClock
from mcert.runtime import Runtime
from mcert_device.client import DeviceClient, DeviceError
from mcert_device.crypto import Keystore, generate_transport_key, public_key_jwk
from mcert_device.devicekey import generate_device_key
from tests.e2e.app import (
    download_in_app,
    field,
    login,
    paid_personal_order,
    watch,
)
from tests.e2e.conftest import skip_reason
from tests.e2e.test_device_change import PASSWORD, make_rp

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))


@pytest.fixture
def http(live_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_url, timeout=30) as client:
        yield client


EXPORT = """async () => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open('mcert-keystore')
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  const get = (key) => new Promise((resolve, reject) => {
    const r = db.transaction('device').objectStore('device').get(key)
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
  const self = await get('self')
  const key = await get('key')
  let exportError = null
  try {
    await crypto.subtle.exportKey('pkcs8', key.privateKey)
  } catch (e) {
    exportError = String(e.name)
  }
  return {
    tokens: JSON.parse(localStorage.getItem('mcert.tokens')),
    device_id: self.device_id,
    device_secret: Array.from(self.device_secret),
    key_json: JSON.stringify(key),
    extractable: key.privateKey.extractable,
    export_error: exportError,
  }
}"""


def test_exported_storage_is_refused_but_a_whole_profile_copy_is_the_device(
    launch: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    tmp_path: Path,
) -> None:
    holder = paid_personal_order(http, ca, clock, n=731)
    problems: list[str] = []
    ctx = launch()
    page = watch(ctx.new_page(), problems)
    login(page, live_url, ca, clock, holder.phone, "/certs")
    cert_id = download_in_app(page, live_url, PASSWORD)

    exported = page.evaluate(EXPORT)
    assert exported["extractable"] is False
    assert exported["export_error"] == "InvalidAccessError"
    assert exported["key_json"] == '{"privateKey":{},"publicKey":{}}'  # nothing to copy

    # Everything exported, driven by a script with a key of its own.
    copy = DeviceClient(
        http=http,
        keystore=Keystore(
            device_id=exported["device_id"],
            device_secret=bytes(exported["device_secret"]),
            device_key=generate_device_key(),
        ),
        access_token=exported["tokens"]["access_token"],
        refresh_token=exported["tokens"]["refresh_token"],
    )
    body = {"prehash": base64.urlsafe_b64encode(b"\0" * 32).rstrip(b"=").decode()}
    body["transport_key"] = public_key_jwk(generate_transport_key())  # type: ignore[assignment]
    unlock = f"/api/app/v1/certificates/{cert_id}/unlock"
    for proof, code in ((True, "device_proof_invalid"), (False, "device_proof_required")):
        with pytest.raises(DeviceError) as err:
            copy.request("POST", unlock, json=body, proof=proof)
        assert err.value.code == code
    assert holder.device.certificate(cert_id)["attempts_left"] == 5

    # The whole profile, copied while the browser is closed and opened again: the key's
    # structured clone came along, and the copy signs a scan-login like the original.
    ctx.close()
    profile = tmp_path / "profile"
    shutil.copytree(profile, tmp_path / "profile-copy")
    shutil.rmtree(profile)
    (tmp_path / "profile-copy").rename(profile)
    page = watch(launch().new_page(), problems)
    rp = make_rp(ca, live_url, clock)
    session = rp.start_login(display_text="登录 某某公共资源交易平台")
    page.goto(session.qr_text(0))
    page.get_by_test_id("scan-view").wait_for()
    field(page, "scan-password").fill(PASSWORD)
    page.get_by_test_id("scan-confirm").click()
    page.get_by_test_id("scan-result").filter(has_text="登录成功").wait_for()
    assert rp.collect(session.session_id).status == "complete"
    assert problems == []
