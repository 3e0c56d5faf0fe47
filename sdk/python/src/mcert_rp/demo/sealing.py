"""投标文件签章 and 验章 for the demo platform (docs/pdf-sealing.md), with :mod:`mcert_rp.pdf`
only: the bid PDF stays here; each seal is one scan (one signature, an incremental update);
a worker thread per session answers the phone's choice with the digest.

Steps, in the order a paper bid is stamped: the 骑缝章 across all pages (it must come before
any other signature), the company seal on 投标人（盖章）, the legal representative's
signature on 法定代表人（签字）.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from cryptography import x509

from mcert_rp import Client, MCertRPError, SealStepRejected, SessionHandle
from mcert_rp import pdf as rp_pdf

BEIJING = timezone(timedelta(hours=8))
COMPANY_KEYWORD = "投标人（盖章）"
LEGAL_KEYWORD = "法定代表人（签字）"
SEAL_KINDS = (
    "company_official",
    "company_contract",
    "company_finance",
    "company_invoice",
    "personal_stamp",
    "personal_signature",
)
KIND_LABELS = {
    "company_official": "企业公章",
    "company_contract": "合同专用章",
    "company_finance": "财务专用章",
    "company_invoice": "发票专用章",
    "personal_stamp": "个人私章",
    "personal_signature": "个人手写签名",
}
MODIFICATION_LABELS = {
    "NONE": "签名后无修改",
    "LTA_UPDATES": "签名后仅追加长期验证信息（DSS、文档时间戳）",
    "FORM_FILLING": "签名后仅追加签名或填写表单",
    "ANNOTATIONS": "签名后有注释修改",
    "OTHER": "签名后有其他修改",
}


@dataclass(frozen=True)
class Step:
    label: str
    placement: rp_pdf.Placement
    kinds: tuple[str, ...]
    probe_mm: float  # the box's size until the chosen seal's own size is known


STEPS: dict[str, Step] = {
    "straddle": Step("骑缝章（全部页右侧边缘）", rp_pdf.Straddle(), ("company_official",), 40),
    "company": Step(
        f"企业公章：{COMPANY_KEYWORD}", rp_pdf.AtKeyword(COMPANY_KEYWORD), ("company_official",), 40
    ),
    "legal": Step(
        f"法定代表人签字：{LEGAL_KEYWORD}",
        rp_pdf.AtKeyword(LEGAL_KEYWORD),
        ("personal_signature", "personal_stamp"),
        20,
    ),
}


@dataclass
class BidPdf:
    """An uploaded bid PDF and its sealed versions (``current`` is the latest)."""

    id: str
    filename: str
    original: bytes
    current: bytes
    created: float = field(default_factory=time.time)
    sealed: list[str] = field(default_factory=list)  # the step labels done
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class SealRound:
    """One seal session: the version it seals and what the worker prepared."""

    pdf: BidPdf
    step: str
    source: bytes
    box: rp_pdf.SealBox | list[rp_pdf.SealBox]
    prepared: rp_pdf.PreparedSeal | None = None
    error: str | None = None
    done: threading.Event = field(default_factory=threading.Event)


def describe(data: bytes) -> dict[str, Any]:
    """Page count, hash, existing signatures and which keywords the bid has."""
    info = rp_pdf.inspect_pdf(data)
    found = {}
    for keyword in (COMPANY_KEYWORD, LEGAL_KEYWORD):
        try:
            rp_pdf.locate(data, [rp_pdf.AtKeyword(keyword)], rp_pdf.SealImage(b"", 20, 20), info)
            found[keyword] = True
        except rp_pdf.PdfRefused:
            found[keyword] = False
    return {
        "pages": info.page_count,
        "sha256": info.sha256,
        "signatures": info.signatures,
        "keywords": found,
    }


def start_round(
    client: Client, bid: BidPdf, step_name: str, kinds: list[str] | None
) -> tuple[SessionHandle, SealRound]:
    """Locate the step's placement on the latest version and start the seal session
    (raises :class:`mcert_rp.pdf.PdfRefused` with a Chinese message when it cannot)."""
    step = STEPS[step_name]
    source = bid.current
    info = rp_pdf.inspect_pdf(source)
    if isinstance(step.placement, rp_pdf.Straddle) and info.signatures:
        raise rp_pdf.PdfRefused(
            "pdf_straddle_after_signature",
            "文件已有签名，骑缝章须在其他印章之前加盖（请重新上传未签名的文件）",
        )
    probe = rp_pdf.SealImage(b"", step.probe_mm, step.probe_mm)
    boxes = rp_pdf.locate(source, [step.placement], probe, info)
    box: rp_pdf.SealBox | list[rp_pdf.SealBox] = (
        boxes if isinstance(step.placement, rp_pdf.Straddle) else boxes[0]
    )
    document = rp_pdf.session_document(source, boxes, label=bid.filename)
    handle = client.start_seal(
        display_text=f"投标文件签章：{step.label}"[:200],
        document=document,
        seal_kinds=kinds or list(step.kinds),
    )
    return handle, SealRound(bid, step_name, source, box)


def answer_choice(client: Client, handle: SessionHandle, job: SealRound) -> None:
    """The worker: wait for the holder's seal choice, prepare the PDF for it and send the
    digest. If the PDF cannot be prepared, the session is cancelled (the phone says so)."""
    try:
        for _ in range(5):  # the holder may choose again before the digest arrives
            status = client.wait_for_selection(handle.session_id, timeout=300)
            if status.selection is None:
                return
            job.prepared = rp_pdf.prepare_for_selection(job.source, status.selection, job.box)
            try:
                client.submit_digest(
                    handle.session_id, status.selection["selection_id"], job.prepared.digest
                )
                return
            except SealStepRejected as exc:
                if exc.code != "selection_changed":
                    raise
        raise MCertRPError("印章选择变化次数过多")
    except rp_pdf.PdfRefused as exc:
        job.error = exc.message
        try:
            client.cancel(handle.session_id)
        except MCertRPError:
            pass
    except MCertRPError as exc:  # the session ended or mCert refused: collect tells why
        job.error = str(exc)
    finally:
        job.done.set()


def finish_round(
    client: Client, job: SealRound, result: dict[str, Any], root: x509.Certificate
) -> dict[str, Any]:
    """Embed the phone's signature (B-LT: the session's timestamp and OCSP, mCert's CRLs),
    check the result with verify_pdf and make it the bid's latest version."""
    job.done.wait(30)
    if job.prepared is None:
        raise MCertRPError(job.error or "文件未准备好")
    sealed = rp_pdf.finish_from_result(
        job.prepared, result, level="B-LT", crls=[client.crl("root"), client.crl("issuing")]
    )
    report = rp_pdf.verify_pdf(sealed, [root])
    if not report.valid:
        raise MCertRPError("盖章后的文件未通过验章")
    with job.pdf.lock:
        if job.pdf.current is job.source:
            job.pdf.current = sealed
            job.pdf.sealed.append(STEPS[job.step].label)
    sig = report.signatures[-1]
    return {
        "step": job.step,
        "label": STEPS[job.step].label,
        "signer": sig.signer,
        "seal": _seal_text(sig.seal),
        "size": len(sealed),
        "sealed": list(job.pdf.sealed),
        "download": f"/api/pdfs/{job.pdf.id}/sealed",
    }


def _seal_text(seal: rp_pdf.SealInfo | None) -> str | None:
    if seal is None:
        return None
    kind = KIND_LABELS.get(seal.kind or "", "单位印章" if seal.seal_type == 1 else "个人印章")
    return f"{seal.name}（{kind}，印章编码 {seal.es_id}）"


def _yes(value: bool, yes: str, no: str) -> str:
    return yes if value else no


def _time(value: datetime | None) -> str:
    if value is None:
        return "无（签名不含时间戳）"
    return value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S (北京时间)")


def report_json(report: rp_pdf.PdfReport) -> dict[str, Any]:
    """验章 in Chinese: the verdict and, per signature, rows of [名称, 内容, 通过?]."""
    if not report.signatures:
        return {"valid": False, "text": "验章未通过：文件中没有数字签名", "signatures": []}
    sigs = []
    for n, s in enumerate(report.signatures, 1):
        rows: list[tuple[str, str, bool | None]] = [
            ("签名域", s.field_name, None),
            ("签章人", s.signer, None),
            ("证书序列号", s.signer_serial, None),
            ("印章", _seal_text(s.seal) or "无（非 mCert 印章签名）", None),
            ("位置", f"第 {s.page} 页" if s.page else "不可见签名", None),
            (
                "文件完整性",
                _yes(s.intact, "签名后未被篡改", "签名后的内容被修改或签名无效"),
                s.intact,
            ),
            ("证书链", _yes(s.trusted, "可信（链至 mCert 根证书）", "不可信"), s.trusted),
            ("签名时间戳", _time(s.timestamp), s.timestamp is not None),
            (
                "吊销信息",
                _yes(s.revocation_info, "已嵌入（OCSP/CRL）", "未嵌入"),
                s.revocation_info,
            ),
            ("文档时间戳", _yes(s.document_timestamp, "有（长期验证 B-LTA）", "无"), None),
            (
                "修改级别",
                MODIFICATION_LABELS.get(s.modification_level, s.modification_level),
                s.changes_allowed,
            ),
        ]
        sigs.append(
            {
                "title": f"签名 {n}：{_yes(s.valid, '有效', '无效')}",
                "valid": s.valid,
                "rows": [list(r) for r in rows],
            }
        )
    if report.valid:
        text = f"验章通过：{len(sigs)} 个签名全部有效"
    else:
        bad = sum(not s.valid for s in report.signatures)
        text = f"验章未通过：{bad} 个签名无效（共 {len(sigs)} 个）"
    return {"valid": report.valid, "text": text, "signatures": sigs}
