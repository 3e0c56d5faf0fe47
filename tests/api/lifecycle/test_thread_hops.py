"""Thread-pool hops per request (issue #14): FastAPI runs every sync dependency as a
thread-pool job of its own, so dependencies that do no blocking I/O are async, and those
that touch the database — bearer token, device proof, consent, operator, the RP's
signature — run in the endpoint's own job (``mcert.http.routing.in_endpoint_job``). A
request that fails for another reason is still answered "who are you" first."""

from __future__ import annotations

import functools
import inspect
import json
import secrets
from collections.abc import Callable, Iterator
from typing import Any

import anyio.to_thread
import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from tests.holders import Holder, make_holder

from mcert.audit.service import Actor
from mcert.clock import FrozenClock
from mcert.http import deps
from mcert.http.routing import TransactionScopedRoute
from mcert.rp import service as rp_service
from mcert.rp.models import RelyingParty
from mcert.runtime import Runtime
from mcert_device.client import DeviceError
from mcert_rp import APIError
from mcert_rp import Client as RPClient


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every callable sent to AnyIO's worker threads while the test runs."""
    seen: list[str] = []
    original = anyio.to_thread.run_sync

    async def counting(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        named = func
        while isinstance(named, functools.partial):  # run_in_threadpool sends a partial
            named = named.func
        seen.append(getattr(named, "__name__", repr(named)))
        return await original(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    return seen


def test_an_authenticated_read_takes_one_hop_not_six(holder: Holder, hops: list[str]) -> None:
    holder.device.certificates()
    # The endpoint's job, which reads the bearer's session and user first. get_auth,
    # get_runtime, get_current_user, current_device_id and FastAPI's validation of a sync
    # endpoint's response used to be five more.
    assert hops == ["in_thread"]
    for name in ("get_runtime", "get_current_user", "current_device_id", "client_ip", "validate"):
        assert name not in hops


@pytest.mark.parametrize(
    "dependency",
    [deps.get_runtime, deps.get_current_user, deps.current_device_id, deps.client_ip],
)
def test_dependencies_without_io_are_async(dependency: Callable[..., Any]) -> None:
    assert inspect.iscoroutinefunction(dependency)


def _marked(call: Any) -> bool:
    return bool(getattr(call, "mcert_in_endpoint_job", False))


def _blocking(call: Any) -> bool:
    return callable(call) and not (
        inspect.iscoroutinefunction(call)
        or inspect.isasyncgenfunction(call)
        or inspect.isgeneratorfunction(call)
        or inspect.isclass(call)
    )


def _nodes(d: Dependant) -> Iterator[Dependant]:
    for sub in d.dependencies:
        yield sub
        yield from _nodes(sub)


def test_blocking_dependencies_run_in_the_endpoint_job(client: TestClient) -> None:
    checked = 0
    for context in iter_route_contexts(client.app.routes):  # type: ignore[attr-defined]
        route: Any = context.original_route
        if not (isinstance(route, TransactionScopedRoute) and route.records_dependencies):
            continue
        dependant: Dependant = context.dependant  # type: ignore[attr-defined]
        for node in _nodes(dependant):
            where = f"{sorted(route.methods)} {route.path}: {node.call}"
            # A plain sync dependency would be a thread-pool job of its own.
            assert not _blocking(node.call), where
            # One that reads a recorded dependency's result must be recorded too: on the
            # event loop it would see the record, not the result.
            if any(_marked(sub.call) for sub in node.dependencies):
                assert _marked(node.call), where
            checked += _marked(node.call)
    assert checked > 100  # the app, console and RP routes were walked


def test_an_authenticated_proven_request_is_one_job(
    client: TestClient, runtime: Runtime, clock: FrozenClock, hops: list[str]
) -> None:
    h = make_holder(client, runtime, clock)
    hops.clear()
    assert h.device.request("GET", "/api/app/v1/me")["devices"]
    assert hops == ["in_thread"]

    # Token, device proof and the endpoint: one job (the kept challenge from the answer
    # above is used, so no challenge request goes first). The endpoint itself refuses: the
    # session does not exist.
    hops.clear()
    body = {"cert_id": "c" * 16, "prehash": "AAAA", "transport_key": "AAAA"}
    with pytest.raises(DeviceError) as refused:
        h.device.request("POST", "/api/app/v1/scan/0123456789abcdef/prepare", proof=True, json=body)
    assert refused.value.code not in ("device_proof_required", "device_proof_invalid")
    assert refused.value.status in (404, 409, 422), refused.value
    assert hops == ["in_thread"]


def test_a_stranger_with_a_bad_body_is_told_to_log_in(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    bad = {"qr": 12345, "extra": "x" * 10}
    resp = client.post("/api/app/v1/scan", json=bad)
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "unauthenticated"

    resp = client.post(
        "/api/app/v1/scan", json=bad, headers={"Authorization": "Bearer not-a-token"}
    )
    assert resp.status_code == 401

    h = make_holder(client, runtime, clock)
    # Logged in but without the device proof: the proof is refused before the body is judged.
    headers = {"Authorization": f"Bearer {h.device.access_token}"}
    resp = client.post("/api/app/v1/scan/0123456789abcdef/prepare", json=bad, headers=headers)
    assert resp.status_code == 403, resp.text
    assert resp.json()["error"]["code"] == "device_proof_required"
    # Logged in, same bad body where no proof is needed: now the body is what is wrong.
    resp = client.post("/api/app/v1/scan", json=bad, headers=headers)
    assert resp.status_code == 422
    assert resp.json()["error"]["code"] == "invalid_request"


def test_a_relying_party_with_a_bad_signature_and_a_bad_body_hears_of_the_signature(
    client: TestClient, runtime: Runtime, clock: FrozenClock
) -> None:
    with runtime.sessions() as db:
        rp, _ = rp_service.create(
            db, runtime, name="某某交易平台", ops=["login"], callback_url=None
        )
    body = json.dumps({"type": "login", "challenge": 7}).encode()
    headers = {
        "X-MCert-Client-Id": rp.client_id,
        "X-MCert-Timestamp": str(int(clock.now().timestamp())),
        "X-MCert-Nonce": secrets.token_urlsafe(16),
        "X-MCert-Signature": "0" * 64,
        "Content-Type": "application/json",
    }
    resp = client.post("/api/rp/v1/sessions", content=body, headers=headers)
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "rp_signature_invalid"


def test_a_known_relying_party_is_one_job_and_still_checked_against_the_database(
    client: TestClient, runtime: Runtime, clock: FrozenClock, hops: list[str]
) -> None:
    with runtime.sessions() as db:
        rp, secret = rp_service.create(
            db, runtime, name="某某交易平台", ops=["login"], callback_url=None
        )
    sdk = RPClient(
        str(client.base_url),
        rp.client_id,
        secret,
        http=client,
        clock=lambda: clock.now().timestamp(),
    )
    # First POST from this client id: its headers are checked against the database before
    # the body is received (a job of its own), then the endpoint's job.
    sdk.start_login(display_text="登录某某交易平台")
    assert hops == ["headers_only", "in_thread"]
    hops.clear()
    sdk.start_login(display_text="登录某某交易平台")
    assert hops == ["in_thread"]

    # Known, then disabled: the body is received, and the endpoint's job refuses it.
    with runtime.sessions() as db:
        row = db.get(RelyingParty, rp.id)
        assert row is not None
        rp_service.update(db, runtime, row, actor=Actor.system("test"), enabled=False)
        db.commit()
    with pytest.raises(APIError) as refused:
        sdk.start_login(display_text="登录某某交易平台")
    assert refused.value.code == "rp_auth_failed"
