"""Fixtures for scan-to-use against a live server on the real clock: QR frames must be
fresh (within 3 s of the server's count) and RP request timestamps within 5 minutes, so
these tests use the system clock, not a frozen one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests import pkitools
from tests.conftest import Backend
from tests.holders import FAST_PASSWORDS, Holder, certified_holder

from mcert.ca.service import ca_service
from mcert.clock import FrozenClock, SystemClock
from mcert.main import create_app
from mcert.rp import service as rp_service
from mcert.runtime import Runtime

PASSWORD = "Bid#2026go"
RP_NAME = "某某公共资源交易平台"


@pytest.fixture
def clock() -> SystemClock:  # the runtime's clock: real time
    return SystemClock()


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return dict(FAST_PASSWORDS)


@pytest.fixture
def server(runtime: Runtime) -> Iterator[str]:
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
    with pkitools.live_server(create_app(runtime=runtime)) as url:
        yield url


@dataclass
class Ready:
    holder: Holder
    cert: dict[str, Any]
    home: Path  # the holder's phone as a mcert-device home directory
    client_id: str
    secret: str

    @property
    def enc_pem(self) -> str:
        return self.holder.device.keystore.entries[self.cert["id"]].encryption_cert_pem


@pytest.fixture
def ready(
    server: str,
    client: TestClient,
    runtime: Runtime,
    tmp_path: Path,
    backend: Backend,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> Ready:
    """张三 with a downloaded personal certificate (walked over HTTP by the module's first
    test on each backend, laid down again for the others: :func:`certified_holder`), and a
    registered relying party."""
    # make_holder moves its clock past SMS resend intervals; the runtime does not need it.
    certified = certified_holder(
        client,
        runtime,
        FrozenClock(datetime.now(UTC)),
        backend,
        (backend.name, request.module.__name__),
        lambda: tmp_path_factory.mktemp("certified"),
        PASSWORD,
    )
    holder, cert = certified.holder, certified.cert
    home = tmp_path / "phone"
    holder.device.home = home
    holder.device.save()
    with runtime.sessions() as db:
        rp, secret = rp_service.create(
            db, runtime, name=RP_NAME, ops=["login", "sign", "decrypt", "seal"], callback_url=None
        )
        client_id = rp.client_id
    return Ready(holder, cert, home, client_id, secret)
