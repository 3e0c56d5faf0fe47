"""``sdk/js/mcert-qr.js`` in Node with a stubbed ``fetch`` and ``Image``: one frame request
per interval, the image swapped to the new frame, nothing fetched after ``stop()``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "sdk" / "js" / "mcert-qr.js"
HARNESS = """
const calls = []; let sec = 0;
global.fetch = url => { calls.push(url); return Promise.resolve({ok: true,
  json: () => Promise.resolve({qr: 'Q' + sec, seconds: sec++})}); };
global.Image = function () { const self = this; Object.defineProperty(this, 'src', {
  set(v) { self._src = v; setTimeout(() => self.onload && self.onload(), 0); },
  get() { return self._src; }}); };
global.window = global;
require(process.argv[1]);
const img = {src: ''}, frames = [];
const qr = window.mcertQR(img, '/rp/s1', {interval: 20, onFrame: f => {
  frames.push(f.qr); if (frames.length === 3) qr.stop(); }});
setTimeout(() => console.log(JSON.stringify({calls, frames, img: img.src})), 300);
"""


def test_frames_once_per_interval_until_stopped() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    out = subprocess.run(
        [node, "-e", HARNESS, str(SCRIPT)], capture_output=True, text=True, check=True, timeout=30
    )
    result = json.loads(out.stdout)
    assert result["calls"] == ["/rp/s1/frame"] * 3  # nothing fetched after stop()
    assert result["frames"] == ["Q0", "Q1", "Q2"]
    assert result["img"].startswith("/rp/s1/qr.svg?s=")
