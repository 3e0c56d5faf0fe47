"""Sealing PDFs on the RP side (mcert_rp.pdf): prepare, sign as the phone does (ECDSA over
the digest), finish at every PAdES level; the result checked by pyHanko's validator and by
poppler's pdfsig; the seal visible at the keyword; refused documents."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("pyhanko")
pdfium = pytest.importorskip("pypdfium2")
fpdf = pytest.importorskip("fpdf")

from asn1crypto import tsp as a_tsp  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, utils  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from mcert_rp import pdf  # noqa: E402
from testpki import NOW, PKI  # noqa: E402

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
KEYWORD = "投标人（盖章）"
AT = NOW + timedelta(minutes=10)


@pytest.fixture(scope="module")
def pki() -> PKI:
    return PKI()


def bid_pdf(pages: int = 3, keyword_pages: tuple[int, ...] = (3,)) -> bytes:
    if not FONT.exists():
        pytest.skip(f"no CJK font at {FONT}")
    doc = fpdf.FPDF(unit="pt", format="A4")
    doc.add_font("wqy", fname=str(FONT))
    doc.set_font("wqy", size=14)
    for n in range(1, pages + 1):
        doc.add_page()
        doc.set_xy(72, 72)
        doc.cell(text=f"投标文件 第 {n} 页")
        if n in keyword_pages:
            doc.set_xy(300, 600)
            doc.cell(text=KEYWORD)
    return bytes(doc.output())


def seal_png() -> bytes:
    img = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((10, 10, 290, 290), outline=(230, 0, 18, 255), width=18)
    d.regular_polygon((150, 150, 60), 5, fill=(230, 0, 18, 255))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


SEAL = pdf.SealImage(seal_png(), 42, 42)


def tsa_for(pki: PKI):  # type: ignore[no-untyped-def]
    def tsa(req_der: bytes) -> bytes:
        req = a_tsp.TimeStampReq.load(req_der)
        token = pki.timestamp(
            bytes(req["message_imprint"]["hashed_message"]),
            nonce=req["nonce"].native,
            gen_time=NOW + timedelta(minutes=1),
        )
        from asn1crypto import cms as a_cms

        return a_tsp.TimeStampResp(
            {"status": {"status": "granted"}, "time_stamp_token": a_cms.ContentInfo.load(token)}
        ).dump()

    return tsa


def phone_sign(pki: PKI, digest: bytes) -> bytes:
    return pki.holder_key.sign(digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))


def crl(pki: PKI) -> bytes:
    from cryptography import x509

    b = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(pki.root.subject)
        .last_update(NOW - timedelta(hours=1))
        .next_update(NOW + timedelta(days=7))
    )
    return b.sign(pki.root_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def seal(pki: PKI, data: bytes, box: pdf.SealBox, level: pdf.Level = "B-LT", sealimg=SEAL) -> bytes:  # type: ignore[no-untyped-def]
    prepared = pdf.prepare_seal(
        data, certificate=pki.signing, chain=[pki.issuing, pki.root], seal=sealimg, box=box
    )
    # The RP may keep the state between the rounds as JSON (another worker finishes).
    prepared = pdf.PreparedSeal.from_json(json.loads(json.dumps(prepared.to_json())))
    signature = phone_sign(pki, prepared.digest)
    token = pki.timestamp(
        __import__("hashlib").sha256(signature).digest(), gen_time=NOW + timedelta(minutes=1)
    )
    return pdf.finish_seal(
        prepared,
        signature,
        level=level,
        timestamp_token=token,
        tsa=tsa_for(pki),
        ocsp=[pki.ocsp(pki.signing)],
        crls=[crl(pki)],
    )


def roots(pki: PKI) -> list:  # type: ignore[type-arg]
    return [pki.root]


def keyword_box(data: bytes) -> pdf.SealBox:
    info = pdf.inspect_pdf(data)
    return pdf.locate(data, [pdf.AtKeyword(KEYWORD)], SEAL, info)[0]


def red_fraction(data: bytes, page: int, x: float, y: float, radius: float = 20) -> float:
    doc = pdfium.PdfDocument(data)
    doc.init_forms()  # a signature's appearance is a form field's widget
    p = doc[page - 1]
    scale = 2.0
    img = p.render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
    height = p.get_height()
    cx, cy = x * scale, (height - y) * scale
    r = radius * scale
    red = total = 0
    for px in range(int(cx - r), int(cx + r)):
        for py in range(int(cy - r), int(cy + r)):
            rr, g, b = img.getpixel((px, py))
            total += 1
            if rr > 180 and g < 90 and b < 90:
                red += 1
    return red / total


@pytest.mark.parametrize("level", ["B-B", "B-T", "B-LT", "B-LTA"])
def test_keyword_seal_valid_at_every_level(pki: PKI, level: pdf.Level) -> None:
    data = bid_pdf()
    box = keyword_box(data)
    assert box.page == 3
    out = seal(pki, data, box, level)
    report = pdf.verify_pdf(out, roots(pki), at=AT)
    [sig] = report.signatures
    assert report.valid, sig
    assert sig.signer == "张三"
    assert sig.page == 3
    assert (sig.timestamp is not None) == (level != "B-B")
    assert sig.revocation_info == (level in ("B-LT", "B-LTA"))
    assert sig.document_timestamp == (level == "B-LTA")
    # The seal is drawn on the keyword (red around its centre), nowhere near the top.
    cx, cy = box.centre
    assert red_fraction(out, 3, cx, cy, radius=55) > 0.05
    assert red_fraction(out, 3, 100, 760) == 0
    assert red_fraction(data, 3, cx, cy, radius=55) == 0


def test_at_position(pki: PKI) -> None:
    data = bid_pdf(pages=2, keyword_pages=())
    info = pdf.inspect_pdf(data)
    [box] = pdf.locate(data, [pdf.AtPosition(2, 400, 200)], SEAL, info)
    out = seal(pki, data, box, "B-T")
    report = pdf.verify_pdf(out, roots(pki), at=AT)
    assert report.valid
    assert report.signatures[0].page == 2
    assert red_fraction(out, 2, 400, 200, radius=55) > 0.05
    with pytest.raises(pdf.PdfRefused) as exc:
        pdf.locate(data, [pdf.AtPosition(3, 1, 1)], SEAL, info)
    assert exc.value.code == "pdf_page_out_of_range"


def test_keyword_occurrences() -> None:
    data = bid_pdf(pages=4, keyword_pages=(1, 3, 4))
    info = pdf.inspect_pdf(data)
    pages = [
        [b.page for b in pdf.locate(data, [pdf.AtKeyword(KEYWORD, occ)], SEAL, info)]
        for occ in ("first", "last", "all")
    ]
    assert pages == [[1], [4], [1, 3, 4]]
    with pytest.raises(pdf.PdfRefused) as exc:
        pdf.locate(data, [pdf.AtKeyword("法定代表人（签字）")], SEAL, info)
    assert exc.value.code == "pdf_keyword_not_found"


@pytest.mark.parametrize("level", ["B-B", "B-T", "B-LT", "B-LTA"])
@pytest.mark.parametrize("placement", ["keyword", "position"])
def test_pdfsig_says_valid(pki: PKI, tmp_path: Path, level: pdf.Level, placement: str) -> None:
    """poppler's pdfsig (no certificate check: it does not know our root) finds every
    signature valid and covering the whole document up to it; a changed byte is not."""
    if shutil.which("pdfsig") is None:
        pytest.skip("pdfsig (poppler-utils) not installed")
    data = bid_pdf()
    if placement == "keyword":
        box = keyword_box(data)
    else:
        [box] = pdf.locate(data, [pdf.AtPosition(1, 300, 400)], SEAL, pdf.inspect_pdf(data))
    out = seal(pki, data, box, level)
    path = tmp_path / "sealed.pdf"
    path.write_bytes(out)
    r = subprocess.run(
        ["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=False
    )
    # The seal's signature; poppler cannot validate a B-LTA document timestamp
    # (ETSI.RFC3161: "Unimplemented Feature"), pyHanko does (test above).
    assert r.stdout.count("Signature is Valid.") == 1, r.stdout + r.stderr
    assert "Signature is Invalid" not in r.stdout
    broken = bytearray(out)
    broken[11] ^= 1
    path.write_bytes(bytes(broken))
    r = subprocess.run(
        ["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=False
    )
    assert "Signature is Valid." not in r.stdout, r.stdout


def test_byte_changed_after_signing_is_detected(pki: PKI) -> None:
    data = bid_pdf()
    out = bytearray(seal(pki, data, keyword_box(data), "B-T"))
    # A byte of the binary comment on line 2: covered by the ByteRange, harmless to parsing.
    assert out[9:10] == b"%"
    out[11] ^= 0x01
    report = pdf.verify_pdf(bytes(out), roots(pki), at=AT)
    assert not report.valid
    assert not report.signatures[0].intact


def test_untrusted_root(pki: PKI) -> None:
    data = bid_pdf()
    out = seal(pki, data, keyword_box(data), "B-T")
    report = pdf.verify_pdf(out, [PKI().root], at=AT)
    assert report.signatures[0].intact
    assert not report.signatures[0].trusted
    assert not report.valid


def test_two_seals_both_valid(pki: PKI) -> None:
    data = bid_pdf(pages=2, keyword_pages=(2,))
    info = pdf.inspect_pdf(data)
    first = seal(pki, data, keyword_box(data), "B-LT")
    small = pdf.SealImage(seal_png(), 20, 20)
    [box2] = pdf.locate(first, [pdf.AtPosition(1, 150, 150)], small, info)
    second = seal(pki, first, box2, "B-LT", sealimg=small)
    report = pdf.verify_pdf(second, roots(pki), at=AT)
    assert len(report.signatures) == 2
    assert report.valid, report.signatures
    assert [s.page for s in report.signatures] == [2, 1]
    assert second.startswith(first)  # an incremental update: the first revision untouched


def _bad_startxref(d: bytes) -> bytes:
    return d[: d.rindex(b"startxref")] + b"startxref\n99\n%%EOF\n"


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda d: d[:200], "pdf_malformed"),  # truncated
        (lambda d: b"hello world", "pdf_malformed"),  # not a PDF
        (_bad_startxref, "pdf_malformed"),  # startxref points nowhere
        (lambda d: d.replace(b"xref\n0 ", b"xref\n9 ", 1), "pdf_malformed"),  # broken xref
        (lambda d: d[: d.rindex(b"trailer")], "pdf_malformed"),  # no trailer
    ],
    ids=["truncated", "not-pdf", "startxref", "xref-table", "no-trailer"],
)
def test_bad_documents(mutate, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(pdf.PdfRefused) as exc:
        pdf.inspect_pdf(mutate(bid_pdf(pages=1)))
    assert exc.value.code == code


def test_too_large_and_too_many_pages() -> None:
    data = bid_pdf(pages=3)
    with pytest.raises(pdf.PdfRefused) as exc:
        pdf.inspect_pdf(data, pdf.Limits(max_bytes=1000))
    assert exc.value.code == "pdf_too_large"
    with pytest.raises(pdf.PdfRefused) as exc:
        pdf.inspect_pdf(data, pdf.Limits(max_pages=2))
    assert exc.value.code == "pdf_too_many_pages"


def test_encrypted_refused() -> None:
    from pyhanko.pdf_utils.crypt import StandardSecurityHandler
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import PdfFileWriter, copy_into_new_writer

    w = copy_into_new_writer(PdfFileReader(io.BytesIO(bid_pdf(pages=1))))
    assert isinstance(w, PdfFileWriter)
    w.security_handler = StandardSecurityHandler.build_from_pw("secret")
    w._assign_security_handler(w.security_handler)
    buf = io.BytesIO()
    w.write(buf)
    with pytest.raises(pdf.PdfRefused) as exc:
        pdf.inspect_pdf(buf.getvalue())
    assert exc.value.code == "pdf_encrypted"


@pytest.mark.parametrize(
    ("key", "action"),
    [
        ("/OpenAction", {"/S": "/JavaScript", "/JS": "app.alert('x');"}),
        ("/OpenAction", {"/S": "/Launch", "/F": "calc.exe"}),
        ("/Names", {"/EmbeddedFiles": {"/Names": []}}),
    ],
)
def test_active_content_refused(key: str, action: dict[str, object]) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    def obj(v: object) -> generic.PdfObject:
        if isinstance(v, dict):
            return generic.DictionaryObject({generic.NameObject(k): obj(x) for k, x in v.items()})
        if isinstance(v, list):
            return generic.ArrayObject([obj(x) for x in v])
        assert isinstance(v, str)
        return generic.NameObject(v) if v.startswith("/") else generic.TextStringObject(v)

    w = IncrementalPdfFileWriter(io.BytesIO(bid_pdf(pages=1)))
    w.root[generic.NameObject(key)] = obj(action)
    w.update_root()
    buf = io.BytesIO()
    w.write(buf)
    with pytest.raises(pdf.PdfRefused) as exc:
        pdf.inspect_pdf(buf.getvalue())
    assert exc.value.code == "pdf_active_content"


def test_thumbnails() -> None:
    data = bid_pdf(pages=3)
    thumbs = pdf.render_thumbnails(data, [1, 3], width=200)
    assert sorted(thumbs) == [1, 3]
    img = Image.open(io.BytesIO(thumbs[3]))
    assert img.width == 200
    assert img.height > 250  # A4 portrait


def test_straddle_seal_on_every_page(pki: PKI) -> None:
    data = bid_pdf(pages=4, keyword_pages=())
    info = pdf.inspect_pdf(data)
    slices = pdf.locate(data, [pdf.Straddle()], SEAL, info)
    assert [(b.page, b.slice_index, b.slice_count) for b in slices] == [
        (1, 0, 4), (2, 1, 4), (3, 2, 4), (4, 3, 4),
    ]  # fmt: skip
    pw, _ = info.page_sizes[0]
    assert all(abs(b.x2 - pw) < 0.01 for b in slices)
    assert all(abs((b.x2 - b.x1) - 42 * 72 / 25.4 / 4) < 0.01 for b in slices)
    out = seal_boxes(pki, data, slices)
    report = pdf.verify_pdf(out, roots(pki), at=AT)
    [sig] = report.signatures
    assert report.valid, sig
    # Each page shows its slice of the ring at the right edge, not the others' part.
    for b in slices:
        assert red_box(out, b) > 0.03, b
        assert red_box(data, b) == 0
    if shutil.which("pdfsig"):
        path = Path(__import__("tempfile").mkdtemp()) / "straddle.pdf"
        path.write_bytes(out)
        r = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True)
        assert "Signature is Valid." in r.stdout, r.stdout
    with pytest.raises(pdf.PdfRefused) as exc:
        pdf.locate(data, [pdf.Straddle(first_page=4)], SEAL, info)
    assert exc.value.code == "pdf_straddle_pages"


def test_straddle_first_then_keyword_seal_both_valid(pki: PKI) -> None:
    data = bid_pdf(pages=3)
    slices = pdf.locate(data, [pdf.Straddle()], SEAL, pdf.inspect_pdf(data))
    first = seal_boxes(pki, data, slices)
    second = seal(pki, first, keyword_box(first), "B-LT")
    report = pdf.verify_pdf(second, roots(pki), at=AT)
    assert len(report.signatures) == 2
    assert report.valid, report.signatures
    # The other way round the slices would be changes the first signature does not allow.
    keyword_first = seal(pki, data, keyword_box(data), "B-LT")
    with pytest.raises(pdf.PdfRefused) as exc:
        seal_boxes(pki, keyword_first, slices)
    assert exc.value.code == "pdf_straddle_after_signature"


def test_stamp_added_after_a_signature_is_reported(pki: PKI) -> None:
    """What the refusal above prevents: an annotation added after signing is caught."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    data = bid_pdf(pages=2, keyword_pages=(2,))
    signed = seal(pki, data, keyword_box(data), "B-T")
    w = IncrementalPdfFileWriter(io.BytesIO(signed))
    box = pdf.SealBox(1, 100, 100, 150, 150)
    pdf._stamp_annotation(w, box, pdf._slices(SEAL, 1)[0], "added-later")
    buf = io.BytesIO()
    w.write(buf)
    [sig] = pdf.verify_pdf(buf.getvalue(), roots(pki), at=AT).signatures
    assert sig.intact
    assert not sig.changes_allowed
    assert not sig.valid


def test_a_pdf_signed_elsewhere_keeps_its_signature(pki: PKI) -> None:
    """A signature mCert knows nothing of (another CA, signed by pyHanko directly) stays
    valid after the seal; the seal validates against mCert's root."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    other = PKI()
    key = other.holder_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    from asn1crypto import keys as a_keys
    from asn1crypto import x509 as a_x509

    def a(c):  # type: ignore[no-untyped-def]
        return a_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))

    elsewhere = signers.SimpleSigner(
        signing_cert=a(other.signing),
        signing_key=a_keys.PrivateKeyInfo.load(key),
        cert_registry=SimpleCertificateStore.from_certs([a(other.issuing), a(other.root)]),
    )
    w = IncrementalPdfFileWriter(io.BytesIO(bid_pdf(pages=2, keyword_pages=(2,))))
    signed = signers.sign_pdf(
        w, signers.PdfSignatureMetadata(field_name="Elsewhere"), signer=elsewhere
    ).getvalue()
    out = seal(pki, signed, keyword_box(signed), "B-LT")
    report = pdf.verify_pdf(out, [pki.root, other.root], at=AT)
    assert [s.field_name for s in report.signatures] == ["Elsewhere", "mCertSeal2"]
    assert report.valid, report.signatures
    only_mcert = pdf.verify_pdf(out, [pki.root], at=AT)
    assert [s.trusted for s in only_mcert.signatures] == [False, True]


def seal_boxes(pki: PKI, data: bytes, boxes: list[pdf.SealBox]) -> bytes:
    prepared = pdf.prepare_seal(
        data, certificate=pki.signing, chain=[pki.issuing, pki.root], seal=SEAL, box=boxes
    )
    signature = phone_sign(pki, prepared.digest)
    return pdf.finish_seal(
        prepared,
        signature,
        level="B-T",
        tsa=tsa_for(pki),
    )


def red_box(data: bytes, box: pdf.SealBox) -> float:
    doc = pdfium.PdfDocument(data)
    doc.init_forms()
    page = doc[box.page - 1]
    scale = 2.0
    img = page.render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
    height = page.get_height()
    red = total = 0
    for x in range(int(box.x1 * scale), int(box.x2 * scale) - 1):
        for y in range(int((height - box.y2) * scale), int((height - box.y1) * scale)):
            r, g, b = img.getpixel((x, y))
            total += 1
            red += r > 180 and g < 90 and b < 90
    return red / total


def test_finish_refuses_a_result_for_another_digest_or_document(pki: PKI) -> None:
    import hashlib

    from mcert_rp._b64 import b64u_encode

    data = bid_pdf()
    prepared = pdf.prepare_seal(
        data, certificate=pki.signing, chain=[pki.issuing, pki.root], seal=SEAL,
        box=keyword_box(data),
    )  # fmt: skip
    signature = phone_sign(pki, prepared.digest)
    result = {
        "digest": b64u_encode(prepared.digest),
        "signature": b64u_encode(signature),
        "timestamp": b64u_encode(pki.timestamp(hashlib.sha256(signature).digest())),
        "ocsp": b64u_encode(pki.ocsp(pki.signing)),
        "document": {"sha256": hashlib.sha256(data).hexdigest()},
    }
    assert pdf.finish_from_result(prepared, result, level="B-T").startswith(data)
    for changed, code in [
        ({"digest": b64u_encode(b"\1" * 32)}, "digest_mismatch"),
        ({"document": {"sha256": "0" * 64}}, "document_mismatch"),
    ]:
        with pytest.raises(pdf.PdfRefused) as exc:
            pdf.finish_from_result(prepared, {**result, **changed}, level="B-T")
        assert exc.value.code == code
