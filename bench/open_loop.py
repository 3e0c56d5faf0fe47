"""Open-loop scan flows: login, sign or decrypt flows *started at a fixed offered rate*.

A closed loop (``bench.scan_flows``: C threads running flows back to back) slows its own
offered load down when the server slows, and so hides queueing. Here flow *i* is scheduled
at ``t0 + i / rate`` whatever happened to the earlier ones, and every latency is measured
from that scheduled start, not from when a request was sent: a flow that had to wait for a
free client thread or holder counts that wait too (no coordinated omission).

A flow is the real protocol with the reference device and the RP SDK: **create** (RP,
HMAC-signed) → **scan** (fresh QR frame; the answer carries the PBKDF2 parameters) →
**prepare** (password check, server share sealed to a one-time key; the device-key proof uses
the challenge the last answer carried, a **challenge** request only when it has none) →
**complete** (login: ECDSA over the payload; sign: one document digest;
decrypt: the ECDH key agreement for a bid envelope) → **collect** (RP, one GET). Before the
load, one flow of each kind is checked end to end with ``mcert_rp.Verifier`` (or by
decrypting the bid). Device-side crypto is cheap by construction: the PBKDF2 pre-hash runs
1,000 iterations (``MCERT_PASSWORD_PREHASH_ITERATIONS``), the bid envelope and the RP's
one-time key are made once per holder before the clock starts.

Beside every flow phase, in the same run and against the same server, a **reference**
phase: the same number of requests per flow, all ``GET /healthz``, at the same offered
rate. Its latencies are the floor that the client, loopback HTTP and uvicorn alone give.

Reported per phase: achieved completed flows/s, flow p50/p99 from the scheduled start, per
step p50/p99, errors by code, **refusals** (503 ``server_busy`` from the admission bound, and
how fast they came back) counted apart from errors, server CPU ms per completed flow (all
processes of the server's process groups, from ``/proc/<pid>/stat``; with PostgreSQL also
its backends and Redis), client CPU, how late the client started flows (if the p99 start
lag is high, the *client* limits the run), and peak RSS per server process (``VmHWM``).

The load generator is a pool of forked processes (``--client-procs``, default 2), each
with a thread per holder it owns; holders are seeded untimed through the real app API.

    python -m bench.open_loop --flow login --rate 20 --duration 30
    python -m bench.open_loop --flow decrypt --rate 17 --backend postgres --workers 2
    python -m bench.open_loop --flow login --rate 10 --backend postgres --nodes 2

Results go to ``--out`` (default: a new file under the system temp dir, never
``bench/results/``), with a Markdown table beside it (``.md``).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import json
import math
import multiprocessing as mp
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench import _common
from bench.scan_flows import (
    PASSWORD,
    RP_NAME,
    Backend,
    Holder,
    _cpu_seconds,
    _free_port,
    _machine_busy,
    _machine_steal,
    _mcert,
    percentile,
    postgres_backend,
    seed_holders,
    server_env,
    serving,
    sqlite_backend,
)

FLOWS = ("login", "sign", "decrypt")
STEP_ORDER = ("create", "scan", "challenge", "prepare", "complete", "collect")
# create, scan, prepare, complete, collect: the scan answer carries the pre-hash parameters and
# every authenticated answer the next device-proof challenge (a challenge request is rare).
REQUESTS_PER_FLOW = 5
BID = "第一标段 投标报价 9,870,000 元".encode()
REQUEST_TIMEOUT = 30.0


# ----------------------------------------------------------------------------- client


def step_of(method: str, path: str) -> str:
    path = path.split("?")[0]
    if path.startswith("/api/rp/v1/sessions"):
        return "create" if method == "POST" else "collect"
    if path == "/api/app/v1/scan":
        return "scan"
    if path == "/api/app/v1/device/challenge":
        return "challenge"
    if path == "/healthz":
        return "healthz"
    for suffix in ("prepare", "complete"):
        if path.endswith(f"/{suffix}"):
            return suffix
    return "other"


class NodeClient(httpx.Client):
    """An ``httpx.Client`` that sends each request to the next node in turn (one node: always
    the same) and notes each request's step, wall time and status. One per holder, used by
    one flow at a time, so no lock."""

    def __init__(self, bases: list[str], offset: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.bases = bases
        self.turn = offset
        self.samples: list[tuple[str, float, int]] = []

    def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> httpx.Response:
        path = str(url)
        if not path.startswith("http"):
            url = self.bases[self.turn % len(self.bases)] + path
            self.turn += 1
        started = time.perf_counter()
        status = 0
        try:
            resp = super().request(method, url, *args, **kwargs)
            status = resp.status_code
            return resp
        finally:
            self.samples.append((step_of(method, path), time.perf_counter() - started, status))


@dataclasses.dataclass
class Material:
    """What a flow of one holder needs that is made before the clock starts."""

    holder: Holder
    recipient: dict[str, Any] | None = None
    rp_public: dict[str, str] | None = None
    rp_key: Any = None
    envelope: bytes = b""


def prepare_material(holders: list[Holder]) -> list[Material]:
    from cryptography import x509

    from mcert_rp import encrypt_bid, prepare_decrypt

    out = []
    for h in holders:
        pem = h.device.keystore.entries[h.cert_id].encryption_cert_pem
        enc = x509.load_pem_x509_certificate(pem.encode())
        envelope = encrypt_bid(BID, [enc])
        recipient, rp_key, rp_public = prepare_decrypt(envelope, enc)
        out.append(Material(h, recipient, rp_public, rp_key, envelope))
    return out


def one_flow(kind: str, rp: Any, m: Material) -> Any:
    """One flow of ``kind``; returns (handle, collected status) or raises."""
    if kind == "login":
        handle = rp.start_login(display_text=f"登录 {RP_NAME}")
    elif kind == "sign":
        digest = hashlib.sha256(os.urandom(32)).digest()
        handle = rp.start_sign(display_text="签署投标文件", digests=[("投标文件.pdf", digest)])
    else:
        handle = rp.start_decrypt(
            display_text="开标解密 第一标段", recipient=m.recipient, rp_public_key=m.rp_public
        )
    m.holder.device.scan(handle.current_qr())
    m.holder.device.confirm(handle.session_id, m.holder.cert_id, PASSWORD)
    status = rp.collect(handle.session_id)
    if status.status != "complete" or not status.result:
        raise RuntimeError(f"collect: {status.status} {status.reason}")
    return handle, status


def _healthz_flow(http: NodeClient) -> None:
    for _ in range(REQUESTS_PER_FLOW):
        r = http.get("/healthz")
        if r.status_code != 200:
            raise RuntimeError(f"healthz {r.status_code}")


def _error_code(exc: BaseException) -> str:
    status = getattr(exc, "status", None) or getattr(exc, "status_code", None)
    code = getattr(exc, "code", None)
    if code:
        return f"{status or ''} {code}".strip()
    return type(exc).__name__


@dataclasses.dataclass
class StartSignal:
    """How the parent starts a phase's client processes together: each puts its number on
    ``ready``; the parent then sets ``t0`` and ``go``."""

    ready: Any
    go: Any
    t0: Any


def client_process(
    k: int,
    procs: int,
    materials: list[Material],
    kind: str,
    rate: float,
    start: StartSignal,
    duration: float,
    bases: list[str],
    rp_creds: dict[str, str],
    out: Any,
) -> None:
    """Client process ``k`` of ``procs``: builds its holders' clients, says it is ready (puts
    ``k`` on ``start.ready``), then starts flows k, k+procs, … at their scheduled times from
    ``start.t0`` (the shared monotonic clock), which the parent sets once every process is
    ready. Building 100 httpx clients takes ~3 s (each loads the CA bundle): scheduled from
    a fixed guess, the first flows of every phase would count that as server latency."""
    from mcert_rp import Client

    cpu0 = time.process_time()
    free: queue.Queue[tuple[Material, NodeClient, Any]] = queue.Queue()
    clients = []
    for i, m in enumerate(materials):
        http = NodeClient(bases, offset=i, timeout=REQUEST_TIMEOUT)
        clients.append(http)
        m.holder.device.http = http
        # No retry of a refused request: the benchmark counts the server's refusals.
        rp = Client(bases[0], rp_creds["client_id"], rp_creds["secret"], http=http, busy_retries=0)
        free.put((m, http, rp))
    records: list[dict[str, Any]] = []
    lock = threading.Lock()
    lags: list[float] = []
    late: list[float] = []
    holder_waits: list[float] = []

    def run_one(scheduled: float, m: Material, http: NodeClient, rp: Any) -> None:
        http.samples.clear()
        error = None
        try:
            if kind == "healthz":
                _healthz_flow(http)
            else:
                one_flow(kind, rp, m)
        except Exception as exc:  # counted; the flow is over
            error = _error_code(exc)
        finally:
            ended = time.monotonic()
            free.put((m, http, rp))
        refused = any(s == 503 for _, _, s in http.samples)
        record = {
            "latency": ended - scheduled,
            "error": error,
            "refused": refused,
            "steps": list(http.samples),
        }
        with lock:
            records.append(record)

    n = math.floor(duration * rate)
    start.ready.put(k)
    start.go.wait()
    t0 = start.t0.value
    with ThreadPoolExecutor(max_workers=len(materials)) as pool:
        for i in range(k, n, procs):
            scheduled = t0 + i / rate
            delay = scheduled - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            # Late: this process did not get the CPU in time (client-limited), whether it
            # slept or was already behind.
            late.append(max(0.0, time.monotonic() - scheduled))
            before = time.monotonic()
            m, http, rp = free.get()  # waits when every holder is busy: counted in latency
            waited = time.monotonic() - before
            if waited > 0.001:
                holder_waits.append(waited)
            lags.append(time.monotonic() - scheduled)
            pool.submit(run_one, scheduled, m, http, rp)
    for c in clients:
        c.close()
    out.put(
        {
            "k": k,
            "records": records,
            "lags": lags,
            "late": late,
            "holder_waits": holder_waits,
            "cpu_s": time.process_time() - cpu0,
        }
    )


def run_phase(
    kind: str,
    materials: list[Material],
    rate: float,
    duration: float,
    bases: list[str],
    rp_creds: dict[str, str],
    procs: int,
    server_pgids: list[int],
    store_cmdline: tuple[str, ...],
) -> dict[str, Any]:
    """One phase at ``rate`` flows/s for ``duration`` s; returns the summary."""
    ctx = mp.get_context("fork")
    out = ctx.Queue()
    share = [materials[k::procs] for k in range(procs)]
    start = StartSignal(ready=ctx.Queue(), go=ctx.Event(), t0=ctx.Value("d", 0.0))
    workers = [
        ctx.Process(
            target=client_process,
            args=(k, procs, share[k], kind, rate, start, duration, bases, rp_creds, out),
        )
        for k in range(procs)
    ]
    for w in workers:
        w.start()
    for _ in workers:
        start.ready.get(timeout=120)
    t0 = time.monotonic() + 0.2
    start.t0.value = t0
    start.go.set()
    cpu0 = (
        sum(_cpu_seconds(pgid=p) for p in server_pgids),
        _cpu_seconds(cmdline=store_cmdline) if store_cmdline else 0.0,
        _machine_busy(),
        _machine_steal(),
    )
    parts = [out.get(timeout=duration + 4 * REQUEST_TIMEOUT + 60) for _ in workers]
    for w in workers:
        w.join(timeout=30)
    wall = max(time.monotonic() - t0, duration)
    server = sum(_cpu_seconds(pgid=p) for p in server_pgids) - cpu0[0]
    store = (_cpu_seconds(cmdline=store_cmdline) - cpu0[1]) if store_cmdline else 0.0
    busy = _machine_busy() - cpu0[2]
    steal = _machine_steal() - cpu0[3]
    client = sum(p["cpu_s"] for p in parts)
    records = [r for p in parts for r in p["records"]]
    lags = [x for p in parts for x in p["lags"]]
    late = [x for p in parts for x in p["late"]]
    result = summarise(
        kind, rate, duration, wall, records, lags, server, store, client, busy, steal
    )
    # Late before looking for a holder: the load generator's own CPU limits the run.
    result["scheduler_late_p99_ms"] = _ms(late, 99)
    # Flows that found every holder busy (more flows in flight than holders): raise
    # --holders (or --holder-seconds) if this is not rare.
    waits = [x for p in parts for x in p["holder_waits"]]
    result["holder_waits"] = len(waits)
    result["holder_wait_p99_ms"] = _ms(waits, 99)
    return result


def _ms(values: list[float], q: float) -> float:
    return round(percentile(values, q) * 1000, 1)


def summarise(
    kind: str,
    rate: float,
    duration: float,
    wall: float,
    records: list[dict[str, Any]],
    lags: list[float],
    server_cpu: float,
    store_cpu: float,
    client_cpu: float,
    machine_busy: float,
    machine_steal: float,
) -> dict[str, Any]:
    ok = [r for r in records if r["error"] is None]
    refused = [r for r in records if r["error"] is not None and r["refused"]]
    failed = [r for r in records if r["error"] is not None and not r["refused"]]
    steps: dict[str, list[float]] = {}
    refusal_ms: list[float] = []
    for r in ok:
        for step, t, _ in r["steps"]:
            steps.setdefault(step, []).append(t)
    refused_at: Counter[str] = Counter()
    for r in records:
        refusal_ms += [t for _, t, s in r["steps"] if s == 503]
        first = next((step for step, _, s in r["steps"] if s == 503), None)
        if first is not None:
            refused_at[first] += 1
    flow_lat = [r["latency"] for r in ok]
    completed = len(ok)
    cores = os.cpu_count() or 1
    return {
        "flow": kind,
        "offered_per_s": rate,
        "duration_s": duration,
        "scheduled": len(records),
        "completed": completed,
        # Completed flows over the time from the first scheduled start to the last flow's
        # end: a server that falls behind finishes late, and that lowers the rate.
        "achieved_per_s": round(completed / max(wall, duration), 2),
        "wall_s": round(wall, 1),
        "flow_p50_ms": _ms(flow_lat, 50),
        "flow_p99_ms": _ms(flow_lat, 99),
        "flow_max_ms": round(max(flow_lat, default=0) * 1000, 1),
        "steps": {
            s: {"n": len(v), "p50_ms": _ms(v, 50), "p99_ms": _ms(v, 99)}
            for s, v in sorted(
                steps.items(),
                key=lambda kv: STEP_ORDER.index(kv[0]) if kv[0] in STEP_ORDER else 99,
            )
        },
        "refused_flows": len(refused),
        # Which step the refused flows were refused at: "create" sheds a flow before any
        # work; a later step wastes the steps before it.
        "refused_at": dict(refused_at.most_common()),
        "refusal_p99_ms": _ms(refusal_ms, 99),
        "refusal_max_ms": round(max(refusal_ms, default=0) * 1000, 1),
        "errors": dict(Counter(r["error"] for r in failed).most_common(8)),
        # Scheduled start to the flow's first request, waiting for a free holder included.
        "start_lag_p50_ms": _ms(lags, 50),
        "start_lag_p99_ms": _ms(lags, 99),
        "cpu_s": {
            "server": round(server_cpu, 2),
            "postgres_redis": round(store_cpu, 2),
            "client": round(client_cpu, 2),
            "other": round(
                max(0.0, machine_busy - machine_steal - server_cpu - store_cpu - client_cpu), 2
            ),
            # Taken by the hypervisor for other guests: this machine's cores were slower.
            "steal": round(machine_steal, 2),
            "machine_capacity": round(wall * cores, 1),
        },
        "server_cpu_ms_per_flow": round(server_cpu / completed * 1000, 1) if completed else None,
        "store_cpu_ms_per_flow": round(store_cpu / completed * 1000, 1) if completed else None,
        "client_cpu_ms_per_flow": round(client_cpu / completed * 1000, 1) if completed else None,
    }


# ----------------------------------------------------------------------------- server


def _rss(pgids: list[int]) -> list[dict[str, Any]]:
    """Current and peak RSS (MiB) of every process in the server's process groups."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2 :].split()[2]) not in pgids:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if line.startswith("Vm"))
        kib = {k: int(fields[k].split()[0]) for k in ("VmRSS", "VmHWM") if k in fields}
        # uvicorn --workers N: a supervisor, N spawned workers, multiprocessing's tracker.
        if "resource_tracker" in cmd:
            continue
        role = "worker" if "spawn_main" in cmd else "main"
        found.append(
            {
                "pid": int(entry.name),
                "role": role,
                "rss_mib": round(kib.get("VmRSS", 0) / 1024, 1),
                "peak_rss_mib": round(kib.get("VmHWM", 0) / 1024, 1),
            }
        )
    return sorted(found, key=lambda p: p["pid"])


def node(
    backend: Backend, port: int, public_url: str, log: Path, extra_env: dict[str, str]
) -> contextlib.AbstractContextManager[subprocess.Popen[bytes]]:
    """One server node on ``port``; every node names the same public URL."""
    return serving(backend, port, log, {"MCERT_PUBLIC_URL": public_url, **extra_env})


def check(kind: str, m: Material, bases: list[str], rp_creds: dict[str, str]) -> None:
    """One flow of ``kind`` whose result is verified as a relying party would."""
    from mcert_rp import Client, Verifier, decrypt_with_session

    with NodeClient(bases, 0, timeout=60.0) as http:
        m.holder.device.http = http
        rp = Client(bases[0], rp_creds["client_id"], rp_creds["secret"], http=http)
        handle, status = one_flow(kind, rp, m)
        root = http.get("/pki/ca/root.crt").content
    from bench.scan_flows import _der_to_pem

    verifier = Verifier([_der_to_pem(root)], client_id=rp_creds["client_id"], rp_name=RP_NAME)
    if kind == "login":
        verifier.verify_login(status, handle)
    elif kind == "sign":
        verifier.verify_sign(status, handle)
    elif decrypt_with_session(m.envelope, m.recipient or {}, status, m.rp_key) != BID:
        raise RuntimeError("the decrypted bid differs")


# ----------------------------------------------------------------------------- run


def measure(backend: Backend, args: argparse.Namespace) -> dict[str, Any]:
    ports = [_free_port() for _ in range(args.nodes)]
    bases = [f"http://127.0.0.1:{p}" for p in ports]
    env = server_env(backend, ports[0])
    t = time.perf_counter()
    _mcert(env, "db", "upgrade")
    _mcert(env, "ca", "init")
    rp_creds = json.loads(_mcert(env, "rp", "create", "--name", RP_NAME, "--json"))
    top_rate = max(args.rate)
    holders_n = args.holders or max(8, math.ceil(top_rate * args.holder_seconds))
    holders = seed_holders(backend, ports[0], holders_n)
    materials = prepare_material(holders)
    setup_s = time.perf_counter() - t
    print(f"{backend.name}: {len(holders)} holders in {setup_s:.0f} s", file=sys.stderr)
    extra = (
        {"MCERT_MAX_IN_FLIGHT": str(args.max_in_flight)} if args.max_in_flight is not None else {}
    )
    phases: list[dict[str, Any]] = []
    with contextlib.ExitStack() as stack:
        procs = [
            stack.enter_context(
                node(backend, p, bases[0], backend.data_dir / f"node{i}.log", extra)
            )
            for i, p in enumerate(ports)
        ]
        pgids = [p.pid for p in procs]
        stores = (backend.url.rsplit("/", 1)[1], "redis-server") if backend.redis_url else ()
        for kind in args.flow:
            check(kind, materials[0], bases, rp_creds)
        rss_idle = _rss(pgids)
        # Warm-up: every worker has served every route before the clock starts.
        run_phase(
            args.flow[0],
            materials,
            min(top_rate, 5.0),
            2.0,
            bases,
            rp_creds,
            args.client_procs,
            pgids,
            stores,
        )
        for rate in args.rate:
            for kind in args.flow:
                for case in ("healthz", kind):  # the reference first, at the same rate
                    load = os.getloadavg()[0]
                    result = run_phase(
                        case,
                        materials,
                        rate,
                        args.duration,
                        bases,
                        rp_creds,
                        args.client_procs,
                        pgids,
                        stores,
                    )
                    result["loadavg_1min_before"] = round(load, 2)
                    result["reference_for"] = kind if case == "healthz" else None
                    result["server_processes"] = _rss(pgids)
                    phases.append(result)
                    print(line(backend, args, result), file=sys.stderr)
    return {
        "backend": backend.name,
        "workers": backend.workers,
        "nodes": args.nodes,
        "holders": len(holders),
        "setup_s": round(setup_s, 1),
        "rss_idle": rss_idle,
        "phases": phases,
    }


def line(backend: Backend, args: argparse.Namespace, r: dict[str, Any]) -> str:
    return (
        f"{backend.name} {r['flow']} @ {r['offered_per_s']:g}/s: {r['achieved_per_s']}/s, "
        f"p50 {r['flow_p50_ms']:.0f} ms, p99 {r['flow_p99_ms']:.0f} ms, "
        f"refused {r['refused_flows']}, errors {sum(r['errors'].values())}, "
        f"server CPU {r['server_cpu_ms_per_flow']} ms/flow, "
        f"client: woken late p99 {r['scheduler_late_p99_ms']:.0f} ms, "
        f"{r['holder_waits']} waits for a free holder"
    )


def markdown(result: dict[str, Any]) -> str:
    rows = [
        "| backend | flow | offered /s | achieved /s | flow p50 / p99 ms | refused (p99 ms) "
        "| errors | server CPU ms/flow | client CPU ms/flow | client woken late p99 ms "
        "| waits for a holder | other / stolen CPU share | peak RSS MiB | load before |",
        "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for run in result["runs"]:
        name = f"{run['backend']}, {run['workers']} worker(s) × {run['nodes']} node(s)"
        for r in run["phases"]:
            peak = ", ".join(
                f"{p['peak_rss_mib']:.0f}" for p in r["server_processes"] if p["role"] == "worker"
            ) or ", ".join(f"{p['peak_rss_mib']:.0f}" for p in r["server_processes"])
            errors = ", ".join(f"{k} ×{v}" for k, v in r["errors"].items()) or "none"
            # CPU the rest of the machine took: the figures are only as good as this is low.
            capacity = r["cpu_s"]["machine_capacity"] or 1
            other = r["cpu_s"]["other"] / capacity
            stolen = r["cpu_s"]["steal"] / capacity
            flow = (
                r["flow"] if r["flow"] != "healthz" else f"ref.: {r['reference_for']} as /healthz"
            )
            rows.append(
                f"| {name} | {flow} | {r['offered_per_s']:g} | {r['achieved_per_s']:.1f} "
                f"| {r['flow_p50_ms']:.0f} / {r['flow_p99_ms']:.0f} "
                f"| {r['refused_flows']} ({r['refusal_p99_ms']:.0f}) | {errors} "
                f"| {r['server_cpu_ms_per_flow'] or 0:.0f} "
                f"| {r['client_cpu_ms_per_flow'] or 0:.0f} "
                f"| {r['scheduler_late_p99_ms']:.0f} | {r['holder_waits']} "
                f"| {other:.0%} / {stolen:.0%} | {peak} | {r['loadavg_1min_before']} |"
            )
    steps = ["", "Steps of the flow phases, p50 / p99 ms:", ""]
    steps.append("| backend | flow | offered /s | " + " | ".join(STEP_ORDER) + " |")
    steps.append("|---|---|---:|" + "---:|" * len(STEP_ORDER))
    for run in result["runs"]:
        for r in run["phases"]:
            if r["flow"] == "healthz":
                continue
            cells = [
                f"{r['steps'][s]['p50_ms']:.0f} / {r['steps'][s]['p99_ms']:.0f}"
                if s in r["steps"]
                else ""
                for s in STEP_ORDER
            ]
            steps.append(
                f"| {run['backend']} | {r['flow']} | {r['offered_per_s']:g} | "
                + " | ".join(cells)
                + " |"
            )
    return "\n".join(rows + steps) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.open_loop",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--flow", default="login", help=f"comma-separated: {', '.join(FLOWS)} (default login)"
    )
    parser.add_argument(
        "--rate",
        default="10",
        help="offered flows per second, comma-separated for several (default 10)",
    )
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per phase (20)")
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--workers",
        type=int,
        help="uvicorn workers per node (default 1 on SQLite, 2 on PostgreSQL)",
    )
    parser.add_argument(
        "--nodes",
        type=int,
        default=1,
        help="server processes on different ports; requests alternate between "
        "them (PostgreSQL + Redis only)",
    )
    parser.add_argument(
        "--holders", type=int, help="holders seeded (default: rate × --holder-seconds, at least 8)"
    )
    parser.add_argument(
        "--holder-seconds",
        type=float,
        default=3.0,
        help="flows per holder in flight budget: holders = rate × this (3)",
    )
    parser.add_argument("--client-procs", type=int, default=2, help="load-generator processes (2)")
    parser.add_argument(
        "--max-in-flight",
        type=int,
        help="MCERT_MAX_IN_FLIGHT of the server (default: the server's own)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="results JSON (default: a new file in "
        f"{tempfile.gettempdir()}); the Markdown table goes beside it (.md)",
    )
    args = parser.parse_args(argv)
    args.flow = [f.strip() for f in args.flow.split(",") if f.strip()]
    if bad := [f for f in args.flow if f not in FLOWS]:
        parser.error(f"unknown flow(s) {bad}: {', '.join(FLOWS)}")
    args.rate = [float(r) for r in args.rate.split(",")]
    if args.nodes > 1 and args.backend != "postgres":
        parser.error("--nodes > 1 needs --backend postgres (SQLite is one file on one host)")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out: Path = args.out or Path(tempfile.gettempdir()) / f"mcert-open-loop-{stamp}.json"
    results_dir = (Path(__file__).parent / "results").resolve()
    if out.resolve().parent == results_dir and out.exists():
        parser.error(f"{out} exists: bench/results/ files are never overwritten here")
    workers = args.workers or (1 if args.backend == "sqlite" else 2)
    m = _common.machine()
    print(f"machine: {m['nproc']} × {m['cpu']}, Python {m['python']}", file=sys.stderr)
    load = os.getloadavg()
    runs = []
    factory: Callable[[], Any] = sqlite_backend if args.backend == "sqlite" else postgres_backend
    with factory() as backend:
        if isinstance(backend, str):
            raise SystemExit(f"PostgreSQL + Redis unavailable: {backend}")
        runs.append(measure(dataclasses.replace(backend, workers=workers), args))
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "revision": _common.revision(),
        "machine": m,
        "loadavg_1min": [round(load[0], 2), round(os.getloadavg()[0], 2)],
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "runs": runs,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    table = markdown(result)
    out.with_suffix(".md").write_text(table)
    print(table)
    print(f"saved to {out} and {out.with_suffix('.md')}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
