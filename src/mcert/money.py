"""Money amounts as people read them: yuan figures and Chinese capitals (大写金额).

Amounts are integer fen everywhere in mCert; this module only formats them. Pure: no
database, no settings.
"""

from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
# Sections of four digits: 个, 万, 亿 (below a trillion yuan: any amount we will invoice).
_SECTIONS = ("", "万", "亿")


def yuan_figures(fen: int) -> str:
    """``100500`` → ``1,005.00`` (two decimals, thousands separated)."""
    if fen < 0:
        return "-" + yuan_figures(-fen)
    return f"{fen // 100:,}.{fen % 100:02d}"


def _section(value: int) -> str:
    """A section of up to four digits (1..9999) without its unit: 1005 → 壹仟零伍."""
    out: list[str] = []
    zero = False
    for place in range(3, -1, -1):
        d = value // 10**place % 10
        if d == 0:
            zero = bool(out)  # a zero after a written digit, remembered until a nonzero one
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIGITS[d] + _PLACES[place])
    return "".join(out)


def yuan_capitals(fen: int) -> str:
    """The amount in Chinese capitals as written on invoices and cheques.

    ``10000`` → 壹佰元整, ``100550`` → 壹仟零伍元伍角, ``1000008`` → 壹万元零捌分,
    ``5`` → 伍分. Following the rules of 《支付结算办法》: 整 after 元 when there are no jiao
    or fen, none after 角 or 分; one 零 stands for any run of zeros between written digits;
    10 is 壹拾 (an invoice total never starts with a bare 拾). Negative amounts (red-letter
    invoices) are prefixed 负.
    """
    if fen < 0:
        return "负" + yuan_capitals(-fen)
    yuan, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    if yuan >= 10 ** (4 * len(_SECTIONS)):
        raise ValueError("amount too large")
    parts: list[str] = []
    pending_zero = False
    sections = [yuan // 10 ** (4 * i) % 10000 for i in range(len(_SECTIONS))]
    for i in range(len(_SECTIONS) - 1, -1, -1):
        value = sections[i]
        if value == 0:
            pending_zero = pending_zero or bool(parts)
            continue
        if parts and (pending_zero or value < 1000):
            parts.append("零")
        parts.append(_section(value) + _SECTIONS[i])
        pending_zero = False
    integer = "".join(parts)
    if jiao == 0 and cents == 0:
        return (integer or "零") + "元整"
    head = integer + "元" if integer else ""
    if jiao:
        tail = DIGITS[jiao] + "角" + (DIGITS[cents] + "分" if cents else "")
    else:
        tail = ("零" if integer else "") + DIGITS[cents] + "分"
    return head + tail
