"""The task queue on SQLite and PostgreSQL: enqueued with the business change, claimed once,
re-run after a worker died, backed off then given up, revived by an operator, periodic
jobs once per period across workers."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from tests.conftest import T0, cli_env, mcert_cli

from mcert.account.models import User
from mcert.clock import FrozenClock
from mcert.db.engine import make_engine
from mcert.db.migrate import upgrade
from mcert.notify.models import Message
from mcert.notify.service import SMS_TASK, notify
from mcert.providers.sms import SandboxSMSSender, SMSTemplate
from mcert.rp import service as rp_service
from mcert.runtime import Runtime
from mcert.scan.callbacks import CALLBACK_TASK, deliver_callback
from mcert.scan.models import CallbackDelivery
from mcert.scan.relying import cancel, create_session
from mcert.tasks import queue as queue_module
from mcert.tasks.models import Task
from mcert.tasks.queue import enqueue, task_queue
from mcert.tasks.states import TaskStatus
from mcert.tasks.worker import Worker

PHONE = "13800138000"
KIND = "test.record"


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return {"tasks_eager": False}  # the queue itself is under test: nothing runs on commit


@pytest.fixture
def ran(runtime: Runtime) -> list[int]:
    """Each run of a ``test.record`` task appends its payload's ``n``."""
    runs: list[int] = []
    lock = threading.Lock()

    def record(rt: Runtime, payload: dict[str, Any]) -> None:
        with lock:
            runs.append(payload["n"])

    task_queue(runtime).handlers[KIND] = record
    return runs


def _tasks(rt: Runtime, kind: str | None = None) -> list[Task]:
    with rt.sessions() as db:
        query = select(Task).order_by(Task.created_at, Task.id)
        if kind:
            query = query.where(Task.kind == kind)
        return list(db.scalars(query).all())


def _user(rt: Runtime) -> User:
    with rt.sessions() as db:
        user = User(
            phone_bidx=rt.blind_index.compute(PHONE),
            phone_enc=rt.cipher.encrypt(PHONE, aad=b"test"),
            created_at=rt.clock.now(),
        )
        db.add(user)
        db.commit()
        return user


def _outbox(rt: Runtime, limit: int = 20) -> list[str]:
    sender = rt.sms
    assert isinstance(sender, SandboxSMSSender)
    return [m.body for m in sender.outbox(phone=PHONE, limit=limit)]


def _notify(db: Any, rt: Runtime, user: User) -> None:
    notify(
        db,
        user=user,
        phone=PHONE,
        rt=rt,
        kind="order_approved",
        title="审核通过",
        body="您的申请已审核通过",
        now=rt.clock.now(),
        sms=(SMSTemplate.ORDER_APPROVED, {"what": "个人证书", "order_no": "MC1"}),
    )


def test_the_sms_is_queued_in_the_business_transaction(runtime: Runtime) -> None:
    user = _user(runtime)
    with runtime.sessions() as db:
        _notify(db, runtime, user)
        db.rollback()
    assert _tasks(runtime) == []  # rolled back: no message, no SMS, ever
    with runtime.sessions() as db:
        assert db.scalars(select(Message)).all() == []
        _notify(db, runtime, user)
        db.commit()
    [task] = _tasks(runtime)
    assert (task.kind, task.status, task.attempts) == (SMS_TASK, TaskStatus.QUEUED, 0)
    assert PHONE not in task.payload
    assert "MC1" not in task.payload
    assert _outbox(runtime) == []  # queued, not sent: no worker ran yet
    assert task_queue(runtime).drain() == 1
    [body] = _outbox(runtime)
    assert "订单号MC1" in body
    [task] = _tasks(runtime)
    assert (task.status, task.attempts, task.lease_until) == (TaskStatus.DONE, 1, None)


def test_the_worker_command_sends_what_the_app_queued(runtime: Runtime) -> None:
    user = _user(runtime)
    with runtime.sessions() as db:
        _notify(db, runtime, user)
        db.commit()
    out = mcert_cli(runtime, "worker", "--once")
    assert out.returncode == 0, out.stderr
    assert "ran " in out.stdout
    assert len(_outbox(runtime)) == 1
    assert {t.kind: t.status for t in _tasks(runtime)}[SMS_TASK] == TaskStatus.DONE


def test_two_worker_processes_send_each_sms_once(runtime: Runtime) -> None:
    user = _user(runtime)
    with runtime.sessions() as db:
        for _ in range(40):
            _notify(db, runtime, user)
        db.commit()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "mcert.cli", "worker", "--once"],
            env=cli_env(runtime),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert len(_outbox(runtime, limit=100)) == 40
    sms = _tasks(runtime, SMS_TASK)
    assert [(t.status, t.attempts) for t in sms] == [(TaskStatus.DONE, 1)] * 40


def test_two_workers_never_run_one_task_twice(runtime: Runtime, ran: list[int]) -> None:
    with runtime.sessions() as db:
        for n in range(120):
            enqueue(db, runtime, KIND, {"n": n})
        db.commit()
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            start.wait()
            queue = task_queue(runtime)
            while queue.run_due(f"worker-{i}", limit=3):
                pass
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(ran) == list(range(120))  # every task once, none twice
    tasks = _tasks(runtime, KIND)
    assert {t.status for t in tasks} == {TaskStatus.DONE}
    assert {t.attempts for t in tasks} == {1}
    assert len({t.locked_by for t in tasks}) > 1 or runtime.engine.dialect.name == "sqlite"


def test_a_task_whose_worker_died_runs_again_after_its_lease(
    runtime: Runtime, clock: FrozenClock, ran: list[int]
) -> None:
    queue = task_queue(runtime)
    with runtime.sessions() as db:
        enqueue(db, runtime, KIND, {"n": 7})
        db.commit()
    [claimed] = queue.claim("worker-that-dies")  # claimed, then the process is killed
    assert queue.run_due("worker-b") == 0  # leased: nobody else takes it
    clock.advance(runtime.settings.task_lease_seconds + 1)
    assert queue.run_due("worker-b") == 1
    assert ran == [7]
    [task] = _tasks(runtime, KIND)
    assert (task.status, task.attempts) == (TaskStatus.DONE, 2)
    # The first worker was only slow: its late result is dropped, the task stays done.
    assert queue.run(claimed) == "lost"
    assert ran == [7, 7]
    [task] = _tasks(runtime, KIND)
    assert task.status == TaskStatus.DONE


def test_a_callback_whose_worker_process_was_killed_is_delivered_by_another(
    runtime: Runtime, clock: FrozenClock
) -> None:
    """A real ``mcert worker`` is killed (SIGKILL) in the middle of a callback POST."""
    listener = socket.create_server(("127.0.0.1", 0))
    connected = threading.Event()
    held: list[socket.socket] = []

    def hold() -> None:  # accept the POST and never answer it
        conn, _ = listener.accept()
        held.append(conn)
        connected.set()

    threading.Thread(target=hold, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/mcert/callback"
    with runtime.sessions() as db:
        rp, _secret = rp_service.create(
            db, runtime, name="某某交易平台", ops=["login"], callback_url=url
        )
        created = create_session(
            db, runtime, rp, kind="login", display_text="登录", requirements={}, payload={}
        )
        cancel(db, runtime, rp, created.session.id)  # ends the session: a callback task
    [task] = _tasks(runtime, CALLBACK_TASK)
    worker = subprocess.Popen(
        [sys.executable, "-m", "mcert.cli", "worker"],
        env={**cli_env(runtime), "MCERT_TASK_LEASE_SECONDS": "60"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert connected.wait(60), "the worker never POSTed the callback"
    finally:
        worker.kill()
        worker.wait(30)
    listener.close()
    for conn in held:
        conn.close()
    [task] = _tasks(runtime, CALLBACK_TASK)
    assert (task.status, task.attempts) == (TaskStatus.RUNNING, 1)
    assert task.locked_by is not None
    assert f":{worker.pid}:" in task.locked_by

    calls: list[bytes] = []

    class Receiver:
        def post(self, url: str, *, content: bytes, headers: dict[str, str], timeout: float) -> Any:
            calls.append(content)
            return type("R", (), {"status_code": 200})()

    queue = task_queue(runtime)
    queue.handlers[CALLBACK_TASK] = lambda rt, payload: deliver_callback(
        rt, payload["delivery_id"], Receiver()
    )
    clock.set(datetime.now(UTC))  # the killed worker leased it on the wall clock
    assert queue.run_due("worker-b", ids=[task.id]) == 0  # its lease still holds
    clock.advance(61)
    assert queue.run_due("worker-b", ids=[task.id]) == 1
    [task] = _tasks(runtime, CALLBACK_TASK)
    assert (task.status, task.attempts, task.locked_by) == (TaskStatus.DONE, 2, "worker-b")
    assert json.loads(calls[0])["reason"] == "cancelled"
    with runtime.sessions() as db:
        [delivery] = db.scalars(select(CallbackDelivery)).all()
        assert delivery.delivered_at is not None


def test_failures_back_off_then_the_task_is_dead_until_an_operator_retries_it(
    runtime: Runtime, clock: FrozenClock
) -> None:
    queue = task_queue(runtime)
    fail = True

    def flaky(rt: Runtime, payload: dict[str, Any]) -> None:
        if fail:
            raise ConnectionError("receiver down for 13800138000")

    queue.handlers[KIND] = flaky
    with runtime.sessions() as db:
        task_id = enqueue(db, runtime, KIND, {"n": 1}, max_attempts=3).id
        db.commit()
    waits = []
    for _ in range(3):
        assert queue.drain() == 1
        assert queue.drain() == 0  # not before its retry time
        [task] = _tasks(runtime, KIND)
        waits.append((task.run_after - clock.now()).total_seconds())
        clock.set(task.run_after)
    assert waits[:2] == [10.0, 20.0]  # 10 s, doubled
    [task] = _tasks(runtime, KIND)
    assert (task.status, task.attempts) == (TaskStatus.DEAD, 3)
    assert task.last_error is not None
    assert task.last_error.startswith("ConnectionError")
    assert "13800138000" not in task.last_error  # personal data masked in the error
    clock.advance(86400)
    assert queue.drain() == 0  # dead stays dead

    listed = mcert_cli(runtime, "tasks", "list", "--status", "dead")
    assert listed.returncode == 0, listed.stderr
    assert task_id in listed.stdout
    assert KIND in listed.stdout
    assert mcert_cli(runtime, "tasks", "list", "--status", "queued").stdout == ""
    retried = mcert_cli(runtime, "tasks", "retry", task_id)
    assert retried.returncode == 0, retried.stderr
    again = mcert_cli(runtime, "tasks", "retry", task_id)  # already queued
    assert again.returncode != 0
    assert "illegal_transition" in again.stderr
    missing = mcert_cli(runtime, "tasks", "retry", "nope")
    assert missing.returncode != 0
    assert "task_not_found" in missing.stderr
    fail = False
    clock.set(datetime.now(UTC))  # the command queued it on the wall clock
    assert queue.drain() == 1
    [task] = _tasks(runtime, KIND)
    assert (task.status, task.attempts) == (TaskStatus.DONE, 1)
    with runtime.sessions() as db:
        actions = db.execute(text("SELECT action, target_id FROM audit_entries")).all()
    assert ("task.retried", task_id) in [tuple(a) for a in actions]


@pytest.fixture
def ticks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A periodic job ``test.tick`` every 60 s, registered for this test only."""
    runs: list[str] = []
    lock = threading.Lock()

    def tick(rt: Runtime, payload: dict[str, Any]) -> None:
        with lock:
            runs.append(threading.current_thread().name)

    monkeypatch.setitem(queue_module._HANDLERS, "test.tick", tick)
    monkeypatch.setitem(queue_module._PERIODIC, "test.tick", lambda settings: 60.0)
    return runs


def test_a_periodic_job_runs_once_per_period_with_two_workers(
    runtime: Runtime, clock: FrozenClock, ticks: list[str]
) -> None:
    # Two processes: two runtimes (each its own queue and memory) on one database.
    other = Runtime(runtime.settings, clock=clock, engine=runtime.engine)
    workers = [Worker(runtime, "a"), Worker(other, "b")]
    for _period in range(3):
        start = threading.Barrier(2)

        def tick(w: Worker, start: threading.Barrier = start) -> None:
            start.wait()
            w.tick()

        threads = [threading.Thread(target=tick, args=(w,)) for w in workers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        for w in workers:  # a second round in the same period adds nothing
            w.tick()
        clock.advance(60)
    assert len(ticks) == 3
    rows = _tasks(runtime, "test.tick")
    assert [r.status for r in rows] == [TaskStatus.DONE] * 3
    assert len({r.dedupe_key for r in rows}) == 3
    kinds = Counter(t.kind for t in _tasks(runtime))
    assert kinds["tasks.purge"] == 1  # daily
    assert kinds["job.close_unpaid_orders"] == 3  # every MCERT_JOBS_INTERVAL_SECONDS (60)


def test_queue_sizes_and_outcomes_in_metrics(
    runtime: Runtime, client: TestClient, ran: list[int]
) -> None:
    user = _user(runtime)
    with runtime.sessions() as db:
        _notify(db, runtime, user)
        enqueue(db, runtime, KIND, {"n": 1})
        db.commit()
    body = client.get("/metrics").text
    assert 'mcert_tasks{kind="sms",status="queued"} 1.0' in body
    assert 'mcert_tasks{kind="test.record",status="queued"} 1.0' in body
    task_queue(runtime).drain()
    body = client.get("/metrics").text
    assert 'mcert_tasks{kind="sms"' not in body  # done tasks are not counted
    assert 'mcert_tasks_run_total{kind="sms",outcome="done"} 1.0' in body


def test_the_in_process_worker_of_a_served_app_sends_at_once(runtime: Runtime) -> None:
    from mcert.main import create_app

    done = threading.Event()
    served = Runtime(
        runtime.settings.model_copy(update={"background_jobs": True, "worker_poll_seconds": 30}),
        clock=runtime.clock,
        engine=runtime.engine,
    )
    task_queue(served).handlers[KIND] = lambda rt, payload: done.set()
    with TestClient(create_app(runtime=served)):
        with served.sessions() as db:
            enqueue(db, served, KIND, {"n": 1})
            db.commit()
        # The commit wakes the worker thread: far sooner than its 30 s poll.
        assert done.wait(10)


def test_undelivered_callbacks_become_tasks_on_upgrade(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "0008")
    naive = T0.replace(tzinfo=None)
    with engine.begin() as conn:
        for id_, attempts, delivered in (("c1", 0, None), ("c2", 3, None), ("c3", 1, naive)):
            conn.execute(
                text(
                    "INSERT INTO rp_callbacks (id, session_id, url, body, attempts,"
                    " next_attempt_at, delivered_at) VALUES (:id, 's', 'https://x', '{}',"
                    " :attempts, :t, :delivered)"
                ),
                {"id": id_, "attempts": attempts, "t": naive, "delivered": delivered},
            )
        conn.execute(
            text(
                "INSERT INTO rp_callbacks (id, session_id, url, body, attempts, next_attempt_at)"
                " VALUES ('c4', 's', 'https://x', '{}', 8, :t)"
            ),
            {"t": naive},
        )
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, kind, payload, status, attempts FROM tasks ORDER BY id")
        ).all()
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        ("c1", "rp_callback", "queued", 0),
        ("c2", "rp_callback", "queued", 3),
    ]
    assert json.loads(rows[0][2]) == {"delivery_id": "c1"}
    engine.dispose()
