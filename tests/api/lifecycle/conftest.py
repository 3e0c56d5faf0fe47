"""Fixtures for the lifecycle tests: a wall-clock-near frozen clock (outside tools check
validity against the real time), an initialised CA, a logged-in holder and a reviewer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from tests.holders import FAST_PASSWORDS, Holder, make_holder

from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.operator import service as operators
from mcert.operator.models import Operator
from mcert.runtime import Runtime


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return dict(FAST_PASSWORDS)


@pytest.fixture
def ca(runtime: Runtime) -> Runtime:
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
    return runtime


@pytest.fixture
def holder(client: TestClient, ca: Runtime, clock: FrozenClock) -> Holder:
    return make_holder(client, ca, clock)


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
