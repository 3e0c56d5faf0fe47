"""Test holders: logged-in reference devices, real-name data, images and documents."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from PIL import Image

from mcert.clock import FrozenClock
from mcert.ident import make_resident_id, make_uscc
from mcert.runtime import Runtime
from mcert_device.client import DeviceClient
from tests.conftest import FAST_PASSWORDS as FAST_PASSWORDS
from tests.conftest import last_code


def face_jpeg(seed: int = 1) -> bytes:
    """A varied, not-red, not-dark picture: the sandbox face check passes it."""
    rnd = random.Random(seed)
    img = Image.new("RGB", (160, 120))
    img.putdata(
        [
            tuple(max(0, min(255, 140 + rnd.randint(-60, 60))) for _ in range(3))
            for _ in range(160 * 120)
        ]
    )  # type: ignore[misc]
    out = io.BytesIO()
    img.save(out, format="JPEG")
    return out.getvalue()


def red_jpeg() -> bytes:
    """The sandbox reads a mostly red picture as someone else's face."""
    rnd = random.Random(7)
    img = Image.new("RGB", (160, 120))
    img.putdata(
        [
            (200 + rnd.randint(0, 55), rnd.randint(0, 40), rnd.randint(0, 40))
            for _ in range(160 * 120)
        ]
    )
    out = io.BytesIO()
    img.save(out, format="JPEG")
    return out.getvalue()


def licence_png(text_seed: int = 3) -> bytes:
    rnd = random.Random(text_seed)
    img = Image.new("RGB", (300, 200), (250, 250, 245))
    img.putdata([(rnd.randint(180, 255),) * 3 for _ in range(300 * 200)])
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def pdf_document() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Holder:
    def __init__(
        self,
        client: TestClient,
        runtime: Runtime,
        clock: FrozenClock,
        phone: str,
        name: str,
        id_number: str,
        device: DeviceClient,
    ) -> None:
        self.client, self.runtime, self.clock = client, runtime, clock
        self.phone, self.name, self.id_number, self.device = phone, name, id_number, device

    def login(self) -> None:
        self.clock.advance(61)  # past the resend interval of an earlier code
        self.device.request_code(self.phone)
        self.device.login(self.phone, last_code(self.runtime, self.phone))

    def verify_by_phone(self) -> Any:
        attempt = self.device.realname_phone(self.name, self.id_number)
        return self.device.realname_face(attempt["id"], face_jpeg())

    def pay(self, order_id: str) -> Any:
        order = self.device.pay_in_sandbox(order_id)
        assert order["status"] == "completed", order
        return order

    def new_device(self, name: str = "新手机") -> Holder:
        """The same person on another phone (a fresh install)."""
        other = DeviceClient(http=self.client, device_name=name)
        h = Holder(
            self.client, self.runtime, self.clock, self.phone, self.name, self.id_number, other
        )
        h.login()
        return h

    def pending(self) -> list[dict[str, Any]]:
        return [c for c in self.device.certificates() if c["status"] == "pending_download"]


def make_holder(
    client: TestClient, runtime: Runtime, clock: FrozenClock, n: int = 1, name: str = "张三"
) -> Holder:
    phone = f"1390000{n:04d}"
    ident = make_resident_id(seq=n)
    h = Holder(
        client,
        runtime,
        clock,
        phone,
        name,
        ident,
        DeviceClient(http=client, device_name=f"测试手机{n}"),
    )
    h.login()
    return h


def personal_certificate(h: Holder, password: str = "Bid#2026go", years: int = 1) -> dict[str, Any]:
    """Real-name → apply → pay → download: the whole personal path."""
    if not h.device.realname_status()["verified"]:
        h.verify_by_phone()
    order = h.device.apply_personal(years)
    h.pay(order["id"])
    [pending] = h.pending()
    result = h.device.download(pending["id"], password=password)
    return dict(result["certificate"])


USCC: Callable[[int], str] = lambda n: make_uscc(seq=n)  # noqa: E731
