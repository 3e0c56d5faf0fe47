"""Task queue throughput: ``python -m bench tasks``.

Enqueues N no-op tasks in one transaction, then runs them with 1 and 4 worker loops
(threads, each claiming 10 at a time), on SQLite and on PostgreSQL
(``MCERT_BENCH_DATABASE_URL``'s server, a throwaway database). What it measures is the
queue's own cost per task (a share of a claim transaction and one settle transaction);
real handlers (an SMS provider call, a callback POST) take far longer.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench._common import Row
from bench.company_usage import database

KIND = "bench.noop"


def _measure(url: str, data_dir: Path, n: int) -> list[tuple[int, float, float]]:
    from sqlalchemy import text

    from mcert.db.migrate import upgrade
    from mcert.runtime import Runtime
    from mcert.settings import Settings
    from mcert.tasks.queue import enqueue, task_handler, task_queue

    settings = Settings(
        env="test",
        data_dir=data_dir,
        database_url=url,
        secret_key="bench-secret-key-0123456789abcdef-0123456789",
        ca_key_passphrase="bench-ca-passphrase",
    )
    rt = Runtime(settings)
    upgrade(rt.engine)  # type: ignore[arg-type]
    task_handler(KIND)(lambda rt, payload: None)
    queue = task_queue(rt)
    out = []
    for loops in (1, 4):
        t0 = time.perf_counter()
        with rt.sessions() as db:
            for i in range(n):
                enqueue(db, rt, KIND, {"n": i})
            db.commit()
        enqueued = time.perf_counter() - t0

        def work(i: int) -> None:
            while queue.run_due(f"bench-{i}", limit=10):
                pass

        threads = [threading.Thread(target=work, args=(i,)) for i in range(loops)]
        t1 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        ran = time.perf_counter() - t1
        with rt.sessions() as db:
            once = db.execute(
                text("SELECT count(*) FROM tasks WHERE status = 'done' AND attempts = 1")
            ).scalar()
            assert once == n, f"{once} of {n} tasks done exactly once"
            db.execute(text("DELETE FROM tasks"))
            db.commit()
        out.append((loops, n / enqueued, n / ran))
    rt.dispose()
    return out


def run(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    n = 500 if args.quick else 2000
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        results = {"sqlite": _measure(f"sqlite:///{tmp}/bench.db", Path(tmp), n)}
        with database() as url:
            results["postgresql"] = _measure(url, Path(tmp), n)
    for backend, measured in results.items():
        for loops, _enqueue_rate, run_rate in measured:
            rows.append(
                Row("tasks", f"{backend}: run, {loops} worker loop(s)", round(run_rate), "tasks/s")
            )
        rows.append(
            Row("tasks", f"{backend}: enqueue in one transaction", round(measured[0][1]), "tasks/s")
        )
    return rows, {"tasks": n}
