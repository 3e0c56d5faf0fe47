"""OCSP responses per second from the real server, beside ``openssl ocsp`` on the same certs.

Set-up (untimed): a temporary data dir and SQLite database, ``mcert db upgrade`` and
``mcert ca init`` as an operator would run them, then ~1000 certificates issued through the
service layer, every tenth revoked. A few hundred GET requests (RFC 6960 A.1, no nonce, one
per serial: good, revoked and unknown) are pre-built; ``wrk`` rotates through them, so the
responder serves its pre-signed responses as a production responder would.

Servers, one at a time on loopback: ``mcert serve`` with 1 and 2 workers, and the reference,
``openssl ocsp -index index.txt`` (one process, and ``-multi 2``) answering for the same
certificates with the same delegated responder certificate and key. Before loading a server,
every request is sent once and its answer compared with the expected status: a benchmark of
wrong answers would be meaningless.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from bench._common import Row
from bench.issuance import PASSPHRASE, SECRET, make_csrs

BIN = Path(sys.executable).parent
LUA = Path(__file__).with_name("ocsp_rotate.lua")
N_CERTS = 1000
N_REQUESTS = 300
N_UNKNOWN = 10
_REASONS = ["key_compromise", "superseded", "cessation_of_operation", "unspecified"]
_OPENSSL_REASON = {
    "key_compromise": "keyCompromise",
    "superseded": "superseded",
    "cessation_of_operation": "cessationOfOperation",
    "unspecified": "unspecified",
}


@dataclass(frozen=True)
class Probe:
    """One pre-built request and the status a correct responder gives for it."""

    der: bytes
    expected: ocsp.OCSPCertStatus


@dataclass
class Fixture:
    tmp: Path
    env: dict[str, str]
    probes: list[Probe]
    issuing_pem: Path
    responder_pem: Path
    responder_key: Path
    index: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _mcert(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "mcert"), *args], env=env, check=True, capture_output=True)


def _gentime(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%y%m%d%H%M%SZ")


def build_fixture(tmp: Path, n_certs: int) -> Fixture:
    from sqlalchemy import select

    from mcert.audit.service import Actor
    from mcert.ca.models import ServiceCertificate
    from mcert.ca.service import ca_service
    from mcert.pki.crl import RevocationReason
    from mcert.pki.issue import SubjectInfo
    from mcert.runtime import Runtime
    from mcert.settings import Settings

    data = tmp / "data"
    env = {
        **os.environ,
        "MCERT_ENV": "test",
        "MCERT_DATA_DIR": str(data),
        "MCERT_DATABASE_URL": f"sqlite:///{data / 'mcert.db'}",
        "MCERT_SECRET_KEY": SECRET,
        "MCERT_CA_KEY_PASSPHRASE": PASSPHRASE,
    }
    _mcert(env, "db", "upgrade")
    _mcert(env, "ca", "init")
    rt = Runtime(
        Settings(
            env="test",
            data_dir=data,
            database_url=env["MCERT_DATABASE_URL"],
            secret_key=SECRET,
            ca_key_passphrase=PASSPHRASE,
        )
    )
    now = datetime.now(UTC)
    subject = SubjectInfo(common_name="张三", pseudonym_id="p-3f9a1c2b7d")
    actor = Actor("system", "bench")
    index_lines: list[str] = []
    issued: list[tuple[x509.Certificate, bool]] = []
    ca = ca_service(rt)
    try:
        with rt.sessions() as db:
            issuing = ca.ca_certificate(db, "issuing")
            for i, csr in enumerate(make_csrs(n_certs)):
                row = ca.issue(
                    db, now=now, profile="personal-sign", subject=subject, csr=csr, actor=actor
                )
                revoked = i % 10 == 0
                if revoked:
                    reason = _REASONS[(i // 10) % len(_REASONS)]
                    ca.revoke(
                        db,
                        row.serial,
                        reason=RevocationReason(reason),
                        now=now,
                        actor=actor,
                        regenerate_crl=False,
                    )
                db.commit()
                cert = x509.load_der_x509_certificate(row.cert_der)
                issued.append((cert, revoked))
                serial = format(cert.serial_number, "X")
                serial = serial if len(serial) % 2 == 0 else "0" + serial
                expires = _gentime(cert.not_valid_after_utc)
                if revoked:
                    assert row.revoked_at is not None
                    when = f"{_gentime(row.revoked_at)},{_OPENSSL_REASON[reason]}"
                    index_lines.append(f"R\t{expires}\t{when}\t{serial}\tunknown\t/CN={serial}")
                else:
                    index_lines.append(f"V\t{expires}\t\t{serial}\tunknown\t/CN={serial}")
            ca.generate_crl(db, "issuing", now)
            svc = db.scalars(
                select(ServiceCertificate)
                .where(ServiceCertificate.purpose == "ocsp")
                .order_by(ServiceCertificate.created_at.desc())
                .limit(1)
            ).one()
            responder_cert = x509.load_der_x509_certificate(svc.cert_der)
            responder_key = ca.keys.get_private_key(svc.key_label)
    finally:
        rt.dispose()

    ref = tmp / "openssl"
    ref.mkdir()
    index = ref / "index.txt"
    index.write_text("\n".join(index_lines) + "\n")
    (ref / "index.txt.attr").write_text("unique_subject = no\n")
    issuing_pem = ref / "issuing.pem"
    issuing_pem.write_bytes(issuing.public_bytes(serialization.Encoding.PEM))
    responder_pem = ref / "responder.pem"
    responder_pem.write_bytes(responder_cert.public_bytes(serialization.Encoding.PEM))
    key_path = ref / "responder.key"
    key_path.touch(mode=0o600)
    key_path.write_bytes(
        responder_key.private_bytes(  # type: ignore[union-attr]
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )

    rng = random.Random(20261129)
    revoked = [c for c, r in issued if r]
    good = [c for c, r in issued if not r]
    n_revoked = min(len(revoked), N_REQUESTS // 10)
    picks = [(c, True) for c in revoked[:n_revoked]]
    picks += [
        (c, False) for c in rng.sample(good, min(len(good), N_REQUESTS - N_UNKNOWN - n_revoked))
    ]
    probes = [
        Probe(
            _request(ocsp.OCSPRequestBuilder().add_certificate(c, issuing, hashes.SHA1())),
            ocsp.OCSPCertStatus.REVOKED if r else ocsp.OCSPCertStatus.GOOD,
        )
        for c, r in picks
    ]
    template = ocsp.load_der_ocsp_request(probes[0].der)
    for _ in range(N_UNKNOWN):
        builder = ocsp.OCSPRequestBuilder().add_certificate_by_hash(
            template.issuer_name_hash,
            template.issuer_key_hash,
            rng.getrandbits(150) | 1 << 150,
            hashes.SHA1(),
        )
        probes.append(Probe(_request(builder), ocsp.OCSPCertStatus.UNKNOWN))
    rng.shuffle(probes)
    return Fixture(tmp, env, probes, issuing_pem, responder_pem, key_path, index)


def _request(builder: ocsp.OCSPRequestBuilder) -> bytes:
    return builder.build().public_bytes(serialization.Encoding.DER)


def get_path(prefix: str, der: bytes) -> str:
    """RFC 6960 A.1: {url}/{url-encoding of base-64 encoding of the DER request}."""
    return prefix + quote(base64.b64encode(der).decode(), safe="")


# ----------------------------------------------------------------------------- servers


@dataclass(frozen=True)
class Server:
    label: str
    argv: list[str]
    port: int
    prefix: str  # path before the base64 request
    workers: int
    caches: bool  # pre-signs responses: warm it up before measuring


@contextlib.contextmanager
def running(server: Server, fx: Fixture) -> Iterator[None]:
    log = fx.tmp / f"{server.label.replace(' ', '_')}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            server.argv,
            env=fx.env,
            cwd=fx.tmp,
            stdout=out,
            stderr=subprocess.STDOUT,
            # Its own process group, stopped with its children. Not a new session: openssl's
            # -multi calls setpgid(0, 0), which a session leader may not, and exits.
            process_group=0,
        )
    try:
        # Probe with a real request: openssl's responder serves one connection at a time and
        # would wait on a bare connect-and-close.
        url = f"http://127.0.0.1:{server.port}{get_path(server.prefix, fx.probes[0].der)}"
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{server.label} exited: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    resp.read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{server.label} did not start") from None
                time.sleep(0.1)
        time.sleep(0.5 if server.workers == 1 else 2.0)  # let every worker come up
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def check_answers(server: Server, probes: list[Probe]) -> None:
    """Ask every request once; refuse to benchmark a responder that answers wrongly."""
    for probe in probes:
        url = f"http://127.0.0.1:{server.port}{get_path(server.prefix, probe.der)}"
        with urllib.request.urlopen(url, timeout=10) as resp:
            body = resp.read()
        answer = ocsp.load_der_ocsp_response(body)
        if answer.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
            raise RuntimeError(f"{server.label}: {answer.response_status} for {url}")
        if answer.certificate_status != probe.expected:
            raise RuntimeError(
                f"{server.label}: {answer.certificate_status}, expected {probe.expected}"
            )


def wrk(server: Server, paths_file: Path, duration: str, connections: int) -> dict[str, Any]:
    cmd = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{duration}",
        "--timeout",
        "5s",
        "-s",
        str(LUA),
        f"http://127.0.0.1:{server.port}",
    ]
    out = subprocess.run(
        cmd,
        env={**os.environ, "OCSP_PATHS": str(paths_file)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("WRK_JSON "))
    result: dict[str, Any] = json.loads(line.removeprefix("WRK_JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["command"] = " ".join([*cmd[:-1], "http://127.0.0.1:<port>"])
    return result


def measure(server: Server, fx: Fixture, duration: str, connections: int) -> dict[str, Any]:
    paths = fx.tmp / f"paths-{server.port}.txt"
    paths.write_text("\n".join(get_path(server.prefix, p.der) for p in fx.probes) + "\n")
    with running(server, fx):
        check_answers(server, fx.probes)
        if server.caches:
            # Warm-up: every worker pre-signs its cache. Not for openssl, which has no cache,
            # and whose 3.0 responder spins forever on the connections wrk leaves unsent when
            # a run ends: each openssl run gets a fresh process.
            wrk(server, paths, "2s", connections)
        result = wrk(server, paths, duration, connections)
    print(
        f"{server.label}: {result['rps']:,.0f} req/s, p50 {result['p50_us'] / 1000:.2f} ms, "
        f"p99 {result['p99_us'] / 1000:.2f} ms, errors {result['errors']}",
        file=sys.stderr,
    )
    return result


def servers(fx: Fixture) -> list[Server]:
    def mcert(workers: int) -> Server:
        port = _free_port()
        argv = [str(BIN / "mcert"), "serve", "--host", "127.0.0.1", "--port", str(port)]
        return Server(
            f"mcert serve, {workers} worker(s)",
            [*argv, "--workers", str(workers)],
            port,
            "/pki/ocsp/",
            workers,
            True,
        )

    def openssl(multi: int) -> Server:
        port = _free_port()
        argv = [
            shutil.which("openssl") or "openssl",
            "ocsp",
            "-index",
            str(fx.index),
            "-port",
            str(port),
            "-rsigner",
            str(fx.responder_pem),
            "-rkey",
            str(fx.responder_key),
            "-CA",
            str(fx.issuing_pem),
            "-nmin",
            "60",
            "-ignore_err",
        ]
        if multi > 1:
            argv += ["-multi", str(multi)]
        label = "openssl ocsp" + (f" -multi {multi}" if multi > 1 else "")
        return Server(label, argv, port, "/", multi, False)

    return [mcert(1), openssl(1), mcert(2), openssl(2)]


def run(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    if shutil.which("wrk") is None or shutil.which("openssl") is None:
        print("skipping OCSP: needs wrk and openssl")
        return [], {"skipped": "wrk or openssl missing"}
    duration, connections = ("3s" if args.quick else "10s"), 32
    tmp = Path(tempfile.mkdtemp(prefix="mcert-bench-ocsp-"))
    try:
        fx = build_fixture(tmp, 200 if args.quick else N_CERTS)
        results = {s.label: (s, measure(s, fx, duration, connections)) for s in servers(fx)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def row(label: str, ref: str | None, note: str) -> Row:
        _, r = results[label]
        extra = {k: r[k] for k in ("p50_us", "p99_us", "errors", "requests")}
        refv = results[ref][1]["rps"] if ref else None
        lat = f"p50 {r['p50_us'] / 1000:.2f} ms, p99 {r['p99_us'] / 1000:.2f} ms"
        return Row("ocsp", label, r["rps"], "req/s", ref, refv, f"{lat}; {note}", extra)

    rows = [
        row("openssl ocsp", None, "reference, 1 process"),
        row("mcert serve, 1 worker(s)", "openssl ocsp", "target ≥ 5,000/s and ≥ 10×"),
        row("openssl ocsp -multi 2", None, "reference, 2 processes"),
        row("mcert serve, 2 worker(s)", "openssl ocsp -multi 2", ""),
    ]
    details = {
        "certificates": 200 if args.quick else N_CERTS,
        "requests_rotated": len(fx.probes),
        "wrk": next(iter(results.values()))[1]["command"],
        "servers": {
            label: {
                "argv": [a if "/" not in a else Path(a).name for a in s.argv],
                **{
                    k: (round(v, 1) if isinstance(v, float) else v)
                    for k, v in r.items()
                    if k != "command"
                },
            }
            for label, (s, r) in results.items()
        },
    }
    return rows, details
