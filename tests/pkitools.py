"""Outside tools for checking our PKI output: openssl and pkilint, plus a live server.

Our own code never grades our own certificates: these helpers run the real tools.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import shutil
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from fastapi import FastAPI

BIN = Path(sys.executable).parent


def need_openssl() -> str:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    return openssl


def run(
    *args: str | Path, check: bool = True, input_: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        check=False,
        input=input_.decode() if input_ is not None else None,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"{args[0]} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def pem(obj: x509.Certificate | x509.CertificateRevocationList) -> bytes:
    return obj.public_bytes(serialization.Encoding.PEM)


def write_pem(path: Path, *objs: x509.Certificate | x509.CertificateRevocationList) -> Path:
    path.write_bytes(b"".join(pem(o) for o in objs))
    return path


def openssl_csr(tmp: Path, *, key_spec: str = "ec", name: str = "csr") -> Path:
    """A CSR made the way a user would: ``openssl req`` with a fresh key."""
    openssl = need_openssl()
    key, csr = tmp / f"{name}.key", tmp / f"{name}.pem"
    opts = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
    if key_spec.startswith("rsa"):
        opts = ["-newkey", key_spec]
    run(
        openssl,
        "req",
        "-new",
        *opts,
        "-nodes",
        "-keyout",
        key,
        "-out",
        csr,
        "-subj",
        "/CN=ignored-by-the-ca/O=Evil Corp",
    )
    return csr


def pkilint(tool: str, *args: str | Path) -> str:
    """Run a pkilint console script at WARNING threshold; return its findings (empty = clean).

    In this process: the console script ``BIN/tool`` calls ``pkilint.bin.<tool>.main``, and
    so does this, with the same arguments, printing to a buffer instead of a pipe. A process
    spent ~0.7 s importing pkilint and building its validators before reading the file;
    here the import is paid once per test process. The tool itself is the same code.
    """
    if not (BIN / tool).exists():
        pytest.skip(f"{tool} is not installed in the venv")
    main = importlib.import_module(f"pkilint.bin.{tool}").main
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        warnings.catch_warnings(),
    ):
        # argparse opens the file and never closes it: it goes with main's arguments.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            returncode = main(["lint", "-s", "WARNING", *map(str, args)])
        except SystemExit as exc:  # argparse refusing the arguments
            returncode = exc.code if isinstance(exc.code, int) else 1
    # pkilint exits with the number of findings; only stderr means the tool itself broke.
    if err.getvalue().strip() or (returncode != 0 and not out.getvalue().strip()):
        raise AssertionError(f"{tool} failed ({returncode}): {err.getvalue()}")
    return out.getvalue().strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("live server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
