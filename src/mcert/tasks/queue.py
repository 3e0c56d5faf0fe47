"""The task queue: rows enqueued in the caller's transaction, claimed, run and settled by
workers in short transactions of their own.

- :func:`enqueue` adds a row to the caller's session; nothing runs until that transaction
  commits, and a rollback takes the row with it.
- A worker claims due rows (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two
  workers never claim one row; on SQLite every transaction is ``BEGIN IMMEDIATE``, one
  writer at a time, which gives the same guarantee) and marks them ``running`` under a
  lease. The handler runs outside any transaction on the task row: an HTTP call never holds
  a lock. The result is written in a third transaction, only if the lease is still the
  worker's own.
- A worker that dies leaves its rows ``running`` with a lease that expires; the next claim
  takes them again. Delivery is therefore at least once: a worker that dies after sending
  and before settling sends again (a callback receiver must accept duplicates; an SMS may
  arrive twice).
- Periodic jobs are rows too, keyed ``<kind>@<period number>`` (unique), so a period runs
  once however many workers schedule it.

Never imports a domain: handlers are registered by the modules that enqueue their kind.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, event, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mcert.db.base import lock_row, new_id
from mcert.errors import NotFound
from mcert.pii import redact
from mcert.runtime import Runtime
from mcert.settings import Settings
from mcert.tasks.models import Task
from mcert.tasks.states import CLAIMABLE, TaskStatus, move_task

log = logging.getLogger(__name__)

Handler = Callable[[Runtime, dict[str, Any]], object]
Period = Callable[[Settings], float]

_HANDLERS: dict[str, Handler] = {}
_PERIODIC: dict[str, Period] = {}
_PENDING = "mcert_pending_tasks"
MAX_BACKOFF_SECONDS = 3600.0
PURGE_KIND = "tasks.purge"


def task_handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs tasks of ``kind``: ``handler(rt, payload)``.

    It returns normally when the work is done and raises when it should be retried.
    """

    def register(handler: Handler) -> Handler:
        _HANDLERS[kind] = handler
        return handler

    return register


def periodic_job(kind: str, every: Period) -> Callable[[Handler], Handler]:
    """Register a job run once per period of ``every(settings)`` seconds across all workers."""

    def register(handler: Handler) -> Handler:
        _HANDLERS[kind] = handler
        _PERIODIC[kind] = every
        return handler

    return register


def periodic_kinds() -> list[str]:
    return sorted(_PERIODIC)


def enqueue(
    db: Session,
    rt: Runtime,
    kind: str,
    payload: dict[str, Any],
    *,
    run_after: datetime | None = None,
    max_attempts: int | None = None,
) -> Task:
    """Add a task to ``db``'s transaction: it runs once that transaction commits.

    ``payload`` is stored as JSON in clear: encrypt personal data before it gets here.
    """
    queue = task_queue(rt)
    if queue.handler(kind) is None:
        raise ValueError(f"no handler registered for task kind {kind!r}")
    now = rt.clock.now()
    task = Task(
        id=new_id(),
        kind=kind,
        payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
        status=TaskStatus.QUEUED,
        attempts=0,
        max_attempts=max_attempts or rt.settings.task_max_attempts,
        run_after=run_after or now,
        created_at=now,
        updated_at=now,
    )
    db.add(task)
    pending: dict[TaskQueue, list[str]] = db.info.setdefault(_PENDING, {})
    pending.setdefault(queue, []).append(task.id)
    return task


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    pending: dict[TaskQueue, list[str]] = session.info.pop(_PENDING, {})
    for queue, ids in pending.items():
        queue.committed(ids)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)


@dataclass(frozen=True)
class Claimed:
    """A task a worker holds under a lease."""

    id: str
    kind: str
    payload: dict[str, Any]
    attempt: int
    worker: str


def worker_name(suffix: str = "") -> str:
    """``host:pid[:suffix]``: names the worker in ``locked_by`` and the logs."""
    name = f"{socket.gethostname()}:{os.getpid()}"
    return (f"{name}:{suffix}" if suffix else name)[:80]


def backoff(settings: Settings, attempts: int) -> timedelta:
    """Wait before retry number ``attempts``: retry_seconds, doubled each time, ≤ 1 hour."""
    seconds = settings.task_retry_seconds * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, MAX_BACKOFF_SECONDS))


class TaskQueue:
    """The queue of one runtime (``task_queue(rt)``): claims, runs and settles tasks."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        # Per-runtime handlers that take precedence over the registered ones (tests give a
        # callback handler their own HTTP receiver).
        self.handlers: dict[str, Handler] = {}
        self.wake = threading.Event()  # set when this process committed a new task
        self._scheduled: dict[str, int] = {}
        self._lock = threading.Lock()

    def handler(self, kind: str) -> Handler | None:
        return self.handlers.get(kind) or _HANDLERS.get(kind)

    # -- claiming, running, settling ------------------------------------------------------

    def claim(
        self, worker: str, *, limit: int = 10, ids: Sequence[str] | None = None
    ) -> list[Claimed]:
        """Take up to ``limit`` due tasks (or those of ``ids`` that are due) for ``worker``."""
        rt = self.rt
        with rt.sessions() as db:
            now = rt.clock.now()
            due = or_(
                and_(Task.status.in_(CLAIMABLE), Task.run_after <= now),
                and_(Task.status == TaskStatus.RUNNING, Task.lease_until < now),
            )
            query = select(Task).where(due)
            if ids is not None:
                query = query.where(Task.id.in_(list(ids)))
            rows = db.scalars(
                query.order_by(Task.run_after).limit(limit).with_for_update(skip_locked=True)
            ).all()
            claimed = []
            for task in rows:
                if task.status == TaskStatus.RUNNING:
                    log.warning(
                        "task %s (%s): lease of %s expired, taken over by %s",
                        task.id,
                        task.kind,
                        task.locked_by,
                        worker,
                    )
                    if task.attempts >= task.max_attempts:
                        move_task(task, TaskStatus.DEAD)
                        task.last_error = f"lease expired on attempt {task.attempts}"
                        task.lease_until = task.locked_by = None
                        task.updated_at = now
                        rt.metrics.tasks_run.labels(task.kind, "dead").inc()
                        continue
                move_task(task, TaskStatus.RUNNING)
                task.attempts += 1
                task.lease_until = now + timedelta(seconds=rt.settings.task_lease_seconds)
                task.locked_by = worker
                task.updated_at = now
                claimed.append(
                    Claimed(task.id, task.kind, json.loads(task.payload), task.attempts, worker)
                )
            db.commit()
        return claimed

    def run(self, claimed: Claimed) -> str:
        """Run one claimed task and settle it; returns the outcome (done, retry, dead, lost)."""
        handler = self.handler(claimed.kind)
        error: str | None = None
        if handler is None:
            error = f"no handler for task kind {claimed.kind!r}"
        else:
            try:
                handler(self.rt, claimed.payload)
            except Exception as exc:  # every failure is retried, then given up
                error = redact(f"{type(exc).__name__}: {exc}")[:500]
                log.warning(
                    "task %s (%s) attempt %d failed: %s",
                    claimed.id,
                    claimed.kind,
                    claimed.attempt,
                    error,
                    exc_info=not isinstance(exc, OSError),
                )
        outcome = self._settle(claimed, error)
        self.rt.metrics.tasks_run.labels(claimed.kind, outcome).inc()
        return outcome

    def _settle(self, claimed: Claimed, error: str | None) -> str:
        rt = self.rt
        with rt.sessions() as db:
            task = lock_row(db, Task, claimed.id)
            if (
                task is None
                or task.status != TaskStatus.RUNNING
                or task.locked_by != claimed.worker
                or task.attempts != claimed.attempt
            ):
                # Our lease expired and another worker took the task: its result counts.
                log.warning("task %s (%s): lease lost before it finished", claimed.id, claimed.kind)
                return "lost"
            now = rt.clock.now()
            if error is None:
                move_task(task, TaskStatus.DONE)
                task.last_error = None
                outcome = "done"
            elif task.attempts >= task.max_attempts:
                move_task(task, TaskStatus.DEAD)
                task.last_error = error
                outcome = "dead"
                log.error(
                    "task %s (%s) given up after %d attempts", task.id, task.kind, task.attempts
                )
            else:
                move_task(task, TaskStatus.FAILED)
                task.last_error = error
                task.run_after = now + backoff(rt.settings, task.attempts)
                outcome = "retry"
            task.lease_until = None
            task.updated_at = now
            db.commit()
        return outcome

    def run_due(self, worker: str, *, limit: int = 10, ids: Sequence[str] | None = None) -> int:
        """Claim and run what is due now; returns how many tasks ran."""
        claimed = self.claim(worker, limit=limit, ids=ids)
        for task in claimed:
            self.run(task)
        return len(claimed)

    def drain(self, worker: str | None = None, *, max_tasks: int = 10_000) -> int:
        """Run due tasks until none is left (tests, ``mcert tasks run``); returns how many."""
        worker = worker or worker_name("drain")
        total = 0
        while total < max_tasks:
            ran = self.run_due(worker)
            if ran == 0:
                break
            total += ran
        return total

    def committed(self, ids: list[str]) -> None:
        """Tasks ``ids`` were committed in this process: run them now (eager) or wake the
        in-process worker. Called from ``after_commit``: it never raises."""
        if not self.rt.settings.tasks_eager:
            self.wake.set()
            return
        try:
            self.run_due(worker_name("eager"), limit=len(ids), ids=ids)
        except Exception:
            log.exception("eager run of tasks %s failed", ids)

    # -- periodic jobs --------------------------------------------------------------------

    def schedule_periodic(self) -> int:
        """Queue the current period of every periodic job not queued yet; returns how many
        this call queued (another worker may have queued the rest)."""
        rt = self.rt
        now = rt.clock.now()
        created = 0
        for kind, every in sorted(_PERIODIC.items()):
            slot = int(now.timestamp() // every(rt.settings))
            with self._lock:
                if self._scheduled.get(kind) == slot:
                    continue
                self._scheduled[kind] = slot
            with rt.sessions() as db:
                db.add(
                    Task(
                        kind=kind,
                        payload="{}",
                        status=TaskStatus.QUEUED,
                        attempts=0,
                        # The next period runs it again: a failure is reported, not retried.
                        max_attempts=1,
                        run_after=now,
                        dedupe_key=f"{kind}@{slot}"[:80],
                        created_at=now,
                        updated_at=now,
                    )
                )
                try:
                    db.commit()
                    created += 1
                except IntegrityError:  # another worker queued this period
                    db.rollback()
        return created

    # -- operators --------------------------------------------------------------------------

    def counts(self) -> Iterable[tuple[str, str, float]]:
        """``(kind, status, count)`` of every task not done, read without a write lock."""
        assert self.rt.engine is not None
        stmt = (
            select(Task.kind, Task.status, func.count())
            .where(Task.status != TaskStatus.DONE)
            .group_by(Task.kind, Task.status)
        )
        sql = str(
            stmt.compile(dialect=self.rt.engine.dialect, compile_kwargs={"literal_binds": True})
        )
        conn = self.rt.engine.raw_connection()
        try:
            cur = conn.cursor()
            try:
                cur.execute(sql)
                rows = list(cur.fetchall())
            finally:
                cur.close()
        finally:
            conn.close()  # back to the pool, which rolls back whatever the driver began
        return [(str(kind), str(status), float(n)) for kind, status, n in rows]


def task_queue(rt: Runtime) -> TaskQueue:
    """The one queue of ``rt``."""
    return rt.component(TaskQueue)


def list_tasks(
    db: Session, *, status: TaskStatus | None = None, kind: str | None = None, limit: int = 50
) -> list[Task]:
    query = select(Task)
    if status is not None:
        query = query.where(Task.status == status)
    if kind is not None:
        query = query.where(Task.kind == kind)
    return list(db.scalars(query.order_by(Task.updated_at.desc()).limit(limit)).all())


def retry_task(db: Session, rt: Runtime, task_id: str) -> Task:
    """Queue a failed or dead task again, now, with its attempts reset (the caller commits)."""
    task = lock_row(db, Task, task_id)
    if task is None:
        raise NotFound("任务不存在", code="task_not_found")
    move_task(task, TaskStatus.QUEUED)
    now = rt.clock.now()
    task.attempts = 0
    task.run_after = now
    task.lease_until = task.locked_by = None
    task.updated_at = now
    db.info.setdefault(_PENDING, {}).setdefault(task_queue(rt), []).append(task.id)
    return task


@periodic_job(PURGE_KIND, lambda settings: 86400.0)
def purge(rt: Runtime, payload: dict[str, Any]) -> int:
    """Delete done and dead tasks older than ``task_keep_days``."""
    cutoff = rt.clock.now() - timedelta(days=rt.settings.task_keep_days)
    with rt.sessions() as db:
        result = db.execute(
            delete(Task).where(
                Task.status.in_([TaskStatus.DONE, TaskStatus.DEAD]), Task.updated_at < cutoff
            )
        )
        db.commit()
    return int(getattr(result, "rowcount", 0) or 0)
