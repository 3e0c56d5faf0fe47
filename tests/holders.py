"""Test holders: logged-in reference devices, real-name data, images and documents."""

from __future__ import annotations

import copy
import functools
import io
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select

from mcert.clock import FrozenClock
from mcert.ident import make_resident_id, make_uscc
from mcert.runtime import Runtime
from mcert_device.client import DeviceClient
from mcert_device.crypto import Keystore
from tests import snapshots
from tests.conftest import FAST_PASSWORDS as FAST_PASSWORDS
from tests.conftest import Backend, last_code

# Pictures are made with numpy (a pixel loop in Python cost ~0.2 s each) and once per test
# process: they are bytes, so every caller may share them.


def _encode(pixels: np.ndarray, fmt: str) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8), "RGB").save(out, format=fmt)
    return out.getvalue()


@functools.cache
def face_jpeg(seed: int = 1) -> bytes:
    """A varied, not-red, not-dark picture: the sandbox face check passes it."""
    rng = np.random.default_rng(seed)
    return _encode(140 + rng.integers(-60, 61, size=(120, 160, 3)), "JPEG")


@functools.cache
def red_jpeg() -> bytes:
    """The sandbox reads a mostly red picture as someone else's face."""
    rng = np.random.default_rng(7)
    low = rng.integers(0, 41, size=(120, 160, 3))
    low[..., 0] = 200 + rng.integers(0, 56, size=(120, 160))
    return _encode(low, "JPEG")


@functools.cache
def licence_png(text_seed: int = 3) -> bytes:
    """A scanned-looking grey page."""
    grey = np.random.default_rng(text_seed).integers(180, 256, size=(200, 300, 1))
    return _encode(np.repeat(grey, 3, axis=2), "PNG")


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
        self.device.login(self.phone, last_code(self.runtime, self.phone), agree=True)

    def consent(self, *documents: str) -> None:
        """Agree to the separate consents, as a holder does on the consent sheets (all three
        when none is named)."""
        for document in documents or CONSENTS:
            self.device.grant_consent(document)

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

    def user_id(self) -> str:
        """The holder's account id, found the way the server does (blind index)."""
        from mcert.account.models import User

        with self.runtime.sessions() as db:
            bidx = self.runtime.blind_index.compute(self.phone)
            return str(db.scalars(select(User.id).where(User.phone_bidx == bidx)).one())

    def pending(self) -> list[dict[str, Any]]:
        return [c for c in self.device.certificates() if c["status"] == "pending_download"]


CONSENTS = ("face", "realname", "company_documents")


def make_holder(
    client: TestClient,
    runtime: Runtime,
    clock: FrozenClock,
    n: int = 1,
    name: str = "张三",
    *,
    consent: bool = True,
) -> Holder:
    """A logged-in holder (agreed to the agreements); ``consent`` also gives the separate
    consents to face, real-name and company documents, as most flows need."""
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
    if consent:
        h.consent()
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


@dataclass(frozen=True)
class Certified:
    holder: Holder
    cert: dict[str, Any]  # the download's ``certificate``


@dataclass(frozen=True)
class Phone:
    """What a holder's phone keeps (:class:`DeviceClient` state), to be picked up again by
    another test: the person, the keystore, the session and the kept proof challenge."""

    person: tuple[str, str, str]  # phone number, name, id number
    device_name: str
    keystore: dict[str, Any]
    access_token: str | None
    refresh_token: str | None
    challenge: str | None
    challenge_left: float  # seconds the kept challenge had left

    @classmethod
    def of(cls, h: Holder) -> Phone:
        dev = h.device
        return cls(
            (h.phone, h.name, h.id_number),
            dev.device_name,
            dev.keystore.to_json(),
            dev.access_token,
            dev.refresh_token,
            dev.next_challenge,
            dev.next_challenge_until - time.monotonic(),
        )

    def holder(self, client: TestClient, runtime: Runtime, clock: FrozenClock) -> Holder:
        device = DeviceClient(
            http=client,
            keystore=Keystore.from_json(self.keystore),
            device_name=self.device_name,
            access_token=self.access_token,
            refresh_token=self.refresh_token,
            next_challenge=self.challenge,
            next_challenge_until=time.monotonic() + self.challenge_left,
        )
        return Holder(client, runtime, clock, *self.person, device)


_certified: dict[Hashable, tuple[snapshots.Saved, Phone, dict[str, Any]]] = {}


def certified_holder(
    client: TestClient,
    runtime: Runtime,
    clock: FrozenClock,
    backend: Backend,
    key: Hashable,
    folder: Callable[[], Path],
    password: str = "Bid#2026go",
) -> Certified:
    """张三 (:func:`make_holder`) with a personal certificate downloaded with ``password``
    (:func:`personal_certificate`), in ``runtime`` (its CA initialised).

    The first call for a ``key`` walks it over HTTP and saves what it left in a new
    ``folder()`` (:mod:`tests.snapshots`); later calls with the same ``key`` start from
    there instead: the same rows, keys and Redis entries, the phone's keystore and session.
    ``key`` names what must be equal for that to be the same start (the backend, the
    settings); a test module's calls share one.
    """
    saved = _certified.get(key)
    if saved is None:
        holder = make_holder(client, runtime, clock)
        cert = personal_certificate(holder, password)
        world = snapshots.save(runtime, backend, folder())
        _certified[key] = (world, Phone.of(holder), copy.deepcopy(cert))
        return Certified(holder, cert)
    world, phone, cert = saved
    snapshots.load(world, runtime, backend)
    return Certified(phone.holder(client, runtime, clock), copy.deepcopy(cert))


USCC: Callable[[int], str] = lambda n: make_uscc(seq=n)  # noqa: E731
