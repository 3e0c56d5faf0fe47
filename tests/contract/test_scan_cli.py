"""Scan to use from two terminals: ``mcert-rp`` (the platform) and ``mcert-device`` (the
phone) against a live server on the real clock. The platform's command is a real
subprocess (it runs while the phone scans); the phone's commands run in this process
through click's runner, and the first login's scan is the installed ``mcert-device`` in a
process of its own."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.contract.scanlive import (
    PASSWORD,
    RP_NAME,
    Ready,
    clock,
    ready,
    server,
    settings_overrides,
)

from mcert_device.cli import main as device_main

pytestmark = pytest.mark.slow
__all__ = ["clock", "ready", "server", "settings_overrides"]  # fixtures, imported to be used

BIN = Path(sys.executable).parent


def command(name: str, module: str) -> list[str]:
    path = BIN / name
    return [str(path)] if path.exists() else [sys.executable, "-m", module]


@dataclass
class Platform:
    """A running ``mcert-rp`` command whose stdout is read line by line."""

    proc: subprocess.Popen[str]
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    reader: threading.Thread | None = None

    def __post_init__(self) -> None:
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def frame(self, timeout: float = 20) -> str:
        """The newest QR frame printed so far (waiting for the first one)."""
        deadline = time.monotonic() + timeout
        frames: list[str] = []
        while not frames or not self.lines.empty():
            try:
                line = self.lines.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no QR frame; so far: {self.seen}") from None
            self.seen.append(line)
            qr = json.loads(line).get("qr") if line.startswith("{") else line
            if qr and "/q/" in qr:
                frames.append(qr)
        return frames[-1]

    def finish(self, timeout: float = 60) -> tuple[int, str, str]:
        """Exit status, all of stdout, stderr (only the reader thread reads stdout)."""
        self.proc.wait(timeout=timeout)
        assert self.reader is not None
        self.reader.join(timeout=10)
        assert self.proc.stderr is not None
        err = self.proc.stderr.read()
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return self.proc.returncode, "\n".join(self.seen), err


def platform(server: str, ready: Ready, *args: str | Path) -> Platform:
    env = {
        **os.environ,
        "MCERT_RP_SERVER": server,
        "MCERT_RP_CLIENT_ID": ready.client_id,
        "MCERT_RP_SECRET": ready.secret,
    }
    proc = subprocess.Popen(
        [*command("mcert-rp", "mcert_rp"), *map(str, args)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return Platform(proc)


def phone(
    server: str, ready: Ready, *args: str, process: bool = False
) -> subprocess.CompletedProcess[str]:
    """An ``mcert-device`` command: in this process through click's runner (stdout and stderr
    apart, the exit code of a :class:`SystemExit`), as tests/contract/test_device_cli.py runs
    it; a process spent ~1 s starting Python and importing before each. ``process=True``
    runs the installed script in a new process, as a user does."""
    env = {"MCERT_DEVICE_HOME": str(ready.home), "MCERT_SERVER": server}
    if process:
        return subprocess.run(
            [*command("mcert-device", "mcert_device"), *args],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    result = CliRunner().invoke(
        device_main, list(args), env=env, catch_exceptions=False, prog_name="mcert-device"
    )
    return subprocess.CompletedProcess(
        ["mcert-device", *args], result.exit_code, result.stdout, result.stderr
    )


def test_login_from_the_command_line(server: str, ready: Ready) -> None:
    rp = platform(server, ready, "--rp-name", RP_NAME, "login")
    scanned = phone(server, ready, "scan", rp.frame(), "--password", PASSWORD, process=True)
    assert scanned.returncode == 0, scanned.stderr
    assert RP_NAME in scanned.stdout
    assert "登录 (login)" in scanned.stdout
    assert "已完成" in scanned.stdout
    assert PASSWORD not in scanned.stdout
    code, out, err = rp.finish()
    assert code == 0, err
    assert "登录成功 login verified" in out
    assert "张三" in out
    serial = ready.holder.device.certificate(ready.cert["id"])["signing"]["serial"]
    assert serial in out
    assert "trusting the root CA fetched from" in err  # and says so
    usage = json.loads(phone(server, ready, "--json", "usage").stdout)
    assert [(r["operation"], r["result"], r["rp_name"]) for r in usage["items"]] == [
        ("login", "success", RP_NAME)
    ]


def test_sign_files_with_timestamps(server: str, ready: Ready, tmp_path: Path) -> None:
    letter, prices = tmp_path / "投标函.txt", tmp_path / "报价单.txt"
    letter.write_text("投标函", encoding="utf-8")
    prices.write_text("报价 9,870,000 元", encoding="utf-8")
    rp = platform(server, ready, "--json", "sign", letter, prices)
    serial = ready.holder.device.certificate(ready.cert["id"])["signing"]["serial"]
    scanned = phone(server, ready, "scan", rp.frame(), "--cert", serial, "--password", PASSWORD)
    assert scanned.returncode == 0, scanned.stderr
    assert "文件 document: 投标函.txt" in scanned.stdout
    code, out, err = rp.finish()
    assert code == 0, err
    [result] = [e for e in map(json.loads, out.splitlines()) if e["event"] == "result"]
    assert result["holder"]["name"] == "张三"
    assert [s["label"] for s in result["signatures"]] == ["投标函.txt", "报价单.txt"]
    for s in result["signatures"]:
        assert abs((datetime.fromisoformat(s["time"]) - datetime.now(UTC)).total_seconds()) < 60
        assert s["timestamp"]
    # The human form shows the timestamp in Beijing time.
    human = platform(server, ready, "sign", letter)
    assert phone(server, ready, "scan", human.frame(), "--password", PASSWORD).returncode == 0
    code, out, err = human.finish()
    assert code == 0, err
    assert "时间戳 timestamp" in out
    assert "CST" in out


def test_encrypt_then_decrypt_a_bid(server: str, ready: Ready, tmp_path: Path) -> None:
    enc = tmp_path / "enc.pem"
    enc.write_text(ready.enc_pem, encoding="utf-8")
    bid, sealed, opened = tmp_path / "bid.txt", tmp_path / "bid.p7m", tmp_path / "opened.txt"
    bid.write_text("第一标段 投标报价 9,870,000 元", encoding="utf-8")
    encrypt = platform(server, ready, "encrypt", "--cert", enc, "--in", bid, "--out", sealed)
    code, out, err = encrypt.finish()
    assert code == 0, err
    assert "已加密" in out
    assert b"9,870,000" not in sealed.read_bytes()
    rp = platform(server, ready, "decrypt", sealed, "--cert", enc, "--out", opened)
    scanned = phone(server, ready, "scan", rp.frame(), "--password", PASSWORD)
    assert scanned.returncode == 0, scanned.stderr
    assert "解密 (decrypt)" in scanned.stdout
    code, out, err = rp.finish()
    assert code == 0, err
    assert "解密成功" in out
    assert "持证人 holder:        张三" in out  # verify_decrypt named who opened it
    assert opened.read_text(encoding="utf-8") == "第一标段 投标报价 9,870,000 元"


def test_declined_on_the_phone_fails_the_platform_command(server: str, ready: Ready) -> None:
    rp = platform(server, ready, "login")
    declined = phone(server, ready, "scan", rp.frame(), "--reject")
    assert declined.returncode == 0, declined.stderr
    assert "已拒绝" in declined.stdout
    code, _, err = rp.finish()
    assert code == 1
    assert "错误 user_cancel" in err


def test_wrong_password_then_the_right_one(server: str, ready: Ready) -> None:
    rp = platform(server, ready, "login")
    first = rp.frame()
    wrong = phone(server, ready, "scan", first, "--password", "Wrong#pass1")
    assert wrong.returncode == 1
    assert "password_wrong" in wrong.stderr or "attempts left" in wrong.stderr
    # The platform stops showing frames once the session is bound; the phone that bound it
    # may scan the same frame again and retry.
    again = phone(server, ready, "scan", first, "--password", PASSWORD)
    assert again.returncode == 0, again.stderr
    code, out, err = rp.finish()
    assert code == 0, err
    assert "张三" in out
