"""Chinese capitals (大写金额) against a reference written differently: digit by digit with
its place name, then the zeros collapsed by rewriting rules, as done by hand."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcert.money import yuan_capitals, yuan_figures

_D = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ((10**8, "亿"), (10**4, "万"), (1000, "仟"), (100, "佰"), (10, "拾"))


def _ref_integer(n: int) -> str:
    """Recursive by magnitude: the head in its unit, then the rest, with one 零 when the
    rest is shorter than the unit's next lower place."""
    for size, unit in _UNITS:
        if n >= size:
            head, rest = divmod(n, size)
            if not rest:
                return _ref_integer(head) + unit
            gap = "零" if rest < size // 10 else ""
            return _ref_integer(head) + unit + gap + _ref_integer(rest)
    return _D[n]


def reference(fen: int) -> str:
    yuan, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    integer = _ref_integer(yuan) if yuan else ""
    if jiao == 0 and cents == 0:
        return (integer or "零") + "元整"
    out = integer + "元" if integer else ""
    if jiao:
        out += _D[jiao] + "角"
    elif integer:
        out += "零"
    return out + (_D[cents] + "分" if cents else "")


@pytest.mark.parametrize(
    ("fen", "capitals"),
    [
        (10000, "壹佰元整"),
        (100550, "壹仟零伍元伍角"),
        (1000008, "壹万元零捌分"),
        (5, "伍分"),
        (50, "伍角"),
        (0, "零元整"),
        (1000, "壹拾元整"),
        (105, "壹元零伍分"),
        (1050000, "壹万零伍佰元整"),
        (10001000, "壹拾万零壹拾元整"),
        (10000000000, "壹亿元整"),
        (10001000000, "壹亿零壹万元整"),
        (10000000100, "壹亿零壹元整"),
        (123456789, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
        (-10000, "负壹佰元整"),
        (100000000000000 - 1, "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_known_amounts(fen: int, capitals: str) -> None:
    assert yuan_capitals(fen) == capitals


@given(st.integers(min_value=0, max_value=10**14 - 1))
def test_matches_the_reference(fen: int) -> None:
    assert yuan_capitals(fen) == reference(fen)


@given(st.sampled_from([0, 1, 10, 100, 1000, 10**4, 10**5, 10**8, 10**9, 10**11]))
def test_matches_the_reference_on_round_amounts(yuan: int) -> None:
    for fen in (yuan * 100, yuan * 100 + 5, yuan * 100 + 50, yuan * 100 + 8):
        assert yuan_capitals(fen) == reference(fen)


@given(st.integers(min_value=0, max_value=10**14 - 1))
def test_only_capital_characters(fen: int) -> None:
    assert re.fullmatch("[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+", yuan_capitals(fen))


def test_figures() -> None:
    assert yuan_figures(100550) == "1,005.50"
    assert yuan_figures(1000008) == "10,000.08"
    assert yuan_figures(5) == "0.05"


def test_a_trillion_yuan_is_refused() -> None:
    with pytest.raises(ValueError, match="too large"):
        yuan_capitals(10**14)
