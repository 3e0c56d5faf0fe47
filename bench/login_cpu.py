"""Server CPU per scan-to-login flow, in-process, closed loop: a quick before/after gauge.

The app runs in this process behind Starlette's ``TestClient`` (its event loop in a portal
thread, sync endpoints and dependencies in AnyIO's worker threads); the RP SDK and the
reference device drive N login flows one after another from the main thread (create →
scan → prepare → complete → collect; the scan answer carries the pre-hash parameters). CPU
is read per thread from ``/proc/self/task/*/stat``: the main thread is the load generator
(device ECDSA, the SDK, the test transport), every other thread is the server. No sockets,
no uvicorn, no network stack, so this is a lower bound of what a real server spends, and it
moves with the code rather than with the machine's load. The open-loop driver in ``bench/``
measures latency.

Set-up as an operator would do it: ``mcert db upgrade``, ``mcert ca init``, ``mcert rp
create``, then holders seeded through the app (``bench.scan_flows.seed_holders``).

``python -m bench.login_cpu [--flows N] [--holders H] [--database-url URL] [--redis-url URL]
[--profile FILE]`` prints one JSON object (``--profile`` writes a cProfile of the server
threads, warm-up included; profiling slows it, so take CPU numbers from a run without).
Pre-hash iterations are 1000 (the device's PBKDF2 is client work).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy.event

from bench.scan_flows import (
    PASSPHRASE,
    PREHASH_ITERATIONS,
    RP_NAME,
    SECRET,
    Backend,
    _mcert,
    one_flow,
    seed_holders,
    server_env,
)

_TICK = os.sysconf("SC_CLK_TCK")


def thread_cpu() -> dict[int, float]:
    """CPU seconds (user + system) of every live thread of this process, by native id."""
    out: dict[int, float] = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(task.name)] = (int(fields[11]) + int(fields[12])) / _TICK
    return out


_PROFILES: list[cProfile.Profile] = []


def _profile_new_threads() -> None:
    """cProfile every thread started from now on (the server's portal and worker threads);
    ``cProfile`` alone sees only the thread that enables it."""
    original = threading.Thread._bootstrap_inner  # type: ignore[attr-defined]

    def bootstrap(self: threading.Thread) -> None:
        prof = cProfile.Profile()
        _PROFILES.append(prof)
        prof.enable()
        try:
            original(self)
        finally:
            prof.disable()

    threading.Thread._bootstrap_inner = bootstrap  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.login_cpu")
    ap.add_argument("--flows", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--holders", type=int, default=4)
    ap.add_argument("--database-url")
    ap.add_argument("--redis-url")
    ap.add_argument("--profile", type=Path)
    args = ap.parse_args(argv)

    import anyio.to_thread
    from fastapi.testclient import TestClient

    from mcert.main import create_app
    from mcert.runtime import Runtime
    from mcert.settings import Settings
    from mcert_rp import Client

    with tempfile.TemporaryDirectory(prefix="mcert-login-cpu-") as tmp:
        data = Path(tmp)
        url = args.database_url or f"sqlite:///{data / 'mcert.db'}"
        backend = Backend("in-process", url, args.redis_url, 1, data)
        env = server_env(backend, 8000)
        _mcert(env, "db", "upgrade")
        _mcert(env, "ca", "init")
        creds = json.loads(
            _mcert(env, "rp", "create", "--name", RP_NAME, "--ops", "login", "--json")
        )
        holders = seed_holders(backend, 8000, args.holders)
        rt = Runtime(
            Settings(
                env="test",
                data_dir=data,
                database_url=url,
                redis_url=args.redis_url,
                secret_key=SECRET,
                ca_key_passphrase=PASSPHRASE,
                public_url="http://127.0.0.1:8000",
                password_prehash_iterations=PREHASH_ITERATIONS,
            )
        )
        # Thread-pool jobs (FastAPI's sync dependencies, endpoints, response validation and
        # our own run_in_threadpool calls), counted by the callable's name.
        hops: Counter[str] = Counter()
        run_sync = anyio.to_thread.run_sync

        async def counting(func: Any, *a: Any, **kw: Any) -> Any:
            inner = getattr(func, "func", func)  # functools.partial from Starlette
            hops[getattr(inner, "__name__", type(inner).__name__)] += 1
            return await run_sync(func, *a, **kw)

        anyio.to_thread.run_sync = counting  # type: ignore[assignment]
        # SQL statements sent to the database, by their first keyword.
        statements: Counter[str] = Counter()

        def seen(conn: Any, cursor: Any, statement: str, *a: Any) -> None:
            statements[statement.split(None, 1)[0].upper()] += 1

        assert rt.engine is not None
        sqlalchemy.event.listen(rt.engine, "before_cursor_execute", seen)
        if args.profile:
            _profile_new_threads()
        try:
            requests: Counter[str] = Counter()

            def count(request: httpx.Request) -> None:
                path = re.sub(r"/[0-9a-f]{32}(?=/|$)", "/{id}", request.url.path)
                requests[f"{request.method} {path}"] += 1

            with TestClient(create_app(runtime=rt), base_url="http://127.0.0.1:8000") as tc:
                tc.event_hooks = {"request": [count], "response": []}
                rp = Client(str(tc.base_url), creds["client_id"], creds["secret"], http=tc)
                for h in holders:
                    h.device.http = tc
                for i in range(args.warmup):
                    one_flow(rp, holders[i % len(holders)])
                requests.clear()
                hops.clear()
                statements.clear()
                print(f"pid {os.getpid()}: timed loop starts", file=sys.stderr, flush=True)
                main_tid = threading.get_native_id()
                per_flow: list[float] = []
                before = thread_cpu()
                wall0, proc0 = time.perf_counter(), time.process_time()
                for i in range(args.flows):
                    t0 = time.perf_counter()
                    one_flow(rp, holders[i % len(holders)])
                    per_flow.append(time.perf_counter() - t0)
                if args.profile:
                    pstats.Stats(*_PROFILES).dump_stats(args.profile)  # type: ignore[arg-type]
                wall, proc = time.perf_counter() - wall0, time.process_time() - proc0
                after = thread_cpu()
        finally:
            rt.dispose()
    client = after.get(main_tid, 0.0) - before.get(main_tid, 0.0)
    # Threads that started during the loop count from zero; ones that ended are lost (AnyIO
    # keeps idle workers for 10 s, longer than any gap here).
    server = sum(v - before.get(tid, 0.0) for tid, v in after.items() if tid != main_tid)
    n = args.flows
    result: dict[str, Any] = {
        "database": "postgresql" if url.startswith("postgresql") else "sqlite",
        "redis": bool(args.redis_url),
        "flows": n,
        "server_cpu_ms_per_flow": round(1000 * server / n, 1),
        "load_generator_cpu_ms_per_flow": round(1000 * client / n, 1),
        "process_cpu_ms_per_flow": round(1000 * proc / n, 1),
        "wall_ms_per_flow_p50": round(1000 * statistics.median(per_flow), 1),
        "wall_ms_per_flow_mean": round(1000 * wall / n, 1),
        "thread_hops_per_flow": round(sum(hops.values()) / n, 2),
        "thread_hops": {k: round(v / n, 2) for k, v in hops.most_common()},
        "sql_statements_per_flow": round(sum(statements.values()) / n, 2),
        "sql_statements": {k: round(v / n, 2) for k, v in statements.most_common()},
        "requests_per_flow": round(sum(requests.values()) / n, 2),
        "requests": {k: round(v / n, 2) for k, v in requests.most_common()},
    }
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
