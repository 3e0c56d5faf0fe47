"""Sealing PDFs by scanning (``docs/pdf-sealing.md``): seal sessions per second, the server's
time per seal, and the RP's PDF work beside plain pyHanko signing of the same document in
the same run; peak memory for a large scanned bid.

Set-up, untimed: SQLite in a temporary directory, migrations, ``ca init``, one holder with a
personal certificate and a claimed 个人私章 (through the app API with the reference device,
as the tests do), an RP registered for ``seal``; the app runs in process (``TestClient``)
on the real clock.

Per document (a 1-page and a 100-page bid with real CJK text, ``投标人（盖章）`` on the last
page), each figure the median of ``--repeat`` runs after a warm-up:

- **flow**: one whole seal session, sequentially in this process — the RP inspects the PDF,
  finds the keyword, renders the thumbnail, starts the session; the device scans, prepares
  (password), the RP prepares the PDF for the chosen seal and submits the digest, the
  device signs and completes, the RP collects and finishes at B-LT (DSS with the session's
  OCSP and mCert's CRLs). Sessions per second = 1 / this.
- **server**: the time spent inside the app (an ASGI wrapper sums the wall time of every
  request of the flow: create, scan, prepare, collect, digest, complete, CRLs).
- **RP PDF work (B-B)**: ``inspect_pdf`` (the refusals), the keyword search,
  ``prepare_seal`` + the ECDSA signature + ``finish_seal`` at B-B with a local key — the
  part of the flow that depends on the document — against
  **pyHanko alone**: ``signers.sign_pdf`` with a ``SimpleSigner`` (same key, same
  document, a visible signature field with the same seal image, B-B). Target ≤ 1.2×.

Memory: a fresh process reads a large scanned bid (``--big-pages`` pages, one random-noise
JPEG each, ~100 MB at the default 500), then runs inspect → keyword → thumbnail →
prepare → sign → finish (B-B); the peak resident set growth (``VmHWM`` after resetting it)
over the file already in memory.

``python -m bench pdf_seal [--quick]``. Nothing here changes how the product behaves.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench._common import Row, median

ROOT = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
KEYWORD = "投标人（盖章）"
PASSWORD = "Bid#2026go"


def bid(pages: int, images: bool = False) -> bytes:
    import random

    from fpdf import FPDF
    from PIL import Image

    doc = FPDF(unit="pt", format="A4")
    doc.add_font("wqy", fname=FONT)
    doc.set_font("wqy", size=12)
    rnd = random.Random(7)
    for n in range(1, pages + 1):
        doc.add_page()
        doc.set_xy(72, 60)
        doc.cell(text=f"投标文件 第 {n} 页 — 技术标与商务标")
        if images:  # a scanned page: a noisy JPEG nothing can compress
            # ~190 KB a page: 500 pages stay just under the default 100 MB limit
            img = Image.frombytes("L", (500, 700), rnd.randbytes(500 * 700))
            buf = io.BytesIO()
            img.save(buf, format="JPEG", quality=75)
            doc.image(buf, x=40, y=90, w=515)
        else:
            for line in range(40):
                doc.set_xy(72, 90 + line * 16)
                doc.cell(text=f"第 {line + 1} 条：本投标人承诺按招标文件要求完成全部工作内容。")
        if n == pages:
            doc.set_xy(300, 760)
            doc.cell(text=KEYWORD)
    return bytes(doc.output())


class Timed:
    """ASGI wrapper summing the wall time spent inside the app."""

    def __init__(self, app: Any) -> None:
        self.app, self.total = app, 0.0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        start = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            self.total += time.perf_counter() - start


def world(tmp: Path) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from fastapi.testclient import TestClient
    from tests.conftest import FAST_PASSWORDS
    from tests.holders import make_holder, personal_certificate
    from tests.seals import claimed_seal

    from mcert.ca.service import ca_service
    from mcert.clock import FrozenClock, SystemClock
    from mcert.db.engine import make_engine
    from mcert.db.migrate import upgrade
    from mcert.main import create_app
    from mcert.rp import service as rp_service
    from mcert.runtime import Runtime
    from mcert.settings import Settings
    from mcert_rp import Client

    engine = make_engine(f"sqlite:///{tmp / 'mcert.db'}")
    upgrade(engine)
    settings = Settings(
        env="test",
        data_dir=tmp,
        database_url=f"sqlite:///{tmp / 'mcert.db'}",
        secret_key="bench-secret-key-0123456789abcdef0123456789",
        ca_key_passphrase="bench-ca-passphrase",
        **{**FAST_PASSWORDS, "password_scrypt_ln": 14},  # the production scrypt cost
    )  # type: ignore[arg-type]
    rt = Runtime(settings, clock=SystemClock(), engine=engine)
    with rt.sessions() as db:
        ca_service(rt).init(db, rt.clock.now())
    timed = Timed(create_app(runtime=rt))
    client = TestClient(timed)
    client.__enter__()
    holder = make_holder(client, rt, FrozenClock(datetime.now(UTC)))
    cert = personal_certificate(holder, PASSWORD)
    seal = claimed_seal(holder, client, rt, cert, "personal_stamp")
    with rt.sessions() as db:
        rp, secret = rp_service.create(db, rt, name="基准测试平台", ops=["seal"], callback_url=None)
    rp_client = Client(str(client.base_url), rp.client_id, secret, http=client)
    return {"client": client, "timed": timed, "holder": holder, "cert": cert, "seal": seal,
            "rp": rp_client}  # fmt: skip


def one_flow(w: dict[str, Any], data: bytes) -> tuple[float, float]:
    from mcert_rp import pdf

    rp, holder, timed = w["rp"], w["holder"], w["timed"]
    server_before = timed.total
    start = time.perf_counter()
    info = pdf.inspect_pdf(data)
    [box] = pdf.locate(data, [pdf.AtKeyword(KEYWORD)], pdf.SealImage(b"", 20, 20), info)
    handle = rp.start_seal(
        display_text="投标文件签章", document=pdf.session_document(data, [box], label="bid.pdf")
    )
    qr = handle.current_qr()
    holder.device.scan(qr)
    state: dict[str, Any] = {}

    def prepares(_task: dict[str, Any]) -> None:
        status = rp.collect(handle.session_id)
        state["p"] = pdf.prepare_for_selection(data, status.selection, box)
        rp.submit_digest(handle.session_id, status.selection["selection_id"], state["p"].digest)

    holder.device.confirm(
        handle.session_id, w["cert"]["id"], PASSWORD, seal_id=w["seal"]["id"], on_prepared=prepares
    )
    status = rp.collect(handle.session_id)
    assert status.status == "complete", status
    out = pdf.finish_from_result(
        state["p"], status.result, crls=[rp.crl("root"), rp.crl("issuing")]
    )
    elapsed = time.perf_counter() - start
    assert len(out) > len(data)
    return elapsed, timed.total - server_before


def local_signer() -> tuple[Any, Any, Any, list[Any]]:
    sys.path.insert(0, str(ROOT / "sdk" / "python" / "tests"))
    from testpki import PKI

    pki = PKI()
    return pki, pki.signing, pki.holder_key, [pki.issuing, pki.root]


def rp_work(data: bytes, pki: Any, seal_png: bytes) -> tuple[float, float]:
    """(checks + keyword search, prepare + sign + finish) in seconds."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, utils

    from mcert_rp import pdf

    pdf._INSPECTED.clear()  # the document is new to the RP each time
    start = time.perf_counter()
    image = pdf.SealImage(seal_png, 20, 20)
    info = pdf.inspect_pdf(data)
    [box] = pdf.locate(data, [pdf.AtKeyword(KEYWORD)], image, info)
    checked = time.perf_counter()
    p = pdf.prepare_seal(
        data, certificate=pki.signing, chain=[pki.issuing, pki.root], seal=image, box=box
    )
    sig = pki.holder_key.sign(p.digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))
    pdf.finish_seal(p, sig, level="B-B")
    return checked - start, time.perf_counter() - checked


def plain_pyhanko(data: bytes, pki: Any, seal_png: bytes, box: Any) -> float:
    from asn1crypto import keys as a_keys
    from asn1crypto import x509 as a_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from mcert_rp import pdf

    def a(c: Any) -> Any:
        return a_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))

    key = pki.holder_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    start = time.perf_counter()
    signer = signers.SimpleSigner(
        signing_cert=a(pki.signing),
        signing_key=a_keys.PrivateKeyInfo.load(key),
        cert_registry=SimpleCertificateStore.from_certs([a(pki.issuing), a(pki.root)]),
    )
    w = IncrementalPdfFileWriter(io.BytesIO(data))
    fields.append_signature_field(
        w,
        fields.SigFieldSpec(
            "Plain",
            on_page=box.page - 1,
            box=(round(box.x1), round(box.y1), round(box.x2), round(box.y2)),
        ),
    )
    style = pdf._stamp_style(pdf._slices(pdf.SealImage(seal_png, 20, 20), 1)[0])
    signers.PdfSigner(
        signers.PdfSignatureMetadata(field_name="Plain", subfilter=fields.SigSeedSubFilter.PADES),
        signer=signer,
        stamp_style=style,
    ).sign_pdf(w)
    return time.perf_counter() - start


_PROBE = r"""
import json, re, sys, time
from pathlib import Path
sys.path[:0] = [sys.argv[2], sys.argv[3], sys.argv[4]]
from bench.pdf_seal import rp_work, local_signer, seal_image
data = Path(sys.argv[1]).read_bytes()
pki = local_signer()[0]
png = seal_image()
def status(field):
    text = Path("/proc/self/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+)", text, re.M).group(1))
Path("/proc/self/clear_refs").write_text("5")
before = status("VmRSS")
t = sum(rp_work(data, pki, png))
print(json.dumps({"peak_kb": status("VmHWM") - before, "seconds": t, "file": len(data)}))
"""


def seal_image() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((10, 10, 290, 290), outline=(230, 0, 18, 255), width=18)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def big_memory(pages: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.pdf"
        path.write_bytes(bid(pages, images=True))
        out = subprocess.run(
            [sys.executable, "-c", _PROBE, str(path), str(ROOT), str(ROOT / "src"),
             str(ROOT / "sdk" / "python" / "src")],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if out.returncode != 0:
            raise RuntimeError(f"memory probe failed: {out.stderr[-2000:]}")
        return dict(json.loads(out.stdout))


def run(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    repeat = 3 if args.quick else 7
    sizes = (1, 20) if args.quick else (1, 100)
    big_pages = 50 if args.quick else 500
    rows: list[Row] = []
    details: dict[str, Any] = {"repeat": repeat}
    pki = local_signer()[0]
    png = seal_image()
    with tempfile.TemporaryDirectory() as tmp:
        w = world(Path(tmp))
        for pages in sizes:
            data = bid(pages)
            from mcert_rp import pdf

            [box] = pdf.locate(
                data, [pdf.AtKeyword(KEYWORD)], pdf.SealImage(png, 20, 20), pdf.inspect_pdf(data)
            )
            one_flow(w, data)  # warm-up
            rp_work(data, pki, png)
            plain_pyhanko(data, pki, png, box)
            flows = [one_flow(w, data) for _ in range(repeat)]
            work = [rp_work(data, pki, png) for _ in range(repeat)]
            plain = [plain_pyhanko(data, pki, png, box) for _ in range(repeat)]
            flow_s = median([f for f, _ in flows])
            server_s = median([s for _, s in flows])
            case = f"{pages}-page bid ({len(data) // 1024} KB)"
            details[case] = {"flow": flows, "rp_work": work, "plain": plain}
            rows += [
                Row("pdf_seal", f"{case}: seal sessions/s (whole flow, B-LT)", 1 / flow_s, "/s"),
                Row("pdf_seal", f"{case}: server time per seal", server_s * 1000, "ms"),
                Row(
                    "pdf_seal",
                    f"{case}: RP checks + keyword search",
                    median([c for c, _ in work]) * 1000,
                    "ms",
                ),
                Row(
                    "pdf_seal",
                    f"{case}: RP prepare + sign + finish (B-B)",
                    median([s for _, s in work]) * 1000,
                    "ms",
                    reference="pyHanko sign_pdf, same doc",
                    reference_value=median(plain) * 1000,
                ),
            ]
        w["client"].__exit__(None, None, None)
    mem = big_memory(big_pages)
    details["big"] = mem
    rows.append(
        Row(
            "pdf_seal",
            f"{big_pages}-page scan ({mem['file'] // (1024 * 1024)} MB): peak memory",
            mem["peak_kb"] / 1024,
            "MB",
            note=f"RP PDF work {mem['seconds']:.1f} s",
        )
    )
    return rows, details


def main(argv: list[str] | None = None) -> int:
    from bench._common import table

    parser = argparse.ArgumentParser(prog="python -m bench.pdf_seal", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    rows, _ = run(args)
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
