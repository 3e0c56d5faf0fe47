"""The sandbox's 数电票 PDF and XML, rendered without a database."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from mcert.providers import invoice_document
from mcert.providers.invoice import InvoiceKind, Party, split_tax
from mcert.providers.invoice_document import (
    CJKFontMissing,
    DocumentLine,
    InvoiceDocument,
    render_pdf,
    render_xml,
)

DOC = InvoiceDocument(
    invoice_no="26111012345678901234",
    issued_at=datetime(2026, 12, 2, 10, 30),
    kind=InvoiceKind.SPECIAL,
    buyer=Party("北京数安招标代理有限公司", "91110108MA01AN8D7R", "北京市海淀区", "010-1"),
    seller=Party("北京数安信证书服务有限公司", "911101089999999902"),
    lines=(DocumentLine("数字证书服务费", 2, 100550),),
)


def test_tax_is_split_at_six_percent() -> None:
    assert split_tax(10600) == (10000, 600)
    assert split_tax(10000) == (9434, 566)
    net, tax = split_tax(100550)
    assert net + tax == 100550


def test_pdf_text(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "i.pdf"
    path.write_bytes(render_pdf(DOC))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    for expected in (
        "电子发票（增值税专用发票）",
        "26111012345678901234",
        "2026年12月02日",
        "北京数安招标代理有限公司",
        "91110108MA01AN8D7R",
        "北京数安信证书服务有限公司",
        "数字证书服务费",
        "6%",
        "壹仟零伍元伍角",
        "¥1,005.50",
        "¥948.58",  # before tax
        "¥56.92",  # tax
    ):
        assert expected in text, expected


def test_pdf_embeds_the_font() -> None:
    pdf = render_pdf(DOC)
    assert b"/FontFile2" in pdf


def test_xml_matches() -> None:
    root = ET.fromstring(render_xml(DOC))
    assert root.findtext("Header/EIid") == DOC.invoice_no
    assert root.findtext("BuyerInformation/IdNum") == "91110108MA01AN8D7R"
    assert root.findtext("TaxSupervisionInfo/TotalTax-includedAmount") == "1005.50"
    assert root.findtext("TaxSupervisionInfo/TotalTax-includedAmountInChinese") == "壹仟零伍元伍角"


def test_no_cjk_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MCERT_CJK_FONT", raising=False)
    monkeypatch.setattr(invoice_document, "CJK_FONT_CANDIDATES", ("/nonexistent/font.ttc",))
    with pytest.raises(CJKFontMissing, match="fonts-wqy-microhei"):
        render_pdf(DOC)
