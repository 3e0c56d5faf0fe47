"""Text a person reads is what it looks like (mcert.text, issue 9 item 9)."""

from __future__ import annotations

import unicodedata
from typing import Annotated

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from mcert.text import (
    MAX_COMBINING_RUN,
    DisplayText,
    Text,
    TextInvalid,
    clean_company_name,
    clean_text,
    forbidden_char,
)

FORBIDDEN = [
    "\x00",  # NUL
    "\x1b",  # ESC: terminal escape sequences
    "\x07",
    "\x7f",  # DEL
    "\x85",  # C1 NEL
    "\x9b",  # C1 CSI
    "\u00ad",  # soft hyphen
    "\u061c",  # Arabic letter mark
    "\u200b",  # zero width space
    "\u200c",
    "\u200d",
    "\u200e",  # LRM
    "\u200f",  # RLM
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u2028",  # line separator
    "\u2029",
    "\u2060",  # word joiner
    "\u2066",  # bidi isolates
    "\u2067",
    "\u2068",
    "\u2069",
    "\u206f",
    "\u3164",  # Hangul filler
    "\u2800",  # braille blank
    "\ufe0f",  # variation selector
    "\ufeff",  # BOM / zero width no-break space
    "\ufff9",  # interlinear annotation
    "\ue000",  # private use
    "\U000e0041",  # tag LATIN CAPITAL LETTER A
    "\U000e0100",  # variation selector supplement
    "\ud800",  # lone surrogate
    "\uffff",  # noncharacter
]


@pytest.mark.parametrize("ch", FORBIDDEN, ids=[f"U+{ord(c):04X}" for c in FORBIDDEN])
def test_invisible_and_control_characters_are_refused(ch: str) -> None:
    with pytest.raises(TextInvalid) as exc:
        clean_text(f"同意签署{ch}合同", max_length=200, field="display_text")
    assert exc.value.code == "text_invalid"
    assert exc.value.details == {"reason": "control", "field": "display_text"}
    assert ch not in exc.value.message


def test_the_classic_spoof_is_refused() -> None:
    # "投标文件‮fdp.exe" renders as "投标文件exe.pdf"
    with pytest.raises(TextInvalid):
        clean_text("投标文件\u202efdp.exe", max_length=100)


def test_white_space_is_collapsed_not_refused() -> None:
    assert clean_text("  登录\t某某\n平台\u3000 ", max_length=20) == "登录 某某 平台"
    assert clean_text("a\r\n\r\nb  c", max_length=20, multiline=True) == "a\n\nb c"


def test_nfc_and_nfkc() -> None:
    assert clean_text("e\u0301", max_length=5) == "\u00e9"
    assert clean_company_name("（北京）ＡＢＣ科技有限公司") == "(北京)ABC科技有限公司"


def test_length_is_bounded_after_normalising() -> None:
    assert clean_text("字" * 200, max_length=200) == "字" * 200
    for text in ("字" * 201, "x" * 10_000):
        with pytest.raises(TextInvalid) as exc:
            clean_text(text, max_length=200)
        assert exc.value.details["reason"] == "length"
    with pytest.raises(TextInvalid):
        clean_text("   ", max_length=10)
    with pytest.raises(TextInvalid):
        clean_company_name("某")
    with pytest.raises(TextInvalid):
        clean_company_name("某" * 65)


def test_stacked_combining_marks_are_refused() -> None:
    assert clean_text("a" + "\u0301" * MAX_COMBINING_RUN, max_length=10, form="NFC")
    with pytest.raises(TextInvalid) as exc:
        clean_text("a" + "\u0301\u0302\u0303\u0304\u0305", max_length=10)
    assert exc.value.details["reason"] == "combining"


def test_ordinary_text_passes() -> None:
    for text in (
        "登录某某公共资源交易平台",
        "签署《投标文件（第一卷）》 v2.pdf",
        "Zürich AG — 100% 合格",
        "𠮷野家",  # extension B
        "😀 ok",
    ):
        assert clean_text(text, max_length=100) == unicodedata.normalize("NFC", text)


class Form(BaseModel):
    display_text: DisplayText
    label: Annotated[str, Text(10, min_length=2)] | None = None


def test_pydantic_type_reports_the_field_and_code() -> None:
    with pytest.raises(ValidationError) as exc:
        Form(display_text="a\u202eb")
    [err] = exc.value.errors()
    assert err["loc"] == ("display_text",)
    error = err["ctx"]["error"]
    assert isinstance(error, TextInvalid)
    assert error.details["field"] == "display_text"
    assert Form(display_text=" 登录 ", label=None).display_text == "登录"
    schema = Form.model_json_schema()["properties"]
    assert schema["display_text"]["maxLength"] == 200
    assert schema["label"]["anyOf"][0] == {"type": "string", "maxLength": 10, "minLength": 2}


@given(st.text(max_size=60), st.booleans(), st.sampled_from(["NFC", "NFKC"]))
def test_no_accepted_text_contains_a_forbidden_character(
    text: str, multiline: bool, form: str
) -> None:
    try:
        out = clean_text(text, max_length=40, multiline=multiline, form=form)  # type: ignore[arg-type]
    except TextInvalid:
        return
    assert not any(forbidden_char(c, multiline=multiline) for c in out)
    assert "\x00" not in out
    assert 1 <= len(out) <= 40
    assert out == unicodedata.normalize(form, out)
    assert out == out.strip()
    out.encode("utf-8")  # storable in any database


@given(
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["Lo", "Ll", "Lu", "Nd", "P", "Zs"]),
        min_size=1,
        max_size=30,
    )
)
def test_visible_text_is_accepted_unchanged_but_for_spaces(text: str) -> None:
    expected = " ".join(unicodedata.normalize("NFC", text).split())
    if not expected or any(forbidden_char(c) for c in expected):
        return  # unassigned in this Python's Unicode tables, or nothing but spaces
    assert clean_text(text, max_length=30) == expected


@pytest.mark.parametrize("bad", ["张三\u202e", "某\u200b公司", "a\x00b", "x\x1b[0m"])
def test_certificate_subjects_refuse_invisible_characters(bad: str) -> None:
    from mcert.pki.issue import SubjectInfo

    with pytest.raises(ValidationError, match="control, bidi or invisible"):
        SubjectInfo(common_name=bad)
    with pytest.raises(ValidationError, match="control, bidi or invisible"):
        SubjectInfo(common_name="张三", organization=bad)
