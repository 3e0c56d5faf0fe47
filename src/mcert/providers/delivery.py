"""The sandboxes' outgoing HTTP: a daemon thread that posts what a sandbox service has due
(the payment gateway's notifications, the e-invoice service's callbacks), as the real
services push to a merchant's server on their own schedule."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # httpx (~60 ms to import) when the first worker starts, not on every start
    import httpx

log = logging.getLogger(__name__)


class DeliveryWorker(threading.Thread):
    """Calls ``deliver(http)`` every ``interval`` seconds with one HTTP client until stopped;
    a failed round is logged and the next one runs (a database hiccup must not end it)."""

    def __init__(self, name: str, deliver: Callable[[httpx.Client], Any], interval: float) -> None:
        super().__init__(name=name, daemon=True)
        self._deliver = deliver
        self._interval = interval
        self._stop_event = threading.Event()

    def run(self) -> None:
        import httpx

        with httpx.Client(timeout=10.0, follow_redirects=False) as http:
            while not self._stop_event.is_set():
                try:
                    self._deliver(http)
                except Exception:
                    log.exception("%s: delivery round failed", self.name)
                self._stop_event.wait(self._interval)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop_event.set()
        self.join(timeout)
