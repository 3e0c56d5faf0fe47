"""Two `mcert serve` nodes sharing PostgreSQL and Redis (issue #14, item 4; docs/deploy.md).

Two real server processes on different ports, started as an operator would, against one
database, one Redis and one CA key backend. A whole scan login is driven with every
request going to the other node than the one before (the QR is bound on one node and
completed on the other; each device-proof challenge is issued by one node and used on the
other); a relying party's signed request replayed on the other node is refused (the nonce
is in Redis); the SMS limits count requests made to either node; and the periodic jobs,
scheduled by the task worker inside each node, run once per period.

PostgreSQL + Redis only: SQLite is one file on one host. Skipped without
``MCERT_TEST_DATABASE_URL`` and ``MCERT_TEST_REDIS_URL``.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.conftest import agreed, cli_env, device, last_code
from tests.holders import FAST_PASSWORDS, make_holder, personal_certificate
from tests.pkitools import free_port

from mcert.ca.service import ca_service
from mcert.clock import FrozenClock, SystemClock
from mcert.rp import service as rp_service
from mcert.runtime import Runtime
from mcert.tasks.models import Task
from mcert.tasks.queue import _PERIODIC, periodic_kinds
from mcert_rp import Client, Verifier

pytestmark = pytest.mark.slow

PASSWORD = "Bid#2026go"
RP_NAME = "某某公共资源交易平台"
JOBS_INTERVAL = 1.0


@pytest.fixture
def clock() -> SystemClock:
    return SystemClock()


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return dict(FAST_PASSWORDS)


class Alternating(httpx.Client):
    """Sends each request to the next node in turn; remembers which node answered what."""

    def __init__(self, bases: list[str]) -> None:
        super().__init__(timeout=30.0)
        self.bases = bases
        self.turn = 0
        self.log: list[tuple[str, str, str]] = []  # (node, method, path)

    def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> httpx.Response:
        path = str(url)
        if not path.startswith("http"):
            base = self.bases[self.turn % len(self.bases)]
            self.turn += 1
            self.log.append((base, method, path.split("?")[0]))
            url = base + path
        return super().request(method, url, *args, **kwargs)


@dataclass
class Node:
    proc: subprocess.Popen[bytes]
    base: str
    log: Path

    def wait_until_up(self) -> None:
        """Until it answers ``/healthz``; fails if it exits or takes 60 s."""
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"node {self.base} exited: {self.log.read_text()[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"node {self.base} did not start: {self.log.read_text()[-3000:]}"
                )
            time.sleep(0.2)


@contextlib.contextmanager
def node(env: dict[str, str], port: int, log: Path) -> Iterator[Node]:
    """``mcert serve --port PORT`` in its own process, started: :meth:`Node.wait_until_up`
    waits until it answers (each node spends seconds importing; several start at once)."""
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mcert.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        yield Node(proc, f"http://127.0.0.1:{port}", log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture
def nodes(runtime: Runtime, tmp_path: Path) -> Iterator[list[str]]:
    if not runtime.settings.effective_database_url.startswith("postgresql"):
        pytest.skip("several nodes need PostgreSQL (SQLite is one file on one host)")
    if not runtime.settings.redis_url:
        pytest.skip("several nodes need Redis (MCERT_TEST_REDIS_URL)")
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
    ports = [free_port(), free_port()]
    env = cli_env(runtime)
    env.pop("MCERT_TASKS_EAGER", None)  # tasks go through the queue, as deployed
    env |= {
        # One public address for both, as behind a load balancer.
        "MCERT_PUBLIC_URL": f"http://127.0.0.1:{ports[0]}",
        "MCERT_SMS_IP_HOURLY_LIMIT": "4",
        "MCERT_JOBS_INTERVAL_SECONDS": str(JOBS_INTERVAL),
        "MCERT_WORKER_POLL_SECONDS": "0.2",
    }
    with contextlib.ExitStack() as stack:
        started = [
            stack.enter_context(node(env, p, tmp_path / f"node{i}.log"))
            for i, p in enumerate(ports)
        ]
        for n in started:
            n.wait_until_up()
        yield [n.base for n in started]


def test_a_scan_login_alternating_between_two_nodes(
    nodes: list[str], client: TestClient, runtime: Runtime
) -> None:
    holder = make_holder(client, runtime, FrozenClock(datetime.now(UTC)))
    cert = personal_certificate(holder, PASSWORD)
    with runtime.sessions() as db:
        rp, secret = rp_service.create(db, runtime, name=RP_NAME, ops=["login"], callback_url=None)
        client_id = rp.client_id

    http = Alternating(nodes)
    holder.device.http = http
    sdk = Client(nodes[0], client_id, secret, http=http)
    handle = sdk.start_login(display_text=f"登录 {RP_NAME}")
    view = holder.device.scan(handle.current_qr())
    assert view["session_id"] == handle.session_id
    holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    status = sdk.collect(handle.session_id)
    assert status.status == "complete"
    root = httpx.get(f"{nodes[1]}/pki/ca/root.crt").content
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    pem = x509.load_der_x509_certificate(root).public_bytes(Encoding.PEM)
    Verifier([pem], client_id=client_id, rp_name=RP_NAME).verify_login(status, handle)

    # Every step went to the other node than the step before, both nodes served.
    steps = [(base, path) for base, _, path in http.log]
    assert [b for b, _ in steps] == [nodes[i % 2] for i in range(len(steps))]
    paths = [p for _, p in steps]
    assert paths[0] == "/api/rp/v1/sessions"
    assert paths[1] == "/api/app/v1/scan"
    assert any(p.endswith("/prepare") for p in paths)
    assert any(p.endswith("/complete") for p in paths)
    # The device's proof challenge came with the answer before prepare (docs/protocol.md
    # section 6), from one node, and was used on the other.
    assert "/api/app/v1/device/challenge" not in paths
    prepare_at = next(i for i, p in enumerate(paths) if p.endswith("/prepare"))
    assert steps[prepare_at - 1][0] != steps[prepare_at][0]


def test_a_nonce_replayed_on_the_other_node_is_refused(nodes: list[str], runtime: Runtime) -> None:
    with runtime.sessions() as db:
        rp, secret = rp_service.create(db, runtime, name=RP_NAME, ops=["login"], callback_url=None)
        client_id = rp.client_id
    sent: list[httpx.Request] = []
    with httpx.Client(base_url=nodes[0], event_hooks={"request": [sent.append]}) as a:
        Client(nodes[0], client_id, secret, http=a).start_login(display_text="登录")
    original = sent[0]
    replay = httpx.post(
        f"{nodes[1]}{original.url.path}", headers=dict(original.headers), content=original.content
    )
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "rp_nonce_reused"
    # And on the node that took it first, of course.
    again = httpx.post(
        f"{nodes[0]}{original.url.path}", headers=dict(original.headers), content=original.content
    )
    assert again.json()["error"]["code"] == "rp_nonce_reused"


def test_sms_limits_count_across_nodes(nodes: list[str], runtime: Runtime) -> None:
    def ask(node: str, phone: str) -> httpx.Response:
        return httpx.post(f"{node}/api/app/v1/auth/sms-code", json={"phone": phone})

    # The per-phone resend interval: a code from node A, then node B refuses another.
    assert ask(nodes[0], "13911110001").status_code == 200
    second = ask(nodes[1], "13911110001")
    assert second.status_code == 429
    assert second.json()["error"]["code"] == "sms_too_soon"
    # The per-address hourly limit (4 here, every request counts, refused ones too): two
    # more phones on B and A, and the fifth request, on B, is refused.
    assert ask(nodes[1], "13911110002").status_code == 200
    assert ask(nodes[0], "13911110003").status_code == 200
    fourth = ask(nodes[1], "13911110004")
    assert fourth.status_code == 429
    assert fourth.json()["error"]["code"] == "rate_limited"
    assert "retry-after" in fourth.headers
    # The code sent through node A logs in through node B.
    code = last_code(runtime, "13911110001")
    login = httpx.post(
        f"{nodes[1]}/api/app/v1/auth/login",
        json={
            "phone": "13911110001",
            "code": code,
            "agreements": agreed(),
            "device": device(7, code=code),
        },
    )
    assert login.status_code == 200, login.text


def test_periodic_jobs_run_once_per_period_with_two_nodes(
    nodes: list[str], runtime: Runtime
) -> None:
    kinds = set(periodic_kinds())
    assert kinds
    nodes_settings = runtime.settings.model_copy(update={"jobs_interval_seconds": JOBS_INTERVAL})
    frequent = {k for k in kinds if _PERIODIC[k](nodes_settings) == JOBS_INTERVAL}
    assert frequent  # the jobs that follow MCERT_JOBS_INTERVAL_SECONDS

    def slots() -> dict[str, Counter[str]]:
        with runtime.sessions() as db:
            tasks = db.scalars(select(Task).where(Task.kind.in_(kinds))).all()
        found: dict[str, Counter[str]] = {}
        for t in tasks:
            assert t.dedupe_key is not None
            found.setdefault(t.kind, Counter())[t.dedupe_key] += 1
            assert t.attempts <= 1, (t.kind, t.dedupe_key, t.attempts)  # never run twice
        return found

    # Both nodes' workers schedule every kind at start and the frequent ones each period:
    # wait (at most 30 s) until each frequent kind has had three periods.
    deadline = time.monotonic() + 30
    while not all(len(slots().get(k, ())) >= 3 for k in frequent):
        assert time.monotonic() < deadline, slots()
        time.sleep(JOBS_INTERVAL / 4)
    found = slots()  # a slot's row is unique (tasks.dedupe_key): the other node's insert lost
    for kind in kinds:
        assert kind in found, f"{kind} never scheduled"
        assert max(found[kind].values()) == 1  # one row per period, not one per node
