"""Thread-pool hops per request (issue #14): FastAPI runs every sync dependency as a
thread-pool job of its own, so dependencies that do no blocking I/O are async."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio.to_thread
import pytest
from tests.holders import Holder

from mcert.http import deps


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every callable sent to AnyIO's worker threads while the test runs."""
    seen: list[str] = []
    original = anyio.to_thread.run_sync

    async def counting(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        seen.append(getattr(func, "__name__", repr(func)))
        return await original(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    return seen


def test_an_authenticated_read_takes_two_hops_not_six(holder: Holder, hops: list[str]) -> None:
    holder.device.certificates()
    # The database read of the bearer's session and user, and the endpoint. get_runtime,
    # get_current_user, current_device_id and FastAPI's validation of a sync endpoint's
    # response used to be four more.
    assert len(hops) == 2, hops
    for name in ("get_runtime", "get_current_user", "current_device_id", "client_ip", "validate"):
        assert name not in hops


@pytest.mark.parametrize(
    "dependency",
    [deps.get_runtime, deps.get_current_user, deps.current_device_id, deps.client_ip],
)
def test_dependencies_without_io_are_async(dependency: Callable[..., Any]) -> None:
    import inspect

    assert inspect.iscoroutinefunction(dependency)
