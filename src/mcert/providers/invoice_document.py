"""The 数电票 layout: a PDF (fpdf2, a CJK font embedded, a QR code) and the matching XML.

Used by the sandbox invoice service, which must produce what a real one would: a full
electronic invoice a holder can open, forward and book. Pure rendering: no database.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from mcert.money import yuan_capitals, yuan_figures
from mcert.providers.invoice import (
    ITEM_NAME,
    KIND_LABELS,
    TAX_RATE_PERCENT,
    InvoiceKind,
    Party,
    split_tax,
)

#: Looked for in this order; ``MCERT_CJK_FONT`` names another file.
CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


class CJKFontMissing(RuntimeError):
    """No font with Chinese glyphs: an invoice without them would be unreadable."""


def find_cjk_font() -> Path:
    named = os.environ.get("MCERT_CJK_FONT")
    for candidate in ([named] if named else []) + list(CJK_FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise CJKFontMissing(
        "no CJK font found for invoice PDFs: install fonts-wqy-microhei "
        f"(looked for {', '.join(CJK_FONT_CANDIDATES)}) or set MCERT_CJK_FONT"
    )


@dataclass(frozen=True)
class DocumentLine:
    name: str
    quantity: int
    amount_fen: int  # tax included; negative on a red-letter invoice


@dataclass(frozen=True)
class InvoiceDocument:
    invoice_no: str
    issued_at: datetime  # local (Beijing) time as printed
    kind: InvoiceKind
    buyer: Party
    seller: Party
    lines: tuple[DocumentLine, ...]
    drawer: str = "系统开票"
    remark: str = ""
    red_of: str | None = None  # the original invoice number on a red-letter invoice

    @property
    def total_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)

    @property
    def title(self) -> str:
        return "电子发票（" + KIND_LABELS[self.kind] + "）"


def _qr_png(doc: InvoiceDocument) -> bytes:
    # The tax bureau's QR payload: version, kind, number, date, amount before tax, check.
    net, _ = split_tax(doc.total_fen)
    payload = ",".join(
        [
            "01",
            "32" if doc.kind is InvoiceKind.NORMAL else "31",
            "",
            doc.invoice_no,
            f"{net / 100:.2f}",
            doc.issued_at.strftime("%Y%m%d"),
            "",
            doc.invoice_no[-4:],
        ]
    )
    # ~0.1 s with Pillow: imported when an invoice is rendered, not on every start
    import qrcode  # type: ignore[import-untyped]

    image = qrcode.make(payload, box_size=4, border=1)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def render_pdf(doc: InvoiceDocument) -> bytes:
    from fpdf import FPDF  # ~0.3 s (fontTools, numpy): imported by the one call that renders

    pdf = FPDF(orientation="L", unit="mm", format=(140, 240))
    pdf.set_auto_page_break(False)
    pdf.set_creator("mCert sandbox e-invoice")
    pdf.set_title(f"{doc.title} {doc.invoice_no}")
    pdf.add_font("cjk", "", str(find_cjk_font()))
    pdf.add_page()
    red = (178, 34, 34)
    pdf.set_text_color(*red)
    pdf.set_draw_color(*red)

    pdf.image(io.BytesIO(_qr_png(doc)), x=10, y=8, w=22, h=22)
    pdf.set_font("cjk", size=18)
    pdf.set_xy(60, 10)
    pdf.cell(120, 10, doc.title, align="C")
    if doc.red_of:
        pdf.set_font("cjk", size=10)
        pdf.set_xy(60, 20)
        pdf.cell(120, 6, "（红字）", align="C")
    pdf.set_font("cjk", size=9)
    pdf.set_xy(170, 12)
    pdf.cell(60, 5, f"发票号码：{doc.invoice_no}")
    pdf.set_xy(170, 18)
    pdf.cell(60, 5, f"开票日期：{doc.issued_at:%Y年%m月%d日}")

    # Buyer | seller
    top = 34
    pdf.rect(10, top, 220, 24)
    pdf.line(120, top, 120, top + 24)
    for left, label, party in ((12, "购买方信息", doc.buyer), (122, "销售方信息", doc.seller)):
        pdf.set_xy(left, top + 2)
        pdf.cell(100, 5, label)
        pdf.set_xy(left, top + 8)
        pdf.cell(100, 5, f"名称：{party.name}")
        pdf.set_xy(left, top + 14)
        pdf.cell(100, 5, f"统一社会信用代码/纳税人识别号：{party.tax_no or ''}")
        extra = " ".join(p for p in (party.address, party.phone, party.bank, party.account) if p)
        if extra:
            pdf.set_xy(left, top + 19)
            pdf.set_font("cjk", size=7)
            pdf.cell(100, 4, extra[:70])
            pdf.set_font("cjk", size=9)

    # Items
    top = 60
    widths: tuple[float, ...] = (58, 20, 16, 28, 32, 18, 30)
    heads = ("项目名称", "单位", "数量", "单价", "金额", "税率", "税额")
    pdf.rect(10, top, 220, 44)
    x: float = 12.0
    for w, h in zip(widths, heads, strict=True):
        pdf.set_xy(x, top + 2)
        pdf.cell(w, 5, h)
        x += w
    y = top + 9
    for line in doc.lines:
        net, tax = split_tax(line.amount_fen)
        unit = net / line.quantity / 100 if line.quantity else 0
        cells = (
            f"*信息技术服务*{line.name}",
            "项",
            str(line.quantity),
            f"{unit:.2f}",
            yuan_figures(net),
            f"{TAX_RATE_PERCENT}%",
            yuan_figures(tax),
        )
        x = 12.0
        for w, c in zip(widths, cells, strict=True):
            pdf.set_xy(x, y)
            pdf.cell(w, 5, c)
            x += w
        y += 6
    net, tax = split_tax(doc.total_fen)
    pdf.set_xy(12, top + 36)
    pdf.cell(80, 5, "合计")
    pdf.set_xy(12 + sum(widths[:4]), top + 36)
    pdf.cell(widths[4], 5, f"¥{yuan_figures(net)}")
    pdf.set_xy(12 + sum(widths[:6]), top + 36)
    pdf.cell(widths[6], 5, f"¥{yuan_figures(tax)}")

    # Totals
    top = 104
    pdf.rect(10, top, 220, 10)
    pdf.set_xy(12, top + 2.5)
    pdf.cell(120, 5, f"价税合计（大写）  {yuan_capitals(doc.total_fen)}")
    pdf.set_xy(160, top + 2.5)
    pdf.cell(60, 5, f"（小写）¥{yuan_figures(doc.total_fen)}")

    # Remarks
    top = 114
    pdf.rect(10, top, 220, 14)
    pdf.set_xy(12, top + 2)
    remark = doc.remark
    if doc.red_of:
        remark = f"被红冲蓝字数电发票号码：{doc.red_of} " + remark
    pdf.cell(200, 5, f"备注：{remark}"[:110])
    pdf.set_xy(12, 131)
    pdf.cell(100, 5, f"开票人：{doc.drawer}")
    return bytes(pdf.output())


def render_xml(doc: InvoiceDocument) -> bytes:
    """The structured twin of the PDF (element names follow the 数电票 XML's spirit)."""
    root = ET.Element("EInvoice")
    head = ET.SubElement(root, "Header")
    ET.SubElement(head, "EIid").text = doc.invoice_no
    ET.SubElement(head, "InvoiceType").text = doc.kind.value
    ET.SubElement(head, "IssueTime").text = doc.issued_at.strftime("%Y-%m-%d %H:%M:%S")
    if doc.red_of:
        ET.SubElement(head, "RedInvoiceOf").text = doc.red_of
    for tag, party in (("BuyerInformation", doc.buyer), ("SellerInformation", doc.seller)):
        node = ET.SubElement(root, tag)
        ET.SubElement(node, "Name").text = party.name
        ET.SubElement(node, "IdNum").text = party.tax_no or ""
        for sub, value in (
            ("Addr", party.address),
            ("Tel", party.phone),
            ("BankName", party.bank),
            ("BankAccNum", party.account),
        ):
            if value:
                ET.SubElement(node, sub).text = value
    items = ET.SubElement(root, "IssuItemInformation")
    for line in doc.lines:
        net, tax = split_tax(line.amount_fen)
        item = ET.SubElement(items, "Item")
        ET.SubElement(item, "ItemName").text = f"*信息技术服务*{line.name}"
        ET.SubElement(item, "Quantity").text = str(line.quantity)
        ET.SubElement(item, "Amount").text = f"{net / 100:.2f}"
        ET.SubElement(item, "TaxRate").text = f"{TAX_RATE_PERCENT / 100:.2f}"
        ET.SubElement(item, "TaxAmount").text = f"{tax / 100:.2f}"
    net, tax = split_tax(doc.total_fen)
    totals = ET.SubElement(root, "TaxSupervisionInfo")
    ET.SubElement(totals, "TotalAmWithoutTax").text = f"{net / 100:.2f}"
    ET.SubElement(totals, "TotalTaxAm").text = f"{tax / 100:.2f}"
    ET.SubElement(totals, "TotalTax-includedAmount").text = f"{doc.total_fen / 100:.2f}"
    ET.SubElement(totals, "TotalTax-includedAmountInChinese").text = yuan_capitals(doc.total_fen)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


__all__ = [
    "ITEM_NAME",
    "CJKFontMissing",
    "DocumentLine",
    "InvoiceDocument",
    "find_cjk_font",
    "render_pdf",
    "render_xml",
]
