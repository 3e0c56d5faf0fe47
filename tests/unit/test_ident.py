"""Chinese identifier validators and generators (mcert.ident)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcert.errors import InvalidInput
from mcert.ident import (
    PROVINCE_CODES,
    USCC_CHARSET,
    BankCardInvalid,
    PhoneInvalid,
    ResidentIDInvalid,
    SMSCodeInvalid,
    USCCInvalid,
    make_bank_card,
    make_mobile,
    make_resident_id,
    make_uscc,
    parse_resident_id,
    resident_id_check_char,
    uscc_check_char,
    validate_bank_card,
    validate_mobile,
    validate_resident_id,
    validate_sms_code,
    validate_uscc,
)
from mcert.providers.realname import validate_person_name

TODAY = date(2026, 11, 29)

provinces = st.sampled_from(sorted(PROVINCE_CODES))
regions = st.builds(lambda p, n: f"{p}{n:04d}", provinces, st.integers(0, 9999))
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
seqs = st.integers(0, 999)


def reason(exc: pytest.ExceptionInfo[InvalidInput]) -> object:
    return exc.value.details.get("reason")


# --------------------------------------------------------------------------- mobile


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13800138000", "13800138000"),
        ("  19912345678\n", "19912345678"),
        ("+8613800138000", "13800138000"),
        ("+86 15012345678", "15012345678"),
        ("+86 139 1234 5678", "13912345678"),
        ("139-1234-5678", "13912345678"),
        ("+86-139-1234-5678", "13912345678"),
        ("(+86) 139.1234.5678", "13912345678"),
        ("0086 139 1234 5678", "13912345678"),
        ("8613800138000", "13800138000"),  # 86 + eleven digits: nothing to guess
        ("１３８００１３８０００", "13800138000"),  # full-width digits
        ("＋８６　１３８－００１３－８０００", "13800138000"),  # full-width +, space, hyphen
        ("138 0013 8000", "13800138000"),
    ],
)
def test_mobile_accepts(raw: str, expected: str) -> None:
    assert validate_mobile(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "1380013800",  # 10 digits
        "138001380000",  # 12 digits
        "12800138000",  # 12x is not a mobile prefix
        "861380013800",  # 86 + ten digits: not guessed
        "+86 1380013800",
        "+8513800138000",
        "+1 3800138000",
        "+86+13800138000",
        "1380013800a",
        "138/0013/8000",
        "٣٨٠٠١٣٨٠٠٠١",  # Arabic-Indic digits are not folded by NFKC
        "138" + "\u200b" + "00138000",
    ],
)
def test_mobile_rejects(raw: str) -> None:
    with pytest.raises(PhoneInvalid) as exc:
        validate_mobile(raw)
    assert exc.value.code == "phone_invalid"
    assert exc.value.message == "请输入正确的手机号"
    assert isinstance(exc.value, InvalidInput)


@given(st.sampled_from("3456789"), st.integers(0, 10**9 - 1))
def test_make_mobile_always_valid(second: str, seq: int) -> None:
    number = make_mobile("1" + second, seq)
    assert validate_mobile(number) == number


def test_make_mobile_rejects_overflow() -> None:
    with pytest.raises(ValueError, match="11-digit"):
        make_mobile("138", 10**8)


# --------------------------------------------------------------------------- resident ID


def test_gb11643_standard_example() -> None:
    rid = parse_resident_id("11010519491231002X", today=TODAY)
    assert rid.number == "11010519491231002X"
    assert rid.region_code == "110105"
    assert rid.birth_date == date(1949, 12, 31)
    assert rid.sex == "F"  # 17th digit 2 is even
    assert str(rid) == "11010519491231002X"


def test_lowercase_x_and_whitespace_are_normalised() -> None:
    assert validate_resident_id(" 11010519491231002x ", today=TODAY) == "11010519491231002X"
    assert validate_resident_id("110105 19491231 002X", today=TODAY) == "11010519491231002X"
    assert (
        validate_resident_id("１１０１０５１９４９１２３１００２ｘ", today=TODAY)
        == "11010519491231002X"
    )


def test_male_from_odd_sequence_digit() -> None:
    number = make_resident_id("440305", date(1985, 6, 15), seq=123)
    assert parse_resident_id(number, today=TODAY).sex == "M"


def test_check_char_table() -> None:
    assert resident_id_check_char("11010519491231002") == "X"
    assert resident_id_check_char("44030519850615123") in "0123456789X"


@given(regions, births, seqs)
def test_generated_resident_ids_validate(region: str, birth: date, seq: int) -> None:
    number = make_resident_id(region, birth, seq)
    rid = parse_resident_id(number, today=TODAY)
    assert rid.number == number
    assert rid.region_code == region
    assert rid.birth_date == birth
    assert rid.sex == ("M" if seq % 2 else "F")


@given(regions, births, seqs, st.sampled_from(["M", "F"]))
def test_generator_honours_sex(region: str, birth: date, seq: int, sex: str) -> None:
    if seq == 999 and sex == "F":
        seq = 998
    number = make_resident_id(region, birth, seq, sex="M" if sex == "M" else "F")
    assert parse_resident_id(number, today=TODAY).sex == sex


@given(regions, births, seqs, st.data())
def test_any_other_check_char_fails(
    region: str, birth: date, seq: int, data: st.DataObject
) -> None:
    number = make_resident_id(region, birth, seq)
    wrong = data.draw(st.sampled_from([c for c in "0123456789X" if c != number[-1]]))
    with pytest.raises(ResidentIDInvalid) as exc:
        validate_resident_id(number[:-1] + wrong, today=TODAY)
    assert reason(exc) == "checksum"
    assert exc.value.code == "id_number_invalid"


@given(regions, births, seqs, st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_fails(
    region: str, birth: date, seq: int, pos: int, delta: int
) -> None:
    number = make_resident_id(region, birth, seq)
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    with pytest.raises(ResidentIDInvalid):
        validate_resident_id(changed, today=TODAY)


@pytest.mark.parametrize(
    ("raw", "why", "message"),
    [
        ("1101051949123100", "length", "身份证号码应为18位"),
        ("11010519491231002X1", "length", "身份证号码应为18位"),
        ("1101051949123100XX", "format", "身份证号码格式不正确"),
        ("11010519491231A02X", "format", "身份证号码格式不正确"),
        ("91010519491231002X", "region", "身份证号码中的地区代码不正确"),
        ("11010519490231002X", "birth_date", "身份证号码中的出生日期不正确"),
        ("11010519491231003X", "checksum", "身份证号码校验位不正确，请检查是否输入有误"),
    ],
)
def test_resident_id_rejections(raw: str, why: str, message: str | None) -> None:
    with pytest.raises(ResidentIDInvalid) as exc:
        validate_resident_id(raw, today=TODAY)
    assert reason(exc) == why
    if message:
        assert exc.value.message == message


def _with_check(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


@pytest.mark.parametrize(
    "prefix", ["00", "10", "16", "20", "39", "47", "60", "66", "72", "84", "91"]
)
def test_unknown_province_prefix_rejected(prefix: str) -> None:
    with pytest.raises(ResidentIDInvalid) as exc:
        validate_resident_id(_with_check(f"{prefix}010119900101001"), today=TODAY)
    assert reason(exc) == "region"
    assert exc.value.message == "身份证号码中的地区代码不正确"


@pytest.mark.parametrize("prefix", ["81", "82", "83", "71", "65", "46"])
def test_permit_and_edge_province_prefixes_accepted(prefix: str) -> None:
    number = _with_check(f"{prefix}000019900101001")
    assert validate_resident_id(number, today=TODAY) == number


@pytest.mark.parametrize(
    "birth",
    ["18991231", "19900230", "20261130", "20991231", "19901301", "00000000"],
)
def test_impossible_birth_dates_rejected(birth: str) -> None:
    with pytest.raises(ResidentIDInvalid) as exc:
        validate_resident_id(_with_check(f"110101{birth}001"), today=TODAY)
    assert reason(exc) == "birth_date"


def test_birth_today_accepted_and_leap_day() -> None:
    assert validate_resident_id(_with_check("11010120261129001"), today=TODAY)
    assert validate_resident_id(_with_check("11010120000229001"), today=TODAY)
    with pytest.raises(ResidentIDInvalid):
        validate_resident_id(_with_check("11010119000229001"), today=TODAY)  # 1900: no leap


def test_make_resident_id_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="6 digits"):
        make_resident_id("11010")
    with pytest.raises(ValueError, match="province"):
        make_resident_id("910101")
    with pytest.raises(ValueError, match="0-999"):
        make_resident_id(seq=1000)


# --------------------------------------------------------------------------- USCC


def test_known_uscc() -> None:
    assert validate_uscc("91350100M000100Y43") == "91350100M000100Y43"
    assert validate_uscc(" 91350100m000100y43 ") == "91350100M000100Y43"
    assert uscc_check_char("91350100M000100Y4") == "3"


def test_national_level_division_accepted() -> None:
    code = make_uscc("1", "1", "100000", org_code="000013338")
    assert validate_uscc(code) == code


uscc_args = st.tuples(
    st.sampled_from(
        [("9", "1"), ("9", "2"), ("9", "3"), ("1", "1"), ("5", "1"), ("5", "3"), ("Y", "1")]
    ),
    regions,
    st.integers(0, 31**6 - 1),
)


@given(uscc_args)
def test_generated_usccs_validate(args: tuple[tuple[str, str], str, int]) -> None:
    (authority, category), region, seq = args
    code = make_uscc(authority, category, region, seq=seq)
    assert len(code) == 18
    assert validate_uscc(code) == code


@given(uscc_args, st.data())
def test_uscc_any_other_check_char_fails(
    args: tuple[tuple[str, str], str, int], data: st.DataObject
) -> None:
    (authority, category), region, seq = args
    code = make_uscc(authority, category, region, seq=seq)
    wrong = data.draw(st.sampled_from([c for c in USCC_CHARSET if c != code[-1]]))
    with pytest.raises(USCCInvalid) as exc:
        validate_uscc(code[:-1] + wrong)
    assert reason(exc) == "checksum"
    assert exc.value.code == "uscc_invalid"


@given(uscc_args, st.integers(8, 16), st.data())
def test_uscc_any_subject_code_change_fails(
    args: tuple[tuple[str, str], str, int], pos: int, data: st.DataObject
) -> None:
    (authority, category), region, seq = args
    code = make_uscc(authority, category, region, seq=seq)
    repl = data.draw(st.sampled_from([c for c in USCC_CHARSET if c != code[pos]]))
    with pytest.raises(USCCInvalid):
        validate_uscc(code[:pos] + repl + code[pos + 1 :])


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("91350100I000100Y43", "charset"),  # I, O, S, V, Z are not in the charset
        ("91350100O000100Y43", "charset"),
        ("91350100M0001-0Y43", "charset"),
        ("B1350100M000100Y43", "authority"),
        ("94350100M000100Y43", "category"),
        ("9135A100M000100Y43", "region"),
        ("91000000M000100Y43", "region"),
    ],
)
def test_uscc_rejections(raw: str, why: str) -> None:
    with pytest.raises(USCCInvalid) as exc:
        validate_uscc(raw)
    assert reason(exc) == why


def test_make_uscc_rejects_bad_charset() -> None:
    with pytest.raises(ValueError, match="charset"):
        make_uscc(org_code="MA00000I1")


# --------------------------------------------------------------------------- bank card


def test_known_luhn_numbers() -> None:
    assert validate_bank_card("4111111111111111") == "4111111111111111"
    assert validate_bank_card("4111-1111-1111-1111") == "4111111111111111"
    assert validate_bank_card("４１１１　１１１１　１１１１　１１１１") == "4111111111111111"
    assert validate_bank_card("4111 1111 1111 1111") == "4111111111111111"
    assert validate_bank_card("6222 0212 3456 7890 128")[:6] == "622202"


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("4111111111111112", "checksum"),
        ("41111111111", "format"),  # 11 digits
        ("41111111111111111111", "format"),  # 20 digits
        ("4111/1111/1111/1111", "format"),
        ("", "format"),
    ],
)
def test_bank_card_rejections(raw: str, why: str) -> None:
    with pytest.raises(BankCardInvalid) as exc:
        validate_bank_card(raw)
    assert reason(exc) == why
    assert exc.value.code == "bank_card_invalid"


@given(st.integers(12, 19), st.integers(0, 10**5 - 1), st.sampled_from(["622202", "4", "62"]))
def test_generated_cards_validate(length: int, seq: int, prefix: str) -> None:
    card = make_bank_card(prefix, length, seq)
    assert len(card) == length
    assert card.startswith(prefix)
    assert validate_bank_card(card) == card


@given(st.integers(12, 19), st.integers(0, 10**5 - 1), st.data())
def test_card_any_single_digit_change_fails(length: int, seq: int, data: st.DataObject) -> None:
    card = make_bank_card("622202", length, seq)
    pos = data.draw(st.integers(0, length - 1))
    delta = data.draw(st.integers(1, 9))
    changed = card[:pos] + str((int(card[pos]) + delta) % 10) + card[pos + 1 :]
    with pytest.raises(BankCardInvalid):
        validate_bank_card(changed)


def test_make_bank_card_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="12-19"):
        make_bank_card(length=20)
    with pytest.raises(ValueError, match="fit"):
        make_bank_card("622202", 12, 10**6)
    with pytest.raises(ValueError, match="negative"):
        make_bank_card(seq=-1)


# --------------------------------------------------------------------------- as typed

FULL_WIDTH = str.maketrans("0123456789+- ", "０１２３４５６７８９＋－\u3000")
mobiles = st.builds(
    make_mobile, st.sampled_from(["13", "15", "17", "18", "19"]), st.integers(0, 10**9 - 1)
)
separators = st.sampled_from(["", " ", "-", "\u3000", ".", "\u2013", "\u00a0"])


@st.composite
def typed_mobiles(draw: st.DrawFn) -> tuple[str, str]:
    number = draw(mobiles)
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "0086 ", "86", "(+86) ", "+86-"]))
    body = "".join(d + draw(separators) for d in number[:-1]) + number[-1]
    text = prefix + body
    widen = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    text = "".join(c.translate(FULL_WIDTH) if w else c for c, w in zip(text, widen, strict=True))
    return number, draw(st.sampled_from(["", " ", "\t"])) + text + draw(st.sampled_from(["", " "]))


@given(typed_mobiles())
def test_mobile_as_people_type_it(case: tuple[str, str]) -> None:
    number, typed = case
    assert validate_mobile(typed) == number


@given(st.text(alphabet=st.sampled_from("0123456789０１２３+＋- ()86１3"), max_size=24))
def test_mobile_never_guesses(typed: str) -> None:
    # Whatever is accepted is exactly the last eleven digits typed, and a mobile number.
    try:
        number = validate_mobile(typed)
    except PhoneInvalid:
        return
    digits = "".join(c for c in unicodedata.normalize("NFKC", typed) if c.isdigit())
    assert digits.endswith(number)
    assert len(digits) - len(number) in (0, 2, 4)  # nothing, 86 or 0086 in front
    assert number.isascii()
    assert len(number) == 11
    assert number[0] == "1"


@given(st.text(min_size=6, max_size=6, alphabet="0123456789"), st.data())
def test_full_width_sms_code_is_the_same_code(code: str, data: st.DataObject) -> None:
    widen = data.draw(st.lists(st.booleans(), min_size=6, max_size=6))
    typed = "".join(c.translate(FULL_WIDTH) if w else c for c, w in zip(code, widen, strict=True))
    assert validate_sms_code(typed) == code
    assert validate_sms_code(f" {code[:3]} {code[3:]} ") == code


@pytest.mark.parametrize("raw", ["", "12345", "1234567", "12345a", "١٢٣٤٥٦", "123\x00456"])
def test_sms_code_rejects(raw: str) -> None:
    with pytest.raises(SMSCodeInvalid) as exc:
        validate_sms_code(raw)
    assert exc.value.code == "sms_code_invalid"


# --------------------------------------------------------------------------- names

# CJK Unified Ideographs extensions B-G (GB 18030-2022), as assigned in Unicode 14.
EXT_B_TO_G = st.one_of(
    st.integers(0x20000, 0x2A6DF),  # B
    st.integers(0x2A700, 0x2B738),  # C
    st.integers(0x2B740, 0x2B81D),  # D
    st.integers(0x2B820, 0x2CEA1),  # E
    st.integers(0x2CEB0, 0x2EBE0),  # F
    st.integers(0x30000, 0x3134A),  # G
).map(chr)
BMP_HAN = st.integers(0x4E00, 0x9FA5).map(chr)


def test_rare_character_names_are_real_names() -> None:
    assert validate_person_name("𠮷野家") == "𠮷野家"  # U+20BB7, extension B
    assert validate_person_name("王\U0002b740") == "王\U0002b740"


@given(st.lists(st.one_of(EXT_B_TO_G, BMP_HAN), min_size=2, max_size=30))
def test_names_with_extension_b_to_g_characters_validate(chars: list[str]) -> None:
    name = "".join(chars)
    assert validate_person_name(name) == name
    assert validate_person_name(f" {name}\u3000") == name
