"""Image uploads against a live ``mcert serve``: peak server memory and event-loop stalls.

A logged-in holder sends document images just under the pixel limit — one alone, then
several at once — while a probe asks ``/healthz`` every 50 ms. Recorded: the server's peak
resident set (``VmHWM``) growth per case and per upload, and the slowest ``/healthz``
answer while the uploads ran (decoding on the event loop shows up there as a stall).

The images are RGBA PNGs with an EXIF orientation (the re-encoder must turn them): the most
memory a document upload can cost. Reference: issue #9 measured ~570 MB for one upload and
a 1.4 s ``/healthz`` stall for three at once before decoding moved off the event loop.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from bench._common import Row
from bench.scan_flows import Backend, _free_port, _mcert, face_jpeg, server_env, serving
from mcert.ident import make_uscc

SIZE = (4000, 2990)  # 11.96 MP, under the 12 MP default


def _png() -> bytes:
    from PIL import Image

    band = Image.linear_gradient("L").resize(SIZE)
    img = Image.merge("RGBA", (band, band.transpose(Image.Transpose.FLIP_LEFT_RIGHT), band, band))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    img.save(out, "PNG", exif=exif.tobytes())
    return out.getvalue()


def _status_kb(pid: int, field: str) -> int:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+)", text, re.M).group(1))  # type: ignore[union-attr]


def _reset_hwm(pid: int) -> None:
    # Writing 5 to clear_refs resets the peak resident set (Linux ≥ 4.0).
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def _login(base: str, env: dict[str, str]) -> dict[str, str]:
    phone = "13900009999"
    httpx.post(f"{base}/api/app/v1/auth/sms-code", json={"phone": phone}).raise_for_status()
    outbox = _mcert(env, "sms", "outbox", "--last")
    code = re.search(r"(\d{6})", outbox).group(1)  # type: ignore[union-attr]
    # The holder ticks 我已阅读并同意 and consents to real-name and face processing.
    agreements = httpx.get(f"{base}/api/app/v1/agreements").json()
    resp = httpx.post(
        f"{base}/api/app/v1/auth/login",
        json={
            "phone": phone,
            "code": code,
            "agreements": {a["document"]: a["version"] for a in agreements},
            "device": {"id": "bench-uploads-0001"},
        },
    )
    resp.raise_for_status()
    auth = {"authorization": f"Bearer {resp.json()['access_token']}"}
    for document in ("realname", "face", "company_documents"):
        notice = httpx.get(f"{base}/api/app/v1/consent-notices/{document}").json()
        httpx.post(
            f"{base}/api/app/v1/consents/{document}",
            json={"version": notice["version"]},
            headers=auth,
        ).raise_for_status()
    # Real-name verified, so that the upload is taken all the way (a stored order).
    from mcert.ident import make_resident_id

    attempt = httpx.post(
        f"{base}/api/app/v1/realname/phone",
        json={"name": "张三", "id_number": make_resident_id(seq=1)},
        headers=auth,
    )
    attempt.raise_for_status()
    httpx.post(
        f"{base}/api/app/v1/realname/{attempt.json()['id']}/face",
        files={"image": ("face.jpg", face_jpeg(1))},
        headers=auth,
        timeout=60,
    ).raise_for_status()
    return auth


def _upload(base: str, auth: dict[str, str], png: bytes) -> int:
    form = {
        "years": "1",
        "company_name": "福州某某建设工程有限公司",
        "uscc": make_uscc(seq=1),
        "legal_rep_name": "张三",
        "applicant_is_legal_rep": "true",
    }
    resp = httpx.post(
        f"{base}/api/app/v1/orders/company",
        data=form,
        files={"business_licence": ("scan.png", png)},
        headers=auth,
        timeout=120,
    )
    return resp.status_code


def _case(base: str, pid: int, auth: dict[str, str], png: bytes, n: int) -> dict[str, Any]:
    stop = threading.Event()
    worst = [0.0]

    def probe() -> None:
        with httpx.Client() as c:
            while not stop.is_set():
                t = time.perf_counter()
                c.get(f"{base}/healthz", timeout=30)
                worst[0] = max(worst[0], time.perf_counter() - t)
                time.sleep(0.05)

    time.sleep(0.5)
    base_kb = _status_kb(pid, "VmRSS")
    _reset_hwm(pid)
    prober = threading.Thread(target=probe)
    prober.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(n) as pool:
        statuses = list(pool.map(lambda _: _upload(base, auth, png), range(n)))
    seconds = time.perf_counter() - started
    stop.set()
    prober.join()
    peak_mb = (_status_kb(pid, "VmHWM") - base_kb) / 1024
    return {
        "uploads": n,
        "statuses": statuses,
        "seconds": seconds,
        "peak_growth_mb": peak_mb,
        "healthz_worst_ms": worst[0] * 1000,
    }


def run(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    tmp = Path(tempfile.mkdtemp(prefix="mcert-bench-uploads-"))
    try:
        backend = Backend("sqlite", f"sqlite:///{tmp / 'mcert.db'}", None, 1, tmp)
        port = _free_port()
        env = server_env(backend, port)
        _mcert(env, "db", "upgrade")
        png = _png()
        base = f"http://127.0.0.1:{port}"
        cases = []
        with serving(backend, port, tmp / "server.log") as proc:
            pid = proc.pid  # one worker: the uvicorn process itself serves
            auth = _login(base, env)
            for n in (1, 3) if args.quick else (1, 3, 6):
                cases.append(_case(base, pid, auth, png, n))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rows = []
    for c in cases:
        n = c["uploads"]
        per_upload = c["peak_growth_mb"] / n
        rows.append(
            Row(
                "uploads",
                f"{n} × 12 MP RGBA PNG at once: peak RSS growth",
                c["peak_growth_mb"],
                "MB",
                note=f"{per_upload:.0f} MB per upload; target ≤ 100 per upload",
            )
        )
        rows.append(
            Row(
                "uploads",
                f"{n} at once: slowest /healthz",
                c["healthz_worst_ms"],
                "ms",
                note="issue #9 measured 1,400 ms for 3 before the fix",
            )
        )
    details = {"png_bytes": len(png), "pixels": SIZE[0] * SIZE[1], "cases": cases}
    return rows, details
