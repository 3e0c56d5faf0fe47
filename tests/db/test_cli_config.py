"""Settings where a user sets them: the data directory from one place, the public URL from
the address ``mcert serve`` binds, and configuration problems as one line with exit code 2."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from tests.conftest import mcert_cli

import mcert
from mcert.rp import service as rp_service
from mcert.runtime import Runtime
from mcert_rp import Client

SRC = Path(mcert.__file__).absolute().parent


def _bare_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCERT_")}
    env.update(extra)
    return env


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mcert.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _run_here(
    args: list[str], env: dict[str, str], cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> subprocess.CompletedProcess[str]:
    """``_run`` in this process: click's runner with exactly ``env``'s ``MCERT_*`` settings
    (the others unset) in ``cwd``, stdout and stderr apart. A process spent ~1.2 s importing
    before the command started; the process itself (an installed script's exit code and
    stderr) is what ``test_an_installed_mcert_without_a_data_dir_refuses_in_one_line``
    checks. An unexpected exception is raised here rather than printed as a traceback."""
    import mcert.cli as command

    settings = {k: v for k, v in env.items() if k.startswith("MCERT_")}
    unset: dict[str, str | None] = {k: None for k in os.environ if k.startswith("MCERT_")}
    monkeypatch.chdir(cwd)
    # A command that got past its checks would serve in this process until killed.
    monkeypatch.setattr("uvicorn.run", _no_server)
    result = CliRunner().invoke(
        command.main,
        args,
        env={**unset, **settings},
        catch_exceptions=False,
        prog_name="python -m mcert.cli",
    )
    return subprocess.CompletedProcess(
        [sys.executable, "-m", "mcert.cli", *args], result.exit_code, result.stdout, result.stderr
    )


def _no_server(*args: object, **kwargs: object) -> None:
    raise AssertionError("`mcert serve` started a server instead of refusing")


def _one_line_config_error(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


def test_an_installed_mcert_without_a_data_dir_refuses_in_one_line(tmp_path: Path) -> None:
    # The package outside any checkout, as a wheel installs it; run from an unrelated
    # directory that must stay empty (no ./var/mcert.db appears).
    site = tmp_path / "site"
    site.mkdir()
    (site / "mcert").symlink_to(SRC, target_is_directory=True)
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    env = _bare_env(PYTHONPATH=str(site))
    for args in (["audit", "verify"], ["sms", "outbox"], ["db", "upgrade"]):
        line = _one_line_config_error(_run(args, env, cwd))
        assert "MCERT_DATA_DIR" in line
    assert list(cwd.iterdir()) == []
    assert _run(["--help"], env, cwd).returncode == 0  # help needs no settings


def test_a_database_without_schema_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = _bare_env(MCERT_DATA_DIR=str(tmp_path / "data"))
    line = _one_line_config_error(_run_here(["audit", "verify"], env, tmp_path, monkeypatch))
    assert "no schema yet: run `mcert db upgrade`" in line


def test_serve_refuses_a_missing_database_without_creating_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    env = _bare_env(MCERT_DATA_DIR=str(data))
    line = _one_line_config_error(_run_here(["serve", "--port", "1"], env, tmp_path, monkeypatch))
    assert "does not exist: run `mcert db upgrade`" in line
    assert not (data / "mcert.db").exists()


def test_unreachable_database_is_one_line_without_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = _bare_env(
        MCERT_DATA_DIR=str(tmp_path),
        MCERT_DATABASE_URL="postgresql+psycopg://mcert:hunter2secret@127.0.0.1:1/mcert",
    )
    line = _one_line_config_error(_run_here(["audit", "verify"], env, tmp_path, monkeypatch))
    assert "cannot use the database" in line
    assert "hunter2secret" not in line


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("MCERT_PORT", "eighty", "MCERT_PORT"),
        ("MCERT_ENV", "production", "refusing to start in production"),
    ],
)
def test_invalid_settings_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    env = _bare_env(MCERT_DATA_DIR=str(tmp_path), **{name: value})
    assert expected in _one_line_config_error(
        _run_here(["audit", "verify"], env, tmp_path, monkeypatch)
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_writes_its_own_port_into_public_urls(runtime: Runtime, tmp_path: Path) -> None:
    port = _free_port()
    s = runtime.settings
    env = _bare_env(
        MCERT_ENV="test",
        MCERT_DATA_DIR=str(s.data_dir),
        MCERT_DATABASE_URL=s.effective_database_url,
        MCERT_SECRET_KEY=s.secret_key,
        MCERT_CA_KEY_PASSPHRASE=s.ca_key_passphrase,
        MCERT_REDIS_KEY_PREFIX=s.redis_key_prefix,
        MCERT_HTTP_KEEP_ALIVE_SECONDS="2",
        **({"MCERT_REDIS_URL": s.redis_url} if s.redis_url else {}),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "mcert.cli", "serve", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        with runtime.sessions() as db:
            party, secret = rp_service.create(
                db, runtime, name="端口测试平台", ops=["login"], callback_url=None
            )
        with httpx.Client(base_url=base, timeout=10) as http:
            rp = Client(base, party.client_id, secret, http=http)
            handle = rp.start_login(display_text="登录")
        assert handle.qr_text(0).startswith(f"{base}/q/")
        # The keep-alive setting reaches uvicorn: an idle connection is closed after ~2 s,
        # not after uvicorn's own 5 s.
        open_for = _idle_connection_lifetime(port)
        assert 1.5 <= open_for < 4.0, open_for
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert f"public URL {base}" in err


def _idle_connection_lifetime(port: int) -> float:
    """Seconds the server keeps a connection open after answering one request on it."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answered = b""
        while b"\r\n\r\n" not in answered:
            answered += sock.recv(4096)
        assert answered.startswith(b"HTTP/1.1 200"), answered[:100]
        started = time.monotonic()
        while sock.recv(4096):  # the rest of the answer, then b"" when the server closes
            pass
        return time.monotonic() - started


def test_serve_help_names_the_settings(runtime: Runtime) -> None:
    out = mcert_cli(runtime, "serve", "--help")
    assert "MCERT_PORT" in out.stdout
    assert "MCERT_PUBLIC_URL" in out.stdout
