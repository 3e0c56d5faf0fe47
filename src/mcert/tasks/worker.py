"""Workers: loops that schedule the periodic jobs and run due tasks until stopped.

``mcert worker`` runs one or more in the foreground; ``mcert serve`` runs one in a thread
of each process (:class:`WorkerThread`) unless ``MCERT_INPROCESS_WORKER`` is off. Any
number may run against one PostgreSQL database.
"""

from __future__ import annotations

import logging
import threading

from mcert.runtime import Runtime
from mcert.tasks.queue import task_queue, worker_name

log = logging.getLogger(__name__)


class Worker:
    """One loop: schedule the periodic jobs, run what is due, sleep when nothing was."""

    def __init__(self, rt: Runtime, name: str = "", *, batch: int = 10) -> None:
        self.rt = rt
        self.queue = task_queue(rt)
        self.name = worker_name(name)
        self.batch = batch

    def tick(self) -> int:
        """One round; returns how many tasks ran."""
        self.queue.schedule_periodic()
        return self.queue.run_due(self.name, limit=self.batch)

    def run(self, stop: threading.Event) -> None:
        poll = self.rt.settings.worker_poll_seconds
        log.info("task worker %s started", self.name)
        while not stop.is_set():
            try:
                ran = self.tick()
            except Exception:  # the database may be down: wait and try again
                log.exception("task worker %s: round failed", self.name)
                ran = 0
            if ran == 0 and not stop.is_set():
                # A commit in this process wakes us at once; other processes' tasks wait
                # at most one poll interval.
                self.queue.wake.wait(poll)
                self.queue.wake.clear()
        log.info("task worker %s stopped", self.name)


class WorkerThread(threading.Thread):
    """A worker in a daemon thread; :meth:`stop` lets the task at hand finish."""

    def __init__(self, rt: Runtime, name: str = "inproc") -> None:
        super().__init__(name=f"mcert-worker-{name}", daemon=True)
        self._worker = Worker(rt, name)
        self._stop_event = threading.Event()

    def run(self) -> None:
        self._worker.run(self._stop_event)

    def stop(self, timeout: float | None = 10.0) -> None:
        self._stop_event.set()
        self._worker.queue.wake.set()
        self.join(timeout)
