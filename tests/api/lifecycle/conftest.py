"""Fixtures for the lifecycle tests: a wall-clock-near frozen clock (outside tools check
validity against the real time), an initialised CA, a logged-in holder, a holder with a
downloaded certificate and a reviewer."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests import snapshots
from tests.conftest import Backend
from tests.holders import (
    FAST_PASSWORDS,
    Certified,
    Holder,
    Phone,
    make_holder,
    personal_certificate,
)

from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.main import create_app
from mcert.operator import service as operators
from mcert.operator.models import Operator
from mcert.runtime import Runtime

PASSWORD = "Bid#2026go"  # of ``certified``'s certificate


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return dict(FAST_PASSWORDS)


@dataclass(frozen=True)
class _World:
    saved: snapshots.Saved | None
    phone: Phone | None  # 张三's phone, when the world has him
    cert: dict[str, Any] | None  # his certificate, when he has one


_worlds: dict[tuple[str, ...], _World] = {}
_WORLD = pytest.StashKey[_World]()


@pytest.fixture
def ca(
    runtime: Runtime,
    clock: FrozenClock,
    backend: Backend,
    settings_overrides: dict[str, object],
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> Runtime:
    """The runtime with its CA initialised, and 张三 as the test asks for him: logged in with
    his consents given (``holder``), also holding a personal certificate downloaded with
    ``PASSWORD`` (``certified``).

    The module's first test on each backend that asks for the same sets it up (``ca
    init``, then :func:`make_holder` and :func:`personal_certificate` over HTTP, through an
    app of its own) and saves what that left (:mod:`tests.snapshots`); the module's later
    tests start from there: the same rows, keys, Redis entries and clock, and 张三's phone as
    it was. This fixture comes first among those that write (each depends on it), so
    nothing a test sets up is lost when the saved world is laid down.

    What lives only in a process's memory is not saved: a module whose tests read it (the
    counters of ``/metrics``) sets ``SET_UP_EVERY_TEST = True`` and each of its tests walks
    its own set-up, in the test's app.
    """
    if getattr(request.module, "SET_UP_EVERY_TEST", False):
        with runtime.sessions() as db:
            ca_service(runtime).init(db, runtime.clock.now())
        request.node.stash[_WORLD] = _World(None, None, None)
        return runtime
    names = request.fixturenames
    kind = "certified" if "certified" in names else "holder" if "holder" in names else "ca"
    key = (kind, backend.name, request.module.__name__, repr(sorted(settings_overrides.items())))
    world = _worlds.get(key)
    if world is None:
        with runtime.sessions() as db:
            ca_service(runtime).init(db, runtime.clock.now())
        phone, cert = None, None
        if kind != "ca":
            with TestClient(create_app(runtime=runtime)) as setup:
                h = make_holder(setup, runtime, clock)
                if kind == "certified":
                    cert = personal_certificate(h, PASSWORD)
                phone = Phone.of(h)
        saved = snapshots.save(runtime, backend, tmp_path_factory.mktemp(kind))
        world = _worlds[key] = _World(saved, phone, cert)
    else:
        assert world.saved is not None
        snapshots.load(world.saved, runtime, backend)
    request.node.stash[_WORLD] = world
    return runtime


@pytest.fixture
def holder(
    client: TestClient, ca: Runtime, clock: FrozenClock, request: pytest.FixtureRequest
) -> Holder:
    """张三 logged in on his phone, consents given (see ``ca``)."""
    if "certified" in request.fixturenames:
        certified: Certified = request.getfixturevalue("certified")
        return certified.holder
    phone = request.node.stash[_WORLD].phone
    if phone is None:  # nothing saved: walked over HTTP here
        return make_holder(client, ca, clock)
    return phone.holder(client, ca, clock)


@pytest.fixture
def certified(
    client: TestClient, ca: Runtime, clock: FrozenClock, request: pytest.FixtureRequest
) -> Certified:
    """张三 with a personal certificate downloaded with ``PASSWORD`` (see ``ca``)."""
    world = request.node.stash[_WORLD]
    if world.phone is None or world.cert is None:  # nothing saved: walked over HTTP here
        h = make_holder(client, ca, clock)
        return Certified(h, personal_certificate(h, PASSWORD))
    return Certified(world.phone.holder(client, ca, clock), copy.deepcopy(world.cert))


@pytest.fixture
def operator(ca: Runtime) -> Operator:
    with ca.sessions() as db:
        return operators.create_operator(
            db,
            ca,
            username="reviewer1",
            password="review-pass-123",
            role="reviewer",
            display_name="审核员一",
        )


@pytest.fixture
def rp_factory(ca: Runtime, client: TestClient, clock: FrozenClock):  # type: ignore[no-untyped-def]
    """Register a relying party and return an SDK client talking to the app in-process."""
    from mcert.rp import service as rp_service
    from mcert_rp import Client

    def make(
        name: str = "某某公共资源交易平台",
        ops: tuple[str, ...] = ("login", "sign", "decrypt"),
        callback_url: str | None = None,
    ) -> Client:
        with ca.sessions() as db:
            rp, secret = rp_service.create(
                db, ca, name=name, ops=list(ops), callback_url=callback_url
            )
        return Client(
            str(client.base_url),
            rp.client_id,
            secret,
            http=client,
            clock=lambda: clock.now().timestamp(),
        )

    return make
