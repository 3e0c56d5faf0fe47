# pyHanko's generic PDF objects are untyped.
# mypy: disable-error-code="no-untyped-call"
"""Sealing PDFs on the relying party's side: PAdES signatures whose appearance is the holder's
seal, signed on the phone (``docs/pdf-sealing.md``).

The PDF never leaves the RP. :func:`inspect_pdf` refuses what must not be signed,
:func:`render_thumbnails` makes what the phone shows, :func:`prepare_seal` adds the signature
field with the seal image and computes the digest the phone signs (pyHanko's interrupted
signing), :func:`finish_seal` embeds the phone's signature with its timestamp and adds the
long-term validation data; :func:`verify_pdf` checks a sealed PDF.

Needs the ``pdf`` extra (pyHanko, pypdfium2). Nothing in a PDF is executed here: pypdfium2
renders without a form environment (so no JavaScript), pyHanko only parses.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from asn1crypto import cms as a_cms
from asn1crypto import core as a_core
from asn1crypto import crl as a_crl
from asn1crypto import ocsp as a_ocsp
from asn1crypto import tsp as a_tsp
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from mcert_rp._b64 import b64u_decode as _b64d
from mcert_rp._b64 import b64u_encode as _b64u
from mcert_rp._exceptions import MCertRPError

__all__ = [
    "DEFAULT_LIMITS",
    "SEAL_ATTRIBUTE_OID",
    "AtKeyword",
    "AtPosition",
    "DocumentInfo",
    "Limits",
    "PdfRefused",
    "PdfReport",
    "PreparedSeal",
    "SealBox",
    "SealImage",
    "SignatureReport",
    "Straddle",
    "box_for_seal",
    "finish_from_result",
    "finish_seal",
    "inspect_pdf",
    "locate",
    "prepare_for_selection",
    "prepare_seal",
    "render_thumbnails",
    "selection_seal",
    "session_document",
    "verify_pdf",
]

# The arc of the seal's own extensions (docs/seals.md): .3.1 seal type, .3.2 holder serial,
# .3.3 the SESeal as a signed attribute of the PDF signature.
_ARC = "1.2.840.113556.1.8000.2554.34144.64011.26931.17152.41748.6950571.613525"
SEAL_ATTRIBUTE_OID = f"{_ARC}.3.3"
_EXT_SEAL_KIND_OID = f"{_ARC}.3.1"
_MM = 72 / 25.4  # PDF points per millimetre

Level = Literal["B-B", "B-T", "B-LT", "B-LTA"]


class PdfRefused(MCertRPError):
    """The document cannot be sealed as it is; ``code`` says why (docs/pdf-sealing.md)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 500


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class DocumentInfo:
    sha256: str  # hex
    page_count: int
    page_sizes: tuple[tuple[float, float], ...]  # points, per page
    signatures: int  # signatures already in the document


@dataclass(frozen=True)
class AtPosition:
    """The seal centred on (x, y), PDF points from the bottom left of ``page`` (from 1)."""

    page: int
    x: float
    y: float


@dataclass(frozen=True)
class AtKeyword:
    """The seal centred on ``text`` where the text layer has it."""

    text: str
    occurrence: Literal["first", "last", "all"] = "first"


@dataclass(frozen=True)
class Straddle:
    """骑缝章: the seal cut into vertical slices, one per page from ``first_page`` to
    ``last_page`` (default the last), each on its page's right edge at height ``y`` (default
    the middle), as stamped across the fanned edges of a paper bid."""

    first_page: int = 1
    last_page: int | None = None
    y: float | None = None


Placement = AtPosition | AtKeyword | Straddle


@dataclass(frozen=True)
class SealBox:
    page: int  # from 1
    x1: float
    y1: float
    x2: float
    y2: float
    slice_index: int = 0  # 骑缝章: which vertical slice of the seal this box shows
    slice_count: int = 1

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x1 + self.x2) / 2, (self.y1 + self.y2) / 2


@dataclass(frozen=True)
class SealImage:
    """The claimed seal: its PNG, its size in millimetres, and its signed data (SESeal DER)."""

    png: bytes
    width_mm: float
    height_mm: float
    seseal: bytes | None = None

    @classmethod
    def from_seseal(cls, der: bytes) -> SealImage:
        info = _decode_seseal(der)
        return cls(info["png"], info["width_mm"], info["height_mm"], der)


# --- inspection ------------------------------------------------------------------------------

_ACTIVE_KEYS = ("/JavaScript", "/JS", "/Launch", "/EmbeddedFiles", "/EmbeddedFile")
# Not walked: back-references, and what cannot carry an action or an embedded file (page
# content, fonts and images, metadata, the structure tree) — most of a large document's
# objects, so the check stays proportional to its pages, annotations and names.
_INERT_KEYS = frozenset(
    {"/Parent", "/P", "/Resources", "/Contents", "/Thumb", "/Metadata", "/StructTreeRoot",
     "/StructParents", "/PieceInfo", "/OutputIntents"}
)  # fmt: skip


def _scan_active(obj: Any, seen: set[int], depth: int = 0) -> str | None:
    from pyhanko.pdf_utils import generic

    if depth > 40:
        return None
    if isinstance(obj, generic.IndirectObject):
        key = (obj.idnum, obj.generation)
        h = hash(key)
        if h in seen:
            return None
        seen.add(h)
        try:
            obj = obj.get_object()
        except Exception:  # a dangling reference is not active content
            return None
    if isinstance(obj, generic.DictionaryObject):
        for k in obj:
            if k in _ACTIVE_KEYS:
                return str(k)
            if k == "/S" and obj.get("/S") in ("/JavaScript", "/Launch"):
                return str(obj["/S"])
        for k in obj:
            if k in _INERT_KEYS:
                continue
            found = _scan_active(obj.raw_get(k), seen, depth + 1)
            if found:
                return found
    elif isinstance(obj, generic.ArrayObject):
        for i in range(len(obj)):
            found = _scan_active(obj.raw_get(i), seen, depth + 1)
            if found:
                return found
    return None


def _reader(data: bytes, limits: Limits) -> Any:
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    if len(data) > limits.max_bytes:
        raise PdfRefused("pdf_too_large", f"文件超过 {limits.max_bytes // (1024 * 1024)} MB")
    if not data.lstrip()[:5] == b"%PDF-":
        raise PdfRefused("pdf_malformed", "不是 PDF 文件")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=True)
    except (PdfReadError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise PdfRefused("pdf_malformed", f"PDF 文件结构损坏（{exc}）") from exc
    if reader.encrypted:
        raise PdfRefused("pdf_encrypted", "PDF 文件已加密，请先解除加密")
    return reader


_INSPECTED: dict[tuple[str, Limits], DocumentInfo] = {}


def inspect_pdf(data: bytes, limits: Limits = DEFAULT_LIMITS) -> DocumentInfo:
    """Refuse what must not be sealed (``PdfRefused``); otherwise describe the document.

    The last few answers are remembered by SHA-256, so preparing a document just inspected
    (``session_document`` then ``prepare_for_selection``) does not walk it twice."""
    if len(data) > limits.max_bytes:
        raise PdfRefused("pdf_too_large", f"文件超过 {limits.max_bytes // (1024 * 1024)} MB")
    digest = hashlib.sha256(data).hexdigest()
    known = _INSPECTED.get((digest, limits))
    if known is not None:
        return known
    info = _inspect(data, digest, limits)
    if len(_INSPECTED) >= 16:
        _INSPECTED.pop(next(iter(_INSPECTED)))
    _INSPECTED[(digest, limits)] = info
    return info


def _inspect(data: bytes, digest: str, limits: Limits) -> DocumentInfo:
    from pyhanko.pdf_utils.misc import PdfReadError

    reader = _reader(data, limits)
    try:
        pages = reader.root["/Pages"]
        count = int(pages["/Count"])
        if count > limits.max_pages:
            raise PdfRefused("pdf_too_many_pages", f"文件超过 {limits.max_pages} 页")
        active = _scan_active(reader.root.get_object(), set())
        if active:
            raise PdfRefused(
                "pdf_active_content", f"PDF 含有脚本、启动动作或嵌入文件（{active}），不能签章"
            )
        sizes = []
        for i in range(count):
            page = reader.find_page_for_modification(i)[0].get_object()
            box = page.get("/MediaBox") or pages.get("/MediaBox")
            x1, y1, x2, y2 = (float(v) for v in box)
            sizes.append((x2 - x1, y2 - y1))
        sigs = len(reader.embedded_signatures)
    except PdfRefused:
        raise
    except (PdfReadError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise PdfRefused("pdf_malformed", f"PDF 文件结构损坏（{exc}）") from exc
    return DocumentInfo(digest, count, tuple(sizes), sigs)


# --- placements and thumbnails ---------------------------------------------------------------


def _keyword_centres(data: bytes, text: str) -> list[tuple[int, float, float]]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    out: list[tuple[int, float, float]] = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            searcher = tp.search(text, match_case=True)
            while (hit := searcher.get_next()) is not None:
                start, count = hit
                boxes = [tp.get_charbox(j) for j in range(start, start + count)]
                left = min(b[0] for b in boxes)
                bottom = min(b[1] for b in boxes)
                right = max(b[2] for b in boxes)
                top = max(b[3] for b in boxes)
                out.append((i + 1, (left + right) / 2, (bottom + top) / 2))
            searcher.close()
            tp.close()
            page.close()
    finally:
        doc.close()
    return out


def locate(
    data: bytes, placements: Sequence[Placement], seal: SealImage, info: DocumentInfo
) -> list[SealBox]:
    """Where each seal goes: boxes the seal's size, centred on the placements."""
    w, h = seal.width_mm * _MM, seal.height_mm * _MM
    boxes: list[SealBox] = []
    for p in placements:
        if isinstance(p, Straddle):
            boxes += _straddle(p, w, h, info)
            continue
        if isinstance(p, AtPosition):
            if not 1 <= p.page <= info.page_count:
                raise PdfRefused("pdf_page_out_of_range", f"第 {p.page} 页不存在")
            centres = [(p.page, p.x, p.y)]
        else:
            found = _keyword_centres(data, p.text)
            if not found:
                raise PdfRefused("pdf_keyword_not_found", f"文件中没有找到关键字“{p.text}”")
            centres = {"first": found[:1], "last": found[-1:], "all": found}[p.occurrence]
        for page, x, y in centres:
            boxes.append(SealBox(page, x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    return boxes


def _straddle(p: Straddle, w: float, h: float, info: DocumentInfo) -> list[SealBox]:
    last = p.last_page or info.page_count
    if not 1 <= p.first_page < last <= info.page_count:
        raise PdfRefused("pdf_straddle_pages", "骑缝章需要至少两页，且页码在文件范围内")
    count = last - p.first_page + 1
    out = []
    for i, page in enumerate(range(p.first_page, last + 1)):
        pw, ph = info.page_sizes[page - 1]
        cy = p.y if p.y is not None else ph / 2
        out.append(SealBox(page, pw - w / count, cy - h / 2, pw, cy + h / 2, i, count))
    return out


def render_thumbnails(
    data: bytes, pages: Sequence[int] | None = None, *, width: int = 360
) -> dict[int, bytes]:
    """PNG thumbnails (``width`` pixels across) of ``pages`` (from 1; default all)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    out: dict[int, bytes] = {}
    try:
        for n in pages or range(1, len(doc) + 1):
            page = doc[n - 1]
            scale = width / page.get_width()
            image = page.render(scale=scale).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="PNG", optimize=True)
            out[n] = buf.getvalue()
            page.close()
    finally:
        doc.close()
    return out


# --- signing -----------------------------------------------------------------------------------


@dataclass
class PreparedSeal:
    """The RP's state between the two rounds: the prepared PDF (with the placeholder), the
    ByteRange digest's bookkeeping and the signed attributes. ``digest`` is what the phone
    signs: SHA-256 of the DER signed attributes."""

    prepared_pdf: bytes
    document_digest: bytes
    reserved_region_start: int
    reserved_region_end: int
    signed_attrs: bytes
    certificate: bytes  # DER
    chain: list[bytes]  # DER, issuing CA then root
    field_name: str
    source_sha256: str = ""  # hex SHA-256 of the PDF before this seal (what the phone saw)
    digest: bytes = field(init=False)

    def __post_init__(self) -> None:
        self.digest = hashlib.sha256(self.signed_attrs).digest()

    def to_json(self) -> dict[str, Any]:
        """For an RP that keeps the state between the rounds elsewhere (a database, another
        worker): JSON-safe, with the prepared PDF in base64url."""
        return {
            "prepared_pdf": _b64u(self.prepared_pdf),
            "document_digest": _b64u(self.document_digest),
            "reserved_region_start": self.reserved_region_start,
            "reserved_region_end": self.reserved_region_end,
            "signed_attrs": _b64u(self.signed_attrs),
            "certificate": _b64u(self.certificate),
            "chain": [_b64u(c) for c in self.chain],
            "field_name": self.field_name,
            "source_sha256": self.source_sha256,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PreparedSeal:
        return cls(
            prepared_pdf=_b64d(data["prepared_pdf"]),
            document_digest=_b64d(data["document_digest"]),
            reserved_region_start=int(data["reserved_region_start"]),
            reserved_region_end=int(data["reserved_region_end"]),
            signed_attrs=_b64d(data["signed_attrs"]),
            certificate=_b64d(data["certificate"]),
            chain=[_b64d(c) for c in data["chain"]],
            field_name=str(data["field_name"]),
            source_sha256=str(data.get("source_sha256", "")),
        )


def _run(coro: Any) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # Called from inside an event loop (a FastAPI handler): run in a worker thread.
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _a_cert(cert: x509.Certificate | bytes) -> a_x509.Certificate:
    der = cert if isinstance(cert, bytes) else cert.public_bytes(serialization.Encoding.DER)
    return a_x509.Certificate.load(der)


def _seal_attr_spec(seseal: bytes | None, cert: a_x509.Certificate) -> Any:
    from pyhanko.sign.attributes import CMSAttributeProvider
    from pyhanko.sign.signers.pdf_cms import (
        GenericPdfSignedAttributeProviderSpec,
        PdfCMSSignedAttributes,
    )

    class SealProvider(CMSAttributeProvider):
        attribute_type = SEAL_ATTRIBUTE_OID

        async def get_attribute(self, dry_run: bool = False) -> a_cms.CMSAttribute | None:
            if seseal is None:
                return None
            return a_cms.CMSAttribute(
                {"type": SEAL_ATTRIBUTE_OID, "values": [a_core.Any.load(seseal)]}
            )

    class Spec(GenericPdfSignedAttributeProviderSpec):
        def signed_attr_providers(self, *args: Any, **kwargs: Any) -> Any:
            yield from super().signed_attr_providers(*args, **kwargs)
            yield SealProvider()

    return lambda: Spec(
        attr_settings=PdfCMSSignedAttributes(),
        signing_cert=cert,
        signature_mechanism=lambda _md: _mechanism(),
        timestamper=None,
    )


def _mechanism() -> Any:
    from asn1crypto import algos

    return algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"})


def _external_signer(
    cert: a_x509.Certificate,
    chain: Sequence[a_x509.Certificate],
    signature: bytes,
    seal: bytes | None,
) -> Any:
    from pyhanko.sign.signers.pdf_cms import ExternalSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    signer = ExternalSigner(
        signing_cert=cert,
        cert_registry=SimpleCertificateStore.from_certs([cert, *chain]),
        signature_value=signature,
        signature_mechanism=_mechanism(),
    )
    signer.signed_attr_prov_spec = _seal_attr_spec(seal, cert)()
    return signer


def _slices(seal: SealImage, count: int) -> list[Any]:
    """The seal's image, or its ``count`` vertical slices, left to right."""
    from PIL import Image

    image = Image.open(io.BytesIO(seal.png))
    image.load()
    if count == 1:
        return [image]
    w = image.width
    return [
        image.crop((w * i // count, 0, w * (i + 1) // count, image.height)) for i in range(count)
    ]


def _stamp_annotation(writer: Any, box: SealBox, image: Any, name: str) -> None:
    """A print-only, locked stamp annotation showing ``image`` in ``box``."""
    from pyhanko.pdf_utils import generic, layout

    stamp = _stamp_style(image).create_stamp(
        writer, layout.BoxConstraints(box.x2 - box.x1, box.y2 - box.y1), {}
    )
    annot = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Stamp"),
            generic.NameObject("/Rect"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (box.x1, box.y1, box.x2, box.y2)]
            ),
            generic.NameObject("/F"): generic.NumberObject(4 | 128),  # Print, Locked
            generic.NameObject("/NM"): generic.TextStringObject(name),
            generic.NameObject("/AP"): generic.DictionaryObject(
                {generic.NameObject("/N"): stamp.register()}
            ),
        }
    )
    page_ref, _ = writer.find_page_for_modification(box.page - 1)
    writer.register_annotation(page_ref, writer.add_object(annot))


def _stamp_style(image: Any) -> Any:
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.stamp import StaticStampStyle

    return StaticStampStyle(
        background=PdfImage(image),
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(0, 0, 0, 0),
            inner_content_scaling=layout.InnerScaling.STRETCH_FILL,
        ),
    )


def prepare_seal(
    data: bytes,
    *,
    certificate: x509.Certificate | bytes,
    chain: Sequence[x509.Certificate | bytes],
    seal: SealImage,
    box: SealBox | Sequence[SealBox],
    field_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> PreparedSeal:
    """Round two of a seal session, on the RP: add a signature field at ``box`` whose
    appearance is the seal, reserve the signature, and build the signed attributes for the
    holder's ``certificate``. ``PreparedSeal.digest`` goes to the phone.

    Several boxes are the slices of a 骑缝章 (:class:`Straddle`): the first is the
    signature's widget, the others stamp annotations in the same revision, so the one
    signature covers every slice."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields
    from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner

    info = inspect_pdf(data, limits)
    boxes = [box] if isinstance(box, SealBox) else list(box)
    for b in boxes:
        if not 1 <= b.page <= info.page_count:
            raise PdfRefused("pdf_page_out_of_range", f"第 {b.page} 页不存在")
    if len(boxes) > 1 and info.signatures:
        # The slices are stamp annotations; added after a signature, validators (pyHanko's
        # diff policy, Acrobat) flag them as a change the earlier signature does not allow.
        raise PdfRefused(
            "pdf_straddle_after_signature", "骑缝章须在其他签章之前加盖（文件已有签名）"
        )
    images = _slices(seal, len(boxes))
    box = boxes[0]
    cert = _a_cert(certificate)
    chain_a = [_a_cert(c) for c in chain]
    name = field_name or f"mCertSeal{info.signatures + 1}"
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=True)
    for b, image in zip(boxes[1:], images[1:], strict=True):
        _stamp_annotation(writer, b, image, f"{name}-{b.slice_index + 1}")
    fields.append_signature_field(
        writer,
        fields.SigFieldSpec(
            sig_field_name=name,
            on_page=box.page - 1,
            box=(round(box.x1), round(box.y1), round(box.x2), round(box.y2)),
        ),
    )
    signer = _external_signer(cert, chain_a, bytes(72), seal.seseal)
    meta = PdfSignatureMetadata(
        field_name=name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
    )
    pdf_signer = PdfSigner(meta, signer=signer, stamp_style=_stamp_style(images[0]))

    async def go() -> tuple[Any, Any, Any, Any]:
        prep, _tbs, output = await pdf_signer.async_digest_doc_for_signing(
            writer, bytes_reserved=2 * (12288 + len(seal.seseal or b""))
        )
        attrs = await signer.signed_attrs(prep.document_digest, "sha256", use_pades=True)
        return prep, output, attrs, None

    prep, output, attrs, _ = _run(go())
    output.seek(0)
    return PreparedSeal(
        prepared_pdf=output.read(),
        document_digest=prep.document_digest,
        reserved_region_start=prep.reserved_region_start,
        reserved_region_end=prep.reserved_region_end,
        signed_attrs=attrs.dump(),
        certificate=cert.dump(),
        chain=[c.dump() for c in chain_a],
        field_name=name,
        source_sha256=info.sha256,
    )


TSAFunction = Callable[[bytes], bytes]
"""A time-stamping service: a DER ``TimeStampReq`` in, a DER ``TimeStampResp`` out (mCert's
``POST /pki/tsa``, or anything else RFC 3161)."""


def _timestamper(tsa: TSAFunction | None, preset_token: bytes | None) -> Any:
    from pyhanko.sign.timestamps.api import TimeStamper

    class Stamper(TimeStamper):
        async def async_timestamp(self, message_digest: bytes, md_algorithm: str) -> Any:
            if preset_token is not None:
                token = a_cms.ContentInfo.load(preset_token)
                tst = token["content"]["encap_content_info"]["content"].parsed
                if bytes(tst["message_imprint"]["hashed_message"]) != message_digest:
                    raise PdfRefused(
                        "timestamp_mismatch", "the timestamp is not over this signature"
                    )
                return token
            return await super().async_timestamp(message_digest, md_algorithm)

        async def async_request_tsa_response(self, req: a_tsp.TimeStampReq) -> Any:
            if tsa is None:
                raise PdfRefused("timestamp_unavailable", "no time-stamping service given")
            return a_tsp.TimeStampResp.load(tsa(req.dump()))

    return Stamper()


def finish_seal(
    prepared: PreparedSeal,
    signature: bytes,
    *,
    level: Level = "B-LT",
    timestamp_token: bytes | None = None,
    tsa: TSAFunction | None = None,
    ocsp: Sequence[bytes] = (),
    crls: Sequence[bytes] = (),
    extra_certs: Sequence[bytes] = (),
) -> bytes:
    """Embed the phone's ECDSA ``signature`` (DER) over ``prepared.digest``.

    ``B-T`` and above carry a signature timestamp: ``timestamp_token`` (the one mCert's seal
    result brings, over SHA-256 of the signature) or one asked of ``tsa``. ``B-LT`` adds a
    DSS with the chain, ``ocsp`` responses and ``crls`` (DER); ``B-LTA`` then a document
    timestamp from ``tsa``.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
    from pyhanko.sign.signers.pdf_signer import PdfTBSDocument, PdfTimeStamper
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    cert = a_x509.Certificate.load(prepared.certificate)
    chain = [a_x509.Certificate.load(c) for c in prepared.chain]
    signer = _external_signer(cert, chain, signature, None)
    attrs = a_cms.CMSAttributes.load(prepared.signed_attrs)
    stamper = _timestamper(tsa, timestamp_token) if level != "B-B" else None
    if level == "B-LTA" and tsa is None:
        raise PdfRefused("timestamp_unavailable", "B-LTA needs a time-stamping service")
    output = io.BytesIO(prepared.prepared_pdf)
    prep = PreparedByteRangeDigest(
        document_digest=prepared.document_digest,
        reserved_region_start=prepared.reserved_region_start,
        reserved_region_end=prepared.reserved_region_end,
    )

    async def go() -> None:
        cms = await signer.async_sign_prescribed_attributes(
            "sha256", signed_attrs=attrs, timestamper=stamper
        )
        await PdfTBSDocument.async_finish_signing(output, prep, cms)

    _run(go())
    data = output.getvalue()
    if level in ("B-LT", "B-LTA"):
        from pyhanko.pdf_utils.reader import PdfFileReader

        reader = PdfFileReader(io.BytesIO(data))
        sig = next(s for s in reader.embedded_signatures if s.field_name == prepared.field_name)
        tst_certs: list[a_x509.Certificate] = []
        signer_info = sig.signer_info
        unsigned = signer_info["unsigned_attrs"]
        if unsigned.native is not None:
            for attr in unsigned:
                if attr["type"].native == "signature_time_stamp_token":
                    for c in attr["values"][0]["content"]["certificates"]:
                        tst_certs.append(c.chosen)
        out = io.BytesIO(data)
        DocumentSecurityStore.add_dss(
            out,
            sig.pkcs7_content,
            certs=[cert, *chain, *tst_certs, *(a_x509.Certificate.load(c) for c in extra_certs)],
            ocsps=[a_ocsp.OCSPResponse.load(o) for o in ocsp],
            crls=[a_crl.CertificateList.load(c) for c in crls],
        )
        data = out.getvalue()
    if level == "B-LTA":
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        out = io.BytesIO()

        async def lta() -> None:
            await PdfTimeStamper(_timestamper(tsa, None)).async_timestamp_pdf(
                writer, "sha256", output=out
            )

        _run(lta())
        data = out.getvalue()
    return data


# --- the seal session (docs/pdf-sealing.md) ---------------------------------------------------

MAX_THUMBNAILS = 12


def session_document(
    data: bytes,
    boxes: Sequence[SealBox],
    *,
    label: str,
    limits: Limits = DEFAULT_LIMITS,
    thumbnail_width: int = 360,
) -> dict[str, Any]:
    """What a seal session carries to the phone (``Client.start_seal(document=…)``): the
    PDF's SHA-256 and page count, thumbnails of the pages the seals go on (the first page
    when none), and the seal boxes. The PDF itself stays here."""
    info = inspect_pdf(data, limits)
    pages = sorted({b.page for b in boxes})[:MAX_THUMBNAILS] or [1]
    thumbs = render_thumbnails(data, pages, width=thumbnail_width)
    return {
        "label": label,
        "sha256": info.sha256,
        "page_count": info.page_count,
        # The page size in points lets the phone draw the seal preview over a thumbnail:
        # a placement at x points is at x * thumbnail_width / width pixels.
        "thumbnails": [
            {
                "page": n,
                "png": _b64u(png),
                "width": info.page_sizes[n - 1][0],
                "height": info.page_sizes[n - 1][1],
            }
            for n, png in thumbs.items()
        ],
        "placements": [
            {"page": b.page, "x": b.x1, "y": b.y1, "width": b.x2 - b.x1, "height": b.y2 - b.y1}
            for b in boxes
        ],
    }


def _pem_certs(text: str) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(text.encode())


def selection_seal(selection: dict[str, Any]) -> SealImage:
    """The seal the holder chose, from a seal session's ``selection``."""
    return SealImage.from_seseal(_b64d(selection["seal"]["seseal"]))


def box_for_seal(box: SealBox, seal: SealImage) -> SealBox:
    """``box`` resized to the seal's own size, around the same centre (a 骑缝章 slice stays
    on its page's right edge)."""
    cx, cy = box.centre
    w, h = seal.width_mm * _MM, seal.height_mm * _MM
    if box.slice_count > 1:
        sw = w / box.slice_count
        return SealBox(
            box.page, box.x2 - sw, cy - h / 2, box.x2, cy + h / 2, box.slice_index, box.slice_count
        )
    return SealBox(box.page, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def prepare_for_selection(
    data: bytes,
    selection: dict[str, Any],
    box: SealBox | Sequence[SealBox],
    *,
    limits: Limits = DEFAULT_LIMITS,
    field_name: str | None = None,
) -> PreparedSeal:
    """Round two of a seal session: prepare ``data`` for the certificate and seal the holder
    chose (``SessionStatus.selection``); then ``Client.submit_digest(session_id,
    selection["selection_id"], prepared.digest)``."""
    [cert] = _pem_certs(selection["certificate"])
    chain = _pem_certs(selection["chain"])
    seal = selection_seal(selection)
    return prepare_seal(
        data,
        certificate=cert,
        chain=chain,
        seal=seal,
        box=(
            box_for_seal(box, seal)
            if isinstance(box, SealBox)
            else [box_for_seal(b, seal) for b in box]
        ),
        field_name=field_name,
        limits=limits,
    )


def finish_from_result(
    prepared: PreparedSeal,
    result: dict[str, Any],
    *,
    level: Level = "B-LT",
    crls: Sequence[bytes] = (),
    tsa: TSAFunction | None = None,
) -> bytes:
    """Embed a completed seal session's signature (``SessionStatus.result``): its timestamp
    makes B-T; its OCSP response and ``crls`` (mCert's ``/pki/crl/root.crl`` and
    ``issuing.crl``: ``Client.crl``) the DSS of B-LT; ``tsa`` (``Client.timestamp``) the
    document timestamp of B-LTA."""
    if _b64d(result["digest"]) != prepared.digest:
        raise PdfRefused("digest_mismatch", "the signed digest is not this prepared document's")
    shown = result.get("document", {}).get("sha256")
    if shown != prepared.source_sha256:
        raise PdfRefused(
            "document_mismatch", "the phone was shown another document than the one prepared"
        )
    return finish_seal(
        prepared,
        _b64d(result["signature"]),
        level=level,
        timestamp_token=_b64d(result["timestamp"]),
        tsa=tsa,
        ocsp=[_b64d(result["ocsp"])],
        crls=crls,
    )


# --- verification -------------------------------------------------------------------------


@dataclass(frozen=True)
class SealInfo:
    name: str
    es_id: str
    seal_type: int  # 1 单位印章, 2 个人印章
    kind: str | None  # mCert seal type (company_official, personal_signature, ...)


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: str  # subject CN
    signer_serial: str  # hex
    intact: bool  # the ByteRange digest and the signature over the signed attributes hold
    trusted: bool  # the chain leads to one of the given roots
    revocation_info: bool  # OCSP/CRL for the signer found in the DSS or the signature
    timestamp: datetime | None  # the signature timestamp's time, if any
    document_timestamp: bool  # a later document timestamp (B-LTA) covers it
    modification_level: str  # pyHanko's ModificationLevel name (NONE, LTA_UPDATES, FORM_FILLING…)
    changes_allowed: bool  # what was added after this signature is allowed (pyHanko's DocMDP)
    coverage: str  # ENTIRE_FILE, ENTIRE_REVISION, …
    page: int | None
    box: tuple[float, float, float, float] | None
    seal: SealInfo | None

    @property
    def valid(self) -> bool:
        return self.intact and self.trusted and self.changes_allowed


@dataclass(frozen=True)
class PdfReport:
    signatures: tuple[SignatureReport, ...]

    @property
    def valid(self) -> bool:
        return bool(self.signatures) and all(s.valid for s in self.signatures)


class _Anys(a_core.SequenceOf):  # type: ignore[misc]
    _child_spec = a_core.Any


def _decode_seseal(der: bytes) -> dict[str, Any]:
    """The parts of a GB/T 38540 SESeal the RP needs (docs/seals.md)."""
    try:
        seal = a_core.Sequence.load(der)
        info = a_core.Sequence.load(seal[0].dump())
        es_id = a_core.IA5String.load(info[1].dump()).native
        prop = a_core.Sequence.load(info[2].dump())
        seal_type = a_core.Integer.load(prop[0].dump()).native
        name = a_core.UTF8String.load(prop[1].dump()).native
        pic = a_core.Sequence.load(info[3].dump())
        png = a_core.OctetString.load(pic[1].dump()).native
        width = a_core.Integer.load(pic[2].dump()).native
        height = a_core.Integer.load(pic[3].dump()).native
        kind = None
        parts = _Anys.load(info.dump())
        if len(parts) > 4:
            ext_der = parts[4].dump()
            if ext_der[0] == 0xA0:  # [0] EXPLICIT, as some writers tag it
                ext_der = a_core.Any.load(ext_der).contents
            for ext in _Anys.load(ext_der):
                e = _Anys.load(ext.dump())
                if a_core.ObjectIdentifier.load(e[0].dump()).dotted == _EXT_SEAL_KIND_OID:
                    raw = a_core.OctetString.load(e[len(e) - 1].dump()).native
                    kind = a_core.UTF8String.load(raw).native
    except (ValueError, TypeError, IndexError, KeyError) as exc:
        raise PdfRefused("seal_malformed", "the seal data is not an SESeal") from exc
    return {
        "es_id": es_id,
        "seal_type": seal_type,
        "name": name,
        "png": png,
        "width_mm": width,
        "height_mm": height,
        "kind": kind,
    }


def verify_pdf(
    data: bytes,
    roots: Sequence[x509.Certificate | bytes],
    *,
    at: datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> PdfReport:
    """Validate every signature of ``data`` with pyHanko against ``roots``.

    Raises :class:`PdfRefused` for a document that cannot be read; a signature that does not
    hold is reported (``valid`` False) with what failed, so one bad signature does not hide
    the others.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko_certvalidator import ValidationContext

    if len(data) > limits.max_bytes:
        raise PdfRefused("pdf_too_large", f"文件超过 {limits.max_bytes // (1024 * 1024)} MB")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
    except Exception as exc:
        raise PdfRefused("pdf_malformed", f"PDF 文件结构损坏（{exc}）") from exc
    if reader.encrypted:
        raise PdfRefused("pdf_encrypted", "PDF 文件已加密")
    trust = [_a_cert(r) for r in roots]
    try:
        dss = DocumentSecurityStore.read_dss(reader)
        dss_certs = list(dss.load_certs())
        dss_ocsps = [a_ocsp.OCSPResponse.load(o.get_object().data) for o in dss.ocsps]
        dss_crls = [a_crl.CertificateList.load(c.get_object().data) for c in dss.crls]
    except Exception:  # no DSS
        dss_certs, dss_ocsps, dss_crls = [], [], []
    reports = []
    sigs = reader.embedded_signatures
    for sig in sigs:
        if sig.sig_object.get("/Type") == "/DocTimeStamp":
            continue
        vc_kwargs: dict[str, Any] = {
            "trust_roots": trust,
            "allow_fetching": False,
            "other_certs": dss_certs,
            "ocsps": dss_ocsps,
            "crls": dss_crls,
            "revocation_mode": "soft-fail",
        }
        if at is not None:
            vc_kwargs["moment"] = at
        vc = ValidationContext(**vc_kwargs)
        ts_vc = ValidationContext(**vc_kwargs)
        status = _run(
            async_validate_pdf_signature(
                sig, signer_validation_context=vc, ts_validation_context=ts_vc
            )
        )
        signer_cert = sig.signer_cert
        serial = signer_cert.serial_number
        revinfo = _has_revinfo(signer_cert, dss_ocsps, dss_crls)
        seal = None
        for attr in sig.signer_info["signed_attrs"]:
            if attr["type"].dotted == SEAL_ATTRIBUTE_OID:
                d = _decode_seseal(attr["values"][0].dump())
                seal = SealInfo(d["name"], d["es_id"], d["seal_type"], d["kind"])
        ts = status.timestamp_validity
        page, box = _widget(reader, sig)
        later_doc_ts = any(
            o.sig_object.get("/Type") == "/DocTimeStamp" and o.signed_revision > sig.signed_revision
            for o in sigs
        )
        reports.append(
            SignatureReport(
                field_name=sig.field_name,
                signer=signer_cert.subject.native.get("common_name", ""),
                signer_serial=format(serial, "x"),
                intact=bool(status.intact and status.valid),
                trusted=bool(status.trusted),
                revocation_info=revinfo,
                timestamp=ts.timestamp if ts is not None and ts.valid and ts.intact else None,
                document_timestamp=later_doc_ts,
                modification_level=(
                    status.modification_level.name if status.modification_level else "UNKNOWN"
                ),
                coverage=status.coverage.name if status.coverage else "UNKNOWN",
                changes_allowed=status.docmdp_ok is not False,
                page=page,
                box=box,
                seal=seal,
            )
        )
    return PdfReport(tuple(reports))


def _has_revinfo(cert: a_x509.Certificate, ocsps: list[Any], crls: list[Any]) -> bool:
    for o in ocsps:
        try:
            for r in o["response_bytes"]["response"].parsed["tbs_response_data"]["responses"]:
                if r["cert_id"]["serial_number"].native == cert.serial_number:
                    return True
        except (KeyError, ValueError, TypeError):
            continue
    return any(c.issuer == cert.issuer for c in crls)


def _widget(reader: Any, sig: Any) -> tuple[int | None, tuple[float, float, float, float] | None]:
    field = sig.sig_field
    try:
        page_ref = field.get("/P")
        rect = tuple(float(v) for v in field["/Rect"])
    except KeyError:
        return None, None
    if page_ref is None:
        return None, rect  # type: ignore[return-value]
    for i in range(int(reader.root["/Pages"]["/Count"])):
        ref, _ = reader.find_page_for_modification(i)
        if ref.idnum == page_ref.idnum:
            return i + 1, rect  # type: ignore[return-value]
    return None, rect  # type: ignore[return-value]
