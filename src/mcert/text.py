"""Free text that a person reads: one normaliser and one pydantic type for all of it.

Whatever a client sends that a holder later approves on the phone (an RP's ``display_text``,
document labels), that an operator reviews (company names, reject reasons) or that goes into a
certificate (company names) must be what it looks like. :func:`clean_text` therefore

* normalises to NFC (NFKC for names that go into certificates, like person names in
  :func:`mcert.providers.realname.validate_person_name`), trims and, for single-line text,
  collapses runs of white space into one space;
* refuses every character that is not visible text: C0/C1 controls (NUL, ESC, DEL …), format
  characters (bidi overrides and isolates such as U+202E, zero-width U+200B-U+200F, U+2060,
  U+FEFF, soft hyphen, tag characters), default-ignorable code points (variation selectors,
  Hangul fillers), line/paragraph separators, surrogates, private-use and unassigned code
  points, and runs of more than :data:`MAX_COMBINING_RUN` combining marks;
* bounds the length (in code points, after normalisation).

A refusal is :class:`TextInvalid` (``text_invalid``, 422) with the field and the rule in its
details; it never echoes the text. ``Annotated[str, Text(n)]`` is the type for schemas, HTTP
form fields and query parameters (``DisplayText`` is the common one);
services and the CLI call :func:`clean_text` / :func:`clean_company_name`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from mcert.errors import InvalidInput

__all__ = [
    "MAX_COMBINING_RUN",
    "DisplayText",
    "Text",
    "TextInvalid",
    "clean_company_name",
    "clean_text",
    "forbidden_char",
]

MAX_COMBINING_RUN = 3


class TextInvalid(InvalidInput, ValueError):
    """Text with a character a reader cannot see, or of the wrong length.

    Also a ``ValueError`` so that pydantic reports it per field; the HTTP layer surfaces the
    code and message (``mcert.http.errors``).
    """

    code = "text_invalid"
    default_message = "内容包含不可见字符或控制字符，请删除后重试"


# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt) that are not already in
# a refused general category: invisible in every renderer. Plus U+2800 BRAILLE PATTERN BLANK,
# the usual "blank" that passes for a space.
_IGNORABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong / jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors, vowel separator
    (0x2800, 0x2800),  # braille pattern blank
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),
    (0x1D173, 0x1D17A),  # musical symbol formatting
    (0xE0000, 0xE0FFF),  # tags, variation selectors supplement
)
# Cc controls, Cf format (bidi, zero-width, BOM, soft hyphen), Cs surrogates, Co private use,
# Cn unassigned (and noncharacters), Zl/Zp line and paragraph separators.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# Ordinary white space (ASCII and the Zs spaces): collapsed to one space, never refused.
_WS_RUN = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")

Reason = Literal["type", "control", "combining", "length"]


def forbidden_char(ch: str, *, multiline: bool = False) -> bool:
    """True for a character that free text must not contain (see the module docstring)."""
    if multiline and ch == "\n":
        return False
    if unicodedata.category(ch) in _REFUSED_CATEGORIES:
        return True
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _IGNORABLE_RANGES)


def _refuse(reason: Reason, field: str | None, message: str | None = None) -> TextInvalid:
    details: dict[str, Any] = {"reason": reason}
    if field:
        details["field"] = field
    return TextInvalid(message, details=details)


def clean_text(
    value: object,
    *,
    max_length: int,
    min_length: int = 1,
    multiline: bool = False,
    form: Literal["NFC", "NFKC"] = "NFC",
    field: str | None = None,
) -> str:
    """Return ``value`` normalised, or raise :class:`TextInvalid`.

    ``multiline`` keeps line breaks (``\\r\\n`` and ``\\r`` become ``\\n``) and trims each
    line; otherwise every run of white space, line breaks included, becomes one space.
    """
    if not isinstance(value, str):
        raise _refuse("type", field)
    # Bound the work before normalising: NFC never makes text more than 3x longer.
    if len(value) > 4 * max_length + 64:
        raise _refuse("length", field, f"内容过长，最多{max_length}个字")
    text = unicodedata.normalize(form, value)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = [_WS_RUN.sub(" ", line).strip() for line in text.split("\n")]
        text = "\n".join(lines).strip("\n")
    else:
        # A pasted line break or tab is harmless: collapsed rather than refused.
        text = _WS_RUN.sub(" ", text).strip()
    run = 0
    for ch in text:
        if forbidden_char(ch, multiline=multiline):
            raise _refuse("control", field)
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        if run > MAX_COMBINING_RUN:
            raise _refuse("combining", field)
    if len(text) > max_length:
        raise _refuse("length", field, f"内容过长，最多{max_length}个字")
    if len(text) < min_length:
        raise _refuse(
            "length", field, "内容不能为空" if min_length <= 1 else f"内容至少{min_length}个字"
        )
    return text


@dataclass(frozen=True, slots=True)
class Text:
    """``Annotated[str, Text(200)]``: the field runs :func:`clean_text`; bounds show in OpenAPI."""

    max_length: int
    min_length: int = 1
    multiline: bool = False
    form: Literal["NFC", "NFKC"] = "NFC"

    def _validate(self, value: str, info: core_schema.ValidationInfo) -> str:
        return clean_text(
            value,
            max_length=self.max_length,
            min_length=self.min_length,
            multiline=self.multiline,
            form=self.form,
            field=info.field_name,
        )

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(self._validate, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["maxLength"] = self.max_length
        if self.min_length:
            json_schema["minLength"] = self.min_length
        return json_schema


COMPANY_NAME_MAX = 64  # ub-organization-name: the name goes into the certificate's O


def clean_company_name(value: object, *, field: str | None = None) -> str:
    """A company name as it goes into a certificate: NFKC like a person's name, 2-64 chars."""
    return clean_text(value, max_length=COMPANY_NAME_MAX, min_length=2, form="NFKC", field=field)


# An RP's display_text and a document label as the holder approves them on the phone.
DisplayText = Annotated[str, Text(200)]
