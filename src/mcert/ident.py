"""Chinese identifier validation: mobile numbers, SMS codes, resident ID numbers, USCCs and
bank cards, as people type them (full-width digits, spaces, dashes, country codes).

Every validator takes what a holder typed, returns the one normalised form the rest of mCert
stores, compares and blind-indexes, and raises an :class:`~mcert.errors.InvalidInput`
subclass with a Chinese message otherwise. The ``make_*`` generators build values that always
validate, for tests, sandbox providers and documentation.

This module must never log, store or echo the values it checks: error messages and details
name the rule that failed, never the input. It checks structure only (check characters,
dates, region prefixes); it never claims that a person, company or card exists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from mcert.errors import InvalidInput

__all__ = [
    "BankCardInvalid",
    "PhoneInvalid",
    "ResidentID",
    "ResidentIDInvalid",
    "SMSCodeInvalid",
    "USCCInvalid",
    "luhn_check_digit",
    "make_bank_card",
    "make_mobile",
    "make_resident_id",
    "make_uscc",
    "parse_resident_id",
    "resident_id_check_char",
    "uscc_check_char",
    "validate_bank_card",
    "validate_mobile",
    "validate_resident_id",
    "validate_sms_code",
    "validate_uscc",
]


class PhoneInvalid(InvalidInput):
    code = "phone_invalid"
    default_message = "请输入正确的手机号"


class ResidentIDInvalid(InvalidInput):
    code = "id_number_invalid"
    default_message = "请输入正确的身份证号码"


class USCCInvalid(InvalidInput):
    code = "uscc_invalid"
    default_message = "请输入正确的统一社会信用代码"


class BankCardInvalid(InvalidInput):
    code = "bank_card_invalid"
    default_message = "请输入正确的银行卡号"


# Province-level prefixes of GB/T 2260, plus 83: Taiwan residents' residence permits
# (2018) carry 830000 although GB/T 2260 lists Taiwan as 71; 81/82 serve the Hong Kong and
# Macao permits. 91 and friends are absent on purpose: the new foreigners' permanent
# residence card puts a 9 in front of a province code, and mCert does not accept it as a
# resident ID number yet.
PROVINCE_CODES: frozenset[str] = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)


def _typed(s: str) -> str:
    """What a person typed, as ASCII where it can be: NFKC folds full-width digits and
    letters (１３９, ＡＢＣ) and the ideographic space to ASCII; outer white space goes."""
    return unicodedata.normalize("NFKC", s).strip()


# --------------------------------------------------------------------------- mobile

_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
# Separators people put in phone numbers, after NFKC: spaces, hyphens and dashes, dots,
# parentheses around the country code.
_PHONE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212.()]")
_PHONE_CHARS = re.compile(r"\+?[0-9]+")


def validate_mobile(s: str) -> str:
    """Return the 11-digit form of a mainland mobile number, as people write it.

    Accepts full-width digits, separators anywhere (``139 1234 5678``, ``139-1234-5678``,
    ``(+86) 139.1234.5678``) and the country code as ``+86``, ``0086`` or ``86`` in front of
    eleven digits. Nothing is guessed: separators never change the digits, and what is
    left must be exactly a mainland mobile number, so no code goes to a stranger.
    """
    if not isinstance(s, str) or len(s) > 40:
        raise PhoneInvalid()
    t = _PHONE_SEPARATORS.sub("", _typed(s))
    if not _PHONE_CHARS.fullmatch(t):
        raise PhoneInvalid()
    for prefix in ("+86", "0086", "86"):
        if t.startswith(prefix) and len(t) == len(prefix) + 11:
            t = t[len(prefix) :]
            break
    if not _MOBILE_RE.fullmatch(t):
        raise PhoneInvalid()
    return t


# --------------------------------------------------------------------------- SMS code


class SMSCodeInvalid(InvalidInput, ValueError):
    code = "sms_code_invalid"
    default_message = "请输入6位数字验证码"


def validate_sms_code(s: str) -> str:
    """Return the six ASCII digits of an SMS code typed as ``１２３４５６`` or ``123 456``."""
    if not isinstance(s, str) or len(s) > 20:
        raise SMSCodeInvalid()
    t = re.sub(r"[\s\-]", "", _typed(s))
    if not re.fullmatch(r"[0-9]{6}", t):
        raise SMSCodeInvalid()
    return t


def make_mobile(prefix: str = "138", seq: int = 0) -> str:
    """A valid-looking mobile number: ``prefix`` then ``seq`` zero-padded to 11 digits."""
    if seq < 0:
        raise ValueError("seq must not be negative")
    number = prefix + str(seq).zfill(11 - len(prefix))
    if len(number) != 11 or not _MOBILE_RE.fullmatch(number):
        raise ValueError("prefix/seq do not make an 11-digit mobile number")
    return number


# --------------------------------------------------------------------------- resident ID

# GB 11643-1999: weight of position i (0-based from the left) is 2**(17 - i) mod 11.
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)
_ID_RE = re.compile(r"[0-9]{17}[0-9X]")
_MIN_BIRTH = date(1900, 1, 1)

Sex = Literal["M", "F"]


@dataclass(frozen=True, slots=True)
class ResidentID:
    """A structurally valid resident ID number and what it encodes."""

    number: str
    region_code: str
    birth_date: date
    sex: Sex

    def __str__(self) -> str:
        return self.number


def resident_id_check_char(first17: str) -> str:
    """The GB 11643 (ISO 7064 MOD 11-2) check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("need exactly 17 ASCII digits")
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def _id_error(reason: str, message: str) -> ResidentIDInvalid:
    return ResidentIDInvalid(message, details={"reason": reason})


def parse_resident_id(s: str, *, today: date | None = None) -> ResidentID:
    """Validate an 18-character resident ID number and decode its fields.

    ``today`` bounds the birth date; callers with a clock pass ``clock.now()``'s China
    date so tests can freeze it. Checks run format, region, birth date, then checksum, so
    the message names the most specific problem.
    """
    if not isinstance(s, str):
        raise _id_error("format", "身份证号码格式不正确")
    t = re.sub(r"\s", "", _typed(s)).upper() if len(s) <= 40 else s
    if len(t) != 18:
        raise _id_error("length", "身份证号码应为18位")
    if not _ID_RE.fullmatch(t):
        raise _id_error("format", "身份证号码格式不正确")
    if t[:2] not in PROVINCE_CODES:
        raise _id_error("region", "身份证号码中的地区代码不正确")
    try:
        birth = date(int(t[6:10]), int(t[10:12]), int(t[12:14]))
    except ValueError:
        raise _id_error("birth_date", "身份证号码中的出生日期不正确") from None
    if birth < _MIN_BIRTH or birth > (today or date.today()):
        raise _id_error("birth_date", "身份证号码中的出生日期不正确")
    if resident_id_check_char(t[:17]) != t[17]:
        raise _id_error("checksum", "身份证号码校验位不正确，请检查是否输入有误")
    return ResidentID(
        number=t,
        region_code=t[:6],
        birth_date=birth,
        sex="M" if int(t[16]) % 2 == 1 else "F",
    )


def validate_resident_id(s: str, *, today: date | None = None) -> str:
    """Return the normalised (uppercase ``X``) resident ID number; see :func:`parse_resident_id`."""
    return parse_resident_id(s, today=today).number


def make_resident_id(
    region: str = "110101",
    birth: date = date(1990, 1, 1),
    seq: int = 1,
    sex: Sex | None = None,
) -> str:
    """A valid resident ID number.

    ``seq`` (0-999) is the three-digit order code; its last digit is the sex digit, so
    passing ``sex`` bumps ``seq`` to the next value with the right parity.
    """
    if len(region) != 6 or not region.isascii() or not region.isdigit():
        raise ValueError("region must be 6 digits")
    if region[:2] not in PROVINCE_CODES:
        raise ValueError("region must start with a province-level code")
    if not _MIN_BIRTH <= birth:
        raise ValueError("birth must not be before 1900")
    if sex is not None and (seq % 2 == 1) != (sex == "M"):
        seq += 1
    if not 0 <= seq <= 999:
        raise ValueError("seq must be 0-999")
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + resident_id_check_char(first17)


# --------------------------------------------------------------------------- USCC

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_USCC_RE = re.compile(f"[{USCC_CHARSET}]{{18}}")
# Registration authority codes of GB 32100-2015 appendix A. Category codes are checked
# strictly only for market regulation (9: 1 enterprise, 2 individual business, 3 farmers'
# cooperative), where every bidding company sits; for the others the published tables
# differ between sources and a false rejection locks an organisation out, so any 1-9 passes.
_USCC_AUTHORITIES = frozenset("123456789ANY")
_USCC_STRICT_TYPES = {"9": frozenset("123")}


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character: weights 3**i mod 31, result 31 - sum mod 31."""
    if len(first17) != 17 or any(c not in _USCC_VALUE for c in first17):
        raise ValueError("need exactly 17 characters from the USCC charset")
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def _uscc_error(reason: str, message: str = "统一社会信用代码格式不正确") -> USCCInvalid:
    return USCCInvalid(message, details={"reason": reason})


def validate_uscc(s: str) -> str:
    """Return the normalised (uppercase) unified social credit code.

    Checks length, charset, registration authority and category codes, the
    administrative division prefix (positions 3-8) and the check character. The embedded
    organisation code's own GB 11714 check digit is not verified: codes issued to
    individual businesses do not follow it.
    """
    if not isinstance(s, str):
        raise _uscc_error("format")
    t = re.sub(r"\s", "", _typed(s)).upper() if len(s) <= 40 else s
    if len(t) != 18:
        raise _uscc_error("length", "统一社会信用代码应为18位")
    if not _USCC_RE.fullmatch(t):
        raise _uscc_error("charset")
    authority, category, division = t[0], t[1], t[2:8]
    if authority not in _USCC_AUTHORITIES:
        raise _uscc_error("authority")
    if category not in _USCC_STRICT_TYPES.get(authority, "123456789"):
        raise _uscc_error("category")
    # 10xxxx marks registration at national level (e.g. central government bodies).
    if not division.isdigit() or (division[:2] not in PROVINCE_CODES and division[:2] != "10"):
        raise _uscc_error("region")
    if uscc_check_char(t[:17]) != t[17]:
        raise _uscc_error("checksum", "统一社会信用代码校验位不正确，请检查是否输入有误")
    return t


_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _org_code(seq: int) -> str:
    # GB 11714 body: 8 characters, here "MA" + six base-31 USCC characters of seq, then its
    # own check digit (X for 10, 0 for 11), so generated codes look like real new ones.
    if not 0 <= seq < 31**6:
        raise ValueError("seq out of range")
    digits = []
    for _ in range(6):
        seq, r = divmod(seq, 31)
        digits.append(USCC_CHARSET[r])
    body = "MA" + "".join(reversed(digits))
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def make_uscc(
    authority: str = "9",
    category: str = "1",
    region: str = "110108",
    seq: int = 0,
    org_code: str | None = None,
) -> str:
    """A valid unified social credit code (default: a Beijing Haidian enterprise).

    ``org_code`` gives the nine-character subject code; otherwise one is made from ``seq``.
    """
    body = org_code if org_code is not None else _org_code(seq)
    first17 = f"{authority}{category}{region}{body}".upper()
    check = uscc_check_char(first17)  # raises ValueError on length or charset
    code = first17 + check
    validate_uscc(code)
    return code


# --------------------------------------------------------------------------- bank card

_CARD_RE = re.compile(r"[0-9]{12,19}")


def luhn_check_digit(payload: str) -> str:
    """The Luhn digit that makes ``payload + digit`` pass the Luhn check."""
    if not payload or not payload.isascii() or not payload.isdigit():
        raise ValueError("need ASCII digits")
    total = 0
    # Double every second digit counting from the right of the payload, i.e. the digits
    # that will sit in even positions from the right once the check digit is appended.
    for i, c in enumerate(reversed(payload)):
        d = int(c)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def validate_bank_card(s: str) -> str:
    """Return the digits of a 12-19 digit card number with a valid Luhn digit.

    Full-width digits are folded; spaces (as printed on cards) and hyphens are removed; any
    other separator is rejected.
    """
    if not isinstance(s, str):
        raise BankCardInvalid()
    t = re.sub(r"[\s\-]", "", _typed(s)) if len(s) <= 60 else s
    if not _CARD_RE.fullmatch(t):
        raise BankCardInvalid("银行卡号应为12至19位数字", details={"reason": "format"})
    if luhn_check_digit(t[:-1]) != t[-1]:
        raise BankCardInvalid(
            "银行卡号校验失败，请检查是否输入有误", details={"reason": "checksum"}
        )
    return t


def make_bank_card(prefix: str = "622202", length: int = 19, seq: int = 0) -> str:
    """A Luhn-valid card number: ``prefix``, ``seq`` zero-padded, then the check digit."""
    if not 12 <= length <= 19:
        raise ValueError("length must be 12-19")
    if seq < 0:
        raise ValueError("seq must not be negative")
    width = length - len(prefix) - 1
    body = str(seq).zfill(width)
    if width < 0 or len(body) != width or not (prefix.isascii() and prefix.isdigit()):
        raise ValueError("prefix/seq do not fit the length")
    payload = prefix + body
    return payload + luhn_check_digit(payload)
