"""Scan-to-use login flows per second against a real server, with the scrypt cost beside it.

A flow is what a bidding platform's login does: the RP creates a session (HMAC-signed
POST), the phone scans a fresh QR frame (the answer carries the certificate's pre-hash
parameters), prepares with the certificate password (the server's verify, then the server
share sealed to a one-time key), signs the login payload and completes (the server checks the
ECDSA signature and attaches an OCSP response), and the RP collects the result.

Set-up, untimed: a temporary data dir, ``mcert db upgrade`` and ``mcert ca init`` as an
operator would run them, an RP from ``mcert rp create --json``, then N holders seeded
in-process through the real app API with the reference device (SMS login, real-name,
apply, pay in the sandbox cashier, download with a password) against the same database.
Then ``uvicorn mcert.main:app_factory --factory`` serves on loopback (SQLite with 1 worker,
PostgreSQL + Redis with 2) and every device switches to it. Each of C threads owns one
holder (the per-certificate row lock would otherwise serialise flows) and runs flows back
to back for a fixed time; per-step latencies are measured on the client.

``MCERT_PASSWORD_PREHASH_ITERATIONS=1000`` keeps the device's PBKDF2 pre-hash cheap: the
load generator shares the machine's cores with the server. The server's scrypt verifier
(N=2^14, r=8, p=1) is the production one. Beside each run: scrypt alone per second in this
machine (1 thread, and one process per core), the CPU seconds per flow of the server, of
the load generator and of everything else, and optionally a py-spy profile of the server.

``python -m bench.scan_flows [--quick] [--duration S] [--concurrency C] [--profile]``;
results go to ``bench/results/scan_flows.json``. Nothing here changes how the product
behaves; it only drives it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing as mp
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench._common import Row, machine
from mcert.settings import Settings

BIN = Path(sys.executable).parent
OUT = Path(__file__).parent / "results" / "scan_flows.json"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REDIS_DEFAULT = "redis://127.0.0.1:6379/0"
SECRET = "bench-secret-key-0123456789abcdef-0123456789"
PASSPHRASE = "bench-ca-passphrase"
PASSWORD = "Bid#2026go"
RP_NAME = "某某公共资源交易平台"
PREHASH_ITERATIONS = 1000
STEPS = ("create", "scan", "prepare", "complete", "collect")
TARGET_FLOWS = 100.0
TARGET_P99_MS = 100.0


# ----------------------------------------------------------------------------- timing


class TimedClient(httpx.Client):
    """An ``httpx.Client`` that notes the wall time of every request under its flow step.

    One per load thread, so ``samples`` needs no lock.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.samples: list[tuple[str, float]] = []

    def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> httpx.Response:
        started = time.perf_counter()
        try:
            return super().request(method, url, *args, **kwargs)
        finally:
            self.samples.append((step_of(method, str(url)), time.perf_counter() - started))


def step_of(method: str, path: str) -> str:
    path = path.split("?")[0]
    if path.startswith("/api/rp/v1/sessions"):
        return "create" if method == "POST" else "collect"
    if path == "/api/app/v1/scan":
        return "scan"
    for suffix in ("prepare", "complete"):
        if path.endswith(f"/{suffix}"):
            return suffix
    return "other"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0-100) of unsorted ``values``."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _cpu_seconds(pgid: int | None = None, cmdline: tuple[str, ...] = ()) -> float:
    """CPU seconds (user + system) of live processes in process group ``pgid`` or whose
    command line contains one of ``cmdline``, from ``/proc``."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if (pgid is not None and int(fields[2]) == pgid) or any(c in command for c in cmdline):
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _cpu_line() -> list[int]:
    return [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]


def _machine_busy() -> float:
    """CPU seconds all cores spent not idle since boot, from ``/proc/stat`` (steal included)."""
    parts = _cpu_line()
    idle = parts[3] + parts[4]  # idle + iowait
    return (sum(parts[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _machine_steal() -> float:
    """CPU seconds the hypervisor gave to other guests while this machine's cores wanted to
    run (``steal`` in ``/proc/stat``): on a shared VM the same code runs slower when it is
    high, so a run is only comparable with others of similar steal."""
    return _cpu_line()[7] / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(max_wait: float, threshold: float = 0.25) -> float:
    """Wait (up to ``max_wait`` s) until other work uses under ``threshold`` of the machine's
    cores over a 2 s sample; return the last busy share seen. The benchmark shares its
    cores with whatever else runs here (a test suite, another benchmark)."""
    cores = os.cpu_count() or 1
    deadline = time.monotonic() + max_wait
    while True:
        before, t = _machine_busy(), time.perf_counter()
        time.sleep(2.0)
        share = (_machine_busy() - before) / ((time.perf_counter() - t) * cores)
        if share < threshold or time.monotonic() > deadline:
            if share >= threshold:
                print(f"machine still {share:.0%} busy: measuring anyway", file=sys.stderr)
            return share


# ----------------------------------------------------------------------------- scrypt


def _scrypt_loop(seconds: float, out: Any) -> None:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    salt, secret = os.urandom(16), os.urandom(32)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(secret)
        count += 1
    out.put((count, time.perf_counter() - started))


def scrypt_reference(seconds: float) -> dict[str, float]:
    """scrypt N=2^14 r=8 p=1 (the verifier's parameters) per second: one process, and one
    process per core at once."""
    ctx = mp.get_context("spawn")
    result: dict[str, float] = {}
    for procs in sorted({1, os.cpu_count() or 1}):
        out = ctx.Queue()
        workers = [ctx.Process(target=_scrypt_loop, args=(seconds, out)) for _ in range(procs)]
        for w in workers:
            w.start()
        spans = [out.get(timeout=seconds + 60) for _ in workers]
        for w in workers:
            w.join(timeout=30)
        result[f"{procs}_proc_per_s"] = sum(c / t for c, t in spans)
    result["ms_each"] = 1000 / result["1_proc_per_s"]
    return result


# ----------------------------------------------------------------------------- set-up


@dataclass(frozen=True)
class Backend:
    name: str
    url: str
    redis_url: str | None
    workers: int
    data_dir: Path
    # Every Redis key of this run starts with it: a run's SMS, rate-limit and nonce keys
    # neither meet an earlier run's (the per-source daily SMS limit refused the seeding of
    # a later run on the same day) nor outlive it.
    redis_prefix: str = "mcert:"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(backend: Backend, port: int) -> dict[str, str]:
    env = {
        **os.environ,
        "MCERT_ENV": "test",
        "MCERT_DATA_DIR": str(backend.data_dir),
        "MCERT_DATABASE_URL": backend.url,
        "MCERT_SECRET_KEY": SECRET,
        "MCERT_CA_KEY_PASSPHRASE": PASSPHRASE,
        "MCERT_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "MCERT_PASSWORD_PREHASH_ITERATIONS": str(PREHASH_ITERATIONS),
    }
    # The server runs in the data dir: a relative PYTHONPATH (``src``) would silently load
    # another install of mcert there.
    if env.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(
            str(Path(p).resolve()) for p in env["PYTHONPATH"].split(os.pathsep) if p
        )
    env.pop("MCERT_REDIS_URL", None)
    if backend.redis_url:
        env["MCERT_REDIS_URL"] = backend.redis_url
        env["MCERT_REDIS_KEY_PREFIX"] = backend.redis_prefix
    return env


def _mcert(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "mcert"), *args], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def face_jpeg(seed: int) -> bytes:
    """A varied, not-red, not-dark picture: the sandbox face check passes it."""
    from PIL import Image

    rnd = random.Random(seed)
    img = Image.new("RGB", (160, 120))
    img.putdata(
        [
            (140 + rnd.randint(-60, 60), 140 + rnd.randint(-60, 60), 140 + rnd.randint(-60, 60))
            for _ in range(160 * 120)
        ]
    )
    out = io.BytesIO()
    img.save(out, format="JPEG")
    return out.getvalue()


@dataclass
class Holder:
    device: Any  # mcert_device.client.DeviceClient
    cert_id: str


def seed_holders(backend: Backend, port: int, n: int) -> list[Holder]:
    """N holders, each with an active personal certificate on its own device, made through
    the app's HTTP API in-process (same database, keys and secret as the server)."""
    from fastapi.testclient import TestClient

    from mcert.ident import make_resident_id
    from mcert.main import create_app
    from mcert.providers.sms import SandboxSMSSender
    from mcert.runtime import Runtime
    from mcert.settings import Settings
    from mcert_device.client import DeviceClient

    rt = Runtime(
        Settings(
            env="test",
            data_dir=backend.data_dir,
            database_url=backend.url,
            redis_url=backend.redis_url,
            redis_key_prefix=backend.redis_prefix,
            secret_key=SECRET,
            ca_key_passphrase=PASSPHRASE,
            public_url=f"http://127.0.0.1:{port}",
            password_prehash_iterations=PREHASH_ITERATIONS,
            sms_ip_hourly_limit=1_000_000,  # every holder comes from the one test client
        )
    )
    sender = rt.sms
    assert isinstance(sender, SandboxSMSSender)
    face = face_jpeg(1)
    holders = []
    try:
        with TestClient(create_app(runtime=rt)) as tc:
            for i in range(1, n + 1):
                phone = f"1390000{i:04d}"  # never ending in 0404 (the sandbox's refusal)
                device = DeviceClient(http=tc, device_name=f"压测手机{i}")
                device.request_code(phone)
                match = re.search(r"验证码为(\d{6})", sender.outbox(phone=phone, limit=1)[0].body)
                assert match is not None
                device.login(phone, match.group(1), agree=True)
                device.grant_consent("realname")
                device.grant_consent("face")
                attempt = device.realname_phone("张三", make_resident_id(seq=i))
                device.realname_face(attempt["id"], face)
                order = device.apply_personal(1)
                if device.pay_in_sandbox(order["id"])["status"] != "completed":
                    raise RuntimeError(f"holder {i}: the sandbox payment did not complete")
                [pending] = [c for c in device.certificates() if c["status"] == "pending_download"]
                result = device.download(pending["id"], password=PASSWORD)
                holders.append(Holder(device, str(result["certificate"]["id"])))
    finally:
        rt.dispose()
    return holders


@contextlib.contextmanager
def serving(
    backend: Backend, port: int, log: Path, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """``uvicorn mcert.main:app_factory`` on ``port`` in its own process group, once every
    worker answers; ``env`` is added to the server's environment."""
    argv = [
        str(BIN / "uvicorn"),
        "mcert.main:app_factory",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(backend.workers),
        "--no-access-log",
        # As `mcert serve`: idle connections outlive the clients' own keep-alive (5 s), so a
        # reused connection is never closed under a request (docs/deploy.md).
        "--timeout-keep-alive",
        str(Settings.model_fields["http_keep_alive_seconds"].default),
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            argv,
            env={**server_env(backend, port), **(env or {})},
            cwd=backend.data_dir,
            stdout=out,
            stderr=subprocess.STDOUT,
            process_group=0,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"uvicorn exited: {log.read_text()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.2)
        time.sleep(1.0 if backend.workers == 1 else 3.0)  # let every worker come up
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


# ----------------------------------------------------------------------------- load


@dataclass
class Load:
    flows: int = 0
    seconds: float = 0.0
    flow_latencies: list[float] = field(default_factory=list)
    steps: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})
    errors: Counter[str] = field(default_factory=Counter)
    cpu: dict[str, float] = field(default_factory=dict)


def one_flow(rp: Any, holder: Holder) -> dict[str, Any]:
    """Create → scan (its answer carries the pre-hash parameters) → prepare → complete →
    collect."""
    handle = rp.start_login(display_text=f"登录 {RP_NAME}")
    view = holder.device.scan(handle.current_qr())
    if not any(c["eligible"] for c in view["certificates"]):
        raise RuntimeError("no eligible certificate")
    holder.device.confirm(handle.session_id, holder.cert_id, PASSWORD)
    status = rp.collect(handle.session_id)
    if status.status != "complete" or not status.result or "signature" not in status.result:
        raise RuntimeError(f"collect: {status.status} {status.reason}")
    return {"handle": handle, "status": status}


def _error_code(exc: Exception) -> str:
    code = getattr(exc, "code", None)
    return f"{type(exc).__name__}:{code}" if code else type(exc).__name__


def run_load(
    holders: list[Holder],
    base_url: str,
    rp_creds: dict[str, str],
    seconds: float,
    server_pgid: int,
    db_name: str | None = None,
) -> Load:
    """Each holder's thread runs flows back to back until ``seconds`` have passed."""
    from mcert_rp import Client

    load = Load()
    lock = threading.Lock()
    start_barrier = threading.Barrier(len(holders) + 1)
    deadline = [0.0]

    def worker(holder: Holder) -> None:
        with TimedClient(base_url=base_url, timeout=120.0) as http:
            rp = Client(base_url, rp_creds["client_id"], rp_creds["secret"], http=http)
            holder.device.http = http
            start_barrier.wait()
            while time.perf_counter() < deadline[0]:
                http.samples.clear()
                started = time.perf_counter()
                try:
                    one_flow(rp, holder)
                except Exception as exc:  # counted, and the thread goes on with a new flow
                    with lock:
                        load.errors[_error_code(exc)] += 1
                    continue
                elapsed = time.perf_counter() - started
                with lock:
                    load.flows += 1
                    load.flow_latencies.append(elapsed)
                    for step, t in http.samples:
                        load.steps.setdefault(step, []).append(t)

    threads = [threading.Thread(target=worker, args=(h,), daemon=True) for h in holders]
    for t in threads:
        t.start()
    # The database's CPU: its backends for this benchmark's database, and Redis.
    stores = (db_name, "redis-server") if db_name else ()
    cpu0 = (
        _cpu_seconds(pgid=server_pgid),
        _cpu_seconds(cmdline=stores),
        time.process_time(),
        _machine_busy(),
    )
    started = time.perf_counter()
    deadline[0] = started + seconds
    start_barrier.wait()
    for t in threads:
        t.join()
    load.seconds = time.perf_counter() - started
    server = _cpu_seconds(pgid=server_pgid) - cpu0[0]
    store = _cpu_seconds(cmdline=stores) - cpu0[1] if stores else 0.0
    client = time.process_time() - cpu0[2]
    busy = _machine_busy() - cpu0[3]
    load.cpu = {
        "server_s": server,
        "postgres_redis_s": store,
        "load_generator_s": client,
        "other_s": max(0.0, busy - server - store - client),
        "machine_busy_s": busy,
        "machine_capacity_s": load.seconds * (os.cpu_count() or 1),
    }
    return load


def check_one(holder: Holder, base_url: str, rp_creds: dict[str, str]) -> None:
    """One flow whose result the RP SDK verifies (chain, OCSP, signature, payload): a
    benchmark of wrong answers would be meaningless."""
    from mcert_rp import Client, Verifier

    with httpx.Client(base_url=base_url, timeout=60.0) as http:
        holder.device.http = http
        rp = Client(base_url, rp_creds["client_id"], rp_creds["secret"], http=http)
        done = one_flow(rp, holder)
        root = http.get("/pki/ca/root.crt").content
    verifier = Verifier([_der_to_pem(root)], client_id=rp_creds["client_id"], rp_name=RP_NAME)
    verifier.verify_login(done["status"], done["handle"])


def _der_to_pem(der: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)


# ----------------------------------------------------------------------------- profile

# A sample belongs to the first endpoint (or auth dependency) its stack passes through.
PROFILE_ENDPOINTS = [
    ("create", "create_session (mcert/rp/api.py"),
    ("scan", "scan (mcert/scan/api.py"),
    ("prepare", "prepare (mcert/scan/api.py"),
    ("complete", "complete (mcert/scan/api.py"),
    ("collect", "collect.<locals>.read (mcert/rp/api.py"),
    ("RP HMAC auth + nonce (create, collect)", "current_rp.<locals>.check (mcert/http/rp_auth.py"),
    ("device access-token auth", "(mcert/http/deps.py"),
    ("event loop: HTTP, middleware, routing", "Runner.run (asyncio/runners.py"),
]
# Inclusive shares across endpoints (they overlap: a commit inside prepare counts in both).
PROFILE_PARTS = [
    ("scrypt verify", "_scrypt (mcert/keyprotect.py"),
    ("audit log append", "record (mcert/audit/service.py"),
    ("ORM queries (execute/get, incl. SQL round trips)", "Session._execute_internal ("),
    ("ORM flush", "Session._flush ("),
    ("commit", "Session.commit ("),
    ("seal server share (ECIES)", "seal_to_transport_key ("),
    ("OCSP response in the result", "_ocsp_for (mcert/scan/phone.py"),
    ("ECDSA verify", "_verify_ecdsa (mcert/scan/phone.py"),
]
# Leaves where a sampled thread waits rather than computes: py-spy's idle filter lets them
# through (waiting on PostgreSQL, row locks, SQLite's busy lock, the thread pool).
WAIT_LEAVES = (
    "Connection.wait (psycopg/",
    "Condition.wait (threading.py",
    "Runner.run (asyncio/runners.py",
    "do_execute (sqlalchemy/engine/default.py",
)


def py_spy(pid: int, seconds: float, out: Path) -> subprocess.Popen[bytes] | None:
    exe = os.environ.get("PY_SPY") or shutil.which("py-spy")
    if exe is None:
        return None
    cmd = [exe, "record", "--pid", str(pid), "--subprocesses", "--format", "raw"]
    cmd += ["--rate", "200", "--duration", str(int(seconds)), "--nonblocking", "-o", str(out)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def summarise_profile(raw: Path) -> dict[str, Any]:
    """Shares of the server's on-CPU samples: by endpoint, by cross-cutting part, and the
    top functions by own (leaf) samples."""
    endpoints: Counter[str] = Counter()
    parts: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    total = waiting = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        leaf = stack.split(";")[-1]
        leaves[re.sub(r":\d+\)$", ")", leaf)] += n
        waiting += n if any(w in leaf for w in WAIT_LEAVES) else 0
        name = next((k for k, needle in PROFILE_ENDPOINTS if needle in stack), None)
        endpoints[name or "other (thread pool hand-offs, GIL waits)"] += n
        for part, needle in PROFILE_PARTS:
            if needle in stack:
                parts[part] += n
    if not total:
        return {"samples": 0}
    return {
        "samples": total,
        "waiting_not_cpu": round(waiting / total, 3),
        "by_endpoint": {k: round(v / total, 3) for k, v in endpoints.most_common()},
        "inclusive": {k: round(v / total, 3) for k, v in parts.most_common()},
        "top_leaf_functions": {k: round(v / total, 3) for k, v in leaves.most_common(12)},
    }


# ----------------------------------------------------------------------------- backends


@contextlib.contextmanager
def sqlite_backend() -> Iterator[Backend]:
    tmp = Path(tempfile.mkdtemp(prefix="mcert-bench-scan-"))
    try:
        yield Backend("SQLite", f"sqlite:///{tmp / 'mcert.db'}", None, 1, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def postgres_backend() -> Iterator[Backend | str]:
    """A throwaway database on ``MCERT_BENCH_DATABASE_URL``'s server, dropped after."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(os.environ.get("MCERT_BENCH_DATABASE_URL") or PG_DEFAULT)
    redis_url = os.environ.get("MCERT_BENCH_REDIS_URL") or REDIS_DEFAULT
    name = f"mcert_bench_scan_{secrets.token_hex(4)}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        import redis

        redis.Redis.from_url(redis_url).ping()
    except Exception as exc:  # any driver error: nothing to measure
        admin.dispose()
        yield f"PostgreSQL or Redis unreachable: {type(exc).__name__}: {exc}"
        return
    tmp = Path(tempfile.mkdtemp(prefix="mcert-bench-scan-"))
    prefix = f"{name}:"
    try:
        url = server.set(database=name).render_as_string(hide_password=False)
        yield Backend("PostgreSQL + Redis", url, redis_url, 2, tmp, prefix)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        shutil.rmtree(tmp, ignore_errors=True)
        r = redis.Redis.from_url(redis_url)
        keys = list(r.scan_iter(match=f"{prefix}*", count=1000))
        for at in range(0, len(keys), 1000):
            r.delete(*keys[at : at + 1000])
        r.close()


def _server_errors(log: Path) -> dict[str, int]:
    """The server log's exception lines (``module.Error: message``), counted."""
    found: Counter[str] = Counter()
    for line in log.read_text(errors="replace").splitlines():
        if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Timeout)\b", line):
            found[line[:160]] += 1
    return dict(found.most_common(8))


def measure(backend: Backend, args: argparse.Namespace, concurrency: int) -> dict[str, Any]:
    port = _free_port()
    env = server_env(backend, port)
    t0 = time.perf_counter()
    _mcert(env, "db", "upgrade")
    _mcert(env, "ca", "init")
    rp_creds = json.loads(
        _mcert(env, "rp", "create", "--name", RP_NAME, "--ops", "login", "--json")
    )
    holders = seed_holders(backend, port, concurrency)
    setup_s = time.perf_counter() - t0
    print(f"{backend.name}: {len(holders)} holders seeded in {setup_s:.0f} s", file=sys.stderr)
    base_url = f"http://127.0.0.1:{port}"
    db = backend.url.rsplit("/", 1)[1] if backend.redis_url else None
    log = backend.data_dir / "uvicorn.log"
    with serving(backend, port, log) as proc:
        check_one(holders[0], base_url, rp_creds)
        warm = run_load(holders, base_url, rp_creds, 2.0, proc.pid, db)  # every worker warm
        busy_before = wait_for_quiet(args.quiet_wait)
        load_avg = os.getloadavg()
        load = run_load(holders, base_url, rp_creds, args.duration, proc.pid, db)
        profile: dict[str, Any] = {}
        if args.profile:
            raw = backend.data_dir / "profile.txt"
            spy = py_spy(proc.pid, args.profile_seconds, raw)
            if spy is None:
                profile = {"skipped": "py-spy not on PATH (or PY_SPY)"}
            else:
                time.sleep(0.5)
                prof_load = run_load(
                    holders, base_url, rp_creds, args.profile_seconds + 1.0, proc.pid, db
                )
                with contextlib.suppress(subprocess.TimeoutExpired):
                    spy.wait(timeout=60)
                profile = summarise_profile(raw) if raw.exists() else {"skipped": "no output"}
                profile["flows_per_s_while_profiled"] = round(
                    prof_load.flows / prof_load.seconds, 1
                )
                keep = OUT.parent / f"scan_flows_profile_{backend.workers}w_{concurrency}c.txt"
                if args.keep_profile and raw.exists():
                    shutil.copyfile(raw, keep)
    result = summarise(backend, load, warm, setup_s, load_avg, profile, _server_errors(log))
    result["concurrency"] = concurrency
    result["machine_busy_share_before"] = round(busy_before, 2)
    return result


def summarise(
    backend: Backend,
    load: Load,
    warm: Load,
    setup_s: float,
    load_avg: tuple[float, float, float],
    profile: dict[str, Any],
    server_errors: dict[str, int],
) -> dict[str, Any]:
    rate = load.flows / load.seconds if load.seconds else 0.0
    steps = {
        s: {
            "n": len(v),
            "p50_ms": round(percentile(v, 50) * 1000, 1),
            "p99_ms": round(percentile(v, 99) * 1000, 1),
            "mean_ms": round(statistics.fmean(v) * 1000, 1) if v else 0.0,
        }
        for s, v in load.steps.items()
        if v
    }
    per_flow = (
        {k: round(v / load.flows * 1000, 1) for k, v in load.cpu.items()} if load.flows else {}
    )
    return {
        "backend": backend.name,
        "server": f"uvicorn mcert.main:app_factory --factory --workers {backend.workers}",
        "workers": backend.workers,
        "flows": load.flows,
        "seconds": round(load.seconds, 2),
        "flows_per_s": round(rate, 1),
        "flow_p50_ms": round(percentile(load.flow_latencies, 50) * 1000, 1),
        "flow_p99_ms": round(percentile(load.flow_latencies, 99) * 1000, 1),
        "steps": steps,
        "errors": dict(load.errors),
        "warmup_errors": dict(warm.errors),
        "server_log_errors": server_errors,
        "cpu_seconds": {k: round(v, 1) for k, v in load.cpu.items()},
        "cpu_ms_per_flow": {k: v for k, v in per_flow.items() if not k.startswith("machine_c")},
        "load_average_before": [round(x, 2) for x in load_avg],
        "setup_seconds": round(setup_s, 1),
        "profile": profile,
    }


# ----------------------------------------------------------------------------- report


def table(results: list[dict[str, Any]], scrypt: dict[str, float]) -> str:
    head = "| backend | flows/s | flow p50 / p99 ms | " + " | ".join(
        f"{s} p50 / p99 ms" for s in STEPS
    )
    lines = [head + " | errors |", "|---|---:|---:|" + "---:|" * len(STEPS) + "---|"]
    for r in results:
        cells = [
            f"{r['steps'][s]['p50_ms']:.0f} / {r['steps'][s]['p99_ms']:.0f}"
            if s in r["steps"]
            else ""
            for s in STEPS
        ]
        errors = ", ".join(f"{k} ×{v}" for k, v in r["errors"].items()) or "none"
        lines.append(
            f"| {r['backend']}, {r['workers']} worker(s), {r['concurrency']} flows at once "
            f"| {r['flows_per_s']:.1f} "
            f"| {r['flow_p50_ms']:.0f} / {r['flow_p99_ms']:.0f} | "
            + " | ".join(cells)
            + f" | {errors} |"
        )
    per_core = os.cpu_count() or 1
    lines.append(
        f"| scrypt N=2^14 r=8 p=1 alone | {scrypt['1_proc_per_s']:.1f} (1 proc), "
        f"{scrypt[f'{per_core}_proc_per_s']:.1f} ({per_core} procs) "
        f"| {scrypt['ms_each']:.0f} ms each |" + " |" * len(STEPS) + " |"
    )
    return "\n".join(lines)


def rows_for(results: list[dict[str, Any]], scrypt: dict[str, float]) -> list[Row]:
    ref = scrypt[f"{os.cpu_count() or 1}_proc_per_s"]
    rows = [Row("scan_flows", "scrypt N=2^14 r=8 p=1, all cores", ref, "verifies/s")]
    for r in results:
        worst = max(r["steps"].values(), key=lambda s: s["p99_ms"])["p99_ms"]
        rows.append(
            Row(
                "scan_flows",
                f"{r['backend']}, {r['workers']} worker(s), {r['concurrency']} at once",
                r["flows_per_s"],
                "flows/s",
                "scrypt verifies/s, all cores",
                ref,
                f"worst step p99 {worst:.0f} ms; target ≥ {TARGET_FLOWS:.0f}/s, "
                f"p99 < {TARGET_P99_MS:.0f} ms",
                {"steps": r["steps"], "errors": r["errors"]},
            )
        )
    return rows


def run(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    """Entry point for ``bench/__main__.py``: ``args`` needs only ``quick``."""
    defaults = {
        "duration": 5.0 if args.quick else 20.0,
        "concurrency": 10 if args.quick else 50,
        "backends": "sqlite,sqlite:30,postgresql",
        "profile": False,
        "profile_seconds": 10.0,
        "keep_profile": False,
        "quiet_wait": 30.0 if args.quick else 300.0,
    }
    for name, value in defaults.items():
        if getattr(args, name, None) is None:
            setattr(args, name, value)
    wait_for_quiet(args.quiet_wait)
    scrypt = scrypt_reference(2.0 if args.quick else 5.0)
    print(
        f"scrypt alone: {scrypt['1_proc_per_s']:.1f}/s in 1 process, "
        f"{scrypt[f'{os.cpu_count() or 1}_proc_per_s']:.1f}/s on all cores",
        file=sys.stderr,
    )
    results: list[dict[str, Any]] = []
    skipped: dict[str, str] = {}
    for spec in args.backends.split(","):
        name, _, n = spec.strip().partition(":")
        concurrency = int(n) if n else args.concurrency
        if name == "sqlite":
            with sqlite_backend() as backend:
                results.append(measure(backend, args, concurrency))
        elif name == "postgresql":
            with postgres_backend() as pg:
                if isinstance(pg, str):
                    print(f"skipping PostgreSQL: {pg}", file=sys.stderr)
                    skipped["postgresql"] = pg
                else:
                    results.append(measure(pg, args, concurrency))
        else:
            raise SystemExit(f"unknown backend {name!r}: sqlite or postgresql")
    details = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "duration_s": args.duration,
        "concurrency": args.concurrency,
        "password_prehash_iterations": PREHASH_ITERATIONS,
        "scrypt_reference": {k: round(v, 1) for k, v in scrypt.items()},
        "results": results,
        "skipped": skipped,
        "targets": {"flows_per_s": TARGET_FLOWS, "step_p99_ms": TARGET_P99_MS},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(details, indent=2, ensure_ascii=False) + "\n")
    print(table(results, scrypt))
    for r in results:
        print(f"\n{r['backend']}: CPU ms per flow {r['cpu_ms_per_flow']}")
        for view in ("by_endpoint", "inclusive"):
            if r["profile"].get(view):
                print(f"{r['backend']}: server profile {view} {r['profile'][view]}")
    print(f"\nsaved to {OUT}")
    return rows_for(results, scrypt), details


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scan_flows", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10 holders, 5 s (smoke run)")
    parser.add_argument("--duration", type=float, help="seconds of load (default 20)")
    parser.add_argument("--concurrency", type=int, help="holders = concurrent flows (50)")
    parser.add_argument(
        "--backends",
        help="comma-separated sqlite | postgresql, each optionally :CONCURRENCY "
        "(default sqlite,sqlite:30,postgresql)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="then a py-spy profile of the server"
    )
    parser.add_argument("--profile-seconds", type=float, help="py-spy duration (default 10)")
    parser.add_argument(
        "--keep-profile", action="store_true", help="copy py-spy's raw stacks to bench/results/"
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        help="seconds to wait for other load to stop before measuring (default 300)",
    )
    args = parser.parse_args(argv)
    m = machine()
    print(f"machine: {m['nproc']} × {m['cpu']}, Python {m['python']}", file=sys.stderr)
    run(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
