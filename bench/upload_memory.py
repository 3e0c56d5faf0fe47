"""Peak memory of a live server per upload, beside what the upload itself must cost.

Issue #9 (items 4, 5): a 132 KB PNG just under the 40-megapixel limit cost ~570 MB in the
server, three at once passed 1 GB, and 200 MB bodies were read whole before any check.
This benchmark sends such uploads to a real ``uvicorn mcert.main:app_factory`` (1 worker,
SQLite) and records the server process's peak resident memory for each: a fresh server per
upload (freed memory stays resident in a process, so a case after a big one would look
free), one small warm-up upload, then ``/proc/<pid>/clear_refs`` resets the kernel's
high-water mark (``VmHWM``), and the peak minus the resident size just before is the
upload's cost. Where the kernel refuses the reset, a thread samples ``VmRSS`` every 2 ms
instead (the result says which).

References, same run: for an image, a fresh Python process that only decodes the same file
with Pillow (``Image.open(...).load()``) — the least any code that looks at the pixels must
pay; for a body, its size — what reading it whole costs at least.

Set-up, untimed: a temporary data dir, ``mcert db upgrade``, ``mcert ca init``, one holder
with a certificate seeded in-process through the app's API (as ``bench.scan_flows`` does).
Bodies are streamed from a generator with a ``Content-Length`` header, so the client never
holds them; a server that refuses early may close the connection mid-body, which counts as
a refusal. ``python -m bench upload_memory [--quick]``; results also go to
``bench/results/upload_memory.json``. Nothing here changes how the product behaves.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench._common import Row, machine
from bench.scan_flows import Backend, _free_port, _mcert, seed_holders, server_env, serving

OUT = Path(__file__).parent / "results" / "upload_memory.json"
MB = 1024 * 1024


def png(width: int, height: int) -> bytes:
    """A valid flat RGB PNG built row by row: ~1 KB per megapixel, no image buffer here."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    row = b"\x00" + bytes([170, 180, 160]) * width
    z = zlib.compressobj(9)
    idat = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def face_photo() -> bytes:
    """A 640 × 480 JPEG with some texture: what a front camera sends."""
    import io
    import random

    from PIL import Image

    rnd = random.Random(5)
    small = Image.new("RGB", (160, 120))
    small.putdata([tuple(rnd.randint(80, 200) for _ in range(3)) for _ in range(160 * 120)])  # type: ignore[misc]
    out = io.BytesIO()
    small.resize((640, 480)).save(out, format="JPEG", quality=90)
    return out.getvalue()


# ----------------------------------------------------------------------------- memory


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


class PeakMeter:
    """Peak RSS of ``pid`` over a block: the kernel's high-water mark after a reset, or a
    2 ms ``VmRSS`` sampler where the reset is not allowed."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.method = "VmHWM"
        try:
            Path(f"/proc/{pid}/clear_refs").write_text("5")
        except OSError:
            self.method = "VmRSS sampled every 2 ms"

    @contextlib.contextmanager
    def measure(self) -> Iterator[dict[str, float]]:
        result: dict[str, float] = {}
        before = _status_kb(self.pid, "VmRSS")
        stop = threading.Event()
        peak = [before]
        sampler = None
        if self.method == "VmHWM":
            Path(f"/proc/{self.pid}/clear_refs").write_text("5")
        else:

            def sample() -> None:
                while not stop.is_set():
                    peak[0] = max(peak[0], _status_kb(self.pid, "VmRSS"))
                    time.sleep(0.002)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
        try:
            yield result
        finally:
            if sampler is not None:
                stop.set()
                sampler.join()
                top = peak[0]
            else:
                top = _status_kb(self.pid, "VmHWM")
            result.update(
                before_mb=before / 1024, peak_mb=top / 1024, delta_mb=(top - before) / 1024
            )


_DECODE_ONLY = """
import sys
from pathlib import Path
from PIL import Image
Image.MAX_IMAGE_PIXELS = None
data = Path(sys.argv[1]).read_bytes()
def kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
before = kb("VmRSS")
Path("/proc/self/clear_refs").write_text("5")
import io
img = Image.open(io.BytesIO(data))
img.load()
print((kb("VmHWM") - before) / 1024)
"""


def decode_alone_mb(image: bytes, tmp: Path) -> float:
    path = tmp / "decode-me"
    path.write_bytes(image)
    out = subprocess.run(
        [sys.executable, "-c", _DECODE_ONLY, str(path)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


# ----------------------------------------------------------------------------- uploads


@dataclass
class Case:
    name: str
    kind: str  # "image" or "body"
    send: Callable[[httpx.Client], list[tuple[int, str]]]
    reference: str
    reference_mb: float


def _code(resp: httpx.Response) -> str:
    try:
        return str(resp.json()["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return resp.headers.get("x-error-code", "")


def streamed(size: int, first: bytes = b"") -> tuple[Iterator[bytes], list[int]]:
    sent = [0]

    def gen() -> Iterator[bytes]:
        block = b"x" * (64 * 1024)
        if first:
            sent[0] += len(first)
            yield first
        while sent[0] < size:
            piece = block[: size - sent[0]]
            sent[0] += len(piece)
            yield piece

    return gen(), sent


def post_body(path: str, size: int, content_type: str, first: bytes = b"") -> Callable[..., Any]:
    def send(http: httpx.Client) -> list[tuple[int, str]]:
        body, sent = streamed(size, first)
        headers = {"content-type": content_type, "content-length": str(size)}
        try:
            resp = http.post(path, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return [(0, f"connection closed after {sent[0] // MB} MB ({type(exc).__name__})")]
        return [(resp.status_code, f"{_code(resp)}, {sent[0] // MB} MB sent")]

    return send


def face_upload(token: str, image: bytes, at_once: int = 1) -> Callable[..., Any]:
    def one(http: httpx.Client) -> tuple[int, str]:
        resp = http.post(
            "/api/app/v1/face-checks",
            files={"image": ("face.png", image, "image/png")},
            headers={"authorization": f"Bearer {token}"},
        )
        return resp.status_code, _code(resp)

    def send(http: httpx.Client) -> list[tuple[int, str]]:
        with ThreadPoolExecutor(at_once) as pool:
            return list(pool.map(lambda _: one(http), range(at_once)))

    return send


def licence_upload(token: str, image: bytes, seq: list[int]) -> Callable[..., Any]:
    from mcert.ident import make_uscc

    def send(http: httpx.Client) -> list[tuple[int, str]]:
        seq[0] += 1
        resp = http.post(
            "/api/app/v1/orders/company",
            data={
                "years": "1",
                "company_name": "福州某某建设工程有限公司",
                "uscc": make_uscc(seq=seq[0]),
                "legal_rep_name": "张三",  # the seeded holder: no authorisation letter needed
                "applicant_is_legal_rep": "true",
            },
            files={"business_licence": ("licence.png", image, "image/png")},
            headers={"authorization": f"Bearer {token}"},
        )
        return [(resp.status_code, _code(resp))]

    return send


def cases(token: str, tmp: Path, quick: bool) -> list[Case]:
    body = 16 * MB if quick else 64 * MB
    photo = face_photo()
    face_4mp, big = png(2000, 2000), png(6300, 6300)  # big: 39.7 MP, under the old 40 MP
    scan_12mp = png(4000, 3000)
    seq = [0]
    out = [
        Case("face: 640×480 JPEG", "image", face_upload(token, photo), "", 0),
        Case("face: 4 MP PNG", "image", face_upload(token, face_4mp), "", 0),
        Case(f"face: 39.7 MP PNG ({len(big) // 1024} KB)", "image", face_upload(token, big), "", 0),
        Case("licence: 12 MP PNG", "image", licence_upload(token, scan_12mp, seq), "", 0),
        Case("licence: 39.7 MP PNG", "image", licence_upload(token, big, seq), "", 0),
        Case(
            f"JSON {body // MB} MB to /auth/sms-code",
            "body",
            post_body("/api/app/v1/auth/sms-code", body, "application/json", b'{"phone":"'),
            "body size",
            body / MB,
        ),
        Case(
            f"DER {body // MB} MB to /pki/tsa",
            "body",
            post_body("/pki/tsa", body, "application/timestamp-query"),
            "body size",
            body / MB,
        ),
        Case(
            f"JSON {body // MB} MB to /api/rp/v1/sessions, no signature",
            "body",
            post_body("/api/rp/v1/sessions", body, "application/json", b'{"type":"login","x":"'),
            "body size",
            body / MB,
        ),
    ]
    if not quick:
        out.insert(
            3, Case("face: 3 × 39.7 MP PNG at once", "image", face_upload(token, big, 3), "", 0)
        )
    images = {"640×480": photo, "4 MP": face_4mp, "39.7 MP": big, "12 MP": scan_12mp}
    for case in out:
        if case.kind == "image":
            key = next(k for k in images if k in case.name)
            per = decode_alone_mb(images[key], tmp)
            case.reference = "Pillow decode alone"
            case.reference_mb = per * (3 if "3 ×" in case.name else 1)
    return out


def run(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    quick = bool(getattr(args, "quick", False))
    tmp = Path(tempfile.mkdtemp(prefix="mcert-bench-mem-"))
    backend = Backend("SQLite", f"sqlite:///{tmp / 'mcert.db'}", None, 1, tmp)
    port = _free_port()
    # Every face upload is an attempt; the server inherits this from our environment.
    old_attempts = os.environ.get("MCERT_REALNAME_DAILY_ATTEMPTS")
    os.environ["MCERT_REALNAME_DAILY_ATTEMPTS"] = "1000000"
    env = server_env(backend, port)
    _mcert(env, "db", "upgrade")
    _mcert(env, "ca", "init")
    [holder] = seed_holders(backend, port, 1)
    token = str(holder.device.access_token)
    results: list[dict[str, Any]] = []
    rows: list[Row] = []
    method = ""
    log = tmp / "server.log"
    try:
        all_cases = cases(token, tmp, quick)
        warm_up = face_upload(token, face_photo())
        for case in all_cases:
            # A fresh server per case: freed memory stays resident in a process (the C
            # allocator keeps it), so a case after a big one would look free.
            with (
                serving(backend, port, log) as proc,
                httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as http,
            ):
                warm_up(http)  # imports and first-use caches, paid once per process
                meter = PeakMeter(proc.pid)
                method = meter.method
                with meter.measure() as m:
                    answers = case.send(http)
            print(f"  {case.name}: +{m['delta_mb']:.0f} MB {answers}", file=sys.stderr)
            results.append({"case": case.name, **m, "answers": answers})
            rows.append(
                Row(
                    "upload_memory",
                    case.name,
                    round(m["delta_mb"], 1),
                    "MB peak over idle",
                    case.reference,
                    round(case.reference_mb, 1),
                    note="; ".join(f"{s} {c}".strip() for s, c in answers),
                    extra={"idle_mb": round(m["before_mb"], 1), "peak_mb": round(m["peak_mb"], 1)},
                )
            )
    finally:
        if old_attempts is None:
            os.environ.pop("MCERT_REALNAME_DAILY_ATTEMPTS", None)
        else:
            os.environ["MCERT_REALNAME_DAILY_ATTEMPTS"] = old_attempts
        shutil.rmtree(tmp, ignore_errors=True)
    details = {"method": method, "cases": results, "machine": machine()}
    OUT.write_text(json.dumps(details, indent=2, ensure_ascii=False) + "\n")
    return rows, details


def main(argv: list[str] | None = None) -> int:
    from bench._common import table

    parser = argparse.ArgumentParser(prog="python -m bench.upload_memory", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="16 MB bodies, no 3-at-once case")
    rows, _ = run(parser.parse_args(argv))
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
