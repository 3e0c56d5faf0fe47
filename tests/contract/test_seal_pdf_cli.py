"""投标文件签章 from two terminals: ``mcert-rp seal`` (the platform, keeping the PDF) and
``mcert-device scan`` (the phone, picking its claimed seal), real subprocesses against a live
server; the sealed PDF checked by ``mcert-rp verify-pdf``, pyHanko and poppler's pdfsig."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.contract.scanlive import PASSWORD, Ready, clock, ready, server, settings_overrides
from tests.contract.test_scan_cli import phone, platform
from tests.seals import bid_pdf, claimed_seal

from mcert.runtime import Runtime

pytest.importorskip("pyhanko")

pytestmark = pytest.mark.slow
__all__ = ["clock", "ready", "server", "settings_overrides"]  # fixtures, imported to be used


def test_seal_a_bid_pdf_from_the_command_line(
    server: str, ready: Ready, client: TestClient, runtime: Runtime, tmp_path: Path
) -> None:
    seal = claimed_seal(ready.holder, client, runtime, ready.cert, "personal_stamp")
    ready.holder.device.save()
    bid = tmp_path / "投标文件.pdf"
    bid.write_bytes(bid_pdf())
    out = tmp_path / "sealed.pdf"
    rp = platform(server, ready, "seal", bid, "--out", out, "--level", "B-LTA")
    thumbs = tmp_path / "thumbs"
    scanned = phone(
        server, ready, "scan", rp.frame(), "--password", PASSWORD, "--thumbnails", str(thumbs)
    )
    assert scanned.returncode == 0, scanned.stderr
    assert "盖章 (seal)" in scanned.stdout
    assert "投标文件.pdf  共 2 页" in scanned.stdout
    assert seal["id"] in scanned.stdout
    assert (thumbs / "page-2.png").read_bytes().startswith(b"\x89PNG")
    code, text, err = rp.finish()
    assert code == 0, err
    assert "签章成功 sealed" in text
    assert seal["name"] in text
    # Verified again from the terminal, as a platform's 验章 would.
    verify = platform(server, ready, "--json", "verify-pdf", out)
    code, text, err = verify.finish()
    assert code == 0, err
    [result] = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    assert result["valid"] is True
    [sig] = result["signatures"]
    assert sig["signer"] == "张三"
    assert sig["document_timestamp"] is True
    assert sig["revocation_info"] is True
    assert sig["seal"]["kind"] == "personal_stamp"
    if shutil.which("pdfsig") is not None:
        checked = subprocess.run(
            ["pdfsig", "-nocert", str(out)], capture_output=True, text=True, check=False
        )
        assert "Signature is Valid." in checked.stdout, checked.stdout
    # One byte changed after sealing: refused.
    data = bytearray(out.read_bytes())
    data[11] ^= 1
    out.write_bytes(bytes(data))
    code, text, err = platform(server, ready, "verify-pdf", out).finish()
    assert code == 1
    assert "verification_failed" in err
