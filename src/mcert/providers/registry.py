"""Name → factory registry for provider implementations, with a reset for tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from mcert.errors import InvalidInput

T = TypeVar("T")


class UnknownProvider(InvalidInput):
    code = "provider_unknown"
    default_message = "未知的服务提供方"


class ProviderRegistry(Generic[T]):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._factories: dict[str, Callable[..., T]] = {}

    def register(self, name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
        def decorator(factory: Callable[..., T]) -> Callable[..., T]:
            self._factories[name] = factory
            return factory

        return decorator

    def create(self, name: str, **deps: Any) -> T:
        try:
            factory = self._factories[name]
        except KeyError:
            raise UnknownProvider(
                f"unknown {self.kind} provider {name!r}; known: {sorted(self._factories)}"
            ) from None
        return factory(**deps)

    def names(self) -> list[str]:
        return sorted(self._factories)
