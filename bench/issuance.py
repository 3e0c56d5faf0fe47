"""Issuance through the service layer: certificates per second, and where the time goes.

The timed loop is what an order's issuance step does per certificate: ``CAService.issue``
(CSR parse and proof-of-possession check, build, sign with the issuing key, store the row,
append the audit entry) and ``commit``. CSRs are made before the clock starts. Beside it,
in the same run: the raw P-256 ECDSA signing rate of ``cryptography`` (the floor any CA in
Python pays per certificate) and a per-step breakdown from timing each step of N issues.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from bench._common import Row, median

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
SECRET = "bench-secret-key-0123456789abcdef-0123456789"
PASSPHRASE = "bench-ca-passphrase"
PROFILE = "personal-sign"


@dataclass(frozen=True)
class Target:
    """Where to issue: a database URL and the data dir holding the CA's key files."""

    name: str
    url: str
    data_dir: Path


def make_csrs(n: int) -> list[bytes]:
    out = []
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "ignored")])
    for _ in range(n):
        key = ec.generate_private_key(ec.SECP256R1())
        csr = x509.CertificateSigningRequestBuilder().subject_name(name).sign(key, hashes.SHA256())
        out.append(csr.public_bytes(serialization.Encoding.DER))
    return out


def runtime_for(target: Target) -> Any:
    from mcert.runtime import Runtime
    from mcert.settings import Settings

    return Runtime(
        Settings(
            env="test",
            data_dir=target.data_dir,
            database_url=target.url,
            secret_key=SECRET,
            ca_key_passphrase=PASSPHRASE,
        )
    )


def prepare(target: Target) -> None:
    from mcert.ca.service import ca_service
    from mcert.db.migrate import upgrade

    rt = runtime_for(target)
    try:
        upgrade(rt.engine)
        with rt.sessions() as db:
            ca_service(rt).init(db, datetime.now(UTC))
    finally:
        rt.dispose()


def issue_all(rt: Any, csrs: list[bytes]) -> float:
    """Issue one certificate per CSR, one transaction each; return the elapsed seconds."""
    from mcert.audit.service import Actor
    from mcert.ca.service import ca_service
    from mcert.pki.issue import SubjectInfo

    subject = SubjectInfo(common_name="张三", pseudonym_id="p-3f9a1c2b7d")
    actor = Actor("system", "bench")
    now = datetime.now(UTC)
    ca = ca_service(rt)
    started = time.perf_counter()
    with rt.sessions() as db:
        for csr in csrs:
            ca.issue(db, now=now, profile=PROFILE, subject=subject, csr=csr, actor=actor)
            db.commit()
    return time.perf_counter() - started


def single(target: Target, n: int, repeats: int) -> list[float]:
    rt = runtime_for(target)
    try:
        issue_all(rt, make_csrs(20))  # warm: keys loaded, statements compiled, pool filled
        rates = []
        for _ in range(repeats):
            csrs = make_csrs(n)
            rates.append(n / issue_all(rt, csrs))
        return rates
    finally:
        rt.dispose()


def _worker(target: Target, n: int, barrier: Any, out: Any) -> None:
    rt = runtime_for(target)
    try:
        issue_all(rt, make_csrs(10))
        csrs = make_csrs(n)
        barrier.wait()
        start = time.monotonic()  # system-wide clock: comparable across processes
        issue_all(rt, csrs)
        out.put((start, time.monotonic()))
    finally:
        rt.dispose()


def parallel(target: Target, n_each: int, procs: int) -> float:
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(procs), ctx.Queue()
    workers = [
        ctx.Process(target=_worker, args=(target, n_each, barrier, out)) for _ in range(procs)
    ]
    for w in workers:
        w.start()
    spans = [out.get(timeout=300) for _ in workers]
    for w in workers:
        w.join(timeout=60)
        if w.exitcode != 0:
            raise RuntimeError(f"issuance worker exited with {w.exitcode}")
    wall = max(e for _, e in spans) - min(s for s, _ in spans)
    return n_each * procs / wall


def raw_signing_rate(seconds: float) -> float:
    """P-256 ECDSA-SHA256 signatures per second over a certificate-sized message."""
    key = ec.generate_private_key(ec.SECP256R1())
    data = secrets.token_bytes(520)
    algorithm = ec.ECDSA(hashes.SHA256())
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for _ in range(200):
            key.sign(data, algorithm)
        count += 200
    return count / elapsed


@contextlib.contextmanager
def _timed(module: Any, name: str, totals: dict[str, float]) -> Iterator[None]:
    original: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - t

    setattr(module, name, wrapper)
    try:
        yield
    finally:
        setattr(module, name, original)


def breakdown(target: Target, n: int) -> dict[str, float]:
    """Microseconds per certificate for each step of ``issue`` + ``commit``."""
    from mcert.audit.service import Actor
    from mcert.ca import service
    from mcert.pki.issue import SubjectInfo

    rt = runtime_for(target)
    try:
        issue_all(rt, make_csrs(20))
        ca = service.ca_service(rt)
        csrs = make_csrs(n)
        subject = SubjectInfo(common_name="张三", pseudonym_id="p-3f9a1c2b7d")
        actor, now = Actor("system", "bench"), datetime.now(UTC)
        totals: dict[str, float] = {}
        issue_total = commit_total = 0.0
        with (
            _timed(service, "load_csr", totals),
            _timed(service, "check_public_key", totals),
            _timed(service, "issue_certificate", totals),
            _timed(service, "record", totals),
            rt.sessions() as db,
        ):
            for csr in csrs:
                t0 = time.perf_counter()
                ca.issue(db, now=now, profile=PROFILE, subject=subject, csr=csr, actor=actor)
                t1 = time.perf_counter()
                db.commit()
                t2 = time.perf_counter()
                issue_total += t1 - t0
                commit_total += t2 - t1
    finally:
        rt.dispose()
    steps = {
        "csr_load_and_check": totals["load_csr"] + totals["check_public_key"],
        "build_and_sign": totals["issue_certificate"],
        "audit_append": totals["record"],
    }
    steps["row_insert_and_other"] = issue_total - sum(steps.values())
    steps["commit"] = commit_total
    return {k: round(v / n * 1e6, 1) for k, v in steps.items()}


@contextlib.contextmanager
def sqlite_target() -> Iterator[Target]:
    tmp = Path(tempfile.mkdtemp(prefix="mcert-bench-"))
    try:
        yield Target("SQLite", f"sqlite:///{tmp / 'mcert.db'}", tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def postgres_target() -> Iterator[Target | str]:
    """A throwaway database on the server of ``MCERT_BENCH_DATABASE_URL``; dropped after."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(os.environ.get("MCERT_BENCH_DATABASE_URL") or PG_DEFAULT)
    name = f"mcert_bench_{secrets.token_hex(4)}"
    admin = create_engine(
        server.set(database="postgres"), isolation_level="AUTOCOMMIT", pool_size=1
    )
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # any driver error: no server to measure
        admin.dispose()
        yield f"PostgreSQL unreachable at {server.render_as_string()}: {type(exc).__name__}"
        return
    tmp = Path(tempfile.mkdtemp(prefix="mcert-bench-"))
    try:
        yield Target("PostgreSQL", server.set(database=name).render_as_string(False), tmp)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        shutil.rmtree(tmp, ignore_errors=True)


def _measure(target: Target, n: int, repeats: int, raw: float) -> tuple[list[Row], dict[str, Any]]:
    prepare(target)
    rates = single(target, n, repeats)
    one = median(rates)
    two = parallel(target, n // 2 if n >= 200 else n, 2)
    steps = breakdown(target, max(n // 2, 100))
    total = sum(steps.values())
    rows = [
        Row(
            "issuance",
            f"{target.name}, 1 process",
            one,
            "certs/s",
            "raw P-256 ECDSA signs/s",
            raw,
            f"median of {repeats}×{n}; target ≥ 500/s",
        ),
        Row(
            "issuance",
            f"{target.name}, 2 processes",
            two,
            "certs/s",
            "1 process",
            one,
            "both issuing into one database at once",
        ),
    ]
    details = {
        "runs_certs_per_s": [round(r, 1) for r in rates],
        "two_processes_certs_per_s": round(two, 1),
        "step_us_per_cert": steps,
        "step_share": {k: f"{v / total:.0%}" for k, v in steps.items()},
    }
    return rows, details


def run(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    n, repeats = (200, 2) if args.quick else (1000, 3)
    raw = raw_signing_rate(0.5 if args.quick else 2.0)
    rows = [Row("issuance", "raw P-256 ECDSA sign (cryptography)", raw, "signs/s")]
    details: dict[str, Any] = {"raw_p256_signs_per_s": round(raw), "certs_per_run": n}
    with sqlite_target() as target:
        r, d = _measure(target, n, repeats, raw)
        rows += r
        details["sqlite"] = d
    with postgres_target() as pg:
        if isinstance(pg, str):
            print(f"skipping PostgreSQL: {pg}")
            details["postgresql"] = {"skipped": pg}
        else:
            r, d = _measure(pg, n, repeats, raw)
            rows += r
            details["postgresql"] = d
    for name in ("sqlite", "postgresql"):
        steps = details[name].get("step_us_per_cert")
        if steps:
            print(f"{name} per-certificate steps (µs): {steps}")
    return rows, details
