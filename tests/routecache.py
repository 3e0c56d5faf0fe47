"""One FastAPI route state per route for the whole test process, instead of one per app.

FastAPI builds the state of an included route (its dependant, parameter and response
fields: pydantic adapters for every parameter) lazily, once per app, on the first request
that walks past it: ~0.45 s on the first request of every app mCert builds. The tests build
an app per test (``client``, live servers), and the routers and their routes are
module-level objects, identical in every app. :func:`install` makes FastAPI build a route's
state once per process and hand the same state to every later app that includes the route
the same way (kept on the route object: a route built per app, ``webapp_router()`` …,
goes with its app).

The shared state is built without the app as its ``dependency_overrides_provider`` (it
would keep the first app alive and answer for every later one): ``app.dependency_overrides``
would be ignored, and the tests do not use it — :func:`install` refuses an app that does.
If FastAPI no longer has the internals this relies on, :func:`install` does nothing: the
tests are slower, not different.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import routing
from fastapi.dependencies import models as dependency_models

_Context: Any = getattr(routing, "_EffectiveRouteContext", None)
_build: list[Any] = []  # FastAPI's own builder, once installed
# Kept on the route itself, so that a route built per app (``webapp_router()`` …) is
# forgotten with its app.
_STATES = "_mcert_test_states"


def _shared(cls: Any, *, original_route: Any, include_context: Any) -> Any:
    provider = include_context.dependency_overrides_provider
    if getattr(provider, "dependency_overrides", None):
        raise AssertionError("tests/routecache.py: app.dependency_overrides would be ignored")
    context = dataclasses.replace(include_context, dependency_overrides_provider=None)
    states: list[tuple[Any, Any]] = original_route.__dict__.setdefault(_STATES, [])
    for seen, state in states:
        if seen == context:
            return state
    state = _build[0](cls, original_route=original_route, include_context=context)
    states.append((context, state))
    return state


def install() -> None:
    built = _Context.__dict__.get("from_api_route") if _Context is not None else None
    if _build or not isinstance(built, classmethod) or not dataclasses.is_dataclass(_Context):
        return
    _build.append(built.__func__)
    _Context.from_api_route = classmethod(_shared)


# FastAPI remembers whether each endpoint and dependency is a coroutine or a generator in
# caches of 4 096 entries. The endpoints an app makes for itself (``/docs``, the web app's
# catch-all …) close over the app: each test's app, its runtime and everything they hold
# stayed in memory for hundreds of tests after it (~5 000 objects a test), and every full
# garbage collection walked them all (a quarter of a lifecycle module's time).
_CLASSIFICATIONS = [
    getattr(dependency_models, name, None)
    for name in (
        "_is_gen_callable_cached",
        "_is_async_gen_callable_cached",
        "_is_coroutine_callable_cached",
    )
]


def forget_apps() -> None:
    """Let the apps of finished tests go (after each test)."""
    for cache in _CLASSIFICATIONS:
        if cache is not None and hasattr(cache, "cache_clear"):
            cache.cache_clear()
